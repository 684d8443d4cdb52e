//! The built graph as files: sorted N-Quads, Turtle, JSON-LD and its canonical hash.
//!
//! Triples are kept as encoded N-Triples lines in one arena and sorted once; this is the
//! canonical form of a graph without blank nodes, and everything else is written from it.
//! Files are written to temporary names first and renamed into place only when all are
//! complete, so a failed or interrupted build leaves the previous outputs as they were.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, LiteralRef, NamedNodeRef, TermRef, TripleRef};
use oxjsonld::JsonLdSerializer;
use sophia::api::MownStr;
use sophia::api::dataset::{Dataset, SetDataset};
use sophia::api::quad::Spog;
use sophia::api::term::{IriRef, LanguageTag, SimpleTerm};

use crate::error::{Error, Result};
use crate::rdf::TripleSink;
use crate::vocab::PREFIXES;

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
        // Writing to a Vec cannot fail.
        let _ = writeln!(bytes, "{triple} .");
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
    fn chunks(&self, size: usize) -> impl Iterator<Item = impl Iterator<Item = &[u8]>> {
        self.spans
            .chunks(size)
            .map(|spans| spans.iter().map(|span| line(&self.blocks, *span)))
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
        let lines = text.lines().map(Line::split).collect::<Result<Vec<_>>>()?;
        let quads = SophiaQuads(lines.iter().map(Line::sophia).collect());
        sophia::c14n::rdfc10::normalize(&quads, &mut self.0)
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

/// One line this module wrote, cut into its terms without copying: `<s> <p> <o> .` or
/// `<s> <p> "lexical"@lang .` / `"lexical"^^<datatype> .` / `"lexical" .`. The writer never emits
/// blank nodes and never escapes IRIs, so IRIs are the text between the angle brackets.
pub(crate) struct Line<'a> {
    pub subject: &'a str,
    pub predicate: &'a str,
    pub object: Object<'a>,
}

/// The object of a [`Line`].
pub(crate) enum Object<'a> {
    Iri(&'a str),
    Literal {
        lexical: MownStr<'a>,
        language: Option<&'a str>,
        datatype: Option<&'a str>,
    },
}

impl<'a> Line<'a> {
    pub fn split(line: &'a str) -> Result<Self> {
        fn iri(text: &str) -> Option<&str> {
            text.strip_prefix('<')?.strip_suffix('>')
        }
        let cut = || -> Option<Self> {
            let (subject, rest) = line.strip_suffix(" .")?.split_once(' ')?;
            let (predicate, object) = rest.split_once(' ')?;
            let object = if object.starts_with('<') {
                Object::Iri(iri(object)?)
            } else {
                let close = object.rfind('"').filter(|&i| i > 0)?;
                let suffix = &object[close + 1..];
                let language = suffix.strip_prefix('@');
                let datatype = match suffix.strip_prefix("^^") {
                    Some(datatype) => Some(iri(datatype)?),
                    None if language.is_none() && !suffix.is_empty() => return None,
                    None => None,
                };
                Object::Literal {
                    lexical: unescape(&object[1..close]),
                    language,
                    datatype,
                }
            };
            Some(Self {
                subject: iri(subject)?,
                predicate: iri(predicate)?,
                object,
            })
        };
        cut().ok_or_else(|| Error::Internal(format!("not a line kzlg writes: {line}")))
    }

