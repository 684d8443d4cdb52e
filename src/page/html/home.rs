//! The HTML of the home page: what the graph holds, and where to start.

use std::collections::BTreeMap;
use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::Links;
use crate::date::Date;
use crate::load::Summary;
use crate::page::{Lang, Page, Word};
use crate::schema::{Kind, is_regional};

/// The home page: what the graph holds, and where to start: each region and city of
/// republican significance, and every entity by kind.
pub fn home(pages: &[Page], summary: Option<&Summary>, lang: Lang, on: Option<Date>, links: &Links) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<article class=\"home\">\n<h1>{}</h1>",
        text(lang.text(Word::SiteName))
    );
    if let Some(on) = on {
        let _ = writeln!(out, "<p>{} {on}</p>", text(lang.text(Word::AsOf)));
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
            for page in pages {
                *kinds.entry(page.kind).or_default() += 1;
            }
            for (kind, n) in kinds {
                let _ = writeln!(out, "<dt>{}</dt><dd>{n}</dd>", text(kind.noun()));
            }
        }
    }
    out.push_str("</dl>\n</section>\n");
    let is_region = |p: &Page| {
        p.kind == Kind::Unit
            && p.types
                .iter()
                .any(|t| t.iri.strip_prefix(crate::vocab::KZLG).is_some_and(is_regional))
    };
    let _ = writeln!(
        out,
        "<section>\n<h2>{}</h2>\n<ul class=\"terms\">",
        text(lang.text(Word::ByRegion))
    );
    let mut regions: Vec<&Page> = pages.iter().filter(|p| is_region(p)).collect();
    regions.sort_by(|a, b| a.node.label_in(lang).cmp(b.node.label_in(lang)));
    for page in regions {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">{}</a></li>",
            attr(&links.href(&page.node.iri)),
            text(page.node.label_in(lang))
        );
    }
    out.push_str("</ul>\n</section>\n");
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", text(lang.text(Word::ByKind)));
    for kind in Kind::ALL {
        let mut of_kind: Vec<&Page> = pages.iter().filter(|p| p.kind == *kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by(|a, b| (a.node.label_in(lang), &a.id).cmp(&(b.node.label_in(lang), &b.id)));
        let _ = writeln!(
            out,
            "<details>\n<summary>{} ({})</summary>\n<ul class=\"terms\">",
            text(kind.noun()),
            of_kind.len()
        );
        for page in of_kind {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a></li>",
                attr(&links.href(&page.node.iri)),
                text(page.node.label_in(lang))
            );
        }
        out.push_str("</ul>\n</details>\n");
    }
    out.push_str("</section>\n</article>\n");
    out
}
