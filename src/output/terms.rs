//! The graph's terms, each stored once as its N-Triples bytes and named by a `u32` id, so that a
//! triple is three ids and sorting the graph compares integers instead of long lines.
//!
//! # Why sorting id triples sorts the lines
//!
//! Once the ids are renumbered in the byte order of the terms ([`Terms::into_sorted`]), sorting
//! `[subject, predicate, object]` id triples gives exactly the byte order of the lines
//! `S P O .\n`, and equal id triples are exactly equal lines. Two lines compare at the first byte
//! where they differ. If that byte lies inside the first differing term of both, the lines
//! compare as those terms do. Otherwise one term is a proper prefix of the other, and the shorter
//! is followed in its line by the space `0x20`, the longer by its next byte, so the lines compare
//! as the terms do if that byte is greater than a space. It always is:
//! - an IRI term `<…>` ends in `>`, which no IRI holds, so no IRI term is a prefix of another
//!   term (and a literal starts with `"`, an IRI with `<`);
//! - a literal `"…"` that is a prefix of another literal is followed there by `@` or `^` (its
//!   lexical form ends at the first unescaped `"`, so the longer one has the same lexical form
//!   and a language tag or datatype), and `"…"@tag` by the `-` of a longer tag (tags are letters,
//!   digits and `-`); `"…"^^<…>` ends in `>` like an IRI.
//!
//! The test `sorting_ids_sorts_lines` checks this on the fixture and on the awkward cases.

use std::hash::BuildHasher;

use oxigraph::model::vocab::xsd;
use oxigraph::model::{LiteralRef, TermRef};

use crate::slots::{self, Slots};

/// Bytes per block of term bytes: blocks are never moved once written, so growth copies nothing.
const BLOCK: usize = 1 << 24;

/// Where a term's bytes are: its block, its start in the block and its length.
#[derive(Clone, Copy)]
struct Span {
    block: u32,
    start: u32,
    len: u32,
}

impl Span {
    /// Where the term is in its block.
    fn range(self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }
}

/// Terms as N-Triples bytes, each stored once.
#[derive(Default)]
pub(crate) struct Terms {
    blocks: Vec<Vec<u8>>,
    spans: Vec<Span>,
    /// The ids, found by the hash of their bytes.
    slots: Slots,
}

/// The hash of a term's bytes by which [`Terms::id`] finds it: the same on every thread, so the
/// thread that encodes the terms hashes them too, and the interning thread only looks them up.
pub(crate) fn hash(term: &[u8]) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(term)
}

impl Terms {
    /// The id of the term whose N-Triples bytes ([`encode`]) are `term` and whose [`hash`] is
    /// `hash`, stored first if new.
    pub fn id(&mut self, term: &[u8], hash: u64) -> u32 {
        self.slots.reserve_one();
        let Self { blocks, spans, slots } = self;
        let tag = slots::tag(hash);
        let at = match slots.find(tag, |id| bytes(blocks, spans[id as usize]) == term) {
            Ok(id) => return id,
            Err(at) => at,
        };
        let id = u32::try_from(spans.len()).expect("fewer than 2^32 distinct terms");
        if blocks.last().is_none_or(|block| block.len() + term.len() > BLOCK) {
            blocks.push(Vec::with_capacity(BLOCK.max(term.len())));
        }
        let block = blocks.len() - 1;
        let start = blocks[block].len();
        blocks[block].extend_from_slice(term);
        spans.push(Span {
            block: block as u32,
            start: start as u32,
            len: term.len() as u32,
        });
        slots.insert_at(at, tag, id);
        id
    }

    #[cfg(test)]
    pub fn bytes(&self, id: u32) -> &[u8] {
        bytes(&self.blocks, self.spans[id as usize])
    }

    /// The terms renumbered in the byte order of their N-Triples form (see the module's doc),
    /// and, for each old id, its new one.
    ///
    /// The blocks are checked to be UTF-8 here, once and whole (fast on long runs of ASCII), so
    /// that the writers which read every line back as text need not check each term again.
    ///
    /// # Panics
    /// If a block is not UTF-8, which [`encode`] never writes.
    pub fn into_sorted(self) -> (SortedTerms, Vec<u32>) {
        use rayon::prelude::*;
        let Self { blocks, spans, .. } = self;
        let mut order: Vec<u32> = (0..spans.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| bytes(&blocks, spans[a as usize]).cmp(bytes(&blocks, spans[b as usize])));
        let mut renumber = vec![0u32; spans.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as u32;
        }
        let spans = order.iter().map(|&old| spans[old as usize]).collect();
        let blocks = blocks
            .into_par_iter()
            .map(|block| String::from_utf8(block).expect("encode writes UTF-8"))
            .collect();
        (SortedTerms { blocks, spans }, renumber)
    }
}

