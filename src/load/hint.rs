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
    /// An id that no row defines, of a kind that cannot be known because a table that could
    /// define it was refused: that table's error is the one to fix, and the row is not judged.
    Unresolved,
}

impl From<Problem> for CellError<'_> {
    fn from(problem: Problem) -> Self {
        Self::Problem(problem)
    }
}

/// The candidate nearest to `wanted` by edit distance, ignoring case, when it is near enough to
/// be a typo: at most a third of its characters differ (two in a short word). The one "did you
/// mean" of every near miss: tables, columns, choices, ids, queries. Ties go to the candidate
/// first in sorted order, so the hint does not depend on the order of the candidates.
pub fn closest<'c>(wanted: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let wanted = wanted.to_lowercase();
    let length = wanted.chars().count();
    let limit = (length / 3).max(2);
    candidates
        .iter()
        .filter_map(|candidate| {
            let lowered = candidate.to_lowercase();
            // Lengths further apart than the limit cannot be near: the distance is not worth computing.
            (lowered.chars().count().abs_diff(length) <= limit)
                .then(|| (strsim::levenshtein(&lowered, &wanted), *candidate))
        })
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
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
    fn near_misses_find_their_candidate() {
        let columns = ["name_en", "name_ru", "given_name", "note"];
        assert_eq!(closest("nmae_en", &columns), Some("name_en"));
        assert_eq!(closest("NAME_RU", &columns), Some("name_ru"));
        assert_eq!(closest("surname", &columns), None);
        // Equally near: the first in sorted order, whatever the order given.
        assert_eq!(closest("name_xx", &columns), Some("name_en"));
        assert_eq!(closest("name_xx", &["name_ru", "name_en"]), Some("name_en"));
        // A third of the characters may differ, and no more.
        assert_eq!(
            closest("askarbek-mustafn", &["askarbek-mustafin"]),
            Some("askarbek-mustafin")
        );
        assert_eq!(closest("abcdef", &["abcxyz"]), None);
        assert_eq!(closest("abcdefghi", &["abcdefxyz"]), Some("abcdefxyz"));
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
}
