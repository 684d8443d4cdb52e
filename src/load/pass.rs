//! One pass over one table file: pass one records its ids, pass two checks its rows and emits
//! their triples.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::cell::{is_id, slug};
use super::checks::Repeats;
use super::header::TableFile;
use super::hierarchy::Hierarchies;
use super::hint::{file_name, kinds_phrase};
use super::records::{Batch, Record, for_each_batch, spans_lines, with_batches};
use super::registry::{Entry, Registry};
use super::row::{Checked, LastRef, RowCheck};
use crate::date::Date;
use crate::error::{Diagnostic, Result};
use crate::rdf::Row;
use crate::schema::{Column, Kind};
use crate::time::checks::TimeChecks;
use crate::time::{Timeline, View};

/// Rows whose references are looked up ahead together, in one go: enough loads to keep memory
/// busy, few enough that what they bring stays in the cache until the rows are checked.
const PREFETCHED: usize = 64;

/// Where a checked row stands in its file, for callers that look at rows as they pass.
pub struct Site<'a> {
    pub path: &'a Path,
    pub line: u64,
    /// The date the rows are placed in time at.
    pub view: &'a View<'a>,
    columns: &'a [&'static Column],
    fields: &'a [usize],
}

impl Site<'_> {
    /// The 1-based field number of the column `name` in this file.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .map(|i| self.fields[i] + 1)
    }
}

/// What pass two reads and gathers across all table files, beside the rows of the one it reads.
pub(super) struct Checking<'a, 'o> {
    pub(super) registry: &'a Registry,
    pub(super) hierarchies: &'a mut Hierarchies,
    pub(super) citations: &'a mut EmptyCitations,
    pub(super) output: &'a mut super::Output<'o>,
    pub(super) observer: &'a mut dyn FnMut(&Row<'_>, &Site<'_>),
    pub(super) view: &'a View<'a>,
    pub(super) time_checks: &'a mut TimeChecks,
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
}

