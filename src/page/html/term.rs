//! The HTML of the ontology's pages: a term, and the index of them all.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::{Links, link, object};
use crate::page::term::{Ontology, Term, TermKind};
use crate::page::{Lang, Node, Word};
use crate::vocab::KZLG;

/// The body of an ontology term's page.
pub fn term(term: &Term, lang: Lang, base: &str) -> String {
    term_linked(term, lang, &Links::server(base))
}

pub fn term_linked(term: &Term, lang: Lang, links: &Links) -> String {
    let mut out = String::with_capacity(4096);
    let _ = writeln!(
        out,
        "<article class=\"term\">\n<h1>{}</h1>\n<p class=\"iri\"><code>{}</code> · <code>kzlg:{}</code></p>",
        text(term.node.label_in(lang)),
        text(&term.node.iri),
        text(term.local_name())
    );
    out.push_str("<dl>\n");
    for label in &term.node.labels {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd lang=\"{}\">{}</dd>",
            text(&label.lang),
            attr(&label.lang),
            text(&label.text)
        );
    }
    out.push_str("</dl>\n");
    for comment in &term.comments {
        let _ = writeln!(
            out,
            "<p class=\"comment\" lang=\"{}\">{}</p>",
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
    let _ = writeln!(
        out,
        "<section class=\"uses\">\n<h2>{} ({})</h2>\n<ul>",
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
    let _ = writeln!(
        out,
        "<article class=\"ontology\">\n<h1>{}</h1>",
        text(ontology.node.label_in(lang))
    );
    for comment in &ontology.comments {
        let _ = writeln!(out, "<p lang=\"{}\">{}</p>", attr(&comment.lang), text(&comment.text));
    }
    let _ = writeln!(
        out,
        "<p class=\"formats\"><a href=\"{}ontology.ttl\" type=\"text/turtle\">Turtle</a></p>",
        attr(&links.base)
    );
    for (kind, heading) in [
        (TermKind::Class, lang.text(Word::Classes)),
        (TermKind::Property, lang.text(Word::Properties)),
        (TermKind::Value, lang.text(Word::Values)),
    ] {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>\n<ul class=\"terms\">", text(heading));
        for (_, node) in ontology.terms.iter().filter(|(k, _)| *k == kind) {
            out.push_str("<li>");
            link(&mut out, node, lang, links);
            let _ = writeln!(
                out,
                " <code>{}</code></li>",
                text(node.iri.strip_prefix(KZLG).unwrap_or(&node.iri))
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</article>\n");
    out
}
