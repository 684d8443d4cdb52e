//! `kzlg build`: check the tables and write the graph files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::error::Result;
use crate::load;
use crate::output::canonical::SortedTriples;
use crate::output::dist::{self, Formats};
use crate::progress::Progress;
use crate::report::to_stdout;

/// Check the tables and write the graph as N-Quads, Turtle, JSON-LD and its canonical hash.
///
/// Every problem in the tables is reported as file:line:column; then the exit code is 2 and
/// nothing is written.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Folder for kzlg.nq, kzlg.ttl, kzlg.jsonld, kzlg.sha256 and the VoID description void.ttl.
    #[arg(long, value_name = "DIR", default_value = "dist")]
    out: PathBuf,
    /// Print nothing but errors (and no progress).
    #[arg(long, short)]
    quiet: bool,
    /// Write only kzlg.nq and kzlg.sha256 (for big graphs: Turtle and JSON-LD double the time).
    #[arg(long)]
    nquads_only: bool,
    /// The direct triples are those of this date, not of the dataset's (the statement nodes are
    /// the same).
    #[command(flatten)]
    when: super::AsOf,
}

/// Builds the graph from `tables` into `--out`, printing a summary unless `--quiet`.
pub fn run(tables: &Path, args: BuildArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let formats = Formats {
        turtle: !args.nquads_only,
        jsonld: !args.nquads_only,
    };
    let progress = Progress::new(args.quiet);
    progress.step("reading the tables");
    let mut triples = SortedTriples::default();
    let summary = load::load_as_of(tables, args.when.as_of, &mut triples, &mut progress.rows(|_, _| {}))?;
    progress.step("sorting the triples");
    let lines = triples.finish();
    let count = lines.len();
    progress.phase(format!("writing {}: triples", args.out.display()));
    let hash = dist::write_all(lines, &args.out, formats, &mut |n| progress.add(n))?;
    drop(progress);
    if args.quiet {
        return Ok(ExitCode::SUCCESS);
    }
    to_stdout(|w| {
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
            args.out.display(),
            formats.files().join(", ")
        )?;
        writeln!(w, "RDFC-1.0 SHA-256 {hash}")?;
        writeln!(w, "in {:.2} s", started.elapsed().as_secs_f64())
    })?;
    Ok(ExitCode::SUCCESS)
}
