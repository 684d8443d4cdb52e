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
    let files = table_files(dir, &mut diagnostics)?;
    let mut registry = Registry::default();
    for file in &files {
        if file.fields.is_none() && (file.path.exists() || file.table.name == "sources") {
            registry.unreadable.insert(file.table.kind);
        }
        file.collect_ids(&mut registry, &mut diagnostics)?;
    }
    let mut summary = Summary::default();
    let mut hierarchies = Hierarchies::default();
    let mut counting = ClassCounter {
        inner: sink,
        classes: &mut summary.classes,
    };
    for file in &files {
        let rows = file.check_and_emit(&registry, &mut hierarchies, &mut counting, observer, &mut diagnostics)?;
        summary.rows.push((file.table.name, rows));
    }
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
    fn diagnostic(&self, line: u64, column: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.path, line, column, message)
    }

    fn read_header(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
        let mut reader = open(&self.path)?;
        let header = reader.byte_headers().map_err(|e| csv_error(&self.path, e))?.clone();
        if header.iter().all(<[u8]>::is_empty) {
            let expected: Vec<&str> = self.table.all_columns().map(|c| c.name).collect();
            diagnostics.push(
                self.diagnostic(1, None, "empty file: expected a header row")
                    .with_hint(format!(
                        "the header of {} is: {}",
                        self.table.file_name(),
                        expected.join(",")
                    )),
            );
            return Ok(());
        }
        let expected: Vec<&'static str> = self.table.all_columns().map(|c| c.name).collect();
        let mut positions: HashMap<&str, usize> = HashMap::new();
        let before = diagnostics.len();
        for (index, raw) in header.iter().enumerate() {
            let Ok(name) = std::str::from_utf8(raw) else {
                diagnostics.push(self.diagnostic(1, Some(index + 1), "column name is not valid UTF-8"));
                continue;
            };
            if !expected.contains(&name) {
                let mut d = self.diagnostic(1, Some(index + 1), format!("unknown column '{name}'"));
                if let Some(near) = closest(name, &expected) {
                    d = d.with_hint(format!("did you mean '{near}'?"));
                } else {
                    d = d.with_hint(format!(
                        "the columns of {} are: {}",
                        self.table.file_name(),
                        expected.join(",")
                    ));
                }
                diagnostics.push(d);
            } else if positions.insert(name, index).is_some() {
                diagnostics.push(self.diagnostic(1, Some(index + 1), format!("column '{name}' appears twice")));
            }
        }
        for name in &expected {
            if !positions.contains_key(name) {
                diagnostics.push(
                    self.diagnostic(1, None, format!("missing column '{name}'"))
                        .with_hint(format!(
                            "the header of {} is: {}",
                            self.table.file_name(),
                            expected.join(",")
                        )),
                );
            }
        }
        if diagnostics.len() == before {
            self.fields = Some(expected.iter().map(|name| positions[name]).collect());
            self.width = header.len();
        }
        Ok(())
    }

    /// Pass 1: records the id of every row (and which sources are references).
    fn collect_ids(&self, registry: &mut Registry, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
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
            let line = record.position().map_or(0, csv::Position::line);
            let Some(id) = record.get(fields[0]).and_then(|raw| std::str::from_utf8(raw).ok()) else {
                continue;
            };
            if !is_id(id) {
                continue; // reported with the row in pass 2
            }
            if let Some(first) = registry.ids.get(id) {
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
            rows += 1;
            let line = record.position().map_or(0, csv::Position::line);
            if record.len() != self.width {
                let runaway = record.iter().position(|field| field.contains(&b'\n'));
                diagnostics.push(match runaway {
                    Some(field) if record.len() < self.width => self
                        .diagnostic(line, Some(field + 1), "a double quote opens here and is never closed")
                        .with_hint(
                            "the rest of the file became one cell; close the quote, or double a quote inside a value",
                        ),
                    _ => self
                        .diagnostic(
                            line,
                            None,
                            format!("row has {} fields but the header has {}", record.len(), self.width),
                        )
                        .with_hint("a comma inside a value needs the value in double quotes"),
                });
                continue;
            }
            let before = diagnostics.len();
            let mut values = Vec::with_capacity(columns.len());
            for (column, &field) in columns.iter().zip(fields) {
                let raw = record.get(field).unwrap_or_default();
                match parse_cell(column, raw, registry) {
                    Ok(value) => values.push(value),
                    Err(problem) => {
                        diagnostics.push(problem.locate(self, line, field, column));
                        values.push(Value::Empty);
                    }
                }
            }
            if diagnostics.len() > before {
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
                    diagnostics.push(
                        self.diagnostic(line, None, "the same row is already recorded")
                            .with_hint(format!("see line {first}; one row per fact and source")),
                    );
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

/// Parses one cell against its column, resolving references in `registry`.
fn parse_cell<'a>(column: &Column, raw: &'a [u8], registry: &Registry) -> Result<Value<'a>, Problem> {
    let Ok(text) = std::str::from_utf8(raw) else {
        let valid = String::from_utf8_lossy(raw);
        return Err(Problem::new(format!("not valid UTF-8: '{}'", shorten(&valid)))
            .hint("save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"));
    };
    if text.len() > MAX_CELL_BYTES {
        return Err(Problem::new(format!(
            "the value is {} bytes long; cells hold at most {MAX_CELL_BYTES}: '{}'",
            text.len(),
            shorten(text)
        ))
        .hint("an unbalanced double quote makes the rest of the file one cell; otherwise shorten the quote"));
    }
    if text.is_empty() {
        return if column.required {
            Err(Problem::new("is empty, but it is required").hint(column.doc))
        } else {
            Ok(Value::Empty)
        };
    }
    match column.cell {
        Cell::Id => {
            if is_id(text) {
                Ok(Value::Text(text))
            } else {
                let problem = Problem::new(format!(
                    "'{text}' is not a valid id: use lower-case ASCII letters and digits in words joined by single hyphens"
                ));
                Err(match slug(text) {
                    Some(s) if s != text => problem.hint(format!("try '{s}'")),
                    _ => problem,
                })
            }
        }
        Cell::Text => Ok(Value::Text(text)),
        Cell::Date => Date::parse(text).map(Value::Date).map_err(|why| {
            Problem::new(format!("malformed date '{text}': {why}"))
                .hint("write the date at the precision the source gives: 2002, 2002-11 or 2002-11-05")
        }),
        Cell::Decimal => {
            if is_decimal(text) {
                Ok(Value::Number(text))
            } else {
                Err(Problem::new(format!("'{text}' is not a number")).hint(
                    "write digits with an optional '.' and fraction, no spaces or thousands separators: 392000000, 0.6",
                ))
            }
        }
        Cell::Line => match text.parse::<u64>() {
            Ok(n) if n > 0 => Ok(Value::Line(n)),
            _ => Err(Problem::new(format!("'{text}' is not a line number")).hint("lines count from 1")),
        },
        Cell::Lang => match Literal::new_language_tagged_literal("", text) {
            Ok(_) => Ok(Value::Lang(text)),
            Err(e) => Err(Problem::new(format!("'{text}' is not a BCP 47 language tag: {e}")).hint("e.g. en, ru, kk")),
        },
        Cell::Iri => match NamedNode::new(text) {
            Ok(_) => Ok(Value::Iri(text)),
            Err(e) => {
                Err(Problem::new(format!("'{text}' is not an absolute IRI: {e}")).hint("e.g. https://example.org/page"))
            }
        },
        Cell::OneOf(choices) => parse_choice(text, choices).map(Value::Choice),
        Cell::Ref(kinds) => resolve(text, kinds, registry).map(|kind| Value::Ref(text, kind)),
        Cell::Refs(kinds) => {
            let mut refs = Vec::new();
            for item in text.split(';').map(str::trim) {
                if item.is_empty() {
                    return Err(
                        Problem::new(format!("empty item in the list '{text}'")).hint("separate ids with a single ';'")
                    );
                }
                refs.push((item, resolve(item, kinds, registry)?));
            }
            Ok(Value::Refs(refs))
        }
    }
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
fn resolve(id: &str, kinds: &[Kind], registry: &Registry) -> Result<Kind, Problem> {
    let expected = if kinds.is_empty() {
        "an entity".to_owned()
    } else {
        kinds.iter().map(|k| k.with_article()).collect::<Vec<_>>().join(" or ")
    };
    match registry.get(id) {
        Some(entry) if kinds.is_empty() || kinds.contains(&entry.kind) => Ok(entry.kind),
        Some(entry) => Err(Problem::new(format!(
            "'{id}' is {} ({} line {}), but this column expects {expected}",
            entry.kind.with_article(),
            entry.table.file_name(),
            entry.line
        ))),
        // The table that should define it is broken, and that is reported already.
        None if kinds.iter().any(|k| registry.unreadable.contains(k))
            || (kinds.is_empty() && !registry.unreadable.is_empty()) =>
        {
            Ok(kinds.first().copied().unwrap_or(Kind::Stmt))
        }
        None => {
            let problem = Problem::new(format!("unknown id '{id}': no row defines it; expected {expected}"));
            Err(match registry.suggest(id, kinds) {
                Some(near) => problem.hint(format!("did you mean '{near}'?")),
                None => problem.hint("add the row it refers to, or correct the id"),
            })
        }
    }
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
                        Problem::new("a reference has no file").hint("give its address in `url`"),
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
                        )),
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

/// Checks the syntax of an external identifier.
fn check_external_id(scheme: &str, value: &str) -> Result<(), Problem> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (ok, expected) = match scheme {
        "wikidata" => (
            value
                .strip_prefix('Q')
                .is_some_and(|n| digits(n) && !n.starts_with('0')),
            "a Wikidata item id: Q followed by digits, e.g. Q1005",
        ),
        "geonames" => (
            digits(value) && !value.starts_with('0'),
            "a GeoNames id: digits, e.g. 1520172",
        ),
        "iso3166-2" => (
            value.strip_prefix("KZ-").is_some_and(|c| {
                (1..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            }),
            "an ISO 3166-2:KZ code: KZ- and one to three capitals or digits, e.g. KZ-59",
        ),
        "kato" => (
            value.len() == 9 && digits(value),
            "a KATO code: nine digits, e.g. 591000000",
        ),
        _ => (true, ""),
    };
    if ok {
        Ok(())
    } else {
        Err(Problem::new(format!("'{value}' is not {expected}")))
    }
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
                            theirs.path.file_name().and_then(|n| n.to_str()).unwrap_or_default(),
                            theirs.line
                        ))
                    })
                })
            };
            diagnostics.extend(problem);
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
        let units = crate::schema::UNIT_TYPES;
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
