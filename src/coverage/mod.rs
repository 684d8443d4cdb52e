//! Which paragraphs of the source documents no row cites.
//!
//! A row cites the paragraph holding the line where its quote starts, as the evidence check
//! finds it. The sources are of two kinds, and a paragraph is found in three steps:
//!
//! 1. **Blocks.** A *wrapped* text (the scanned reports) breaks its paragraphs into short lines
//!    and separates them by blank (or whitespace-only) lines: a block is a run of non-blank
//!    lines. An *unwrapped* text (at least half of its non-blank lines longer than
//!    [`UNWRAPPED_CHARS`] characters) holds a paragraph per line: a block is a line. In both,
//!    a bulleted line (`•`, `❖`, `-`, the scans' `v`, …) starts a block of its own.
//! 2. **Run-ons.** A block that is not a bullet continues the block before it when that one
//!    ends with a colon (it introduces the list that follows), ends with a word broken by a
//!    hyphen, or stops mid-sentence while this one starts with a lower-case letter (a page
//!    break or a picture in the middle of a sentence, or an unmarked list).
//! 3. **Labels.** A heading, caption or attribution — a block that is not a bullet, of at most
//!    [`LABEL_CHARS`] characters (whitespace aside) and not ending a sentence — belongs to the
//!    paragraph after it. Several labels in a row (a form, a table, a group of captions) make a
//!    paragraph of their own, but for the last, which heads the paragraph after them. Labels at
//!    the end of the text belong to the paragraph before them.
//!
//! Paragraphs that hold no fact (form fields, a bare section heading) are not skipped by a rule
//! but listed, each with its reason, in the exempt list ([`Exempt`]); at most a tenth of a
//! source's paragraphs may be.

mod paragraphs;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use paragraphs::{LABEL_CHARS, OPENING_CHARS, Paragraph, UNWRAPPED_CHARS, paragraphs};

use crate::error::{Diagnostic, Error, Result, plural};
use crate::evidence;

/// The header of the exempt list.
const EXEMPT_HEADER: [&str; 3] = ["source", "line", "reason"];

/// One row of the exempt list: a paragraph that holds no fact, and why.
#[derive(Debug, Clone)]
pub struct Exempt {
    pub source: String,
    /// The paragraph's first line.
    pub line: u64,
    pub reason: String,
    /// The line of the row in the exempt list.
    row: u64,
}

/// Reads the exempt list; a malformed row is a diagnostic (all of them are collected).
pub fn read_exempt(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<Exempt>> {
    let text = std::fs::read_to_string(path).map_err(Error::read(path))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
        let row = record.position().map_or(i as u64 + 1, csv::Position::line);
        let at = |column: usize, message: String| Diagnostic::new(path, row, Some(column), message);
        let fields: Vec<&str> = record.iter().collect();
        if i == 0 {
            if fields != EXEMPT_HEADER {
                diagnostics.push(
                    at(1, format!("header '{}' is not source,line,reason", fields.join(",")))
                        .with_hint("the first row names the columns: source,line,reason"),
                );
            }
            continue;
        }
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let [source, line, reason] = fields[..] else {
            diagnostics
                .push(at(1, format!("{} fields, expected 3", fields.len())).with_hint("write source,line,reason"));
            continue;
        };
        let Some(line) = line.trim().parse::<u64>().ok().filter(|n| *n > 0) else {
            diagnostics.push(
                at(2, format!("line: '{line}' is not a line number"))
                    .with_hint("the first line of the paragraph in the source file, counting from 1"),
            );
            continue;
        };
        if reason.trim().is_empty() {
            diagnostics
                .push(at(3, "reason: empty".to_owned()).with_hint("say in words why the paragraph holds no fact"));
            continue;
        }
        rows.push(Exempt {
            source: source.trim().to_owned(),
            line,
            reason: reason.trim().to_owned(),
            row,
        });
    }
    Ok(rows)
}

/// The coverage of one source document.
#[derive(Debug)]
pub struct Coverage {
    pub source: String,
    pub paragraphs: usize,
    pub exempt: usize,
    /// Fact-bearing paragraphs (not exempt) that some row cites.
    pub cited: usize,
    /// Fact-bearing paragraphs that no row cites, in order.
    pub uncovered: Vec<Paragraph>,
}

/// `part` of `whole` in percent; 100 of nothing.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// The coverage of every source document, by source id.
#[derive(Debug, Default)]
pub struct Report {
    pub sources: Vec<Coverage>,
    /// Quotes that the evidence check did not find where their rows say: they cite nothing.
    pub unfound: usize,
}

