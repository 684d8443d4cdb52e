//! Graphviz DOT, drawn to be read: the centre at the top and each level of government on a
//! rank of its own below it, edges coloured by the kind of relation (legend in the graph's
//! label), de facto edges dashed, proposed ones dotted. Every node and edge attribute is
//! written as a DOT attribute too, so tools that read DOT (pydot, pygraphviz, Gephi) keep them.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::network::{Basis, EDGE_KEYS, EDGE_WEIGHT, Edge, KIND, LEVEL, Network, TYPE};
use crate::schema::{Family, UNIT_TYPE_NAMES};

/// Rows from the centre down: a node without a level sits with the centre, then the levels in
/// the schema's order of unit types (country, region, ... village).
fn rank(level: Option<&str>) -> usize {
    match level.unwrap_or_default() {
        "" => 0,
        level => UNIT_TYPE_NAMES
            .iter()
            .position(|l| *l == level)
            .map_or(UNIT_TYPE_NAMES.len() + 1, |i| i + 1),
    }
}

/// The colour of a family's edges, as the schema declares it; grey for other links.
fn colour(family: Option<Family>) -> &'static str {
    family.map_or("#7f7f7f", Family::colour)
}

fn fill(node_type: Option<&str>, kind: Option<&str>) -> (&'static str, &'static str) {
    match (node_type, kind) {
        (Some("Akimat"), _) => ("box", "#fde0c5"),
        (Some("Maslikhat"), _) => ("box", "#d5e8d4"),
        (Some("StateBody"), _) => ("box", "#dae8fc"),
        (_, Some("post")) => ("ellipse", "#fff2cc"),
        (_, Some("person")) => ("ellipse", "#f8cecc"),
        _ => ("box", "#eeeeee"),
    }
}

/// A DOT double-quoted string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn write(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph kzlg {{")?;
    writeln!(
        out,
        "  graph [rankdir=BT, newrank=true, nodesep=0.25, ranksep=0.9, fontname=\"Helvetica\", fontsize=11, labelloc=t, label={}];",
        legend()
    )?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=10, style=\"filled\", penwidth=0.8, margin=\"0.08,0.04\"];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=7, arrowsize=0.6, penwidth=1.1];"
    )?;
    let mut ranks: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for node in &network.nodes {
        let (shape, fillcolor) = fill(node.get(TYPE), node.get(KIND));
        write!(
            out,
            "  {} [label={}, shape={shape}, fillcolor=\"{fillcolor}\"",
            quoted(&node.id),
            quoted(&wrap(node.label(), 24))
        )?;
        for (key, value) in &node.values {
            let name = &network.node_keys[usize::from(*key)].name;
            if name != "label" {
                write!(out, ", {}={}", attribute(name), quoted(value))?;
            }
        }
        writeln!(out, "];")?;
        ranks.entry(rank(node.get(LEVEL))).or_default().push(&node.id);
    }
    for ids in ranks.values() {
        let ids: Vec<String> = ids.iter().map(|id| quoted(id)).collect();
        writeln!(out, "  {{ rank=same; {} }}", ids.join(" "))?;
    }
    // Compact ranks of the levels present: an edge up k levels spans at least k ranks, so
    // each level gets a row of its own without layout-only nodes or edges.
    let present: Vec<usize> = ranks.keys().copied().collect();
    let row = |node: u32| {
        let level = rank(network.node(node).get(LEVEL));
        present.iter().position(|&r| r == level).unwrap_or_default()
    };
    for edge in &network.edges {
        write_edge(network, edge, row(edge.source), row(edge.target), out)?;
    }
    writeln!(out, "}}")
}

/// Node attributes named like Graphviz's own get a `kzlg_` prefix, so they do not restyle.
fn attribute(name: &str) -> String {
    match name {
        "label" | "shape" | "style" | "color" | "comment" | "group" => format!("kzlg_{name}"),
        _ => name.to_owned(),
    }
}

fn write_edge(
    network: &Network,
    edge: &Edge,
    source_row: usize,
    target_row: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let source = network.node(edge.source);
    let target = network.node(edge.target);
    let style = match (edge.basis, edge.holds.is_held()) {
        (_, false) => "dotted",
        (Some(Basis::DeFacto), true) => "dashed",
        _ => "solid",
    };
    let family = Family::of(edge.relation());
    write!(
        out,
        "  {} -> {} [id={}, color=\"{}\", fontcolor=\"{}\", style={style}",
        quoted(&source.id),
        quoted(&target.id),
        quoted(&edge.id),
        colour(family),
        colour(family)
    )?;
    // An edge from the centre down (a dissolution, a veto) must not pull its head above it.
    if source_row < target_row {
        write!(out, ", constraint=false")?;
    } else if source_row > target_row + 1 {
        write!(out, ", minlen={}", source_row - target_row)?;
    }
    for (i, value) in edge.values().iter().enumerate() {
        let Some(value) = value else { continue };
        let name = EDGE_KEYS[i].0;
        if i == EDGE_WEIGHT {
            // dot wants an integer weight; 1.0 is the default anyway.
            let weight = value.parse::<f64>().map_or(1, |w| w.round() as i64);
            write!(out, ", weight={weight}")?;
        } else {
            write!(out, ", {name}={}", quoted(value))?;
        }
    }
    writeln!(out, "];")
}

/// Breaks a label into lines of about `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// The graph's title and a colour key of the relations, as an HTML-like label (no extra
/// nodes, so readers count only the network's own).
fn legend() -> String {
    let mut rows = String::new();
    for family in Family::ALL {
        rows.push_str(&format!(
            "<td><font color=\"{}\">&#9473;&#9473; {}</font></td>",
            colour(Some(family)),
            family.name()
        ));
    }
    format!(
        "<<table border=\"0\" cellspacing=\"6\"><tr><td colspan=\"7\"><b>Kazakhstan's local government: who appoints, approves, dismisses and answers to whom</b></td></tr><tr>{rows}</tr><tr><td colspan=\"7\">solid: de jure (the law) &#160; dashed: de facto (practice) &#160; dotted: proposed or ended &#160; an arrow reads as a sentence: A — appointed by → B</td></tr></table>>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quotes_backslashes_and_newlines() {
        assert_eq!(quoted("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(wrap("Akim of a district (rayon)", 12), "Akim of a\ndistrict\n(rayon)");
    }
}
