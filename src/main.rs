//! The `kzlg` binary: parses the command line, runs one subcommand, renders errors once.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kzlg::Error;
use kzlg::cli::{Cli, Command, LinkAction};
use kzlg::commands::{self, query};
use kzlg::graph::Formats;
use kzlg::sparql::Outcome;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => report(&error),
    }
}

fn run(cli: Cli) -> kzlg::Result<ExitCode> {
    let tables = &cli.tables;
    match cli.command {
        Command::Build {
            out,
            quiet,
            nquads_only,
        } => {
            let formats = Formats {
                turtle: !nquads_only,
                jsonld: !nquads_only,
            };
            commands::build::run(tables, &out, formats, quiet).map(|()| ExitCode::SUCCESS)
        }
        Command::Query {
            query: name,
            expr,
            data,
            format,
            labels,
            catalogue,
            federate,
            timeout,
        } => {
            let input = match (&expr, &name) {
                (Some(text), _) => query::Input::Inline(text),
                (None, Some(name)) if name != "-" => query::Input::Named(name),
                _ => query::Input::Stdin,
            };
            let options = query::Options {
                tables,
                data: data.as_deref(),
                catalogue: &catalogue,
                format,
                labels,
                federate: federate.then(|| std::time::Duration::from_secs_f64(timeout.max(0.001))),
            };
            Ok(match query::run(input, &options)? {
                Outcome::Boolean(false) => ExitCode::from(1),
                _ => ExitCode::SUCCESS,
            })
        }
        Command::Queries { catalogue, long } => commands::queries::run(&catalogue, long).map(|()| ExitCode::SUCCESS),
        Command::CheckEvidence { sources } => Ok(exit_if(commands::check_evidence::run(tables, &sources)?)),
        Command::Resolve { name, limit } => Ok(exit_if(commands::resolve::run(tables, &name, limit)?)),
        Command::Stats { sources } => Ok(exit_if(commands::stats::run(tables, sources.as_deref())?)),
        Command::Export {
            format,
            view,
            query,
            out,
        } => {
            let selection = match &query {
                Some(file) => commands::export::Selection::Query(file),
                None => commands::export::Selection::View(view),
            };
            commands::export::run(tables, format, selection, out.as_deref()).map(|()| ExitCode::SUCCESS)
        }
        Command::Chain { post, format } => commands::chain::run(tables, &post, format).map(|()| ExitCode::SUCCESS),
        Command::Analyse {
            view,
            top,
            only,
            format,
        } => commands::analyse::run(tables, view, top, only, format).map(|()| ExitCode::SUCCESS),
        Command::Link {
            action:
                LinkAction::Suggest {
                    from,
                    accept,
                    accept_all_above,
                    min_score,
                },
        } => {
            let acceptance = match (accept, accept_all_above) {
                (Some(ids), _) => commands::link::Acceptance::Ids(ids),
                (None, Some(score)) => commands::link::Acceptance::Above(score),
                (None, None) => commands::link::Acceptance::None,
            };
            commands::link::suggest(tables, &from, min_score, acceptance).map(|()| ExitCode::SUCCESS)
        }
        Command::Validate { data, shapes, json } => Ok(exit_if(commands::validate::run(
            tables,
            data.as_deref(),
            shapes.as_deref(),
            json,
        )?)),
        Command::Schema => {
            print!("{}", kzlg::schema::markdown());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// 0 when the check passed, 1 when it found something wrong.
fn exit_if(passed: bool) -> ExitCode {
    if passed { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// Prints an error once, on standard error, and picks the exit code (2). A closed pipe on
/// standard output is how `kzlg query ... | head` ends: not an error.
fn report(error: &Error) -> ExitCode {
    if let Error::Write { source, .. } = error {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
    }
    let stderr = std::io::stderr();
    let mut e = stderr.lock();
    if let Error::Invalid(diagnostics) = error {
        for diagnostic in diagnostics {
            let _ = writeln!(e, "{diagnostic}");
        }
    }
    let _ = writeln!(e, "error: {error}");
    ExitCode::from(2)
}
