//! `dist/`: the graph as N-Quads, Turtle and JSON-LD, its canonical hash and its VoID
//! description, all written in one pass over the sorted lines and renamed into place together.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, mpsc};

use super::canonical::{CanonicalHasher, Lines};
use super::jsonld::JsonLdWriter;
use super::ntriples::Chunk;
use super::staged::{self, Staged};
use super::turtle::TurtleWriter;
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

/// Lines written (and hashed) together.
const CHUNK_LINES: usize = 1 << 16;

/// Writes the graph into `out` as N-Quads, the canonical hash, its VoID description, and Turtle
/// and JSON-LD as asked, atomically, telling `written` how many N-Quads lines each chunk held.
/// Returns the hash.
///
/// The N-Quads lines are made here, chunk by chunk, from the sorted id triples; each chunk is
/// handed to the hash (the bytes of `kzlg.nq` are the canonical form) and to the Turtle and
/// JSON-LD writers, each on a thread of its own, and then written.
pub fn write_all(lines: Lines, out: &Path, formats: Formats, written: &mut dyn FnMut(u64)) -> Result<String> {
    std::fs::create_dir_all(out).map_err(Error::write(out))?;
    let staged = Staged::new(out);
    // Also those of outputs this build does not write (Turtle under --nquads-only).
    staged.remove_stale(&Formats::ALL.files());
    let nq_path = staged.temp("kzlg.nq");
    let mut nq = staged::create(&nq_path)?;
    let turtle = match formats.turtle {
        true => {
            let path = staged.temp("kzlg.ttl");
            Some((TurtleWriter::new(staged::create(&path)?), path))
        }
        false => None,
    };
    let json = match formats.jsonld {
        true => {
            let path = staged.temp("kzlg.jsonld");
            Some((JsonLdWriter::new(staged::create(&path)?), path))
        }
        false => None,
    };
    let graph = &lines;
    let (hash, counts) = std::thread::scope(|scope| -> Result<(String, void::Counts)> {
        // Every chunk goes to the hash and to each other writer, each on its own thread.
        let mut readers = Vec::new();
        let mut read = || {
            let (send, receive) = mpsc::sync_channel::<Arc<Chunk>>(2);
            readers.push(send);
            receive
        };
        let chunks = read();
        let hasher = scope.spawn(move || -> Result<(String, void::Counts)> {
            let mut hasher = CanonicalHasher::new();
            for chunk in chunks {
                hasher.add(chunk.text().as_bytes());
            }
            Ok((hasher.finish(), void::Counts::of(graph)?))
        });
        let turtle = turtle.map(|(mut writer, path)| {
            let chunks = read();
            scope.spawn(move || -> Result<()> {
                for chunk in chunks {
                    for line in chunk.lines() {
                        writer.line(&line?).map_err(Error::write(&path))?;
                    }
                }
                staged::finish(writer.finish().map_err(Error::write(&path))?, &path)
            })
        });
        let json = json.map(|(mut writer, path)| {
            let chunks = read();
            scope.spawn(move || -> Result<()> {
                for chunk in chunks {
                    for line in chunk.lines() {
                        writer.line(&line?).map_err(Error::write(&path))?;
                    }
                }
                staged::finish(writer.finish().map_err(Error::write(&path))?, &path)
            })
        });
        'chunks: for triples in graph.triples().chunks(CHUNK_LINES) {
            let chunk = Arc::new(graph.chunk(triples));
            for reader in &readers {
                if reader.send(Arc::clone(&chunk)).is_err() {
                    break 'chunks; // that reader stopped on an error, which join() returns
                }
            }
            nq.write_all(chunk.text().as_bytes()).map_err(Error::write(&nq_path))?;
            written(chunk.len() as u64);
        }
        drop(readers);
        let panicked = |what: &str| Error::Internal(format!("the thread writing {what} panicked"));
        let hashed = hasher.join().map_err(|_| panicked("the hash"))?;
        if let Some(turtle) = turtle {
            turtle.join().map_err(|_| panicked("Turtle"))??;
        }
        if let Some(json) = json {
            json.join().map_err(|_| panicked("JSON-LD"))??;
        }
        hashed
    })?;
    staged::finish(nq, &nq_path)?;
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
