//! Reading and checking the curated tables, and turning their rows into triples.
//!
//! Each file is read twice, streaming: the first pass records every id (so a row may refer to
//! a row of any table, in any order), the second checks every cell and emits the row's triples.
//! Memory holds the ids, never the rows. Every problem is collected; the caller gets either
//! all of them or a complete graph.
//!
//! The modules, lowest first: `hint` words the messages; `records` reads a file's records
//! with their lines, on a thread of its own; `ids` is the table of every id, and `registry`
//! holds it and the rest of what pass one saw, and resolves references; `cell` checks one cell
//! against its column, `checks` a row and the rows of a table, `row` all of one row that needs
//! no other row (on several threads at once), `hierarchy` the hierarchies across tables;
//! `header` finds the files and reads their headers; `pass` is one pass over one file; this
//! module runs both passes over all files.

mod cell;
mod checks;
mod header;
mod hierarchy;
mod hint;
mod ids;
mod pass;
mod records;
mod registry;
mod row;

use std::collections::BTreeMap;
use std::path::Path;

pub use cell::{MAX_CELL_BYTES, is_id};
pub use checks::{is_outside_document, is_valid_external_id};
pub use hint::closest;
pub use pass::Site;
pub use registry::{Entry, Registry};

use crate::date::Date;
use crate::error::{Diagnostic, Error, Result};
use crate::rdf::{self, Row, TripleSink};
use crate::time::checks::TimeChecks;
use crate::time::{Timeline, View};
use hierarchy::Hierarchies;
use pass::{Checking, EmptyCitations};

/// What a successful load produced.
#[derive(Debug, Default)]
pub struct Summary {
    /// Rows read per table, in schema order.
    pub rows: Vec<(&'static str, usize)>,
    /// Nodes per class (`rdf:type` objects), compacted.
    pub classes: BTreeMap<String, usize>,
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
    observe_as_of(dir, None, observer)
}

/// Like [`observe`], with the rows placed in time as of `as_of` (the dataset's date when `None`).
pub fn observe_as_of(
    dir: &Path,
    as_of: Option<Date>,
    observer: &mut dyn FnMut(&Row<'_>, &Site<'_>),
) -> Result<Summary> {
    run(dir, as_of, None, observer)
}

/// Like [`load`], and shows every row that passes its checks to `observer`.
pub fn load_with(
    dir: &Path,
    sink: &mut dyn TripleSink,
    observer: &mut dyn FnMut(&Row<'_>, &Site<'_>),
) -> Result<Summary> {
    load_as_of(dir, None, sink, observer)
}

/// Like [`load_with`], with the direct triples as of `as_of` (the dataset's date when `None`).
pub fn load_as_of(
    dir: &Path,
    as_of: Option<Date>,
    sink: &mut dyn TripleSink,
    observer: &mut dyn FnMut(&Row<'_>, &Site<'_>),
) -> Result<Summary> {
    run(dir, as_of, Some(sink), observer)
}

/// Both passes over every table; the triples go to `sink`, or only the classes are counted
/// when there is none (the observers build no graph, and need not pay for its triples).
fn run(
    dir: &Path,
    as_of: Option<Date>,
    sink: Option<&mut dyn TripleSink>,
    observer: &mut dyn FnMut(&Row<'_>, &Site<'_>),
) -> Result<Summary> {
    let mut diagnostics = Vec::new();
    let mut files = header::table_files(dir, &mut diagnostics)?;
    let mut registry = Registry::default();
    let mut timeline = Timeline::default();
    for file in &mut files {
        // Refused as a whole (or the missing sources.csv, which every row cites): none of its
        // ids will be seen.
        if file.fields.is_none() && (file.path.exists() || file.table.name == "sources") {
            registry.incomplete(file.table);
        }
        file.collect_ids(&mut registry, &mut timeline, &mut diagnostics)?;
    }
    let date = match (as_of, timeline.dataset_date) {
        (Some(date), _) | (None, Some(date)) => date,
        (None, None) => {
            // A sources.csv without rows is reported as such; a refused one, by its own error.
            if let Some(sources) = files
                .iter()
                .find(|f| f.table.name == "sources" && f.fields.is_some() && f.rows > 0)
            {
                diagnostics.push(
                    Diagnostic::new(&sources.path, 1, None, "no row of kind 'dataset' gives the date the tables describe")
                        .with_hint("add one row of kind dataset whose date is the default date of every view, e.g. kzlg-dataset,dataset,kzlg,,,2026-12-01,,,en,,,"),
                );
            }
            Date::parse("1000").expect("a valid year")
        }
    };
    let view = View {
        date,
        timeline: &timeline,
    };
    let mut time_checks = TimeChecks::default();
    let mut summary = Summary::default();
    let mut hierarchies = Hierarchies::default();
    let mut citations = EmptyCitations::default();
    let checked_from = diagnostics.len();
    let mut output = Output {
        sink,
        classes: ClassCounts::default(),
    };
    let mut run = Checking {
        registry: &registry,
        hierarchies: &mut hierarchies,
        citations: &mut citations,
        output: &mut output,
        observer,
        view: &view,
        time_checks: &mut time_checks,
        diagnostics: &mut diagnostics,
    };
    for file in &files {
        summary.rows.push((file.table.name, file.check_and_emit(&mut run)?));
    }
    citations.report(&files, &mut diagnostics, checked_from);
    hierarchies.check_single_parents(&mut diagnostics);
    hierarchies.check_cycles(&mut diagnostics);
    hierarchies.check_region_prefixes(&mut diagnostics);
    time_checks.report(timeline.dataset_date, &mut diagnostics);
    summary.classes = output.classes.compacted();
    if diagnostics.is_empty() {
        Ok(summary)
    } else {
        Err(Error::Invalid(diagnostics))
    }
}

/// Where the triples of the checked rows go, and the count of their classes.
pub(super) struct Output<'a> {
    sink: Option<&'a mut dyn TripleSink>,
    classes: ClassCounts,
}

