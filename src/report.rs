//! What the commands print: their standard output, buffered, with one way to fail; aligned
//! tables (query results, chains, analyses, link suggestions); and the reports of `kzlg chain`
//! and `kzlg analyse` as named tables printed as aligned columns, CSV or JSON.

use std::io::{self, BufWriter, Write};

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// What printing to standard output can fail with: a write, or an error of kzlg's own (a query
/// that fails while its results are printed).
pub trait PrintError {
    fn into_error(self) -> Error;
}

impl PrintError for io::Error {
    fn into_error(self) -> Error {
        Error::write("standard output")(self)
    }
}

impl PrintError for Error {
    fn into_error(self) -> Error {
        self
    }
}

/// Runs `body` on standard output through a buffer, and flushes it. A failed write becomes
/// [`Error::Write`] on standard output, which the binary takes for a closed pipe when it is one.
pub fn to_stdout<T, E: PrintError>(body: impl FnOnce(&mut dyn Write) -> Result<T, E>) -> Result<T> {
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let value = body(&mut out).map_err(PrintError::into_error)?;
    out.flush().map_err(PrintError::into_error)?;
    Ok(value)
}

/// Cells longer than this are cut with an ellipsis in tables (CSV and JSON keep them whole).
pub const CELL_CHARS: usize = 60;

/// Prints rows as aligned columns under a header and a rule, then the number of rows. Cells are
/// put on one line; with `cut`, those longer than `cut` characters end in an ellipsis.
pub fn print_aligned(
    header: &[impl AsRef<str>],
    rows: &[Vec<String>],
    cut: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let clean = |cell: &str| {
        let cell = cell.replace(['\n', '\r', '\t'], " ");
        match cut.and_then(|cut| cell.char_indices().nth(cut - 1)) {
            Some((at, _)) => format!("{}…", &cell[..at]),
            None => cell,
        }
    };
    let header: Vec<String> = header.iter().map(|h| h.as_ref().to_owned()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(clean(cell).chars().count());
        }
    }
    let line = |cells: &[String], out: &mut dyn Write| -> io::Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| {
                let cell = clean(cell);
                let pad = width - cell.chars().count();
                format!("{cell}{}", " ".repeat(pad))
            })
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(&header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("  "))?;
    for row in rows {
        line(row, out)?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })
}

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

impl Format {
    /// The format asked for, or by default a table on a terminal and CSV when piped.
    pub fn or_default(asked: Option<Format>) -> Format {
        use std::io::IsTerminal;
        asked.unwrap_or(if io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Csv
        })
    }
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

/// Prints `tables` on standard output. CSV holds one table: more is a usage error naming `--only`.
pub fn print(tables: &[Table], format: Format) -> Result<()> {
    match (format, tables) {
        (Format::Table, _) => to_stdout(|out| print_tables(tables, out)),
        (Format::Csv, [table]) => to_stdout(|out| print_csv(table, out)),
        (Format::Csv, _) => Err(Error::Usage(
            "CSV holds one table: choose it with --only (or use --format table or json)".to_owned(),
        )),
        (Format::Json, _) => to_stdout(|out| print_json(tables, out)),
    }
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
        let rows: Vec<Vec<String>> = table.rows.iter().map(|r| r.iter().map(text).collect()).collect();
        print_aligned(&table.header, &rows, Some(CELL_CHARS), out)?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_unicode_by_characters() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["Әкім".to_owned(), "1".to_owned()],
            vec!["Akim of X".to_owned(), "22".to_owned()],
        ];
        print_aligned(&["name", "n"], &rows, Some(CELL_CHARS), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "name       n\n---------  --\nӘкім       1\nAkim of X  22\n(2 rows)\n"
        );
    }

    #[test]
    fn long_cells_are_cut_only_when_asked_and_always_kept_on_one_line() {
        let long = "word ".repeat(20);
        let rows = vec![vec![format!("two\nlines"), long.clone()]];
        let print = |cut| {
            let mut out = Vec::new();
            print_aligned(&["a", "b"], &rows, cut, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let cut = print(Some(10));
        assert!(cut.contains("two lines  word word…\n"), "{cut}");
        let whole = print(None);
        assert!(whole.contains(&format!("two lines  {}\n", long.trim_end())), "{whole}");
    }
}
