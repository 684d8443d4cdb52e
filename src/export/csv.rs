//! `nodes.csv` and `edges.csv` in the shape of Gephi's spreadsheet import: nodes with `Id` and
//! `Label` first, edges with `Source`, `Target`, `Type`, `Id`, `Label` and `Weight` first; the
//! other attributes follow under their own names.

use std::io::{self, Write};

use crate::network::{EDGE_KEYS, EDGE_LABEL, EDGE_WEIGHT, LABEL, Network};

/// The two files, in the order they are written.
pub const FILES: [&str; 2] = ["nodes.csv", "edges.csv"];

pub fn write_nodes(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let others: Vec<usize> = (0..network.node_keys.len()).filter(|&k| k != LABEL).collect();
    let mut header = vec!["Id", "Label"];
    header.extend(others.iter().map(|&k| network.node_keys[k].name.as_str()));
    csv.write_record(&header)?;
    // The field of each node key: the label second, the others in their order after it.
    let mut field = vec![1; network.node_keys.len()];
    for (i, &k) in others.iter().enumerate() {
        field[k] = i + 2;
    }
    let mut record: Vec<&str> = vec![""; header.len()];
    for node in &network.nodes {
        record.fill("");
        record[0] = &node.id;
        for (key, value) in &node.values {
            record[field[usize::from(*key)]] = value;
        }
        csv.write_record(&record)?;
    }
    csv.flush()
}

pub fn write_edges(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let others: Vec<usize> = (0..EDGE_KEYS.len())
        .filter(|&k| k != EDGE_LABEL && k != EDGE_WEIGHT)
        .collect();
    let mut header = vec!["Source", "Target", "Type", "Id", "Label", "Weight"];
    header.extend(others.iter().map(|&k| EDGE_KEYS[k].0));
    csv.write_record(&header)?;
    for edge in &network.edges {
        let values = edge.values();
        let value = |k: usize| values[k].as_deref().unwrap_or_default();
        let mut record = vec![
            &*network.node(edge.source).id,
            &*network.node(edge.target).id,
            "Directed",
            &*edge.id,
            value(EDGE_LABEL),
            value(EDGE_WEIGHT),
        ];
        record.extend(others.iter().map(|&k| value(k)));
        csv.write_record(&record)?;
    }
    csv.flush()
}
