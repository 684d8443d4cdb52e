//! GraphML: every attribute declared as a `<key>` with `attr.name` and `attr.type`, which is
//! how Gephi fills its data laboratory (a node key named `label` becomes the label, an edge
//! key named `weight` the weight). Ids are the entities' ids; parallel edges keep their own.

use std::io::{self, Write};

use super::{nmtoken, xml};
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
    for node in &network.nodes {
        write!(out, r#"    <node id="{}">"#, xml(&nmtoken(&node.id)))?;
        for (key, value) in &node.values {
            write!(out, r#"<data key="v{key}">{}</data>"#, xml(value))?;
        }
        writeln!(out, "</node>")?;
    }
    for edge in &network.edges {
        write!(
            out,
            r#"    <edge id="{}" source="{}" target="{}">"#,
            xml(&nmtoken(&edge.id)),
            xml(&nmtoken(&network.node(edge.source).id)),
            xml(&nmtoken(&network.node(edge.target).id))
        )?;
        for (key, value) in edge.values().iter().enumerate() {
            if let Some(value) = value {
                write!(out, r#"<data key="e{key}">{}</data>"#, xml(value))?;
            }
        }
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}
