//! Full text: every row's names, notes, quotes and other free text, ranked for a query by BM25.
//!
//! The tables are small (a few thousand rows), so the index is an in-memory map from each folded
//! word ([`super::words::stems`]) to the rows that hold it and how often; a query is scored
//! over it with the usual BM25 (k1 = 1.2, b = 0.75), a row's length being its words in all
//! fields. A query word the tables never use stands for the words one slip from it (`Tokaev`
//! finds `Tokayev`), weighted by their similarity, or failing those the words it begins. The
//! words are counted on the first search, so that a name lookup does not pay for them.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use super::words::{near, stems};
use crate::rdf::{Row, Value};
use crate::schema::Kind;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// How much a word one slip from a query word counts, times the similarity, against the word
/// itself; and a word the query word only begins.
const NEAR_WEIGHT: f64 = 0.6;
const PREFIX: f64 = 0.5;

/// One row, as full text.
#[derive(Debug)]
pub struct Doc {
    pub table: &'static str,
    pub kind: Kind,
    /// The line of the table's file the row starts on.
    pub line: u64,
    /// The row's id, or for rows without one (aliases, links) the entity it is about.
    pub row: String,
    /// Its free-text cells, in column order: (column, text).
    pub fields: Vec<(&'static str, String)>,
    pub source: String,
    /// The line of the source file its quote starts on.
    pub source_line: Option<u64>,
}

impl Doc {
    /// `statements.csv:42`
    pub fn at(&self) -> String {
        format!("{}.csv:{}", self.table, self.line)
    }
}

/// A row that holds words of the query.
#[derive(Debug)]
pub struct Hit<'a> {
    pub doc: &'a Doc,
    /// BM25, rounded to three decimals.
    pub score: f64,
    /// The folded words of the row that matched, sorted.
    pub matched: Vec<String>,
}

impl Hit<'_> {
    /// The field that holds most of the matched words, and a window of it around the first
    /// one: worked out when asked, for the hits that are shown.
    pub fn snippet(&self) -> (&'static str, String) {
        let matched: Vec<&str> = self.matched.iter().map(String::as_str).collect();
        snippet(self.doc, &matched)
    }
}

/// The rows, and the words they hold once counted.
#[derive(Debug, Default)]
pub struct Corpus {
    docs: Vec<Doc>,
    words: OnceLock<Words>,
}

/// Each word's rows and counts, every word sorted (for prefixes and near misses), and the
/// rows' lengths in words, for BM25's length normalisation.
#[derive(Debug, Default)]
struct Words {
    postings: HashMap<String, Vec<(u32, u32)>>,
    vocabulary: Vec<String>,
    lengths: Vec<u32>,
    average: f64,
}

impl Corpus {
    /// Takes in one row, starting on `line` of its table's file.
    pub fn add(&mut self, row: &Row<'_>, line: u64) {
        let mut fields: Vec<(&'static str, String)> = row
            .table
            .all_columns()
            .zip(&row.values)
            .filter_map(|(column, value)| match value {
                // The id is a slug of the name: counting it would count the name twice.
                Value::Text(text) if !text.is_empty() && column.name != "id" => Some((column.name, (*text).to_owned())),
                _ => None,
            })
            .collect();
        if let Some(relation) = row.relation() {
            fields.push(("relation", relation.label.to_owned()));
        }
        let id = ["id", "entity"].iter().map(|c| row.text(c)).find(|t| !t.is_empty());
        let source = match row.table.name {
            "sources" => row.text("id"),
            _ => row.text("source"),
        };
        self.docs.push(Doc {
            table: row.table.name,
            kind: row.table.kind,
            line,
            row: id.unwrap_or_default().to_owned(),
            fields,
            source: source.to_owned(),
            source_line: match row.get("line") {
                Some(Value::Line(n)) => Some(*n),
                _ => None,
            },
        });
    }

    fn words(&self) -> &Words {
        self.words.get_or_init(|| {
            let mut words = Words::default();
            let mut total = 0;
            for (i, doc) in self.docs.iter().enumerate() {
                let mut counts: BTreeMap<String, u32> = BTreeMap::new();
                for (_, text) in &doc.fields {
                    for stem in stems(text) {
                        *counts.entry(stem).or_default() += 1;
                    }
                }
                let length = counts.values().sum::<u32>();
                words.lengths.push(length);
                total += length;
                for (stem, count) in counts {
                    words.postings.entry(stem).or_default().push((i as u32, count));
                }
            }
            words.vocabulary = words.postings.keys().cloned().collect();
            words.vocabulary.sort();
            words.average = f64::from(total) / self.docs.len().max(1) as f64;
            words
        })
    }

    /// The rows that hold words of `query` and that `keep` keeps, best first; equal scores in
    /// the order of the tables.
    pub fn search(&self, query: &str, keep: impl Fn(&Doc) -> bool) -> Vec<Hit<'_>> {
        let words = self.words();
        let mut wanted = stems(query);
        wanted.sort();
        wanted.dedup();
        let n = self.docs.len() as f64;
        let mut scores: BTreeMap<u32, (f64, Vec<&str>)> = BTreeMap::new();
        for word in &wanted {
            for (term, weight) in words.expand(word) {
                let postings = &words.postings[term];
                let df = postings.len() as f64;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for &(doc, tf) in postings {
                    let length = f64::from(words.lengths[doc as usize]);
                    let tf = f64::from(tf);
                    let part = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / words.average));
                    let entry = scores.entry(doc).or_default();
                    entry.0 += weight * part;
                    entry.1.push(term);
                }
            }
        }
        let mut hits: Vec<Hit<'_>> = scores
            .into_iter()
            .filter(|(doc, _)| keep(&self.docs[*doc as usize]))
            .map(|(doc, (score, mut matched))| {
                matched.sort_unstable();
                matched.dedup();
                Hit {
                    doc: &self.docs[doc as usize],
                    score: (score * 1000.0).round() / 1000.0,
                    matched: matched.into_iter().map(str::to_owned).collect(),
                }
            })
            .collect();
        // The docs are in the order of the tables, which the map kept; a stable sort keeps it.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits
    }
}

