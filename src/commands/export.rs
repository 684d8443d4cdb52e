//! `kzlg export FORMAT`: the network, or a view or query of it, for graph tools.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::export::{self, Format};
use crate::graph::{Staged, write_file};
use crate::network::{Network, View, query};

/// What to export.
pub enum Selection<'a> {
    View(View),
    /// A SPARQL file whose CONSTRUCT (or SELECT ?source ?edge ?target) picks the subgraph.
    Query(&'a Path),
}

/// Writes one whole file.
type Writer = fn(&Network, &mut dyn Write) -> std::io::Result<()>;

pub fn run(tables: &Path, format: Format, selection: Selection<'_>, out: Option<&Path>) -> Result<()> {
    let network = match selection {
        Selection::View(view) => Network::from_tables(tables)?.view(view),
        Selection::Query(file) => {
            let text = std::fs::read_to_string(file).map_err(Error::read(file))?;
            let full = Network::from_tables(tables)?;
            let (store, _) = crate::store::from_tables(tables)?;
            query::subgraph(&full, &store, &text, &file.display().to_string())?
        }
    };
    let writer: Writer = match (format, out) {
        (Format::Csv, Some(dir)) => return write_csv(&network, dir),
        (Format::Csv, None) => {
            return Err(Error::Usage(
                "csv export writes nodes.csv and edges.csv: give the folder with --out DIR".to_owned(),
            ));
        }
        (Format::GraphMl, _) => export::graphml::write,
        (Format::Gexf, _) => export::gexf::write,
        (Format::Dot, _) => export::dot::write,
    };
    match out {
        None => {
            let stdout = std::io::stdout();
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            writer(&network, &mut buffered)
                .and_then(|()| buffered.flush())
                .map_err(Error::write("standard output"))
        }
        Some(file) => {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| Error::Usage(format!("--out {} names no file", file.display())))?;
            let dir = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let staged = Staged::new(dir);
            write_file(&staged.temp(name), |w| writer(&network, w))?;
            staged.commit()
        }
    }
}

/// `nodes.csv` and `edges.csv` in `dir`, renamed into place together.
fn write_csv(network: &Network, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(Error::write(dir))?;
    let staged = Staged::new(dir);
    let [nodes, edges] = export::csv::FILES;
    write_file(&staged.temp(nodes), |w| export::csv::write_nodes(network, w))?;
    write_file(&staged.temp(edges), |w| export::csv::write_edges(network, w))?;
    staged.commit()
}
