//! One module per subcommand, each holding its args struct (the subcommand's part of the command
//! line, with its `--help` text) and the `run` that the binary calls with it. [`Command`] gathers
//! them, and [`Cli`] is the whole command line (see `cli.rs` for why it is put together here).

pub mod analyse;
pub mod build;
pub mod chain;
pub mod check_evidence;
pub mod coverage;
pub mod export;
pub mod generate;
pub mod link;
pub mod load;
pub mod publish;
pub mod queries;
pub mod query;
pub mod resolve;
pub mod schema;
pub mod search;
pub mod serve;
pub mod show;
pub mod site;
pub mod stats;
pub mod timeline;
pub mod validate;
pub mod who_held;

use std::process::ExitCode;

use crate::date::Date;

/// `--as-of DATE`: the one spelling of a date view, in every command that shows rules or tenures.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct AsOf {
    /// Show the graph as it stood on this date: YYYY, YYYY-MM or YYYY-MM-DD (default: the
    /// dataset's date, the `dataset` row of sources.csv).
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
}

fn parse_as_of(text: &str) -> Result<Date, String> {
    match Date::parse(text) {
        Ok(date) if date.has_year() => Ok(date),
        Ok(_) => Err("a view needs a year: YYYY, YYYY-MM or YYYY-MM-DD".to_owned()),
        Err(why) => Err(format!("{why} (e.g. 2002, 2002-11 or 2002-11-05)")),
    }
}

/// The whole command line: the global options and one subcommand.
pub type Cli = crate::cli::Cli<Command>;

/// The subcommands, in the order `--help` lists them.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Build(build::BuildArgs),
    Load(load::LoadArgs),
    Query(query::QueryArgs),
    Queries(queries::QueriesArgs),
    CheckEvidence(check_evidence::CheckEvidenceArgs),
    Coverage(coverage::CoverageArgs),
    Resolve(resolve::ResolveArgs),
    Search(search::SearchArgs),
    Serve(serve::ServeArgs),
    Show(show::ShowArgs),
    Site(site::SiteArgs),
    Stats(stats::StatsArgs),
    Validate(validate::ValidateArgs),
    Schema(schema::SchemaArgs),
    Export(export::ExportArgs),
    Chain(chain::ChainArgs),
    WhoHeld(who_held::WhoHeldArgs),
    Timeline(timeline::TimelineArgs),
    Analyse(analyse::AnalyseArgs),
    Link(link::LinkArgs),
    Publish(publish::PublishArgs),
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

/// 0 when the check passed, 1 when it found something wrong.
fn exit_if(passed: bool) -> ExitCode {
    if passed { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
