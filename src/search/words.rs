//! The words that names and texts are compared by, one folding for both searches.
//!
//! A text is first reduced to [`crate::resolve::key`] (case, diacritics, script and the usual
//! transliteration choices folded), then each word to the stem [`crate::suggest::key`] compares
//! places by (`Жамбылская` and `Zhambylsky` → `jambil`, `Petropavlovsk` → `petropavl`,
//! `severo` → `north`), and a final `s` is cut so that `akims` meets `akim`. The words that
//! `suggest::key` drops because they say what kind of place a name is (`region`, `district`,
//! `oblysy`, `city`) are kept, marked generic: a name search may match without them, a text search
//! counts them like any word.

use std::collections::HashMap;

use crate::resolve::key;
use crate::suggest;

/// One word of a text, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub stem: String,
    /// A word that says what kind of place or body a name is, not which.
    pub generic: bool,
}

/// Pieces the cache of [`words`] holds at most: the tables need a tenth of it; a server that
/// folds every query it is sent must not grow without end.
const CACHED: usize = 100_000;

/// Function words: they tell nothing apart, so neither search looks at them.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "under", "with", "v", "i", "o",
];

/// The words of `text`, in order, without function words and one-letter words.
///
/// [`key`] splits at whitespace like anything else that is not a letter or digit, so the text
/// is folded a whitespace-separated piece at a time, through a cache: the tables hold a few
/// thousand distinct pieces in a hundred thousand, and folding is the dearest step of indexing.
pub fn words(text: &str) -> Vec<Word> {
    thread_local! {
        static CACHE: std::cell::RefCell<HashMap<String, Vec<Word>>> = Default::default();
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let mut words = Vec::new();
        for piece in text.split_whitespace() {
            if let Some(found) = cache.get(piece) {
                words.extend_from_slice(found);
                continue;
            }
            let folded: Vec<Word> = key(piece).split(' ').filter_map(fold).collect();
            words.extend_from_slice(&folded);
            if cache.len() >= CACHED {
                cache.clear();
            }
            cache.insert(piece.to_owned(), folded);
        }
        words
    })
}

/// Its stem and whether it is generic; `None` for a function word.
fn fold(folded: &str) -> Option<Word> {
    let single_letter = folded.len() == 1 && !folded.starts_with(|c: char| c.is_ascii_digit());
    if folded.is_empty() || single_letter || STOPWORDS.contains(&folded) {
        return None;
    }
    let stem = suggest::key(folded);
    let generic = stem.is_empty();
    let stem = if generic { folded.to_owned() } else { stem };
    Some(Word {
        stem: singular(stem),
        generic,
    })
}

/// Cuts the `s` of an English plural (`akims`, `maslikhats`), on words long enough that the
/// cut leaves a word. Both sides of every comparison are cut alike, so a name that merely ends
/// in `s` still meets itself.
fn singular(mut stem: String) -> String {
    if stem.len() > 4 && stem.ends_with('s') {
        stem.pop();
    }
    stem
}

/// The stems of `text`'s words, for indexing and looking up full text.
pub fn stems(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.stem).collect()
}

/// How alike two folded words or keys are, 0 to 1: one minus the edit distance (insertions,
/// deletions, substitutions and swaps of neighbours, each once) over the longer length. Unlike Jaro-Winkler it does not reward a shared beginning, so
/// `askarbek` is not near `askar` (that is a prefix, and is said so).
pub fn similarity(a: &str, b: &str) -> f64 {
    let longest = a.chars().count().max(b.chars().count());
    match longest {
        0 => 1.0,
        _ => 1.0 - strsim::osa_distance(a, b) as f64 / longest as f64,
    }
}

/// Near misses start here: one slip in five letters (`Tokaev` / `Tokayev`, `Kostenai` /
/// `Kostanai`); shorter words must match exactly.
pub const NEAR: f64 = 0.8;

/// The similarity of two folded words or keys when they are near (at least [`NEAR`], and at
/// least five letters wanted). Lengths that differ by more than a fifth cannot be, and are not
/// compared: most pairs end there.
pub fn near(wanted: &str, other: &str) -> Option<f64> {
    let (a, b) = (wanted.len(), other.len());
    if a < 5 || a.abs_diff(b) * 5 > a.max(b) {
        return None;
    }
    Some(similarity(wanted, other)).filter(|s| *s >= NEAR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_spellings_and_endings_meet() {
        let stems = |t: &str| stems(t).join(" ");
        assert_eq!(stems("Жамбылская область"), "jambil oblast");
        assert_eq!(stems("Zhambylsky"), "jambil");
        assert_eq!(stems("Jambyl Region"), "jambil region");
        assert_eq!(stems("Akim of a district (rayon)"), "akim district raion");
        assert_eq!(stems("rural akims"), "rural akim");
        assert_eq!(stems("Токаев"), "tokaev");
        assert_eq!(stems("Северо-Казахстанская"), "north kazakstan");
    }

    #[test]
    fn generic_words_are_marked() {
        let generic: Vec<bool> = words("Zhambyl District").iter().map(|w| w.generic).collect();
        assert_eq!(generic, [false, true]);
    }

    #[test]
    fn near_needs_five_letters_for_one_slip() {
        assert!(near("tokaev", "tokaiev").is_some_and(|s| s >= NEAR));
        assert_eq!(near("oral", "aral"), None);
        assert_eq!(near("askarbek", "askar"), None);
        assert_eq!(near("kostenai", "kostanai"), Some(0.875));
    }
}
