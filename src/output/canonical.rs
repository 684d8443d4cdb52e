//! The canonical form of the graph: its triples as sorted, unique N-Triples lines in one arena,
//! and the RDFC-1.0 hash of that form.
//!
//! The graph has no blank nodes, so its canonical N-Quads are its unique lines sorted in code
//! point order; everything in `dist/` is written from that one sorted sequence.

use std::io::{self, Write};

use sophia_api::MownStr;
use sophia_api::dataset::{Dataset, SetDataset};
use sophia_api::quad::Spog;
use sophia_api::term::{IriRef, LanguageTag, SimpleTerm};

use oxigraph::model::TripleRef;

use super::ntriples::{self, Line, Object};
use crate::error::{Error, Result};
use crate::rdf::TripleSink;

/// Collects triples as N-Triples lines, to be sorted and deduplicated.
///
/// Lines are written into blocks of [`BLOCK`] bytes rather than one growing buffer, so that
/// growth never copies what is already written and memory is one copy of the graph.
#[derive(Default)]
pub struct SortedTriples {
    blocks: Vec<Vec<u8>>,
    spans: Vec<Span>,
}

/// Bytes per block of lines.
const BLOCK: usize = 1 << 26;

/// Where a line is: its block, its start in the block and its length, newline included.
#[derive(Clone, Copy)]
struct Span {
    block: u32,
    start: u32,
    len: u32,
}

impl TripleSink for SortedTriples {
    fn triple(&mut self, triple: TripleRef<'_>) {
        // A line longer than the room left grows its block: a cell holds at most 16 KiB.
        if self.blocks.last().is_none_or(|block| block.len() + 64 * 1024 > BLOCK) {
            self.blocks.push(Vec::with_capacity(BLOCK));
        }
        let block = self.blocks.len() - 1;
        let bytes = &mut self.blocks[block];
        let start = bytes.len();
        ntriples::encode(triple, bytes);
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.spans.push(Span {
            block: to_u32(block),
            start: to_u32(start),
            len: to_u32(bytes.len() - start),
        });
    }
}

impl SortedTriples {
    /// Sorts the lines in code point order (byte order of UTF-8), on every core, and drops
    /// duplicates.
    pub fn finish(mut self) -> Lines {
        use rayon::slice::ParallelSliceMut;
        let blocks = &self.blocks;
        let line = |span: &Span| line(blocks, *span);
        self.spans.par_sort_unstable_by(|a, b| line(a).cmp(line(b)));
        self.spans.dedup_by(|a, b| line(a) == line(b));
        Lines {
            blocks: self.blocks,
            spans: self.spans,
        }
    }
}

fn line(blocks: &[Vec<u8>], span: Span) -> &[u8] {
    let start = span.start as usize;
    &blocks[span.block as usize][start..start + span.len as usize]
}

/// The graph's triples as sorted, unique N-Triples lines.
pub struct Lines {
    blocks: Vec<Vec<u8>>,
    spans: Vec<Span>,
}

impl Lines {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.spans.iter().map(|span| line(&self.blocks, *span))
    }

    /// The lines in consecutive runs of at most `size`.
    pub(crate) fn chunks(&self, size: usize) -> impl Iterator<Item = impl Iterator<Item = &[u8]>> {
        self.spans
            .chunks(size)
            .map(|spans| spans.iter().map(|span| line(&self.blocks, *span)))
    }
}

/// The canonical hash: SHA-256 of the graph's RDFC-1.0 canonical N-Quads, computed with sophia.
///
/// Any consecutive run of the sorted lines is canonicalised on its own: sophia sees the graph
/// chunk by chunk, as terms borrowed from the lines, and memory stays bounded by a chunk.
pub(crate) struct CanonicalHasher(HashWriter);

impl CanonicalHasher {
    pub fn new() -> Self {
        Self(HashWriter(ring::digest::Context::new(&ring::digest::SHA256)))
    }

    /// Canonicalises a chunk of sorted lines [`SortedTriples`] wrote, and hashes the result.
    pub fn add(&mut self, lines: &[u8]) -> Result<()> {
        let text = std::str::from_utf8(lines).map_err(|e| Error::Internal(format!("non-UTF-8 output: {e}")))?;
        let lines = text.lines().map(Line::split).collect::<Result<Vec<_>>>()?;
        let quads = SophiaQuads(lines.iter().map(sophia_quad).collect());
        sophia_c14n::rdfc10::normalize(&quads, &mut self.0)
            .map_err(|e| Error::Internal(format!("sophia cannot canonicalise the graph: {e}")))
    }

