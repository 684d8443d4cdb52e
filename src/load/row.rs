//! The checks of one row that need no other row: its shape, its cells and references, and the
//! rules within it. Pass two runs them on several threads at once.

use super::cell::parse_cell;
use super::checks::check_row;
use super::header::TableFile;
use super::hint::{CellError, Problem, shorten};
use super::records::Record;
use super::registry::Registry;
use crate::error::Diagnostic;
use crate::rdf::{self, Row, Value};
use crate::schema::{Cell, Column, Kind};
use crate::time::View;

/// What checking one row on its own needs: shared by the threads of pass two.
pub(super) struct RowCheck<'a> {
    pub(super) file: &'a TableFile,
    pub(super) columns: &'a [&'static Column],
    pub(super) fields: &'a [usize],
    pub(super) registry: &'a Registry,
    pub(super) view: &'a View<'a>,
}

/// One row checked on its own, its record borrowed.
pub(super) struct Checked<'r> {
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Cells citing kinds that no row defines: the kinds, the id and the field.
    pub(super) citations: Vec<(&'static [Kind], &'r str, usize)>,
    /// The row and its node id, when it passed every check of its own.
    pub(super) passed: Option<(Row<'r>, String)>,
}

/// The last reference a thread resolved in a column: rows in a run often cite the same id
/// (their source, their post), and resolving it again would look it up again.
#[derive(Clone, Default)]
pub(super) struct LastRef {
    raw: Vec<u8>,
    kind: Option<Kind>,
}

impl RowCheck<'_> {
    /// Brings the definitions that the references of `rows` cite into the cache, before
    /// their rows are checked one by one.
    pub(super) fn prefetch(&self, rows: &[(u64, Record)]) {
        let mut ids = Vec::with_capacity(rows.len() * 4);
        for (_, record) in rows {
            for (column, &field) in self.columns.iter().zip(self.fields) {
                if !matches!(column.cell, Cell::Ref(_) | Cell::Refs(_)) {
                    continue;
                }
                let Some(Ok(text)) = record.get(field).map(std::str::from_utf8) else {
                    continue;
                };
                ids.extend(text.split(';').map(str::trim).filter(|id| !id.is_empty()));
            }
        }
        self.registry.prefetch(&ids);
    }

    /// The checks of one row that need no other row.
    pub(super) fn row<'r>(&self, record: &'r Record, line: u64, last: &mut [LastRef]) -> Checked<'r> {
        let file = self.file;
        let mut checked = Checked {
            diagnostics: Vec::new(),
            citations: Vec::new(),
            passed: None,
        };
        if record.len() != file.width {
            checked.diagnostics.push(file.misshapen_row(record, line));
            return checked;
        }
        for &field in &file.unnamed {
            let value = String::from_utf8_lossy(record.get(field).unwrap_or_default());
            if !value.is_empty() {
                checked.diagnostics.push(
                    file.diagnostic(
                        line,
                        Some(field + 1),
                        format!("'{}' is in a column without a name", shorten(&value)),
                    )
                    .with_hint("name the column in the header, or move the value into its column"),
                );
            }
        }
        // A cell whose problem is reported elsewhere: the row is not checked further.
        let mut explained_elsewhere = false;
        let mut values = Vec::with_capacity(self.columns.len());
        for ((column, &field), last) in self.columns.iter().zip(self.fields).zip(last.iter_mut()) {
            let raw = record.get(field).unwrap_or_default();
            // The bytes of the last reference resolved in this column parse as they did then.
            let cached = last
                .kind
                .filter(|_| last.raw == raw)
                .and_then(|kind| Some(Value::Ref(std::str::from_utf8(raw).ok()?, kind)));
            let parsed = match cached {
                Some(value) => Ok(value),
                None => parse_cell(column, raw, self.registry),
            };
            match parsed {
                Ok(value) => {
                    if let (Value::Ref(_, kind), Cell::Ref(_)) = (&value, &column.cell) {
                        last.raw.clear();
                        last.raw.extend_from_slice(raw);
                        last.kind = Some(*kind);
                    }
                    values.push(value);
                }
                Err(CellError::Problem(problem)) => {
                    checked
                        .diagnostics
                        .push(problem.at(&file.path, line, field + 1, column.name));
                    values.push(Value::Empty);
                }
                Err(CellError::CitesEmpty { id, kinds }) => {
                    checked.citations.push((kinds, id, field));
                    explained_elsewhere = true;
                    values.push(Value::Empty);
                }
                Err(CellError::Unresolved) => {
                    explained_elsewhere = true;
                    values.push(Value::Empty);
                }
            }
        }
        if !checked.diagnostics.is_empty() || explained_elsewhere {
            return checked;
        }
        let row = Row {
            table: file.table,
            values,
        };
        let at = |name: &str| self.fields[file.table.position(name).unwrap_or(0)] + 1;
        for (column, problem) in check_row(&row, self.registry) {
            checked
                .diagnostics
                .push(problem.at(&file.path, line, at(column), column));
        }
        for (column, message, hint) in crate::time::checks::check_row(&row, self.view) {
            checked.diagnostics.push(
                Problem::new(message)
                    .hint(hint)
                    .at(&file.path, line, at(column), column),
            );
        }
        if checked.diagnostics.is_empty() {
            let derived = rdf::node_id(&row);
            checked.passed = Some((row, derived));
        }
        checked
    }
}
