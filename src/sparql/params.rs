//! Query parameters: a query declares them in its comment header,
//!
//! ```sparql
//! # param: place unit "the place the events happened in"
//! SELECT ?event WHERE { VALUES ?place { unit:oskemen } ?event kzlg:place ?place }
//! ```
//!
//! and holds one `VALUES ?place { … }` block for each, whose contents are the default. A value
//! given for it replaces the contents: for an entity kind or class the entity the search
//! ([`crate::search`], the ranking of `kzlg resolve`) finds for it, for `date` a typed literal
//! at its precision, for `text` a string literal. [`declared`] reads the declarations and
//! [`fill`] writes the values in; every problem of a run is returned, not only the first.

use std::fmt;

use oxigraph::model::{Literal, NamedNode};

use super::lexer::{self, TokenKind};
use crate::date::Date;
use crate::search::{Candidate, Index};

/// What a parameter takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamKind {
    /// An entity of a kind or class, as `kzlg resolve --type` takes it (`unit`, `Region`).
    Entity(String),
    /// A date at any precision: `2002`, `2002-11`, `2002-11-05`, `--11-05`.
    Date,
    /// Any text, as a plain string literal.
    Text,
}

impl fmt::Display for ParamKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Entity(kind) => f.write_str(kind),
            Self::Date => f.write_str("date"),
            Self::Text => f.write_str("text"),
        }
    }
}

/// One declared parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    pub description: String,
    /// The contents of its `VALUES` block, white space collapsed; empty without a block.
    pub default: String,
    /// The byte range of the block's contents in the query text, when there is exactly one.
    block: Option<(usize, usize)>,
}

/// Something wrong with a parameter's declaration or with a value given for it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("line {line}: cannot read the declaration {text:?}; write `# param: NAME KIND \"what it is\"`")]
    Malformed { line: usize, text: String },
    #[error("the parameter '{name}' is declared twice")]
    DeclaredTwice { name: String },
    #[error(
        "the parameter '{name}' has no `VALUES ?{name} {{ … }}` block in the query: add one, holding its default value"
    )]
    NoBlock { name: String },
    #[error("the parameter '{name}' has {count} `VALUES ?{name}` blocks: keep one")]
    SeveralBlocks { name: String, count: usize },
    #[error("{given:?} is not NAME=VALUE (as in --param place=oskemen)")]
    NotAssignment { given: String },
    #[error("{}", undeclared(name, declared))]
    Undeclared { name: String, declared: Vec<String> },
    #[error("--param {name} is given twice")]
    GivenTwice { name: String },
    #[error("--param {name}={value}: {reason}; give a date as YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD")]
    BadDate {
        name: String,
        value: String,
        reason: String,
    },
    #[error("the parameter '{name}' is of an unknown kind: {message}")]
    UnknownKind { name: String, message: String },
    #[error("--param {name}={value}: no {kind} is called so{}", nearest(near))]
    NoMatch {
        name: String,
        value: String,
        kind: String,
        near: Vec<String>,
    },
    #[error(
        "--param {name}={value}: {} entities of type {kind} match equally: {}; give one by its id (--param {name}=ID)",
        candidates.len(),
        candidates.join("; ")
    )]
    Ambiguous {
        name: String,
        value: String,
        kind: String,
        candidates: Vec<String>,
    },
    #[error("--param {name}: the entity search is not available here")]
    NoIndex { name: String },
}

fn undeclared(name: &str, declared: &[String]) -> String {
    let names: Vec<&str> = declared.iter().map(String::as_str).collect();
    let near = crate::load::closest(name, &names).map_or_else(String::new, |n| format!("did you mean '{n}'? "));
    match declared.is_empty() {
        true => format!(
            "--param {name}: the query declares no parameters (a header line `# param: NAME KIND \"what it is\"` declares one)"
        ),
        false => format!(
            "--param {name}: the query declares no parameter '{name}'; {near}it declares: {}",
            declared.join(", ")
        ),
    }
}

