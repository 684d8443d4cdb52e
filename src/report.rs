//! Reports of `kzlg chain` and `kzlg analyse`: named tables printed as aligned columns, CSV
//! or JSON.

use std::io::{self, Write};

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// How a report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each table under its title, in aligned columns.
    Table,
    /// One table as CSV with a header row.
    Csv,
    /// `{"<name>": [{"<column>": value, ...}, ...], ...}`.
    Json,
}

/// One table of a report; cells are JSON values so numbers stay numbers in JSON.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub title: String,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

fn text(cell: &Value) -> String {
    match cell {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Prints `tables` to `out`. CSV holds one table: more is a usage error naming `--only`.
pub fn print(tables: &[Table], format: Format, out: &mut dyn Write) -> Result<()> {
    let result = match format {
        Format::Table => print_tables(tables, out),
        Format::Csv => match tables {
            [table] => print_csv(table, out),
            _ => {
                return Err(Error::Usage(
                    "CSV holds one table: choose it with --only (or use --format table or json)".to_owned(),
                ));
            }
        },
        Format::Json => print_json(tables, out),
    };
    result.map_err(|source| Error::Write {
        path: "standard output".into(),
        source,
    })
}

fn print_tables(tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", table.title)?;
        if table.rows.is_empty() {
            writeln!(out, "(none)")?;
            continue;
        }
        let header: Vec<String> = table.header.iter().map(|h| (*h).to_owned()).collect();
        let rows: Vec<Vec<String>> = table.rows.iter().map(|r| r.iter().map(text).collect()).collect();
        crate::sparql::print_table(&header, &rows, out)?;
    }
    out.flush()
}

fn print_csv(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(&table.header)?;
    for row in &table.rows {
        csv.write_record(row.iter().map(text))?;
    }
    csv.flush()
}

fn print_json(tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
    let mut report = Map::new();
    for table in tables {
        let rows: Vec<Value> = table
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Value> = table
                    .header
                    .iter()
                    .map(|h| (*h).to_owned())
                    .zip(row.iter().cloned())
                    .collect();
                Value::Object(object)
            })
            .collect();
        report.insert(table.name.to_owned(), Value::Array(rows));
    }
    serde_json::to_writer_pretty(&mut *out, &Value::Object(report))?;
    writeln!(out)
}
