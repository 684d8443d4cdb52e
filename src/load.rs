//! Reading and checking the curated tables, and turning their rows into triples.
//!
//! Each file is read twice, streaming: the first pass records every id (so a row may refer to
//! a row of any table, in any order), the second checks every cell and emits the row's triples.
//! Memory holds the ids, never the rows. Every problem is collected; the caller gets either
//! all of them or a complete graph.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use oxigraph::model::{Literal, NamedNode};
use petgraph::graphmap::DiGraphMap;

use crate::date::Date;
use crate::error::{Diagnostic, Error, Result};
use crate::rdf::{self, Row, TripleSink, Value};
use crate::schema::{Cell, Column, Kind, Provenance, Shape, TABLES, Table};

/// Cells longer than this are refused: no curated value needs more, and a runaway quote does.
pub const MAX_CELL_BYTES: usize = 16 * 1024;

/// What a successful load produced.
#[derive(Debug, Default)]
pub struct Summary {
    /// Rows read per table, in schema order.
    pub rows: Vec<(&'static str, usize)>,
    /// Nodes per class (`rdf:type` objects), compacted.
    pub classes: BTreeMap<String, usize>,
}

/// Every id of every table, with what it names and where.
#[derive(Debug, Default)]
pub struct Registry {
    ids: HashMap<Box<str>, Entry>,
    reference_sources: HashSet<Box<str>>,
    /// Kinds whose table could not be read: references to them are not checked, since the
    /// table's own error says it all.
    unreadable: HashSet<Kind>,
    /// Kinds that at least one row defines.
    defined: HashSet<Kind>,
    /// The kinds of the second and later definitions of an id defined twice: a reference to
    /// such an id is not checked against the first alone, since the duplicate is reported.
    redefined: HashMap<Box<str>, Vec<Kind>>,
    /// Ids that a row means but writes malformed (`Askarbek Mustafin` for `askarbek-mustafin`):
    /// references to them are not reported, since the malformed id is.
    misspelt: HashSet<String>,
}

/// Where an id is defined.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub kind: Kind,
    pub table: &'static Table,
    pub line: u64,
}

impl Registry {
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.ids.get(id)
    }

    /// Whether `source` names a source of kind `reference` (its rows quote no file).
    pub fn is_reference_source(&self, source: &str) -> bool {
        self.reference_sources.contains(source)
    }

    /// The id of an allowed kind closest to `wanted`, when one is close enough to be a typo.
    fn suggest(&self, wanted: &str, kinds: &[Kind]) -> Option<&str> {
        let limit = (wanted.len() / 4).max(2);
        self.ids
            .iter()
            .filter(|(id, entry)| {
                (kinds.is_empty() || kinds.contains(&entry.kind)) && id.len().abs_diff(wanted.len()) <= limit
            })
            .map(|(id, _)| (strsim::levenshtein(id, wanted), id))
            .filter(|(distance, _)| *distance <= limit)
            .min()
            .map(|(_, id)| &**id)
    }
}

/// Where a checked row stands in its file, for callers that look at rows as they pass.
pub struct Site<'a> {
    pub path: &'a Path,
    pub line: u64,
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

/// Reads every table in `dir`, checks it, and sends the graph's triples to `sink`.
///
/// On any problem, returns [`Error::Invalid`] with all of them; the sink's content is then
/// meaningless and must be dropped.
pub fn load(dir: &Path, sink: &mut dyn TripleSink) -> Result<Summary> {
    load_with(dir, sink, &mut |_, _| {})
}

