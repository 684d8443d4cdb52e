//! `kzlg.jsonld`, written straight from the sorted lines, byte for byte as oxjsonld's serializer
//! writes them (the tests have oxjsonld write the same graphs and compare).
//!
//! oxjsonld builds a list of JSON events per triple and writes each string a character at a time:
//! the slowest writer of a full build by far. The lines come sorted, so a subject's triples are
//! together and, within them, a predicate's: the object of each subject and the array of each
//! predicate open and close as the subject and the predicate change, as oxjsonld opens them.

use std::io::{self, Write};

use oxigraph::model::vocab::xsd;

use super::ntriples::{Line, Object};
use super::prefixes;

/// Writes a graph's lines, sorted, as one JSON-LD document: the project's prefixes as its
/// context, then every subject with its predicates and objects, all IRIs in full.
pub(crate) struct JsonLdWriter<W: Write> {
    out: W,
    /// What is written and not yet handed to `out`: a write per line, not per string.
    buffer: Vec<u8>,
    subject: Option<String>,
    predicate: Option<String>,
}

impl<W: Write> JsonLdWriter<W> {
    pub fn new(out: W) -> Self {
        let mut buffer = b"{\"@context\":{".to_vec();
        for (i, (prefix, namespace)) in prefixes::by_name().iter().enumerate() {
            if i > 0 {
                buffer.push(b',');
            }
            string(&mut buffer, if prefix.is_empty() { "@vocab" } else { prefix });
            buffer.push(b':');
            string(&mut buffer, namespace);
        }
        buffer.extend_from_slice(b"},\"@graph\":[");
        Self {
            out,
            buffer,
            subject: None,
            predicate: None,
        }
    }

    /// Writes one line, which sorts after the lines before it.
    pub fn line(&mut self, line: &Line<'_>) -> io::Result<()> {
        let buffer = &mut self.buffer;
        if self.subject.as_deref() != Some(line.subject) {
            if self.subject.is_some() {
                buffer.extend_from_slice(b"]},");
            }
            buffer.extend_from_slice(b"{\"@id\":");
            string(buffer, line.subject);
            self.subject = Some(line.subject.to_owned());
            self.predicate = None;
        }
        if self.predicate.as_deref() == Some(line.predicate) {
            buffer.push(b',');
        } else {
            if self.predicate.is_some() {
                buffer.push(b']');
            }
            buffer.push(b',');
            string(buffer, line.predicate);
            buffer.extend_from_slice(b":[");
            self.predicate = Some(line.predicate.to_owned());
        }
        match &line.object {
            Object::Iri(iri) => {
                buffer.extend_from_slice(b"{\"@id\":");
                string(buffer, iri);
            }
            Object::Literal {
                lexical,
                language,
                datatype,
            } => {
                buffer.push(b'{');
                if let Some(language) = language {
                    buffer.extend_from_slice(b"\"@language\":");
                    string(buffer, language);
                    buffer.push(b',');
                } else if let Some(datatype) = datatype.filter(|d| *d != xsd::STRING.as_str()) {
                    buffer.extend_from_slice(b"\"@type\":");
                    string(buffer, datatype);
                    buffer.push(b',');
                }
                buffer.extend_from_slice(b"\"@value\":");
                string(buffer, lexical);
            }
        }
        buffer.push(b'}');
        if buffer.len() >= 1 << 16 {
            self.out.write_all(buffer)?;
            buffer.clear();
        }
        Ok(())
    }

    /// Closes the document and returns the writer, everything written to it.
    pub fn finish(mut self) -> io::Result<W> {
        if self.subject.is_some() {
            self.buffer.extend_from_slice(b"]}");
        }
        self.buffer.extend_from_slice(b"]}");
        self.out.write_all(&self.buffer)?;
        Ok(self.out)
    }
}

/// Appends `text` as a JSON string, escaped as oxjsonld's JSON writer escapes it: `"`, `\` and
/// the controls below U+0020, nothing else.
fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut copied = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..0x20 => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[copied..at]);
        copied = at + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ]);
        } else {
            out.extend_from_slice(escape);
        }
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use oxigraph::model::{GraphNameRef, LiteralRef, NamedNodeRef, TermRef, Triple, TripleRef};
    use oxjsonld::JsonLdSerializer;

    use super::*;
    use crate::output::canonical::tests::{chunk_of, fixture_triples};
    use crate::output::prefixes::with_prefixes;

    /// The graph of `triples` as this writer writes it, and as oxjsonld does.
    fn both(triples: &[Triple]) -> (String, String) {
        let chunk = chunk_of(triples);
        let mut ours = JsonLdWriter::new(Vec::new());
        let mut theirs = with_prefixes(JsonLdSerializer::new(), &[])
            .unwrap()
            .for_writer(Vec::new());
        for line in chunk.lines() {
            let line = line.unwrap();
            ours.line(&line).unwrap();
            theirs
                .serialize_quad(line.triple().in_graph(GraphNameRef::DefaultGraph))
                .unwrap();
        }
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
        (text(ours.finish().unwrap()), text(theirs.finish().unwrap()))
    }

    #[test]
    fn the_fixture_is_written_as_oxjsonld_writes_it() {
        let (ours, theirs) = both(&fixture_triples());
        assert_eq!(ours, theirs);
    }

    #[test]
    fn awkward_literals_and_an_empty_graph_are_written_as_oxjsonld_writes_them() {
        let subject = NamedNodeRef::new_unchecked("https://w3id.org/kzlg/id/unit/x");
        let other = NamedNodeRef::new_unchecked("https://w3id.org/kzlg/id/unit/y");
        let label = NamedNodeRef::new_unchecked(rdfs!("label"));
        let note = NamedNodeRef::new_unchecked(kzlg!("note"));
        let objects: Vec<TermRef<'_>> = vec![
            LiteralRef::new_simple_literal("\"quoted\" \\back\\ line\nbreak\r tab\t bell\u{7} del\u{7f} \u{8}\u{c}")
                .into(),
            LiteralRef::new_language_tagged_literal_unchecked("Қазақстан «ә»", "kk").into(),
            LiteralRef::new_typed_literal("42", xsd::INTEGER).into(),
            LiteralRef::new_typed_literal("s", xsd::STRING).into(),
            LiteralRef::new_simple_literal("").into(),
            other.into(),
        ];
        let mut triples: Vec<Triple> = Vec::new();
        for (i, object) in objects.into_iter().enumerate() {
            for s in [subject, other] {
                triples.push(TripleRef::new(s, if i % 2 == 0 { label } else { note }, object).into_owned());
            }
        }
        let (ours, theirs) = both(&triples);
        assert_eq!(ours, theirs);
        assert!(ours.contains("\\u0007"), "{ours}");
        let (ours, theirs) = both(&[]);
        assert_eq!(ours, theirs);
    }
}
