//! Pages of the ontology: one for every `kzlg:` class, property and named value (`kzlg:DeJure`),
//! and the index of them all.

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term as RdfTerm};
use oxigraph::store::Store;

use super::graph::{Graph, In};
use super::{Label, Node, Object};
use crate::error::Result;
use crate::vocab::{KZLG, ONTOLOGY_IRI};

/// How many uses a term page shows.
pub const USES_SHOWN: usize = 10;

/// What a term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    Class,
    Property,
    /// A named value: a basis, a level, a post type.
    Value,
}

/// One term of the ontology, with its uses in the data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub node: Node,
    pub kind: TermKind,
    /// Its `rdf:type`s (`owl:ObjectProperty`, `kzlg:Basis`...).
    pub types: Vec<Node>,
    /// `rdfs:comment`, in each language given.
    pub comments: Vec<Label>,
    pub alt_labels: Vec<Label>,
    pub domain: Vec<Node>,
    pub range: Vec<Node>,
    /// `rdfs:subClassOf` or `rdfs:subPropertyOf`.
    pub broader: Vec<Node>,
    /// The ontology's terms that are narrower than it.
    pub narrower: Vec<Node>,
    /// How often the data uses it: instances of a class, triples of a property, nodes with a value.
    pub use_count: usize,
    /// A few uses.
    pub uses: Vec<Use>,
}

/// One use of a term: subject, property, object.
pub type Use = (Node, Node, Object);

/// The index of the ontology: its title, description, and every term by kind and label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ontology {
    pub node: Node,
    pub comments: Vec<Label>,
    pub terms: Vec<(TermKind, Node)>,
}

fn labels(g: Graph<'_>, iri: &str, predicate: &str) -> Result<Vec<Label>> {
    let mut found: Vec<Label> = g
        .quads(Some(iri), Some(predicate), None, In::Ontology)?
        .into_iter()
        .filter_map(|q| match q.object {
            RdfTerm::Literal(l) => Some(Label {
                text: l.value().to_owned(),
                lang: l.language().unwrap_or_default().to_owned(),
            }),
            _ => None,
        })
        .collect();
    super::graph::sort_labels(&mut found);
    Ok(found)
}

fn nodes(g: Graph<'_>, iri: &str, predicate: &str) -> Result<Vec<Node>> {
    let mut found = Vec::new();
    for quad in g.quads(Some(iri), Some(predicate), None, In::Ontology)? {
        if let RdfTerm::NamedNode(n) = quad.object {
            found.push(g.node(n.as_str())?);
        }
    }
    found.sort_by(|a, b| a.iri.cmp(&b.iri));
    Ok(found)
}

fn kind_of(types: &[Node]) -> TermKind {
    let is = |iri: &str| types.iter().any(|t| t.iri == iri);
    if is(owl!("Class")) || is(rdfs!("Class")) {
        TermKind::Class
    } else if is(owl!("ObjectProperty")) || is(owl!("DatatypeProperty")) || is(rdf!("Property")) {
        TermKind::Property
    } else {
        TermKind::Value
    }
}

impl Term {
    /// The page of the ontology term `iri` (`https://w3id.org/kzlg/ontology#appointedBy`); `None`
    /// when the ontology does not declare it.
    pub fn build(store: &Store, iri: &str) -> Result<Option<Term>> {
        let g = Graph::new(store);
        if !super::facts::is_term(iri) || !g.describes(iri, In::Ontology)? {
            return Ok(None);
        }
        let types = nodes(g, iri, rdf!("type"))?;
        let kind = kind_of(&types);
        let mut broader = nodes(g, iri, rdfs!("subClassOf"))?;
        broader.extend(nodes(g, iri, rdfs!("subPropertyOf"))?);
        let mut narrower = Vec::new();
        let this = NamedNode::new_unchecked(iri);
        for predicate in [rdfs!("subClassOf"), rdfs!("subPropertyOf")] {
            for quad in g.quads(None, Some(predicate), Some(this.as_ref().into()), In::Ontology)? {
                if let NamedOrBlankNode::NamedNode(n) = quad.subject {
                    narrower.push(g.node(n.as_str())?);
                }
            }
        }
        narrower.sort_by(|a, b| a.iri.cmp(&b.iri));
        let (use_count, uses) = uses(g, iri, kind)?;
        Ok(Some(Term {
            node: g.node(iri)?,
            kind,
            types,
            comments: labels(g, iri, rdfs!("comment"))?,
            alt_labels: labels(g, iri, skos!("altLabel"))?,
            domain: nodes(g, iri, rdfs!("domain"))?,
            range: nodes(g, iri, rdfs!("range"))?,
            broader,
            narrower,
            use_count,
            uses,
        }))
    }

    /// The local name: `appointedBy`.
    pub fn local_name(&self) -> &str {
        self.node.iri.strip_prefix(KZLG).unwrap_or(&self.node.iri)
    }
}

/// How often the data uses a term, and the first few uses in the store's order.
fn uses(g: Graph<'_>, iri: &str, kind: TermKind) -> Result<(usize, Vec<Use>)> {
    let this = NamedNode::new_unchecked(iri);
    let quads = match kind {
        TermKind::Class => g.quads(None, Some(rdf!("type")), Some(this.as_ref().into()), In::Data)?,
        TermKind::Property => g.quads(None, Some(iri), None, In::Data)?,
        TermKind::Value => g.quads(None, None, Some(this.as_ref().into()), In::Data)?,
    };
    // Statement nodes restate what their direct triples say: the entities' uses read better.
    let is_entity = |s: &NamedOrBlankNode| match s {
        NamedOrBlankNode::NamedNode(n) => {
            super::kind_and_id(n.as_str()).is_some_and(|(k, _)| k != crate::schema::Kind::Stmt)
        }
        _ => false,
    };
    let entity_quads: Vec<_> = quads.iter().filter(|q| is_entity(&q.subject)).collect();
    let mut shown = Vec::new();
    for quad in entity_quads.iter().take(USES_SHOWN) {
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
            continue;
        };
        let object = match &quad.object {
            RdfTerm::NamedNode(n) => Object::Node(g.node(n.as_str())?),
            RdfTerm::Literal(l) => Object::Value(Label {
                text: l.value().to_owned(),
                lang: l.language().unwrap_or_default().to_owned(),
            }),
            other => Object::Value(Label {
                text: other.to_string(),
                lang: String::new(),
            }),
        };
        shown.push((
            g.node(subject.as_str())?,
            super::facts::relation(g, quad.predicate.as_str())?,
            object,
        ));
    }
    Ok((entity_quads.len(), shown))
}

impl Ontology {
    /// Every term the bundled ontology declares, classes first, then properties, then values,
    /// each by local name.
    pub fn build(store: &Store) -> Result<Ontology> {
        let g = Graph::new(store);
        let mut terms = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for quad in g.quads(None, Some(rdf!("type")), None, In::Ontology)? {
            let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
                continue;
            };
            if super::facts::is_term(subject.as_str()) && seen.insert(subject.as_str().to_owned()) {
                let types = nodes(g, subject.as_str(), rdf!("type"))?;
                terms.push((kind_of(&types), g.node(subject.as_str())?));
            }
        }
        terms.sort_by(|a, b| (a.0, &a.1.iri).cmp(&(b.0, &b.1.iri)));
        Ok(Ontology {
            node: g.node(ONTOLOGY_IRI)?,
            comments: labels(g, ONTOLOGY_IRI, rdfs!("comment"))?,
            terms,
        })
    }
}
