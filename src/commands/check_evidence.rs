//! `kzlg check-evidence`: every quote is in its source.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result, plural};
use crate::evidence;

/// Checks the quotes and prints the problems and a summary; returns whether all were found.
pub fn run(tables: &Path, sources: &Path) -> Result<bool> {
    let report = evidence::check(tables, sources)?;
    let stderr = std::io::stderr();
    let mut e = stderr.lock();
    for problem in &report.problems {
        writeln!(e, "{problem}").map_err(Error::write("standard error"))?;
    }
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let print = (|| -> std::io::Result<()> {
        for (source, (checked, found)) in &report.per_source {
            writeln!(w, "  {source:<40}{found:>6} of {checked:>4} quotes found")?;
        }
        writeln!(
            w,
            "{} of {} found in {}; {} from references (no file to check)",
            report.found(),
            plural(report.checked(), "quote"),
            sources.display(),
            report.references
        )
    })();
    print.map_err(Error::write("standard output"))?;
    Ok(report.problems.is_empty())
}
