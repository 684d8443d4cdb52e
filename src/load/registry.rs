//! The ids that pass one saw in every table, and the resolution of the references of pass two.

use std::collections::{HashMap, HashSet};

use super::hint::{CellError, Problem, closest, kinds_phrase};
use crate::schema::{Kind, TABLES, Table};

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

    /// Records the definition of `id`; when it is already defined, returns the first definition.
    pub(super) fn define(&mut self, id: &str, entry: Entry) -> Option<Entry> {
        if let Some(first) = self.ids.get(id) {
            self.redefined.entry(id.into()).or_default().push(entry.kind);
            return Some(*first);
        }
        self.ids.insert(id.into(), entry);
        self.defined.insert(entry.kind);
        None
    }

    pub(super) fn define_reference_source(&mut self, id: &str) {
        self.reference_sources.insert(id.into());
    }

    /// Records the id that a row writes malformed, as its slug.
    pub(super) fn misspell(&mut self, slug: Option<String>) {
        self.misspelt.extend(slug);
    }

    /// Records that the ids of `kind` may be incomplete: a table of theirs could not be read.
    pub(super) fn unreadable(&mut self, kind: Kind) {
        self.unreadable.insert(kind);
    }

    /// Whether some ids of `kind` may be missing because their table could not be read.
    pub(super) fn may_lack(&self, kind: Kind) -> bool {
        self.unreadable.contains(&kind)
    }

    /// The id of an allowed kind closest to `wanted`, when one is close enough to be a typo.
    fn suggest(&self, wanted: &str, kinds: &[Kind]) -> Option<&str> {
        let ids: Vec<&str> = self
            .ids
            .iter()
            .filter(|(_, entry)| kinds.is_empty() || kinds.contains(&entry.kind))
            .map(|(id, _)| &**id)
            .collect();
        closest(wanted, &ids)
    }
}

/// Finds `id` in the registry and checks it is one of `kinds` (any kind when empty).
pub(super) fn resolve<'a>(id: &'a str, kinds: &'static [Kind], registry: &Registry) -> Result<Kind, CellError<'a>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_respect_kinds() {
        let mut registry = Registry::default();
        let table = crate::schema::table("people").unwrap();
        registry.define(
            "askarbek-mustafin",
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
