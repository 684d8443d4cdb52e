//! `kzlg publish`: push the graph into an existing SPARQL store and count it back.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::output::void::DATASET_IRI;
use crate::progress::Progress;
use crate::publish::{self, Credentials, Target};
use crate::report::to_stdout;
use crate::store;
use crate::vocab::ONTOLOGY_IRI;

/// Push the graph into a SPARQL store (Virtuoso, Fuseki, GraphDB, Oxigraph server, ...) through
/// the SPARQL 1.1 Graph Store HTTP Protocol, then check the store holds all of it.
///
/// One HTTP PUT replaces the named graph whole, so readers never see half a graph and
/// publishing again never doubles it. The graph is then counted through the store's SPARQL
/// endpoint; a count that differs from what was pushed exits non-zero. The graph is built from
/// the tables in memory unless --data names a built file (its default graph is published).
/// See docs/publish.md for each store's endpoints and logins.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// The store's Graph Store Protocol endpoint, e.g.
    /// http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso) or http://host:3030/kzlg/data (Fuseki).
    #[arg(long, value_name = "URL")]
    to: String,
    /// The named graph to replace; by default the dataset's IRI (as in dist/void.ttl).
    #[arg(long, value_name = "IRI", default_value = DATASET_IRI)]
    graph: String,
    /// Publish this built graph file (.nq, .nt, .ttl, .jsonld) instead of building from the tables.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Also replace the graph <https://w3id.org/kzlg/ontology> with the bundled ontology (the
    /// labels and definitions of the kzlg: terms, as `kzlg query` has them).
    #[arg(long)]
    ontology: bool,
    /// The user to log in as (HTTP digest or basic, as the store asks).
    #[arg(long, value_name = "USER", requires = "password_file")]
    user: Option<String>,
    /// A file holding the password (its first line); never given on the command line, where
    /// other users of the machine could read it.
    #[arg(long, value_name = "FILE", requires = "user")]
    password_file: Option<PathBuf>,
    /// The store's SPARQL query endpoint, to count the graph (default: the one beside --to for
    /// Virtuoso, Fuseki, GraphDB and Oxigraph).
    #[arg(long, value_name = "URL")]
    query_endpoint: Option<String>,
    /// Seconds to wait for the store at each step before giving up.
    #[arg(long, value_name = "SECONDS", default_value_t = 600.0)]
    timeout: f64,
    /// Show no progress on standard error, however long the work.
    #[arg(long, short)]
    quiet: bool,
}

/// Builds (or reads) the graph, pushes it, counts it back, and prints what was pushed and counted.
pub fn run(tables: &Path, args: PublishArgs) -> Result<ExitCode> {
    let target = Target::new(&args.to, args.graph.clone(), args.query_endpoint.as_deref())?;
    let credentials = match (args.user, &args.password_file) {
        (Some(user), Some(path)) => Some(Credentials {
            user,
            password: read_password(path)?,
            source: path.display().to_string(),
        }),
        _ => None,
    };
    let progress = Progress::new(args.quiet);
    let data = match &args.data {
        Some(path) => store::from_file(path, &progress)?,
        None => store::from_tables_observed(tables, None, &mut progress.rows(|_, _| {}))?.0,
    };
    let file = args.data.as_ref().map(|p| p.display().to_string());
    progress.step("writing the graph as N-Triples");
    let mut graphs = vec![(args.graph.clone(), publish::data_payload(&data, file.as_deref())?)];
    drop(data);
    if args.ontology {
        graphs.push((ONTOLOGY_IRI.to_owned(), publish::ontology_payload()?));
    }
    let timeout = Duration::from_secs_f64(args.timeout.max(0.001));
    for (graph, payload) in graphs {
        progress.step(format!(
            "sending {} to <{graph}> at {} and counting it back",
            indicatif::HumanBytes(payload.ntriples.len() as u64),
            target.store
        ));
        let published = publish::publish(&target, &graph, payload, credentials.clone(), timeout)?;
        progress.suspend(|| {
            to_stdout(|w| {
                writeln!(
                    w,
                    "published {} triples to <{}> at {} ({}, {:.1} s)",
                    published.pushed, published.graph, target.store, published.status, published.seconds
                )?;
                writeln!(
                    w,
                    "counted {} triples in <{}> through {}: all there",
                    published.counted, published.graph, target.query_endpoint
                )
            })
        })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The first line of the password file, without its line end.
fn read_password(path: &Path) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(Error::read(path))?;
    let password = text.lines().next().unwrap_or_default().to_owned();
    if password.is_empty() {
        return Err(Error::Usage(format!(
            "the password file {} is empty; write the password on its first line",
            path.display()
        )));
    }
    Ok(password)
}
