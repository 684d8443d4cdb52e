//! `kzlg query`: run SPARQL from a file, the catalogue, `-e` or standard input.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use crate::error::{Error, Result};
use crate::sparql::{self, Format, Outcome};
use crate::{catalogue, store};

/// Where the query text comes from.
pub enum Input<'a> {
    /// A file path or catalogue name.
    Named(&'a str),
    /// The text itself.
    Inline(&'a str),
    /// Standard input.
    Stdin,
}

/// What to query and how to print it.
pub struct Options<'a> {
    pub tables: &'a Path,
    pub data: Option<&'a Path>,
    pub catalogue: &'a Path,
    pub format: Option<Format>,
    pub labels: bool,
    /// Let `SERVICE` reach remote endpoints, each request limited to this long.
    pub federate: Option<std::time::Duration>,
}

/// Says which endpoint failed and, for the usual causes, why in plain words.
fn explain(text: &str, reason: &str, timeout: std::time::Duration) -> String {
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

/// Runs the query and prints its results; returns what it found, for the exit code.
pub fn run(input: Input<'_>, options: &Options<'_>) -> Result<Outcome> {
    let (text, name) = match input {
        Input::Named(wanted) => {
            let entry = catalogue::resolve(wanted, options.catalogue)?;
            (entry.text, entry.path.display().to_string())
        }
        Input::Inline(text) => (text.to_owned(), "-e".to_owned()),
        Input::Stdin => {
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
            (text, "<stdin>".to_owned())
        }
    };
    let query = sparql::prepare_with(&text, &name, options.federate)?;
    let store = match options.data {
        Some(path) => store::from_file(path)?,
        None => store::from_tables(options.tables)?.0,
    };
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let format = options
        .format
        .unwrap_or(if terminal { Format::Table } else { Format::Csv });
    let outcome = sparql::run(
        &store,
        query,
        format,
        options.labels,
        &mut out,
        options.format.is_none(),
    )
    .map_err(|error| match (error, options.federate) {
        (Error::ServiceFailed(reason), Some(timeout)) => Error::ServiceFailed(explain(&text, &reason, timeout)),
        (other, _) => other,
    })?;
    out.flush().map_err(Error::write("standard output"))?;
    Ok(outcome)
}
