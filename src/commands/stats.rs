//! `kzlg stats`: what the graph holds and how much of it is verified.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::stats;

/// Prints the counts; with `sources`, also the share of verified evidence. Returns whether every
/// checked quote was found.
pub fn run(tables: &Path, sources: Option<&Path>) -> Result<bool> {
    let stats = stats::collect(tables, sources)?;
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let print = (|| -> std::io::Result<bool> {
        writeln!(w, "Rows per table")?;
        for (table, n) in &stats.rows {
            writeln!(w, "  {table:<42}{n:>7}")?;
        }
        writeln!(w, "Entities per class")?;
        for (class, n) in &stats.classes {
            writeln!(w, "  {class:<42}{n:>7}")?;
        }
        writeln!(w, "Statements per relation")?;
        for (relation, by_basis) in &stats.relations {
            let total: usize = by_basis.values().sum();
            let bases: Vec<String> = by_basis
                .iter()
                .filter(|(basis, _)| !basis.is_empty())
                .map(|(basis, n)| format!("{basis} {n}"))
                .collect();
            let detail = if bases.is_empty() {
                String::new()
            } else {
                format!("  ({})", bases.join(", "))
            };
            writeln!(w, "  {relation:<42}{total:>7}{detail}")?;
        }
        writeln!(w, "Facts per source")?;
        for (source, n) in &stats.per_source {
            writeln!(w, "  {source:<42}{n:>7}")?;
        }
        let Some(report) = &stats.evidence else {
            writeln!(w, "Evidence: not checked (give --sources DIR)")?;
            return Ok(true);
        };
        let (found, checked) = (report.found(), report.checked());
        let share = if checked == 0 {
            100.0
        } else {
            100.0 * found as f64 / checked as f64
        };
        writeln!(
            w,
            "Evidence: {found} of {checked} rows quoting a document verified ({share:.1}%); {} rows from references",
            report.references
        )?;
        Ok(report.problems.is_empty())
    })();
    print.map_err(Error::write("standard output"))
}
