//! The pages as HTML: the same markup for the server (`/id/<kind>/<id>`) and the static site
//! (`id/<kind>/<id>.html`, linked relatively), told apart only by [`Links`]. Every text is
//! escaped with `html-escape`; the style sheet is inlined, so a page needs nothing else.

mod entity;
mod home;
mod not_found;
mod term;

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::{Evidence, Fact, Lang, Node, Object, Page, Section, Word};
use crate::time::Holds;
use crate::vocab::{KZID, KZLG, ONTOLOGY_IRI};

pub use entity::{entity, entity_linked};
pub use home::{Entry, HomeOptions, home};
pub use not_found::{Suggestion, not_found, not_found_linked, suggestions};
pub use term::{ontology, ontology_linked, term, term_linked};

/// The style of every page.
pub const STYLE: &str = include_str!("../assets/style.css");

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
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — kzlg</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<a class=\"site\" href=\"{}\">{}</a>\n<form class=\"search\" action=\"{}\" method=\"get\" role=\"search\">\n<input type=\"search\" name=\"q\" placeholder=\"{}\" aria-label=\"{}\">",
        lang.tag(),
        text(title),
        attr(&links.home()),
        text(site),
        attr(&links.search()),
        attr(lang.text(Word::SearchHint)),
        attr(lang.text(Word::Search)),
    );
    if links.switch {
        let _ = writeln!(out, "<input type=\"hidden\" name=\"lang\" value=\"{}\">", lang.tag());
    }
    let _ = writeln!(
        out,
        "<button type=\"submit\">{}</button>\n</form>",
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
    let _ = writeln!(
        out,
        "</header>\n<main>\n{body}</main>\n<footer>\n<p>{} · <a href=\"{}\">{}</a> · <a href=\"https://github.com/kzlg/kzlg\">{}</a></p>\n</footer>\n</body>\n</html>",
        text(lang.text(Word::Licence)),
        attr(&links.href(ONTOLOGY_IRI)),
        text(lang.text(Word::Ontology)),
        text(lang.text(Word::SourceCode)),
    );
    out
}

/// A link to `node`, labelled in `lang`.
pub(super) fn link(out: &mut String, node: &Node, lang: Lang, links: &Links) {
    let _ = write!(
        out,
        "<a href=\"{}\">{}</a>",
        attr(&links.href(&node.iri)),
        text(node.label_in(lang))
    );
}

