//! The HTML of an entity's page.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::{Links, SECTIONS, evidence, link, object, period_words, section};
use crate::page::{Lang, Page, Word};
use crate::vocab::KZID;

/// The body of an entity's page (to put in [`layout`]).
pub fn entity(page: &Page, lang: Lang, base: &str) -> String {
    entity_linked(page, lang, &Links::server(base))
}

pub fn entity_linked(page: &Page, lang: Lang, links: &Links) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(
        out,
        "<article class=\"entity {}\">\n<h1>{}</h1>",
        page.kind.segment(),
        text(page.node.label_in(lang))
    );
    let _ = write!(
        out,
        "<p class=\"iri\"><code>{}</code> · <code>{}</code>",
        text(&page.node.iri),
        text(&page.kind.curie(&page.id))
    );
    if let Some(on) = page.on {
        let _ = write!(out, " · {} {on}", text(lang.text(Word::AsOf)));
    }
    out.push_str("</p>\n");
    // Names in every language.
    let _ = writeln!(
        out,
        "<section class=\"names\">\n<h2>{}</h2>\n<dl>",
        text(lang.text(Word::Names))
    );
    for label in &page.node.labels {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd lang=\"{}\">{}</dd>",
            text(&label.lang),
            attr(&label.lang),
            text(&label.text)
        );
    }
    if !page.alt_labels.is_empty() {
        let also: Vec<String> = page
            .alt_labels
            .iter()
            .map(|l| format!("<span lang=\"{}\">{}</span>", attr(&l.lang), text(&l.text)))
            .collect();
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            text(lang.text(Word::AlsoCalled)),
            also.join("; ")
        );
    }
    out.push_str("</dl>\n</section>\n");
    // What it is.
    let _ = write!(
        out,
        "<section class=\"what\">\n<h2>{}</h2>\n<p>{}",
        text(lang.text(Word::WhatItIs)),
        text(lang.kind(page.kind))
    );
    for class in &page.types {
        out.push_str(", ");
        link(&mut out, class, lang, links);
    }
    out.push_str("</p>\n");
    if !page.attributes.is_empty() {
        out.push_str("<dl>\n");
        for (property, value) in &page.attributes {
            out.push_str("<dt>");
            link(&mut out, property, lang, links);
            out.push_str("</dt><dd>");
            object(&mut out, value, lang, links);
            out.push_str("</dd>\n");
        }
        out.push_str("</dl>\n");
    }
    for note in &page.notes {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", text(note));
    }
    evidence(&mut out, &page.evidence, lang, links);
    out.push_str("</section>\n");
    for (which, heading) in SECTIONS {
        section(&mut out, page, which, heading, lang, links);
    }
    if !page.external_ids.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"ids\">\n<h2>{}</h2>\n<ul>",
            text(lang.text(Word::ExternalIds))
        );
        for id in &page.external_ids {
            let _ = write!(
                out,
                "<li>{}: <a href=\"{}\" rel=\"external\">{}</a>",
                text(id.scheme),
                attr(&id.url),
                text(&id.id)
            );
            if let Some(f) = &id.fact {
                let period = period_words(f, lang);
                if !period.is_empty() {
                    let _ = write!(out, " ({})", text(&period));
                }
                evidence(&mut out, &f.evidence, lang, links);
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !page.related.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"related\">\n<h2>{}</h2>\n<ul>",
            text(lang.text(Word::Related))
        );
        for node in &page.related {
            out.push_str("<li>");
            link(&mut out, node, lang, links);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    data_links(&mut out, &page.node.iri, lang, links);
    out.push_str("</article>\n");
    out
}

/// Links to the page's Turtle and JSON-LD.
fn data_links(out: &mut String, iri: &str, lang: Lang, links: &Links) {
    let Some(path) = iri.strip_prefix(KZID) else { return };
    let _ = writeln!(
        out,
        "<p class=\"formats\">{}: <a href=\"{base}id/{p}.ttl\" type=\"text/turtle\">Turtle</a> · <a href=\"{base}id/{p}.jsonld\" type=\"application/ld+json\">JSON-LD</a></p>",
        text(lang.text(Word::Formats)),
        base = attr(&links.base),
        p = attr(path),
    );
}
