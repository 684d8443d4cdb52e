//! The pages as HTML: the same markup for the server (`/id/<kind>/<id>`) and the static site
//! (`id/<kind>/<id>.html`, linked relatively), told apart only by [`Links`]. Every text is
//! escaped with `html-escape`; the style sheet is inlined, so a page needs nothing else.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::term::{Ontology, Term, TermKind};
use super::{Evidence, Fact, Lang, Node, Object, Page, Section, Word};
use crate::time::Holds;
use crate::vocab::{KZID, KZLG, ONTOLOGY_IRI};

/// The style of every page.
pub const STYLE: &str = include_str!("assets/style.css");

/// Where a page's links point.
#[derive(Clone, Debug)]
pub struct Links {
    /// The prefix of `id/<kind>/<id>`: `/` or `http://127.0.0.1:7878/` on a server, `../../`
    /// from a static entity page.
    pub base: String,
    /// `.html` in a static folder, empty on a server (which negotiates).
    pub ext: &'static str,
    /// Whether the language switch links `?lang=`: a server answers it, a static folder does not.
    pub switch: bool,
}

impl Links {
    /// Links of a server's pages under `base`.
    pub fn server(base: &str) -> Links {
        Links {
            base: base.to_owned(),
            ext: "",
            switch: true,
        }
    }

    /// Relative links of a static site's page `depth` folders below its root.
    pub fn static_site(depth: usize) -> Links {
        Links {
            base: "../".repeat(depth),
            ext: ".html",
            switch: false,
        }
    }

    /// Where a browser finds `iri`: its page when the graph or the ontology has it, else the IRI.
    pub fn href(&self, iri: &str) -> String {
        if let Some(path) = iri.strip_prefix(KZID) {
            return format!("{}id/{path}{}", self.base, self.ext);
        }
        if let Some(local) = iri.strip_prefix(KZLG) {
            return format!("{}ontology/{local}{}", self.base, self.ext);
        }
        if iri == ONTOLOGY_IRI {
            return format!("{}ontology{}", self.base, self.ext);
        }
        iri.to_owned()
    }

    /// The search page, which takes `?q=`.
    pub fn search(&self) -> String {
        format!("{}search{}", self.base, self.ext)
    }

    pub fn home(&self) -> String {
        match self.ext {
            "" => self.base.clone(),
            _ => format!("{}index.html", self.base),
        }
    }
}

/// The page chrome around `body`: the header with the site's name, the search box, the language
/// switch; the footer with the licence and the source.
pub fn layout(title: &str, lang: Lang, body: &str, base: &str) -> String {
    layout_linked(title, lang, body, &Links::server(base))
}

pub fn layout_linked(title: &str, lang: Lang, body: &str, links: &Links) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + 2048);
    let site = lang.text(Word::SiteName);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — kzlg</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<a class=\"site\" href=\"{}\">{}</a>\n<form class=\"search\" action=\"{}\" method=\"get\" role=\"search\">\n<input type=\"search\" name=\"q\" placeholder=\"{}\" aria-label=\"{}\">\n",
        lang.tag(),
        text(title),
        attr(&links.home()),
        text(site),
        attr(&links.search()),
        attr(lang.text(Word::SearchHint)),
        attr(lang.text(Word::Search)),
    );
    if links.switch {
        let _ = write!(out, "<input type=\"hidden\" name=\"lang\" value=\"{}\">\n", lang.tag());
    }
    let _ = write!(
        out,
        "<button type=\"submit\">{}</button>\n</form>\n",
        text(lang.text(Word::Search))
    );
    if links.switch {
        out.push_str("<nav class=\"lang\">");
        for other in Lang::ALL {
            match other == lang {
                true => {
                    let _ = write!(out, "<strong>{}</strong> ", text(other.name()));
                }
                false => {
                    let _ = write!(
                        out,
                        "<a href=\"?lang={}\" hreflang=\"{}\" lang=\"{}\">{}</a> ",
                        other.tag(),
                        other.tag(),
                        other.tag(),
                        text(other.name())
                    );
                }
            }
        }
        out.push_str("</nav>\n");
    }
    let _ = write!(
        out,
        "</header>\n<main>\n{body}</main>\n<footer>\n<p>{} · <a href=\"{}\">{}</a> · <a href=\"https://github.com/kzlg/kzlg\">{}</a></p>\n</footer>\n</body>\n</html>\n",
        text(lang.text(Word::Licence)),
        attr(&links.href(ONTOLOGY_IRI)),
        text(lang.text(Word::Ontology)),
        text(lang.text(Word::SourceCode)),
    );
    out
}

