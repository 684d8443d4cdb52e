//! Graphviz DOT, drawn to be read: the centre at the top and each level of government on a
//! rank of its own below it, edges coloured by the family of their relation (a legend of the
//! relations drawn in the graph's label), de facto edges dashed, proposed ones dotted. Several
//! dates of the same view can stand side by side, each in a frame (`--beside`), the levels
//! aligned across frames. Rules drawn alike between two nodes are one line; its tooltip cites
//! every row behind it. Every node and edge attribute is written as a DOT attribute too, so
//! tools that read DOT (pydot, pygraphviz, Gephi) keep them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use rustc_hash::FxHashSet;

use crate::network::{
    Basis, CITATION_SEPARATOR, Citation, EDGE_KEYS, EDGE_LABEL, EDGE_LINE, EDGE_SOURCE, EDGE_WEIGHT, Edge, KIND, LEVEL,
    Network, Node, TYPE,
};
use crate::schema::{Family, HOLDS, PARTICIPANT, RELATIONS, UNIT_TYPE_NAMES};

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
    let mut out = Vec::with_capacity(text.len() + 2);
    write_quoted(&mut out, text).expect("a Vec takes every write");
    String::from_utf8(out).expect("escapes keep UTF-8 whole")
}

/// Writes `text` as a DOT double-quoted string: quotes and backslashes escaped, line breaks
/// as `\n`, carriage returns dropped. The runs between those (ASCII) bytes go out whole.
fn write_quoted(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"",
            _ => continue,
        };
        out.write_all(&bytes[run..i])?;
        out.write_all(escape)?;
        run = i + 1;
    }
    out.write_all(&bytes[run..])?;
    out.write_all(b"\"")
}

/// A picture: one network, or the same view at several dates side by side, each in a frame.
pub struct Picture<'a> {
    pub panels: &'a [Network],
    /// The title; by default, what the picture shows.
    pub title: Option<&'a str>,
    /// Whether each panel is the system on its date (not every period at once).
    pub dated: bool,
}

/// Where a relation sits in the legend: its family's place, its own, its family.
type LegendOrder = (usize, usize, Option<Family>);

/// The title when none is given.
const DEFAULT_TITLE: &str = "Kazakhstan's local government: who appoints, approves, dismisses and answers to whom";

/// Edges drawn alike: same ends, relation and style. They are drawn once.
type Look<'n> = (&'n str, &'n str, &'n str, Option<Basis>, bool);

fn look<'n>(network: &'n Network, edge: &'n Edge) -> Look<'n> {
    (
        &network.node(edge.source).id,
        &network.node(edge.target).id,
        &edge.predicate,
        edge.basis,
        edge.holds.is_held(),
    )
}

/// A panel's edges in the order they are drawn, each group of edges drawn alike together (in
/// the order of its first edge), and where each group ends. Edges drawn alike share their
/// ends and predicate, which the network's order puts next to each other: each such run is
/// grouped on its own, by basis and whether the edge holds.
struct Arranged<'n> {
    edges: Vec<&'n Edge>,
    ends: Vec<usize>,
}

impl<'n> Arranged<'n> {
    fn new(network: &'n Network) -> Self {
        let mut edges = Vec::with_capacity(network.edges.len());
        let mut ends = Vec::new();
        let same_ends = |a: &Edge, b: &Edge| (a.source, a.target, &a.predicate) == (b.source, b.target, &b.predicate);
        for run in network.edges.chunk_by(same_ends) {
            let style = |edge: &Edge| (edge.basis, edge.holds.is_held());
            let mut styles: Vec<(Option<Basis>, bool)> = Vec::new();
            for edge in run {
                if !styles.contains(&style(edge)) {
                    styles.push(style(edge));
                }
            }
            for drawn in styles {
                edges.extend(run.iter().filter(|&edge| style(edge) == drawn));
                ends.push(edges.len());
            }
        }
        Self { edges, ends }
    }

    fn groups(&self) -> Vec<&[&'n Edge]> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&end| {
                let group = &self.edges[start..end];
                start = end;
                group
            })
            .collect()
    }
}