    pub fn finish(self) -> String {
        hex(self.0.0.finish().as_ref())
    }
}

/// Unique quads, seen by sophia as a set (sorted unique lines make them unique).
struct SophiaQuads<'a>(Vec<Spog<SimpleTerm<'a>>>);

impl Dataset for SophiaQuads<'_> {
    type Quad<'x>
        = <Vec<Spog<SimpleTerm<'x>>> as Dataset>::Quad<'x>
    where
        Self: 'x;
    type Error = std::convert::Infallible;

    fn quads(&self) -> impl Iterator<Item = sophia_api::dataset::DResult<Self, Self::Quad<'_>>> + '_ {
        self.0.quads()
    }
}

impl SetDataset for SophiaQuads<'_> {}

/// A line as sophia terms, borrowed from it, for canonicalisation.
fn sophia_quad<'a>(line: &'a Line<'_>) -> Spog<SimpleTerm<'a>> {
    let iri = |text| SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from_ref(text)));
    let object = match &line.object {
        Object::Iri(object) => iri(object),
        Object::Literal {
            lexical,
            language: Some(language),
            ..
        } => SimpleTerm::LiteralLanguage(
            MownStr::from_ref(lexical),
            LanguageTag::new_unchecked(MownStr::from_ref(language)),
            None,
        ),
        Object::Literal { lexical, datatype, .. } => SimpleTerm::LiteralDatatype(
            MownStr::from_ref(lexical),
            IriRef::new_unchecked(MownStr::from_ref(datatype.unwrap_or(xsd!("string")))),
        ),
    };
    ([iri(line.subject), iri(line.predicate), object], None)
}

struct HashWriter(ring::digest::Context);

impl Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use oxigraph::model::{LiteralRef, NamedNodeRef};
    use sophia_api::prelude::*;
    use sophia_inmem::dataset::LightDataset;

    /// Sophia's canonical N-Quads of a whole N-Quads document, in one go.
    pub fn whole_graph_canonical(nq: &[u8]) -> Vec<u8> {
        let dataset: LightDataset = sophia_turtle::parser::nq::parse_bufread(nq).collect_quads().unwrap();
        let mut canonical = Vec::new();
        sophia_c14n::rdfc10::normalize(&dataset, &mut canonical).unwrap();
        canonical
    }

    /// The lines, and their hash taken in chunks of `size` lines.
    fn hashed_in_chunks(lines: &Lines, size: usize) -> (Vec<u8>, String) {
        let mut hasher = CanonicalHasher::new();
        for chunk in lines.chunks(size) {
            hasher.add(&chunk.flatten().copied().collect::<Vec<u8>>()).unwrap();
        }
        (lines.iter().flatten().copied().collect(), hasher.finish())
    }

    fn sha256(bytes: &[u8]) -> String {
        hex(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref())
    }

    #[test]
    fn sorted_lines_are_canonical_and_the_chunked_hash_is_the_whole_graph_hash() {
        let mut triples = SortedTriples::default();
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        crate::load::load(&tables, &mut triples).unwrap();
        let (nq, hash) = hashed_in_chunks(&triples.finish(), 7);
        let canonical = whole_graph_canonical(&nq);
        assert!(canonical == nq, "the sorted lines are not in canonical form");
        assert_eq!(hash, sha256(&canonical));
    }

    #[test]
    fn literals_that_need_escaping_stay_canonical() {
        let mut triples = SortedTriples::default();
        let predicate = NamedNodeRef::new_unchecked(kzlg!("evidence"));
        for (i, value) in [
            "\"quoted\" and \\back\\",
            "line\nbreak\r",
            "tab\there",
            "bell\u{7} del\u{7f}",
            "Қазақстан «ә»",
        ]
        .iter()
        .enumerate()
        {
            let subject = format!("https://w3id.org/kzlg/id/unit/x{i}");
            triples.triple(TripleRef::new(
                NamedNodeRef::new_unchecked(&subject),
                predicate,
                LiteralRef::new_simple_literal(value),
            ));
        }
        let (nq, hash) = hashed_in_chunks(&triples.finish(), 2);
        let canonical = whole_graph_canonical(&nq);
        assert_eq!(hash, sha256(&canonical));
        assert_eq!(String::from_utf8(canonical).unwrap(), String::from_utf8(nq).unwrap());
    }
}