impl TableFile {
    /// Pass one: records the id of every row (and which sources are references), and what
    /// [`Timeline`] needs to place rows in time during pass two.
    pub(super) fn collect_ids(
        &mut self,
        registry: &mut Registry,
        timeline: &mut Timeline,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<()> {
        let Some(fields) = &self.fields else { return Ok(()) };
        if !self.table.has_id() {
            return Ok(());
        }
        let field = |name: &str| {
            let at = self.table.position(name)?;
            fields.get(at).copied()
        };
        let kind_field = (self.table.name == "sources").then(|| field("kind")).flatten();
        let date_field = field("date");
        let statement_fields = (self.table.name == "statements")
            .then(|| {
                Some([
                    field("subject")?,
                    field("predicate")?,
                    field("object")?,
                    field("valid_from")?,
                ])
            })
            .flatten();
        let (table, width) = (self.table, self.width);
        let mut rows = 0u64;
        let mut duplicates = Vec::new();
        for_each_batch(&self.path, &mut |batch| {
            rows += batch.len() as u64;
            for (line, record) in batch {
                let line = *line;
                if is_runaway(record, width) {
                    // The rest of the file is one cell: ids after it are lost, and references to
                    // them would only repeat the quote's error.
                    registry.incomplete(table);
                }
                let Some(id) = record.get(fields[0]).and_then(|raw| std::str::from_utf8(raw).ok()) else {
                    continue;
                };
                let entry = Entry { table, line };
                if !is_id(id) {
                    // Reported with the row in pass two.
                    registry.misspell(slug(id), entry);
                    continue;
                }
                if let Some(first) = registry.define(id, entry) {
                    duplicates.push((line, id.to_owned(), first));
                    continue;
                }
                let text = |f: usize| {
                    record
                        .get(f)
                        .and_then(|raw| std::str::from_utf8(raw).ok())
                        .unwrap_or_default()
                };
                match kind_field.map(text) {
                    Some("reference") => registry.define_reference_source(id),
                    Some("dataset") => {
                        registry.define_reference_source(id);
                        timeline.dataset_date = date_field.map(text).and_then(|d| Date::parse(d).ok());
                    }
                    _ => {}
                }
                if let Some([subject, predicate, object, from]) = statement_fields {
                    timeline.add_statement(id, text(subject), text(predicate), text(object), text(from));
                }
            }
            Ok(())
        })?;
        for (line, id, first) in duplicates {
            diagnostics.push(
                self.diagnostic(line, Some(fields[0] + 1), format!("duplicate id '{id}'"))
                    .with_hint(format!(
                        "'{id}' is already the id of a {} in {} line {}; ids are unique across all tables",
                        first.kind().noun(),
                        first.table.file_name(),
                        first.line
                    )),
            );
        }
        self.rows += rows;
        Ok(())
    }

    /// Pass two: checks every row and, while the run is clean, emits its triples. Returns the
    /// number of rows.
    ///
    /// The rows of a batch are checked in parallel, each on its own (cells, references, the
    /// rules of one row); what looks across rows (repeats, hierarchies, time, the observer and
    /// the output) then takes them in file order, so the result is that of one thread.
    pub(super) fn check_and_emit(&self, run: &mut Checking<'_, '_>) -> Result<usize> {
        let Some(fields) = &self.fields else { return Ok(0) };
        let columns: Vec<&'static Column> = self.table.all_columns().collect();
        let check = RowCheck {
            file: self,
            columns: &columns,
            fields,
            registry: run.registry,
            view: run.view,
        };
        let mut emitting = Emitting {
            file: self,
            columns: &columns,
            fields,
            repeats: Repeats::default(),
        };
        let mut rows = 0;
        // Two batches take turns: while this thread hands on the rows of one, the pool checks
        // the next.
        with_batches(&self.path, |batches| {
            let (mut even, mut odd) = (Batch::default(), Batch::default());
            if !batches.refill(&mut even)? {
                return Ok(());
            }
            let mut checked_even = check_batch(&check, even.rows());
            loop {
                rows += even.rows().len();
                let more = batches.refill(&mut odd)?;
                let next = more.then(|| odd.rows());
                let Some(checked_odd) = overlapped(&check, next, || emitting.emit(run, even.rows(), checked_even))
                else {
                    return Ok(());
                };
                rows += odd.rows().len();
                let more = batches.refill(&mut even)?;
                let next = more.then(|| even.rows());
                match overlapped(&check, next, || emitting.emit(run, odd.rows(), checked_odd)) {
                    Some(checked) => checked_even = checked,
                    None => return Ok(()),
                }
            }
        })?;
        Ok(rows)
    }

    /// The problem of a row whose field count differs from the header's.
    pub(super) fn misshapen_row(&self, record: &Record, line: u64) -> Diagnostic {
        if is_runaway(record, self.width) {
            let field = record.iter().position(spans_lines).unwrap_or_default();
            return self
                .diagnostic(line, Some(field + 1), "a double quote opens here and is never closed")
                .with_hint("the rest of the file became one cell; close the quote, or double a quote inside a value");
        }
        let counts = format!("row has {} fields but the header has {}", record.len(), self.width);
        if record.len() > self.width {
            return self
                .diagnostic(line, Some(self.width + 1), counts)
                .with_hint("a comma inside a value needs the value in double quotes");
        }
        let fields = self.fields.as_deref().unwrap_or_default();
        let mut lacking: Vec<(usize, &str)> = self
            .table
            .all_columns()
            .zip(fields)
            .filter(|(_, field)| **field >= record.len())
            .map(|(column, field)| (*field, column.name))
            .collect();
        lacking.sort_unstable();
        let names: Vec<&str> = lacking.iter().map(|(_, name)| *name).collect();
        self.diagnostic(
            line,
            Some(record.len() + 1),
            format!("{counts}: no cell for {}", names.join(", ")),
        )
        .with_hint("every row needs a cell for each column of the header, even an empty one")
    }
}

/// Whether a double quote opened in `record` and swallowed the rest of the file: fewer fields
/// than the header, one of them spanning lines.
fn is_runaway(record: &Record, width: usize) -> bool {
    record.len() < width && record.iter().any(spans_lines)
}

/// The cells that cite kinds no row defines, by the kinds the column allows, so that an empty
/// `sources.csv` is one error and not one per row of every table.
#[derive(Default)]
pub(super) struct EmptyCitations {
    by_kinds: BTreeMap<&'static [Kind], Citation>,
}

/// How many cells cite a set of kinds that no row defines, and where the first is.
struct Citation {
    count: usize,
    id: String,
    file: String,
    line: u64,
    column: usize,
}

impl EmptyCitations {
    pub(super) fn add(&mut self, kinds: &'static [Kind], id: &str, path: &Path, line: u64, column: usize) {
        self.by_kinds
            .entry(kinds)
            .or_insert_with(|| Citation {
                count: 0,
                id: id.to_owned(),
                file: file_name(path),
                line,
                column,
            })
            .count += 1;
    }

