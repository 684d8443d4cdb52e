//! `kzlg.ttl`, written straight from the sorted lines, byte for byte as oxttl's serializer writes
//! them (the tests have oxttl write the same graphs and compare).
//!
//! oxttl tries every prefix on every IRI, in turn, and formats each term through `Display`:
//! the slowest writer of a full build once JSON-LD had its own. Here an IRI is looked up by the
//! namespaces it could be in (it up to each `/` or `#`, longest first), and a plain literal is
//! copied as the N-Triples text it already is.

use std::cmp::Reverse;
use std::io::{self, Write};

use oxigraph::model::vocab::xsd;
use rustc_hash::FxHashMap;

use super::ntriples::{Line, Object};
use super::prefixes;

/// Writes a graph's lines, sorted, as Turtle with the project's prefixes.
pub(crate) struct TurtleWriter<W: Write> {
    out: W,
    /// What is written and not yet handed to `out`.
    buffer: Vec<u8>,
    /// The `@prefix` lines, written before the first triple (an empty graph is an empty file).
    prelude: Option<Vec<u8>>,
    prefixes: Prefixes,
    subject: String,
    predicate: String,
}

/// The project's prefixes in oxttl's order: longest namespace first.
struct Prefixes {
    ordered: Vec<(String, String)>,
    /// Each namespace's first name in that order, when every namespace ends in `/` or `#`.
    by_namespace: Option<FxHashMap<String, usize>>,
}

impl Prefixes {
    fn new() -> Self {
        // As oxttl orders them: by name, then sorted by decreasing length with the same unstable
        // sort on the same type, so that namespaces of one length keep its order.
        let mut ordered: Vec<(String, String)> = prefixes::by_name().into_iter().collect();
        ordered.sort_unstable_by_key(|(_, namespace)| Reverse(namespace.len()));
        let by_namespace = ordered
            .iter()
            .all(|(_, namespace)| namespace.ends_with(['/', '#']))
            .then(|| {
                let mut by_namespace = FxHashMap::default();
                for (i, (_, namespace)) in ordered.iter().enumerate() {
                    by_namespace.entry(namespace.clone()).or_insert(i);
                }
                by_namespace
            });
        Self { ordered, by_namespace }
    }

    /// Appends `iri` as oxttl writes it: `prefix:local` under the first prefix (longest first)
    /// whose namespace starts it and after which the rest is a valid local name, else `<iri>`.
    fn iri(&self, iri: &str, out: &mut Vec<u8>) {
        let mut write = |i: usize| {
            let (name, namespace) = &self.ordered[i];
            let local = &iri[namespace.len()..];
            let at = out.len();
            out.extend_from_slice(name.as_bytes());
            out.push(b':');
            let written = local_name(local, out);
            if !written {
                out.truncate(at);
            }
            written
        };
        let found = match &self.by_namespace {
            Some(by_namespace) => memchr::memrchr2_iter(b'/', b'#', iri.as_bytes())
                .filter_map(|end| by_namespace.get(&iri[..=end]))
                .any(|&i| write(i)),
            None => (0..self.ordered.len())
                .filter(|&i| iri.starts_with(&self.ordered[i].1))
                .any(write),
        };
        if !found {
            out.push(b'<');
            out.extend_from_slice(iri.as_bytes());
            out.push(b'>');
        }
    }
}

impl<W: Write> TurtleWriter<W> {
    pub fn new(out: W) -> Self {
        let prefixes = Prefixes::new();
        let mut prelude = Vec::new();
        for (name, namespace) in &prefixes.ordered {
            prelude.extend_from_slice(format!("@prefix {name}: <{namespace}> .\n").as_bytes());
        }
        Self {
            out,
            buffer: Vec::with_capacity(1 << 17),
            prelude: Some(prelude),
            prefixes,
            subject: String::new(),
            predicate: String::new(),
        }
    }

    /// Writes one line, which sorts after the lines before it.
    pub fn line(&mut self, line: &Line<'_>) -> io::Result<()> {
        let new_subject = match self.prelude.take() {
            Some(prelude) => {
                self.buffer.extend_from_slice(&prelude);
                true
            }
            None if self.subject != line.subject => {
                self.buffer.extend_from_slice(b" .\n");
                true
            }
            None if self.predicate == line.predicate => {
                self.buffer.extend_from_slice(b" , ");
                self.object(line);
                return self.flush_if_full();
            }
            None => {
                self.buffer.extend_from_slice(b" ;\n\t");
                false
            }
        };
        if new_subject {
            self.prefixes.iri(line.subject, &mut self.buffer);
            self.buffer.push(b' ');
            line.subject.clone_into(&mut self.subject);
        }
        if line.predicate == rdf!("type") {
            self.buffer.push(b'a');
        } else {
            self.prefixes.iri(line.predicate, &mut self.buffer);
        }
        self.buffer.push(b' ');
        line.predicate.clone_into(&mut self.predicate);
        self.object(line);
        self.flush_if_full()
    }

