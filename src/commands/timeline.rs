//! `kzlg timeline ENTITY`: every dated fact about an entity, in date order, with its source.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use crate::error::Result;
use crate::history::History;
use crate::report::{self, Format, Table};

/// Show the tenures, rules, events, renamings and other facts that name an entity, in date
/// order (undated ones last), each with its source, quote and line.
///
/// The as_of column says whether each rule or tenure held on the date (--as-of, the dataset's
/// date by default).
#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// The entity: its id (askarbek-mustafin, akim-rural-district), IRI or prefixed name.
    #[arg(value_name = "ENTITY")]
    entity: String,
    #[command(flatten)]
    when: super::AsOf,
    /// Output format (default: a table on a terminal, CSV otherwise).
    #[arg(long, short, value_enum)]
    format: Option<Format>,
}

pub fn run(tables: &Path, args: TimelineArgs) -> Result<ExitCode> {
    let history = History::read(tables, args.when.as_of)?;
    let (id, _) = history.entity(&args.entity)?;
    let facts = history.about(&id);
    let date = history.date.map(|d| d.to_string()).unwrap_or_default();
    let rows = facts
        .iter()
        .map(|fact| {
            vec![
                Value::from(fact.when()),
                Value::from(history.sentence(fact)),
                Value::from(fact.basis),
                Value::from(super::who_held::as_of(fact.holds)),
                Value::from(fact.table),
                Value::from(&*fact.source),
                fact.source_line.map_or(Value::Null, Value::from),
                Value::from(&*fact.evidence),
            ]
        })
        .collect();
    let table = Table {
        name: "timeline",
        title: format!("Timeline of {} (as of {date})", history.label(&id)),
        header: vec!["when", "what", "basis", "as_of", "table", "source", "line", "evidence"],
        rows,
    };
    let format = Format::or_default(args.format);
    report::print(&[table], format)?;
    Ok(ExitCode::SUCCESS)
}