impl Words {
    /// The words of the tables a query word stands for, with their weights: itself, and the
    /// words one slip from it (`tokaev`: `tokaiev`, as `Tokayev` folds), which count for less;
    /// failing both, the words it begins.
    fn expand(&self, wanted: &str) -> Vec<(&str, f64)> {
        let mut found: Vec<(&str, f64)> = Vec::new();
        if let Some((word, _)) = self.postings.get_key_value(wanted) {
            found.push((word.as_str(), 1.0));
        }
        let others = self.vocabulary.iter().filter(|word| *word != wanted);
        found.extend(others.filter_map(|word| near(wanted, word).map(|s| (word.as_str(), NEAR_WEIGHT * s))));
        if found.is_empty() && wanted.len() >= 3 {
            let start = self.vocabulary.partition_point(|w| w.as_str() < wanted);
            let begun = self.vocabulary[start..].iter().take_while(|w| w.starts_with(wanted));
            found.extend(begun.map(|w| (w.as_str(), PREFIX)));
        }
        found
    }
}

/// Characters of a snippet around its first matched word.
const BEFORE: usize = 40;
const LENGTH: usize = 140;

/// The field that holds most of the matched words (then most matches), and a window of it
/// around the first one.
fn snippet(doc: &Doc, matched: &[&str]) -> (&'static str, String) {
    let mut best: Option<((usize, usize), &'static str, &str, usize)> = None;
    for (column, text) in &doc.fields {
        let mut distinct: Vec<String> = Vec::new();
        let mut first = None;
        let mut count = 0;
        for (from, to) in word_spans(text) {
            for stem in stems(&text[from..to]) {
                if matched.contains(&stem.as_str()) {
                    first.get_or_insert(from);
                    count += 1;
                    if !distinct.contains(&stem) {
                        distinct.push(stem);
                    }
                }
            }
        }
        let rank = (distinct.len(), count);
        if let Some(first) = first.filter(|_| best.is_none_or(|(r, ..)| rank > r)) {
            best = Some((rank, column, text, first));
        }
    }
    let Some((_, column, text, first)) = best else {
        return ("", String::new());
    };
    (column, window(text, first))
}

/// The byte spans of the words of `text`: runs of letters, digits and apostrophes.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let in_word = c.is_alphanumeric() || matches!(c, '\'' | '’' | '`');
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                spans.push((from, i));
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// About [`LENGTH`] characters of `text` from [`BEFORE`] characters before the byte `at`, cut
/// at spaces, on one line, with an ellipsis where it was cut.
fn window(text: &str, at: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = chars.iter().position(|(i, _)| *i >= at).unwrap_or(0);
    let mut from = at.saturating_sub(BEFORE);
    while from > 0 && !chars[from - 1].1.is_whitespace() {
        from -= 1;
    }
    let mut to = (from + LENGTH).min(chars.len());
    while to < chars.len() && !chars[to].1.is_whitespace() {
        to += 1;
    }
    let body: String = chars[from..to].iter().map(|(_, c)| *c).collect();
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let open = if from > 0 { "…" } else { "" };
    let close = if to < chars.len() { "…" } else { "" };
    format!("{open}{body}{close}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_near_the_word_and_cut_at_spaces() {
        let text = format!("{} needle {}", "hay ".repeat(30), "straw ".repeat(50));
        let at = text.find("needle").unwrap();
        let cut = window(&text, at);
        assert!(
            cut.starts_with("…hay") && cut.contains("needle") && cut.ends_with('…'),
            "{cut}"
        );
        assert!(cut.chars().count() <= LENGTH + 10, "{cut}");
        assert_eq!(window("short text", 0), "short text");
    }

    #[test]
    fn words_keep_apostrophes_and_letters_of_every_script() {
        let text = "Akim’s office, Жамбыл-2";
        let words: Vec<&str> = word_spans(text).iter().map(|(a, b)| &text[*a..*b]).collect();
        assert_eq!(words, ["Akim’s", "office", "Жамбыл", "2"]);
    }
}
