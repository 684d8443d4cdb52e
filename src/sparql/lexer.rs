//! A light tokenizer of SPARQL text, enough to find what the parser does not report: the IRIs
//! and prefixed names a query writes (for [`super::lint`]) and its `VALUES ?x { … }` blocks
//! (for [`super::params`]), each with its place in the text. Comments and string literals are
//! skipped whole, so a `#` or a `<` inside a string is not mistaken for code.

/// One token and the byte range of the text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind<'a>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind<'a> {
    /// `<…>` without its brackets.
    Iri(&'a str),
    /// `prefix:local` (`prefix` may be empty; `_:b` blank nodes have the prefix `_`).
    Prefixed { prefix: &'a str, local: &'a str },
    /// `?name` or `$name`, without the sigil.
    Variable(&'a str),
    /// A keyword, `a`, a number or a boolean.
    Word(&'a str),
    /// A string literal, quotes included.
    Literal,
    /// Any other character: `{`, `}`, `.`, `;`, `(`…
    Punct(char),
}

/// The tokens of `text`, in order; comments and white space are dropped.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let start = at;
        let kind = match c {
            c if c.is_whitespace() => {
                at += c.len_utf8();
                continue;
            }
            '#' => {
                at = text[at..].find('\n').map_or(text.len(), |n| at + n);
                continue;
            }
            '"' | '\'' => {
                at = string_end(text, at);
                TokenKind::Literal
            }
            '<' => match iri_end(text, at) {
                Some(end) => {
                    at = end;
                    TokenKind::Iri(&text[start + 1..end - 1])
                }
                None => {
                    at += 1;
                    TokenKind::Punct('<')
                }
            },
            '?' | '$' if text[at + 1..].chars().next().is_some_and(is_name_char) => {
                at = name_end(text, at + 1, false, true);
                TokenKind::Variable(&text[start + 1..at])
            }
            ':' => {
                at = name_end(text, at + 1, true, false);
                TokenKind::Prefixed {
                    prefix: "",
                    local: &text[start + 1..at],
                }
            }
            c if is_name_char(c) => {
                at = name_end(text, at, false, false);
                if bytes.get(at) == Some(&b':') {
                    let prefix = &text[start..at];
                    at = name_end(text, at + 1, true, false);
                    TokenKind::Prefixed {
                        prefix,
                        local: &text[start + prefix.len() + 1..at],
                    }
                } else {
                    TokenKind::Word(&text[start..at])
                }
            }
            other => {
                at += other.len_utf8();
                TokenKind::Punct(other)
            }
        };
        tokens.push(Token { kind, start, end: at });
    }
    tokens
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// The end of a name begun at `at`: name characters and inner dots (a name does not end with
/// `.`, which then closes the triple); a local part may hold `:` and `%` too. A variable's
/// name has no `-` (`?a-1` is a subtraction).
fn name_end(text: &str, at: usize, local: bool, variable: bool) -> usize {
    let name_char = |c: char| is_name_char(c) && !(variable && c == '-');
    let mut end = at;
    let mut chars = text[at..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if name_char(c) {
            end = at + i + c.len_utf8();
        } else if !variable
            && (c == '.' || (local && (c == ':' || c == '%')))
            && chars.peek().is_some_and(|&(_, next)| name_char(next))
        {
            continue;
        } else {
            break;
        }
    }
    end
}

/// The end of an IRI reference `<…>` begun at `at`, if it is one (not a `<` comparison).
fn iri_end(text: &str, at: usize) -> Option<usize> {
    for (i, c) in text[at + 1..].char_indices() {
        match c {
            '>' => return Some(at + 1 + i + 1),
            '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\' => return None,
            c if c.is_whitespace() || c.is_control() => return None,
            _ => {}
        }
    }
    None
}

/// The end of the string literal begun at `at` (short or long form), or of the text when it
/// is not closed.
fn string_end(text: &str, at: usize) -> usize {
    let quote = &text[at..at + 1];
    let long = quote.repeat(3);
    let (open, close) = match text[at..].starts_with(&long) {
        true => (3, long.as_str()),
        false => (1, quote),
    };
    let mut i = at + open;
    while i < text.len() {
        if text[i..].starts_with('\\') {
            i += 1 + text[i + 1..].chars().next().map_or(0, char::len_utf8);
        } else if text[i..].starts_with(close) {
            return i + close.len();
        } else if open == 1 && text[i..].starts_with('\n') {
            return i;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    text.len()
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind<'_>> {
        tokens(text).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn names_iris_and_variables_are_told_apart() {
        assert_eq!(
            kinds("?p kzlg:appointedBy post:akim-district.\n# org:x\n<http://a/b> \"#org:y\" ?a < 3"),
            vec![
                TokenKind::Variable("p"),
                TokenKind::Prefixed {
                    prefix: "kzlg",
                    local: "appointedBy"
                },
                TokenKind::Prefixed {
                    prefix: "post",
                    local: "akim-district"
                },
                TokenKind::Punct('.'),
                TokenKind::Iri("http://a/b"),
                TokenKind::Literal,
                TokenKind::Variable("a"),
                TokenKind::Punct('<'),
                TokenKind::Word("3"),
            ]
        );
    }

    #[test]
    fn positions_count_characters() {
        let text = "# Қала\nSELECT";
        let select = &tokens(text)[0];
        assert_eq!(line_column(text, select.start), (2, 1));
    }
}
