//! The HTML of the home page: what the graph holds, and where to start. The same page for
//! `kzlg site` (`index.html`) and `kzlg serve` (`/`), which adds what only a server has.

use std::collections::BTreeMap;
use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::Links;
use crate::date::Date;
use crate::load::Summary;
use crate::page::{Lang, Word};
use crate::schema::Kind;

/// An entity the home page links to: enough to list it, without building its page.
pub struct Entry<'a> {
    pub iri: String,
    pub kind: Kind,
    /// Its name in the page's language, or the best the caller has.
    pub label: &'a str,
    /// A region or a city of republican significance: an entry point by region.
    pub regional: bool,
}

/// What the home page shows beyond the counts and the entry points: a server's home has the
/// picture, a search per kind, the rules in force and the catalogue; a static folder has none.
#[derive(Default)]
pub struct HomeOptions<'a> {
    /// The address of the picture of the institutions (`docs/pictures/system-2002-2026.svg`).
    pub picture: Option<&'a str>,
    /// Each kind links to this search with `?kind=` and its count, instead of listing every
    /// entity of the kind.
    pub kind_search: Option<&'a str>,
    /// The rules in force on the dataset's date, and all rules.
    pub in_force: Option<(usize, usize)>,
    /// The ready questions of the catalogue: where each opens, and its title.
    pub questions: Vec<(String, String)>,
}

/// The home page: what the graph holds, and where to start: each region and city of
/// republican significance, and every entity by kind.
pub fn home(
    entries: &[Entry<'_>],
    summary: Option<&Summary>,
    lang: Lang,
    on: Option<Date>,
    links: &Links,
    options: &HomeOptions<'_>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<article class=\"home\">\n<h1>{}</h1>",
        text(lang.text(Word::SiteName))
    );
    if let Some(on) = on {
        let _ = writeln!(out, "<p>{} {on}</p>", text(lang.text(Word::AsOf)));
    }
    if let Some(picture) = options.picture {
        let _ = writeln!(
            out,
            "<p>{}</p>\n<section>\n<h2>{}</h2>\n<figure><img src=\"{}\" alt=\"{}\" class=\"picture\"></figure>\n</section>",
            text(lang.text(Word::HomeIntro)),
            text(lang.text(Word::Institutions)),
            attr(picture),
            attr(lang.text(Word::PictureAlt)),
        );
    }
    let _ = writeln!(out, "<section>\n<h2>{}</h2>\n<dl>", text(lang.text(Word::Counts)));
    match summary {
        Some(summary) => {
            for (table, rows) in &summary.rows {
                let _ = writeln!(out, "<dt>{}</dt><dd>{rows}</dd>", text(table));
            }
            out.push_str("</dl>\n<dl class=\"classes\">\n");
            for (class, n) in &summary.classes {
                let name = match class.strip_prefix("kzlg:") {
                    Some(local) => format!(
                        "<a href=\"{}\">{}</a>",
                        attr(&links.href(&format!("{}{local}", crate::vocab::KZLG))),
                        text(class)
                    ),
                    None => text(class).into_owned(),
                };
                let _ = writeln!(out, "<dt>{name}</dt><dd>{n}</dd>");
            }
        }
        None => {
            let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
            for entry in entries {
                *kinds.entry(entry.kind).or_default() += 1;
            }
            for (kind, n) in kinds {
                let _ = writeln!(out, "<dt>{}</dt><dd>{n}</dd>", text(lang.kind(kind)));
            }
        }
    }
    out.push_str("</dl>\n");
    if let Some((in_force, rules)) = options.in_force {
        let _ = writeln!(
            out,
            "<p id=\"in-force\">{}: {in_force} / {rules}</p>",
            text(lang.text(Word::RulesInForce))
        );
    }
    out.push_str("</section>\n");
    let _ = writeln!(
        out,
        "<section>\n<h2>{}</h2>\n<ul class=\"terms\" id=\"regions\">",
        text(lang.text(Word::ByRegion))
    );
    let mut regions: Vec<&Entry> = entries.iter().filter(|e| e.regional).collect();
    regions.sort_by(|a, b| a.label.cmp(b.label));
    for entry in regions {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">{}</a></li>",
            attr(&links.href(&entry.iri)),
            text(entry.label)
        );
    }
    out.push_str("</ul>\n</section>\n");
    let _ = writeln!(
        out,
        "<section id=\"kinds\">\n<h2>{}</h2>",
        text(lang.text(Word::ByKind))
    );
    if options.kind_search.is_some() {
        out.push_str("<ul class=\"terms\">\n");
    }
    for kind in Kind::ALL {
        let mut of_kind: Vec<&Entry> = entries.iter().filter(|e| e.kind == *kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        if let Some(search) = options.kind_search {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a> ({})</li>",
                attr(&format!("{search}?kind={}&lang={}", kind.segment(), lang.tag())),
                text(lang.kind(*kind)),
                of_kind.len()
            );
            continue;
        }
        of_kind.sort_by(|a, b| (a.label, &a.iri).cmp(&(b.label, &b.iri)));
        let _ = writeln!(
            out,
            "<details>\n<summary>{} ({})</summary>\n<ul class=\"terms\">",
            text(lang.kind(*kind)),
            of_kind.len()
        );
        for entry in of_kind {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a></li>",
                attr(&links.href(&entry.iri)),
                text(entry.label)
            );
        }
        out.push_str("</ul>\n</details>\n");
    }
    if options.kind_search.is_some() {
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    if !options.questions.is_empty() {
        let _ = writeln!(
            out,
            "<section>\n<h2>{}</h2>\n<ul id=\"questions\">",
            text(lang.text(Word::ReadyQuestions))
        );
        for (href, title) in &options.questions {
            let _ = writeln!(out, "<li><a href=\"{}\">{}</a></li>", attr(href), text(title));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</article>\n");
    out
}
