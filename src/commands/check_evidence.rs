//! `kzlg check-evidence`: every quote is in its source.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::exit_if;
use crate::error::{Error, Result, plural};
use crate::evidence;
use crate::report::to_stdout;

/// Prove that every evidence quote is in its source at (or near) the line given.
///
/// Exit code 0 when every quote is found, 1 when some are not, 2 on error.
#[derive(Debug, clap::Args)]
pub struct CheckEvidenceArgs {
    /// Folder of the source documents.
    #[arg(long, value_name = "DIR")]
    sources: PathBuf,
}

/// Checks the quotes and prints the problems and a summary; fails (1) when a quote is not found.
pub fn run(tables: &Path, args: CheckEvidenceArgs) -> Result<ExitCode> {
    let sources = &args.sources;
    let report = evidence::check(tables, sources)?;
    let stderr = std::io::stderr();
    let mut e = stderr.lock();
    for problem in &report.problems {
        writeln!(e, "{problem}").map_err(Error::write("standard error"))?;
    }
    to_stdout(|w| {
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
    })?;
    Ok(exit_if(report.problems.is_empty()))
}