/// Measures how much of each source document the tables in `tables` cite, with the paragraphs
/// listed in the exempt list at `exempt` set aside.
pub fn measure(tables: &Path, sources: &Path, exempt: &Path) -> Result<Report> {
    let evidence = evidence::check(tables, sources)?;
    let mut diagnostics = Vec::new();
    let exempt_rows = read_exempt(exempt, &mut diagnostics)?;
    let mut report = Report {
        unfound: evidence.problems.len(),
        ..Report::default()
    };
    let mut by_source: BTreeMap<&str, Vec<&Exempt>> = BTreeMap::new();
    for row in &exempt_rows {
        if evidence.documents.contains_key(&row.source) {
            by_source.entry(&row.source).or_default().push(row);
        } else {
            let known: Vec<&str> = evidence.documents.keys().map(String::as_str).collect();
            diagnostics.push(
                Diagnostic::new(
                    exempt,
                    row.row,
                    Some(1),
                    format!("source: unknown document '{}'", row.source),
                )
                .with_hint(format!("a source of sources.csv with a file: {}", known.join(", "))),
            );
        }
    }
    for (source, path) in &evidence.documents {
        let text = std::fs::read_to_string(path).map_err(Error::read(path))?;
        let rows = by_source.get(source.as_str()).map_or(&[][..], Vec::as_slice);
        let cited = evidence.cited.get(source).map_or(&[][..], Vec::as_slice);
        report.sources.push(cover(
            source,
            path,
            &paragraphs(&text),
            cited,
            rows,
            exempt,
            &mut diagnostics,
        ));
    }
    if diagnostics.is_empty() {
        Ok(report)
    } else {
        diagnostics.sort();
        Err(Error::Invalid(diagnostics))
    }
}

/// The coverage of one source by the quote lines `cited`, checking its exempt rows.
fn cover(
    source: &str,
    path: &Path,
    paragraphs: &[Paragraph],
    cited: &[u64],
    exempt_rows: &[&Exempt],
    exempt: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Coverage {
    let holding = |line: u64| paragraphs.partition_point(|p| p.first <= line).checked_sub(1);
    let cited: BTreeMap<usize, usize> =
        cited
            .iter()
            .filter_map(|line| holding(*line))
            .fold(BTreeMap::new(), |mut counts, i| {
                *counts.entry(i).or_default() += 1;
                counts
            });
    let mut exempted: BTreeMap<usize, u64> = BTreeMap::new();
    for row in exempt_rows {
        let at = |column: usize, message: String| Diagnostic::new(exempt, row.row, Some(column), message);
        let Some(i) = holding(row.line).filter(|i| paragraphs[*i].first == row.line) else {
            let hint = match holding(row.line).map(|i| &paragraphs[i]) {
                Some(p) if row.line <= p.last => {
                    format!("the paragraph holding line {} starts at line {}", row.line, p.first)
                }
                _ => format!("no paragraph holds line {} of {}", row.line, path.display()),
            };
            diagnostics.push(at(2, format!("line: {} starts no paragraph of {source}", row.line)).with_hint(hint));
            continue;
        };
        if let Some(n) = cited.get(&i) {
            diagnostics.push(
                at(
                    2,
                    format!(
                        "line: the paragraph of {source} at line {} is cited by {}",
                        row.line,
                        plural(*n, "quote")
                    ),
                )
                .with_hint("a paragraph that a row cites holds a fact: remove it from the list"),
            );
        } else if let Some(first) = exempted.insert(i, row.row) {
            diagnostics.push(
                at(2, format!("line: {} of {source} is listed twice", row.line))
                    .with_hint(format!("it is already listed at line {first}")),
            );
        }
    }
    let allowed = paragraphs.len() / 10;
    if exempted.len() > allowed {
        let row = exempted
            .values()
            .copied()
            .collect::<BTreeSet<u64>>()
            .into_iter()
            .nth(allowed)
            .unwrap_or(1);
        diagnostics.push(
            Diagnostic::new(
                exempt,
                row,
                Some(1),
                format!(
                    "source: {} of the {} paragraphs of {source} are exempt; at most a tenth ({allowed}) may be",
                    exempted.len(),
                    paragraphs.len()
                ),
            )
            .with_hint("list only paragraphs that hold no fact; cite the others"),
        );
    }
    let uncovered: Vec<Paragraph> = (0..paragraphs.len())
        .filter(|i| !cited.contains_key(i) && !exempted.contains_key(i))
        .map(|i| paragraphs[i].clone())
        .collect();
    Coverage {
        source: source.to_owned(),
        paragraphs: paragraphs.len(),
        exempt: exempted.len(),
        cited: paragraphs.len() - exempted.len() - uncovered.len(),
        uncovered,
    }
}
