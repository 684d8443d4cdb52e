//! The SHACL shapes are written by hand beside the schema; these tests hold them to it, shape by
//! shape: every `sh:in` list equals the choices the schema gives that property for the classes
//! the shape targets, and every list of relations in a shape's SPARQL or targets equals the
//! schema's relations.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNodeRef, NamedOrBlankNode, Term, TermRef, Triple};

use super::{Cell, RELATIONS, Rdf, SCHEMES, SHAPES_TTL, Shape, TABLES, term_name};

const SH: &str = "http://www.w3.org/ns/shacl#";

fn sh(local: &str) -> String {
    format!("{SH}{local}")
}

fn shapes() -> Graph {
    let mut graph = Graph::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(SHAPES_TTL.as_bytes()) {
        graph.insert(&Triple::from(quad.expect("the shapes parse")));
    }
    graph
}

fn objects<'a>(graph: &'a Graph, subject: &NamedOrBlankNode, predicate: &str) -> Vec<TermRef<'a>> {
    graph
        .objects_for_subject_predicate(subject, NamedNodeRef::new_unchecked(predicate))
        .collect()
}

fn node(term: TermRef<'_>) -> Option<NamedOrBlankNode> {
    match term {
        TermRef::NamedNode(n) => Some(n.into_owned().into()),
        TermRef::BlankNode(b) => Some(b.into_owned().into()),
        _ => None,
    }
}

/// The members of an RDF list, written as the schema's choices are compared: IRIs in full,
/// literals by their value in quotes.
fn list(graph: &Graph, head: TermRef<'_>) -> BTreeSet<String> {
    let mut items = BTreeSet::new();
    let mut cell = node(head);
    while let Some(at) = cell {
        let Some(first) = objects(graph, &at, rdf!("first")).first().copied() else {
            break;
        };
        items.insert(written(first));
        cell = objects(graph, &at, rdf!("rest")).first().copied().and_then(node);
    }
    items
}

fn written(term: TermRef<'_>) -> String {
    match term {
        TermRef::Literal(l) => format!("\"{}\"", l.value()),
        other => Term::from(other).to_string().trim_matches(['<', '>']).to_owned(),
    }
}

/// What the schema allows on `path` for nodes of the tables whose rows have one of `classes`.
fn allowed(classes: &BTreeSet<String>, path: &str) -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for table in TABLES.iter().filter(|t| t.classes.iter().any(|c| classes.contains(*c))) {
        if path == kzlg!("predicate") {
            match table.shape {
                Shape::Quantity => values.extend(
                    table
                        .all_columns()
                        .filter(|c| c.name == "property")
                        .flat_map(|c| choices(c.cell))
                        .map(|p| format!("{}{p}", crate::vocab::KZLG)),
                ),
                Shape::Link => values.extend(SCHEMES.iter().map(|s| s.predicate.to_owned())),
                _ => {}
            }
            continue;
        }
        for column in table.all_columns() {
            for mapping in column.rdf {
                let term = |choice: &str| format!("{}{}", crate::vocab::KZLG, term_name(choice));
                let value = |choice: &str| match mapping {
                    Rdf::Term(p) if *p == path => Some(term(choice)),
                    Rdf::Relation(p) if *p == path => Some(format!("{}{choice}", crate::vocab::KZLG)),
                    // A type that is the table's own class (a law of type `Law`) adds no type.
                    Rdf::Class if path == rdf!("type") && !table.classes.contains(&term(choice).as_str()) => {
                        Some(term(choice))
                    }
                    Rdf::Literal(p) if *p == path => Some(format!("\"{choice}\"")),
                    _ => None,
                };
                values.extend(choices(column.cell).iter().filter_map(|c| value(c)));
            }
        }
    }
    values
}

fn choices(cell: Cell) -> &'static [&'static str] {
    match cell {
        Cell::OneOf(choices) => choices,
        _ => &[],
    }
}

/// Every `sh:in` list of every property shape, keyed by `shape path`, beside what the schema
/// allows there.
fn sh_in_lists(graph: &Graph) -> BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> {
    let mut lists = BTreeMap::new();
    for shape in graph.subjects_for_predicate_object(
        NamedNodeRef::new_unchecked(rdf!("type")),
        NamedNodeRef::new_unchecked(&sh("NodeShape")),
    ) {
        let shape = shape.into_owned();
        let classes: BTreeSet<String> = objects(graph, &shape, &sh("targetClass"))
            .into_iter()
            .map(written)
            .collect();
        for property in objects(graph, &shape, &sh("property")).into_iter().filter_map(node) {
            let Some(path) = objects(graph, &property, &sh("path")).first().map(|p| written(*p)) else {
                continue;
            };
            let qualified = objects(graph, &property, &sh("qualifiedValueShape"))
                .into_iter()
                .filter_map(node);
            for holder in std::iter::once(property.clone()).chain(qualified) {
                for head in objects(graph, &holder, &sh("in")) {
                    lists.insert(
                        format!(
                            "{} {}",
                            crate::vocab::compact(&written(shape.as_ref().into())),
                            crate::vocab::compact(&path)
                        ),
                        (list(graph, head), allowed(&classes, &path)),
                    );
                }
            }
        }
    }
    lists
}

