//! The built graph as files: sorted N-Quads, Turtle, JSON-LD and its canonical hash.
//!
//! Triples are kept as encoded N-Triples lines in one arena and sorted once; this is the
//! canonical form of a graph without blank nodes, and everything else is written from it.
//! Files are written to temporary names first and renamed into place only when all are
//! complete, so a failed or interrupted build leaves the previous outputs as they were.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::TripleRef;
use oxjsonld::JsonLdSerializer;
use sha2::{Digest, Sha256};
use sophia::api::prelude::*;
use sophia::inmem::dataset::LightDataset;

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

    /// The SHA-256 of the graph's RDFC-1.0 canonical N-Quads, computed with sophia.
    ///
    /// The graph has no blank nodes, so its canonical form is the concatenation of the
    /// canonical forms of its subject groups in sorted order: each group is canonicalised on its
    /// own, and memory stays bounded by the largest group.
    pub fn canonical_sha256(&self) -> Result<String> {
        let mut hasher = HashWriter(Sha256::new());
        let mut buffer = Vec::new();
        let mut i = 0;
        while i < self.spans.len() {
            let subject = self.subject_of(i);
            buffer.clear();
            while i < self.spans.len() && self.subject_of(i) == subject {
                buffer.extend_from_slice(self.line(i));
                i += 1;
            }
            let dataset: LightDataset = sophia::turtle::parser::nq::parse_bufread(&buffer[..])
                .collect_quads()
                .map_err(|e| Error::Internal(format!("sophia cannot parse the graph's own N-Quads: {e}")))?;
            sophia::c14n::rdfc10::normalize(&dataset, &mut hasher)
                .map_err(|e| Error::Internal(format!("sophia cannot canonicalise the graph: {e}")))?;
        }
        Ok(hex(&hasher.0.finalize()))
    }

    fn line(&self, i: usize) -> &[u8] {
        let (start, len) = self.spans[i];
        &self.arena[start..start + len]
    }

    fn subject_of(&self, i: usize) -> &[u8] {
        let line = self.line(i);
        line.iter().position(|&b| b == b' ').map_or(line, |end| &line[..end])
    }
}

struct HashWriter(Sha256);

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

/// The files `kzlg build` writes, in the order they are renamed into place.
pub const OUTPUTS: [&str; 5] = ["kzlg.nq", "kzlg.ttl", "kzlg.jsonld", "kzlg.sha256", "void.ttl"];

/// Writes the graph into `out` as N-Quads, Turtle, JSON-LD, the canonical hash and its VoID
/// description, atomically. Returns the hash.
pub fn write_all(lines: Lines, out: &Path) -> Result<String> {
    std::fs::create_dir_all(out).map_err(Error::write(out))?;
    let staged = Staged::new(out);
    let nq = staged.temp("kzlg.nq");
    write_file(&nq, |w| lines.iter().try_for_each(|line| w.write_all(line)))?;
    let hash = lines.canonical_sha256()?;
    write_file(&staged.temp("void.ttl"), |w| crate::void::write(&lines, w))?;
    drop(lines);
    write_file(&staged.temp("kzlg.sha256"), |w| writeln!(w, "{hash}  kzlg.nq"))?;
    write_turtle_and_jsonld(&nq, &staged.temp("kzlg.ttl"), &staged.temp("kzlg.jsonld"))?;
    staged.commit()?;
    Ok(hash)
}

/// Reads the sorted N-Quads back once and writes Turtle and JSON-LD from the same stream.
fn write_turtle_and_jsonld(nq: &Path, ttl: &Path, jsonld: &Path) -> Result<()> {
    let mut turtle = RdfSerializer::from_format(RdfFormat::Turtle);
    let mut json = JsonLdSerializer::new();
    for (prefix, namespace) in PREFIXES {
        turtle = turtle
            .with_prefix(*prefix, *namespace)
            .map_err(|e| Error::Internal(e.to_string()))?;
        json = json
            .with_prefix(*prefix, *namespace)
            .map_err(|e| Error::Internal(e.to_string()))?;
    }
    let ttl_file = BufWriter::new(File::create(ttl).map_err(Error::write(ttl))?);
    let json_file = BufWriter::new(File::create(jsonld).map_err(Error::write(jsonld))?);
    let mut turtle = turtle.for_writer(ttl_file);
    let mut json = json.for_writer(json_file);
    let input = BufReader::with_capacity(1 << 16, File::open(nq).map_err(Error::read(nq))?);
    for quad in RdfParser::from_format(RdfFormat::NQuads).lenient().for_reader(input) {
        let quad = quad.map_err(|e| Error::Internal(format!("cannot read back {}: {e}", nq.display())))?;
        turtle.serialize_quad(&quad).map_err(Error::write(ttl))?;
        json.serialize_quad(&quad).map_err(Error::write(jsonld))?;
    }
    finish(turtle.finish().map_err(Error::write(ttl))?, ttl)?;
    finish(json.finish().map_err(Error::write(jsonld))?, jsonld)
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
