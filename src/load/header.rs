//! Finding the table files of a folder and understanding their headers: which field holds each
//! column, and why a header is refused (a wrong separator, UTF-16, unknown or missing columns).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::hint::closest;
use super::records::Records;
use crate::error::{Diagnostic, Error, Result};
use crate::schema::{TABLES, Table};

/// One table's file, with its header already understood.
pub(super) struct TableFile {
    pub(super) table: &'static Table,
    pub(super) path: PathBuf,
    /// For each column of the schema, its field index in the file; `None` when the file is
    /// absent or its header is unusable.
    pub(super) fields: Option<Vec<usize>>,
    /// The number of fields of the header.
    pub(super) width: usize,
    /// Field indexes of columns without a name, whose cells must stay empty.
    pub(super) unnamed: Vec<usize>,
    /// Rows seen by pass one (tables with ids only).
    pub(super) rows: u64,
}

/// Finds the table files in `dir`, reporting unknown ones and bad headers.
pub(super) fn table_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<TableFile>> {
    let entries = std::fs::read_dir(dir).map_err(Error::read(dir))?;
    let mut unknown = Vec::new();
    for entry in entries {
        let path = entry.map_err(Error::read(dir))?.path();
        let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if is_csv && crate::schema::table(stem).is_none() {
            unknown.push((path.clone(), stem.to_owned()));
        }
    }
    unknown.sort();
    for (path, stem) in unknown {
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        let hint = match closest(&stem, &names) {
            Some(name) => format!("did you mean {name}.csv?"),
            None => format!("the tables are: {}", names.join(", ")),
        };
        diagnostics.push(Diagnostic::new(path, 1, None, format!("unknown table '{stem}.csv'")).with_hint(hint));
    }
    let mut files = Vec::new();
    for table in TABLES {
        let path = dir.join(table.file_name());
        let mut file = TableFile {
            table,
            path,
            fields: None,
            width: 0,
            unnamed: Vec::new(),
            rows: 0,
        };
        if file.path.exists() {
            file.read_header(diagnostics)?;
        } else if table.name == "sources" {
            diagnostics.push(
                Diagnostic::new(
                    &file.path,
                    1,
                    None,
                    "missing table sources.csv: every fact needs a source",
                )
                .with_hint("create it with the header from extracted/README.md"),
            );
        }
        files.push(file);
    }
    Ok(files)
}

impl TableFile {
    /// A problem at `line` (and field `column`, 1-based) of this file.
    pub(super) fn diagnostic(&self, line: u64, column: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.path, line, column, message)
    }

    /// Reads the header, and notes where each column is; a header that cannot be used is reported
    /// and leaves `fields` empty.
    fn read_header(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
        let expected: Vec<&'static str> = self.table.all_columns().map(|c| c.name).collect();
        let header_hint = format!("the header of {} is: {}", self.table.file_name(), expected.join(","));
        let header = Records::open(&self.path)?.header()?;
        if header.iter().all(<[u8]>::is_empty) {
            diagnostics.push(
                self.diagnostic(1, None, "empty file: expected a header row")
                    .with_hint(header_hint),
            );
            return Ok(());
        }
        let first = header.get(0).unwrap_or_default();
        if first.starts_with(&[0xff, 0xfe]) || first.starts_with(&[0xfe, 0xff]) || header.as_slice().contains(&0) {
            diagnostics.push(
                self.diagnostic(1, None, "the file is UTF-16, not UTF-8")
                    .with_hint("save it as CSV UTF-8 (a spreadsheet's \"Unicode text\" is UTF-16)"),
            );
            return Ok(());
        }
        let names: Vec<Option<&str>> = header.iter().map(|raw| std::str::from_utf8(raw).ok()).collect();
        if !names.iter().flatten().any(|name| expected.contains(name)) {
            let separator = [';', '\t', '|']
                .into_iter()
                .find(|&c| names.iter().flatten().any(|name| name.contains(c)));
            let message = match separator {
                Some(c) => format!("the header is separated by {c:?}, not by commas"),
                None => "the first row is not the header: it names none of the columns".to_owned(),
            };
            let hint = match separator {
                Some(_) => format!("save the file as CSV with commas ({header_hint})"),
                None => header_hint,
            };
            diagnostics.push(self.diagnostic(1, None, message).with_hint(hint));
            return Ok(());
        }
        let before = diagnostics.len();
        let mut positions: HashMap<&str, usize> = HashMap::new();
        let mut unknown = Vec::new();
        for (index, name) in names.iter().enumerate() {
            match name {
                None => diagnostics.push(
                    self.diagnostic(1, Some(index + 1), "column name is not valid UTF-8")
                        .with_hint(header_hint.clone()),
                ),
                // A spreadsheet keeps columns that once held text: accepted while they stay empty.
                Some("") => self.unnamed.push(index),
                Some(name) if !expected.contains(name) => unknown.push((index, *name)),
                Some(name) => {
                    if let Some(earlier) = positions.insert(name, index) {
                        diagnostics.push(
                            self.diagnostic(
                                1,
                                Some(index + 1),
                                format!(
                                    "column '{name}' appears twice, as columns {} and {}",
                                    earlier + 1,
                                    index + 1
                                ),
                            )
                            .with_hint("delete one of them"),
                        );
                    }
                }
            }
        }
        let missing: Vec<&str> = expected
            .iter()
            .copied()
            .filter(|name| !positions.contains_key(name))
            .collect();
        let mut explained = Vec::new();
        for (index, name) in unknown {
            let mut d = self.diagnostic(1, Some(index + 1), format!("unknown column '{name}'"));
            d = match closest(name, &missing) {
                Some(near) => {
                    explained.push(near);
                    d.with_hint(format!("did you mean '{near}'? That column is missing"))
                }
                None => d.with_hint(format!(
                    "the columns of {} are: {}",
                    self.table.file_name(),
                    expected.join(",")
                )),
            };
            diagnostics.push(d);
        }
        for name in missing.iter().filter(|name| !explained.contains(name)) {
            diagnostics.push(
                self.diagnostic(1, None, format!("missing column '{name}'"))
                    .with_hint(header_hint.clone()),
            );
        }
        if diagnostics.len() == before {
            self.fields = Some(expected.iter().map(|name| positions[name]).collect());
            self.width = header.len();
        }
        Ok(())
    }
}