/// A link to `node`, labelled in `lang`.
fn link(out: &mut String, node: &Node, lang: Lang, links: &Links) {
    let _ = write!(
        out,
        "<a href=\"{}\">{}</a>",
        attr(&links.href(&node.iri)),
        text(node.label_in(lang))
    );
}

fn object(out: &mut String, object: &Object, lang: Lang, links: &Links) {
    match object {
        Object::Node(node) => link(out, node, lang, links),
        Object::Value(value) if value.lang.is_empty() => {
            let _ = write!(out, "<span class=\"value\">{}</span>", text(&value.text));
        }
        Object::Value(value) => {
            let _ = write!(
                out,
                "<span class=\"value\" lang=\"{}\">{}</span>",
                attr(&value.lang),
                text(&value.text)
            );
        }
    }
}

/// "2001 – 2025", "from 2013-08", "attested in 2002-11".
pub fn period_words(fact: &Fact, lang: Lang) -> String {
    let p = &fact.period;
    let mut words = match (p.from, p.until) {
        (Some(from), Some(until)) => format!("{from} – {until}"),
        (Some(from), None) => format!("{} {from}", lang.text(Word::From)),
        (None, Some(until)) => format!("{} {until}", lang.text(Word::Until)),
        (None, None) => String::new(),
    };
    if let Some(attested) = p.attested {
        if !words.is_empty() {
            words.push_str("; ");
        }
        let _ = write!(words, "{} {attested}", lang.text(Word::AttestedIn));
    }
    words
}

/// How a fact stands on the page's date: "holds", "attested in 2002-11", "does not hold then".
pub fn holds_words(holds: Option<Holds>, lang: Lang) -> Option<String> {
    Some(match holds? {
        Holds::Yes => lang.text(Word::Holds).to_owned(),
        Holds::Within(date) => format!("{} {date}", lang.text(Word::AttestedIn)),
        Holds::No => lang.text(Word::HoldsNot).to_owned(),
    })
}

fn evidence(out: &mut String, evidence: &[Evidence], lang: Lang, links: &Links) {
    for e in evidence {
        out.push_str("<div class=\"evidence\">");
        let _ = write!(out, "{}: ", text(lang.text(Word::Source)));
        link(out, &e.source, lang, links);
        if let Some(line) = e.line {
            let _ = write!(out, ", {} {line}", text(lang.text(Word::Line)));
        }
        let _ = write!(
            out,
            "<blockquote title=\"{}\">{}</blockquote></div>",
            attr(lang.text(Word::Quote)),
            text(&e.quote)
        );
    }
}

