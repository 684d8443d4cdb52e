//! `kzlg stats`: what the graph holds and how much of it is verified.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::exit_if;
use crate::error::Result;
use crate::report::to_stdout;
use crate::stats;

/// Count entities per class, statements per relation, rules and tenures by what is known of
/// their time (an interval, an attestation, or nothing), and facts per source.
///
/// With --sources, also checks every quote and prints the share of verified evidence; the
/// exit code is then 1 when a quote is not found.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Folder of the source documents, to verify the evidence.
    #[arg(long, value_name = "DIR")]
    sources: Option<PathBuf>,
}

/// Prints the counts; with `--sources`, also the share of verified evidence. Fails (1) when a
/// checked quote was not found.
pub fn run(tables: &Path, args: StatsArgs) -> Result<ExitCode> {
    let stats = stats::collect(tables, args.sources.as_deref())?;
    let verified = to_stdout(|w| -> std::io::Result<bool> {
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
        writeln!(
            w,
            "Time known: interval (valid from/until), attested (a dated source), none"
        )?;
        for ((what, knowledge), n) in &stats.time {
            let label = format!("{what}, {}", knowledge.name());
            writeln!(w, "  {label:<42}{n:>7}")?;
        }
        let (in_force, rules) = stats.in_force;
        writeln!(
            w,
            "  {:<42}{in_force:>7} of {rules}",
            "rules in force on the dataset's date"
        )?;
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
    })?;
    Ok(exit_if(verified))
}
