//! The ids that pass one saw in every table, and the resolution of the references of pass two.

use std::collections::{BTreeSet, HashMap, HashSet};

use rustc_hash::FxHashSet;

use super::hint::{CellError, Problem, closest, kinds_phrase};
use super::ids::Ids;
use crate::schema::{Kind, TABLES, Table};

/// Every id of every table, with what it names and where.
#[derive(Debug, Default)]
pub struct Registry {
    ids: Ids,
    reference_sources: FxHashSet<Box<str>>,
    /// Kinds whose ids pass one could not all see: a table of theirs with ids was refused as a
    /// whole, or lost its rows after a runaway quote. See [`resolve`].
    incomplete: BTreeSet<Kind>,
    /// Kinds that at least one row defines.
    defined: HashSet<Kind>,
    /// The kinds of the second and later definitions of an id defined twice: a reference to
    /// such an id is not checked against the first alone, since the duplicate is reported.
    redefined: HashMap<Box<str>, Vec<Kind>>,
    /// Ids that a row means but writes malformed (`Askarbek Mustafin` for `askarbek-mustafin`),
    /// and where: references to them are not reported unknown, since the malformed id is.
    misspelt: HashMap<String, Entry>,
}

/// Where an id is defined.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub table: &'static Table,
    pub line: u64,
}

impl Entry {
    /// The kind of the id: its table's.
    pub fn kind(&self) -> Kind {
        self.table.kind
    }
}

impl Registry {
    pub fn get(&self, id: &str) -> Option<Entry> {
        self.ids.get(id)
    }

    /// Brings the definitions of `ids` into the cache, all at once: see [`Ids::prefetch`].
    pub(super) fn prefetch(&self, ids: &[&str]) {
        self.ids.prefetch(ids);
    }

    /// Whether `source` names a source of kind `reference` (its rows quote no file).
    pub fn is_reference_source(&self, source: &str) -> bool {
        self.reference_sources.contains(source)
    }

    /// Records the definition of `id`; when it is already defined, returns the first definition.
    pub(super) fn define(&mut self, id: &str, entry: Entry) -> Option<Entry> {
        if !self.ids.insert(id, entry) {
            self.redefined.entry(id.into()).or_default().push(entry.kind());
            return self.ids.get(id);
        }
        self.defined.insert(entry.kind());
        None
    }

    pub(super) fn define_reference_source(&mut self, id: &str) {
        self.reference_sources.insert(id.into());
    }

    /// Records the id that the row at `entry` writes malformed, as its slug.
    pub(super) fn misspell(&mut self, slug: Option<String>, entry: Entry) {
        if let Some(slug) = slug {
            self.misspelt.entry(slug).or_insert(entry);
        }
    }

    /// Records that some ids of `table` were not seen: the table was refused as a whole, or
    /// lost rows to a runaway quote. Tables without ids have none to lose.
    pub(super) fn incomplete(&mut self, table: &Table) {
        if table.has_id() {
            self.incomplete.insert(table.kind);
        }
    }

    /// Whether some ids of `kind` may be missing because a table of theirs could not be read.
    pub(super) fn may_lack(&self, kind: Kind) -> bool {
        self.incomplete.contains(&kind)
    }

    /// The id of an allowed kind closest to `wanted`, when one is close enough to be a typo.
    fn suggest(&self, wanted: &str, kinds: &[Kind]) -> Option<&str> {
        let ids: Vec<&str> = self
            .ids
            .iter()
            .filter(|(_, entry)| kinds.is_empty() || kinds.contains(&entry.kind()))
            .map(|(id, _)| id)
            .collect();
        closest(wanted, &ids)
    }
}

/// Finds `id` in the registry and checks it is one of `kinds` (any kind when empty).
///
/// An id that no row defines is not reported when a table that could define it was refused:
/// that table's own error says what to fix, and the id may well be one of its rows. Nor is a
/// kind made up for the id, since the rules of the row would then judge it by that kind
/// (`'north-kazakhstan-region' is a post, but partOf relates a unit`). When the refused tables
/// that fit the column are all of one kind, the id can only be of that kind: every table of the
/// other kinds was read, and none defines it. When they are of several kinds, the id's kind is
/// unknown, and the row is left unchecked ([`CellError::Unresolved`]). An id that its own row
/// writes malformed is of that row's kind, and not reported unknown either.
pub(super) fn resolve<'a>(id: &'a str, kinds: &'static [Kind], registry: &Registry) -> Result<Kind, CellError<'a>> {
    let fits = |kind: &Kind| kinds.is_empty() || kinds.contains(kind);
    let Some(entry) = registry.get(id).or_else(|| registry.misspelt.get(id).copied()) else {
        let mut refused = registry.incomplete.iter().copied().filter(fits);
        match (refused.next(), refused.next()) {
            (Some(kind), None) => return Ok(kind),
            (Some(_), Some(_)) => return Err(CellError::Unresolved),
            (None, _) => {}
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
    if fits(&entry.kind()) {
        return Ok(entry.kind());
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
        entry.kind().with_article(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> &'static Table {
        crate::schema::table(name).unwrap()
    }

    #[test]
    fn ids_of_a_refused_table_keep_the_kind_they_can_only_have() {
        const SUBJECT: &[Kind] = &[Kind::Post, Kind::Body, Kind::Unit];
        let mut registry = Registry::default();
        registry.incomplete(table("units"));
        registry.incomplete(table("links")); // no ids to lose
        assert!(matches!(resolve("astana", SUBJECT, &registry), Ok(Kind::Unit)));
        assert!(matches!(resolve("astana", &[], &registry), Ok(Kind::Unit)));
        assert!(matches!(
            resolve("astana", &[Kind::Person], &registry),
            Err(CellError::CitesEmpty { .. })
        ));
        registry.incomplete(table("bodies"));
        assert!(matches!(
            resolve("astana", SUBJECT, &registry),
            Err(CellError::Unresolved)
        ));
        assert!(matches!(resolve("astana", &[Kind::Unit], &registry), Ok(Kind::Unit)));
    }

    #[test]
    fn ids_written_malformed_keep_the_kind_of_their_row() {
        let mut registry = Registry::default();
        let entry = Entry {
            table: table("units"),
            line: 3,
        };
        registry.misspell(Some("north-kazakhstan-region".to_owned()), entry);
        const SUBJECT: &[Kind] = &[Kind::Post, Kind::Body, Kind::Unit];
        assert!(matches!(
            resolve("north-kazakhstan-region", SUBJECT, &registry),
            Ok(Kind::Unit)
        ));
        let Err(CellError::Problem(problem)) = resolve("north-kazakhstan-region", &[Kind::Person], &registry) else {
            panic!("a unit is no person");
        };
        assert_eq!(
            problem.message,
            "'north-kazakhstan-region' is a unit (units.csv line 3), but this column expects a person"
        );
    }

    #[test]
    fn suggestions_respect_kinds() {
        let mut registry = Registry::default();
        registry.define(
            "askarbek-mustafin",
            Entry {
                table: table("people"),
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