/// One fact as a list item: the sentence, then its time, basis, provision and source.
fn fact(out: &mut String, fact: &Fact, lang: Lang, links: &Links) {
    let class = match fact.holds {
        Some(Holds::No) => " class=\"ended\"",
        _ => "",
    };
    let _ = write!(out, "<li{class}><p class=\"sentence\">");
    link(out, &fact.subject, lang, links);
    let _ = write!(
        out,
        " — <a class=\"relation\" href=\"{}\">{}</a> → ",
        attr(&links.href(&fact.relation.iri)),
        text(fact.relation.label_in(lang))
    );
    object(out, &fact.object, lang, links);
    out.push_str("</p>");
    let mut about = Vec::new();
    if let Some(role) = &fact.role {
        about.push(text(role).into_owned());
    }
    if let Some(basis) = &fact.basis {
        about.push(format!(
            "{}: <a href=\"{}\">{}</a>",
            text(lang.text(Word::Basis)),
            attr(&links.href(&basis.iri)),
            text(basis.label_in(lang))
        ));
    }
    let period = period_words(fact, lang);
    if !period.is_empty() {
        about.push(text(&period).into_owned());
    }
    if let Some(holds) = holds_words(fact.holds, lang) {
        about.push(format!("<strong>{}</strong>", text(&holds)));
    }
    if let Some(condition) = &fact.condition {
        about.push(format!("{}: {}", text(lang.text(Word::Condition)), text(condition)));
    }
    for law in &fact.legal_basis {
        let mut s = format!("{}: ", text(lang.text(Word::LegalProvision)));
        link(&mut s, law, lang, links);
        about.push(s);
    }
    if let Some(generic) = &fact.inherited_from {
        let mut s = format!("{} ", text(lang.text(Word::InheritedFrom)));
        link(&mut s, generic, lang, links);
        about.push(s);
    }
    if !about.is_empty() {
        let _ = write!(out, "<p class=\"about\">{}</p>", about.join(" · "));
    }
    evidence(out, &fact.evidence, lang, links);
    if let Some(note) = &fact.note {
        let _ = write!(
            out,
            "<p class=\"note\">{}: {}</p>",
            text(lang.text(Word::Note)),
            text(note)
        );
    }
    out.push_str("</li>\n");
}

fn section(out: &mut String, page: &Page, which: Section, heading: Word, lang: Lang, links: &Links) {
    let facts: Vec<&Fact> = page.section(which).collect();
    if facts.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section class=\"facts\">\n<h2>{}</h2>\n<ul>\n",
        text(lang.text(heading))
    );
    for f in facts {
        fact(out, f, lang, links);
    }
    out.push_str("</ul>\n</section>\n");
}

/// The sections of an entity page, in reading order, with their headings.
pub const SECTIONS: [(Section, Word); 7] = [
    (Section::Place, Word::WhereItLies),
    (Section::Tenures, Word::Tenures),
    (Section::Rules, Word::Rules),
    (Section::Inherited, Word::RulesInherited),
    (Section::Events, Word::Events),
    (Section::Facts, Word::Facts),
    (Section::Names, Word::Names),
];

/// The body of an entity's page (to put in [`layout`]).
pub fn entity(page: &Page, lang: Lang, base: &str) -> String {
    entity_linked(page, lang, &Links::server(base))
}

