//! Finding the entity behind any spelling: English, Russian or Kazakh names, transliteration
//! variants, former names, OCR slips recorded as aliases.
//!
//! Every name is reduced to a key that forgets case, diacritics, script and the usual
//! transliteration choices (Костанай, Kostanay and Kostanai share `kostanai`; Қазақстан,
//! Казахстан and Kazakhstan share `kazakstan`). Equal keys are a match. The index itself lives
//! in [`crate::search`], which also finds parts of names and near misses; [`Index`] here keeps
//! the strict reading, for checks that a spelling names its entity.

use std::path::Path;

use crate::error::Result;
use crate::search::{self, Entity, Filters, How};

/// The names of every entity, for the strict question: which entities is this exactly called?
/// [`search::Index::find`] answers the open one (parts of names, prefixes, near misses).
#[derive(Debug)]
pub struct Index(search::Index);

/// What a name resolves to.
#[derive(Debug)]
pub struct Resolution<'a> {
    /// The entities one of whose names or aliases has the query's key, best first.
    pub matches: Vec<&'a Entity>,
    /// The others the query may mean, best first, with their score (0 to 1).
    pub suggestions: Vec<(&'a Entity, f64)>,
}

impl Index {
    /// Reads every name and alias of the tables in `dir`.
    pub fn build(dir: &Path) -> Result<Self> {
        search::Index::read(dir).map(Self)
    }

    /// Resolves `query`: the entities it names whole, and up to `limit` others.
    pub fn resolve(&self, query: &str, limit: usize) -> Resolution<'_> {
        let (whole, other): (Vec<_>, Vec<_>) = self
            .0
            .find(query, &Filters::default())
            .into_iter()
            .partition(|c| c.reasons.iter().any(|r| r.how == How::Whole));
        Resolution {
            matches: whole.into_iter().map(|c| c.entity).collect(),
            suggestions: other.into_iter().take(limit).map(|c| (c.entity, c.score)).collect(),
        }
    }
}

/// The key a spelling is compared by: Latin letters and digits, lower case, with Kazakh letters,
/// Cyrillic and the common transliteration variants folded together.
pub fn key(text: &str) -> String {
    let kazakh: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ә' => 'a',
            'ғ' => 'g',
            'қ' => 'k',
            'ң' => 'n',
            'ө' => 'o',
            'ұ' | 'ү' => 'u',
            'һ' => 'h',
            'і' => 'i',
            other => other,
        })
        .collect();
    let ascii = deunicode::deunicode(&kazakh)
        .to_ascii_lowercase()
        .replace(['\'', '`'], "");
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(fold_word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds one lower-case ASCII word: kh → k, zh/dzh → j, q → k, w → v, ph → f, y → i,
/// word-initial ye → e, and doubled letters to one.
fn fold_word(word: &str) -> String {
    let mut folded = word
        .replace("dzh", "j")
        .replace("zh", "j")
        .replace("kh", "k")
        .replace("ph", "f")
        .replace('q', "k")
        .replace('w', "v")
        .replace('y', "i");
    if let Some(rest) = folded.strip_prefix("ie") {
        folded = format!("e{rest}");
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if !out.ends_with(c) || c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_place_share_a_key() {
        let same = |a: &str, b: &str| assert_eq!(key(a), key(b), "{a} / {b}");
        same("Kostanai", "Kostanay");
        same("Костанай", "Kostanay");
        same("Қазақстан", "Kazakhstan");
        same("Казахстан", "Kazakstan");
        same("Petropavlovsk", "Петропавловск");
        same("Zhambylsky", "Zhambylskiy");
        same("Жамбылский", "Zhambylsky");
        same("Kolomiitsev", "Kolomiytsev");
        same("Yerkin", "Еркин");
        same("Ust-Kamenogorsk", "Усть-Каменогорск");
        same("Öskemen", "Өскемен");
        same("KZYL-ORDA", "Kzyl Orda");
    }

    #[test]
    fn different_places_keep_different_keys() {
        assert_ne!(key("Karaganda"), key("Kostanai"));
        assert_ne!(key("Aktau"), key("Aktobe"));
        assert_ne!(key("Almaty"), key("Astana"));
    }

    #[test]
    fn keys_are_plain_words() {
        assert_eq!(key("  Shal  Akyn  Rayon "), "shal akin raion");
        assert_eq!(key("Мәслихат"), "maslikat");
        assert_eq!(key("...").as_str(), "");
    }
}
