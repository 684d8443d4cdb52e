//! Labels for `--labels`: the English label of an IRI, else any label, from the data and the
//! ontology. Terms of a result are relabelled after the query ([`Labeller`]); a `GROUP_CONCAT`
//! of IRIs is one string by then, so the query itself is rewritten ([`label_concatenations`]):
//! each value is labelled before it is joined, `GROUP_CONCAT(?post)` evaluating as
//! `GROUP_CONCAT(label(?post))`. Splitting the joined string at the separator instead would
//! break on an IRI or separator that holds the other.

use std::collections::HashMap;
use std::sync::Arc;

use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Term};
use oxigraph::sparql::QuerySolution;
use oxigraph::store::Store;
use spargebra::Query;
use spargebra::algebra::{AggregateExpression, AggregateFunction, Expression, Function, GraphPattern};

/// The name of the labelling function the rewritten query calls; not a term of the graph.
const LABEL_FUNCTION: &str = "urn:kzlg:label";

/// Every label of the store, the best per IRI: English, then without a language, then any.
pub fn all_labels(store: &Store) -> HashMap<String, String> {
    let mut best: HashMap<String, (u8, String)> = HashMap::new();
    let label = NamedNodeRef::new_unchecked(rdfs!("label"));
    for quad in store.quads_for_pattern(None, Some(label), None, None).flatten() {
        let (oxigraph::model::NamedOrBlankNode::NamedNode(subject), Term::Literal(literal)) =
            (&quad.subject, &quad.object)
        else {
            continue;
        };
        let rank = match literal.language() {
            Some("en") => 0,
            None => 1,
            Some(_) => 2,
        };
        let entry = best.entry(subject.as_str().to_owned());
        match entry {
            std::collections::hash_map::Entry::Occupied(mut kept) if rank < kept.get().0 => {
                kept.insert((rank, literal.value().to_owned()));
            }
            std::collections::hash_map::Entry::Occupied(_) => {}
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((rank, literal.value().to_owned()));
            }
        }
    }
    best.into_iter().map(|(iri, (_, label))| (iri, label)).collect()
}

/// Replaces IRIs in solutions by their labels; IRIs without one stay.
pub struct Labeller {
    labels: Option<Arc<HashMap<String, String>>>,
}

impl Labeller {
    /// A labeller of `store`'s labels, or one that leaves solutions as they are.
    pub fn new(store: &Store, enabled: bool) -> Self {
        Self {
            labels: enabled.then(|| Arc::new(all_labels(store))),
        }
    }

    /// The labels, for the function a rewritten query calls.
    pub fn labels(&self) -> Option<Arc<HashMap<String, String>>> {
        self.labels.clone()
    }

    pub fn term(&self, term: Term) -> Term {
        match (&self.labels, &term) {
            (Some(labels), Term::NamedNode(node)) => labels
                .get(node.as_str())
                .map_or(term, |label| Literal::new_simple_literal(label).into()),
            _ => term,
        }
    }

    pub fn relabel(&self, solution: QuerySolution) -> QuerySolution {
        if self.labels.is_none() {
            return solution;
        }
        let variables = solution.variables().to_vec();
        let values: Vec<Option<Term>> = solution
            .values()
            .iter()
            .map(|value| value.clone().map(|term| self.term(term)))
            .collect();
        QuerySolution::from((variables, values))
    }
}

/// The labelling function the rewritten query calls, and its name: an IRI, or a plain string
/// that is one (`STR(?post)`, which `GROUP_CONCAT` needs), becomes its label; anything else,
/// or an IRI without a label, stays as it is.
pub fn label_function(
    labels: Arc<HashMap<String, String>>,
) -> (NamedNode, impl Fn(&[Term]) -> Option<Term> + Send + Sync) {
    let function = move |args: &[Term]| -> Option<Term> {
        let term = args.first()?;
        let iri = match term {
            Term::NamedNode(node) => node.as_str(),
            Term::Literal(literal) if literal.language().is_none() => literal.value(),
            _ => return Some(term.clone()),
        };
        Some(
            labels
                .get(iri)
                .map_or_else(|| term.clone(), |label| Literal::new_simple_literal(label).into()),
        )
    };
    (NamedNode::new_unchecked(LABEL_FUNCTION), function)
}

/// `query` with each `GROUP_CONCAT` of its result labelling its values before joining them.
/// Only the grouping that makes the result is rewritten (under projection, `DISTINCT`,
/// `ORDER BY`, `LIMIT` and `BIND`): a `GROUP_CONCAT` in a sub-query or under `HAVING` feeds
/// the rest of the query, whose answer must not change. Whether a rewrite happened is returned.
pub fn label_concatenations(query: &mut Query) -> bool {
    let pattern = match query {
        Query::Select { pattern, .. } => pattern,
        _ => return false,
    };
    rewrite(pattern)
}

fn rewrite(pattern: &mut GraphPattern) -> bool {
    match pattern {
        GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Extend { inner, .. } => rewrite(inner),
        GraphPattern::Group { aggregates, .. } => {
            let mut rewritten = false;
            for (_, aggregate) in aggregates {
                if let AggregateExpression::FunctionCall {
                    name: AggregateFunction::GroupConcat { .. },
                    expr,
                    ..
                } = aggregate
                {
                    let inner = std::mem::replace(expr, Expression::Literal(Literal::new_simple_literal("")));
                    *expr = Expression::FunctionCall(
                        Function::Custom(NamedNode::new_unchecked(LABEL_FUNCTION)),
                        vec![inner],
                    );
                    rewritten = true;
                }
            }
            rewritten
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(text: &str) -> (bool, String) {
        let mut query = spargebra::SparqlParser::new().parse_query(text).unwrap();
        let done = label_concatenations(&mut query);
        (done, query.to_string())
    }

    #[test]
    fn the_result_s_group_concat_is_rewritten() {
        let (done, text) = rewritten(
            "SELECT ?t (GROUP_CONCAT(STR(?p); separator=\", \") AS ?ps) WHERE { ?p a ?t } GROUP BY ?t ORDER BY ?t LIMIT 3",
        );
        assert!(done);
        assert!(text.contains("<urn:kzlg:label>(STR(?p))"), "{text}");
    }

    #[test]
    fn a_group_concat_under_having_or_in_a_sub_query_is_left_alone() {
        for text in [
            "SELECT ?t (GROUP_CONCAT(STR(?p)) AS ?ps) WHERE { ?p a ?t } GROUP BY ?t HAVING(CONTAINS(?ps, \"x\"))",
            "SELECT ?ps WHERE { { SELECT (GROUP_CONCAT(STR(?p)) AS ?ps) WHERE { ?p a ?t } } FILTER(?ps != \"\") }",
        ] {
            let (done, rewritten) = rewritten(text);
            assert!(!done, "{rewritten}");
        }
    }
}
