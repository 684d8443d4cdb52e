//! `kzlg chain POST`: the chains of appointment and accountability from a post to the centre.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use crate::analysis::{self, Chain};
use crate::error::{Error, Result};
use crate::network::{Edge, KIND, Network, humanize};
use crate::report::{self, Format, Table, to_stdout};

/// Print the chains of appointment and of accountability from a post up to the centre.
///
/// Follows appointed/elected/nominated by, approved by and agreed with (appointment) and
/// accountable to and reports to (accountability) from the post, through its generic post,
/// to bodies with no further edge, once by law (de jure) and once in practice (de facto:
/// the practice where the tables record one, else the law). Each step names its basis and
/// its legal basis. Only the rules in force on the date count (`--as-of`, the dataset's date
/// by default).
#[derive(Debug, clap::Args)]
pub struct ChainArgs {
    /// The post: its id (akim-zhambyl-district-nko) or IRI.
    #[arg(value_name = "POST")]
    post: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    format: Format,
    #[command(flatten)]
    when: super::AsOf,
}

pub fn run(tables: &Path, args: ChainArgs) -> Result<ExitCode> {
    let network = Network::from_tables(tables, args.when.as_of)?.at_its_date();
    let start = find(&network, &args.post)?;
    let chains = analysis::chains(&network, start);
    match args.format {
        Format::Table => to_stdout(|out| print_readable(&network, start, &chains, out))?,
        format => report::print(&[table(&network, &chains)], format)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The post or body a user names by id, IRI or prefixed name.
pub fn find(network: &Network, wanted: &str) -> Result<u32> {
    let id = crate::schema::kinds::id_of(wanted);
    let found = network
        .find(id)
        .filter(|&n| matches!(network.node(n).get(KIND), Some("post" | "body")));
    found.ok_or_else(|| {
        let candidates: Vec<&str> = network
            .nodes
            .iter()
            .filter(|n| matches!(n.get(KIND), Some("post" | "body")))
            .map(|n| &*n.id)
            .collect();
        let hint = crate::load::closest(id, &candidates).map_or_else(String::new, |c| format!("; did you mean {c}?"));
        Error::Usage(format!("no post or body '{id}' in the tables{hint}"))
    })
}

/// How a step's relation reads.
fn relation(edge: &Edge) -> String {
    match edge.relation() {
        "genericPost" => "follows the rules of".to_owned(),
        other => humanize(other),
    }
}

fn qualifiers(edge: &Edge) -> String {
    let mut parts: Vec<String> = edge.basis.iter().map(|b| b.name().to_owned()).collect();
    let provision = analysis::provision(edge.legal_basis.as_ref());
    if !provision.is_empty() {
        parts.push(provision);
    }
    if let Some(condition) = &edge.condition {
        parts.push(condition.to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  [{}]", parts.join("; "))
    }
}

fn print_readable(network: &Network, start: u32, chains: &[Chain], out: &mut dyn Write) -> std::io::Result<()> {
    let node = network.node(start);
    writeln!(out, "Chains from {} ({})", node.label(), node.id)?;
    let mut heading = None;
    let mut number = 0;
    for chain in chains {
        let this = (chain.kind.name(), chain.basis.name());
        if heading != Some(this) {
            heading = Some(this);
            number = 0;
            writeln!(out, "\n{}, {}", this.0, this.1)?;
        }
        number += 1;
        writeln!(out, "  {number}. {}", network.node(start).label())?;
        for &step in &chain.steps {
            let edge = &network.edges[step];
            writeln!(
                out,
                "       → {} → {}{}",
                relation(edge),
                network.node(edge.target).label(),
                qualifiers(edge)
            )?;
        }
    }
    if chains.is_empty() {
        writeln!(out, "\nno appointment or accountability rules reach this post")?;
    }
    Ok(())
}

fn table(network: &Network, chains: &[Chain]) -> Table {
    let mut rows = Vec::new();
    let mut number = 0;
    let mut previous = None;
    for chain in chains {
        let this = (chain.kind, chain.basis);
        number = if previous == Some(this) { number + 1 } else { 1 };
        previous = Some(this);
        for (i, &step) in chain.steps.iter().enumerate() {
            let edge = &network.edges[step];
            let (from, to) = (network.node(edge.source), network.node(edge.target));
            rows.push(vec![
                Value::from(chain.kind.name()),
                Value::from(chain.basis.name()),
                Value::from(number),
                Value::from(i + 1),
                Value::from(&*from.id),
                Value::from(from.label()),
                Value::from(edge.relation()),
                Value::from(&*to.id),
                Value::from(to.label()),
                Value::from(edge.basis.map_or("", |b| b.name())),
                Value::from(edge.legal_basis.as_ref().map_or("", |l| &*l.id)),
                Value::from(analysis::provision(edge.legal_basis.as_ref())),
                Value::from(edge.condition.as_deref().unwrap_or_default()),
            ]);
        }
    }
    Table {
        name: "chains",
        title: "Chains".to_owned(),
        header: vec![
            "chain",
            "chain_basis",
            "path",
            "step",
            "from",
            "from_label",
            "relation",
            "to",
            "to_label",
            "basis",
            "legal_basis",
            "legal_basis_label",
            "condition",
        ],
        rows,
    }
}
