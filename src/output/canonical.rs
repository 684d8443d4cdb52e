//! The canonical form of the graph: its unique triples in the byte order of their N-Triples lines,
//! held as ids into a dictionary of terms ([`super::terms`]), and the SHA-256 of that form.
//!
//! The graph has no blank nodes, so its RDFC-1.0 canonical N-Quads are its unique lines sorted in
//! code point order: the bytes of `kzlg.nq` are the canonical form, and its hash is the SHA-256
//! of those bytes (the tests have sophia canonicalise the graph and compare, so that sophia stays
//! the referee).

use oxigraph::model::{NamedOrBlankNodeRef, TermRef, TripleRef};

use super::ntriples::Line;
use super::terms::{SortedTerms, Terms};
use crate::error::Result;
use crate::rdf::TripleSink;

/// Collects triples as three term ids each, to be sorted and deduplicated.
#[derive(Default)]
pub struct SortedTriples {
    terms: Terms,
    triples: Vec<[u32; 3]>,
    /// The subject of the last triple: rows send their node's triples one after the other.
    last_subject: Option<u32>,
}

impl TripleSink for SortedTriples {
    fn triple(&mut self, triple: TripleRef<'_>) {
        let subject = match (self.last_subject, triple.subject) {
            (Some(id), NamedOrBlankNodeRef::NamedNode(iri)) if self.terms.is_iri(id, iri.as_str()) => id,
            _ => self.terms.id(TermRef::from(triple.subject)),
        };
        self.last_subject = Some(subject);
        let predicate = self.terms.id(triple.predicate.into());
        let object = self.terms.id(triple.object);
        self.triples.push([subject, predicate, object]);
    }
}

impl SortedTriples {
    /// Renumbers the terms in byte order, sorts the id triples (the order of the lines, see
    /// [`super::terms`]) on every core, and drops duplicates.
    pub fn finish(self) -> Lines {
        use rayon::prelude::*;
        let (terms, renumber) = self.terms.into_sorted();
        let mut triples = self.triples;
        triples
            .par_iter_mut()
            .for_each(|triple| triple.iter_mut().for_each(|id| *id = renumber[*id as usize]));
        drop(renumber);
        triples.par_sort_unstable();
        triples.dedup();
        Lines { terms, triples }
    }
}

/// The graph's triples as sorted, unique N-Triples lines.
pub struct Lines {
    terms: SortedTerms,
    triples: Vec<[u32; 3]>,
}

impl Lines {
    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// The sorted, unique triples as term ids.
    pub(crate) fn triples(&self) -> &[[u32; 3]] {
        &self.triples
    }

    /// The N-Triples bytes of term `id`.
    pub(crate) fn term(&self, id: u32) -> &[u8] {
        self.terms.bytes(id)
    }

    /// Appends the line of `triple`, newline included.
    pub(crate) fn write_line(&self, [s, p, o]: [u32; 3], out: &mut Vec<u8>) {
        out.extend_from_slice(self.term(s));
        out.push(b' ');
        out.extend_from_slice(self.term(p));
        out.push(b' ');
        out.extend_from_slice(self.term(o));
        out.extend_from_slice(b" .\n");
    }

    /// The triple cut into its terms, as the Turtle and JSON-LD serializers and VoID take it.
    pub(crate) fn line(&self, [s, p, o]: [u32; 3]) -> Result<Line<'_>> {
        Line::from_terms(self.term(s), self.term(p), self.term(o))
    }

    /// The lines, newline included.
    pub fn iter(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        self.triples.iter().map(|&triple| {
            let mut line = Vec::new();
            self.write_line(triple, &mut line);
            line
        })
    }
}

/// SHA-256 of bytes fed in pieces: of `kzlg.nq`, which is its canonical form.
pub(crate) struct CanonicalHasher(ring::digest::Context);

impl CanonicalHasher {
    pub fn new() -> Self {
        Self(ring::digest::Context::new(&ring::digest::SHA256))
    }

    pub fn add(&mut self, canonical: &[u8]) {
        self.0.update(canonical);
    }