#[test]
fn every_sh_in_list_equals_the_schema_shape_by_shape() {
    let graph = shapes();
    let lists = sh_in_lists(&graph);
    assert!(lists.len() >= 12, "only {} sh:in lists found", lists.len());
    let mut problems = Vec::new();
    for (at, (shape, schema)) in &lists {
        let missing: Vec<_> = schema.difference(shape).collect();
        let extra: Vec<_> = shape.difference(schema).collect();
        if !missing.is_empty() || !extra.is_empty() {
            problems.push(format!("{at}: missing {missing:?}, not in the schema {extra:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_choice_column_of_the_schema_has_its_sh_in_list() {
    let lists = sh_in_lists(&shapes());
    let listed: BTreeSet<&String> = lists.values().flat_map(|(shape, _)| shape).collect();
    for table in TABLES {
        for column in table.all_columns() {
            let Cell::OneOf(choices) = column.cell else { continue };
            let Some(mapping) = column.rdf.first() else { continue }; // predicates, schemes: checked as relations
            for choice in choices
                .iter()
                .filter(|c| !table.classes.contains(&format!("{}{c}", crate::vocab::KZLG).as_str()))
            {
                let written = match mapping {
                    Rdf::Literal(_) => format!("\"{choice}\""),
                    Rdf::Relation(_) => format!("{}{choice}", crate::vocab::KZLG),
                    _ => format!("{}{}", crate::vocab::KZLG, term_name(choice)),
                };
                assert!(
                    listed.contains(&written),
                    "{}.{}: {written} is in no sh:in list",
                    table.name,
                    column.name
                );
            }
        }
    }
}

/// The relation IRIs a list in SPARQL text names: `(kzlg:a, kzlg:b)` after `IN`.
fn sparql_lists(text: &str) -> Vec<BTreeSet<String>> {
    text.split(" IN (")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|items| {
            items
                .split(',')
                .map(|item| item.trim().replace("kzlg:", crate::vocab::KZLG))
                .collect()
        })
        .collect()
}

#[test]
fn every_list_of_relations_in_the_shapes_equals_the_schema() {
    let graph = shapes();
    let all: BTreeSet<String> = RELATIONS.iter().map(|r| r.iri.to_owned()).collect();
    // Relations whose direct triples a column writes too (units.csv's part_of) are exempt from
    // the rule that every direct triple has its statement.
    let column_stated: BTreeSet<String> = TABLES
        .iter()
        .flat_map(|t| t.all_columns())
        .flat_map(|c| c.rdf)
        .filter_map(|r| match r {
            Rdf::Link(p) if all.contains(*p) => Some((*p).to_owned()),
            _ => None,
        })
        .collect();
    let stated_only: BTreeSet<String> = all.difference(&column_stated).cloned().collect();
    let mut checked = 0;
    for shape in graph.subjects_for_predicate_object(
        NamedNodeRef::new_unchecked(rdf!("type")),
        NamedNodeRef::new_unchecked(&sh("NodeShape")),
    ) {
        let shape = shape.into_owned();
        let targets: BTreeSet<String> = objects(&graph, &shape, &sh("targetSubjectsOf"))
            .into_iter()
            .map(written)
            .collect();
        let expected = if targets.is_empty() { &all } else { &stated_only };
        let mut lists = vec![targets.clone()];
        for constraint in objects(&graph, &shape, &sh("sparql")).into_iter().filter_map(node) {
            for select in objects(&graph, &constraint, &sh("select")) {
                if let TermRef::Literal(text) = select {
                    lists.extend(sparql_lists(text.value()));
                }
            }
        }
        for found in lists.into_iter().filter(|l| l.iter().any(|r| all.contains(r))) {
            checked += 1;
            let name = crate::vocab::compact(&written(shape.as_ref().into()));
            let missing: Vec<_> = expected.difference(&found).collect();
            let extra: Vec<_> = found.difference(expected).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{name} lacks {missing:?} and lists {extra:?}"
            );
        }
    }
    assert!(checked >= 4, "only {checked} lists of relations found");
}

/// The ontology declares every relation of the schema with the schema's English label, and every
/// unit type as a class under the broader type the schema names.
#[test]
fn the_ontology_declares_each_relation_and_unit_type_as_the_schema_does() {
    let mut ontology = Graph::new();
    let text = include_str!("../../ontology/kzlg.ttl");
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
        ontology.insert(&Triple::from(quad.expect("the ontology parses")));
    }
    let english_label = |iri: &str| -> Option<String> {
        objects(
            &ontology,
            &NamedNodeRef::new_unchecked(iri).into_owned().into(),
            rdfs!("label"),
        )
        .into_iter()
        .find_map(|t| match t {
            TermRef::Literal(l) if l.language() == Some("en") => Some(l.value().to_owned()),
            _ => None,
        })
    };
    for relation in RELATIONS.iter().chain([&super::HOLDS, &super::PARTICIPANT]) {
        if relation.iri.starts_with(crate::vocab::KZLG) {
            assert_eq!(
                english_label(relation.iri).as_deref(),
                Some(relation.label),
                "{}",
                relation.name
            );
        }
    }
    for unit in &super::UNIT_TYPES {
        let class: NamedOrBlankNode = NamedNodeRef::new_unchecked(&format!("{}{}", crate::vocab::KZLG, unit.name))
            .into_owned()
            .into();
        let broader: Vec<String> = objects(&ontology, &class, rdfs!("subClassOf"))
            .into_iter()
            .map(written)
            .collect();
        let expected = format!(
            "{}{}",
            crate::vocab::KZLG,
            unit.subclass_of.unwrap_or("AdministrativeUnit")
        );
        assert!(
            broader.contains(&expected),
            "{} is not a subclass of {expected}: {broader:?}",
            unit.name
        );
    }
}
