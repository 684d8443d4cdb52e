//! `kzlg query`: run SPARQL from a file, the catalogue, `-e` or standard input.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::report::to_stdout;
use crate::search::{Builder, Index};
use crate::sparql::params::{self, ParamKind};
use crate::sparql::{self, Format, Outcome};
use crate::{catalogue, store};

/// Run a SPARQL query: a file, a catalogue name, inline (-e) or standard input.
///
/// The project's prefixes (kzlg:, person:, unit:, post:, body:, org:, foaf:, ...) are declared.
/// The graph is built from the tables in memory unless --data names a built file or --store a
/// store that `kzlg load` made (the way to query a large graph in a moment). Exit code:
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
    /// Query the on-disk store that `kzlg load --store DIR` made, without loading anything.
    #[arg(long, value_name = "DIR", conflicts_with = "data")]
    store: Option<PathBuf>,
    /// Output format; a table on a terminal, otherwise CSV (Turtle for CONSTRUCT/DESCRIBE).
    #[arg(long, short, value_enum)]
    format: Option<Format>,
    /// Show labels instead of IRIs: in SELECT results, inside the GROUP_CONCATs of the result
    /// (the query is rewritten to label each value, an IRI or STR(?iri), before it is joined;
    /// not under HAVING or in a sub-query, whose tests must see the IRIs), and in CONSTRUCT or
    /// DESCRIBE results shown with --format table.
    #[arg(long)]
    labels: bool,
    /// Give a parameter the query declares (`# param: NAME KIND "what it is"` in its header) a
    /// value: an entity in any spelling (resolved as `kzlg resolve --type KIND` ranks it; an id
    /// works too), a date (YYYY, YYYY-MM, YYYY-MM-DD, --MM-DD) or a text. Repeatable. `kzlg
    /// queries --long` lists the parameters of the catalogue.
    #[arg(long = "param", short = 'p', value_name = "NAME=VALUE")]
    params: Vec<String>,
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
    /// Show no progress on standard error, however long the work.
    #[arg(long, short)]
    quiet: bool,
    /// Write how the query was evaluated to FILE ('-': standard error), as JSON: the plan the
    /// optimiser chose, each step with the rows it gave and its time. For a query that is slow.
    #[arg(long, value_name = "FILE")]
    explain: Option<PathBuf>,
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

/// Writes the plan and statistics of an evaluated query, whole or not at all.
fn write_explanation(path: &Path, explanation: &oxigraph::sparql::QueryExplanation) -> Result<()> {
    let mut json = Vec::new();
    explanation
        .write_in_json(&mut json)
        .map_err(|e| Error::Internal(e.to_string()))?;
    json.push(b'\n');
    if path == Path::new("-") {
        return std::io::stderr()
            .write_all(&json)
            .map_err(Error::write("standard error"));
    }
    crate::output::staged::write_atomically("--explain", path, |w| w.write_all(&json))
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
///
/// The text is parsed before the graph is built, so a syntax error or a wrong parameter name
/// costs no load; names the graph does not hold are warned of on standard error.
pub fn run(tables: &Path, args: QueryArgs) -> Result<ExitCode> {
    let (text, name) = read_query(&args)?;
    let federate = args.federate.then(|| Duration::from_secs_f64(args.timeout.max(0.001)));
    sparql::prepare_with(&text, &name, federate).map(drop)?;
    let given = given_params(&args, tables, &text, &name)?;
    let needs_index = needs_index(&text, &given);
    let mut builder = needs_index.then(Builder::default);
    let progress = Progress::new(args.quiet);
    let store = match (&args.store, &args.data, args.when.as_of) {
        (Some(dir), _, as_of) => store::disk::open(dir, as_of)?,
        (None, Some(path), as_of) => store::from_file_as_of(path, as_of, &progress)?.into(),
        (None, None, as_of) => store::from_tables_observed(
            tables,
            as_of,
            &mut progress.rows(|row, site| {
                if let Some(builder) = builder.as_mut() {
                    builder.observe(row, site.line);
                }
            }),
        )?
        .0
        .into(),
    };
    drop(progress);
    let from_tables = args.data.is_none() && args.store.is_none();
    let index = match (builder, from_tables) {
        (Some(_), false) => Some(Index::read(tables)?),
        (Some(builder), true) => Some(builder.finish()),
        (None, _) => None,
    };
    let text = params::fill(&text, &given, index.as_ref()).map_err(|errors| Error::Parameters {
        query: name.clone(),
        errors,
    })?;
    for warning in sparql::lint::unknown_names(&text, &store) {
        eprintln!("warning: {name}:{warning}");
    }
    let query = match args.labels {
        true => sparql::prepare_labelled(&text, &name, federate, &store)?,
        false => sparql::prepare_with(&text, &name, federate)?,
    };
    let format = args.format.unwrap_or(match std::io::stdout().is_terminal() {
        true => Format::Table,
        false => Format::Csv,
    });
    let bound = query.on_store(&store);
    let (results, explanation) = match args.explain {
        Some(_) => {
            let (results, explanation) = bound.compute_statistics().explain();
            (results, Some(explanation))
        }
        None => (bound.execute(), None),
    };
    let outcome = results
        .map_err(sparql::evaluation_error)
        .and_then(|results| {
            to_stdout(|out| sparql::run(&store, results, format, args.labels, out, args.format.is_none()))
        })
        .map_err(|error| match (error, federate) {
            (Error::ServiceFailed(reason), Some(timeout)) => Error::ServiceFailed(explain(&text, &reason, timeout)),
            (other, _) => other,
        })?;
    if let (Some(path), Some(explanation)) = (&args.explain, explanation) {
        write_explanation(path, &explanation)?;
    }
    Ok(match outcome {
        Outcome::Boolean(false) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

/// The `--param NAME=VALUE`s, checked against the declarations of `text` for what needs no
/// search (names, dates, the declarations and their blocks) before the graph is built. When
/// something is wrong, the entity values are resolved too, so that every problem is listed.
fn given_params(args: &QueryArgs, tables: &Path, text: &str, name: &str) -> Result<Vec<(String, String)>> {
    let (mut given, mut errors) = (Vec::new(), Vec::new());
    for param in &args.params {
        match params::assignment(param) {
            Ok(assignment) => given.push(assignment),
            Err(error) => errors.push(error),
        }
    }
    let without_entities: Vec<(String, String)> = {
        let (declared, _) = params::declared(text);
        let is_entity = |n: &str| {
            declared
                .iter()
                .any(|p| p.name == n && matches!(p.kind, ParamKind::Entity(_)))
        };
        given.iter().filter(|(n, _)| !is_entity(n)).cloned().collect()
    };
    if let Err(mut found) = params::fill(text, &without_entities, None) {
        if needs_index(text, &given) {
            if let Ok(index) = Index::read(tables) {
                found = params::fill(text, &given, Some(&index)).err().unwrap_or_default();
            }
        }
        errors.extend(found);
    }
    match errors.is_empty() {
        true => Ok(given),
        false => Err(Error::Parameters {
            query: name.to_owned(),
            errors,
        }),
    }
}

/// Whether a value given names an entity, which the search of the tables resolves.
fn needs_index(text: &str, given: &[(String, String)]) -> bool {
    let (declared, _) = params::declared(text);
    given.iter().any(|(n, _)| {
        declared
            .iter()
            .any(|p| &p.name == n && matches!(p.kind, ParamKind::Entity(_)))
    })
}
