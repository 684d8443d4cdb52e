//! GraphML: every attribute declared as a `<key>` with `attr.name` and `attr.type`, which is
//! how Gephi fills its data laboratory (a node key named `label` becomes the label, an edge
//! key named `weight` the weight). Ids are the entities' ids; parallel edges keep their own.

use std::io::{self, Write};

use super::{nmtoken, open_xml_edge, xml};
use crate::network::{EDGE_KEYS, Network};

pub fn write(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (i, key) in network.node_keys.iter().enumerate() {
        writeln!(
            out,
            r#"  <key id="v{i}" for="node" attr.name="{}" attr.type="{}"/>"#,
            key.name,
            key.ty.name()
        )?;
    }
    for (i, (name, ty)) in EDGE_KEYS.iter().enumerate() {
        writeln!(
            out,
            r#"  <key id="e{i}" for="edge" attr.name="{name}" attr.type="{}"/>"#,
            ty.name()
        )?;
    }
    writeln!(out, r#"  <graph id="kzlg" edgedefault="directed">"#)?;
    // The hot loops write their pieces whole, the tags of each key made once.
    let node_data: Vec<String> = (0..network.node_keys.len())
        .map(|i| format!(r#"<data key="v{i}">"#))
        .collect();
    let edge_data: Vec<String> = (0..EDGE_KEYS.len()).map(|i| format!(r#"<data key="e{i}">"#)).collect();
    for node in &network.nodes {
        out.write_all(br#"    <node id=""#)?;
        out.write_all(nmtoken(&node.id).as_bytes())?;
        out.write_all(br#"">"#)?;
        for (key, value) in &node.values {
            data(out, &node_data[usize::from(*key)], value)?;
        }
        out.write_all(b"</node>\n")?;
    }
    for edge in &network.edges {
        open_xml_edge(out, "    ", network, edge)?;
        out.write_all(b">")?;
        for (key, value) in edge.values().iter().enumerate() {
            if let Some(value) = value {
                data(out, &edge_data[key], value)?;
            }
        }
        out.write_all(b"</edge>\n")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// One `<data>` element: its opening tag, the value escaped, the closing tag.
fn data(out: &mut dyn Write, open: &str, value: &str) -> io::Result<()> {
    out.write_all(open.as_bytes())?;
    out.write_all(xml(value).as_bytes())?;
    out.write_all(b"</data>")
}
