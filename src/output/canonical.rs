//! The canonical form of the graph: its unique triples in the byte order of their N-Triples lines,
//! held as ids into a dictionary of terms ([`super::terms`]), and the SHA-256 of that form.
//!
//! The graph has no blank nodes, so its RDFC-1.0 canonical N-Quads are its unique lines sorted in
//! code point order: the bytes of `kzlg.nq` are the canonical form, and its hash is the SHA-256
//! of those bytes (the tests have sophia canonicalise the graph and compare, so that sophia stays
//! the referee).

use oxigraph::model::{NamedOrBlankNodeRef, TermRef, TripleRef};

use super::ntriples::Chunk;
use super::terms::{SortedTerms, Terms, encode, hash};
use crate::rdf::TripleSink;

/// Collects triples as three term ids each, to be sorted and deduplicated.
///
/// The terms are interned on a thread of their own while the tables are read: the thread that
/// sends the triples only encodes and hashes their terms ([`super::terms::encode`]) into
/// batches, and the lookups, a quarter of that thread's time when it did them too, overlap with
/// it. The interning thread was the slowest of a build's load while it hashed the terms too.
#[derive(Default)]
pub struct SortedTriples {
    /// Encoded triples not yet passed on: per term its length (`u32`), hash (`u64`, both
    /// little-endian) and bytes, or [`SAME_SUBJECT`] for a subject equal to the one before.
    batch: Vec<u8>,
    /// The bytes of the last subject: rows send their node's triples one after the other.
    last_subject: Vec<u8>,
    interner: Option<Interner>,
}

/// Bytes of encoded triples per batch.
const BATCH: usize = 1 << 20;
/// The length that stands for "the subject of the triple before".
const SAME_SUBJECT: u32 = u32::MAX;

/// The thread that interns the batches, and the batches it hands back for reuse.
struct Interner {
    batches: std::sync::mpsc::SyncSender<Vec<u8>>,
    spare: std::sync::mpsc::Receiver<Vec<u8>>,
    thread: std::thread::JoinHandle<(Terms, Vec<[u32; 3]>)>,
}

impl Interner {
    fn start() -> Self {
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
        let (give_back, spare) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let (mut terms, mut triples) = (Terms::default(), Vec::new());
            // Per term of a batch: where its bytes start, their length and its hash.
            let mut found: Vec<(usize, u32, u64)> = Vec::new();
            let mut ids = Vec::new();
            let mut subject = 0;
            for mut batch in received {
                found.clear();
                let mut at = 0;
                while at < batch.len() {
                    let len = u32::from_le_bytes(batch[at..at + 4].try_into().expect("four bytes"));
                    at += 4;
                    if len == SAME_SUBJECT {
                        found.push((at, len, 0));
                        continue;
                    }
                    let hash = u64::from_le_bytes(batch[at..at + 8].try_into().expect("eight bytes"));
                    found.push((at + 8, len, hash));
                    at += 8 + len as usize;
                }
                // The ids, the same subject's as SAME_SUBJECT: no id is u32::MAX.
                ids.clear();
                ids.extend(found.iter().map(|&(start, len, hash)| match len {
                    SAME_SUBJECT => SAME_SUBJECT,
                    _ => terms.id(&batch[start..start + len as usize], hash),
                }));
                for triple in ids.chunks_exact(3) {
                    if triple[0] != SAME_SUBJECT {
                        subject = triple[0];
                    }
                    triples.push([subject, triple[1], triple[2]]);
                }
                batch.clear();
                let _ = give_back.send(batch);
            }
            (terms, triples)
        });
        Self { batches, spare, thread }
    }
}

impl TripleSink for SortedTriples {
    fn triple(&mut self, triple: TripleRef<'_>) {
        let same_subject = match triple.subject {
            NamedOrBlankNodeRef::NamedNode(iri) => {
                let last = &self.last_subject;
                last.len() == iri.as_str().len() + 2 && &last[1..last.len() - 1] == iri.as_str().as_bytes()
            }
            NamedOrBlankNodeRef::BlankNode(_) => false,
        };
        if same_subject {
            self.batch.extend_from_slice(&SAME_SUBJECT.to_le_bytes());
        } else {
            let subject = self.push_term(triple.subject.into());
            self.last_subject.clear();
            self.last_subject.extend_from_slice(&self.batch[subject]);
        }
        self.push_term(triple.predicate.into());
        self.push_term(triple.object);
        if self.batch.len() >= BATCH {
            self.pass_on();
        }
    }
}

impl SortedTriples {
    /// Appends `term` to the batch, encoded, after its length and hash; returns where its bytes are.
    fn push_term(&mut self, term: TermRef<'_>) -> std::ops::Range<usize> {
        let at = self.batch.len();
        self.batch.extend_from_slice(&[0; 12]);
        encode(term, &mut self.batch);
        let bytes = at + 12..self.batch.len();
        let (len, hash) = (bytes.len() as u32, hash(&self.batch[bytes.clone()]));
        self.batch[at..at + 4].copy_from_slice(&len.to_le_bytes());
        self.batch[at + 4..at + 12].copy_from_slice(&hash.to_le_bytes());
        bytes
    }

    /// Hands the batch to the interning thread (started on the first batch).
    fn pass_on(&mut self) {
        let interner = self.interner.get_or_insert_with(Interner::start);
        let spare = interner
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BATCH + 4096));
        let batch = std::mem::replace(&mut self.batch, spare);
        interner
            .batches
            .send(batch)
            .expect("the interning thread runs until it is told to stop");
    }

    /// Renumbers the terms in byte order, sorts the id triples (the order of the lines, see
    /// [`super::terms`]) on every core, and drops duplicates.
    pub fn finish(mut self) -> Lines {
        use rayon::prelude::*;
        self.pass_on();
        let Interner { batches, thread, .. } = self.interner.take().expect("started by pass_on");
        drop(batches);
        let (terms, mut triples) = thread.join().expect("the interning thread does not panic");
        let (terms, renumber) = terms.into_sorted();
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

    /// The N-Triples text of term `id`.
    pub(crate) fn term(&self, id: u32) -> &str {
        self.terms.text(id)
    }

    /// The lines of `triples` as one [`Chunk`].
    pub(crate) fn chunk(&self, triples: &[[u32; 3]]) -> Chunk {
        let mut chunk = Chunk::with_capacity(triples.len());
        for &[s, p, o] in triples {
            chunk.push(self.term(s), self.term(p), self.term(o));
        }
        chunk
    }

    /// The whole graph as N-Triples text, for readers that take it in one piece.
    pub fn text(&self) -> String {
        self.chunk(&self.triples).into_text()
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

    /// The triples of the good fixture, as a load sends them.
    pub fn fixture_triples() -> Vec<Triple> {
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let mut triples: Vec<Triple> = Vec::new();
        crate::load::load(&tables, &mut triples).unwrap();
        assert!(triples.len() > 100);
        triples
    }

    /// The sorted, unique lines of `triples` as one chunk, as the writers of `dist/` get them.
    pub fn chunk_of(triples: &[Triple]) -> Chunk {
        let mut sorted = SortedTriples::default();
        triples.iter().for_each(|t| sorted.triple(t.as_ref()));
        let lines = sorted.finish();
        lines.chunk(lines.triples())
    }

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
        sink.finish().text().into_bytes()
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
