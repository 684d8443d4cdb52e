//! Warnings for a query that parses but names what the graph does not hold: a misspelt term
//! of the project's vocabularies (`kzlg:appointedby`) or an entity that does not exist
//! (`org:usaid`, meant as `kzorg:usaid`). Such a query runs, and quietly finds nothing; the
//! warning names the nearest existing name, by local name over every namespace. The terms are
//! known from the store, which holds the data and the ontology (its own named graph).

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use oxigraph::model::{NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use oxigraph::store::Store;

use super::lexer::{self, TokenKind};
use crate::vocab::{PREFIXES, compact};

/// Namespaces of other datasets and of datatypes: their terms are not expected in the store.
const UNCHECKED: [&str; 4] = ["xsd", "wd", "wdt", "geonames"];

/// A name the query writes that the graph does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based, in characters, as the parser's errors count.
    pub line: usize,
    pub column: usize,
    /// As the query writes it: `kzlg:appointedby` or `<https://…>`.
    pub written: String,
    pub iri: String,
    /// The nearest name the graph holds, prefixed where a project prefix covers it.
    pub nearest: Option<String>,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {} is not in the graph", self.line, self.column, self.written)?;
        match &self.nearest {
            Some(nearest) => write!(f, "; did you mean {nearest}?"),
            None => write!(f, " (the query will find nothing through it)"),
        }
    }
}

/// The warnings for `text` against `store`: one per distinct unknown name, at its first place.
pub fn unknown_names(text: &str, store: &Store) -> Vec<Warning> {
    let tokens = lexer::tokens(text);
    let mut declared: HashMap<&str, &str> = PREFIXES.iter().copied().collect();
    let checked: Vec<&str> = PREFIXES
        .iter()
        .filter(|(prefix, _)| !UNCHECKED.contains(prefix))
        .map(|(_, ns)| *ns)
        .collect();
    let mut warnings: Vec<Warning> = Vec::new();
    let mut known = None;
    for (i, token) in tokens.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| &tokens[p].kind);
        if let (Some(TokenKind::Word(word)), TokenKind::Prefixed { prefix, local: "" }) = (previous, &token.kind) {
            if word.eq_ignore_ascii_case("PREFIX") {
                if let Some(TokenKind::Iri(namespace)) = tokens.get(i + 1).map(|t| &t.kind) {
                    declared.insert(prefix, namespace);
                }
                continue;
            }
        }
        // A name called as a function (`kzlg:holdsOn(…)`) is a function, not a term of the graph.
        if tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Punct('(')) {
            continue;
        }
        let iri = match &token.kind {
            TokenKind::Prefixed { prefix, local } if !local.is_empty() => match declared.get(prefix) {
                Some(namespace) => format!("{namespace}{}", local.replace('\\', "")),
                None => continue,
            },
            TokenKind::Iri(iri) => (*iri).to_owned(),
            _ => continue,
        };
        let Some(namespace) = checked
            .iter()
            .filter(|ns| iri.starts_with(**ns))
            .max_by_key(|ns| ns.len())
        else {
            continue;
        };
        if iri.len() == namespace.len() || in_store(store, &iri) || warnings.iter().any(|w| w.iri == iri) {
            continue;
        }
        let known = known.get_or_insert_with(|| names_in(store, &checked));
        let (line, column) = lexer::line_column(text, token.start);
        warnings.push(Warning {
            line,
            column,
            written: text[token.start..token.end].to_owned(),
            nearest: nearest(&iri, namespace, known, &checked),
            iri,
        });
    }
    warnings
}

fn in_store(store: &Store, iri: &str) -> bool {
    let node = NamedNodeRef::new_unchecked(iri);
    let found = |mut quads: oxigraph::store::QuadIter<'_>| quads.next().is_some();
    found(store.quads_for_pattern(Some(node.into()), None, None, None))
        || found(store.quads_for_pattern(None, Some(node), None, None))
        || found(store.quads_for_pattern(None, None, Some(node.into()), None))
}

/// Every IRI of the store in a checked namespace: subjects, predicates and objects.
fn names_in(store: &Store, checked: &[&str]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut add = |iri: &str| {
        if checked.iter().any(|ns| iri.starts_with(ns)) && !names.contains(iri) {
            names.insert(iri.to_owned());
        }
    };
    for quad in store.iter().flatten() {
        if let NamedOrBlankNodeRef::NamedNode(node) = quad.subject.as_ref() {
            add(node.as_str());
        }
        add(quad.predicate.as_str());
        if let TermRef::NamedNode(node) = quad.object.as_ref() {
            add(node.as_str());
        }
    }
    names
}

/// The local name of `iri` after the longest checked namespace that holds it.
fn local<'a>(iri: &'a str, checked: &[&str]) -> &'a str {
    checked
        .iter()
        .filter_map(|ns| iri.strip_prefix(ns))
        .min_by_key(|rest| rest.len())
        .unwrap_or(iri)
}

/// The known name whose local name is nearest to that of `iri`, when it is near enough to be a
/// slip (at most a third of the letters differ, two in a short name). Ties go to the same
/// namespace, then to the same case, then to the first in order.
fn nearest(iri: &str, namespace: &str, known: &BTreeSet<String>, checked: &[&str]) -> Option<String> {
    let wanted = &iri[namespace.len()..];
    let lowered = wanted.to_lowercase();
    let limit = (lowered.chars().count() / 3).max(2);
    known
        .iter()
        .filter_map(|candidate| {
            let theirs = local(candidate, checked);
            let distance = strsim::levenshtein(&theirs.to_lowercase(), &lowered);
            (distance <= limit).then(|| {
                let elsewhere = !candidate.starts_with(namespace) || candidate[namespace.len()..].contains('/');
                (distance, elsewhere, strsim::levenshtein(theirs, wanted), candidate)
            })
        })
        .min()
        .map(|(.., candidate)| compact(candidate))
}
