//! The `kzlg` binary: parses the command line, runs one subcommand, renders errors once.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use kzlg::Error;
use kzlg::commands::{self, Cli, Command};

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => report(&error),
    }
}

/// Hands the arguments to their subcommand.
fn run(cli: Cli) -> kzlg::Result<ExitCode> {
    let tables = &cli.tables;
    match cli.command {
        Command::Build(args) => commands::build::run(tables, args),
        Command::Load(args) => commands::load::run(tables, args),
        Command::Query(args) => commands::query::run(tables, args),
        Command::Queries(args) => commands::queries::run(args),
        Command::CheckEvidence(args) => commands::check_evidence::run(tables, args),
        Command::Coverage(args) => commands::coverage::run(tables, args),
        Command::Resolve(args) => commands::resolve::run(tables, args),
        Command::Search(args) => commands::search::run(tables, args),
        Command::Serve(args) => commands::serve::run(tables, args),
        Command::Show(args) => commands::show::run(tables, args),
        Command::Site(args) => commands::site::run(tables, args),
        Command::Stats(args) => commands::stats::run(tables, args),
        Command::Validate(args) => commands::validate::run(tables, args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Export(args) => commands::export::run(tables, args),
        Command::Chain(args) => commands::chain::run(tables, args),
        Command::WhoHeld(args) => commands::who_held::run(tables, args),
        Command::Timeline(args) => commands::timeline::run(tables, args),
        Command::Analyse(args) => commands::analyse::run(tables, args),
        Command::Link(args) => commands::link::run(tables, args),
        Command::Publish(args) => commands::publish::run(tables, args),
        Command::Generate(args) => commands::generate::run(args, Cli::command()),
    }
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
