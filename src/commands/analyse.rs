//! `kzlg analyse`: centrality, components and accountability gaps of a view of the network.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use crate::analysis::{self, Centrality};
use crate::error::Result;
use crate::network::{LEVEL, Network, TYPE, View, humanize};
use crate::report::{self, Format, Table};

/// The parts of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    /// The top nodes by degree.
    Degree,
    /// The top nodes by betweenness centrality.
    Betweenness,
    /// The weakly connected components, largest first.
    Components,
    /// Posts that answer to a body which neither appoints nor can dismiss them.
    Gaps,
}

/// Report the structure of the network: centrality, components, accountability gaps.
///
/// Degree and betweenness centrality (top N), weakly connected components, and the posts
/// accountable to a body that can neither appoint nor dismiss them, with the provision
/// behind each edge. Only rules in force on the date count (`--as-of`, the dataset's date by
/// default).
#[derive(Debug, clap::Args)]
pub struct AnalyseArgs {
    /// Which part of the graph.
    #[arg(long, value_enum, default_value = "institutions")]
    view: View,
    /// How many nodes the centrality ranking shows.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// Only this section (csv output needs exactly one).
    #[arg(long, value_enum)]
    only: Option<Section>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    format: Format,
    #[command(flatten)]
    when: super::AsOf,
}

pub fn run(tables: &Path, args: AnalyseArgs) -> Result<ExitCode> {
    let AnalyseArgs {
        view,
        top,
        only,
        format,
        when,
    } = args;
    let network = Network::from_tables(tables, when.as_of)?.at_its_date().view(view);
    let wanted = |section: Section| only.is_none_or(|o| o == section);
    let mut tables = Vec::new();
    let [by_degree, by_betweenness] = centrality(&network, top);
    if wanted(Section::Degree) {
        tables.push(by_degree);
    }
    if wanted(Section::Betweenness) {
        tables.push(by_betweenness);
    }
    if wanted(Section::Components) {
        tables.push(components(&network));
    }
    if wanted(Section::Gaps) {
        tables.push(gaps(&network));
    }
    report::print(&tables, format)?;
    Ok(ExitCode::SUCCESS)
}

fn centrality(network: &Network, top: usize) -> [Table; 2] {
    let all = analysis::centrality(network);
    let header = vec![
        "rank",
        "id",
        "label",
        "type",
        "level",
        "in_degree",
        "out_degree",
        "degree",
        "degree_centrality",
        "betweenness",
    ];
    let ranked = |key: &dyn Fn(&Centrality) -> (f64, f64)| -> Vec<Vec<Value>> {
        let mut order: Vec<&Centrality> = all.iter().collect();
        order.sort_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            kb.0.total_cmp(&ka.0)
                .then(kb.1.total_cmp(&ka.1))
                .then(network.node(a.node).id.cmp(&network.node(b.node).id))
        });
        order
            .into_iter()
            .take(top)
            .enumerate()
            .map(|(i, c)| {
                let node = network.node(c.node);
                vec![
                    Value::from(i + 1),
                    Value::from(&*node.id),
                    Value::from(node.label()),
                    Value::from(node.get(TYPE).unwrap_or_default()),
                    Value::from(node.get(LEVEL).unwrap_or_default()),
                    Value::from(c.in_degree),
                    Value::from(c.out_degree),
                    Value::from(c.degree()),
                    Value::from(round(c.degree_centrality)),
                    Value::from(round(c.betweenness)),
                ]
            })
            .collect()
    };
    let n = network.nodes.len();
    [
        Table {
            name: "degree",
            title: format!("Top {top} by degree ({n} nodes, {} edges)", network.edges.len()),
            header: header.clone(),
            rows: ranked(&|c| (c.degree() as f64, c.betweenness)),
        },
        Table {
            name: "betweenness",
            title: format!("Top {top} by betweenness centrality"),
            header,
            rows: ranked(&|c| (c.betweenness, c.degree() as f64)),
        },
    ]
}

/// Six decimals: enough to rank, stable across platforms.
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn components(network: &Network) -> Table {
    let components = analysis::components(network);
    let mut edges = vec![0usize; components.len()];
    let mut component_of = vec![0usize; network.nodes.len()];
    for (i, members) in components.iter().enumerate() {
        for &m in members {
            component_of[m as usize] = i;
        }
    }
    for edge in &network.edges {
        edges[component_of[edge.source as usize]] += 1;
    }
    let rows = components
        .iter()
        .enumerate()
        .map(|(i, members)| {
            let sample: Vec<&str> = members.iter().take(5).map(|&m| network.node(m).label()).collect();
            vec![
                Value::from(i + 1),
                Value::from(members.len()),
                Value::from(edges[i]),
                Value::from(sample.join("; ")),
            ]
        })
        .collect();
    Table {
        name: "components",
        title: format!("{} weakly connected components", components.len()),
        header: vec!["component", "nodes", "edges", "first_members"],
        rows,
    }
}

fn gaps(network: &Network) -> Table {
    let describe = |edges: &[usize]| -> String {
        let parts: Vec<String> = edges
            .iter()
            .map(|&e| {
                let edge = &network.edges[e];
                let mut text = format!("{} {}", humanize(edge.relation()), network.node(edge.target).label());
                let basis = edge.basis.map_or("", |b| b.name());
                let provision = analysis::provision(edge.legal_basis.as_ref());
                match (basis, provision.as_str()) {
                    ("", "") => {}
                    (b, "") => text.push_str(&format!(" ({b})")),
                    (b, p) => text.push_str(&format!(" ({b}; {p})")),
                }
                text
            })
            .collect();
        parts.join(" | ")
    };
    let rows = analysis::gaps(network)
        .iter()
        .map(|gap| {
            let edge = &network.edges[gap.accountability];
            vec![
                Value::from(&*network.node(edge.source).id),
                Value::from(network.node(edge.source).label()),
                Value::from(edge.relation()),
                Value::from(&*network.node(edge.target).id),
                Value::from(network.node(edge.target).label()),
                Value::from(edge.basis.map_or("", |b| b.name())),
                Value::from(analysis::provision(edge.legal_basis.as_ref())),
                Value::from(describe(&gap.appointed_by)),
                Value::from(describe(&gap.dismissed_by)),
            ]
        })
        .collect();
    Table {
        name: "gaps",
        title: "Accountability gaps: posts answering to a body that can neither appoint nor dismiss them".to_owned(),
        header: vec![
            "post",
            "post_label",
            "relation",
            "accountable_to",
            "accountable_to_label",
            "basis",
            "legal_basis",
            "appointed_by",
            "dismissed_by",
        ],
        rows,
    }
}