    fn object(&mut self, line: &Line<'_>) {
        let buffer = &mut self.buffer;
        match &line.object {
            Object::Iri(iri) => self.prefixes.iri(iri, buffer),
            Object::Literal { lexical, datatype, .. } => match *datatype {
                // A plain or language-tagged literal is written as in N-Triples.
                None => buffer.extend_from_slice(line.object_text.as_bytes()),
                Some(datatype) if datatype == xsd::STRING.as_str() => {
                    buffer.extend_from_slice(line.object_text.as_bytes())
                }
                Some(datatype) if is_bare(datatype, lexical) => buffer.extend_from_slice(lexical.as_bytes()),
                Some(datatype) => {
                    let quoted = &line.object_text[..=line.object_text.rfind('"').unwrap_or_default()];
                    buffer.extend_from_slice(quoted.as_bytes());
                    buffer.extend_from_slice(b"^^");
                    self.prefixes.iri(datatype, buffer);
                }
            },
        }
    }

    fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buffer.len() >= 1 << 16 {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    /// Ends the last statement and returns the writer, everything written to it.
    pub fn finish(mut self) -> io::Result<W> {
        if self.prelude.is_none() {
            self.buffer.extend_from_slice(b" .\n");
        }
        self.out.write_all(&self.buffer)?;
        Ok(self.out)
    }
}

/// Whether a literal of `datatype` is written bare, as Turtle's own booleans and numbers.
fn is_bare(datatype: &str, lexical: &str) -> bool {
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let unsigned = lexical.strip_prefix(['+', '-']).unwrap_or(lexical).as_bytes();
    match datatype {
        d if d == xsd::BOOLEAN.as_str() => matches!(lexical, "true" | "false"),
        d if d == xsd::INTEGER.as_str() => digits(unsigned),
        d if d == xsd::DECIMAL.as_str() => {
            let whole = unsigned.iter().take_while(|b| b.is_ascii_digit()).count();
            unsigned[whole..].strip_prefix(b".").is_some_and(digits)
        }
        d if d == xsd::DOUBLE.as_str() => {
            let whole = unsigned.iter().take_while(|b| b.is_ascii_digit()).count();
            let mut rest = &unsigned[whole..];
            let mut fraction = 0;
            if let Some(after) = rest.strip_prefix(b".") {
                fraction = after.iter().take_while(|b| b.is_ascii_digit()).count();
                rest = &after[fraction..];
            }
            let Some(exponent) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) else {
                return false;
            };
            let exponent = exponent
                .strip_prefix(b"+")
                .or_else(|| exponent.strip_prefix(b"-"))
                .unwrap_or(exponent);
            (whole > 0 || fraction > 0) && digits(exponent)
        }
        _ => false,
    }
}

/// Appends `local` as a Turtle local name, escaping what may be escaped; false (with some of it
/// appended) when it cannot be one. Empty is a valid local name (`prefix:`).
fn local_name(local: &str, out: &mut Vec<u8>) -> bool {
    let mut chars = local.chars();
    let Some(first) = chars.next() else { return true };
    let mut put = |c: char, allowed: bool| {
        if allowed {
            push_char(out, c);
        } else if can_be_escaped(c) {
            out.push(b'\\');
            push_char(out, c);
        } else {
            return false;
        }
        true
    };
    if !put(first, is_pn_chars_u(first) || first == ':' || first.is_ascii_digit()) {
        return false;
    }
    while let Some(c) = chars.next() {
        let allowed = is_pn_chars(c) || c == ':' || (c == '.' && !chars.as_str().is_empty());
        if !put(c, allowed) {
            return false;
        }
    }
    true
}

