//! Reading one entity's neighbourhood from the store by pattern matching (no SPARQL to parse:
//! a page is a few dozen index look-ups), and naming what it finds.

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term, TermRef};
use oxigraph::store::Store;

use super::{Label, Node};
use crate::error::{Error, Result};
use crate::schema::Kind;
use crate::vocab::{KZID, KZLG, ONTOLOGY_IRI};

pub const RDFS_LABEL: NamedNodeRef<'_> = NamedNodeRef::new_unchecked(rdfs!("label"));

/// The store, read in the default graph (the data) or the ontology's graph.
#[derive(Clone, Copy)]
pub struct Graph<'a> {
    pub store: &'a Store,
}

/// Where to look.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum In {
    Data,
    Ontology,
}

impl In {
    fn graph(self) -> GraphNameRef<'static> {
        match self {
            In::Data => GraphNameRef::DefaultGraph,
            In::Ontology => GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(ONTOLOGY_IRI)),
        }
    }
}

fn storage(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("cannot read the store: {e}"))
}

impl<'a> Graph<'a> {
    pub fn new(store: &'a Store) -> Self {
        Graph { store }
    }

    /// Every quad with this subject, predicate and object (each optional) in `within`, in the
    /// store's order (sorted by its index).
    pub fn quads(
        &self,
        subject: Option<&str>,
        predicate: Option<&str>,
        object: Option<TermRef<'_>>,
        within: In,
    ) -> Result<Vec<Quad>> {
        let subject = subject.map(|s| NamedOrBlankNodeRef::NamedNode(NamedNodeRef::new_unchecked(s)));
        let predicate = predicate.map(NamedNodeRef::new_unchecked);
        self.store
            .quads_for_pattern(subject, predicate, object, Some(within.graph()))
            .map(|q| q.map_err(storage))
            .collect()
    }

    /// The objects of `subject predicate ?o` in the data.
    pub fn objects(&self, subject: &str, predicate: &str) -> Result<Vec<Term>> {
        Ok(self
            .quads(Some(subject), Some(predicate), None, In::Data)?
            .into_iter()
            .map(|q| q.object)
            .collect())
    }

    /// The first object of `subject predicate ?o` that is an IRI.
    pub fn object_iri(&self, subject: &str, predicate: &str) -> Result<Option<String>> {
        Ok(self.objects(subject, predicate)?.into_iter().find_map(|t| match t {
            Term::NamedNode(n) => Some(n.into_string()),
            _ => None,
        }))
    }

    /// The first literal value of `subject predicate ?o`.
    pub fn literal(&self, subject: &str, predicate: &str) -> Result<Option<String>> {
        Ok(self.objects(subject, predicate)?.into_iter().find_map(|t| match t {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        }))
    }

    /// The subjects of `?s predicate object` in the data.
    pub fn subjects(&self, predicate: &str, object: &str) -> Result<Vec<String>> {
        let object = NamedNode::new_unchecked(object);
        Ok(self
            .quads(None, Some(predicate), Some(object.as_ref().into()), In::Data)?
            .into_iter()
            .filter_map(|q| match q.subject {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n.into_string()),
                _ => None,
            })
            .collect())
    }

    /// Whether anything is said of `iri` in `within`.
    pub fn describes(&self, iri: &str, within: In) -> Result<bool> {
        let subject = NamedOrBlankNodeRef::NamedNode(NamedNodeRef::new_unchecked(iri));
        match self
            .store
            .quads_for_pattern(Some(subject), None, None, Some(within.graph()))
            .next()
        {
            Some(Err(e)) => Err(storage(e)),
            found => Ok(found.is_some()),
        }
    }

    /// The `rdfs:label`s of `iri` in the data, or for terms of the vocabularies in the ontology,
    /// English first, then by language tag.
    pub fn labels(&self, iri: &str) -> Result<Vec<Label>> {
        let mut labels = Vec::new();
        for within in [In::Data, In::Ontology] {
            for quad in self.quads(Some(iri), Some(rdfs!("label")), None, within)? {
                if let Term::Literal(l) = quad.object {
                    labels.push(Label {
                        text: l.value().to_owned(),
                        lang: l.language().unwrap_or_default().to_owned(),
                    });
                }
            }
            if !labels.is_empty() {
                break;
            }
        }
        sort_labels(&mut labels);
        Ok(labels)
    }

    /// `iri` with its labels: what a page links to.
    pub fn node(&self, iri: &str) -> Result<Node> {
        let labels = self.labels(iri)?;
        let title = self.literal(iri, dcterms!("title"))?;
        let label = labels
            .iter()
            .find(|l| l.lang == "en")
            .or(labels.first())
            .map(|l| l.text.clone())
            .or(title)
            .unwrap_or_else(|| short_name(iri));
        Ok(Node {
            iri: iri.to_owned(),
            label,
            labels,
        })
    }
}

/// English first, then the other languages by tag, then by text: a stable order.
pub fn sort_labels(labels: &mut [Label]) {
    labels.sort_by(|a, b| (a.lang != "en", &a.lang, &a.text).cmp(&(b.lang != "en", &b.lang, &b.text)));
}

/// The entity kind and id an entity IRI stands for.
pub fn kind_and_id(iri: &str) -> Option<(Kind, &str)> {
    let rest = iri.strip_prefix(KZID)?;
    Kind::ALL.iter().find_map(|kind| {
        rest.strip_prefix(kind.segment())
            .and_then(|r| r.strip_prefix('/'))
            .map(|id| (*kind, id))
    })
}

/// A readable name for an IRI without a label: a prefixed name, or its last segment.
pub fn short_name(iri: &str) -> String {
    if let Some(local) = iri.strip_prefix(KZLG) {
        return format!("kzlg:{local}");
    }
    if let Some((kind, id)) = kind_and_id(iri) {
        return kind.curie(id);
    }
    crate::vocab::PREFIXES
        .iter()
        .filter(|(_, ns)| !ns.is_empty())
        .find_map(|(prefix, ns)| iri.strip_prefix(ns).map(|local| format!("{prefix}:{local}")))
        .unwrap_or_else(|| iri.to_owned())
}
