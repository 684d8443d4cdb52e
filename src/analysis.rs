//! Structural questions about the network, answered on petgraph: the chains of appointment
//! and accountability from a post up to the centre, degree and betweenness centrality,
//! weakly connected components, and accountability gaps.
//!
//! Only rules in force count here: the edges that hold on the network's date (see
//! [`Edge::is_current`] and [`crate::time`]).

use std::collections::HashSet;
use std::sync::Arc;

use petgraph::Direction::Outgoing;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::unionfind::UnionFind;

use crate::network::{Basis, KIND, LegalBasis, Network};
use crate::schema::Family;

/// The network as a petgraph graph: node `i` is network node `i`, edge weights index
/// `network.edges`.
pub fn graph(network: &Network) -> DiGraph<(), usize> {
    let mut graph = DiGraph::with_capacity(network.nodes.len(), network.edges.len());
    for _ in &network.nodes {
        graph.add_node(());
    }
    for (i, edge) in network.edges.iter().enumerate() {
        graph.add_edge(
            NodeIndex::new(edge.source as usize),
            NodeIndex::new(edge.target as usize),
            i,
        );
    }
    graph
}

/// Which chain: who puts the holder in post, or to whom the holder answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainKind {
    Appointment,
    Accountability,
}

impl ChainKind {
    pub fn name(self) -> &'static str {
        match self {
            ChainKind::Appointment => "appointment",
            ChainKind::Accountability => "accountability",
        }
    }

    fn follows(self, family: Family) -> bool {
        match self {
            ChainKind::Appointment => matches!(family, Family::Appointment | Family::Approval),
            ChainKind::Accountability => family == Family::Accountability,
        }
    }
}

/// One path from the post to a node with no further edge of the chain's kind.
#[derive(Debug)]
pub struct Chain {
    pub kind: ChainKind,
    /// De jure follows the law only; de facto takes practice where the tables record it.
    pub basis: Basis,
    /// Indices into `network.edges`.
    pub steps: Vec<usize>,
}

/// Paths enumerated per chain kind and basis, at most; a guard against dense graphs.
const MAX_PATHS: usize = 1000;

/// Every chain of appointment and of accountability from `start`, de jure and de facto.
/// A node without rules of its own passes on through its generic post.
pub fn chains(network: &Network, start: u32) -> Vec<Chain> {
    let graph = graph(network);
    let mut chains = Vec::new();
    for kind in [ChainKind::Appointment, ChainKind::Accountability] {
        for basis in [Basis::DeJure, Basis::DeFacto] {
            let mut paths = Vec::new();
            let mut visited = HashSet::from([start]);
            walk(
                network,
                &graph,
                kind,
                basis,
                start,
                &mut Vec::new(),
                &mut visited,
                &mut paths,
            );
            chains.extend(paths.into_iter().map(|steps| Chain { kind, basis, steps }));
        }
    }
    chains
}

/// The edges in force leaving `node`, in the network's edge order.
fn current_out_edges(network: &Network, graph: &DiGraph<(), usize>, node: u32) -> Vec<usize> {
    let mut out: Vec<usize> = graph
        .edges_directed(NodeIndex::new(node as usize), Outgoing)
        .map(|e| *e.weight())
        .filter(|&e| network.edges[e].is_current())
        .collect();
    out.sort_unstable();
    out
}

