//! The words of the loader's messages: a problem before it is placed in a file, the one "did you
//! mean" of every near miss, and the phrases that name kinds and files.

use std::path::Path;

use crate::error::Diagnostic;
use crate::schema::Kind;

/// A problem with one cell or row, before it is placed in a file.
#[derive(Debug)]
pub(super) struct Problem {
    pub(super) message: String,
    pub(super) hint: Option<String>,
}

impl Problem {
    pub(super) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
        }
    }

    pub(super) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Places the problem at field `column_number` (1-based) of `line`, under the name of its column.
    pub(super) fn at(self, path: &Path, line: u64, column_number: usize, column: &str) -> Diagnostic {
        let mut d = Diagnostic::new(path, line, Some(column_number), format!("{column}: {}", self.message));
        d.hint = self.hint;
        d
    }
}

/// Why a cell was refused.
pub(super) enum CellError<'a> {
    /// Something wrong in the cell itself.
    Problem(Problem),
    /// An id of kinds that no row defines at all: the empty table is the problem, reported
    /// once for all the rows that cite it rather than at each of them.
    CitesEmpty { id: &'a str, kinds: &'static [Kind] },
}

impl From<Problem> for CellError<'_> {
    fn from(problem: Problem) -> Self {
        Self::Problem(problem)
    }
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
pub(super) fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// `a person`, `a person or a post`, `a person, an organisation or a body`; `an entity` for any kind.
pub(super) fn kinds_phrase(kinds: &[Kind]) -> String {
    let nouns: Vec<String> = kinds.iter().map(|k| k.with_article()).collect();
    match nouns.split_last() {
        None => "an entity".to_owned(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The name of a table's file without its folder, as a message cites another row: `units.csv line 4`.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
