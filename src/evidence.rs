//! Proving that every evidence quote is in its source, at or near the line the row gives.
//!
//! Quotes and sources are compared with all whitespace removed, so line breaks, hyphenless
//! wrapping and the letter-spaced headings of the scanned reports do not matter; every other
//! character must match exactly.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::load::{self, Site};
use crate::rdf::{Row, Value};
use crate::schema::Provenance;

/// How far (in lines) a quote may start from the line a row gives.
pub const NEAR: u64 = 3;

/// The outcome of checking every quote.
#[derive(Debug, Default)]
pub struct Report {
    /// Per source id: (quotes checked, quotes found).
    pub per_source: BTreeMap<String, (usize, usize)>,
    /// Rows whose source is a reference (no file to quote from).
    pub references: usize,
    /// Source id → the file of each document source.
    pub documents: BTreeMap<String, PathBuf>,
    /// Source id → the line where each found quote starts (as found, not as the row gives it).
    pub cited: BTreeMap<String, Vec<u64>>,
    /// One diagnostic per quote not found where the row says.
    pub problems: Vec<Diagnostic>,
}

impl Report {
    pub fn checked(&self) -> usize {
        self.per_source.values().map(|(checked, _)| checked).sum()
    }

    pub fn found(&self) -> usize {
        self.per_source.values().map(|(_, found)| found).sum()
    }
}

/// A quote to look for.
struct Quote {
    source: String,
    evidence: String,
    line: u64,
    at: Diagnostic,
}

/// The quotes of the rows, gathered while the tables are read (one row at a time, from the
/// loader's observer), to be checked against their sources afterwards.
#[derive(Default)]
pub struct Quotes {
    /// Source id → the file name of a document source.
    files: HashMap<String, String>,
    quotes: Vec<Quote>,
    references: usize,
}

impl Quotes {
    /// Takes in one checked row.
    pub fn observe(&mut self, row: &Row<'_>, site: &Site<'_>) {
        let source = match row.table.provenance {
            Provenance::SelfQuoted => {
                if crate::load::is_outside_document(row.text("kind")) {
                    return;
                }
                self.files
                    .insert(row.text("id").to_owned(), row.text("file").to_owned());
                row.text("id")
            }
            Provenance::Full => row.text("source"),
        };
        let (Some(Value::Text(evidence)), Some(Value::Line(line))) = (row.get("evidence"), row.get("line")) else {
            self.references += 1;
            return;
        };
        self.quotes.push(Quote {
            source: source.to_owned(),
            evidence: (*evidence).to_owned(),
            line: *line,
            at: Diagnostic::new(site.path, site.line, site.column("evidence"), ""),
        });
    }

    /// Looks for every quote in its source file under `sources`.
    pub fn check(self, sources: &Path) -> Result<Report> {
        let Quotes {
            files,
            quotes,
            references,
        } = self;
        let files: HashMap<String, PathBuf> = files.into_iter().map(|(id, file)| (id, sources.join(file))).collect();
        let mut report = Report {
            references,
            documents: files.iter().map(|(id, path)| (id.clone(), path.clone())).collect(),
            ..Report::default()
        };
        let mut texts: HashMap<&str, Normalized> = HashMap::new();
        for quote in &quotes {
            let Some(path) = files.get(&quote.source) else {
                // A reference source: its rows were counted above when they had no quote.
                report.references += 1;
                continue;
            };
            if !texts.contains_key(quote.source.as_str()) {
                let text = std::fs::read_to_string(path).map_err(Error::read(path))?;
                texts.insert(&quote.source, Normalized::new(&text));
            }
            let text = &texts[quote.source.as_str()];
            let tally = report.per_source.entry(quote.source.clone()).or_default();
            tally.0 += 1;
            match text.locate(&quote.evidence, quote.line) {
                Ok(start) => {
                    tally.1 += 1;
                    report.cited.entry(quote.source.clone()).or_default().push(start);
                }
                Err((message, hint)) => {
                    let mut d = quote.at.clone();
                    d.message = format!("evidence: {message} in {}: '{}'", path.display(), quote.evidence);
                    d.hint = hint;
                    report.problems.push(d);
                }
            }
        }
        Ok(report)
    }
}

