//! The built graph as files: sorted N-Quads, Turtle, JSON-LD and its canonical hash.
//!
//! Triples are kept as encoded N-Triples lines in one arena and sorted once; this is the
//! canonical form of a graph without blank nodes, and everything else is written from it.
//! Files are written to temporary names first and renamed into place only when all are
//! complete, so a failed or interrupted build leaves the previous outputs as they were.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{Quad, TripleRef};
use oxjsonld::JsonLdSerializer;
use sophia::api::MownStr;
use sophia::api::dataset::{Dataset, SetDataset};
use sophia::api::quad::Spog;
use sophia::api::term::{IriRef, LanguageTag, SimpleTerm};

use crate::error::{Error, Result};
use crate::rdf::TripleSink;
use crate::vocab::PREFIXES;

/// Collects triples as N-Triples lines, to be sorted and deduplicated.
#[derive(Default)]
pub struct SortedTriples {
    arena: Vec<u8>,
    /// (start, length) of each line in `arena`, newline included.
    spans: Vec<(usize, usize)>,
}

impl TripleSink for SortedTriples {
    fn triple(&mut self, triple: TripleRef<'_>) {
        let start = self.arena.len();
        // Writing to a Vec cannot fail.
        let _ = writeln!(self.arena, "{triple} .");
        self.spans.push((start, self.arena.len() - start));
    }
}

impl SortedTriples {
    /// Sorts the lines in code point order (byte order of UTF-8) and drops duplicates.
    pub fn finish(mut self) -> Lines {
        let arena = &self.arena;
        let line = |&(start, len): &(usize, usize)| &arena[start..start + len];
        self.spans.sort_unstable_by(|a, b| line(a).cmp(line(b)));
        self.spans.dedup_by(|a, b| line(a) == line(b));
        Lines {
            arena: self.arena,
            spans: self.spans,
        }
    }
}

/// The graph's triples as sorted, unique N-Triples lines.
pub struct Lines {
    arena: Vec<u8>,
    spans: Vec<(usize, usize)>,
}

impl Lines {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.spans.iter().map(|&(start, len)| &self.arena[start..start + len])
    }

    /// The lines in consecutive runs of at most `size`.
    fn chunks(&self, size: usize) -> impl Iterator<Item = impl Iterator<Item = &[u8]>> {
        self.spans
            .chunks(size)
            .map(|spans| spans.iter().map(|&(start, len)| &self.arena[start..start + len]))
    }
}

/// Lines parsed and written together; the unit of work shared between the writer and the hasher.
const CHUNK_LINES: usize = 4096;

/// The canonical hash: SHA-256 of the graph's RDFC-1.0 canonical N-Quads, computed with sophia.
///
/// The graph has no blank nodes, so its canonical form is its unique quads sorted in code point
/// order, and any consecutive run of the sorted lines is canonicalised on its own: sophia sees
/// the graph chunk by chunk, as terms borrowed from the lines, and memory stays bounded by a chunk.
struct CanonicalHasher(HashWriter);

impl CanonicalHasher {
    fn new() -> Self {
        Self(HashWriter(ring::digest::Context::new(&ring::digest::SHA256)))
    }

    /// Canonicalises a chunk of sorted N-Triples lines this module wrote, and hashes the result.
    fn add(&mut self, lines: &[u8]) -> Result<()> {
        let text = std::str::from_utf8(lines).map_err(|e| Error::Internal(format!("non-UTF-8 output: {e}")))?;
        let quads = text.lines().map(sophia_quad).collect::<Result<Vec<_>>>()?;
        sophia::c14n::rdfc10::normalize(&SophiaQuads(quads), &mut self.0)
            .map_err(|e| Error::Internal(format!("sophia cannot canonicalise the graph: {e}")))
    }

    fn finish(self) -> String {
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

    fn quads(&self) -> impl Iterator<Item = sophia::api::dataset::DResult<Self, Self::Quad<'_>>> + '_ {
        self.0.quads()
    }
}

impl SetDataset for SophiaQuads<'_> {}

/// One line this module wrote (`<s> <p> <o> .` or `<s> <p> "literal"… .`) as sophia terms
/// borrowing from it. The writer never emits blank nodes, and IRIs are never escaped.
fn sophia_quad(line: &str) -> Result<Spog<SimpleTerm<'_>>> {
    let malformed = || Error::Internal(format!("not a line kzlg writes: {line}"));
    fn iri(text: &str) -> Option<SimpleTerm<'_>> {
        let inner = text.strip_prefix('<')?.strip_suffix('>')?;
        Some(SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from_ref(inner))))
    }
    let body = line.strip_suffix(" .").ok_or_else(malformed)?;
    let (subject, rest) = body.split_once(' ').ok_or_else(malformed)?;
    let (predicate, object) = rest.split_once(' ').ok_or_else(malformed)?;
    let object = if object.starts_with('<') {
        iri(object).ok_or_else(malformed)?
    } else {
        let close = object.rfind('"').filter(|&i| i > 0).ok_or_else(malformed)?;
        let lexical = unescape(&object[1..close]);
        match &object[close + 1..] {
            "" => SimpleTerm::LiteralDatatype(lexical, IriRef::new_unchecked(MownStr::from_ref(xsd!("string")))),
            suffix => match (suffix.strip_prefix('@'), suffix.strip_prefix("^^")) {
                (Some(lang), _) => {
                    SimpleTerm::LiteralLanguage(lexical, LanguageTag::new_unchecked(MownStr::from_ref(lang)), None)
                }
                (_, Some(datatype)) => match iri(datatype).ok_or_else(malformed)? {
                    SimpleTerm::Iri(datatype) => SimpleTerm::LiteralDatatype(lexical, datatype),
                    _ => return Err(malformed()),
                },
                _ => return Err(malformed()),
            },
        }
    };
    let (subject, predicate) = (
        iri(subject).ok_or_else(malformed)?,
        iri(predicate).ok_or_else(malformed)?,
    );
    Ok(([subject, predicate, object], None))
}

