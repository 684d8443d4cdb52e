//! The pages as a static site, for hosting without a server (the target of the w3id.org
//! redirect):
//!
//! ```text
//! DIR/index.html                        home: counts, entry points by region and by kind
//! DIR/id/<kind>/<id>.html .ttl .jsonld  every entity of the graph
//! DIR/ontology.html, DIR/ontology.ttl   the ontology's index and its Turtle
//! DIR/ontology/<Term>.html              every kzlg: class, property and value
//! DIR/search.html, DIR/search-index.json  search in the browser, over a prebuilt index
//! DIR/void.ttl                          the dataset's VoID description
//! DIR/assets/                           style sheet, search script, the index as a script
//! ```
//!
//! Links are relative, so the folder works from any web server path and from `file://`. The
//! site is written into a temporary folder beside DIR and renamed into place when whole; the
//! same graph always gives the same bytes.

use std::path::{Path, PathBuf};

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use oxigraph::store::Store;

use super::html::{self, Links};
use super::rdf::{self, Format};
use super::search_index;
use super::term::{Ontology, Term};
use super::{Lang, Page, Word, kind_and_id};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::load::Summary;
use crate::output::canonical::SortedTriples;
use crate::output::void;
use crate::rdf::TripleSink;
use crate::schema::{Kind, is_regional};
use crate::search::Index;

/// The script of the search page.
pub const SEARCH_JS: &str = include_str!("assets/search.js");

/// What was written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub entities: usize,
    pub terms: usize,
    pub files: usize,
}

/// Every entity IRI of the graph (subjects of the data in the entity namespace, statement
/// nodes aside), sorted.
pub fn entity_iris(store: &Store) -> Result<Vec<String>> {
    let mut iris = std::collections::BTreeSet::new();
    for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
        let quad = quad.map_err(|e| Error::Internal(format!("cannot read the store: {e}")))?;
        if let NamedOrBlankNode::NamedNode(s) = &quad.subject {
            if kind_and_id(s.as_str()).is_some_and(|(kind, _)| kind != Kind::Stmt) && !iris.contains(s.as_str()) {
                iris.insert(s.as_str().to_owned());
            }
        }
    }
    Ok(iris.into_iter().collect())
}

/// A folder being written: files go under `root`, which becomes `out` on [`Folder::commit`].
struct Folder {
    root: PathBuf,
    out: PathBuf,
    files: usize,
}

impl Folder {
    fn new(out: &Path) -> Result<Folder> {
        let name = out
            .file_name()
            .ok_or_else(|| Error::Usage(format!("--out {} names no folder", out.display())))?
            .to_string_lossy();
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(Error::write(parent))?;
        let root = parent.join(format!(".{name}.{}.tmp", std::process::id()));
        if root.exists() {
            std::fs::remove_dir_all(&root).map_err(Error::write(&root))?;
        }
        std::fs::create_dir_all(&root).map_err(Error::write(&root))?;
        Ok(Folder {
            root,
            out: out.to_owned(),
            files: 0,
        })
    }

    fn write(&mut self, path: &str, content: &str) -> Result<()> {
        let path = self.root.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(Error::write(dir))?;
        }
        std::fs::write(&path, content).map_err(Error::write(&path))?;
        self.files += 1;
        Ok(())
    }

    /// Puts the whole folder in place of `out`: the old one is moved aside first and removed
    /// after, so `out` is at every moment either the old site or the new one, each whole.
    fn commit(self) -> Result<usize> {
        let old = self.root.with_extension("old");
        if self.out.exists() {
            std::fs::rename(&self.out, &old).map_err(Error::write(&self.out))?;
        }
        std::fs::rename(&self.root, &self.out).map_err(Error::write(&self.out))?;
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(Error::write(&old))?;
        }
        let files = self.files;
        std::mem::forget(self);
        Ok(files)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// How deep a page lies below the site's root, for its relative links.
fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// Writes the whole site into `out`. `summary` gives the home page the counts of `kzlg stats`
/// when the graph was built from the tables.
pub fn write(
    store: &Store,
    out: &Path,
    on: Option<Date>,
    lang: Lang,
    summary: Option<&Summary>,
    index: Option<&Index>,
) -> Result<Written> {
    let mut folder = Folder::new(out)?;
    let iris = entity_iris(store)?;
    let mut written = Written::default();
    let mut pages = Vec::with_capacity(iris.len());
    for iri in &iris {
        let Some(page) = Page::build(store, iri, on)? else {
            continue;
        };
        let path = format!("id/{}", iri.strip_prefix(crate::vocab::KZID).unwrap_or(iri));
        let body = html::entity_linked(&page, lang, &Links::static_site(depth(&path)));
        folder.write(
            &format!("{path}.html"),
            &html::layout_linked(page.node.label_in(lang), lang, &body, &Links::static_site(depth(&path))),
        )?;
        let triples = rdf::describe(store, iri)?;
        folder.write(&format!("{path}.ttl"), &rdf::serialize(&triples, Format::Turtle)?)?;
        folder.write(&format!("{path}.jsonld"), &rdf::serialize(&triples, Format::JsonLd)?)?;
        written.entities += 1;
        pages.push(page);
    }
    let ontology = Ontology::build(store)?;
    let root = Links::static_site(0);
    let body = html::ontology_linked(&ontology, lang, &root);
    folder.write(
        "ontology.html",
        &html::layout_linked(lang.text(Word::Ontology), lang, &body, &root),
    )?;
    folder.write("ontology.ttl", crate::store::ONTOLOGY_TTL)?;
    for (_, node) in &ontology.terms {
        let Some(term) = Term::build(store, &node.iri)? else {
            continue;
        };
        let links = Links::static_site(1);
        let body = html::term_linked(&term, lang, &links);
        folder.write(
            &format!("ontology/{}.html", term.local_name()),
            &html::layout_linked(term.node.label_in(lang), lang, &body, &links),
        )?;
        written.terms += 1;
    }
    let index = search_index::build(&pages, index);
    let json = serde_json::to_string(&index).map_err(|e| Error::Internal(e.to_string()))?;
    folder.write("search-index.json", &json)?;
    folder.write("assets/search-index.js", &format!("window.kzlgIndex = {json};\n"))?;
    folder.write("assets/search.js", SEARCH_JS)?;
    folder.write("assets/style.css", html::STYLE)?;
    folder.write(
        "search.html",
        &html::layout_linked(lang.text(Word::Search), lang, &search_body(lang), &root),
    )?;
    void::write(&void_counts(store)?, &folder.root.join("void.ttl"))?;
    folder.files += 1;
    folder.write(
        "index.html",
        &html::layout_linked(
            lang.text(Word::SiteName),
            lang,
            &html::home(
                &home_entries(&pages, lang),
                summary,
                lang,
                on,
                &root,
                &Default::default(),
            ),
            &root,
        ),
    )?;
    written.files = folder.commit()?;
    Ok(written)
}

/// The entities of the home page, named in `lang`.
fn home_entries(pages: &[Page], lang: Lang) -> Vec<html::Entry<'_>> {
    pages
        .iter()
        .map(|page| html::Entry {
            iri: page.node.iri.clone(),
            kind: page.kind,
            label: page.node.label_in(lang),
            regional: page.kind == Kind::Unit
                && page
                    .types
                    .iter()
                    .any(|t| t.iri.strip_prefix(crate::vocab::KZLG).is_some_and(is_regional)),
        })
        .collect()
}

fn search_body(lang: Lang) -> String {
    format!(
        "<article class=\"search\">\n<h1>{}</h1>\n<p id=\"status\"></p>\n<ol id=\"results\"></ol>\n<noscript>{}</noscript>\n<script src=\"assets/search-index.js\"></script>\n<script src=\"assets/search.js\" data-none=\"{}\"></script>\n</article>\n",
        text(lang.text(Word::Search)),
        text(lang.text(Word::SearchHint)),
        attr(lang.text(Word::NoResults)),
    )
}

/// What the VoID description counts, from the graph in the store as `kzlg build` counts it for
/// `dist/void.ttl`: through the same sorted term dictionary.
fn void_counts(store: &Store) -> Result<void::Counts> {
    let mut triples = SortedTriples::default();
    for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
        let quad = quad.map_err(|e| Error::Internal(format!("cannot read the store: {e}")))?;
        triples.triple(quad.as_ref().into());
    }
    void::Counts::of(&triples.finish())
}