pub(super) fn object(out: &mut String, object: &Object, lang: Lang, links: &Links) {
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

pub(super) fn evidence(out: &mut String, evidence: &[Evidence], lang: Lang, links: &Links) {
    for e in evidence {
        out.push_str("<div class=\"evidence\">");
        let _ = write!(out, "{}: ", text(lang.text(Word::Source)));
        link(out, &e.source, lang, links);
        if let Some(line) = e.line {
            let _ = write!(out, ", {} {line}", text(lang.text(Word::Line)));
        }
        if !e.quote.is_empty() {
            let _ = write!(
                out,
                "<blockquote title=\"{}\">{}</blockquote>",
                attr(lang.text(Word::Quote)),
                text(&e.quote)
            );
        }
        out.push_str("</div>");
    }
}

/// One fact as a list item: the sentence, then its time, basis, provision and source.
pub(super) fn fact(out: &mut String, fact: &Fact, lang: Lang, links: &Links) {
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

pub(super) fn section(out: &mut String, page: &Page, which: Section, heading: Word, lang: Lang, links: &Links) {
    let heading = heading_of(page, which, heading);
    let facts: Vec<&Fact> = page.section(which).collect();
    if facts.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"facts\">\n<h2>{}</h2>\n<ul>",
        text(lang.text(heading))
    );
    for f in facts {
        fact(out, f, lang, links);
    }
    out.push_str("</ul>\n</section>\n");
}

/// A section's heading on this page: a person's tenures are the posts they held.
pub fn heading_of(page: &Page, which: Section, heading: Word) -> Word {
    match (which, page.kind) {
        (Section::Tenures, crate::schema::Kind::Person) => Word::PostsHeld,
        _ => heading,
    }
}

/// The sections of an entity page, in reading order, with their headings.
pub const SECTIONS: [(Section, Word); 7] = [
    (Section::Place, Word::WhereItLies),
    (Section::Tenures, Word::Tenures),
    (Section::Rules, Word::Rules),
    (Section::Inherited, Word::RulesInherited),
    (Section::Events, Word::Events),
    (Section::Facts, Word::Facts),
    (Section::Names, Word::OtherNames),
];

#[cfg(test)]
mod tests {
    use oxigraph::io::RdfFormat;
    use oxigraph::store::Store;

    use super::*;
    use crate::page::term::Term;

    const PERSON: &str = "https://w3id.org/kzlg/id/person/x";

    fn store() -> Store {
        let store = Store::new().unwrap();
        let data = format!(
            "<{PERSON}> a <http://xmlns.com/foaf/0.1/Person> ; <http://www.w3.org/2000/01/rdf-schema#label> \"<b>X & \\\"Y\\\"</b>\"@en , \"Икс\"@ru ."
        );
        store.load_from_slice(RdfFormat::Turtle, data.as_bytes()).unwrap();
        store
            .load_from_slice(
                oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
                    .with_default_graph(oxigraph::model::NamedNode::new_unchecked(ONTOLOGY_IRI)),
                crate::store::ONTOLOGY_TTL,
            )
            .unwrap();
        store
    }

    #[test]
    fn labels_are_escaped_and_shown_in_every_language() {
        let store = store();
        let page = Page::build(&store, PERSON, None).unwrap().unwrap();
        let html = layout(&page.node.label, Lang::Ru, &entity(&page, Lang::Ru, "/"), "/");
        assert!(html.contains("<h1>Икс</h1>"), "{html}");
        assert!(html.contains("&lt;b&gt;X &amp; \"Y\"&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>X"), "{html}");
        assert!(
            html.contains("<title>&lt;b&gt;X &amp; \"Y\"&lt;/b&gt; — kzlg</title>"),
            "{html}"
        );
        assert!(
            html.contains("<form class=\"search\" action=\"/search\" method=\"get\""),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"?lang=kk\" hreflang=\"kk\" lang=\"kk\">Қазақша</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"/id/person/x.ttl\" type=\"text/turtle\">Turtle</a>"),
            "{html}"
        );
        assert_eq!(
            Page::build(&store, "https://w3id.org/kzlg/id/person/y", None).unwrap(),
            None
        );
    }

    #[test]
    fn static_links_are_relative_files_and_server_links_are_paths() {
        let links = Links::static_site(2);
        assert_eq!(links.href(PERSON), "../../id/person/x.html");
        assert_eq!(links.href(kzlg!("appointedBy")), "../../ontology/appointedBy.html");
        assert_eq!(links.search(), "../../search.html");
        assert_eq!(
            Links::server("http://127.0.0.1:7878/").href(PERSON),
            "http://127.0.0.1:7878/id/person/x"
        );
        assert_eq!(
            links.href("http://www.wikidata.org/entity/Q5"),
            "http://www.wikidata.org/entity/Q5"
        );
    }

    #[test]
    fn terms_have_their_labels_domain_and_uses() {
        let store = store();
        let term = Term::build(&store, kzlg!("genericPost")).unwrap().unwrap();
        let html = term_linked(&term, Lang::En, &Links::server("/"));
        assert!(html.contains("<h1>generic post</h1>"), "{html}");
        assert!(
            html.contains("<dt>domain</dt><dd><a href=\"http://www.w3.org/ns/org#Post\">"),
            "{html}"
        );
        assert!(html.contains("Uses (0)"), "{html}");
        assert_eq!(Term::build(&store, kzlg!("noSuchTerm")).unwrap(), None);
    }

    #[test]
    fn an_unknown_id_suggests_what_it_may_mean() {
        let suggestions = [Suggestion {
            iri: PERSON.to_owned(),
            label: "<X>".to_owned(),
            class: "person".to_owned(),
            score: 0.9,
        }];
        let html = not_found("/id/person/<x>", &suggestions, Lang::En, "/");
        assert!(html.contains("<code>/id/person/&lt;x&gt;</code>"), "{html}");
        assert!(html.contains("Did you mean"), "{html}");
        assert!(html.contains("<a href=\"/id/person/x\">&lt;X&gt;</a>"), "{html}");
    }
}