/// Checks every table and shows each row that passes its checks to `observer`, building no
/// graph: for commands that read the tables for their own purposes (evidence, resolve, stats).
pub fn observe(dir: &Path, observer: &mut dyn FnMut(&Row<'_>, &Site<'_>)) -> Result<Summary> {
    struct Discard;
    impl TripleSink for Discard {
        fn triple(&mut self, _: oxigraph::model::TripleRef<'_>) {}
    }
    load_with(dir, &mut Discard, observer)
}

/// Like [`load`], and shows every row that passes its checks to `observer`.
pub fn load_with(
    dir: &Path,
    sink: &mut dyn TripleSink,
    observer: &mut dyn FnMut(&Row<'_>, &Site<'_>),
) -> Result<Summary> {
    let mut diagnostics = Vec::new();
    let mut files = table_files(dir, &mut diagnostics)?;
    let mut registry = Registry::default();
    for file in &mut files {
        if file.fields.is_none() && (file.path.exists() || file.table.name == "sources") {
            registry.unreadable.insert(file.table.kind);
        }
        file.collect_ids(&mut registry, &mut diagnostics)?;
    }
    let mut summary = Summary::default();
    let mut hierarchies = Hierarchies::default();
    let mut citations = EmptyCitations::default();
    let checked_from = diagnostics.len();
    let mut counting = ClassCounter {
        inner: sink,
        classes: &mut summary.classes,
    };
    for file in &files {
        let rows = file.check_and_emit(
            &registry,
            &mut hierarchies,
            &mut citations,
            &mut counting,
            observer,
            &mut diagnostics,
        )?;
        summary.rows.push((file.table.name, rows));
    }
    citations.report(&files, &mut diagnostics, checked_from);
    hierarchies.check_single_parents(&mut diagnostics);
    hierarchies.check_cycles(&mut diagnostics);
    hierarchies.check_kato_prefixes(&mut diagnostics);
    if diagnostics.is_empty() {
        Ok(summary)
    } else {
        Err(Error::Invalid(diagnostics))
    }
}

/// One table's file, with its header already understood.
struct TableFile {
    table: &'static Table,
    path: PathBuf,
    /// For each column of the schema, its field index in the file; `None` when the file is
    /// absent or its header is unusable.
    fields: Option<Vec<usize>>,
    width: usize,
    /// Field indexes of columns without a name, whose cells must stay empty.
    unnamed: Vec<usize>,
    /// Rows seen by pass 1 (tables with ids only).
    rows: u64,
}

/// Finds the table files in `dir`, reporting unknown ones and bad headers.
fn table_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<TableFile>> {
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

fn open(path: &Path) -> Result<csv::Reader<BufReader<File>>> {
    let file = File::open(path).map_err(Error::read(path))?;
    Ok(csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(BufReader::with_capacity(1 << 16, file)))
}

impl TableFile {
    /// The problem of a row whose field count differs from the header's.
    fn misshapen_row(&self, record: &csv::ByteRecord, line: u64) -> Diagnostic {
        if is_runaway(record, self.width) {
            let field = record
                .iter()
                .position(|field| field.contains(&b'\n'))
                .unwrap_or_default();
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

    fn diagnostic(&self, line: u64, column: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.path, line, column, message)
    }

    fn read_header(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
        let expected: Vec<&'static str> = self.table.all_columns().map(|c| c.name).collect();
        let header_hint = format!("the header of {} is: {}", self.table.file_name(), expected.join(","));
        let mut reader = open(&self.path)?;
        let header = reader.byte_headers().map_err(|e| csv_error(&self.path, e))?.clone();
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

    /// Pass 1: records the id of every row (and which sources are references).
    fn collect_ids(&mut self, registry: &mut Registry, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
        let Some(fields) = &self.fields else { return Ok(()) };
        if !self.table.has_id() {
            return Ok(());
        }
        let kind_field = (self.table.name == "sources").then(|| fields[1]);
        let mut reader = open(&self.path)?;
        let mut record = csv::ByteRecord::new();
        while reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(&self.path, e))?
        {
            if is_blank(&record) {
                continue;
            }
            let line = record.position().map_or(0, csv::Position::line);
            self.rows += 1;
            if is_runaway(&record, self.width) {
                // The rest of the file is one cell: ids after it are lost, and references to
                // them would only repeat the quote's error.
                registry.unreadable.insert(self.table.kind);
            }
            let Some(id) = record.get(fields[0]).and_then(|raw| std::str::from_utf8(raw).ok()) else {
                continue;
            };
            if !is_id(id) {
                // Reported with the row in pass 2.
                registry.misspelt.extend(slug(id));
                continue;
            }
            if let Some(first) = registry.ids.get(id) {
                registry.redefined.entry(id.into()).or_default().push(self.table.kind);
                diagnostics.push(
                    self.diagnostic(line, Some(fields[0] + 1), format!("duplicate id '{id}'"))
                        .with_hint(format!(
                            "'{id}' is already the id of a {} in {} line {}; ids are unique across all tables",
                            first.kind.noun(),
                            first.table.file_name(),
                            first.line
                        )),
                );
                continue;
            }
            registry.ids.insert(
                id.into(),
                Entry {
                    kind: self.table.kind,
                    table: self.table,
                    line,
                },
            );
            registry.defined.insert(self.table.kind);
            if kind_field.and_then(|f| record.get(f)) == Some(b"reference") {
                registry.reference_sources.insert(id.into());
            }
        }
        Ok(())
    }

    /// Pass 2: checks every row and, while the run is clean, emits its triples.
    fn check_and_emit(
        &self,
        registry: &Registry,
        hierarchies: &mut Hierarchies,
        citations: &mut EmptyCitations,
        sink: &mut dyn TripleSink,
        observer: &mut dyn FnMut(&Row<'_>, &Site<'_>),
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<usize> {
        let Some(fields) = &self.fields else { return Ok(0) };
        let columns: Vec<&'static Column> = self.table.all_columns().collect();
        let mut reader = open(&self.path)?;
        let mut record = csv::ByteRecord::new();
        let mut rows = 0;
        let mut derived_ids: HashMap<String, u64> = HashMap::new();
        let mut external_ids: HashMap<(String, String), (String, u64)> = HashMap::new();
        while reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(&self.path, e))?
        {
            if is_blank(&record) {
                continue;
            }
            rows += 1;
            let line = record.position().map_or(0, csv::Position::line);
            if record.len() != self.width {
                diagnostics.push(self.misshapen_row(&record, line));
                continue;
            }
            let before = diagnostics.len();
            for &field in &self.unnamed {
                let value = String::from_utf8_lossy(record.get(field).unwrap_or_default());
                if !value.is_empty() {
                    diagnostics.push(
                        self.diagnostic(
                            line,
                            Some(field + 1),
                            format!("'{}' is in a column without a name", shorten(&value)),
                        )
                        .with_hint("name the column in the header, or move the value into its column"),
                    );
                }
            }
            let mut cited_empty = false;
            let mut values = Vec::with_capacity(columns.len());
            for (column, &field) in columns.iter().zip(fields) {
                let raw = record.get(field).unwrap_or_default();
                match parse_cell(column, raw, registry) {
                    Ok(value) => values.push(value),
                    Err(CellError::Problem(problem)) => {
                        diagnostics.push(problem.locate(self, line, field, column));
                        values.push(Value::Empty);
                    }
                    Err(CellError::CitesEmpty { id, kinds }) => {
                        citations.add(kinds, id, &self.path, line, field + 1);
                        cited_empty = true;
                        values.push(Value::Empty);
                    }
                }
            }
            if diagnostics.len() > before || cited_empty {
                continue;
            }
            let row = Row {
                table: self.table,
                values,
            };
            let at = |name: &str| fields[columns.iter().position(|c| c.name == name).unwrap_or(0)] + 1;
            let problems = check_row(&row, registry);
            for (column, problem) in problems {
                diagnostics.push(problem.locate_named(self, line, at(column), column));
            }
            if diagnostics.len() > before {
                continue;
            }
            let derived = rdf::node_id(&row);
            if !self.table.has_id() {
                if let Some(first) = derived_ids.insert(derived.clone(), line) {
                    let (column, problem) = repeated_row(&row, first);
                    diagnostics.push(problem.locate_named(self, line, at(column), column));
                    continue;
                }
            }
            if self.table.shape == Shape::Link {
                let key = (row.text("scheme").to_owned(), row.text("value").to_owned());
                let entity = row.text("entity").to_owned();
                if let Some((other, first)) = external_ids.get(&key) {
                    if *other != entity {
                        diagnostics.push(
                            self.diagnostic(
                                line,
                                Some(at("value")),
                                format!("{} id '{}' is already linked to '{other}'", key.0, key.1),
                            )
                            .with_hint(format!("see line {first}: two entities cannot share one external id")),
                        );
                        continue;
                    }
                } else {
                    external_ids.insert(key, (entity, line));
                }
            }
            hierarchies.add(&row, &self.path, line, &at);
            observer(
                &row,
                &Site {
                    path: &self.path,
                    line,
                    columns: &columns,
                    fields,
                },
            );
            if diagnostics.is_empty() {
                rdf::emit(&row, &derived, sink);
            }
        }
        Ok(rows)
    }
}

/// Whether every cell of `record` is empty: spreadsheets write such rows below the data, and
/// they are skipped like blank lines.
fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(<[u8]>::is_empty)
}

/// Whether a double quote opened in `record` and swallowed the rest of the file: fewer fields
/// than the header, one of them spanning lines.
fn is_runaway(record: &csv::ByteRecord, width: usize) -> bool {
    record.len() < width && record.iter().any(|field| field.contains(&b'\n'))
}

/// Says which cells make a row a repeat of line `first`. Returns the column to point at, too.
fn repeated_row(row: &Row<'_>, first: u64) -> (&'static str, Problem) {
    let entity = row.text("entity");
    match row.table.shape {
        Shape::Alias => (
            "alias",
            Problem::new(format!(
                "'{entity}' already has the alias '{}' in language '{}' from source '{}', on line {first}",
                row.text("alias"),
                row.text("lang"),
                row.text("source")
            ))
            .hint("one row per alias, language and source: delete one of the two"),
        ),
        _ => (
            "value",
            Problem::new(format!(
                "'{entity}' already has the {} id '{}', on line {first}",
                row.text("scheme"),
                row.text("value")
            ))
            .hint("one row per external id: delete one of the two"),
        ),
    }
}

fn csv_error(path: &Path, error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(source) => Error::Read {
            path: path.to_owned(),
            source,
        },
        other => Error::Read {
            path: path.to_owned(),
            source: std::io::Error::other(format!("{other:?}")),
        },
    }
}

/// A problem with one cell, before it is placed in a file.
#[derive(Debug)]
struct Problem {
    message: String,
    hint: Option<String>,
}

impl Problem {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn locate(self, file: &TableFile, line: u64, field: usize, column: &Column) -> Diagnostic {
        self.locate_named(file, line, field + 1, column.name)
    }

    fn locate_named(self, file: &TableFile, line: u64, column_number: usize, column: &str) -> Diagnostic {
        let mut d = file.diagnostic(line, Some(column_number), format!("{column}: {}", self.message));
        d.hint = self.hint;
        d
    }
}

/// Why a cell was refused.
enum CellError<'a> {
    /// Something wrong in the cell itself.
    Problem(Problem),
    /// An id of kinds that no row defines at all: the empty table is the problem, reported
    /// once by [`EmptyCitations`] rather than at every row that cites it.
    CitesEmpty { id: &'a str, kinds: &'static [Kind] },
}