    pub fn finish(self) -> String {
        hex(self.0.finish().as_ref())
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use oxigraph::model::{LiteralRef, NamedNodeRef, Triple};
    use sophia_api::prelude::*;
    use sophia_inmem::dataset::LightDataset;

    /// Sophia's canonical N-Quads of a whole N-Quads document, in one go.
    pub fn whole_graph_canonical(nq: &[u8]) -> Vec<u8> {
        let dataset: LightDataset = sophia_turtle::parser::nq::parse_bufread(nq).collect_quads().unwrap();
        let mut canonical = Vec::new();
        sophia_c14n::rdfc10::normalize(&dataset, &mut canonical).unwrap();
        canonical
    }

    fn sha256(bytes: &[u8]) -> String {
        hex(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref())
    }

    /// The lines as kzlg wrote them before the dictionary: each triple's `Display` line, sorted
    /// as bytes, duplicates dropped.
    fn displayed_and_sorted(triples: &[Triple]) -> Vec<u8> {
        let mut lines: Vec<String> = triples.iter().map(|t| format!("{t} .\n")).collect();
        lines.sort_unstable();
        lines.dedup();
        lines.concat().into_bytes()
    }

    fn collected(triples: &[Triple]) -> Vec<u8> {
        let mut sink = SortedTriples::default();
        triples.iter().for_each(|t| sink.triple(t.as_ref()));
        sink.finish().iter().flatten().collect()
    }

    fn fixture() -> Vec<Triple> {
        let mut triples = Vec::new();
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        crate::load::load(&tables, &mut triples).unwrap();
        triples
    }

    #[test]
    fn the_sorted_lines_are_sophias_canonical_form_and_their_hash_its_hash() {
        let nq = collected(&fixture());
        let canonical = whole_graph_canonical(&nq);
        assert!(canonical == nq, "the sorted lines are not in canonical form");
        let mut hasher = CanonicalHasher::new();
        nq.chunks(100).for_each(|piece| hasher.add(piece));
        assert_eq!(hasher.finish(), sha256(&canonical));
    }

    #[test]
    fn sorting_ids_sorts_lines() {
        let mut triples = fixture();
        triples.extend(triples.clone().into_iter().rev().step_by(3));
        // Terms that are prefixes of others, in every position.
        let p = NamedNodeRef::new_unchecked(kzlg!("evidence"));
        let p_longer = NamedNodeRef::new_unchecked(&format!("{}x", kzlg!("evidence"))).into_owned();
        let integer = NamedNodeRef::new_unchecked(xsd!("integer"));
        let subjects = [
            "https://w3id.org/kzlg/id/unit/a",
            "https://w3id.org/kzlg/id/unit/a-b",
            "https://w3id.org/kzlg/id/unit/a/b",
        ];
        for subject in subjects.iter().rev() {
            let s = NamedNodeRef::new_unchecked(subject);
            for predicate in [p_longer.as_ref(), p] {
                for value in ["a b", "a", "", "a\"", "a\\b", "a\tb", "ab"] {
                    for object in [
                        LiteralRef::new_typed_literal(value, integer),
                        LiteralRef::new_language_tagged_literal_unchecked(value, "ru-kz"),
                        LiteralRef::new_language_tagged_literal_unchecked(value, "ru"),
                        LiteralRef::new_simple_literal(value),
                    ] {
                        triples.push(TripleRef::new(s, predicate, object).into_owned());
                    }
                }
                triples.push(TripleRef::new(s, predicate, s).into_owned());
            }
        }
        let expected = displayed_and_sorted(&triples);
        assert!(collected(&triples) == expected, "the id order is not the line order");
    }

    #[test]
    fn literals_that_need_escaping_stay_canonical() {
        let predicate = NamedNodeRef::new_unchecked(kzlg!("evidence"));
        let triples: Vec<Triple> = [
            "\"quoted\" and \\back\\",
            "line\nbreak\r",
            "tab\there",
            "bell\u{7} del\u{7f}",
            "Қазақстан «ә»",
        ]
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let subject = format!("https://w3id.org/kzlg/id/unit/x{i}");
            TripleRef::new(
                NamedNodeRef::new_unchecked(&subject),
                predicate,
                LiteralRef::new_simple_literal(value),
            )
            .into_owned()
        })
        .collect();
        let nq = collected(&triples);
        let canonical = whole_graph_canonical(&nq);
        assert_eq!(String::from_utf8(canonical).unwrap(), String::from_utf8(nq).unwrap());
    }
}
