//! How well a query names one spelling of an entity: the tiers of a name match and their scores.
//!
//! From best to worst: the whole name after folding (1), the same words but for generic ones
//! (`Zhambyl` for `Jambyl Region`: 0.9, up to 0.95 when the query's generic words are the
//! name's too), some of the name's words (a surname inside a full name, a city inside a body's
//! name: 0.6 to 0.85, more when the query covers more of the name), words begun (a prefix), and
//! near misses (one slip in five letters). A prefix or near word scales the words' score down;
//! a near whole name scores 0.85 times its similarity. Every query word must be found for a
//! words match: `Zhambyl akim` is not a name of Jambyl Region.

use super::words::{Word, near, words};
use crate::resolve::key;

/// A name or a query, folded for comparing.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// The whole name's [`key`].
    pub key: String,
    /// Words that tell the entity apart, distinct, in order.
    core: Vec<String>,
    /// Words that say what kind of thing it is (`region`, `district`), distinct.
    generic: Vec<String>,
    /// A query of generic words only, looked for among every word of a name.
    generic_only: bool,
    /// The places of `core` then `generic` in the index's vocabulary (names only; see
    /// [`Keys::intern`]).
    ids: Vec<u32>,
    /// How often each letter occurs in the key (digits share six bins): half the difference of
    /// two counts bounds their edit distance from below, which rules out most names before
    /// comparing.
    letters: [u8; 32],
}

impl Keys {
    pub fn of(text: &str) -> Self {
        let mut keys = Keys {
            key: key(text),
            ..Keys::default()
        };
        for c in keys.key.bytes() {
            let slot = match c {
                b'a'..=b'z' => c - b'a',
                b'0'..=b'9' => (c - b'0') % 6 + 26,
                _ => continue,
            };
            keys.letters[usize::from(slot)] = keys.letters[usize::from(slot)].saturating_add(1);
        }
        for Word { stem, generic } in words(text) {
            let list = if generic { &mut keys.generic } else { &mut keys.core };
            if !list.contains(&stem) {
                list.push(stem);
            }
        }
        keys
    }

    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }

    /// Its words, core and generic.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.core.iter().chain(&self.generic).map(String::as_str)
    }

    /// Notes where each of its words stands in `vocabulary` (sorted, holding them all), so that
    /// a [`Query`] looks a word up by its place.
    pub fn intern(&mut self, vocabulary: &[String]) {
        let place = |word: &String| vocabulary.binary_search(word).expect("the vocabulary holds every word") as u32;
        self.ids = self.core.iter().chain(&self.generic).map(place).collect();
    }

    /// The keys of a query: one of generic words only (`region`, `city`) looks for them as
    /// core words.
    pub fn query(text: &str) -> Self {
        let mut keys = Keys::of(text);
        if keys.core.is_empty() {
            keys.core = std::mem::take(&mut keys.generic);
            keys.generic_only = true;
        }
        keys
    }
}

/// A query, with what each of its core words matches among the words the names use: worked
/// out once over that vocabulary, so that comparing it with a name is a lookup per word.
#[derive(Debug)]
pub struct Query {
    keys: Keys,
    /// For each core word of the query, by place in the vocabulary: whether it is that word,
    /// begins it or is near it, with the factor of the match (1 exact, 0.7 a prefix, 0.9 times
    /// the similarity near).
    words: Vec<Vec<Option<(f64, How)>>>,
}

impl Query {
    /// The query `text`, over `vocabulary`: every word of every name.
    pub fn new(text: &str, vocabulary: &[String]) -> Self {
        let keys = Keys::query(text);
        let words = keys
            .core
            .iter()
            .map(|wanted| {
                let matches = |word: &String| {
                    if word == wanted {
                        Some((1.0, How::Words))
                    } else if wanted.len() >= 3 && word.starts_with(wanted.as_str()) {
                        Some((0.7, How::Prefix))
                    } else {
                        near(wanted, word).map(|s| (0.9 * s, How::Near(s)))
                    }
                };
                vocabulary.iter().map(matches).collect()
            })
            .collect();
        Query { keys, words }
    }
}

/// How a query matched a name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum How {
    /// Every letter, after folding.
    Whole,
    /// The same words but for generic ones.
    SameWords,
    /// Every query word is a word of the name.
    Words,
    /// Every query word is a word of the name or begins one.
    Prefix,
    /// The name, or a word of it, is one slip away; with the similarity.
    Near(f64),
}

/// The longest query whose whole key is compared letter by letter with each name, for slips
/// across words (`Shal-Akin` / `Shalakyn`); a longer one meets its slips word by word, at a
/// fraction of the cost.
const WHOLE_NEAR: usize = 24;

