//! Keeping some edges of a network: the rules of one basis, the relations named. Every export
//! of the network (GraphML, GEXF, DOT, CSV) applies the same filter after its view or query;
//! nodes the filter leaves without an edge go with their edges, so a picture lays out only
//! what it draws.

use super::{Basis, Edge, Network};
use crate::error::{Error, Result};
use crate::schema::{HOLDS, PARTICIPANT, RELATIONS, Relation};

/// Which rules to keep by what they say about the relation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum BasisFilter {
    /// The rules of the law.
    #[value(name = "de_jure")]
    DeJure,
    /// The rules of practice.
    #[value(name = "de_facto")]
    DeFacto,
    /// Both.
    #[default]
    All,
}

/// The edges to keep.
#[derive(Debug, Default)]
pub struct EdgeFilter {
    pub basis: BasisFilter,
    /// Only edges of these relations; every relation when `None`.
    pub relations: Option<Vec<&'static Relation>>,
}

/// The relations `--relations` may name: those `statements.csv` states, tenures and participations.
fn named_relations() -> impl Iterator<Item = &'static Relation> {
    RELATIONS.iter().chain([&HOLDS, &PARTICIPANT])
}

impl EdgeFilter {
    /// The relations named in `names` (the schema's names, `appointedBy`), or one error listing
    /// every unknown name with the nearest known one.
    pub fn relations(names: &[String]) -> Result<Vec<&'static Relation>> {
        let known: Vec<&str> = named_relations().map(|r| r.name).collect();
        let mut found = Vec::new();
        let mut unknown = Vec::new();
        for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            match named_relations().find(|r| r.name == name) {
                Some(relation) if !found.iter().any(|r: &&Relation| r.name == name) => found.push(relation),
                Some(_) => {}
                None => unknown.push(match crate::load::closest(name, &known) {
                    Some(near) => format!("'{name}' (did you mean '{near}'?)"),
                    None => format!("'{name}'"),
                }),
            }
        }
        if !unknown.is_empty() {
            return Err(Error::Usage(format!(
                "--relations: unknown relation {}; expected names as the schema declares them: {}",
                unknown.join(", "),
                known.join(", ")
            )));
        }
        if found.is_empty() {
            return Err(Error::Usage("--relations names no relation".to_owned()));
        }
        Ok(found)
    }

    /// Whether the filter keeps every edge.
    pub fn keeps_all(&self) -> bool {
        self.basis == BasisFilter::All && self.relations.is_none()
    }

    /// Whether `edge` is kept. Edges that are not rules (tenures, links) have no basis: the
    /// basis filter keeps them.
    pub fn keeps(&self, edge: &Edge) -> bool {
        let basis = match (self.basis, edge.basis) {
            (BasisFilter::All, _) | (_, None) => true,
            (BasisFilter::DeJure, Some(basis)) => basis == Basis::DeJure,
            (BasisFilter::DeFacto, Some(basis)) => basis == Basis::DeFacto,
        };
        let relation = self
            .relations
            .as_ref()
            .is_none_or(|relations| relations.iter().any(|r| r.iri == edge.predicate));
        basis && relation
    }
}

impl Network {
    /// The edges `filter` keeps, and the nodes still at an end of one or without an edge before.
    pub fn filter(self, filter: &EdgeFilter) -> Network {
        if filter.keeps_all() {
            return self;
        }
        let mut had_edge = vec![false; self.nodes.len()];
        let mut keep = vec![false; self.nodes.len()];
        for edge in &self.edges {
            had_edge[edge.source as usize] = true;
            had_edge[edge.target as usize] = true;
        }
        let edges: Vec<Edge> = self.edges.into_iter().filter(|e| filter.keeps(e)).collect();
        for edge in &edges {
            keep[edge.source as usize] = true;
            keep[edge.target as usize] = true;
        }
        for (k, had) in keep.iter_mut().zip(had_edge) {
            *k |= !had;
        }
        Network::subgraph(self.node_keys, self.nodes, &keep, edges, self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_are_the_schemas_names_and_unknown_ones_are_all_reported() {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let found = EdgeFilter::relations(&names(&["electedBy", "holds", "electedBy"])).unwrap();
        assert_eq!(found.iter().map(|r| r.name).collect::<Vec<_>>(), ["electedBy", "holds"]);
        let error = EdgeFilter::relations(&names(&["appointedby", "accountabelTo", "nothing"]))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("'appointedby' (did you mean 'appointedBy'?), 'accountabelTo' (did you mean 'accountableTo'?), 'nothing';"),
            "{error}"
        );
    }
}
