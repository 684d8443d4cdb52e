//! `kzlg load`: the graph into an on-disk store, once, for `query` and `serve --store`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::error::Result;
use crate::progress::Progress;
use crate::store::disk::{self, Source};

/// Load the graph once into an on-disk store, for large graphs.
///
/// Writes the graph (from the tables, or from --data FILE that `kzlg build` wrote) and the
/// ontology into an oxigraph RocksDB store in DIR with the bulk loader, replacing the store that
/// is there. `kzlg query --store DIR` and `kzlg serve --store DIR` then answer without loading. A
/// load that is killed leaves the store marked incomplete, and they say so. Needs a kzlg built
/// with the cargo feature `rocksdb` (see README "Large graphs: load once").
#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// The store's folder: made if missing; a store kzlg made there is replaced.
    #[arg(long, value_name = "DIR")]
    store: PathBuf,
    /// Load this graph file (.nq, .nt, .ttl, .jsonld) instead of building from the tables.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Show no progress on standard error, however long the work.
    #[arg(long, short)]
    quiet: bool,
}

/// Loads the graph and says on standard error what the store holds and how fast it came.
pub fn run(tables: &Path, args: LoadArgs) -> Result<ExitCode> {
    let source = match &args.data {
        Some(file) => Source::File(file),
        None => Source::Tables(tables),
    };
    let started = Instant::now();
    let progress = Progress::new(args.quiet);
    let loaded = disk::load(&args.store, source, &progress)?;
    drop(progress);
    let seconds = started.elapsed().as_secs_f64();
    if !args.quiet {
        eprintln!(
            "loaded {} quads into {} in {seconds:.1} s ({:.0} quads/s); query it with: kzlg query NAME --store {}",
            loaded.quads,
            args.store.display(),
            loaded.quads as f64 / seconds.max(1e-9),
            args.store.display(),
        );
    }
    Ok(ExitCode::SUCCESS)
}
