//! `kzlg build`: check the tables and write the graph files.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::graph::{self, Formats, SortedTriples};
use crate::load;

/// Builds the graph from `tables` into `out`, printing a summary unless `quiet`.
pub fn run(tables: &Path, out: &Path, formats: Formats, quiet: bool) -> Result<()> {
    let started = Instant::now();
    let mut triples = SortedTriples::default();
    let summary = load::load(tables, &mut triples)?;
    let lines = triples.finish();
    let count = lines.len();
    let hash = graph::write_all(lines, out, formats)?;
    if quiet {
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let report = (|| -> std::io::Result<()> {
        writeln!(w, "Read {} tables from {}:", summary.rows.len(), tables.display())?;
        for (table, rows) in &summary.rows {
            writeln!(w, "  {table:<16}{rows:>9} rows")?;
        }
        writeln!(w, "Entities per class:")?;
        for (class, n) in &summary.classes {
            writeln!(w, "  {class:<40}{n:>9}")?;
        }
        writeln!(
            w,
            "Wrote {count} triples to {}: {}",
            out.display(),
            formats.files().join(", ")
        )?;
        writeln!(w, "RDFC-1.0 SHA-256 {hash}")?;
        writeln!(w, "in {:.2} s", started.elapsed().as_secs_f64())
    })();
    report.map_err(Error::write("standard output"))
}
