//! The view at another date of a graph loaded from a file: its direct triples restated from
//! its statement nodes, by the same rule the tables are read with, so that `--as-of` gives the
//! same graph whether the query reads the tables or a built `kzlg.nq`.
//!
//! The statements are gathered by one scan of the store per property, not by one SPARQL join:
//! on the on-disk store a join looks every statement up once per property, where a scan reads
//! the index in order. Each scan is a SPARQL pattern rather than `quads_for_pattern`, because
//! the store keeps long terms apart from its indexes and a pattern's solutions read only the
//! two terms they bind, not the predicate too. Only the triples that change are written, in
//! one transaction.

use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::{StorageError, Store};
use rustc_hash::{FxHashMap, FxHashSet};

use super::Period;
use crate::date::Date;
use crate::error::{Error, Result};

/// The classes of the statements whose direct triple depends on the date, and whether it is
/// the tenure's rule (start and end) or the rule of relations and links that applies.
const DATED: [(&str, bool); 3] = [
    (kzlg!("RelationStatement"), false),
    (kzlg!("LinkStatement"), false),
    (kzlg!("Tenure"), true),
];

/// The properties of a statement node that the restatement reads.
#[derive(Clone, Copy)]
enum Field {
    Subject,
    Predicate,
    Object,
    From,
    Until,
    Attested,
    Start,
    End,
}

const FIELDS: [(&str, Field); 8] = [
    (kzlg!("subject"), Field::Subject),
    (kzlg!("predicate"), Field::Predicate),
    (kzlg!("object"), Field::Object),
    (kzlg!("validFrom"), Field::From),
    (kzlg!("validUntil"), Field::Until),
    (kzlg!("attestedOn"), Field::Attested),
    (kzlg!("start"), Field::Start),
    (kzlg!("end"), Field::End),
];

/// What one statement node says: its direct triple and its dates.
#[derive(Default)]
struct Dated {
    tenure: bool,
    subject: Option<NamedNode>,
    predicate: Option<NamedNode>,
    object: Option<Term>,
    from: Option<Date>,
    until: Option<Date>,
    attested: Option<Date>,
    start: Option<Date>,
    end: Option<Date>,
}

impl Dated {
    fn set(&mut self, field: Field, value: Term) {
        let date = || match &value {
            Term::Literal(l) => Date::parse(l.value()).ok(),
            _ => None,
        };
        match field {
            Field::Subject => self.subject = named(value),
            Field::Predicate => self.predicate = named(value),
            Field::Object => self.object = Some(value),
            Field::From => self.from = date(),
            Field::Until => self.until = date(),
            Field::Attested => self.attested = date(),
            Field::Start => self.start = date(),
            Field::End => self.end = date(),
        }
    }

    /// The direct triple, and whether it holds on `date`.
    fn direct(self, date: Date) -> Option<(Quad, bool)> {
        let holds = if self.tenure {
            let period = Period {
                from: self.start,
                until: self.end,
                attested: self.attested,
            };
            period.tenure_holds_on(date)
        } else {
            let period = Period {
                from: self.from,
                until: self.until,
                attested: self.attested,
            };
            period.rule_holds_on(date)
        };
        let quad = Quad::new(self.subject?, self.predicate?, self.object?, GraphNameRef::DefaultGraph);
        Some((quad, holds.is_held()))
    }
}

fn named(term: Term) -> Option<NamedNode> {
    match term {
        Term::NamedNode(n) => Some(n),
        _ => None,
    }
}

/// Rewrites the direct triples of `store` to those that hold on `date`.
pub fn restate(store: &Store, date: Date) -> Result<()> {
    let fail = |e: StorageError| Error::Internal(format!("cannot restate the graph: {e}"));
    let statements = dated_statements(store)?;
    let (mut held, mut ended) = (FxHashSet::default(), FxHashSet::default());
    for (quad, holds) in statements.into_values().filter_map(|s| s.direct(date)) {
        if holds { &mut held } else { &mut ended }.insert(quad);
    }
    let predicates: FxHashSet<NamedNode> = held.iter().chain(&ended).map(|q| q.predicate.clone()).collect();
    let present = direct_triples(store, &predicates)?;
    let mut transaction = store.start_transaction().map_err(fail)?;
    for quad in ended.difference(&held).filter(|q| present.contains(*q)) {
        transaction.remove(quad);
    }
    for quad in held.iter().filter(|q| !present.contains(*q)) {
        transaction.insert(quad);
    }
    transaction.commit().map_err(fail)?;
    let retold = format!(
        "DELETE {{ ?d kzlg:viewDate ?old }} INSERT {{ ?d kzlg:viewDate \"{date}\"^^<{}> }} WHERE {{ ?d kzlg:viewDate ?old }}",
        date.datatype()
    );
    crate::sparql::evaluator()?
        .parse_update(&retold)
        .map_err(|e| Error::Internal(e.to_string()))?
        .on_store(store)
        .execute()
        .map_err(|e| Error::Internal(format!("cannot restate the graph's date: {e}")))?;
    Ok(())
}

/// Every dated statement of the default graph, by its node.
fn dated_statements(store: &Store) -> Result<FxHashMap<NamedOrBlankNode, Dated>> {
    let mut statements: FxHashMap<NamedOrBlankNode, Dated> = FxHashMap::default();
    for (class, tenure) in DATED {
        scan(
            store,
            &format!("SELECT ?s WHERE {{ ?s a <{class}> }}"),
            |statement, _| {
                statements.entry(statement).or_default().tenure |= tenure;
            },
        )?;
    }
    for (property, field) in FIELDS {
        scan(
            store,
            &format!("SELECT ?s ?o WHERE {{ ?s <{property}> ?o }}"),
            |statement, value| {
                if let (Some(dated), Some(value)) = (statements.get_mut(&statement), value) {
                    dated.set(field, value);
                }
            },
        )?;
    }
    Ok(statements)
}

/// The triples of the default graph with one of `predicates`: those a restatement may change.
fn direct_triples(store: &Store, predicates: &FxHashSet<NamedNode>) -> Result<FxHashSet<Quad>> {
    let mut present = FxHashSet::default();
    for predicate in predicates {
        scan(
            store,
            &format!("SELECT ?s ?o WHERE {{ ?s <{}> ?o }}", predicate.as_str()),
            |s, o| {
                if let Some(o) = o {
                    present.insert(Quad::new(s, predicate.clone(), o, GraphNameRef::DefaultGraph));
                }
            },
        )?;
    }
    Ok(present)
}

/// Runs `query` (a pattern binding ?s, and maybe ?o) on the default graph, giving `each` every
/// solution whose ?s is an IRI or a blank node.
fn scan(store: &Store, query: &str, mut each: impl FnMut(NamedOrBlankNode, Option<Term>)) -> Result<()> {
    let QueryResults::Solutions(solutions) = crate::sparql::evaluator()?
        .parse_query(query)
        .map_err(|e| Error::Internal(e.to_string()))?
        .on_store(store)
        .execute()
        .map_err(crate::sparql::evaluation_error)?
    else {
        return Err(Error::Internal(format!("{query} is no SELECT")));
    };
    for solution in solutions {
        let solution = solution.map_err(crate::sparql::evaluation_error)?;
        let subject = match solution.get("s") {
            Some(Term::NamedNode(n)) => NamedOrBlankNode::from(n.clone()),
            Some(Term::BlankNode(b)) => NamedOrBlankNode::from(b.clone()),
            _ => continue,
        };
        each(subject, solution.get("o").cloned());
    }
    Ok(())
}