/// Checks every quote of the tables in `tables` against the files in `sources`.
pub fn check(tables: &Path, sources: &Path) -> Result<Report> {
    let mut quotes = Quotes::default();
    load::observe(tables, &mut |row, site| quotes.observe(row, site))?;
    quotes.check(sources)
}

/// A source text with its whitespace removed, remembering the line of every byte.
struct Normalized {
    text: String,
    lines: Vec<u32>,
}

impl Normalized {
    fn new(source: &str) -> Self {
        let mut text = String::with_capacity(source.len());
        let mut lines = Vec::with_capacity(source.len());
        for (number, line) in source.split('\n').enumerate() {
            let number = u32::try_from(number + 1).unwrap_or(u32::MAX);
            for c in line.chars().filter(|c| !c.is_whitespace()) {
                text.push(c);
                lines.extend(std::iter::repeat_n(number, c.len_utf8()));
            }
        }
        Self { text, lines }
    }

    /// Finds `quote` starting within [`NEAR`] lines of `line` and gives the line where the
    /// nearest such match starts; explains what is wrong otherwise.
    fn locate(&self, quote: &str, line: u64) -> Result<u64, (String, Option<String>)> {
        let wanted: String = quote.chars().filter(|c| !c.is_whitespace()).collect();
        let starts: Vec<u64> = self
            .text
            .match_indices(&wanted)
            .map(|(i, _)| u64::from(self.lines[i]))
            .collect();
        let nearest = starts.iter().copied().min_by_key(|start| start.abs_diff(line));
        if let Some(start) = nearest.filter(|start| start.abs_diff(line) <= NEAR) {
            return Ok(start);
        }
        if let Some(nearest) = nearest {
            return Err((
                format!("quote found at line {nearest}, not near line {line}"),
                Some(format!("set line to {nearest}")),
            ));
        }
        Err(("quote not found".to_owned(), self.divergence(&wanted)))
    }

    /// Where the longest matching start of the quote stops matching the source.
    fn divergence(&self, wanted: &str) -> Option<String> {
        let boundaries: Vec<usize> = wanted.char_indices().map(|(i, _)| i).chain([wanted.len()]).collect();
        let (mut low, mut high) = (0, boundaries.len() - 1);
        while low < high {
            let mid = (low + high).div_ceil(2);
            if self.text.contains(&wanted[..boundaries[mid]]) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        let matched = &wanted[..boundaries[low]];
        if matched.chars().count() < 8 {
            return Some("no part of the quote matches; is the source right?".to_owned());
        }
        let at = self.text.find(matched)?;
        let tail: String = matched
            .chars()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let source_next: String = self.text[at + matched.len()..].chars().take(20).collect();
        let quote_next: String = wanted[matched.len()..].chars().take(20).collect();
        Some(format!(
            "the quote matches the source at line {} up to \"…{tail}\"; then the source has \"{source_next}…\" where the quote has \"{quote_next}…\" (whitespace removed)",
            self.lines[at]
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str =
        "first line\nT r a i n i n g  f o r\nthe seminar was held in\nPetropavlovsk in July\n\n\n\n\n\nlast line";

    #[test]
    fn whitespace_and_line_breaks_do_not_matter() {
        let text = Normalized::new(SOURCE);
        assert_eq!(text.locate("Training for", 2), Ok(2));
        assert_eq!(text.locate("held in Petropavlovsk", 3), Ok(3));
        assert_eq!(
            text.locate("held in Petropavlovsk", 5),
            Ok(3),
            "within three lines, found at 3"
        );
    }

    #[test]
    fn far_quotes_name_their_line() {
        let text = Normalized::new(SOURCE);
        let (message, hint) = text.locate("last line", 1).unwrap_err();
        assert_eq!(message, "quote found at line 10, not near line 1");
        assert_eq!(hint.unwrap(), "set line to 10");
    }

    #[test]
    fn missing_quotes_show_where_they_diverge() {
        let text = Normalized::new(SOURCE);
        let (message, hint) = text.locate("the seminar was held in Petropavlosk", 3).unwrap_err();
        assert_eq!(message, "quote not found");
        let hint = hint.unwrap();
        assert!(hint.contains("at line 3"), "{hint}");
        assert!(
            hint.contains("up to \"…rwasheldinPetropavlo\"; then the source has \"vskinJuly"),
            "{hint}"
        );
    }
}
