//! `kzlg who-held POST|UNIT`: who held a post, or the posts of a unit, with the evidence.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use crate::error::Result;
use crate::history::{Fact, History};
use crate::report::{self, Format, Table};
use crate::schema::Kind;
use crate::time::Holds;

/// List who held a post, or every post of a unit, each tenure with its source, quote and line.
///
/// With --as-of, only those who held it on that date (a tenure known only from an attestation
/// holds in the attested period: as of 2002-11-05, one attested in 2002-11 is "attested in
/// 2002-11"). Without it, every tenure the tables record, in date order. Exit code 1 when
/// nobody is found.
#[derive(Debug, clap::Args)]
pub struct WhoHeldArgs {
    /// The post or unit: its id (akim-zhambyl-district-nko, zhambyl-district-nko), IRI or
    /// prefixed name.
    #[arg(value_name = "POST|UNIT")]
    entity: String,
    #[command(flatten)]
    when: super::AsOf,
    /// Output format (default: a table on a terminal, CSV otherwise).
    #[arg(long, short, value_enum)]
    format: Option<Format>,
}

pub fn run(tables: &Path, args: WhoHeldArgs) -> Result<ExitCode> {
    let history = History::read(tables, args.when.as_of)?;
    let (id, kind) = history.entity(&args.entity)?;
    let mut tenures = history.holders(&id, kind);
    if args.when.as_of.is_some() {
        tenures.retain(|t| t.holds.is_some_and(Holds::is_held));
    }
    let what = match (kind, args.when.as_of) {
        (Kind::Unit, _) => format!("the posts of {}", history.label(&id)),
        _ => history.label(&id).to_owned(),
    };
    let title = match args.when.as_of {
        Some(date) => format!("Who held {what} on {date}"),
        None => format!("Who held {what}"),
    };
    let rows = tenures.iter().map(|t| row(&history, t)).collect();
    let table = Table {
        name: "tenures",
        title,
        header: vec!["person", "post", "when", "as_of", "source", "line", "evidence"],
        rows,
    };
    let format = Format::or_default(args.format);
    report::print(&[table], format)?;
    Ok(if tenures.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn row(history: &History, tenure: &Fact) -> Vec<Value> {
    let (person, post) = tenure.tenure.as_ref().expect("a tenure");
    vec![
        Value::from(history.label(person)),
        Value::from(history.label(post)),
        Value::from(tenure.when()),
        Value::from(as_of(tenure.holds)),
        Value::from(&*tenure.source),
        tenure.source_line.map_or(Value::Null, Value::from),
        Value::from(&*tenure.evidence),
    ]
}

/// How a fact stands on the view's date, in words.
pub fn as_of(holds: Option<Holds>) -> String {
    match holds {
        Some(Holds::Yes) => "holds".to_owned(),
        Some(Holds::Within(date)) => format!("attested in {date}"),
        Some(Holds::No) => "not then".to_owned(),
        None => String::new(),
    }
}