/// Terms whose ids are in the byte order of their N-Triples form, as text.
pub(crate) struct SortedTerms {
    blocks: Vec<String>,
    spans: Vec<Span>,
}

impl SortedTerms {
    /// The N-Triples text of term `id` (a term's span starts and ends on characters, since
    /// each was encoded from text).
    pub fn text(&self, id: u32) -> &str {
        let span = self.spans[id as usize];
        &self.blocks[span.block as usize][span.range()]
    }
}

fn bytes(blocks: &[Vec<u8>], span: Span) -> &[u8] {
    &blocks[span.block as usize][span.range()]
}

/// Appends `term` in N-Triples (the canonical form of RDFC-1.0), byte for byte as oxigraph's
/// `Display` writes it, without going through a formatter for the common case.
pub fn encode(term: TermRef<'_>, out: &mut Vec<u8>) {
    match term {
        TermRef::NamedNode(iri) => {
            out.push(b'<');
            out.extend_from_slice(iri.as_str().as_bytes());
            out.push(b'>');
        }
        TermRef::Literal(literal) => encode_literal(literal, out),
        other => {
            use std::io::Write;
            // Writing to a Vec cannot fail; kzlg writes neither blank nodes nor quoted triples.
            let _ = write!(out, "{other}");
        }
    }
}

fn encode_literal(literal: LiteralRef<'_>, out: &mut Vec<u8>) {
    let value = literal.value();
    if value.bytes().any(needs_escape) || value.contains(['\u{FFFE}', '\u{FFFF}']) {
        use std::io::Write;
        let _ = write!(out, "{}", LiteralRef::new_simple_literal(value));
    } else {
        out.push(b'"');
        out.extend_from_slice(value.as_bytes());
        out.push(b'"');
    }
    if let Some(language) = literal.language() {
        out.push(b'@');
        out.extend_from_slice(language.as_bytes());
    } else if literal.datatype() != xsd::STRING {
        out.extend_from_slice(b"^^<");
        out.extend_from_slice(literal.datatype().as_str().as_bytes());
        out.push(b'>');
    }
}

/// The bytes oxigraph escapes in a string: controls, `"`, `\` and DEL.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\' || byte == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNodeRef;

    fn awkward_terms() -> Vec<oxigraph::model::Term> {
        let integer = NamedNodeRef::new_unchecked(xsd!("integer"));
        let mut terms: Vec<oxigraph::model::Term> = vec![
            NamedNodeRef::new_unchecked("https://w3id.org/kzlg/id/unit/x").into(),
            NamedNodeRef::new_unchecked("https://w3id.org/kzlg/id/unit/x-y").into(),
            NamedNodeRef::new_unchecked("https://w3id.org/kzlg/id/unit/x/y").into(),
        ];
        for value in [
            "",
            "a",
            "a b",
            "a\"b",
            "a\\",
            "tab\there",
            "bell\u{7} del\u{7f}",
            "nonchar\u{FFFE}",
            "Қазақ «ә»",
        ] {
            terms.push(LiteralRef::new_simple_literal(value).into());
            terms.push(LiteralRef::new_language_tagged_literal_unchecked(value, "kk").into());
            terms.push(LiteralRef::new_language_tagged_literal_unchecked(value, "kk-cyrl").into());
            terms.push(LiteralRef::new_typed_literal(value, integer).into());
            terms.push(LiteralRef::new_typed_literal(value, NamedNodeRef::new_unchecked(xsd!("string"))).into());
        }
        terms
    }

    #[test]
    fn terms_are_encoded_as_oxigraph_displays_them() {
        for term in awkward_terms() {
            let mut bytes = Vec::new();
            encode(term.as_ref(), &mut bytes);
            assert_eq!(String::from_utf8(bytes).unwrap(), term.to_string());
        }
    }

    #[test]
    fn each_term_is_stored_once() {
        let mut terms = Terms::default();
        let all: Vec<Vec<u8>> = awkward_terms()
            .iter()
            .map(|t| {
                let mut bytes = Vec::new();
                encode(t.as_ref(), &mut bytes);
                bytes
            })
            .collect();
        let ids: Vec<u32> = all.iter().map(|t| terms.id(t, hash(t))).collect();
        let again: Vec<u32> = all.iter().map(|t| terms.id(t, hash(t))).collect();
        assert_eq!(ids, again);
        let distinct: std::collections::HashSet<&Vec<u8>> = all.iter().collect();
        assert_eq!(terms.spans.len(), distinct.len());
        assert_eq!(terms.bytes(ids[0]), b"<https://w3id.org/kzlg/id/unit/x>");
    }
}