impl Output<'_> {
    /// Emits the triples of a checked row (`id` is its [`rdf::node_id`]), or only counts its
    /// classes when there is no sink.
    pub(super) fn row(&mut self, row: &Row<'_>, id: &str, view: &View<'_>) {
        match &mut self.sink {
            Some(sink) => {
                let mut counting = ClassCounter {
                    inner: &mut **sink,
                    classes: &mut self.classes,
                };
                rdf::emit(row, id, view, &mut counting);
            }
            None => rdf::classes(row, &mut |class| self.classes.add(class)),
        }
    }
}

/// Nodes per class IRI: counted by the IRI as it comes, compacted once at the end.
#[derive(Default)]
struct ClassCounts(crate::tally::Tally);

impl ClassCounts {
    fn add(&mut self, class: &str) {
        self.0.add(class);
    }

    fn compacted(self) -> BTreeMap<String, usize> {
        let mut classes = BTreeMap::new();
        for (class, count) in self.0.counts() {
            *classes.entry(crate::vocab::compact(&class)).or_default() += count;
        }
        classes
    }
}

/// Counts `rdf:type` objects on their way to the real sink.
struct ClassCounter<'a> {
    inner: &'a mut dyn TripleSink,
    classes: &'a mut ClassCounts,
}

impl TripleSink for ClassCounter<'_> {
    fn triple(&mut self, triple: oxigraph::model::TripleRef<'_>) {
        if triple.predicate.as_str() == rdf!("type") {
            if let oxigraph::model::TermRef::NamedNode(class) = triple.object {
                self.classes.add(class.as_str());
            }
        }
        self.inner.triple(triple);
    }
}

#[cfg(test)]
mod tests {
    /// The observers count classes without building triples: the counts must be those of the
    /// `rdf:type` triples a full load sends to its sink.
    #[test]
    fn observing_counts_the_classes_a_load_emits() {
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let mut triples: Vec<oxigraph::model::Triple> = Vec::new();
        let loaded = super::load(&tables, &mut triples).unwrap();
        let mut from_triples = std::collections::BTreeMap::<String, usize>::new();
        for triple in &triples {
            if let oxigraph::model::Term::NamedNode(class) = &triple.object {
                if triple.predicate.as_str() == rdf!("type") {
                    *from_triples.entry(crate::vocab::compact(class.as_str())).or_default() += 1;
                }
            }
        }
        let observed = super::observe(&tables, &mut |_, _| {}).unwrap();
        assert!(from_triples.contains_key("kzlg:City"), "{from_triples:?}");
        assert_eq!(loaded.classes, from_triples);
        assert_eq!(observed.classes, from_triples);
    }
}
