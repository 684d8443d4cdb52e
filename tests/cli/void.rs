//! `dist/void.ttl`: its counts are what SPARQL counts on the built graph.

use std::collections::BTreeMap;

use crate::support::{Workspace, assert_exit, stdout};

const PREFIX: &str = "PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcat: <http://www.w3.org/ns/dcat#> ";

/// Runs a SELECT on a built file and returns its CSV rows, without the header.
fn select(ws: &Workspace, data: &str, query: &str) -> Vec<Vec<String>> {
    let output = ws.kzlg(&[
        "query",
        "--data",
        data,
        "--format",
        "csv",
        "-e",
        &format!("{PREFIX}{query}"),
    ]);
    assert_exit(&output, 0);
    stdout(&output)
        .lines()
        .skip(1)
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

fn number(ws: &Workspace, data: &str, query: &str) -> u64 {
    let rows = select(ws, data, query);
    assert_eq!(rows.len(), 1, "{query}: {rows:?}");
    rows[0][0].parse().unwrap()
}

#[test]
fn void_counts_match_the_graph() {
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "-q"]), 0);
    let (graph, void) = ("dist/kzlg.nq", "dist/void.ttl");
    let described = |property: &str| {
        number(
            &ws,
            void,
            &format!("SELECT ?n WHERE {{ ?d a void:Dataset, dcat:Dataset ; void:{property} ?n }}"),
        )
    };
    assert_eq!(
        described("triples"),
        number(&ws, graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    );
    assert_eq!(
        described("entities"),
        number(
            &ws,
            graph,
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER STRSTARTS(STR(?s), 'https://w3id.org/kzlg/id/') }"
        )
    );
    assert_eq!(
        described("properties"),
        number(&ws, graph, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")
    );

    let per_class = |data: &str, query: &str| -> BTreeMap<String, String> {
        select(&ws, data, query)
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect()
    };
    let partitions = per_class(
        void,
        "SELECT ?c ?n WHERE { ?d void:classPartition [ void:class ?c ; void:entities ?n ] }",
    );
    let counted = per_class(
        graph,
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
    );
    assert_eq!(partitions, counted);
    assert_eq!(partitions["https://w3id.org/kzlg/ontology#Region"], "1");

    let linksets = per_class(
        void,
        "SELECT ?p ?n WHERE { ?l a void:Linkset ; void:linkPredicate ?p ; void:triples ?n }",
    );
    let links = per_class(
        graph,
        "SELECT ?p (COUNT(*) AS ?n) WHERE { VALUES ?p { owl:sameAs skos:exactMatch kzlg:iso3166_2 kzlg:kato } ?s ?p ?o } GROUP BY ?p",
    );
    assert_eq!(linksets, links);
    // The fixture's links.csv, counted by hand: a former ISO code has no direct triple.
    let expected: BTreeMap<String, String> = [
        ("http://www.w3.org/2002/07/owl#sameAs", "2"),
        ("http://www.w3.org/2004/02/skos/core#exactMatch", "2"),
        ("https://w3id.org/kzlg/ontology#iso3166_2", "1"),
        ("https://w3id.org/kzlg/ontology#kato", "3"),
    ]
    .into_iter()
    .map(|(p, n)| (p.to_owned(), n.to_owned()))
    .collect();
    assert_eq!(linksets, expected);
}

#[test]
fn void_names_title_licence_and_version() {
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "-q"]), 0);
    let rows = select(
        &ws,
        "dist/void.ttl",
        "SELECT ?title ?licence ?version WHERE { ?d a void:Dataset ; dcterms:title ?title ; dcterms:license ?licence ; dcat:version ?version FILTER(?d = <https://w3id.org/kzlg/dataset>) }",
    );
    assert_eq!(
        rows,
        vec![vec![
            "kzlg: the knowledge graph of Kazakhstan's local government".to_owned(),
            "https://creativecommons.org/licenses/by/4.0/".to_owned(),
            env!("CARGO_PKG_VERSION").to_owned()
        ]]
    );
}
