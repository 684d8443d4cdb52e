//! GEXF 1.2 with time: a dynamic graph whose edges live while their rules and tenures hold (see
//! [`crate::time`]): from `valid_from` (a rule seen only in a dated source, from then; a tenure,
//! from its start) to the day before `valid_until` or the start of the rule that replaced it (a
//! tenure, before its end); a tenure known only from an attestation lives over the attested
//! month or year. Events and programmes live from their start to their end, so that Gephi's
//! timeline plays the history. Everything undated is always present.

use std::io::{self, Write};

use super::{nmtoken, open_xml_edge, xml};
use crate::date::Date;
use crate::network::{EDGE_KEYS, EDGE_LABEL, EDGE_WEIGHT, Edge, LABEL, Network, Node};

pub fn write(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">"#)?;
    writeln!(
        out,
        "  <meta><creator>kzlg</creator><description>The knowledge graph of Kazakhstan's local government</description></meta>"
    )?;
    writeln!(
        out,
        r#"  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">"#
    )?;
    writeln!(out, r#"    <attributes class="node" mode="static">"#)?;
    for (i, key) in network.node_keys.iter().enumerate().filter(|(i, _)| *i != LABEL) {
        writeln!(
            out,
            r#"      <attribute id="{i}" title="{}" type="{}"/>"#,
            key.name,
            key.ty.name()
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge" mode="static">"#)?;
    for (i, (name, ty)) in EDGE_KEYS.iter().enumerate() {
        if i != EDGE_LABEL && i != EDGE_WEIGHT {
            writeln!(
                out,
                r#"      <attribute id="{i}" title="{name}" type="{}"/>"#,
                ty.name()
            )?;
        }
    }
    writeln!(out, "    </attributes>")?;
    let start_key = network.node_keys.iter().position(|k| k.name == "start");
    let end_key = network.node_keys.iter().position(|k| k.name == "end");
    // `<attvalue for="i" value="`, made once for every attribute (node and edge ids overlap).
    let opening: Vec<String> = (0..network.node_keys.len().max(EDGE_KEYS.len()))
        .map(|i| format!(r#"<attvalue for="{i}" value=""#))
        .collect();
    writeln!(out, "    <nodes>")?;
    for node in &network.nodes {
        out.write_all(br#"      <node id=""#)?;
        out.write_all(nmtoken(&node.id).as_bytes())?;
        out.write_all(br#"" label=""#)?;
        out.write_all(xml(node.label()).as_bytes())?;
        out.write_all(b"\"")?;
        let date = |key: Option<usize>| key.and_then(|k| node.get(k)).and_then(|d| Date::parse(d).ok());
        write_spell(
            out,
            date(start_key).and_then(Date::earliest),
            date(end_key).and_then(Date::latest),
        )?;
        out.write_all(b">")?;
        write_node_values(out, node, &opening)?;
        out.write_all(b"</node>\n")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for edge in &network.edges {
        let values = edge.values();
        open_xml_edge(out, "      ", network, edge)?;
        out.write_all(br#" label=""#)?;
        out.write_all(xml(values[EDGE_LABEL].as_deref().unwrap_or_default()).as_bytes())?;
        out.write_all(br#"" weight=""#)?;
        out.write_all(values[EDGE_WEIGHT].as_deref().unwrap_or("1.0").as_bytes())?;
        out.write_all(b"\"")?;
        let (start, end) = spell(edge);
        write_spell(out, start, end)?;
        out.write_all(b"><attvalues>")?;
        for (i, value) in values.iter().enumerate() {
            if let (Some(value), false) = (value, i == EDGE_LABEL || i == EDGE_WEIGHT) {
                attvalue(out, &opening[i], value)?;
            }
        }
        out.write_all(b"</attvalues></edge>\n")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

fn write_node_values(out: &mut dyn Write, node: &Node, opening: &[String]) -> io::Result<()> {
    out.write_all(b"<attvalues>")?;
    for (key, value) in node.values.iter().filter(|(k, _)| usize::from(*k) != LABEL) {
        attvalue(out, &opening[usize::from(*key)], value)?;
    }
    out.write_all(b"</attvalues>")
}

/// One `<attvalue>`, opened by its attribute's `opening`.
fn attvalue(out: &mut dyn Write, opening: &str, value: &str) -> io::Result<()> {
    out.write_all(opening.as_bytes())?;
    out.write_all(xml(value).as_bytes())?;
    out.write_all(br#""/>"#)
}

/// A day, as (year, month, day).
type Day = (u16, u8, u8);

/// The first and last day an edge holds, by the rule of [`crate::time`]: from its start (or
/// the attestation of a rule) to the day before its end, or for a tenure known only from an
/// attestation, over the attested period.
pub fn spell(edge: &Edge) -> (Option<Day>, Option<Day>) {
    let tenure = edge.predicate == crate::schema::HOLDS.iri;
    match (edge.valid_from, edge.valid_until, edge.attested_on) {
        (None, None, Some(attested)) if tenure => (attested.earliest(), attested.latest()),
        (from, until, attested) => (
            from.or(attested).and_then(Date::earliest),
            until.and_then(Date::day_before),
        ),
    }
}

fn write_spell(out: &mut dyn Write, start: Option<Day>, end: Option<Day>) -> io::Result<()> {
    if let Some((y, m, d)) = start {
        write!(out, r#" start="{y:04}-{m:02}-{d:02}""#)?;
    }
    if let Some((y, m, d)) = end {
        write!(out, r#" end="{y:04}-{m:02}-{d:02}""#)?;
    }
    Ok(())
}
