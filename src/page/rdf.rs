//! The machine forms of a page: the entity's description as Turtle, N-Triples or JSON-LD.
//!
//! The description is bounded and concise: every triple with the entity as subject, every
//! triple that points to it, and every triple of the statement nodes that record a fact of it
//! (so each fact comes with its source, line, quote and dates). Triples are sorted, so the same
//! graph always gives the same bytes.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::store::Store;
use oxjsonld::JsonLdSerializer;

use super::graph::{Graph, In};
use crate::error::{Error, Result};
use crate::output::prefixes::with_prefixes;

/// A machine form of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    Turtle,
    NTriples,
    JsonLd,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Turtle, Format::NTriples, Format::JsonLd];

    /// The media type a server answers with.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Turtle => "text/turtle; charset=utf-8",
            Format::NTriples => "application/n-triples",
            Format::JsonLd => "application/ld+json",
        }
    }

    /// The file extension, without the dot: `ttl`, `nt`, `jsonld`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Turtle => "ttl",
            Format::NTriples => "nt",
            Format::JsonLd => "jsonld",
        }
    }

    /// The format a file extension (`ttl`, `nt`, `jsonld`) or a media type names.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.split(';').next().unwrap_or_default().trim();
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == name || f.media_type().split(';').next() == Some(name))
            .or(match name {
                "json" | "application/json" => Some(Format::JsonLd),
                _ => None,
            })
    }
}

/// The entity's description, sorted; empty when the graph says nothing of `iri`.
pub fn describe(store: &Store, iri: &str) -> Result<Vec<Triple>> {
    let g = Graph::new(store);
    let node = NamedNode::new_unchecked(iri);
    let mut triples = std::collections::HashSet::new();
    let mut add = |quads: Vec<oxigraph::model::Quad>| {
        for quad in quads {
            triples.insert(Triple::from(quad));
        }
    };
    add(g.quads(Some(iri), None, None, In::Data)?);
    let incoming = g.quads(None, None, Some(node.as_ref().into()), In::Data)?;
    let mut statements = BTreeSet::new();
    for quad in &incoming {
        if let NamedOrBlankNode::NamedNode(s) = &quad.subject {
            let p = quad.predicate.as_str();
            if p == kzlg!("subject") || p == kzlg!("object") {
                statements.insert(s.as_str().to_owned());
            }
        }
    }
    add(incoming);
    for st in &statements {
        add(g.quads(Some(st), None, None, In::Data)?);
    }
    let mut sorted: Vec<Triple> = triples.into_iter().collect();
    sorted.sort_by_cached_key(|t| t.to_string());
    Ok(sorted)
}

/// The triples the ontology states of one of its terms, sorted.
pub fn describe_term(store: &Store, iri: &str) -> Result<Vec<Triple>> {
    let g = Graph::new(store);
    let mut triples: Vec<Triple> = g
        .quads(Some(iri), None, None, In::Ontology)?
        .into_iter()
        .map(Triple::from)
        .collect();
    triples.sort_by_cached_key(|t| t.to_string());
    Ok(triples)
}

/// `triples` written in `format`, with the project's prefixes.
pub fn serialize(triples: &[Triple], format: Format) -> Result<String> {
    let fail = |e: std::io::Error| Error::Internal(format!("cannot serialize a description: {e}"));
    let bytes = match format {
        Format::Turtle | Format::NTriples => {
            let rdf_format = match format {
                Format::Turtle => RdfFormat::Turtle,
                _ => RdfFormat::NTriples,
            };
            let serializer = match format {
                Format::Turtle => with_prefixes(RdfSerializer::from_format(rdf_format), &[])?,
                _ => RdfSerializer::from_format(rdf_format),
            };
            let mut writer = serializer.for_writer(Vec::new());
            for triple in triples {
                writer.serialize_triple(triple).map_err(fail)?;
            }
            writer.finish().map_err(fail)?
        }
        Format::JsonLd => {
            let mut writer = with_prefixes(JsonLdSerializer::new(), &[])?.for_writer(Vec::new());
            for triple in triples {
                writer
                    .serialize_quad(triple.as_ref().in_graph(GraphNameRef::DefaultGraph))
                    .map_err(fail)?;
            }
            writer.finish().map_err(fail)?
        }
    };
    String::from_utf8(bytes).map_err(|e| Error::Internal(format!("non-UTF-8 output: {e}")))
}

/// The entity's description in `format`; `None` when the graph says nothing of `iri`.
pub fn entity(store: &Store, iri: &str, format: Format) -> Result<Option<String>> {
    let triples = describe(store, iri)?;
    match triples.is_empty() {
        true => Ok(None),
        false => serialize(&triples, format).map(Some),
    }
}

/// An ontology term's triples in `format`; `None` when the ontology does not declare it.
pub fn term(store: &Store, iri: &str, format: Format) -> Result<Option<String>> {
    let triples = describe_term(store, iri)?;
    match triples.is_empty() {
        true => Ok(None),
        false => serialize(&triples, format).map(Some),
    }
}