impl Picture<'_> {
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let framed = self.panels.len() > 1;
        let arranged: Vec<Arranged<'_>> = self.panels.iter().map(Arranged::new).collect();
        let drawn: Vec<Vec<&[&Edge]>> = arranged.iter().map(Arranged::groups).collect();
        writeln!(out, "digraph kzlg {{")?;
        writeln!(
            out,
            "  graph [rankdir=BT, newrank=true, nodesep=0.3, ranksep=0.7, fontname=\"Helvetica\", fontsize=11, labelloc=t, label={}];",
            self.legend(&drawn)
        )?;
        writeln!(
            out,
            "  node [fontname=\"Helvetica\", fontsize=10, style=\"filled\", penwidth=0.8, margin=\"0.08,0.04\"];"
        )?;
        writeln!(
            out,
            "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6, penwidth=1.1];"
        )?;
        let mut ranks: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (i, network) in self.panels.iter().enumerate() {
            let prefix = if framed {
                format!("{}/", date_of(network))
            } else {
                String::new()
            };
            let indent = if framed { "    " } else { "  " };
            if framed {
                writeln!(out, "  subgraph cluster_{i} {{")?;
                writeln!(
                    out,
                    "    graph [label={}, labelloc=b, fontsize=14, labeljust=c, style=\"rounded\", color=\"#bbbbbb\", margin=12];",
                    quoted(&format!("as of {}", date_of(network)))
                )?;
            }
            for node in &network.nodes {
                let name = format!("{prefix}{}", node.id);
                write_node(network, node, &name, indent, out)?;
                ranks.entry(rank(node.get(LEVEL))).or_default().push(name);
            }
            if framed {
                writeln!(out, "  }}")?;
            }
        }
        for names in ranks.values() {
            out.write_all(b"  { rank=same; ")?;
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    out.write_all(b" ")?;
                }
                write_quoted(out, name)?;
            }
            out.write_all(b" }\n")?;
        }
        // Compact ranks of the levels present: an edge up k levels spans at least k ranks, so
        // each level gets a row of its own without layout-only nodes or edges.
        let present: Vec<usize> = ranks.keys().copied().collect();
        for (i, (network, groups)) in self.panels.iter().zip(&drawn).enumerate() {
            let prefix = if framed {
                format!("{}/", date_of(network))
            } else {
                String::new()
            };
            let row = |node: u32| {
                let level = rank(network.node(node).get(LEVEL));
                present.iter().position(|&r| r == level).unwrap_or_default()
            };
            let before: Option<HashSet<Look<'_>>> =
                (i > 0).then(|| drawn[i - 1].iter().map(|g| look(&self.panels[i - 1], g[0])).collect());
            let mut upward = Vec::new();
            for group in groups {
                let new = before.as_ref().is_some_and(|b| !b.contains(&look(network, group[0])));
                let ends = (row(group[0].source), row(group[0].target));
                if ends.0 > ends.1 {
                    upward.push((ends.1, ends.0));
                }
                write_edge(network, group, &prefix, ends, new, out)?;
            }
            // Levels no drawn line joins would collapse into one row: an invisible line keeps
            // each below the one above (`kzlg_layout`, no predicate: readers may skip it).
            let mut first: BTreeMap<usize, &str> = BTreeMap::new();
            for (n, node) in (0u32..).zip(&network.nodes) {
                first.entry(row(n)).or_insert(&node.id);
            }
            let rows: Vec<(&usize, &&str)> = first.iter().collect();
            for pair in rows.windows(2) {
                let ((&upper, top), (&lower, bottom)) = (pair[0], pair[1]);
                if !upward.iter().any(|&(a, b)| a <= upper && lower <= b) {
                    writeln!(
                        out,
                        "  {} -> {} [style=invis, minlen={}, kzlg_layout=\"true\"];",
                        quoted(&format!("{prefix}{bottom}")),
                        quoted(&format!("{prefix}{top}")),
                        lower - upper
                    )?;
                }
            }
        }
        writeln!(out, "}}")
    }

    /// The title and a key of what is drawn, as an HTML-like label (no extra nodes, so readers
    /// count only the network's own): each relation drawn, in its family's colour, in the
    /// schema's order; the line styles used.
    fn legend(&self, drawn: &[Vec<&[&Edge]>]) -> String {
        let edges = || drawn.iter().flatten().map(|g| g[0]);
        // (order, labels, colour): one entry per family drawn (its relations share its colour),
        // then each drawn relation that has no family, in grey.
        let order = |edge: &Edge| {
            let family = Family::of(edge.relation());
            let relation = RELATIONS
                .iter()
                .chain([&HOLDS, &PARTICIPANT])
                .position(|r| r.iri == edge.predicate);
            (
                family.map_or(Family::ALL.len(), |f| f as usize),
                relation.unwrap_or(usize::MAX),
                family,
            )
        };
        // Order and label depend on the predicate alone: one edge of each predicate will do.
        let mut predicates: FxHashSet<&str> = FxHashSet::default();
        let mut drawn_relations: Vec<(LegendOrder, String)> = edges()
            .filter(|e| predicates.insert(&e.predicate))
            .map(|e| {
                (
                    order(e),
                    e.values()[EDGE_LABEL].as_deref().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        drawn_relations.sort();
        drawn_relations.dedup();
        let mut relations: Vec<(Vec<String>, &'static str)> = Vec::new();
        let mut last_family = None;
        for ((_, _, family), label) in drawn_relations {
            match (family, relations.last_mut()) {
                (Some(f), Some((labels, _))) if last_family == Some(f) => labels.push(label),
                _ => relations.push((vec![label], colour(family))),
            }
            last_family = family;
        }
        let mut styles = Vec::new();
        for (style, meaning) in [
            ("solid", "solid: de jure (the law)"),
            ("dashed", "dashed: de facto (practice)"),
            ("dotted", "dotted: proposed or ended"),
        ] {
            if edges().any(|e| line_style(e) == style) {
                styles.push(meaning);
            }
        }
        if self.panels.len() > 1 {
            styles.push("thick: not in the frame to the left");
        }
        let columns = relations.len().clamp(1, 5);
        let mut rows = String::new();
        for chunk in relations.chunks(columns) {
            rows.push_str("<tr>");
            for (labels, colour) in chunk {
                rows.push_str(&format!(
                    "<td align=\"left\"><font color=\"{colour}\">&#9473;&#9473;&#9473; {}</font></td>",
                    html(&labels.join(", "))
                ));
            }
            rows.push_str("</tr>");
        }
        let example = relations
            .first()
            .map_or("appointed by", |(labels, _)| labels[0].as_str());
        let mut subtitle = styles.join(" &#160; ");
        if !subtitle.is_empty() {
            subtitle.push_str(" &#160; ");
        }
        subtitle.push_str(&format!("an arrow reads as a sentence: A — {} → B", html(example)));
        let mut title = format!("<b>{}</b>", html(self.title.unwrap_or(DEFAULT_TITLE)));
        if let [network] = self.panels {
            if self.dated {
                title.push_str(&format!("<br/>as of {}", date_of(network)));
            }
        }
        format!(
            "<<table border=\"0\" cellspacing=\"4\"><tr><td colspan=\"{columns}\"><font point-size=\"16\">{title}</font></td></tr>{rows}<tr><td colspan=\"{columns}\">{subtitle}</td></tr></table>>"
        )
    }
}

fn date_of(network: &Network) -> String {
    network
        .date
        .map_or_else(|| "the dataset's date".to_owned(), |d| d.to_string())
}

fn write_node(network: &Network, node: &Node, name: &str, indent: &str, out: &mut dyn Write) -> io::Result<()> {
    let (shape, fillcolor) = fill(node.get(TYPE), node.get(KIND));
    out.write_all(indent.as_bytes())?;
    write_quoted(out, name)?;
    out.write_all(b" [label=")?;
    write_quoted(out, &wrap(node.label(), 24))?;
    write!(out, ", shape={shape}, fillcolor=\"{fillcolor}\"")?;
    if name != &*node.id {
        out.write_all(b", kzlg_id=")?;
        write_quoted(out, &node.id)?;
    }
    for (key, value) in &node.values {
        let name = &network.node_keys[usize::from(*key)].name;
        if name != "label" {
            write!(out, ", {}=", attribute(name))?;
            write_quoted(out, value)?;
        }
    }
    out.write_all(b"];\n")
}

/// Node attributes named like Graphviz's own get a `kzlg_` prefix, so they do not restyle.
fn attribute(name: &str) -> Cow<'_, str> {
    match name {
        "label" | "shape" | "style" | "color" | "comment" | "group" => Cow::Owned(format!("kzlg_{name}")),
        _ => Cow::Borrowed(name),
    }
}

/// Solid for the law, dashed for practice, dotted for what does not hold on the date.
fn line_style(edge: &Edge) -> &'static str {
    match (edge.basis, edge.holds.is_held()) {
        (_, false) => "dotted",
        (Some(Basis::DeFacto), true) => "dashed",
        _ => "solid",
    }
}

/// One line for edges drawn alike. Each attribute is theirs when they agree, else each one's
/// value joined by " | " in their order; `source`, `evidence` and `line` list every row cited.
fn write_edge(
    network: &Network,
    group: &[&Edge],
    prefix: &str,
    (source_row, target_row): (usize, usize),
    new: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let first = group[0];
    let source = network.node(first.source);
    let target = network.node(first.target);
    let family = Family::of(first.relation());
    let prefixed = |out: &mut dyn Write, id: &str| match prefix {
        "" => write_quoted(out, id),
        prefix => write_quoted(out, &format!("{prefix}{id}")),
    };
    out.write_all(b"  ")?;
    prefixed(out, &source.id)?;
    out.write_all(b" -> ")?;
    prefixed(out, &target.id)?;
    out.write_all(b" [id=")?;
    match group {
        [one] => prefixed(out, &one.id)?,
        _ => {
            let id: Vec<&str> = group.iter().map(|e| &*e.id).collect();
            prefixed(out, &id.join(CITATION_SEPARATOR))?;
        }
    }
    write!(
        out,
        ", color=\"{}\", fontcolor=\"{}\", style={}",
        colour(family),
        colour(family),
        line_style(first)
    )?;
    if new {
        write!(out, ", penwidth=2.6")?;
    }
    // An edge from the centre down (a dissolution, a veto) must not pull its head above it.
    if source_row < target_row {
        write!(out, ", constraint=false")?;
    } else if source_row > target_row + 1 {
        write!(out, ", minlen={}", source_row - target_row)?;
    }
    // One edge (nearly every line) is its own values and citations; several are joined.
    let (values, citations) = match group {
        [one] => (one.values(), Cow::Borrowed(&one.citations[..])),
        _ => {
            let mut cited = first.clone();
            cited.citations = group.iter().flat_map(|e| e.citations.iter().cloned()).collect();
            let each: Vec<_> = group.iter().map(|e| e.values()).collect();
            let mut values = cited.values().map(|v| v.map(|v| Cow::Owned(v.into_owned())));
            for (i, value) in values.iter_mut().enumerate() {
                if !(EDGE_SOURCE..=EDGE_LINE).contains(&i) {
                    *value = joined(each.iter().map(|values| values[i].as_deref())).map(|v| Cow::Owned(v.into_owned()));
                }
            }
            (values, Cow::Owned(cited.citations.to_vec()))
        }
    };
    for (i, value) in values.iter().enumerate() {
        let Some(value) = value else { continue };
        let name = EDGE_KEYS[i].0;
        if i == EDGE_WEIGHT {
            // dot wants an integer weight; 1.0 is the default anyway.
            let weight = value.parse::<f64>().map_or(1, |w| w.round() as i64);
            write!(out, ", weight={weight}")?;
        } else {
            write!(out, ", {name}=")?;
            write_quoted(out, value)?;
        }
    }
    out.write_all(b", tooltip=")?;
    let label = values[EDGE_LABEL].as_deref().unwrap_or_default();
    write_quoted(out, &tooltip(network, first, label, &citations))?;
    out.write_all(b"];\n")
}

/// The values of the edges drawn as one: the common one, or each (empty for none) joined.
fn joined<'v>(values: impl Iterator<Item = Option<&'v str>>) -> Option<Cow<'v, str>> {
    let values: Vec<Option<&str>> = values.collect();
    if values.iter().all(|v| *v == values[0]) {
        return values[0].map(Cow::Borrowed);
    }
    let parts: Vec<&str> = values.iter().map(|v| v.unwrap_or_default()).collect();
    Some(Cow::Owned(parts.join(CITATION_SEPARATOR)))
}

/// What a reader hovering over the line sees: the rule as a sentence, then each source with
/// its line and quote, so the picture can be cited.
fn tooltip(network: &Network, edge: &Edge, label: &str, citations: &[Citation]) -> String {
    let mut text = format!(
        "{} — {} → {}",
        network.node(edge.source).label(),
        label,
        network.node(edge.target).label()
    );
    if let Some(basis) = edge.basis {
        text.push_str(&format!(" ({})", basis.name()));
    }
    for citation in citations {
        let source = &citation.source;
        text.push_str(&format!("\n{}", source.title.as_deref().unwrap_or(&source.id)));
        if let Some(url) = &source.url {
            text.push_str(&format!(" <{url}>"));
        }
        if let Some(line) = citation.line {
            text.push_str(&format!(", line {line}"));
        }
        if let Some(evidence) = &citation.evidence {
            text.push_str(&format!(": “{evidence}”"));
        }
    }
    text
}

/// Text made safe inside an HTML-like label.
fn html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
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