pub fn entity_linked(page: &Page, lang: Lang, links: &Links) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<article class=\"entity {}\">\n<h1>{}</h1>\n",
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
    let _ = write!(
        out,
        "<section class=\"names\">\n<h2>{}</h2>\n<dl>\n",
        text(lang.text(Word::Names))
    );
    for label in &page.node.labels {
        let _ = write!(
            out,
            "<dt>{}</dt><dd lang=\"{}\">{}</dd>\n",
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
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>\n",
            text(lang.text(Word::AlsoCalled)),
            also.join("; ")
        );
    }
    out.push_str("</dl>\n</section>\n");
    // What it is.
    let _ = write!(
        out,
        "<section class=\"what\">\n<h2>{}</h2>\n<p>",
        text(lang.text(Word::WhatItIs))
    );
    for (i, class) in page.types.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
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
        let _ = write!(out, "<p class=\"note\">{}</p>\n", text(note));
    }
    evidence(&mut out, &page.evidence, lang, links);
    out.push_str("</section>\n");
    for (which, heading) in SECTIONS {
        section(&mut out, page, which, heading, lang, links);
    }
    if !page.external_ids.is_empty() {
        let _ = write!(
            out,
            "<section class=\"ids\">\n<h2>{}</h2>\n<ul>\n",
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
        let _ = write!(
            out,
            "<section class=\"related\">\n<h2>{}</h2>\n<ul>\n",
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
    let _ = write!(
        out,
        "<p class=\"formats\">{}: <a href=\"{base}id/{p}.ttl\" type=\"text/turtle\">Turtle</a> · <a href=\"{base}id/{p}.jsonld\" type=\"application/ld+json\">JSON-LD</a></p>\n",
        text(lang.text(Word::Formats)),
        base = attr(&links.base),
        p = attr(path),
    );
}

/// The body of an ontology term's page.
pub fn term(term: &Term, lang: Lang, base: &str) -> String {
    term_linked(term, lang, &Links::server(base))
}

pub fn term_linked(term: &Term, lang: Lang, links: &Links) -> String {
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<article class=\"term\">\n<h1>{}</h1>\n<p class=\"iri\"><code>{}</code> · <code>kzlg:{}</code></p>\n",
        text(term.node.label_in(lang)),
        text(&term.node.iri),
        text(term.local_name())
    );
    out.push_str("<dl>\n");
    for label in &term.node.labels {
        let _ = write!(
            out,
            "<dt>{}</dt><dd lang=\"{}\">{}</dd>\n",
            text(&label.lang),
            attr(&label.lang),
            text(&label.text)
        );
    }
    out.push_str("</dl>\n");
    for comment in &term.comments {
        let _ = write!(
            out,
            "<p class=\"comment\" lang=\"{}\">{}</p>\n",
            attr(&comment.lang),
            text(&comment.text)
        );
    }
    let rows: [(&str, &[Node]); 5] = [
        ("type", &term.types),
        (lang.text(Word::Domain), &term.domain),
        (lang.text(Word::Range), &term.range),
        ("⊂", &term.broader),
        ("⊃", &term.narrower),
    ];
    out.push_str("<dl>\n");
    for (name, nodes) in rows {
        if nodes.is_empty() {
            continue;
        }
        let _ = write!(out, "<dt>{}</dt><dd>", text(name));
        for (i, node) in nodes.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            link(&mut out, node, lang, links);
        }
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");
    let _ = write!(
        out,
        "<section class=\"uses\">\n<h2>{} ({})</h2>\n<ul>\n",
        text(lang.text(Word::Uses)),
        term.use_count
    );
    for (subject, property, value) in &term.uses {
        out.push_str("<li>");
        link(&mut out, subject, lang, links);
        let _ = write!(out, " — {} → ", text(property.label_in(lang)));
        object(&mut out, value, lang, links);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n</article>\n");
    out
}

/// The body of the ontology's index: every term by kind.
pub fn ontology(ontology: &Ontology, lang: Lang, base: &str) -> String {
    ontology_linked(ontology, lang, &Links::server(base))
}

pub fn ontology_linked(ontology: &Ontology, lang: Lang, links: &Links) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<article class=\"ontology\">\n<h1>{}</h1>\n",
        text(ontology.node.label_in(lang))
    );
    for comment in &ontology.comments {
        let _ = write!(out, "<p lang=\"{}\">{}</p>\n", attr(&comment.lang), text(&comment.text));
    }
    let _ = write!(
        out,
        "<p class=\"formats\"><a href=\"{}ontology.ttl\" type=\"text/turtle\">Turtle</a></p>\n",
        attr(&links.base)
    );
    for (kind, heading) in [
        (TermKind::Class, lang.text(Word::Classes)),
        (TermKind::Property, lang.text(Word::Properties)),
        (TermKind::Value, "—"),
    ] {
        let _ = write!(out, "<section>\n<h2>{}</h2>\n<ul class=\"terms\">\n", text(heading));
        for (_, node) in ontology.terms.iter().filter(|(k, _)| *k == kind) {
            out.push_str("<li>");
            link(&mut out, node, lang, links);
            let _ = write!(
                out,
                " <code>{}</code></li>\n",
                text(node.iri.strip_prefix(KZLG).unwrap_or(&node.iri))
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</article>\n");
    out
}

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
    let _ = write!(
        out,
        "<article class=\"not-found\">\n<h1>{}</h1>\n<p><code>{}</code></p>\n",
        text(lang.text(Word::NotFound)),
        text(wanted)
    );
    if !suggestions.is_empty() {
        let _ = write!(out, "<h2>{}</h2>\n<ul>\n", text(lang.text(Word::DidYouMean)));
        for s in suggestions {
            let _ = write!(
                out,
                "<li><a href=\"{}\">{}</a> <span class=\"class\">{}</span></li>\n",
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
