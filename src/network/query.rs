//! The subgraph a SPARQL query picks out, for `kzlg export --query FILE`.
//!
//! - A CONSTRUCT gives triples: each triple whose object is an IRI (other than an `rdf:type`)
//!   is an edge; the subjects of the other triples are nodes too, and an `rdfs:label` names a
//!   node that is not an entity of the tables.
//! - A SELECT binds `?source ?edge ?target`: `?edge` is a predicate, or a statement
//!   (`stmt:…`) to pick exactly that rule among parallel ones.
//!
//! Entities keep the attributes the whole network gives them; an edge whose subject,
//! predicate and object match edges of the network takes theirs (every parallel one: a
//! predicate stands for all the rules that state it); any other edge or node comes bare.

use std::collections::HashMap;

use oxigraph::model::{Term, vocab::rdf, vocab::rdfs};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;

use super::{Edge, LABEL, Network, Node, local_name};
use crate::error::{Error, Result};
use crate::schema::Kind;
use crate::sparql;

/// What the query picked.
enum Pick {
    Node(String),
    Edge(String, String, String),
    Label(String, String),
}

/// Runs `text` (named `name` in messages) on `store` and returns the part of `full` it picks.
pub fn subgraph(full: &Network, store: &Store, text: &str, name: &str) -> Result<Network> {
    let query = sparql::prepare(text, name)?;
    let results = query.on_store(store).execute().map_err(sparql::evaluation_error)?;
    let mut picks = Vec::new();
    match results {
        QueryResults::Graph(triples) => {
            for triple in triples {
                let triple = triple.map_err(sparql::evaluation_error)?;
                let subject = triple.subject.to_string();
                let subject = key(&subject);
                match &triple.object {
                    Term::NamedNode(object) if triple.predicate != rdf::TYPE => {
                        picks.push(Pick::Edge(
                            subject,
                            triple.predicate.as_str().to_owned(),
                            object.as_str().to_owned(),
                        ));
                    }
                    Term::Literal(label) if triple.predicate == rdfs::LABEL => {
                        picks.push(Pick::Label(subject, label.value().to_owned()));
                    }
                    _ => picks.push(Pick::Node(subject)),
                }
            }
        }
        QueryResults::Solutions(solutions) => {
            let wanted = ["source", "edge", "target"];
            let variables: Vec<&str> = solutions.variables().iter().map(|v| v.as_str()).collect();
            if !wanted.iter().all(|w| variables.contains(w)) {
                return Err(Error::Usage(format!(
                    "{name}: a SELECT for --query must bind ?source ?edge ?target (it binds ?{})",
                    variables.join(" ?")
                )));
            }
            for solution in solutions {
                let solution = solution.map_err(sparql::evaluation_error)?;
                let term = |v: &str| solution.get(v).map(|t| key(&t.to_string()));
                match (term("source"), term("edge"), term("target")) {
                    (Some(s), Some(p), Some(t)) => picks.push(Pick::Edge(s, p, t)),
                    (Some(s), _, None) => picks.push(Pick::Node(s)),
                    (None, _, Some(t)) => picks.push(Pick::Node(t)),
                    _ => {}
                }
            }
        }
        QueryResults::Boolean(_) => {
            return Err(Error::Usage(format!(
                "{name}: --query needs a CONSTRUCT or a SELECT of ?source ?edge ?target, not an ASK"
            )));
        }
    }
    Ok(Picker::new(full).pick(picks))
}

/// `<iri>` → `iri`; blank nodes and literals stay as written.
fn key(term: &str) -> String {
    term.strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(term)
        .to_owned()
}

/// Copies the picked nodes and edges out of the whole network.
struct Picker<'a> {
    full: &'a Network,
    by_triple: HashMap<(u32, &'a str, u32), Vec<&'a Edge>>,
    by_statement: HashMap<&'a str, &'a Edge>,
    nodes: Vec<Node>,
    index: HashMap<String, u32>,
    edges: Vec<Edge>,
}

impl<'a> Picker<'a> {
    fn new(full: &'a Network) -> Self {
        let mut by_triple: HashMap<_, Vec<&Edge>> = HashMap::new();
        let mut by_statement = HashMap::new();
        for edge in &full.edges {
            by_triple
                .entry((edge.source, &*edge.predicate, edge.target))
                .or_default()
                .push(edge);
            if edge.is_statement {
                by_statement.insert(&*edge.id, edge);
            }
        }
        Self {
            full,
            by_triple,
            by_statement,
            nodes: Vec::new(),
            index: HashMap::new(),
            edges: Vec::new(),
        }
    }

    /// The entity of the tables an IRI names, if any.
    fn entity(&self, iri: &str) -> Option<u32> {
        let (_, slug) = iri.strip_prefix(crate::vocab::KZID)?.split_once('/')?;
        self.full
            .find(slug)
            .filter(|&n| self.full.iri(self.full.node(n)) == iri)
    }

    fn node(&mut self, iri: &str) -> u32 {
        if let Some(&n) = self.index.get(iri) {
            return n;
        }
        let node = match self.entity(iri) {
            Some(n) => self.full.node(n).clone(),
            None => Node {
                id: iri.into(),
                kind: None,
                values: Vec::new(),
            },
        };
        let n = self.nodes.len() as u32;
        self.nodes.push(node);
        self.index.insert(iri.to_owned(), n);
        n
    }

    fn pick(mut self, picks: Vec<Pick>) -> Network {
        for pick in picks {
            match pick {
                Pick::Node(iri) => {
                    self.node(&iri);
                }
                Pick::Label(iri, label) => {
                    let n = self.node(&iri) as usize;
                    if self.nodes[n].kind.is_none() {
                        self.nodes[n].set(LABEL, label);
                    }
                }
                Pick::Edge(source, edge, target) => self.edge(&source, &edge, &target),
            }
        }
        Network {
            node_keys: self.full.node_keys.clone(),
            nodes: self.nodes,
            edges: self.edges,
            date: self.full.date,
        }
        .sort()
    }

    fn edge(&mut self, source: &str, edge: &str, target: &str) {
        let (s, t) = (self.node(source), self.node(target));
        let statement = edge
            .strip_prefix(crate::vocab::KZID)
            .and_then(|rest| rest.strip_prefix(Kind::Stmt.segment()))
            .and_then(|rest| rest.strip_prefix('/'))
            .and_then(|id| self.by_statement.get(id));
        let matching: Vec<Edge> = match statement {
            Some(found) => vec![(*found).clone()],
            None => {
                let ends = self.entity(source).zip(self.entity(target));
                ends.and_then(|(fs, ft)| self.by_triple.get(&(fs, edge, ft)))
                    .map(|found| found.iter().map(|e| (*e).clone()).collect())
                    .unwrap_or_default()
            }
        };
        if matching.is_empty() {
            let id = format!(
                "{}.{}.{}",
                self.nodes[s as usize].id,
                local_name(edge),
                self.nodes[t as usize].id
            );
            self.edges.push(Edge::bare(s, t, edge.to_owned(), id));
        }
        for mut found in matching {
            found.source = s;
            found.target = t;
            self.edges.push(found);
        }
    }
}
