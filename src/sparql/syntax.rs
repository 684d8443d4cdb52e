//! Syntax errors as a reader can act on them: the parser's line and column with the line
//! shown, and a plain hint for the common slips — a `}` missing or one too many, a `.` missing
//! between two triples, a prefix nobody declared, a misspelt keyword.

use std::collections::HashSet;

use super::lexer::{self, Token, TokenKind};
use crate::vocab::PREFIXES;

/// The keywords and built-in functions of SPARQL 1.1, for "did you mean" on a misspelt one.
const KEYWORDS: &[&str] = &[
    "BASE",
    "PREFIX",
    "SELECT",
    "CONSTRUCT",
    "DESCRIBE",
    "ASK",
    "DISTINCT",
    "REDUCED",
    "FROM",
    "NAMED",
    "WHERE",
    "GROUP",
    "BY",
    "HAVING",
    "ORDER",
    "ASC",
    "DESC",
    "LIMIT",
    "OFFSET",
    "VALUES",
    "OPTIONAL",
    "GRAPH",
    "SERVICE",
    "SILENT",
    "BIND",
    "AS",
    "UNDEF",
    "MINUS",
    "UNION",
    "FILTER",
    "NOT",
    "IN",
    "EXISTS",
    "a",
    "true",
    "false",
    "COUNT",
    "SUM",
    "MIN",
    "MAX",
    "AVG",
    "SAMPLE",
    "GROUP_CONCAT",
    "SEPARATOR",
    "STR",
    "LANG",
    "LANGMATCHES",
    "DATATYPE",
    "BOUND",
    "IRI",
    "URI",
    "BNODE",
    "RAND",
    "ABS",
    "CEIL",
    "FLOOR",
    "ROUND",
    "CONCAT",
    "STRLEN",
    "UCASE",
    "LCASE",
    "ENCODE_FOR_URI",
    "CONTAINS",
    "STRSTARTS",
    "STRENDS",
    "STRBEFORE",
    "STRAFTER",
    "YEAR",
    "MONTH",
    "DAY",
    "HOURS",
    "MINUTES",
    "SECONDS",
    "TIMEZONE",
    "TZ",
    "NOW",
    "UUID",
    "STRUUID",
    "MD5",
    "SHA1",
    "SHA256",
    "SHA384",
    "SHA512",
    "COALESCE",
    "IF",
    "STRLANG",
    "STRDT",
    "SAMETERM",
    "ISIRI",
    "ISURI",
    "ISBLANK",
    "ISLITERAL",
    "ISNUMERIC",
    "REGEX",
    "SUBSTR",
    "REPLACE",
    "LATERAL",
];

/// Turns the parser's `error at 3:15: expected …` into `name:3:15: expected …`, shows the line,
/// and adds the hints that apply.
pub fn explain(message: &str, text: &str, name: &str) -> String {
    let (located, offset) = locate(message, text, name);
    let hints = hints(text, offset);
    let mut explained = located;
    for hint in hints {
        explained.push_str("\n  hint: ");
        explained.push_str(&hint);
    }
    explained
}

/// The located message, and the byte offset the parser stopped at, if it said.
///
/// The parser reports the furthest point it reached, which after trailing white space can be
/// an empty line; the position shown is moved back to just after the last token before it.
fn locate(message: &str, text: &str, name: &str) -> (String, Option<usize>) {
    let position = message.strip_prefix("error at ").and_then(|rest| {
        let (position, rest) = rest.split_once(": ")?;
        let (line, column) = position.split_once(':')?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?, rest))
    });
    let Some((line, column, rest)) = position else {
        return (format!("{name}: {message}"), None);
    };
    // The parser lists every character a name may hold; the hint names the prefix instead.
    // and, after a choice of tokens, the character classes of a name: those are cut.
    let rest = match (rest.contains("Prefix not found"), rest.split_once(", [")) {
        (true, _) => "a prefix that is not declared".to_owned(),
        (false, Some((tokens, _))) if rest.starts_with("expected one of") => format!("{tokens} or a name"),
        (false, _) => rest.to_owned(),
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let offset = offset_of(&lines, line, column);
    let (mut line, mut column) = (line.max(1), column.max(1));
    while line > 1
        && lines
            .get(line - 1)
            .is_none_or(|l| l.chars().take(column - 1).all(char::is_whitespace))
    {
        line -= 1;
        column = lines[line - 1].trim_end().chars().count() + 1;
    }
    let source_line = lines.get(line - 1).copied().unwrap_or_default().trim_end();
    let caret = " ".repeat(column.saturating_sub(1)) + "^";
    (
        format!("{name}:{line}:{column}: {rest}\n  | {source_line}\n  | {caret}"),
        offset,
    )
}