/// The edges the chain takes from `node`.
fn next_steps(network: &Network, graph: &DiGraph<(), usize>, kind: ChainKind, basis: Basis, node: u32) -> Vec<usize> {
    let out = current_out_edges(network, graph, node);
    let of_kind = |b: Basis| -> Vec<usize> {
        out.iter()
            .copied()
            .filter(|&e| {
                let edge = &network.edges[e];
                edge.basis == Some(b) && Family::of(edge.relation()).is_some_and(|f| kind.follows(f))
            })
            .collect()
    };
    let steps = match basis {
        Basis::DeFacto => Some(of_kind(Basis::DeFacto))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| of_kind(Basis::DeJure)),
        other => of_kind(other),
    };
    if !steps.is_empty() {
        return steps;
    }
    out.into_iter()
        .filter(|&e| network.edges[e].relation() == "genericPost")
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn walk(
    network: &Network,
    graph: &DiGraph<(), usize>,
    kind: ChainKind,
    basis: Basis,
    node: u32,
    path: &mut Vec<usize>,
    visited: &mut HashSet<u32>,
    paths: &mut Vec<Vec<usize>>,
) {
    if paths.len() >= MAX_PATHS {
        return;
    }
    let steps: Vec<usize> = next_steps(network, graph, kind, basis, node)
        .into_iter()
        .filter(|&e| !visited.contains(&network.edges[e].target))
        .collect();
    let ends_at_rules = path
        .last()
        .is_some_and(|&e| network.edges[e].relation() == "genericPost");
    if steps.is_empty() {
        if !path.is_empty() && !ends_at_rules {
            paths.push(path.clone());
        }
        return;
    }
    for edge in steps {
        let target = network.edges[edge].target;
        path.push(edge);
        visited.insert(target);
        walk(network, graph, kind, basis, target, path, visited, paths);
        visited.remove(&target);
        path.pop();
    }
}

/// Degree and betweenness of one node.
#[derive(Debug, Clone, PartialEq)]
pub struct Centrality {
    pub node: u32,
    pub in_degree: usize,
    pub out_degree: usize,
    /// Degree over (n - 1), counting parallel edges, as networkx's `degree_centrality`.
    pub degree_centrality: f64,
    /// Normalised by (n - 1)(n - 2), parallel edges counted once, as networkx's
    /// `betweenness_centrality` on a directed graph.
    pub betweenness: f64,
}

impl Centrality {
    pub fn degree(&self) -> usize {
        self.in_degree + self.out_degree
    }
}

/// Centrality of every node, in node order.
pub fn centrality(network: &Network) -> Vec<Centrality> {
    let n = network.nodes.len();
    let mut in_degree = vec![0; n];
    let mut out_degree = vec![0; n];
    for edge in &network.edges {
        out_degree[edge.source as usize] += 1;
        in_degree[edge.target as usize] += 1;
    }
    let betweenness = betweenness(network);
    let scale = if n > 1 { 1.0 / (n - 1) as f64 } else { 0.0 };
    (0..n)
        .map(|i| Centrality {
            node: i as u32,
            in_degree: in_degree[i],
            out_degree: out_degree[i],
            degree_centrality: (in_degree[i] + out_degree[i]) as f64 * scale,
            betweenness: betweenness[i],
        })
        .collect()
}

