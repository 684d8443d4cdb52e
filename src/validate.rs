//! Checking the graph against the SHACL shapes of `ontology/shapes.ttl`, with rudof's SHACL engine
//! (the `shacl` crate: SHACL Core and SPARQL-based constraints, native Rust). CI runs pySHACL on
//! the same graphs and shapes and checks that both engines find the same results.

use std::collections::HashMap;
use std::path::Path;

use oxigraph::model::{NamedOrBlankNode, Term};

use rudof_rdf::rdf_core::RDFFormat;
use rudof_rdf::rdf_impl::ReaderMode;
use shacl::ir::IRSchema;
use shacl::rdf::ShaclParser;
use shacl::validator::processor::{DataValidation, ShaclProcessor};
use shacl::validator::{ShaclConfig, ShaclValidationMode};
use sparql_service::RdfData;

use crate::error::{Error, Result};
use crate::output::canonical::SortedTriples;
pub use crate::schema::SHAPES_TTL;
use crate::vocab::compact;

/// One violation: which node, along which path, with which value, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    pub focus: String,
    pub path: Option<String>,
    pub value: Option<String>,
    /// The SHACL constraint component, e.g. `sh:MinCountConstraintComponent`.
    pub component: String,
    /// The shape's `sh:message` in English, else the engine's own.
    pub message: String,
}

/// The outcome of a validation.
#[derive(Debug)]
pub struct Report {
    pub conforms: bool,
    /// Sorted, so reports compare and print the same every time.
    pub violations: Vec<Violation>,
}

/// Where the data graph comes from.
pub enum Data<'a> {
    /// Built in memory from the tables in this folder.
    Tables(&'a Path),
    /// A graph file: `.ttl`, `.nt`, `.nq` or `.jsonld`.
    File(&'a Path),
}

/// Validates the data graph against `shapes` (Turtle text).
pub fn validate(data: Data<'_>, shapes: &str) -> Result<Report> {
    let (text, format, name) = match data {
        Data::Tables(dir) => {
            let mut triples = SortedTriples::default();
            crate::load::load(dir, &mut triples)?;
            let text = triples.finish().text();
            (text, RDFFormat::NTriples, dir.display().to_string())
        }
        Data::File(path) => {
            let format = match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
                "ttl" => RDFFormat::Turtle,
                "nt" => RDFFormat::NTriples,
                "nq" => RDFFormat::NQuads,
                "jsonld" => RDFFormat::JsonLd,
                _ => {
                    return Err(Error::Usage(format!(
                        "cannot tell the format of {}: use a file ending in .ttl, .nt, .nq or .jsonld",
                        path.display()
                    )));
                }
            };
            let text = std::fs::read_to_string(path).map_err(Error::read(path))?;
            (text, format, path.display().to_string())
        }
    };
    let load = |what: &str, e: &dyn std::fmt::Display| Error::Load {
        path: what.into(),
        message: e.to_string(),
    };
    let data = RdfData::from_str(&text, &format, None, &ReaderMode::Strict).map_err(|e| load(&name, &e))?;
    let shapes_rdf =
        RdfData::from_str(shapes, &RDFFormat::Turtle, None, &ReaderMode::Strict).map_err(|e| load("the shapes", &e))?;
    let schema = ShaclParser::new(shapes_rdf)
        .parse()
        .map_err(|e| load("the shapes", &e))?;
    let schema = IRSchema::compile(&schema).map_err(|e| load("the shapes", &e))?;
    let shape_messages = shape_messages(shapes)?;
    let mut validation = DataValidation::new(data);
    let report = validation
        .validate(&schema, &ShaclValidationMode::Native, &ShaclConfig::default())
        .map_err(|e| Error::Internal(format!("the SHACL engine failed: {e}")))?;
    let mut violations: Vec<Violation> = report
        .results()
        .iter()
        .map(|result| {
            let messages = result.message().messages();
            let english = messages
                .iter()
                .find(|(lang, _)| lang.as_ref().is_some_and(|l| l.to_string() == "en"));
            // The engine keeps the messages of property shapes; a node shape's own sh:message is
            // looked up by the result's source shape.
            let from_shape = || {
                result
                    .source()
                    .and_then(|shape| shape_messages.get(&shape.to_string()).cloned())
            };
            let message = english
                .map(|(_, m)| m.clone())
                .or_else(from_shape)
                .or_else(|| messages.values().next().cloned())
                .unwrap_or_default();
            Violation {
                focus: compact(&result.focus_node().to_string()),
                path: result.path().map(|p| compact(&p.to_string())),
                value: result.value().map(|v| term(&v.to_string())),
                component: shacl_term(&result.constraint_component().to_string()),
                message,
            }
        })
        .collect();
    violations.sort();
    violations.dedup();
    Ok(Report {
        conforms: report.conforms(),
        violations,
    })
}

/// The English `sh:message` of every named shape, by the shape's IRI.
fn shape_messages(shapes: &str) -> Result<HashMap<String, String>> {
    let mut messages = HashMap::new();
    let parser = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle);
    for quad in parser.for_slice(shapes) {
        let quad = quad.map_err(|e| Error::Load {
            path: "the shapes".into(),
            message: e.to_string(),
        })?;
        if let (NamedOrBlankNode::NamedNode(shape), Term::Literal(message)) = (&quad.subject, &quad.object) {
            if quad.predicate.as_str() == "http://www.w3.org/ns/shacl#message" && message.language() == Some("en") {
                messages.insert(shape.as_str().to_owned(), message.value().to_owned());
            }
        }
    }
    Ok(messages)
}

/// `sh:MinCountConstraintComponent` for the SHACL IRI (the graph's prefixes do not include SHACL).
fn shacl_term(iri: &str) -> String {
    iri.strip_prefix("http://www.w3.org/ns/shacl#")
        .map_or_else(|| compact(iri), |local| format!("sh:{local}"))
}

/// A term for reading: IRIs compacted, literals as the engine prints them.
fn term(text: &str) -> String {
    if text.starts_with("http://") || text.starts_with("https://") {
        compact(text)
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Kind;

    #[test]
    fn a_graph_missing_its_quote_does_not_conform() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let report = validate(Data::Tables(&dir), SHAPES_TTL).unwrap();
        assert!(report.conforms, "{:#?}", report.violations);
        let broken = tempfile::tempdir().unwrap();
        let mut triples = SortedTriples::default();
        crate::load::load(&dir, &mut triples).unwrap();
        let text = triples.finish().text();
        let lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
        // Drop the one quote of the person row, so only the quote is missing.
        let quote = format!("<{}> <{}> ", Kind::Person.iri("askarbek-mustafin"), kzlg!("evidence"));
        let text: String = lines.iter().filter(|line| !line.starts_with(&quote)).cloned().collect();
        assert_eq!(lines.len() - text.lines().count(), 1, "exactly one quote dropped");
        let path = broken.path().join("broken.nt");
        std::fs::write(&path, text).unwrap();
        let report = validate(Data::File(&path), SHAPES_TTL).unwrap();
        assert!(!report.conforms);
        let violation = report
            .violations
            .iter()
            .find(|v| v.focus == "person:askarbek-mustafin")
            .unwrap();
        assert_eq!(violation.component, "sh:OrConstraintComponent");
        assert_eq!(
            violation.message,
            "a fact read from a document needs its quote (kzlg:evidence) and line (kzlg:sourceLine)"
        );
    }
}
