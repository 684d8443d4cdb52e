//! `kzlg serve`: the graph as a web site and a SPARQL endpoint.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::error::Result;
use crate::serve::{self, Config, Limits};

/// Serve the graph: entity pages, search, a query page, SPARQL and reconciliation.
///
/// Loads the graph once (from the tables, or --data FILE; --store DIR opens a store that `kzlg
/// load` made, in a moment) and answers read-only: the SPARQL 1.1
/// Protocol at /sparql (updates refused), a page for every entity at /id/KIND/ID (HTML, Turtle,
/// N-Triples or JSON-LD by Accept or by .ttl/.nt/.jsonld), the ontology at /ontology, a search
/// box at /search, a query editor at /query, and the Reconciliation Service API at /reconcile
/// (for OpenRefine). Every asset is served by the binary: it works offline.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Serve this graph file (.nq, .nt, .ttl, .jsonld) instead of building from the tables (search
    /// and the home page's counts still read the tables when they are there).
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Serve the on-disk store that `kzlg load --store DIR` made, without loading anything (search
    /// and the home page's counts still read the tables when they are there).
    #[arg(long, value_name = "DIR", conflicts_with = "data")]
    store: Option<PathBuf>,
    /// The address to listen on; port 0 picks a free one (the address is printed on start).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// Stop a query after this long and answer 503: 10s, 1500ms, 2m or plain seconds.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    timeout: Duration,
    /// Cut an answer after this many rows (or triples), saying so in the Kzlg-Truncated header.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    max_rows: usize,
    /// Answer cross-origin requests (Access-Control-Allow-Origin: *), for web pages elsewhere.
    #[arg(long)]
    cors: bool,
    /// Folder of the query catalogue, the query page's examples.
    #[arg(long, value_name = "DIR", default_value = "queries")]
    catalogue: PathBuf,
    #[command(flatten)]
    when: super::AsOf,
    /// Show no progress on standard error, however long the work.
    #[arg(long, short)]
    quiet: bool,
}

fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| c.is_ascii_alphabetic()) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a duration: give e.g. 10s, 1500ms or 2m"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" | "min" => value * 60.0,
        other => return Err(format!("unknown unit '{other}' in '{text}': use ms, s or m")),
    };
    if !(seconds > 0.0 && seconds.is_finite()) {
        return Err(format!("'{text}': a timeout is longer than zero"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

pub fn run(tables: &Path, args: ServeArgs) -> Result<ExitCode> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
    serve::run(Config {
        data: args.data,
        store: args.store,
        tables: tables.to_owned(),
        catalogue: args.catalogue,
        bind: args.bind,
        as_of: args.when.as_of,
        cors: args.cors,
        limits: Limits {
            timeout: args.timeout,
            max_rows: args.max_rows,
            max_body: 1 << 20,
            max_uri: 16 * 1024,
            workers,
        },
        quiet: args.quiet,
    })?;
    Ok(ExitCode::SUCCESS)
}