/// Brandes' algorithm (2001) for unweighted directed graphs: a breadth-first search from
/// every node counts shortest paths (sigma) and records predecessors; dependencies are then
/// accumulated in order of decreasing distance. Petgraph has no betweenness of its own.
pub fn betweenness(network: &Network) -> Vec<f64> {
    let n = network.nodes.len();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    for edge in &network.edges {
        successors[edge.source as usize].push(edge.target as usize);
    }
    for list in &mut successors {
        list.sort_unstable();
        list.dedup();
    }
    let mut centrality = vec![0.0; n];
    let mut stack = Vec::with_capacity(n);
    let mut queue = std::collections::VecDeque::with_capacity(n);
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut sigma = vec![0.0f64; n];
    let mut distance = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    for s in 0..n {
        stack.clear();
        for v in 0..n {
            predecessors[v].clear();
            sigma[v] = 0.0;
            distance[v] = -1;
            delta[v] = 0.0;
        }
        sigma[s] = 1.0;
        distance[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &successors[v] {
                if distance[w] < 0 {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    sigma[w] += sigma[v];
                    predecessors[w].push(v);
                }
            }
        }
        while let Some(w) = stack.pop() {
            for &v in &predecessors[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        centrality.iter_mut().for_each(|c| *c *= scale);
    }
    centrality
}

/// Weakly connected components, largest first (ties: by smallest node id); each lists its
/// nodes in node order.
pub fn components(network: &Network) -> Vec<Vec<u32>> {
    let mut sets = UnionFind::<usize>::new(network.nodes.len());
    for edge in &network.edges {
        sets.union(edge.source as usize, edge.target as usize);
    }
    let labels = sets.into_labeling();
    let mut by_root: std::collections::BTreeMap<usize, Vec<u32>> = std::collections::BTreeMap::new();
    for (node, root) in labels.into_iter().enumerate() {
        by_root.entry(root).or_default().push(node as u32);
    }
    let mut components: Vec<Vec<u32>> = by_root.into_values().collect();
    components.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    components
}

/// A post answers to a body that neither appoints (nor approves) it nor can dismiss it.
#[derive(Debug)]
pub struct Gap {
    /// The accountability edge (index into `network.edges`).
    pub accountability: usize,
    /// Its appointment, approval and election edges, then its dismissal edges.
    pub appointed_by: Vec<usize>,
    pub dismissed_by: Vec<usize>,
}

/// Every accountability gap, in edge order.
pub fn gaps(network: &Network) -> Vec<Gap> {
    let graph = graph(network);
    let mut gaps = Vec::new();
    for (i, edge) in network.edges.iter().enumerate() {
        let is_post = network.node(edge.source).get(KIND) == Some("post");
        if !is_post || !edge.is_current() || Family::of(edge.relation()) != Some(Family::Accountability) {
            continue;
        }
        let out = current_out_edges(network, &graph, edge.source);
        let with = |families: &[Family]| -> Vec<usize> {
            out.iter()
                .copied()
                .filter(|&e| Family::of(network.edges[e].relation()).is_some_and(|f| families.contains(&f)))
                .collect()
        };
        let appointed_by = with(&[Family::Appointment, Family::Approval]);
        let dismissed_by = with(&[Family::Dismissal]);
        let has_power = appointed_by
            .iter()
            .chain(&dismissed_by)
            .any(|&e| network.edges[e].target == edge.target);
        if !has_power {
            gaps.push(Gap {
                accountability: i,
                appointed_by,
                dismissed_by,
            });
        }
    }
    gaps
}

/// How a legal basis reads: the provision's name, with its article when the name lacks it.
pub fn provision(legal_basis: Option<&Arc<LegalBasis>>) -> String {
    match legal_basis {
        None => String::new(),
        Some(basis) => match &basis.article {
            Some(article) if !basis.label.contains(&**article) => format!("{} (article {article})", basis.label),
            _ => basis.label.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{Edge, Node};

    fn network(ids: &[&str], edges: &[(usize, usize)]) -> Network {
        Network {
            node_keys: Vec::new(),
            nodes: ids
                .iter()
                .map(|id| Node {
                    id: (*id).into(),
                    kind: None,
                    values: Vec::new(),
                })
                .collect(),
            edges: edges
                .iter()
                .enumerate()
                .map(|(i, &(s, t))| Edge::bare(s as u32, t as u32, "x:r", format!("e{i}")))
                .collect(),
            date: None,
        }
    }

    /// 0→1, 1→2, 2→3, 0→2, 3→1. By hand: the shortest paths through another node are
    /// 0→2→3 and 1→2→3 (through 2), 2→3→1 (through 3) and 3→1→2 (through 1); over
    /// (n-1)(n-2) = 6 that is 1/6, 2/6, 1/6. networkx 3.6's `betweenness_centrality` agrees.
    #[test]
    fn betweenness_matches_networkx_on_a_small_digraph() {
        let net = network(&["0", "1", "2", "3"], &[(0, 1), (1, 2), (2, 3), (0, 2), (3, 1)]);
        let b = betweenness(&net);
        let expected = [0.0, 1.0 / 6.0, 2.0 / 6.0, 1.0 / 6.0];
        for (got, want) in b.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{b:?}");
        }
    }

    #[test]
    fn parallel_edges_count_once_in_betweenness_and_twice_in_degree() {
        let net = network(&["a", "b", "c"], &[(0, 1), (0, 1), (1, 2)]);
        let c = centrality(&net);
        assert_eq!(c[1].betweenness, 0.5);
        assert_eq!(c[0].out_degree, 2);
        assert_eq!(c[1].degree_centrality, 1.5);
    }

    #[test]
    fn components_are_weak_and_largest_first() {
        let net = network(&["a", "b", "c", "d", "e"], &[(3, 2), (2, 4), (0, 1)]);
        assert_eq!(components(&net), vec![vec![2, 3, 4], vec![0, 1]]);
    }
}
