//! `kzlg query`: run SPARQL from a file, the catalogue, `-e` or standard input.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::report::to_stdout;
use crate::sparql::{self, Format, Outcome};
use crate::{catalogue, store};

/// Run a SPARQL query: a file, a catalogue name, inline (-e) or standard input.
///
/// The project's prefixes (kzlg:, person:, unit:, post:, body:, org:, foaf:, ...) are declared.
/// The graph is built from the tables in memory unless --data names a built file. Exit code:
/// 0, or for ASK 0 when true and 1 when false; 2 on error.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// A .rq file or the name of a catalogue query; '-' (or nothing) reads standard input.
    #[arg(value_name = "QUERY")]
    query: Option<String>,
    /// The query text itself.
    #[arg(short = 'e', long = "expr", value_name = "SPARQL", conflicts_with = "query")]
    expr: Option<String>,
    /// Query this graph file (.nq, .nt, .ttl, .jsonld) instead of building from the tables.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Output format; a table on a terminal, otherwise CSV (Turtle for CONSTRUCT/DESCRIBE).
    #[arg(long, short, value_enum)]
    format: Option<Format>,
    /// Show labels instead of IRIs in SELECT results.
    #[arg(long)]
    labels: bool,
    /// Folder of the query catalogue.
    #[arg(long, value_name = "DIR", default_value = "queries")]
    catalogue: PathBuf,
    /// Let SERVICE clauses query remote SPARQL endpoints (federated query).
    #[arg(long)]
    federate: bool,
    /// With --federate: give up on a remote endpoint after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, requires = "federate")]
    timeout: f64,
    /// The direct triples are the rules and tenures that held on this date (YYYY, YYYY-MM or
    /// YYYY-MM-DD; default: the dataset's date). Statement nodes keep every period.
    #[command(flatten)]
    when: super::AsOf,
}

/// Says which endpoint failed and, for the usual causes, why in plain words.
fn explain(text: &str, reason: &str, timeout: Duration) -> String {
    let endpoints = sparql::service_endpoints(text).join(" or ");
    let why = if reason.contains("refused") {
        format!("nothing answers there ({reason})")
    } else if ["(os error 11)", "(os error 110)", "timed out"]
        .iter()
        .any(|t| reason.contains(t))
    {
        format!("no answer within {} s ({reason})", timeout.as_secs_f64())
    } else {
        reason.to_owned()
    };
    format!("{endpoints}: {why}")
}

/// The query text and the name its errors cite: `-e`, a file or catalogue query, or standard input.
fn read_query(args: &QueryArgs) -> Result<(String, String)> {
    match (&args.expr, &args.query) {
        (Some(text), _) => Ok((text.clone(), "-e".to_owned())),
        (None, Some(wanted)) if wanted != "-" => {
            let entry = catalogue::resolve(wanted, &args.catalogue)?;
            Ok((entry.text, entry.path.display().to_string()))
        }
        _ => {
            if std::io::stdin().is_terminal() {
                return Err(Error::Usage(
                    "give a query: a .rq file, a catalogue name (see `kzlg queries`), -e 'SPARQL', or pipe it in"
                        .to_owned(),
                ));
            }
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(Error::read("standard input"))?;
            Ok((text, "<stdin>".to_owned()))
        }
    }
}

/// Runs the query and prints its results; an ASK that is false exits with 1.
pub fn run(tables: &Path, args: QueryArgs) -> Result<ExitCode> {
    let (text, name) = read_query(&args)?;
    let federate = args.federate.then(|| Duration::from_secs_f64(args.timeout.max(0.001)));
    let query = sparql::prepare_with(&text, &name, federate)?;
    let store = match (&args.data, args.when.as_of) {
        (Some(path), as_of) => {
            let store = store::from_file(path)?;
            if let Some(date) = as_of {
                crate::time::store::restate(&store, date)?;
            }
            store
        }
        (None, as_of) => store::from_tables_observed(tables, as_of, &mut |_, _| {})?.0,
    };
    let format = args.format.unwrap_or(match std::io::stdout().is_terminal() {
        true => Format::Table,
        false => Format::Csv,
    });
    let outcome = to_stdout(|out| sparql::run(&store, query, format, args.labels, out, args.format.is_none()))
        .map_err(|error| match (error, federate) {
            (Error::ServiceFailed(reason), Some(timeout)) => Error::ServiceFailed(explain(&text, &reason, timeout)),
            (other, _) => other,
        })?;
    Ok(match outcome {
        Outcome::Boolean(false) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}