impl From<Problem> for CellError<'_> {
    fn from(problem: Problem) -> Self {
        Self::Problem(problem)
    }
}

/// The cells that cite kinds no row defines, by the kinds the column allows, so that an empty
/// `sources.csv` is one error and not one per row of every table.
#[derive(Default)]
struct EmptyCitations {
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
    fn add(&mut self, kinds: &'static [Kind], id: &str, path: &Path, line: u64, column: usize) {
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
    fn report(self, files: &[TableFile], diagnostics: &mut Vec<Diagnostic>, at: usize) {
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

/// The name of a table's file without its folder, as a message cites another row: `units.csv line 4`.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `a person`, `a person or a post`, `a person, an organisation or a body`; `an entity` for any kind.
fn kinds_phrase(kinds: &[Kind]) -> String {
    let nouns: Vec<String> = kinds.iter().map(|k| k.with_article()).collect();
    match nouns.split_last() {
        None => "an entity".to_owned(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Parses one cell against its column, resolving references in `registry`.
fn parse_cell<'a>(column: &Column, raw: &'a [u8], registry: &Registry) -> Result<Value<'a>, CellError<'a>> {
    let Ok(text) = std::str::from_utf8(raw) else {
        return Err(not_utf8(raw).into());
    };
    if text.len() > MAX_CELL_BYTES {
        let hint = if text.contains('\n') {
            "an unbalanced double quote makes the rest of the file one cell: close the quote, or double a quote inside a value"
        } else {
            "shorten it: a cell holds a value or a short quote, not a passage"
        };
        return Err(Problem::new(format!(
            "the value is {} bytes long; cells hold at most {MAX_CELL_BYTES}: '{}'",
            text.len(),
            shorten(text)
        ))
        .hint(hint)
        .into());
    }
    if let Some((at, control)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(Problem::new(format!(
            "character {} is the control character U+{:04X}: '{}'",
            at + 1,
            u32::from(control),
            shorten(&text.escape_debug().to_string())
        ))
        .hint("delete it: it is no text, and XML cannot carry it (a NUL byte often means a binary or UTF-16 file)")
        .into());
    }
    if text.is_empty() {
        return if column.required {
            Err(Problem::new("is empty, but it is required").hint(column.doc).into())
        } else {
            Ok(Value::Empty)
        };
    }
    let value = match column.cell {
        Cell::Id => {
            if !is_id(text) {
                let problem = Problem::new(format!(
                    "'{text}' is not a valid id: use lower-case ASCII letters and digits in words joined by single hyphens"
                ));
                return Err(match slug(text) {
                    Some(s) if s != text => problem.hint(format!("try '{s}'")),
                    _ => problem,
                }
                .into());
            }
            Value::Text(text)
        }
        Cell::Text => Value::Text(text),
        Cell::Date => Value::Date(Date::parse(text).map_err(|why| {
            Problem::new(format!("malformed date '{text}': {why}")).hint(match day_first_as_iso(text) {
                Some(iso) => format!("did you mean {iso}? Dates are written year first"),
                None => "write the date at the precision the source gives: 2002, 2002-11 or 2002-11-05".to_owned(),
            })
        })?),
        Cell::Decimal => {
            if !is_decimal(text) {
                let bare: String = text
                    .chars()
                    .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}'))
                    .collect();
                let hint = "write digits with an optional '.' and fraction, no spaces or thousands separators";
                return Err(Problem::new(format!("'{text}' is not a number"))
                    .hint(match is_decimal(&bare) {
                        true => format!("{hint}: {bare}"),
                        false => format!("{hint}: 392000000, 0.6"),
                    })
                    .into());
            }
            Value::Number(text)
        }
        Cell::Line => match text.parse::<i64>() {
            Ok(n @ 1..) => Value::Line(n.unsigned_abs()),
            Ok(_) => {
                return Err(
                    Problem::new(format!("'{text}' is not a line number: lines count from 1"))
                        .hint("the line of the source file where the quote starts")
                        .into(),
                );
            }
            Err(_) => {
                return Err(Problem::new(format!("'{text}' is not a line number"))
                    .hint("write the number alone, e.g. 57: the line of the source file where the quote starts")
                    .into());
            }
        },
        Cell::Lang => {
            if let Err(e) = Literal::new_language_tagged_literal("", text) {
                let fixed = text.replace('_', "-");
                return Err(Problem::new(format!("'{text}' is not a BCP 47 language tag: {e}"))
                    .hint(match Literal::new_language_tagged_literal("", &fixed) {
                        Ok(_) if fixed != text => format!("did you mean '{fixed}'? Subtags are joined by '-'"),
                        _ => "e.g. en, ru, kk".to_owned(),
                    })
                    .into());
            }
            Value::Lang(text)
        }
        Cell::Iri => {
            if let Err(e) = NamedNode::new(text) {
                return Err(Problem::new(format!("'{text}' is not an absolute IRI: {e}"))
                    .hint("write the whole address with its scheme, and spaces as %20: https://example.org/a%20page")
                    .into());
            }
            Value::Iri(text)
        }
        Cell::OneOf(choices) => Value::Choice(parse_choice(text, choices)?),
        Cell::Ref(kinds) => Value::Ref(text, resolve(text, kinds, registry)?),
        Cell::Refs(kinds) => {
            let mut refs = Vec::new();
            for item in text.split(';').map(str::trim) {
                if item.is_empty() {
                    return Err(Problem::new(format!("empty item in the list '{text}'"))
                        .hint("separate ids with a single ';'")
                        .into());
                }
                refs.push((item, resolve(item, kinds, registry)?));
            }
            Value::Refs(refs)
        }
    };
    Ok(value)
}

/// `05.11.2002` → `2002-11-05`, `11/2002` → `2002-11`: a date written day first, as Russian and
/// Kazakh texts do, in ISO 8601, when it is one.
fn day_first_as_iso(text: &str) -> Option<String> {
    let mut parts: Vec<&str> = text.split(['.', '/']).collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    parts.reverse();
    let iso = parts
        .iter()
        .enumerate()
        .map(|(i, part)| match i {
            0 => part.to_string(),
            _ => format!("{part:0>2}"),
        })
        .collect::<Vec<_>>()
        .join("-");
    Date::parse(&iso).is_ok().then_some(iso)
}

/// Names the encoding problem of a cell that is not UTF-8.
fn not_utf8(raw: &[u8]) -> Problem {
    let valid = String::from_utf8_lossy(raw);
    let first = std::str::from_utf8(raw).err().map_or(0, |e| e.valid_up_to());
    Problem::new(format!(
        "not valid UTF-8: byte {} is 0x{:02X}: '{}'",
        first + 1,
        raw.get(first).copied().unwrap_or_default(),
        shorten(&valid)
    ))
    .hint("the file mixes in another encoding (Windows-1251?): save it as UTF-8 (in a spreadsheet: CSV UTF-8)")
}

fn parse_choice(text: &str, choices: &'static [&'static str]) -> Result<&'static str, Problem> {
    if let Some(choice) = choices.iter().find(|c| **c == text) {
        return Ok(choice);
    }
    let problem = Problem::new(format!(
        "unknown value '{text}'; expected one of: {}",
        choices.join(", ")
    ));
    let synonym = match text.to_lowercase().as_str() {
        "oblast" => Some("Region"),
        "rayon" | "raion" => Some("District"),
        "village" | "town" | "aul" => Some("Settlement"),
        _ => None,
    }
    .filter(|s| choices.contains(s));
    let near = choices
        .iter()
        .find(|c| c.eq_ignore_ascii_case(text))
        .copied()
        .or(synonym)
        .or_else(|| closest(text, choices));
    Err(match near {
        Some(near) => problem.hint(format!("did you mean '{near}'?")),
        None => problem,
    })
}

/// Finds `id` in the registry and checks it is one of `kinds` (any kind when empty).
fn resolve<'a>(id: &'a str, kinds: &'static [Kind], registry: &Registry) -> Result<Kind, CellError<'a>> {
    let fits = |kind: &Kind| kinds.is_empty() || kinds.contains(kind);
    let Some(entry) = registry.get(id) else {
        // The table that should define it is broken, or the id is malformed where it is
        // defined: that is reported already.
        if kinds.iter().any(|k| registry.unreadable.contains(k))
            || (kinds.is_empty() && !registry.unreadable.is_empty())
            || registry.misspelt.contains(id)
        {
            return Ok(kinds.first().copied().unwrap_or(Kind::Stmt));
        }
        if !kinds.is_empty() && !kinds.iter().any(|k| registry.defined.contains(k)) {
            return Err(CellError::CitesEmpty { id, kinds });
        }
        let problem = Problem::new(format!(
            "unknown id '{id}': no row defines it; expected {}",
            kinds_phrase(kinds)
        ));
        return Err(match registry.suggest(id, kinds) {
            Some(near) => problem.hint(format!("did you mean '{near}'?")),
            None => {
                let undefined: Vec<Kind> = kinds
                    .iter()
                    .copied()
                    .filter(|k| !registry.defined.contains(k))
                    .collect();
                match undefined.is_empty() {
                    true => problem.hint("add the row it refers to, or correct the id"),
                    false => problem.hint(format!(
                        "add the row it refers to (no row defines {} at all), or correct the id",
                        kinds_phrase(&undefined)
                    )),
                }
            }
        }
        .into());
    };
    if fits(&entry.kind) {
        return Ok(entry.kind);
    }
    if let Some(kind) = registry
        .redefined
        .get(id)
        .and_then(|kinds| kinds.iter().find(|k| fits(k)))
    {
        return Ok(*kind); // the id is defined twice, which is reported
    }
    let problem = Problem::new(format!(
        "'{id}' is {} ({} line {}), but this column expects {}",
        entry.kind.with_article(),
        entry.table.file_name(),
        entry.line,
        kinds_phrase(kinds)
    ));
    Err(match registry.suggest(id, kinds) {
        Some(near) => problem.hint(format!("did you mean '{near}'?")),
        None => {
            let files: Vec<String> = TABLES
                .iter()
                .filter(|t| t.has_id() && kinds.contains(&t.kind))
                .map(|t| t.file_name())
                .collect();
            problem.hint(format!(
                "give the id of {}, from {}",
                kinds_phrase(kinds),
                files.join(" or ")
            ))
        }
    }
    .into())
}

/// Checks that involve several cells of a row. Returns (column, problem) pairs.
fn check_row(row: &Row<'_>, registry: &Registry) -> Vec<(&'static str, Problem)> {
    let mut problems = Vec::new();
    match row.table.provenance {
        Provenance::Full => {
            // Whether the source is a reference is unknown when sources.csv is broken.
            let from_reference =
                registry.is_reference_source(row.text("source")) || registry.unreadable.contains(&Kind::Source);
            if !from_reference {
                for column in ["evidence", "line"] {
                    if row.is_empty(column) {
                        problems.push((
                            column,
                            Problem::new("is empty, but every fact read from a document needs its quote and line")
                                .hint("copy the words that state the fact, and the line where they start"),
                        ));
                    }
                }
            }
        }
        Provenance::SelfQuoted => {
            if row.text("kind") == "reference" {
                if !row.is_empty("file") {
                    problems.push((
                        "file",
                        Problem::new(format!(
                            "'{}' is given, but a source of kind 'reference' has no file",
                            row.text("file")
                        ))
                        .hint("a reference is read at its url, not in the sources folder: empty this cell, or choose the kind report, paper or article"),
                    ));
                }
            } else {
                for column in ["file", "evidence", "line"] {
                    if row.is_empty(column) {
                        problems.push((
                            column,
                            Problem::new(format!(
                                "is empty, but a source of kind '{}' needs it",
                                row.text("kind")
                            ))
                            .hint("name the document's file and quote its title or date with the line"),
                        ));
                    }
                }
            }
        }
    }
    for (start, end) in [("start", "end"), ("valid_from", "valid_until")] {
        if let (Some(Value::Date(s)), Some(Value::Date(e))) = (row.get(start), row.get(end)) {
            if e.ends_before(*s) {
                problems.push((
                    end,
                    Problem::new(format!("{end} {e} is before {start} {s}")).hint("swap them, or correct the date"),
                ));
            }
        }
    }
    if row.table.shape == Shape::Relation {
        let units_only = row.text("predicate") == "partOf";
        for column in ["subject", "object"] {
            if let Some(Value::Ref(id, kind)) = row.get(column) {
                if units_only != (*kind == Kind::Unit) {
                    let expected = if units_only { "a unit" } else { "a post or body" };
                    problems.push((
                        column,
                        Problem::new(format!(
                            "'{id}' is a {}, but `{}` relates {expected}",
                            kind.noun(),
                            row.text("predicate")
                        ))
                        .hint(if units_only {
                            "`partOf` places a unit in another; posts and bodies are related by the other predicates"
                        } else {
                            "a unit is placed in another by `partOf`; the other predicates relate posts and bodies"
                        }),
                    ));
                }
            }
        }
    }
    if row.table.shape == Shape::Link {
        if let Err(problem) = check_external_id(row.text("scheme"), row.text("value")) {
            problems.push(("value", problem));
        }
    }
    problems
}

/// Whether `value` is a well-formed identifier of the external dataset `scheme`.
pub fn is_valid_external_id(scheme: &str, value: &str) -> bool {
    check_external_id(scheme, value).is_ok()
}

/// Checks the syntax of an external identifier, and suggests the obvious fix of a near miss
/// (`485088` → `Q485088`, `kz-59` → `KZ-59`).
fn check_external_id(scheme: &str, value: &str) -> Result<(), Problem> {
    let Some((is_valid, expected)) = external_id_rule(scheme) else {
        return Ok(());
    };
    if is_valid(value) {
        return Ok(());
    }
    let unzeroed = value.trim_start_matches(['Q', 'q']).trim_start_matches('0');
    let fix = [value.to_ascii_uppercase(), format!("Q{unzeroed}"), unzeroed.to_owned()]
        .into_iter()
        .find(|fix| is_valid(fix));
    let problem = Problem::new(format!("'{value}' is not {expected}"));
    Err(match fix {
        Some(fix) => problem.hint(format!("did you mean '{fix}'?")),
        None => problem.hint(format!("copy the id as the {scheme} dataset writes it")),
    })
}

/// Whether an identifier is well-formed, and how messages describe the rule.
type IdRule = (fn(&str) -> bool, &'static str);

/// The syntax rule of an external dataset's identifiers.
fn external_id_rule(scheme: &str) -> Option<IdRule> {
    fn digits(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }
    Some(match scheme {
        "wikidata" => (
            |value| {
                value
                    .strip_prefix('Q')
                    .is_some_and(|n| digits(n) && !n.starts_with('0'))
            },
            "a Wikidata item id: Q followed by digits, e.g. Q1005",
        ),
        "geonames" => (
            |value| digits(value) && !value.starts_with('0'),
            "a GeoNames id: digits, e.g. 1520172",
        ),
        "iso3166-2" => (
            |value| {
                value.strip_prefix("KZ-").is_some_and(|c| {
                    (1..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                })
            },
            "an ISO 3166-2:KZ code: KZ- and one to three capitals or digits, e.g. KZ-59",
        ),
        "kato" => (
            |value| value.len() == 9 && digits(value),
            "a KATO code: nine digits, e.g. 591000000",
        ),
        _ => return None,
    })
}

/// The parent edges of each hierarchy (units in units, bodies in bodies, ...), to find cycles,
/// and what the KATO rule needs: the type of each unit and the current KATO code of each entity.
#[derive(Default)]
struct Hierarchies {
    edges: BTreeMap<&'static str, Vec<Edge>>,
    unit_types: HashMap<String, &'static str>,
    kato: BTreeMap<String, KatoLink>,
}

/// A current KATO code and the cell that states it.
struct KatoLink {
    code: String,
    path: PathBuf,
    line: u64,
    column: usize,
}

/// Unit types whose KATO code opens a region's two-digit prefix.
const KATO_REGION_TYPES: [&str; 2] = ["Region", "CityOfRepublicanSignificance"];

/// A child's link to its parent, and the cell that states it.
struct Edge {
    child: String,
    parent: String,
    path: PathBuf,
    line: u64,
    column: usize,
}

impl Hierarchies {
    fn add(&mut self, row: &Row<'_>, path: &Path, line: u64, at: &dyn Fn(&str) -> usize) {
        if let ("units", Some(Value::Choice(unit_type))) = (row.table.name, row.get("type")) {
            self.unit_types.insert(row.text("id").to_owned(), unit_type);
        }
        if row.table.shape == Shape::Link && row.text("scheme") == "kato" && row.is_empty("valid_until") {
            self.kato.insert(
                row.text("entity").to_owned(),
                KatoLink {
                    code: row.text("value").to_owned(),
                    path: path.to_owned(),
                    line,
                    column: at("value"),
                },
            );
        }
        let (child, parent_column, hierarchy) = match (row.table.name, row.table.shape) {
            ("units", _) => (row.text("id"), "part_of", "part_of"),
            ("bodies" | "organisations", _) => (row.text("id"), "parent", "parent"),
            ("posts", _) => (row.text("id"), "generic", "generic"),
            (_, Shape::Relation) if row.text("predicate") == "partOf" && row.is_empty("valid_until") => {
                (row.text("subject"), "object", "part_of")
            }
            _ => return,
        };
        if let Some(Value::Ref(parent, _)) = row.get(parent_column) {
            self.edges.entry(hierarchy).or_default().push(Edge {
                child: child.to_owned(),
                parent: (*parent).to_owned(),
                path: path.to_owned(),
                line,
                column: at(parent_column),
            });
        }
    }

    /// Checks that each current KATO code opens with the two digits of its unit's region: the
    /// code of the region itself (`NN0000000`), or of the region or city of republican
    /// significance the unit lies in, through `part_of`. Units outside any region, or in a
    /// region without a KATO code, are not checked; former codes may predate a move between
    /// regions, so only current ones are.
    fn check_kato_prefixes(&self, diagnostics: &mut Vec<Diagnostic>) {
        let parents: HashMap<&str, &str> = self
            .edges
            .get("part_of")
            .into_iter()
            .flatten()
            .map(|edge| (edge.child.as_str(), edge.parent.as_str()))
            .collect();
        let is_region = |id: &str| self.unit_types.get(id).is_some_and(|t| KATO_REGION_TYPES.contains(t));
        for (entity, link) in &self.kato {
            let prefix = &link.code[..2];
            let problem = if is_region(entity) {
                let expected = format!("{prefix}0000000");
                (link.code != expected).then(|| {
                    Diagnostic::new(
                        &link.path,
                        link.line,
                        Some(link.column),
                        format!(
                            "value: KATO code '{}' of the {} '{entity}' does not end in seven zeros",
                            link.code, self.unit_types[entity]
                        ),
                    )
                    .with_hint(format!(
                        "a region's own KATO code is its two digits and 0000000, e.g. {expected}"
                    ))
                })
            } else {
                let mut region = parents.get(entity.as_str()).copied();
                let mut steps = 0;
                while let Some(unit) = region.filter(|unit| !is_region(unit) && steps < parents.len()) {
                    region = parents.get(unit).copied();
                    steps += 1;
                }
                let region_code = region
                    .filter(|r| is_region(r))
                    .and_then(|r| Some((r, self.kato.get(r)?)));
                region_code.and_then(|(region, theirs)| {
                    (theirs.code[..2] != *prefix).then(|| {
                        Diagnostic::new(
                            &link.path,
                            link.line,
                            Some(link.column),
                            format!(
                                "value: KATO code '{}' opens with {prefix}, but '{entity}' lies in '{region}', whose KATO code {} opens with {}",
                                link.code,
                                theirs.code,
                                &theirs.code[..2]
                            ),
                        )
                        .with_hint(format!(
                            "the first two digits of a KATO code name the region ({} line {}); correct the code or the unit's part_of",
                            file_name(&theirs.path),
                            theirs.line
                        ))
                    })
                })
            };
            diagnostics.extend(problem);
        }
    }

    /// A unit lies in one unit at a time: a second current parent (its `part_of`, and a
    /// `partOf` statement without `valid_until` naming another unit) is reported at the later
    /// row, which names the earlier one.
    fn check_single_parents(&self, diagnostics: &mut Vec<Diagnostic>) {
        for edges in self.edges.values() {
            let mut first_parent: HashMap<&str, &Edge> = HashMap::new();
            for edge in edges {
                let first = *first_parent.entry(edge.child.as_str()).or_insert(edge);
                if first.parent == edge.parent {
                    continue;
                }
                diagnostics.push(
                    Diagnostic::new(
                        &edge.path,
                        edge.line,
                        Some(edge.column),
                        format!(
                            "'{}' lies in '{}' today, but {} line {} already places it in '{}'",
                            edge.child,
                            edge.parent,
                            file_name(&first.path),
                            first.line,
                            first.parent
                        ),
                    )
                    .with_hint("a unit has one current parent: keep that one, and record the former as a partOf statement with valid_until"),
                );
            }
        }
    }

    /// Reports each cycle once, at the row of its first edge.
    fn check_cycles(&self, diagnostics: &mut Vec<Diagnostic>) {
        for (hierarchy, edges) in &self.edges {
            let mut graph = DiGraphMap::<&str, usize>::new();
            for (i, edge) in edges.iter().enumerate() {
                graph.add_edge(edge.child.as_str(), edge.parent.as_str(), i);
            }
            for component in petgraph::algo::tarjan_scc(&graph) {
                let first = component
                    .iter()
                    .flat_map(|node| graph.edges(node))
                    .filter(|(_, to, _)| component.contains(to))
                    .map(|(_, _, i)| *i)
                    .min();
                let Some(first) = first else { continue };
                let Edge {
                    child: start,
                    path,
                    line,
                    column,
                    ..
                } = &edges[first];
                let mut cycle = vec![start.as_str()];
                let mut node = start.as_str();
                loop {
                    let next = graph
                        .edges(node)
                        .filter(|(_, to, _)| component.contains(to))
                        .map(|(_, to, _)| to)
                        .min()
                        .unwrap_or(start);
                    cycle.push(next);
                    if next == start || cycle.len() > component.len() {
                        break;
                    }
                    node = next;
                }
                diagnostics.push(
                    Diagnostic::new(
                        path,
                        *line,
                        Some(*column),
                        format!("{hierarchy} forms a cycle: {}", cycle.join(" → ")),
                    )
                    .with_hint("a unit, body or post cannot be above itself; correct one of these rows"),
                );
            }
        }
    }
}

/// Counts `rdf:type` objects on their way to the real sink.
struct ClassCounter<'a> {
    inner: &'a mut dyn TripleSink,
    classes: &'a mut BTreeMap<String, usize>,
}

impl TripleSink for ClassCounter<'_> {
    fn triple(&mut self, triple: oxigraph::model::TripleRef<'_>) {
        if triple.predicate.as_str() == rdf!("type") {
            if let oxigraph::model::TermRef::NamedNode(class) = triple.object {
                let name = crate::vocab::compact(class.as_str());
                match self.classes.get_mut(&name) {
                    Some(count) => *count += 1,
                    None => {
                        self.classes.insert(name, 1);
                    }
                }
            }
        }
        self.inner.triple(triple);
    }
}

/// Whether `text` is a valid id: ASCII lower-case words of letters and digits joined by single hyphens.
pub fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The id a user probably meant (`Askarbek Mustafin` → `askarbek-mustafin`), when `text` is ASCII.
fn slug(text: &str) -> Option<String> {
    if !text.is_ascii() {
        return None;
    }
    let lowered = text.to_ascii_lowercase();
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// The candidate nearest to `wanted` by edit distance, when it is near enough to be a typo.
pub fn closest<'c>(wanted: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let wanted = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&c.to_lowercase(), &wanted), *c))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, c)| c)
}

/// The first 60 characters of `text`, for messages.
fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_hyphenated_lower_case_words() {
        for good in ["askarbek-mustafin", "q1", "akim-zhambyl-district-nko", "2002"] {
            assert!(is_id(good), "{good}");
        }
        for bad in ["", "Askarbek", "a--b", "-a", "a-", "a b", "a_b", "ақтөбе"] {
            assert!(!is_id(bad), "{bad}");
        }
        assert_eq!(slug("Askarbek Mustafin").as_deref(), Some("askarbek-mustafin"));
        assert_eq!(slug("Ақтөбе"), None);
    }

    #[test]
    fn decimals_are_plain_digits() {
        for good in ["56", "392000000", "0.6", "-3.25"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in ["", "1,000", "1 000", "1e6", ".5", "5.", "about 15"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn choices_suggest_case_fixes_and_synonyms() {
        let units = &crate::schema::UNIT_TYPE_NAMES;
        assert_eq!(parse_choice("Region", units).unwrap(), "Region");
        assert_eq!(
            parse_choice("region", units).unwrap_err().hint.unwrap(),
            "did you mean 'Region'?"
        );
        assert_eq!(
            parse_choice("oblast", units).unwrap_err().hint.unwrap(),
            "did you mean 'Region'?"
        );
        assert_eq!(
            parse_choice("Distrikt", units).unwrap_err().hint.unwrap(),
            "did you mean 'District'?"
        );
        assert!(parse_choice("Planet", units).unwrap_err().hint.is_none());
    }

    #[test]
    fn external_ids_are_checked_by_scheme() {
        assert!(check_external_id("wikidata", "Q1005").is_ok());
        assert!(check_external_id("wikidata", "Q01005").is_err());
        assert!(check_external_id("wikidata", "1005").is_err());
        assert!(check_external_id("geonames", "1520172").is_ok());
        assert!(check_external_id("iso3166-2", "KZ-59").is_ok());
        assert!(check_external_id("iso3166-2", "KZ-SEV").is_ok());
        assert!(check_external_id("iso3166-2", "kz-59").is_err());
        assert!(check_external_id("kato", "591000000").is_ok());
        assert!(check_external_id("kato", "59100000").is_err());
    }

    #[test]
    fn day_first_dates_are_spelt_year_first() {
        assert_eq!(day_first_as_iso("23.01.2001").as_deref(), Some("2001-01-23"));
        assert_eq!(day_first_as_iso("5/11/2002").as_deref(), Some("2002-11-05"));
        assert_eq!(day_first_as_iso("11.2002").as_deref(), Some("2002-11"));
        assert_eq!(day_first_as_iso("31.02.2001"), None);
        assert_eq!(day_first_as_iso("2001"), None);
        assert_eq!(day_first_as_iso("Nov 2002"), None);
    }

    #[test]
    fn kinds_read_as_a_list() {
        assert_eq!(kinds_phrase(&[]), "an entity");
        assert_eq!(kinds_phrase(&[Kind::Post]), "a post");
        assert_eq!(kinds_phrase(&[Kind::Org, Kind::Body]), "an organisation or a body");
        assert_eq!(
            kinds_phrase(&[Kind::Person, Kind::Org, Kind::Body]),
            "a person, an organisation or a body"
        );
    }

    #[test]
    fn near_misses_of_external_ids_get_their_fix() {
        let hint = |scheme, value| check_external_id(scheme, value).unwrap_err().hint.unwrap();
        assert_eq!(hint("wikidata", "485088"), "did you mean 'Q485088'?");
        assert_eq!(hint("wikidata", "q485088"), "did you mean 'Q485088'?");
        assert_eq!(hint("iso3166-2", "kz-sev"), "did you mean 'KZ-SEV'?");
        assert_eq!(hint("kato", "59000000"), "copy the id as the kato dataset writes it");
    }

    #[test]
    fn suggestions_respect_kinds() {
        let mut registry = Registry::default();
        let table = crate::schema::table("people").unwrap();
        registry.ids.insert(
            "askarbek-mustafin".into(),
            Entry {
                kind: Kind::Person,
                table,
                line: 2,
            },
        );
        assert_eq!(
            registry.suggest("askarbek-mustafn", &[Kind::Person]),
            Some("askarbek-mustafin")
        );
        assert_eq!(registry.suggest("askarbek-mustafn", &[Kind::Post]), None);
        assert_eq!(registry.suggest("someone-else", &[Kind::Person]), None);
    }
}
