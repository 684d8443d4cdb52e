//! Rules across the cells of a row and across the rows of a table: provenance, date order, what
//! `partOf` relates, repeated rows, and the syntax and uniqueness of external ids.
//!
//! The rules that know the link schemes and the unit types (external ids, the unit types whose
//! KATO code names a region, the everyday words for unit types) stay together here.

use std::collections::HashMap;
use std::path::Path;

use super::hint::Problem;
use super::registry::Registry;
use crate::error::Diagnostic;
use crate::rdf::{Row, Value};
use crate::schema::{Kind, Provenance, Shape};

/// Whether a source of this kind is no document of the sources folder (so has no file or quote).
pub fn is_outside_document(kind: &str) -> bool {
    matches!(kind, "reference" | "dataset")
}

/// Checks that involve several cells of a row. Returns (column, problem) pairs.
pub(super) fn check_row(row: &Row<'_>, registry: &Registry) -> Vec<(&'static str, Problem)> {
    let mut problems = Vec::new();
    match row.table.provenance {
        Provenance::Full => {
            // Whether the source is a reference is unknown when sources.csv is broken.
            let from_reference = registry.is_reference_source(row.text("source")) || registry.may_lack(Kind::Source);
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
            if is_outside_document(row.text("kind")) {
                if !row.is_empty("file") {
                    problems.push((
                        "file",
                        Problem::new(format!(
                            "'{}' is given, but a source of kind '{}' has no file",
                            row.text("file"),
                            row.text("kind")
                        ))
                        .hint("a reference is read at its url, not in the sources folder: empty this cell, or choose the kind report, paper or article"),
                    ));
                }
                if row.text("kind") == "dataset" && row.is_empty("date") {
                    problems.push((
                        "date",
                        Problem::new("is empty, but the dataset row needs it").hint(
                            "the date the tables describe: the default date of every view, e.g. the day they were last brought up to date",
                        ),
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

/// The rows of one table file seen so far, to find a row given twice and an external id given
/// to two entities.
#[derive(Default)]
pub(super) struct Repeats {
    /// The derived id of each row of a table without ids, and its line.
    derived_ids: HashMap<String, u64>,
    /// Each external id (scheme, value) of a table of links, with its entity and line.
    external_ids: HashMap<(String, String), (String, u64)>,
}

impl Repeats {
    /// The problem of a row that repeats an earlier one, or links an external id that an
    /// earlier row links to another entity; `at` gives the field number of a column.
    pub(super) fn check(
        &mut self,
        row: &Row<'_>,
        derived: &str,
        path: &Path,
        line: u64,
        at: &dyn Fn(&str) -> usize,
    ) -> Option<Diagnostic> {
        if !row.table.has_id() {
            if let Some(first) = self.derived_ids.insert(derived.to_owned(), line) {
                let (column, problem) = repeated_row(row, first);
                return Some(problem.at(path, line, at(column), column));
            }
        }
        if row.table.shape == Shape::Link {
            let key = (row.text("scheme").to_owned(), row.text("value").to_owned());
            let entity = row.text("entity").to_owned();
            if let Some((other, first)) = self.external_ids.get(&key) {
                if *other != entity {
                    return Some(
                        Diagnostic::new(
                            path,
                            line,
                            Some(at("value")),
                            format!("{} id '{}' is already linked to '{other}'", key.0, key.1),
                        )
                        .with_hint(format!("see line {first}: two entities cannot share one external id")),
                    );
                }
            } else {
                self.external_ids.insert(key, (entity, line));
            }
        }
        None
    }
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

/// Whether `value` is a well-formed identifier of the external dataset `scheme`.
pub fn is_valid_external_id(scheme: &str, value: &str) -> bool {
    check_external_id(scheme, value).is_ok()
}

/// Checks the syntax of an external identifier against its scheme's rule in the schema, and
/// suggests the obvious fix of a near miss (`485088` → `Q485088`, `kz-59` → `KZ-59`).
fn check_external_id(scheme: &str, value: &str) -> Result<(), Problem> {
    let Some(scheme) = crate::schema::scheme(scheme) else {
        return Ok(());
    };
    let is_valid = scheme.is_valid;
    if is_valid(value) {
        return Ok(());
    }
    let unzeroed = value.trim_start_matches(['Q', 'q']).trim_start_matches('0');
    let fix = [value.to_ascii_uppercase(), format!("Q{unzeroed}"), unzeroed.to_owned()]
        .into_iter()
        .find(|fix| is_valid(fix));
    let problem = Problem::new(format!("'{value}' is not {}", scheme.expected));
    Err(match fix {
        Some(fix) => problem.hint(format!("did you mean '{fix}'?")),
        None => problem.hint(format!("copy the id as the {} dataset writes it", scheme.name)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn near_misses_of_external_ids_get_their_fix() {
        let hint = |scheme, value| check_external_id(scheme, value).unwrap_err().hint.unwrap();
        assert_eq!(hint("wikidata", "485088"), "did you mean 'Q485088'?");
        assert_eq!(hint("wikidata", "q485088"), "did you mean 'Q485088'?");
        assert_eq!(hint("iso3166-2", "kz-sev"), "did you mean 'KZ-SEV'?");
        assert_eq!(hint("kato", "59000000"), "copy the id as the kato dataset writes it");
    }
}
