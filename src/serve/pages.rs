//! `/id/<kind>/<id>`, `/ontology` and `/ontology/<Term>`: the pages of [`crate::page`], in
//! HTML or RDF by `Accept` or by the suffix of the path (`.html`, `.ttl`, `.nt`, `.jsonld`).

use hyper::StatusCode;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNodeRef, Term as RdfTerm, Triple};

use super::State;
use super::http::{self, BadRequest, Incoming, Reply};
use super::site::{html, lang_of, not_found};
use crate::page::rdf::Format;
use crate::page::{Ontology, Page, Term, html as page_html};
use crate::schema::Kind;
use crate::vocab::{KZLG, ONTOLOGY_IRI};

/// What a page can be had as, by `Accept`: HTML first, for browsers and for `*/*`.
const OFFERS: &[&str] = &[
    "text/html",
    "application/xhtml+xml",
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/json",
];

/// HTML, or one of the RDF formats.
enum Form {
    Html,
    Rdf(Format),
}

/// The name without its suffix, and the form the suffix or else `Accept` asks for (`None`: 406).
fn form_of<'a>(request: &Incoming, name: &'a str) -> (&'a str, Option<Form>) {
    if let Some((stem, suffix)) = name.rsplit_once('.') {
        if suffix == "html" {
            return (stem, Some(Form::Html));
        }
        if let Some(format) = Format::ALL.into_iter().find(|f| f.extension() == suffix) {
            return (stem, Some(Form::Rdf(format)));
        }
    }
    let form = http::negotiate(request.header("accept"), OFFERS).map(|media| match media {
        "text/html" | "application/xhtml+xml" => Form::Html,
        other => Form::Rdf(Format::from_name(other).unwrap_or(Format::Turtle)),
    });
    (name, form)
}

fn rdf(status: StatusCode, format: Format, text: String) -> Reply {
    http::with(http::reply(status, format.media_type(), text), "vary", "Accept")
}

fn internal(error: crate::Error) -> Reply {
    http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string())
}

/// An entity's page.
pub fn entity(state: &State, request: &Incoming, kind: &str, name: &str) -> Result<Reply, BadRequest> {
    let lang = lang_of(request)?;
    let (id, form) = form_of(request, name);
    let Some(form) = form else {
        return Ok(http::not_acceptable(OFFERS));
    };
    let Some(kind) = Kind::ALL.iter().find(|k| k.segment() == kind) else {
        return Ok(not_found(state, &request.path, lang));
    };
    let iri = kind.iri(id);
    Ok(match form {
        Form::Html => match Page::build(&state.store, &iri, state.config.as_of).and_then(|page| match page {
            Some(page) => Ok(Some(page)),
            None if *kind == Kind::Stmt => subject_page(state, &iri),
            None => Ok(None),
        }) {
            Ok(Some(page)) => html(
                StatusCode::OK,
                page_html::layout(
                    page.node.label_in(lang),
                    lang,
                    &page_html::entity(&page, lang, "/"),
                    "/",
                ),
            ),
            Ok(None) => not_found(state, &request.path, lang),
            Err(error) => internal(error),
        },
        Form::Rdf(format) => match crate::page::rdf::entity(&state.store, &iri, format) {
            Ok(Some(text)) => rdf(StatusCode::OK, format, text),
            Ok(None) => http::problem(StatusCode::NOT_FOUND, &format!("the graph says nothing of <{iri}>")),
            Err(error) => internal(error),
        },
    })
}

/// A statement node has no page of its own: its HTML is the page of the entity it is about,
/// where the statement is one of the facts, with its source and quote.
fn subject_page(state: &State, iri: &str) -> crate::Result<Option<Page>> {
    let subject = NamedNodeRef::new_unchecked(iri);
    let about = NamedNodeRef::new_unchecked(kzlg!("subject"));
    let found = state
        .store
        .quads_for_pattern(Some(subject.into()), Some(about), None, None)
        .filter_map(Result::ok)
        .find_map(|quad| match quad.object {
            RdfTerm::NamedNode(node) => Some(node.into_string()),
            _ => None,
        });
    match found {
        Some(subject) => Page::build(&state.store, &subject, state.config.as_of),
        None => Ok(None),
    }
}

/// `/ontology`, `/ontology.ttl`...: every class and property of `kzlg:`.
pub fn ontology(state: &State, request: &Incoming, name: &str) -> Result<Reply, BadRequest> {
    let lang = lang_of(request)?;
    let (stem, form) = form_of(request, name);
    if stem != "ontology" {
        return Ok(not_found(state, &request.path, lang));
    }
    Ok(match form {
        None => http::not_acceptable(OFFERS),
        Some(Form::Html) => match Ontology::build(&state.store) {
            Ok(ontology) => html(
                StatusCode::OK,
                page_html::layout(
                    lang.text(crate::page::Word::Ontology),
                    lang,
                    &page_html::ontology(&ontology, lang, "/"),
                    "/",
                ),
            ),
            Err(error) => internal(error),
        },
        Some(Form::Rdf(format)) => match whole_ontology(format) {
            Ok(text) => rdf(StatusCode::OK, format, text),
            Err(error) => internal(error),
        },
    })
}

/// The whole ontology: the compiled-in Turtle as it is, or its triples in another format.
fn whole_ontology(format: Format) -> crate::Result<String> {
    if format == Format::Turtle {
        return Ok(crate::store::ONTOLOGY_TTL.to_owned());
    }
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(ONTOLOGY_IRI)
        .map_err(|e| crate::Error::Internal(e.to_string()))?
        .for_slice(crate::store::ONTOLOGY_TTL.as_bytes())
        .map(|quad| {
            quad.map(Triple::from)
                .map_err(|e| crate::Error::Internal(e.to_string()))
        })
        .collect::<crate::Result<Vec<Triple>>>()?;
    crate::page::rdf::serialize(&triples, format)
}

/// `/ontology/<Term>`: one class or property.
pub fn term(state: &State, request: &Incoming, name: &str) -> Result<Reply, BadRequest> {
    let lang = lang_of(request)?;
    let (local, form) = form_of(request, name);
    let Some(form) = form else {
        return Ok(http::not_acceptable(OFFERS));
    };
    let iri = format!("{KZLG}{local}");
    Ok(match form {
        Form::Html => match Term::build(&state.store, &iri) {
            Ok(Some(term)) => html(
                StatusCode::OK,
                page_html::layout(&format!("kzlg:{local}"), lang, &page_html::term(&term, lang, "/"), "/"),
            ),
            Ok(None) => not_found(state, &request.path, lang),
            Err(error) => internal(error),
        },
        Form::Rdf(format) => match crate::page::rdf::term(&state.store, &iri, format) {
            Ok(Some(text)) => rdf(StatusCode::OK, format, text),
            Ok(None) => http::problem(StatusCode::NOT_FOUND, &format!("the ontology has no term kzlg:{local}")),
            Err(error) => internal(error),
        },
    })
}
