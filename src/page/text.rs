//! A page in the terminal: headings, one sentence a fact, its time, basis and source under it,
//! wrapped to the terminal's width (bold headings only on a terminal).

use std::fmt::Write;

use super::html::{SECTIONS, holds_words, period_words};
use super::term::Term;
use super::{Evidence, Fact, Lang, Object, Page, Word};

/// How a page is laid out: the width to wrap to, and whether headings are bold.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub width: usize,
    pub bold: bool,
}

impl Style {
    /// Standard output's: its width and bold headings on a terminal; 100 columns, plain, when
    /// piped.
    pub fn of_stdout() -> Style {
        use std::io::IsTerminal;
        match std::io::stdout().is_terminal() {
            true => Style {
                width: terminal_size::terminal_size()
                    .map_or(100, |(w, _)| usize::from(w.0))
                    .clamp(40, 160),
                bold: true,
            },
            false => Style {
                width: 100,
                bold: false,
            },
        }
    }
}

struct Writer {
    out: String,
    style: Style,
}

impl Writer {
    fn heading(&mut self, text: &str) {
        match self.style.bold {
            true => {
                let _ = writeln!(self.out, "\n\x1b[1m{text}\x1b[0m");
            }
            false => {
                let _ = writeln!(self.out, "\n{text}");
            }
        }
    }

    /// `text` wrapped, its first line indented by `first`, the others by `rest`.
    fn para(&mut self, text: &str, first: &str, rest: &str) {
        let options = textwrap::Options::new(self.style.width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for line in textwrap::wrap(text, options) {
            self.out.push_str(&line);
            self.out.push('\n');
        }
    }

    fn evidence(&mut self, evidence: &[Evidence], lang: Lang) {
        for e in evidence {
            let mut line = format!("{}: {}", lang.text(Word::Source), e.source.label_in(lang));
            if let Some(n) = e.line {
                let _ = write!(line, ", {} {n}", lang.text(Word::Line));
            }
            self.para(&line, "    ", "      ");
            if !e.quote.is_empty() {
                self.para(&format!("“{}”", e.quote), "      ", "       ");
            }
        }
    }

    fn fact(&mut self, fact: &Fact, lang: Lang) {
        let sentence = format!(
            "{} — {} → {}",
            fact.subject.label_in(lang),
            fact.relation.label_in(lang),
            fact.object.text(lang)
        );
        self.para(&sentence, "  • ", "    ");
        let mut about = Vec::new();
        if let Some(role) = &fact.role {
            about.push(role.clone());
        }
        if let Some(basis) = &fact.basis {
            about.push(format!("{}: {}", lang.text(Word::Basis), basis.label_in(lang)));
        }
        let period = period_words(fact, lang);
        if !period.is_empty() {
            about.push(period);
        }
        if let Some(holds) = holds_words(fact.holds, lang) {
            about.push(holds.to_uppercase());
        }
        if let Some(condition) = &fact.condition {
            about.push(format!("{}: {condition}", lang.text(Word::Condition)));
        }
        for law in &fact.legal_basis {
            about.push(format!("{}: {}", lang.text(Word::LegalProvision), law.label_in(lang)));
        }
        if let Some(generic) = &fact.inherited_from {
            about.push(format!("{} {}", lang.text(Word::InheritedFrom), generic.label_in(lang)));
        }
        if !about.is_empty() {
            self.para(&about.join(" · "), "    ", "    ");
        }
        self.evidence(&fact.evidence, lang);
        if let Some(note) = &fact.note {
            self.para(&format!("{}: {note}", lang.text(Word::Note)), "    ", "      ");
        }
    }
}

/// Leaves out the facts that did not hold on the page's date; returns how many.
pub fn keep_held(page: &mut Page) -> usize {
    let before = page.facts.len();
    page.facts.retain(|f| f.holds.is_none_or(|h| h.is_held()));
    before - page.facts.len()
}

/// The entity's page as text.
pub fn entity(page: &Page, lang: Lang, style: Style) -> String {
    let mut w = Writer {
        out: String::new(),
        style,
    };
    let title = page.node.label_in(lang).to_owned();
    match style.bold {
        true => {
            let _ = writeln!(w.out, "\x1b[1m{title}\x1b[0m");
        }
        false => {
            let _ = writeln!(w.out, "{title}");
        }
    }
    let mut line = format!("{} · {}", page.kind.curie(&page.id), page.node.iri);
    if let Some(on) = page.on {
        let _ = write!(line, " · {} {on}", lang.text(Word::AsOf));
    }
    w.para(&line, "", "  ");
    w.heading(lang.text(Word::Names));
    for label in &page.node.labels {
        w.para(&label.text, &format!("  {:<4}", label.lang), "      ");
    }
    if !page.alt_labels.is_empty() {
        let also: Vec<&str> = page.alt_labels.iter().map(|l| l.text.as_str()).collect();
        w.para(
            &format!("{}: {}", lang.text(Word::AlsoCalled), also.join("; ")),
            "  ",
            "    ",
        );
    }
    w.heading(lang.text(Word::WhatItIs));
    let types: Vec<&str> = std::iter::once(lang.kind(page.kind))
        .chain(page.types.iter().map(|t| t.label_in(lang)))
        .collect();
    w.para(&types.join(", "), "  ", "  ");
    for (property, value) in &page.attributes {
        w.para(
            &format!("{}: {}", property.label_in(lang), value.text(lang)),
            "  ",
            "    ",
        );
    }
    for note in &page.notes {
        w.para(note, "  ", "  ");
    }
    w.evidence(&page.evidence, lang);
    for (section, heading) in SECTIONS {
        let facts: Vec<&Fact> = page.section(section).collect();
        if facts.is_empty() {
            continue;
        }
        w.heading(lang.text(super::html::heading_of(page, section, heading)));
        for fact in facts {
            w.fact(fact, lang);
        }
    }
    if !page.external_ids.is_empty() {
        w.heading(lang.text(Word::ExternalIds));
        for id in &page.external_ids {
            w.para(&format!("{}: {}  <{}>", id.scheme, id.id, id.url), "  • ", "    ");
            if let Some(fact) = &id.fact {
                w.evidence(&fact.evidence, lang);
            }
        }
    }
    w.out
}

/// An ontology term's page as text.
pub fn term(term: &Term, lang: Lang, style: Style) -> String {
    let mut w = Writer {
        out: String::new(),
        style,
    };
    let _ = writeln!(w.out, "{} · kzlg:{}", term.node.label_in(lang), term.local_name());
    for label in &term.node.labels {
        w.para(&label.text, &format!("  {:<4}", label.lang), "      ");
    }
    for comment in &term.comments {
        w.para(&comment.text, "  ", "  ");
    }
    for (name, nodes) in [
        (lang.text(Word::Domain), &term.domain),
        (lang.text(Word::Range), &term.range),
    ] {
        if !nodes.is_empty() {
            let labels: Vec<&str> = nodes.iter().map(|n| n.label_in(lang)).collect();
            w.para(&format!("{name}: {}", labels.join(", ")), "  ", "    ");
        }
    }
    w.heading(&format!("{} ({})", lang.text(Word::Uses), term.use_count));
    for (subject, property, value) in &term.uses {
        let object = match value {
            Object::Node(n) => n.label_in(lang),
            Object::Value(v) => &v.text,
        };
        w.para(
            &format!("{} — {} → {object}", subject.label_in(lang), property.label_in(lang)),
            "  • ",
            "    ",
        );
    }
    w.out
}