    /// One diagnostic per set of kinds, at the first table that could define them, inserted at
    /// `at`: before the problems of the rows, since the empty table may explain some of them.
    pub(super) fn report(self, files: &[TableFile], diagnostics: &mut Vec<Diagnostic>, at: usize) {
        let mut found = Vec::new();
        for (kinds, first) in self.by_kinds {
            let empty: Vec<&TableFile> = files.iter().filter(|f| kinds.contains(&f.table.kind)).collect();
            let Some(table) = empty.first() else { continue };
            let states: Vec<String> = empty
                .iter()
                .map(|f| {
                    let state = match (f.path.exists(), f.rows) {
                        (false, _) => "is missing",
                        (true, 0) => "has a header and no rows",
                        (true, _) => "has no row with a valid id",
                    };
                    format!("{} {state}", f.table.file_name())
                })
                .collect();
            let message = format!(
                "no row defines {}, yet {} cite one: the first is '{}' in {} line {}, column {}",
                kinds_phrase(kinds),
                crate::error::plural(first.count, "cell"),
                first.id,
                first.file,
                first.line,
                first.column
            );
            found.push(
                table
                    .diagnostic(1, None, message)
                    .with_hint(format!("{}: add the rows the other tables cite", states.join(", "))),
            );
        }
        diagnostics.splice(at..at, found);
    }
}

/// The rows of a batch, checked, in chunks of [`PREFETCHED`].
type CheckedBatch<'r> = Vec<Vec<Checked<'r>>>;

/// Checks the rows of a batch on the pool, each on its own.
fn check_batch<'r>(check: &RowCheck<'_>, rows: &'r [(u64, Record)]) -> CheckedBatch<'r> {
    rows.par_chunks(PREFETCHED)
        .map_init(
            || vec![LastRef::default(); check.columns.len()],
            |last, rows| {
                check.prefetch(rows);
                rows.iter()
                    .map(|(line, record)| check.row(record, *line, last))
                    .collect()
            },
        )
        .collect()
}

/// Checks `next` (when there is one) on the pool while `emit` runs on this thread.
fn overlapped<'r>(
    check: &RowCheck<'_>,
    next: Option<&'r [(u64, Record)]>,
    emit: impl FnOnce(),
) -> Option<CheckedBatch<'r>> {
    let mut checked = None;
    rayon::in_place_scope(|scope| {
        if let Some(rows) = next {
            scope.spawn(|_| checked = Some(check_batch(check, rows)));
        }
        emit();
    });
    checked
}

/// What hands the checked rows of one file on, in file order: the checks across rows, the
/// observer and the output.
struct Emitting<'f> {
    file: &'f TableFile,
    columns: &'f [&'static Column],
    fields: &'f [usize],
    repeats: Repeats,
}

impl Emitting<'_> {
    fn emit(&mut self, run: &mut Checking<'_, '_>, batch: &[(u64, Record)], checked: CheckedBatch<'_>) {
        let (file, fields) = (self.file, self.fields);
        for (checked, (line, _)) in checked.into_iter().flatten().zip(batch) {
            let line = *line;
            run.diagnostics.extend(checked.diagnostics);
            for (kinds, id, field) in checked.citations {
                run.citations.add(kinds, id, &file.path, line, field + 1);
            }
            let Some((row, derived)) = checked.passed else { continue };
            let at = |name: &str| fields[file.table.position(name).unwrap_or(0)] + 1;
            if let Some(repeat) = self.repeats.check(&row, &derived, &file.path, line, &at) {
                run.diagnostics.push(repeat);
                continue;
            }
            run.hierarchies.add(&row, &file.path, line, &at);
            run.time_checks.add(&row, run.view, &file.path, line, &at);
            (run.observer)(
                &row,
                &Site {
                    path: &file.path,
                    line,
                    view: run.view,
                    columns: self.columns,
                    fields,
                },
            );
            if run.diagnostics.is_empty() {
                run.output.row(&row, &derived, run.view);
            }
        }
    }
}
