//! The HTML of the page for an identifier the graph does not have.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::Links;
use crate::page::{Lang, Word};

/// An entity the search suggests on a page that was not found.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub iri: String,
    pub label: String,
    /// Its class or kind: `District`, `Akim`, `person`.
    pub class: String,
    pub score: f64,
}

/// The body of the page for an unknown id: what was asked for, and the entities it may mean.
pub fn not_found(wanted: &str, suggestions: &[Suggestion], lang: Lang, base: &str) -> String {
    not_found_linked(wanted, suggestions, lang, &Links::server(base))
}

pub fn not_found_linked(wanted: &str, suggestions: &[Suggestion], lang: Lang, links: &Links) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<article class=\"not-found\">\n<h1>{}</h1>\n<p><code>{}</code></p>",
        text(lang.text(Word::NotFound)),
        text(wanted)
    );
    if !suggestions.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", text(lang.text(Word::DidYouMean)));
        for s in suggestions {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a> <span class=\"class\">{}</span></li>",
                attr(&links.href(&s.iri)),
                text(&s.label),
                text(&s.class)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
    out
}

/// The suggestions for an unknown id: the entities the search finds for its last segment
/// (`zhambyl-district` of `/id/unit/zhambyl-district`), hyphens read as spaces, best first.
pub fn suggestions(index: &crate::search::Index, wanted: &str, limit: usize) -> Vec<Suggestion> {
    let words = wanted.rsplit('/').next().unwrap_or(wanted).replace(['-', '_'], " ");
    index
        .find(&words, &crate::search::Filters::default())
        .into_iter()
        .take(limit)
        .map(|c| Suggestion {
            iri: c.entity.kind.iri(&c.entity.id),
            label: c.entity.label.clone(),
            class: c.entity.class.clone(),
            score: c.score,
        })
        .collect()
}