fn nearest(near: &[String]) -> String {
    match near.is_empty() {
        true => String::new(),
        false => format!("; the nearest names: {}", near.join("; ")),
    }
}

/// The parameters `text` declares in its comment header, with their `VALUES` blocks, and the
/// problems of the declarations.
pub fn declared(text: &str) -> (Vec<Param>, Vec<ParamError>) {
    let (mut params, mut errors) = (Vec::<Param>::new(), Vec::new());
    for (i, line) in text.lines().enumerate().take_while(|(_, l)| l.starts_with('#')) {
        let Some(rest) = line.trim_start_matches('#').trim().strip_prefix("param:") else {
            continue;
        };
        match declaration(rest.trim()) {
            Some((name, kind, description)) if params.iter().any(|p| p.name == name) => {
                let _ = (kind, description);
                errors.push(ParamError::DeclaredTwice { name });
            }
            Some((name, kind, description)) => params.push(Param {
                name,
                kind,
                description,
                default: String::new(),
                block: None,
            }),
            None => errors.push(ParamError::Malformed {
                line: i + 1,
                text: line.to_owned(),
            }),
        }
    }
    let blocks = values_blocks(text);
    for param in &mut params {
        let mine: Vec<&(&str, usize, usize)> = blocks.iter().filter(|(name, ..)| *name == param.name).collect();
        match mine.as_slice() {
            [] => errors.push(ParamError::NoBlock {
                name: param.name.clone(),
            }),
            [(_, start, end)] => {
                param.block = Some((*start, *end));
                param.default = text[*start..*end].split_whitespace().collect::<Vec<_>>().join(" ");
            }
            several => errors.push(ParamError::SeveralBlocks {
                name: param.name.clone(),
                count: several.len(),
            }),
        }
    }
    (params, errors)
}

/// `NAME KIND "description"` (the quotes may be left out).
fn declaration(rest: &str) -> Option<(String, ParamKind, String)> {
    let (name, rest) = rest.split_once(char::is_whitespace)?;
    let name = name.trim_start_matches(['?', '$']);
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let rest = rest.trim_start();
    let (kind, description) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let kind = match kind {
        "" => return None,
        "date" => ParamKind::Date,
        "text" => ParamKind::Text,
        other => ParamKind::Entity(other.to_owned()),
    };
    let description = description.trim();
    let description = description
        .strip_prefix('"')
        .and_then(|d| d.strip_suffix('"'))
        .unwrap_or(description);
    Some((name.to_owned(), kind, description.to_owned()))
}

/// Every single-variable `VALUES ?x { … }` block: the variable and the byte range inside the braces.
fn values_blocks(text: &str) -> Vec<(&str, usize, usize)> {
    let tokens = lexer::tokens(text);
    let mut blocks = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let TokenKind::Word(word) = token.kind else { continue };
        if !word.eq_ignore_ascii_case("VALUES") {
            continue;
        }
        let (Some(TokenKind::Variable(name)), Some(TokenKind::Punct('{'))) =
            (tokens.get(i + 1).map(|t| &t.kind), tokens.get(i + 2).map(|t| &t.kind))
        else {
            continue;
        };
        let open = &tokens[i + 2];
        if let Some(close) = tokens[i + 3..].iter().find(|t| t.kind == TokenKind::Punct('}')) {
            blocks.push((*name, open.end, close.start));
        }
    }
    blocks
}

/// Splits `--param NAME=VALUE`.
pub fn assignment(given: &str) -> Result<(String, String), ParamError> {
    match given.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim().to_owned(), value.trim().to_owned())),
        _ => Err(ParamError::NotAssignment {
            given: given.to_owned(),
        }),
    }
}