/// How `query` matches `name`, with the score; `None` when it does not.
pub fn compare(query: &Query, name: &Keys) -> Option<(f64, How)> {
    let (matches, query) = (&query.words, &query.keys);
    if query.is_empty() || name.is_empty() {
        return None;
    }
    if query.key == name.key {
        return Some((1.0, How::Whole));
    }
    let agree = generic_agreement(query, name);
    let mut best = None;
    let mut consider = |score: f64, how: How| {
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, how));
        }
    };
    if !name.core.is_empty() && same_set(&query.core, &name.core) {
        consider(0.9 + 0.05 * agree, How::SameWords);
    }
    if let Some(similarity) = near_whole(query, name) {
        consider(0.85 * similarity, How::Near(similarity));
    }
    if let Some((factor, how, covered)) = word_matches(query, matches, name) {
        let coverage = covered as f64 / name.core.len().max(1) as f64;
        consider((0.6 + 0.2 * coverage.min(1.0) + 0.05 * agree) * factor, how);
    }
    best
}

/// The similarity of two whole keys when they are near and the query is short enough.
fn near_whole(query: &Keys, name: &Keys) -> Option<f64> {
    if query.key.len() > WHOLE_NEAR {
        return None;
    }
    let apart: usize = query
        .letters
        .iter()
        .zip(&name.letters)
        .map(|(a, b)| usize::from(a.abs_diff(*b)))
        .sum();
    let longest = query.key.len().max(name.key.len());
    if apart.div_ceil(2) * 5 > longest {
        return None;
    }
    near(&query.key, &name.key)
}

/// The share of the query's generic words that the name has too; 1 when it has none.
fn generic_agreement(query: &Keys, name: &Keys) -> f64 {
    if query.generic.is_empty() {
        return 1.0;
    }
    let shared = query.generic.iter().filter(|g| name.generic.contains(g)).count();
    shared as f64 / query.generic.len() as f64
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|w| b.contains(w))
}

/// Each query word's best word of the name: the worst of their factors (1 exact, 0.9 times the
/// similarity when near, 0.7 for a prefix), what that makes the match, and how many of the
/// name's words were found. `None` when a query word is not found. A query of generic words
/// only looks among the name's generic words too.
fn word_matches(query: &Keys, matches: &[Vec<Option<(f64, How)>>], name: &Keys) -> Option<(f64, How, usize)> {
    let pool = match query.generic_only {
        true => &name.ids[..],
        false => &name.ids[..name.core.len()],
    };
    if query.core.is_empty() || pool.is_empty() {
        return None;
    }
    let mut covered = vec![false; pool.len()];
    let (mut factor, mut how) = (1.0_f64, How::Words);
    for found in matches {
        let mut best: Option<(f64, How, usize)> = None;
        for (i, id) in pool.iter().enumerate() {
            if let Some((f, h)) = found[*id as usize].filter(|(f, _)| best.is_none_or(|(b, ..)| *f > b)) {
                best = Some((f, h, i));
            }
        }
        let (f, h, i) = best?;
        covered[i] = true;
        if f < factor {
            (factor, how) = (f, h);
        }
    }
    let core_covered = covered[..name.core.len().min(pool.len())]
        .iter()
        .filter(|c| **c)
        .count();
    Some((factor, how, core_covered))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(query: &str, name: &str) -> Option<(f64, How)> {
        let mut name = Keys::of(name);
        let mut vocabulary: Vec<String> = name.words().map(str::to_owned).collect();
        vocabulary.sort();
        vocabulary.dedup();
        name.intern(&vocabulary);
        compare(&Query::new(query, &vocabulary), &name)
    }

    #[test]
    fn tiers_rank_whole_names_first() {
        assert_eq!(score("Жамбыл облысы", "Zhambyl Oblysy"), Some((1.0, How::Whole)));
        let same = score("Zhambyl", "Jambyl Region").unwrap();
        assert_eq!(same.1, How::SameWords);
        let region = score("Zhambyl Region", "Jambyl Region").unwrap().0;
        let district = score("Zhambyl Region", "Zhambyl District").unwrap().0;
        assert!(region > district, "{region} {district}");
        let inside = score("Zhambyl", "Akim of Zhambyl District (North Kazakhstan Region)").unwrap();
        assert_eq!(inside.1, How::Words);
        assert!(inside.0 < district);
    }

    #[test]
    fn prefixes_and_near_misses_score_below_words() {
        let (prefix, how) = score("Askar", "Askarbek Mustafin").unwrap();
        assert_eq!(how, How::Prefix);
        let (near, how) = score("Tokaev", "Tokayev").unwrap();
        assert!(matches!(how, How::Near(s) if s > 0.85), "{how:?}");
        assert!(prefix < 0.6 && near < 0.85);
        assert_eq!(score("Askarbek", "Askar Nursha"), None);
        assert_eq!(score("Zhambyl akim", "Jambyl Region"), None);
    }

    #[test]
    fn generic_queries_find_generic_words() {
        assert_eq!(score("district", "Zhambyl District").map(|s| s.1), Some(How::Words));
    }
}