/// The lexical form of an N-Triples string: borrowed unless it has escapes.
fn unescape(escaped: &str) -> MownStr<'_> {
    if !escaped.contains('\\') {
        return MownStr::from_ref(escaped);
    }
    let mut out = String::with_capacity(escaped.len());
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('b') => out.push('\u{8}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some(digits @ ('u' | 'U')) => {
                let hex: String = chars.by_ref().take(if digits == 'u' { 4 } else { 8 }).collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    MownStr::from(out)
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

/// Which files besides `kzlg.nq` and `kzlg.sha256` a build writes.
#[derive(Debug, Clone, Copy)]
pub struct Formats {
    pub turtle: bool,
    pub jsonld: bool,
}

impl Formats {
    pub const ALL: Formats = Formats {
        turtle: true,
        jsonld: true,
    };

    /// The file names written, in order.
    pub fn files(self) -> Vec<&'static str> {
        let mut files = vec!["kzlg.nq"];
        files.extend(self.turtle.then_some("kzlg.ttl"));
        files.extend(self.jsonld.then_some("kzlg.jsonld"));
        files.push("kzlg.sha256");
        files.push("void.ttl");
        files
    }
}

/// Writes the graph into `out` as N-Quads, the canonical hash, its VoID description, and Turtle
/// and JSON-LD as asked, atomically. Returns the hash.
///
/// One pass over the sorted lines, chunk by chunk: each chunk is written as N-Quads and handed to
/// a second thread that canonicalises it with sophia for the hash; when Turtle or JSON-LD is
/// asked for, the chunk is also parsed here and its quads go to their serializers.
pub fn write_all(lines: Lines, out: &Path, formats: Formats) -> Result<String> {
    std::fs::create_dir_all(out).map_err(Error::write(out))?;
    let staged = Staged::new(out);
    let create = |path: &Path| {
        File::create(path)
            .map(|f| BufWriter::with_capacity(1 << 16, f))
            .map_err(Error::write(path))
    };
    let nq_path = staged.temp("kzlg.nq");
    let mut nq = create(&nq_path)?;
    let mut turtle = match formats.turtle {
        true => {
            let path = staged.temp("kzlg.ttl");
            let serializer = PREFIXES
                .iter()
                .try_fold(RdfSerializer::from_format(RdfFormat::Turtle), |s, (p, ns)| {
                    s.with_prefix(*p, *ns).map_err(|e| Error::Internal(e.to_string()))
                })?;
            Some((serializer.for_writer(create(&path)?), path))
        }
        false => None,
    };
    let mut json = match formats.jsonld {
        true => {
            let path = staged.temp("kzlg.jsonld");
            let serializer = PREFIXES.iter().try_fold(JsonLdSerializer::new(), |s, (p, ns)| {
                s.with_prefix(*p, *ns).map_err(|e| Error::Internal(e.to_string()))
            })?;
            Some((serializer.for_writer(create(&path)?), path))
        }
        false => None,
    };
    let hash = std::thread::scope(|scope| -> Result<String> {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
        let hasher = scope.spawn(move || -> Result<String> {
            let mut hasher = CanonicalHasher::new();
            for chunk in receive {
                hasher.add(&chunk)?;
            }
            Ok(hasher.finish())
        });
        for chunk in lines.chunks(CHUNK_LINES) {
            let mut buffer = Vec::new();
            chunk.for_each(|line| buffer.extend_from_slice(line));
            nq.write_all(&buffer).map_err(Error::write(&nq_path))?;
            if turtle.is_some() || json.is_some() {
                for quad in &parse_own_nquads(&buffer)? {
                    if let Some((serializer, path)) = &mut turtle {
                        serializer.serialize_quad(quad).map_err(Error::write(&*path))?;
                    }
                    if let Some((serializer, path)) = &mut json {
                        serializer.serialize_quad(quad).map_err(Error::write(&*path))?;
                    }
                }
            }
            if send.send(buffer).is_err() {
                break; // the hasher stopped on an error, which join() returns
            }
        }
        drop(send);
        hasher
            .join()
            .map_err(|_| Error::Internal("the hashing thread panicked".to_owned()))?
    })?;
    finish(nq, &nq_path)?;
    if let Some((serializer, path)) = turtle {
        finish(serializer.finish().map_err(Error::write(&path))?, &path)?;
    }
    if let Some((serializer, path)) = json {
        finish(serializer.finish().map_err(Error::write(&path))?, &path)?;
    }
    write_file(&staged.temp("kzlg.sha256"), |w| writeln!(w, "{hash}  kzlg.nq"))?;
    write_file(&staged.temp("void.ttl"), |w| crate::void::write(&lines, w))?;
    staged.commit()?;
    Ok(hash)
}