/// The byte offset of a 1-based line and character column.
fn offset_of(lines: &[&str], line: usize, column: usize) -> Option<usize> {
    let before: usize = lines.get(..line.checked_sub(1)?)?.iter().map(|l| l.len() + 1).sum();
    let within = lines.get(line - 1)?;
    let column = within
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(within.len(), |(i, _)| i);
    Some(before + column)
}

fn hints(text: &str, offset: Option<usize>) -> Vec<String> {
    let tokens = lexer::tokens(text);
    let mut hints = Vec::new();
    let count = |c: char| tokens.iter().filter(|t| t.kind == TokenKind::Punct(c)).count();
    let (open, close) = (count('{'), count('}'));
    if open > close {
        hints.push(format!("{} `{{` opened but {} closed: a `}}` is missing", open, close));
    } else if close > open {
        hints.push(format!("{close} `}}` but only {open} `{{`: one `}}` is too many"));
    }
    hints.extend(undeclared_prefixes(&tokens));
    hints.extend(misspelt_keywords(&tokens));
    if let Some(hint) = offset.and_then(|offset| missing_dot(text, &tokens, offset)) {
        hints.push(hint);
    }
    hints
}

fn undeclared_prefixes(tokens: &[Token<'_>]) -> Vec<String> {
    let mut declared: Vec<&str> = PREFIXES.iter().map(|(prefix, _)| *prefix).collect();
    for pair in tokens.windows(2) {
        if let (TokenKind::Word(word), TokenKind::Prefixed { prefix, local: "" }) = (&pair[0].kind, &pair[1].kind) {
            if word.eq_ignore_ascii_case("PREFIX") {
                declared.push(prefix);
            }
        }
    }
    let mut seen = HashSet::new();
    let mut hints = Vec::new();
    for token in tokens {
        let TokenKind::Prefixed { prefix, .. } = token.kind else {
            continue;
        };
        if prefix == "_" || declared.contains(&prefix) || !seen.insert(prefix) {
            continue;
        }
        let near =
            crate::load::closest(prefix, &declared).map_or_else(String::new, |n| format!("did you mean `{n}:`? "));
        hints.push(format!(
            "the prefix `{prefix}:` is not declared; {near}declared are {}; or add `PREFIX {prefix}: <namespace>` at the top",
            PREFIXES.iter().map(|(p, _)| format!("{p}:")).collect::<Vec<_>>().join(" ")
        ));
    }
    hints
}

fn misspelt_keywords(tokens: &[Token<'_>]) -> Vec<String> {
    let mut hints = Vec::new();
    for token in tokens {
        let TokenKind::Word(word) = token.kind else { continue };
        if word.starts_with(|c: char| c.is_ascii_digit() || c == '-')
            || KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
        {
            continue;
        }
        let hint = match crate::load::closest(word, KEYWORDS) {
            Some(keyword) => format!("`{word}` is not a SPARQL keyword: did you mean {keyword}?"),
            None => format!("`{word}` is not a SPARQL keyword (a name needs its prefix, a variable its `?`)"),
        };
        if !hints.contains(&hint) {
            hints.push(hint);
        }
    }
    hints
}

/// A `.` missing between two triples: before where the parser stopped, a line ends with three
/// terms in a row (subject, predicate, object) and the next line begins with another term.
fn missing_dot(text: &str, tokens: &[Token<'_>], offset: usize) -> Option<String> {
    let term = |t: &Token<'_>| {
        matches!(
            t.kind,
            TokenKind::Iri(_)
                | TokenKind::Prefixed { .. }
                | TokenKind::Variable(_)
                | TokenKind::Literal
                | TokenKind::Word("a")
        )
    };
    let line_of = |at: usize| lexer::line_column(text, at).0;
    tokens
        .windows(4)
        .rev()
        .filter(|w| w[3].start <= offset)
        .find(|w| w.iter().all(term) && line_of(w[2].end) < line_of(w[3].start))
        .map(|w| {
            format!(
                "a `.` may be missing at the end of line {}, to end the triple before the next",
                line_of(w[2].end)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_text_gets_hints_without_panicking() {
        for text in [
            "\nۀۀ\0",
            "SELECT * WHERE { ?s ?p \"unterminated",
            "SELECT * WHERE { ?s ?p '''long\n",
            "ASK { <http://a ?p ?o",
            "ASK { ?s ?p :\\",
            "ASK { ?s ?p ?o . } }",
            "Қала: ?x",
        ] {
            let Err(crate::error::Error::QuerySyntax(message)) = super::super::prepare(text, "-e") else {
                panic!("{text:?} parsed")
            };
            assert!(message.starts_with("-e:"), "{message}");
        }
    }

    #[test]
    fn a_brace_too_many_is_named() {
        assert_eq!(
            hints("ASK { ?s ?p ?o . } }", None),
            vec!["2 `}` but only 1 `{`: one `}` is too many".to_owned()]
        );
    }
}