    /// As sophia terms, for canonicalisation.
    fn sophia(&self) -> Spog<SimpleTerm<'_>> {
        let iri = |text| SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from_ref(text)));
        let object = match &self.object {
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
        ([iri(self.subject), iri(self.predicate), object], None)
    }

    /// As oxigraph terms, for the Turtle and JSON-LD serializers.
    fn triple(&self) -> TripleRef<'_> {
        let object: TermRef<'_> = match &self.object {
            Object::Iri(object) => NamedNodeRef::new_unchecked(object).into(),
            Object::Literal {
                lexical,
                language: Some(language),
                ..
            } => LiteralRef::new_language_tagged_literal_unchecked(lexical, language).into(),
            Object::Literal {
                lexical,
                datatype: Some(datatype),
                ..
            } => LiteralRef::new_typed_literal(lexical, NamedNodeRef::new_unchecked(datatype)).into(),
            Object::Literal { lexical, .. } => LiteralRef::new_simple_literal(lexical).into(),
        };
        TripleRef::new(
            NamedNodeRef::new_unchecked(self.subject),
            NamedNodeRef::new_unchecked(self.predicate),
            object,
        )
    }
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
    // Also those of outputs this build does not write (Turtle under --nquads-only).
    staged.remove_stale(&Formats::ALL.files());
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
    let mut counts = crate::void::Counts::default();
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
            let text = std::str::from_utf8(&buffer).map_err(|e| Error::Internal(format!("non-UTF-8 output: {e}")))?;
            for line in text.lines() {
                let line = Line::split(line)?;
                counts.add(&line);
                let triple = line.triple();
                if let Some((serializer, path)) = &mut turtle {
                    serializer.serialize_triple(triple).map_err(Error::write(&*path))?;
                }
                if let Some((serializer, path)) = &mut json {
                    serializer
                        .serialize_quad(triple.in_graph(GraphNameRef::DefaultGraph))
                        .map_err(Error::write(&*path))?;
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
    write_file(&staged.temp("void.ttl"), |w| crate::void::write(&counts, w))?;
    // Staged last, so renamed last: a kzlg.sha256 that matches kzlg.nq vouches for every file.
    write_file(&staged.temp("kzlg.sha256"), |w| writeln!(w, "{hash}  kzlg.nq"))?;
    staged.commit()?;
    Ok(hash)
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
///
/// A process killed while writing cannot remove its files: the next `Staged` to write the same
/// output removes those whose process is gone.
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

    /// The temporary path for the output `name`, after removing stale ones.
    pub fn temp(&self, name: &str) -> PathBuf {
        self.remove_stale(&[name]);
        self.names.borrow_mut().push(name.to_owned());
        temp_path(&self.dir, name, std::process::id())
    }

    /// Removes the temporary files of the outputs `names` that a process now gone left behind.
    pub fn remove_stale(&self, names: &[&str]) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(file_name) = file_name.to_str() else { continue };
            let pid = names.iter().find_map(|name| {
                let rest = file_name.strip_prefix('.')?.strip_prefix(name)?.strip_prefix('.')?;
                rest.strip_suffix(".tmp")?.parse::<u32>().ok()
            });
            if pid.is_some_and(|pid| pid != std::process::id() && !is_running(pid)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Renames every temporary file to its final name, in the order they were asked for, and
    /// makes the renames durable.
    ///
    /// Each rename is atomic; the set is not: a process killed between two renames leaves the
    /// first outputs new and the rest old, each of them complete.
    pub fn commit(self) -> Result<()> {
        for name in self.names.borrow().iter() {
            let target = self.dir.join(name);
            std::fs::rename(temp_path(&self.dir, name, std::process::id()), &target).map_err(Error::write(&target))?;
        }
        self.names.borrow_mut().clear();
        sync_dir(&self.dir);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for name in self.names.borrow().iter() {
            let _ = std::fs::remove_file(temp_path(&self.dir, name, std::process::id()));
        }
    }
}

/// `.kzlg.nq.<pid>.tmp`: hidden, and named after the process writing it.
fn temp_path(dir: &Path, name: &str, pid: u32) -> PathBuf {
    dir.join(format!(".{name}.{pid}.tmp"))
}

/// Whether the process `pid` runs. Where that cannot be told (no `/proc`), it is taken to run,
/// so that no file another build is writing is ever removed.
fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Flushes the folder's entries (the renames) to disk, where the system allows it: the outputs
/// are complete either way, and this only makes them survive a power cut.
fn sync_dir(dir: &Path) {
    if cfg!(unix) {
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
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
    #[cfg(target_os = "linux")] // elsewhere, without /proc, no process is known to be gone
    fn stale_temporary_files_of_gone_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let running = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let files = [
            temp_path(dir.path(), "kzlg.nq", gone),
            temp_path(dir.path(), "kzlg.ttl", gone),
            temp_path(dir.path(), "kzlg.nq", running.id()),
            dir.path().join(format!(".notes.{gone}.tmp")),
        ];
        for file in &files {
            std::fs::write(file, "partial").unwrap();
        }
        let staged = Staged::new(dir.path());
        let ours = staged.temp("kzlg.nq");
        std::fs::write(&ours, "complete").unwrap();
        let exists: Vec<bool> = files.iter().map(|f| f.exists()).collect();
        assert_eq!(
            exists,
            [false, true, true, true],
            "only the gone process's kzlg.nq goes"
        );
        staged.remove_stale(&["kzlg.ttl"]);
        assert!(!files[1].exists());
        staged.commit().unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("kzlg.nq")).unwrap(), "complete");
        assert!(files[2].exists(), "a running process's file stays");
        let mut running = running;
        running.kill().unwrap();
        running.wait().unwrap();
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
