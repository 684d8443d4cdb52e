//! How the terms of one N-Triples line (as [`super::terms`] encodes each) are cut apart again
//! without copying, for the Turtle and JSON-LD writers.

#[cfg(test)]
use oxigraph::model::{LiteralRef, NamedNodeRef, TermRef, TripleRef};
use sophia_api::MownStr;

use crate::error::{Error, Result};

/// Appends `triple` to `out` as one N-Triples line, newline included, as oxigraph's `Display`
/// writes it: the tests cut such lines back into their triples.
#[cfg(test)]
pub fn encode(triple: TripleRef<'_>, out: &mut Vec<u8>) {
    use std::io::Write;
    // Writing to a Vec cannot fail.
    let _ = writeln!(out, "{triple} .");
}

/// One line [`encode`] wrote, cut into its terms: `<s> <p> <o> .` or `<s> <p> "lexical"@lang .` /
/// `"lexical"^^<datatype> .` / `"lexical" .`. The writer never emits blank nodes and never escapes
/// IRIs, so IRIs are the text between the angle brackets.
pub(crate) struct Line<'a> {
    pub subject: &'a str,
    pub predicate: &'a str,
    pub object: Object<'a>,
    /// The object as N-Triples writes it, for writers that can copy it as it is.
    pub object_text: &'a str,
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
    /// Cuts a whole line, as [`encode`] writes it.
    #[cfg(test)]
    pub fn split(line: &'a str) -> Result<Self> {
        let cut = || -> Option<Self> {
            let (subject, rest) = line.strip_suffix(" .")?.split_once(' ')?;
            let (predicate, object) = rest.split_once(' ')?;
            Self::cut(subject, predicate, object)
        };
        cut().ok_or_else(|| Error::Internal(format!("not a line kzlg writes: {line}")))
    }

    /// The line of three terms as [`super::terms::encode`] writes each of them.
    pub fn from_terms(subject: &'a str, predicate: &'a str, object: &'a str) -> Result<Self> {
        Self::cut(subject, predicate, object)
            .ok_or_else(|| Error::Internal(format!("not terms kzlg writes: {subject} {predicate} {object}")))
    }

    fn cut(subject: &'a str, predicate: &'a str, object: &'a str) -> Option<Self> {
        let object_text = object;
        fn iri(text: &str) -> Option<&str> {
            text.strip_prefix('<')?.strip_suffix('>')
        }
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
                lexical: unescape(object.get(1..close)?),
                language,
                datatype,
            }
        };
        Some(Self {
            subject: iri(subject)?,
            predicate: iri(predicate)?,
            object,
            object_text,
        })
    }

    /// As oxigraph terms: the tests hand them to oxigraph's serializers, the referees of ours.
    #[cfg(test)]
    pub fn triple(&self) -> TripleRef<'_> {
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

/// Consecutive N-Triples lines as one text, with where each line's terms end: written once by
/// the N-Quads writer and handed on to the hash and to the Turtle and JSON-LD writers, which read
/// it in order instead of looking every term up again in the dictionary (a random read for most
/// objects, and a fifth of a full build when each writer did its own).
#[derive(Default)]
pub(crate) struct Chunk {
    text: String,
    /// Per line: where its subject ends, where its predicate ends, where the line ends.
    ends: Vec<[u32; 3]>,
}

impl Chunk {
    pub fn with_capacity(lines: usize) -> Self {
        Self {
            text: String::with_capacity(lines * 160),
            ends: Vec::with_capacity(lines),
        }
    }

    /// Appends the line `subject predicate object .` and its newline.
    pub fn push(&mut self, subject: &str, predicate: &str, object: &str) {
        let end = |text: &String| u32::try_from(text.len()).expect("a chunk is under 4 GB");
        self.text.push_str(subject);
        let subject_end = end(&self.text);
        self.text.extend([" ", predicate]);
        let predicate_end = end(&self.text);
        self.text.extend([" ", object, " .\n"]);
        self.ends.push([subject_end, predicate_end, end(&self.text)]);
    }

    /// The lines, newlines included.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Each line cut into its terms.
    pub fn lines(&self) -> impl Iterator<Item = Result<Line<'_>>> {
        let mut start = 0;
        self.ends.iter().map(move |&[subject, predicate, end]| {
            let [subject, predicate, end] = [subject, predicate, end].map(|at| at as usize);
            let line = Line::from_terms(
                &self.text[start..subject],
                &self.text[subject + 1..predicate],
                &self.text[predicate + 1..end - " .\n".len()],
            );
            start = end;
            line
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_back_into_the_triples_they_encode() {
        let subject = NamedNodeRef::new_unchecked("https://w3id.org/kzlg/id/unit/x");
        let predicate = NamedNodeRef::new_unchecked(kzlg!("evidence"));
        let string = NamedNodeRef::new_unchecked(xsd!("integer"));
        let objects: [TermRef<'_>; 5] = [
            NamedNodeRef::new_unchecked("https://w3id.org/kzlg/id/unit/y").into(),
            LiteralRef::new_simple_literal("\"quoted\" \\back\\ line\nbreak\r tab\t bell\u{7}").into(),
            LiteralRef::new_language_tagged_literal_unchecked("Қазақстан «ә»", "kk").into(),
            LiteralRef::new_typed_literal("42", string).into(),
            LiteralRef::new_simple_literal("").into(),
        ];
        for object in objects {
            let triple = TripleRef::new(subject, predicate, object);
            let mut line = Vec::new();
            encode(triple, &mut line);
            let text = std::str::from_utf8(&line).unwrap();
            assert!(text.ends_with(" .\n"), "{text}");
            assert_eq!(Line::split(text.trim_end()).unwrap().triple(), triple, "{text}");
        }
    }

    /// A chunk's lines are cut back into the terms pushed, in order, whatever they hold.
    #[test]
    fn a_chunk_cuts_back_into_the_terms_of_each_line() {
        let terms = [
            (
                "<https://w3id.org/kzlg/id/unit/x>",
                "<http://www.w3.org/2000/01/rdf-schema#label>",
                "\"a . b \\\" c\"@kk",
            ),
            (
                "<https://w3id.org/kzlg/id/unit/y>",
                "<https://w3id.org/kzlg/ontology#partOf>",
                "<https://w3id.org/kzlg/id/unit/x>",
            ),
            ("<s>", "<p>", "\"\""),
        ];
        let mut chunk = Chunk::default();
        for (s, p, o) in terms {
            chunk.push(s, p, o);
        }
        let expected: String = terms.iter().map(|(s, p, o)| format!("{s} {p} {o} .\n")).collect();
        assert_eq!(chunk.text(), expected);
        assert_eq!(chunk.len(), 3);
        let cut: Vec<String> = chunk
            .lines()
            .map(|line| format!("{} .\n", line.unwrap().triple()))
            .collect();
        assert_eq!(cut.concat(), expected);
    }

    #[test]
    fn lines_kzlg_does_not_write_are_refused() {
        for line in ["_:b <p> <o> .", "<s> <p> <o>", "<s> <p> \"x\"junk ."] {
            assert!(Line::split(line).is_err(), "{line}");
        }
    }
}
