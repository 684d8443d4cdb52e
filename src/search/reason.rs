//! Why a candidate matched: which spelling, from which field, how, and for what score.

use std::fmt;

use super::names::How;

/// Where a spelling comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A name column: `name_en`, `name_ru`, `name_kk`, a document's `title`.
    Label(&'static str),
    /// A row of aliases.csv: its kind (`former`, `variant`...) and language.
    Alias {
        kind: String,
        lang: String,
    },
    Surname,
    GivenName,
    Patronymic,
    /// The row's id: it matches whole only.
    Id,
}

impl Field {
    /// The entity's own English name (`name_en`, or a document's or plan's `title`).
    fn is_english_name(&self) -> bool {
        matches!(self, Field::Label("name_en" | "title"))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Label(column) => f.write_str(column),
            Field::Alias { kind, lang } if lang.is_empty() => write!(f, "alias ({kind})"),
            Field::Alias { kind, lang } => write!(f, "alias ({kind}, {lang})"),
            Field::Surname => f.write_str("surname"),
            Field::GivenName => f.write_str("given name"),
            Field::Patronymic => f.write_str("patronymic"),
            Field::Id => f.write_str("id"),
        }
    }
}

/// Why an entity is a candidate: one of its spellings, how the query matched it, and the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub how: How,
    pub spelling: String,
    pub field: Field,
    pub score: f64,
}

impl fmt::Display for Reason {
    /// `whole name`, `surname`, `alias (former, en)`, `same words: Jambyl Region`,
    /// `words: Akimat of Zhambyl District (name_en)`, `prefix: …`, `near: Tokayev 0.86 (surname)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let spelling = &self.spelling;
        match self.how {
            How::Whole if self.field.is_english_name() => return f.write_str("whole name"),
            How::Whole => return write!(f, "{}", self.field),
            How::SameWords => write!(f, "same words: {spelling}")?,
            How::Words => write!(f, "words: {spelling}")?,
            How::Prefix => write!(f, "prefix: {spelling}")?,
            How::Near(similarity) => write!(f, "near: {spelling} {similarity:.2}")?,
        }
        match self.field.is_english_name() {
            true => Ok(()),
            false => write!(f, " ({})", self.field),
        }
    }
}

impl Reason {
    /// The order of equally good reasons: the entity's own names before aliases and ids, then
    /// by what they say.
    pub(super) fn rank(&self) -> (u8, String) {
        let order = match self.field {
            Field::Label(_) => 0,
            Field::Surname | Field::GivenName | Field::Patronymic => 1,
            Field::Alias { .. } => 2,
            Field::Id => 3,
        };
        (order, self.to_string())
    }
}