fn push_char(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

/// PN_CHARS_BASE and `_` of the Turtle grammar.
fn is_pn_chars_u(c: char) -> bool {
    matches!(c,
        'A'..='Z'
        | 'a'..='z'
        | '_'
        | '\u{00C0}'..='\u{00D6}'
        | '\u{00D8}'..='\u{00F6}'
        | '\u{00F8}'..='\u{02FF}'
        | '\u{0370}'..='\u{037D}'
        | '\u{037F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// PN_CHARS of the Turtle grammar.
fn is_pn_chars(c: char) -> bool {
    is_pn_chars_u(c) || matches!(c, '-' | '0'..='9' | '\u{00B7}' | '\u{0300}'..='\u{036F}' | '\u{203F}'..='\u{2040}')
}

/// The characters a local name may hold escaped (PN_LOCAL_ESC).
fn can_be_escaped(c: char) -> bool {
    matches!(
        c,
        '_' | '~'
            | '.'
            | '-'
            | '!'
            | '$'
            | '&'
            | '\''
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | ';'
            | '='
            | '/'
            | '?'
            | '#'
            | '@'
            | '%'
    )
}

#[cfg(test)]
mod tests {
    use oxigraph::io::{RdfFormat, RdfSerializer};
    use oxigraph::model::{LiteralRef, NamedNodeRef, TermRef, Triple, TripleRef};

    use super::*;
    use crate::output::canonical::tests::{chunk_of, fixture_triples};
    use crate::output::prefixes::with_prefixes;

    /// The graph of `triples` as this writer writes it, and as oxttl does.
    fn both(triples: &[Triple]) -> (String, String) {
        let chunk = chunk_of(triples);
        let mut ours = TurtleWriter::new(Vec::new());
        let serializer = with_prefixes(RdfSerializer::from_format(RdfFormat::Turtle), &[]).unwrap();
        let mut theirs = serializer.for_writer(Vec::new());
        for line in chunk.lines() {
            let line = line.unwrap();
            ours.line(&line).unwrap();
            theirs.serialize_triple(line.triple()).unwrap();
        }
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
        (text(ours.finish().unwrap()), text(theirs.finish().unwrap()))
    }

    #[test]
    fn the_fixture_is_written_as_oxttl_writes_it() {
        let (ours, theirs) = both(&fixture_triples());
        assert_eq!(ours, theirs);
    }

    #[test]
    fn awkward_names_literals_and_an_empty_graph_are_written_as_oxttl_writes_them() {
        let iri = NamedNodeRef::new_unchecked;
        let subjects = [
            iri("https://w3id.org/kzlg/id/unit/x"),
            iri("https://w3id.org/kzlg/id/unit/a.b."),
            iri("https://w3id.org/kzlg/id/unit/-x~y(z)"),
            iri("https://w3id.org/kzlg/id/unit/"),
            iri("https://w3id.org/kzlg/id/new-kind/x"),
            iri("https://w3id.org/kzlg/id/unit/x%20y"),
            iri("https://w3id.org/kzlg/id/unit/1st"),
            iri("https://w3id.org/kzlg/id/unit/қала"),
            iri("https://w3id.org/kzlg/id/unit/a b"),
            iri("http://example.org/elsewhere#x"),
        ];
        let predicate = iri(kzlg!("note"));
        let mut objects: Vec<TermRef<'_>> = vec![
            LiteralRef::new_simple_literal("\"quoted\" \\back\\ line\nbreak\r tab\t bell\u{7}").into(),
            LiteralRef::new_language_tagged_literal_unchecked("Қазақстан «ә»", "kk").into(),
            LiteralRef::new_typed_literal("s", xsd::STRING).into(),
            LiteralRef::new_typed_literal("2001", xsd::G_YEAR).into(),
            LiteralRef::new_typed_literal("x\"y", iri("http://example.org/type")).into(),
        ];
        for (datatype, values) in [
            (xsd::INTEGER, &["42", "-7", "+0", "4.2", ""][..]),
            (xsd::DECIMAL, &["4.2", "-.5", "5.", "+1.0", "x"]),
            (xsd::DOUBLE, &["1e3", "-1.5E-2", ".5e1", "1.", "e3", "1e"]),
            (xsd::BOOLEAN, &["true", "false", "1"]),
        ] {
            objects.extend(
                values
                    .iter()
                    .map(|v| TermRef::from(LiteralRef::new_typed_literal(v, datatype))),
            );
        }
        objects.extend(subjects.iter().map(|s| TermRef::from(*s)));
        let mut triples: Vec<Triple> = Vec::new();
        for subject in subjects {
            triples.push(TripleRef::new(subject, iri(rdf!("type")), iri(kzlg!("Unit"))).into_owned());
            for object in &objects {
                triples.push(TripleRef::new(subject, predicate, *object).into_owned());
            }
            triples.push(TripleRef::new(subject, iri(rdfs!("label")), objects[1]).into_owned());
        }
        let (ours, theirs) = both(&triples);
        assert_eq!(ours, theirs);
        assert!(ours.contains("unit:a.b\\."), "{ours}");
        let (ours, theirs) = both(&[]);
        assert_eq!((ours.as_str(), theirs.as_str()), ("", ""));
    }
}
