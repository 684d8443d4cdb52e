//! `dist/`: the graph as N-Quads, Turtle and JSON-LD, its canonical hash and its VoID
//! description, all written in one pass over the sorted lines and renamed into place together.

use std::io::Write;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::GraphNameRef;
use oxjsonld::JsonLdSerializer;

use super::canonical::{CanonicalHasher, Lines};
use super::ntriples::Line;
use super::prefixes::with_prefixes;
use super::staged::{self, Staged};
use super::void;
use crate::error::{Error, Result};

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

/// Lines parsed and written together; the unit of work shared between the writer and the hasher.
const CHUNK_LINES: usize = 4096;

/// Writes the graph into `out` as N-Quads, the canonical hash, its VoID description, and Turtle
/// and JSON-LD as asked, atomically, telling `written` how many triples each chunk held.
/// Returns the hash.
///
/// One pass over the sorted lines, chunk by chunk: each chunk is written as N-Quads and handed to
/// a second thread that canonicalises it with sophia for the hash; when Turtle or JSON-LD is
/// asked for, the chunk is also parsed here and its quads go to their serializers.
pub fn write_all(lines: Lines, out: &Path, formats: Formats, written: &mut dyn FnMut(u64)) -> Result<String> {
    std::fs::create_dir_all(out).map_err(Error::write(out))?;
    let staged = Staged::new(out);
    // Also those of outputs this build does not write (Turtle under --nquads-only).
    staged.remove_stale(&Formats::ALL.files());
    let nq_path = staged.temp("kzlg.nq");
    let mut nq = staged::create(&nq_path)?;
    let mut turtle = match formats.turtle {
        true => {
            let path = staged.temp("kzlg.ttl");
            let serializer = with_prefixes(RdfSerializer::from_format(RdfFormat::Turtle), &[])?;
            Some((serializer.for_writer(staged::create(&path)?), path))
        }
        false => None,
    };
    let mut json = match formats.jsonld {
        true => {
            let path = staged.temp("kzlg.jsonld");
            let serializer = with_prefixes(JsonLdSerializer::new(), &[])?;
            Some((serializer.for_writer(staged::create(&path)?), path))
        }
        false => None,
    };
    let mut counts = void::Counts::default();
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
            let mut triples = 0;
            for line in text.lines() {
                triples += 1;
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
            written(triples);
            if send.send(buffer).is_err() {
                break; // the hasher stopped on an error, which join() returns
            }
        }
        drop(send);
        hasher
            .join()
            .map_err(|_| Error::Internal("the hashing thread panicked".to_owned()))?
    })?;
    staged::finish(nq, &nq_path)?;
    if let Some((serializer, path)) = turtle {
        staged::finish(serializer.finish().map_err(Error::write(&path))?, &path)?;
    }
    if let Some((serializer, path)) = json {
        staged::finish(serializer.finish().map_err(Error::write(&path))?, &path)?;
    }
    void::write(&counts, &staged.temp("void.ttl"))?;
    // Staged last, so renamed last: a kzlg.sha256 that matches kzlg.nq vouches for every file.
    staged::write_file(&staged.temp("kzlg.sha256"), |w| writeln!(w, "{hash}  kzlg.nq"))?;
    staged.commit()?;
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::canonical::{SortedTriples, hex, tests::whole_graph_canonical};

    #[test]
    fn kzlg_nq_is_the_canonical_graph_and_the_returned_hash_is_its_rdfc_hash() {
        let mut triples = SortedTriples::default();
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        crate::load::load(&tables, &mut triples).unwrap();
        let out = tempfile::tempdir().unwrap();
        let mut written = 0;
        let hash = write_all(triples.finish(), out.path(), Formats::ALL, &mut |n| written += n).unwrap();
        let nq = std::fs::read(out.path().join("kzlg.nq")).unwrap();
        assert_eq!(written, std::str::from_utf8(&nq).unwrap().lines().count() as u64);
        let canonical = whole_graph_canonical(&nq);
        assert!(canonical == nq, "kzlg.nq is not in canonical form");
        assert_eq!(
            hash,
            hex(ring::digest::digest(&ring::digest::SHA256, &canonical).as_ref())
        );
        let sha256 = std::fs::read_to_string(out.path().join("kzlg.sha256")).unwrap();
        assert_eq!(sha256, format!("{hash}  kzlg.nq\n"));
    }
}