/// `text` with the `VALUES` block of each parameter in `given` holding that value: the filled
/// query, or every problem found (of the declarations and of the values). Parameters not given
/// keep their defaults. `index` resolves entity names; it is needed only when an entity
/// parameter is given.
pub fn fill(text: &str, given: &[(String, String)], index: Option<&Index>) -> Result<String, Vec<ParamError>> {
    let (params, mut errors) = declared(text);
    let names: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
    let mut replacements = Vec::new();
    for (at, (name, value)) in given.iter().enumerate() {
        if given[..at].iter().any(|(n, _)| n == name) {
            errors.push(ParamError::GivenTwice { name: name.clone() });
            continue;
        }
        let Some(param) = params.iter().find(|p| &p.name == name) else {
            errors.push(ParamError::Undeclared {
                name: name.clone(),
                declared: names.clone(),
            });
            continue;
        };
        match term(param, value, index) {
            Ok(term) => {
                if let Some(block) = param.block {
                    replacements.push((block, term));
                }
            }
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    replacements.sort_by_key(|(block, _)| *block);
    let mut filled = String::with_capacity(text.len());
    let mut copied = 0;
    for ((start, end), term) in replacements {
        filled.push_str(&text[copied..start]);
        filled.push(' ');
        filled.push_str(&term);
        filled.push(' ');
        // The lines of the default are kept, so that warnings and errors cite the lines of the file.
        filled.extend(text[start..end].matches('\n').map(|_| '\n'));
        copied = end;
    }
    filled.push_str(&text[copied..]);
    Ok(filled)
}

/// The SPARQL term `value` stands for as a value of `param`.
fn term(param: &Param, value: &str, index: Option<&Index>) -> Result<String, ParamError> {
    let name = param.name.clone();
    match &param.kind {
        ParamKind::Text => Ok(Literal::new_simple_literal(value).to_string()),
        ParamKind::Date => match Date::parse(value) {
            Ok(date) => {
                Ok(Literal::new_typed_literal(date.to_string(), NamedNode::new_unchecked(date.datatype())).to_string())
            }
            Err(reason) => Err(ParamError::BadDate {
                name,
                value: value.to_owned(),
                reason,
            }),
        },
        ParamKind::Entity(kind) => {
            let index = index.ok_or_else(|| ParamError::NoIndex { name: name.clone() })?;
            let filters = index.filters(Some(kind), None).map_err(|e| ParamError::UnknownKind {
                name: name.clone(),
                message: e.to_string(),
            })?;
            entity(index, &filters, &name, kind, value).map(|iri| format!("<{iri}>"))
        }
    }
}

/// The IRI of the one entity `value` names among those `filters` keep: an id (or prefixed
/// name, or IRI) of such an entity, else the best-ranked match when it ranks above the others.
fn entity(
    index: &Index,
    filters: &crate::search::Filters,
    name: &str,
    kind: &str,
    value: &str,
) -> Result<String, ParamError> {
    if let Some(entity) = index
        .entity(crate::schema::kinds::id_of(value))
        .filter(|e| is_of(e, kind))
    {
        return Ok(entity.kind.iri(&entity.id));
    }
    let found = index.find(value, filters);
    match found.as_slice() {
        [] => Err(ParamError::NoMatch {
            name: name.to_owned(),
            value: value.to_owned(),
            kind: kind.to_owned(),
            near: near_names(index, kind, value),
        }),
        [one] => Ok(one.entity.kind.iri(&one.entity.id)),
        [first, second, ..] if first.score > second.score => Ok(first.entity.kind.iri(&first.entity.id)),
        several => Err(ParamError::Ambiguous {
            name: name.to_owned(),
            value: value.to_owned(),
            kind: kind.to_owned(),
            candidates: several
                .iter()
                .filter(|c| c.score == several[0].score)
                .map(|c| describe(index, c))
                .collect(),
        }),
    }
}

/// Whether `entity` is of `kind` as [`Index::filters`] reads it (a kind's name, else a class),
/// for the entity named by id and the near names, which the ranking does not produce.
fn is_of(entity: &crate::search::Entity, kind: &str) -> bool {
    let named = |k: &&crate::schema::Kind| {
        [k.segment(), k.prefix(), k.noun()]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(kind))
    };
    match crate::schema::Kind::ALL.iter().find(named) {
        Some(k) => entity.kind == *k,
        None => entity.class.eq_ignore_ascii_case(kind),
    }
}

/// `unit:zhambyl-district (District, in Zhambyl Region): Zhambyl District`.
fn describe(index: &Index, candidate: &Candidate<'_>) -> String {
    let entity = candidate.entity;
    let regions: Vec<&str> = entity.regions.iter().map(|r| index.label(r)).collect();
    let within = match regions.is_empty() {
        true => String::new(),
        false => format!(", in {}", regions.join(", ")),
    };
    format!(
        "{} ({}{within}): {}",
        entity.kind.curie(&entity.id),
        entity.class,
        entity.label
    )
}

/// The three names of the kind nearest to `value` by spelling, for a value that matched nothing.
fn near_names(index: &Index, kind: &str, value: &str) -> Vec<String> {
    let wanted = crate::search::stems(value).join(" ");
    let mut scored: Vec<(f64, String)> = index
        .entities()
        .iter()
        .filter(|e| is_of(e, kind))
        .map(|e| {
            let label = crate::search::stems(&e.label).join(" ");
            let score = strsim::jaro_winkler(&wanted, &label).max(strsim::jaro_winkler(value, &e.id));
            (score, format!("{} ({})", e.kind.curie(&e.id), e.label))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUERY: &str = "# title: Events in a place\n\
        # param: place unit \"the place\"\n\
        # param: since date \"the first day\"\n\
        # param: word text\n\
        SELECT * WHERE { VALUES ?place { unit:oskemen } VALUES ?since { \"2002\"^^xsd:gYear }\n\
        VALUES ?word { \"x\" } }";

    #[test]
    fn declarations_and_defaults_are_read() {
        let (params, errors) = declared(QUERY);
        assert!(errors.is_empty(), "{errors:?}");
        let read: Vec<(&str, String, &str, &str)> = params
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.kind.to_string(),
                    p.description.as_str(),
                    p.default.as_str(),
                )
            })
            .collect();
        assert_eq!(
            read,
            vec![
                ("place", "unit".to_owned(), "the place", "unit:oskemen"),
                ("since", "date".to_owned(), "the first day", "\"2002\"^^xsd:gYear"),
                ("word", "text".to_owned(), "", "\"x\""),
            ]
        );
    }

    #[test]
    fn dates_and_texts_are_written_as_literals() {
        let given = [
            ("since".to_owned(), "2002-11".to_owned()),
            ("word".to_owned(), "say \"hi\"".to_owned()),
        ];
        let filled = fill(QUERY, &given, None).unwrap();
        assert!(
            filled.contains("VALUES ?since { \"2002-11\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> }"),
            "{filled}"
        );
        assert!(filled.contains("VALUES ?word { \"say \\\"hi\\\"\" }"), "{filled}");
        assert!(filled.contains("VALUES ?place { unit:oskemen }"), "{filled}");
    }

    #[test]
    fn every_problem_is_reported() {
        let given = [
            ("sinse".to_owned(), "2002".to_owned()),
            ("since".to_owned(), "2002-13".to_owned()),
        ];
        let errors = fill(QUERY, &given, None).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(
            errors[0].to_string(),
            "--param sinse: the query declares no parameter 'sinse'; did you mean 'since'? it declares: place, since, word"
        );
        assert!(matches!(&errors[1], ParamError::BadDate { .. }), "{errors:?}");
    }

    #[test]
    fn a_parameter_without_its_block_is_an_error() {
        let (_, errors) = declared("# param: place unit \"the place\"\nSELECT * WHERE { ?s ?p ?o }");
        assert_eq!(
            errors,
            vec![ParamError::NoBlock {
                name: "place".to_owned()
            }]
        );
    }
}
