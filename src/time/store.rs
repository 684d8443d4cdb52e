//! The view at another date of a graph loaded from a file: its direct triples restated from
//! its statement nodes, by the same rule the tables are read with, so that `--as-of` gives the
//! same graph whether the query reads the tables or a built `kzlg.nq`.

use std::collections::HashSet;

use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;

use super::Period;
use crate::date::Date;
use crate::error::{Error, Result};

/// Every statement whose direct triple depends on the date: rules, links and tenures.
const DATED: &str = "SELECT ?st ?s ?p ?o ?from ?until ?attested ?start ?end ?tenure WHERE {
    { ?st a kzlg:RelationStatement } UNION { ?st a kzlg:LinkStatement } UNION { ?st a kzlg:Tenure }
    ?st kzlg:subject ?s ; kzlg:predicate ?p ; kzlg:object ?o .
    OPTIONAL { ?st kzlg:validFrom ?from } OPTIONAL { ?st kzlg:validUntil ?until }
    OPTIONAL { ?st kzlg:attestedOn ?attested }
    OPTIONAL { ?st kzlg:start ?start } OPTIONAL { ?st kzlg:end ?end }
    BIND (EXISTS { ?st a kzlg:Tenure } AS ?tenure)
}";

/// Rewrites the direct triples of `store` to those that hold on `date`.
pub fn restate(store: &Store, date: Date) -> Result<()> {
    let QueryResults::Solutions(solutions) = crate::sparql::evaluator()?
        .parse_query(DATED)
        .map_err(|e| Error::Internal(e.to_string()))?
        .on_store(store)
        .execute()
        .map_err(crate::sparql::evaluation_error)?
    else {
        return Err(Error::Internal("the dated statements query is no SELECT".to_owned()));
    };
    let (mut held, mut ended) = (HashSet::new(), HashSet::new());
    for solution in solutions {
        let solution = solution.map_err(crate::sparql::evaluation_error)?;
        let date_of = |name: &str| match solution.get(name) {
            Some(Term::Literal(l)) => Date::parse(l.value()).ok(),
            _ => None,
        };
        let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) =
            (solution.get("s"), solution.get("p"), solution.get("o"))
        else {
            continue;
        };
        let tenure = matches!(solution.get("tenure"), Some(Term::Literal(l)) if l.value() == "true");
        let holds = if tenure {
            let period = Period {
                from: date_of("start"),
                until: date_of("end"),
                attested: date_of("attested"),
            };
            period.tenure_holds_on(date)
        } else {
            let period = Period {
                from: date_of("from"),
                until: date_of("until"),
                attested: date_of("attested"),
            };
            period.rule_holds_on(date)
        };
        let quad = Quad::new(
            NamedOrBlankNode::from(s.clone()),
            p.clone(),
            o.clone(),
            GraphName::DefaultGraph,
        );
        if holds.is_held() { &mut held } else { &mut ended }.insert(quad);
    }
    let fail = |e: oxigraph::store::StorageError| Error::Internal(format!("cannot restate the graph: {e}"));
    for quad in ended.difference(&held) {
        store.remove(quad).map_err(fail)?;
    }
    for quad in &held {
        store.insert(quad).map_err(fail)?;
    }
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
