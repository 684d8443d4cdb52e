//! `kzlg search`: the rows whose words speak of a subject, ranked.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::report::{self, Format, Table};
use crate::schema::TABLES;
use crate::search::{Hit, Index};

/// Search the full text of every row: names, notes, quotes and other free text.
///
/// Finds what the tables say about a subject even where no entity is named ("appointed by
/// the president", "corruption", "Токаев"). Words are folded like names (case, script,
/// transliteration, endings), rows ranked by BM25 (more of the query's words, and rarer ones,
/// rank higher; equal scores in table order). Each hit shows its table, row id (or the entity,
/// for aliases and links), the field and a snippet of it, and the row's source and line. Exit
/// code 0 when a row matched, 1 when none did, 2 on error.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The words to look for.
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,
    /// Only rows of this table (statements, people, aliases, ...); may be repeated.
    #[arg(long, value_name = "TABLE")]
    table: Vec<String>,
    /// Show at most this many rows; 0 shows all.
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
    /// Output format (default: a table on a terminal, CSV otherwise).
    #[arg(long, short, value_enum)]
    format: Option<Format>,
}

pub fn run(tables: &Path, args: SearchArgs) -> Result<ExitCode> {
    if let Some(unknown) = args.table.iter().find(|t| !TABLES.iter().any(|table| table.name == *t)) {
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        return Err(Error::Usage(format!(
            "no table '{unknown}': expected one of {}",
            names.join(", ")
        )));
    }
    let index = Index::read(tables)?;
    let query = args.text.join(" ");
    let mut hits = index.search(&query, |doc| {
        args.table.is_empty() || args.table.iter().any(|t| t == doc.table)
    });
    let found = hits.len();
    if args.limit > 0 {
        hits.truncate(args.limit);
    }
    let title = match found {
        0 => format!("No row speaks of {query:?}"),
        n if n > hits.len() => format!("{} of the {n} rows that speak of {query:?}, best first", hits.len()),
        n => format!(
            "{n} row{} that speak of {query:?}, best first",
            if n == 1 { "" } else { "s" }
        ),
    };
    let format = Format::or_default(args.format);
    let mut header = vec!["score", "table", "row", "field", "snippet", "source", "line"];
    if format != Format::Table {
        header.extend(["at", "matched"]);
    }
    let rows = hits.iter().map(|hit| row(hit, format)).collect();
    let table = Table {
        name: "hits",
        title,
        header,
        rows,
    };
    report::print(&[table], format)?;
    Ok(if found == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One hit; CSV and JSON add where the row is (`statements.csv:42`) and the words that matched.
fn row(hit: &Hit<'_>, format: Format) -> Vec<Value> {
    let doc = hit.doc;
    let (field, snippet) = hit.snippet();
    let mut cells = vec![
        Value::from(hit.score),
        Value::from(doc.table),
        Value::from(doc.row.as_str()),
        Value::from(field),
        Value::from(snippet),
        Value::from(doc.source.as_str()),
        doc.source_line.map_or(Value::Null, Value::from),
    ];
    match format {
        Format::Table => {}
        Format::Csv => cells.extend([Value::from(doc.at()), Value::from(hit.matched.join(" "))]),
        Format::Json => cells.extend([Value::from(doc.at()), Value::from(hit.matched.clone())]),
    }
    cells
}