/// Parses N-Quads this module wrote itself: a failure is a bug, not bad input.
fn parse_own_nquads(bytes: &[u8]) -> Result<Vec<Quad>> {
    RdfParser::from_format(RdfFormat::NQuads)
        .lenient()
        .for_slice(bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::Internal(format!("cannot read back the graph's own N-Quads: {e}")))
}

fn finish(mut writer: BufWriter<File>, path: &Path) -> Result<()> {
    writer.flush().map_err(Error::write(path))?;
    writer.get_ref().sync_all().map_err(Error::write(path))
}

/// Writes one file completely through `body`, flushing and syncing it.
pub fn write_file(path: &Path, body: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>) -> Result<()> {
    let mut writer = BufWriter::with_capacity(1 << 16, File::create(path).map_err(Error::write(path))?);
    body(&mut writer).map_err(Error::write(path))?;
    finish(writer, path)
}

/// Output files written under temporary names in the output folder, renamed into place together.
/// Dropped without [`Staged::commit`], it removes what it wrote.
pub struct Staged {
    dir: PathBuf,
    names: std::cell::RefCell<Vec<String>>,
}

impl Staged {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            names: Default::default(),
        }
    }

    /// The temporary path for the output `name`.
    pub fn temp(&self, name: &str) -> PathBuf {
        self.names.borrow_mut().push(name.to_owned());
        self.dir.join(format!(".{name}.{}.tmp", std::process::id()))
    }

    /// Renames every temporary file to its final name.
    pub fn commit(self) -> Result<()> {
        for name in self.names.borrow().iter() {
            let temp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
            let target = self.dir.join(name);
            std::fs::rename(&temp, &target).map_err(Error::write(&target))?;
        }
        self.names.borrow_mut().clear();
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for name in self.names.borrow().iter() {
            let _ = std::fs::remove_file(self.dir.join(format!(".{name}.{}.tmp", std::process::id())));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{LiteralRef, NamedNodeRef};
    use sophia::api::prelude::*;
    use sophia::inmem::dataset::LightDataset;

    /// Sophia's canonical N-Quads of a whole N-Quads document, in one go.
    fn whole_graph_canonical(nq: &[u8]) -> Vec<u8> {
        let dataset: LightDataset = sophia::turtle::parser::nq::parse_bufread(nq).collect_quads().unwrap();
        let mut canonical = Vec::new();
        sophia::c14n::rdfc10::normalize(&dataset, &mut canonical).unwrap();
        canonical
    }

    fn build(triples: SortedTriples) -> (Vec<u8>, String) {
        let out = tempfile::tempdir().unwrap();
        let hash = write_all(triples.finish(), out.path(), Formats::ALL).unwrap();
        (std::fs::read(out.path().join("kzlg.nq")).unwrap(), hash)
    }

    #[test]
    fn the_chunked_hash_is_the_whole_graph_rdfc_hash_and_the_n_quads_are_canonical() {
        let mut triples = SortedTriples::default();
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        crate::load::load(&tables, &mut triples).unwrap();
        let (nq, hash) = build(triples);
        let canonical = whole_graph_canonical(&nq);
        assert!(canonical == nq, "kzlg.nq is not in canonical form");
        assert_eq!(
            hash,
            hex(ring::digest::digest(&ring::digest::SHA256, &canonical).as_ref())
        );
    }

    #[test]
    fn literals_that_need_escaping_stay_canonical() {
        let mut triples = SortedTriples::default();
        let subject = NamedNodeRef::new_unchecked("https://w3id.org/kzlg/id/unit/x");
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
            let subject = NamedNodeRef::new_unchecked(&format!("{}{i}", subject.as_str())).into_owned();
            triples.triple(TripleRef::new(
                subject.as_ref(),
                predicate,
                LiteralRef::new_simple_literal(value),
            ));
        }
        let (nq, hash) = build(triples);
        let canonical = whole_graph_canonical(&nq);
        assert_eq!(
            hash,
            hex(ring::digest::digest(&ring::digest::SHA256, &canonical).as_ref())
        );
        assert_eq!(String::from_utf8(canonical).unwrap(), String::from_utf8(nq).unwrap());
    }
}
