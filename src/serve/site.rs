//! The routes, and the pages that are the server's own: home, search and the query page.
//! Entity and ontology pages are [`crate::page`]'s.

use std::fmt::Write as _;

use hyper::{Method, StatusCode};
use oxigraph::model::vocab::rdfs;
use oxigraph::model::{NamedNodeRef, Term};
use oxigraph::sparql::CancellationToken;
use serde_json::json;

use super::http::{self, Incoming, Reply, escape};
use super::{State, endpoint, pages, reconcile};
use crate::load::Summary;
use crate::page::{Lang, Word, html};
use crate::schema::{Kind, is_regional};

/// The files the pages use, compiled in: the site works offline.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("assets/style.css"),
    ),
    (
        "query.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/query.js"),
    ),
    (
        "system-2002-2026.svg",
        "image/svg+xml",
        include_bytes!("../../docs/pictures/system-2002-2026.svg"),
    ),
];

/// Answers one request.
pub fn route(state: &State, request: &Incoming, cancel: CancellationToken) -> Reply {
    let segments = match request.segments() {
        Ok(segments) => segments,
        Err(http::BadRequest(message)) => return http::problem(StatusCode::BAD_REQUEST, &message),
    };
    if request.method == Method::OPTIONS {
        return preflight(state);
    }
    let path: Vec<&str> = segments.iter().map(String::as_str).collect();
    if !matches!(path.as_slice(), ["sparql"] | ["reconcile"]) && !matches!(request.method, Method::GET | Method::HEAD) {
        return http::method_not_allowed("GET, HEAD");
    }
    let result = match path.as_slice() {
        ["sparql"] => return endpoint::answer(state, request, cancel),
        ["reconcile"] => return reconcile::answer(state, request),
        [] => lang_of(request).map(|lang| home(state, lang)),
        ["search"] => search(state, request),
        ["query"] => query_page(state, request),
        ["assets", name] => Ok(asset(name)),
        ["id", kind, id] => pages::entity(state, request, kind, id),
        [ontology] if ontology.split('.').next() == Some("ontology") => pages::ontology(state, request, ontology),
        ["ontology", term] => pages::term(state, request, term),
        _ => lang_of(request).map(|lang| not_found(state, &request.path, lang)),
    };
    result.unwrap_or_else(|http::BadRequest(message)| http::problem(StatusCode::BAD_REQUEST, &message))
}

/// CORS preflight: allowed only with `--cors`.
fn preflight(state: &State) -> Reply {
    if !state.config.cors {
        return http::method_not_allowed("GET, HEAD, POST");
    }
    let reply = http::reply(StatusCode::NO_CONTENT, "text/plain", "");
    let reply = http::with(reply, "access-control-allow-methods", "GET, HEAD, POST, OPTIONS");
    http::with(reply, "access-control-max-age", "86400")
}

fn asset(name: &str) -> Reply {
    match ASSETS.iter().find(|(file, _, _)| *file == name) {
        Some((_, media, bytes)) => http::with(
            http::reply(StatusCode::OK, media, *bytes),
            "cache-control",
            "public, max-age=3600",
        ),
        None => http::problem(StatusCode::NOT_FOUND, &format!("no asset '{name}'")),
    }
}

/// A page of the server's own around `body`, in the pages' layout, with the site's sections.
pub fn shell(title: &str, lang: Lang, body: &str) -> Reply {
    let mut nav = String::from("<link rel=\"stylesheet\" href=\"/assets/style.css\">\n<nav class=\"site\">");
    for (href, word) in [
        ("/", Word::Home),
        ("/search", Word::Search),
        ("/query", Word::Query),
        ("/ontology", Word::Ontology),
        ("/sparql", Word::SparqlEndpoint),
        ("/reconcile", Word::Reconciliation),
    ] {
        let separator = if href == "/" { "" } else { " " };
        let _ = write!(nav, "{separator}<a href=\"{href}\">{}</a>", escape(lang.text(word)));
    }
    let body = format!("{nav}</nav>\n{body}");
    html(StatusCode::OK, html::layout(title, lang, &body, "/"))
}

pub(super) fn html(status: StatusCode, page: String) -> Reply {
    http::with(
        http::reply(status, "text/html; charset=utf-8", page),
        "vary",
        "Accept, Accept-Language",
    )
}

/// The language of a page: `?lang=`, else `Accept-Language`.
pub(super) fn lang_of(request: &Incoming) -> Result<Lang, http::BadRequest> {
    let wanted = request.param("lang")?;
    let accept = request.header("accept-language");
    Ok(Lang::negotiate(
        wanted.as_deref(),
        Some(accept).filter(|a| !a.is_empty()),
    ))
}

fn entity_path(kind: Kind, id: &str) -> String {
    format!("/id/{}/{}", kind.segment(), http::encode(id))
}

/// The home page of [`html::home`], from the search index (no entity page is built): the
/// picture of the institutions, the counts, and ways in by region, by kind and by question.
fn home(state: &State, lang: Lang) -> Reply {
    let entities: Vec<_> = state.index.iter().flat_map(|index| index.entities()).collect();
    let regional = |e: &&crate::search::Entity| e.kind == Kind::Unit && is_regional(&e.class);
    // The regions are named in the page's language (a few labels from the graph); the index
    // has the English names of the rest.
    let names: Vec<Option<String>> = entities
        .iter()
        .map(|e| regional(e).then(|| label_in(state, &e.kind.iri(&e.id), lang)).flatten())
        .collect();
    let entries: Vec<html::Entry> = entities
        .iter()
        .zip(&names)
        .map(|(e, name)| html::Entry {
            iri: e.kind.iri(&e.id),
            kind: e.kind,
            label: name.as_deref().unwrap_or(&e.label),
            regional: regional(e),
        })
        .collect();
    let summary = state.stats.as_ref().map(|stats| Summary {
        rows: stats.rows.clone(),
        classes: stats.classes.clone(),
    });
    let options = html::HomeOptions {
        picture: Some("/assets/system-2002-2026.svg"),
        kind_search: Some("/search"),
        in_force: state.stats.as_ref().map(|stats| stats.in_force),
        questions: state
            .catalogue
            .iter()
            .map(|entry| {
                let title = if entry.title.is_empty() {
                    &entry.name
                } else {
                    &entry.title
                };
                (
                    format!("/query?name={}&lang={}", http::encode(&entry.name), lang.tag()),
                    title.clone(),
                )
            })
            .collect(),
    };
    let body = html::home(
        &entries,
        summary.as_ref(),
        lang,
        state.config.as_of,
        &html::Links::server("/"),
        &options,
    );
    shell(lang.text(Word::SiteName), lang, &body)
}

/// The `rdfs:label` of `iri` in `lang`, when the graph has one.
fn label_in(state: &State, iri: &str, lang: Lang) -> Option<String> {
    let subject = NamedNodeRef::new(iri).ok()?;
    state
        .store
        .quads_for_pattern(Some(subject.into()), Some(rdfs::LABEL), None, None)
        .filter_map(Result::ok)
        .find_map(|quad| match quad.object {
            Term::Literal(label) if label.language() == Some(lang.tag()) => Some(label.value().to_owned()),
            _ => None,
        })
}

/// `/search?q=`: the entities a name can mean, then the rows whose text holds the words;
/// `/search?kind=` alone lists the entities of a kind.
fn search(state: &State, request: &Incoming) -> Result<Reply, http::BadRequest> {
    let lang = lang_of(request)?;
    let q = request.param("q")?.unwrap_or_default();
    let kind = request.param("kind")?.filter(|k| !k.is_empty());
    let Some(index) = &state.index else {
        return Ok(http::problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "search needs the tables: start kzlg serve with --tables DIR",
        ));
    };
    let filters = match index.filters(kind.as_deref(), None) {
        Ok(filters) => filters,
        Err(error) => return Ok(http::problem(StatusCode::BAD_REQUEST, &error.to_string())),
    };
    let mut body = format!(
        "<h1>{search}</h1>\n<form action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" autofocus><input type=\"hidden\" name=\"lang\" value=\"{}\"> <button>{search}</button></form>\n",
        escape(&q),
        lang.tag(),
        search = escape(lang.text(Word::Search)),
    );
    if q.trim().is_empty() {
        if kind.is_some() {
            let mut entities: Vec<_> = index
                .entities()
                .iter()
                .filter(|e| {
                    kind.as_deref()
                        .is_some_and(|k| e.kind.segment() == k || e.class.eq_ignore_ascii_case(k))
                })
                .collect();
            entities.sort_by(|a, b| a.label.cmp(&b.label));
            let _ = writeln!(
                body,
                "<h2>{} ({})</h2>\n<ul id=\"entities\">",
                escape(lang.text(Word::EntitiesFound)),
                entities.len()
            );
            for entity in entities {
                let _ = writeln!(
                    body,
                    "<li><a href=\"{}\">{}</a> <small>{}</small></li>",
                    entity_path(entity.kind, &entity.id),
                    escape(&entity.label),
                    escape(&entity.class)
                );
            }
            body.push_str("</ul>\n");
        }
        return Ok(shell(lang.text(Word::Search), lang, &body));
    }
    let candidates = index.find(&q, &filters);
    let _ = writeln!(
        body,
        "<h2>{}</h2>\n<p>{}: {}</p>\n<ol id=\"entities\">",
        escape(lang.text(Word::EntitiesFound)),
        escape(lang.text(Word::MayMean)),
        candidates.len()
    );
    for candidate in candidates.iter().take(30) {
        let reason = candidate.reasons.first().map(ToString::to_string).unwrap_or_default();
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}</a> <small>{} · {} · {} {}</small></li>",
            entity_path(candidate.entity.kind, &candidate.entity.id),
            escape(&candidate.entity.label),
            escape(&candidate.entity.class),
            escape(&reason),
            escape(lang.text(Word::Score)),
            candidate.score
        );
    }
    body.push_str("</ol>\n");
    let hits = index.search(&q, |_| true);
    let _ = writeln!(
        body,
        "<h2>{}</h2>\n<p>{}: {}</p>\n<ol id=\"hits\">",
        escape(lang.text(Word::InTheText)),
        escape(lang.text(Word::TextHits)),
        hits.len()
    );
    for hit in hits.iter().take(30) {
        let (field, snippet) = hit.snippet();
        let line = hit
            .doc
            .source_line
            .map(|l| format!(", {} {l}", lang.text(Word::Line)))
            .unwrap_or_default();
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}</a> <small>{} · {field}</small><blockquote>{}</blockquote><small>{} {}{line}</small></li>",
            entity_path(hit.doc.kind, &hit.doc.row),
            escape(&hit.doc.row),
            escape(&hit.doc.at()),
            escape(&snippet),
            escape(lang.text(Word::Source)),
            escape(&hit.doc.source),
        );
    }
    body.push_str("</ol>\n");
    Ok(shell(&format!("{}: {q}", lang.text(Word::Search)), lang, &body))
}

/// `/query`: the editor, the catalogue as examples, results as a table (`assets/query.js`).
fn query_page(state: &State, request: &Incoming) -> Result<Reply, http::BadRequest> {
    let lang = lang_of(request)?;
    let chosen = request.param("name")?;
    let examples: Vec<_> = state
        .catalogue
        .iter()
        .map(|e| json!({"name": e.name, "title": e.title, "question": e.question, "text": e.text}))
        .collect();
    let initial = chosen
        .as_deref()
        .and_then(|name| state.catalogue.iter().find(|e| e.name == name))
        .map(|e| e.text.clone())
        .or(request.param("query")?)
        .unwrap_or_else(|| "SELECT ?person ?post WHERE {\n  ?person org:holds ?post .\n} LIMIT 20\n".to_owned());
    // `</` cannot end the script block early: JSON allows `<\/`.
    let data = serde_json::to_string(&examples)
        .unwrap_or_default()
        .replace("</", "<\\/");
    let mut options = String::new();
    for entry in &state.catalogue {
        let selected = if chosen.as_deref() == Some(entry.name.as_str()) {
            " selected"
        } else {
            ""
        };
        let _ = writeln!(
            options,
            "<option value=\"{}\"{selected}>{}</option>",
            escape(&entry.name),
            escape(if entry.title.is_empty() {
                &entry.name
            } else {
                &entry.title
            })
        );
    }
    let word = |word| escape(lang.text(word));
    let body = format!(
        r#"<h1>{ask}</h1>
<p>{intro} {row_limit}: {max} · {time_limit}: {timeout} {seconds}</p>
<form id="editor" action="/sparql" method="post" data-running="{running}" data-row="{row}" data-rows="{rows}" data-cut="{cut}" data-graph="{graph}" data-error="{error}" data-ms="{ms}">
<label>{questions} <select id="examples"><option value="">{choose}</option>
{options}</select></label>
<p id="question"></p>
<textarea id="sparql" name="query" rows="16" spellcheck="false">{initial}</textarea>
<p><button id="run" type="submit">{run}</button> <span id="status" role="status"></span></p>
</form>
<div id="results"></div>
<script type="application/json" id="catalogue">{data}</script>
<script src="/assets/query.js"></script>
"#,
        ask = word(Word::AskTheGraph),
        intro = word(Word::QueryIntro),
        row_limit = word(Word::RowLimit),
        time_limit = word(Word::TimeLimit),
        seconds = word(Word::Seconds),
        running = word(Word::Running),
        row = word(Word::RowsOne),
        rows = word(Word::RowsMany),
        cut = word(Word::RowsCut),
        graph = word(Word::GraphAsTurtle),
        error = word(Word::Error),
        ms = word(Word::Milliseconds),
        questions = word(Word::ReadyQuestions),
        choose = word(Word::ChooseOne),
        run = word(Word::Run),
        max = state.config.limits.max_rows,
        timeout = state.config.limits.timeout.as_secs_f64(),
        initial = escape(&initial),
    );
    Ok(shell(lang.text(Word::Query), lang, &body))
}

/// 404, with the entities the path's last segment may have meant.
pub fn not_found(state: &State, path: &str, lang: Lang) -> Reply {
    let wanted = percent_encoding::percent_decode(path.as_bytes()).decode_utf8_lossy();
    let suggestions = match &state.index {
        Some(index) => html::suggestions(index, &wanted, 10),
        None => Vec::new(),
    };
    let body = html::not_found(&wanted, &suggestions, lang, "/");
    html(
        StatusCode::NOT_FOUND,
        html::layout(lang.text(Word::NotFound), lang, &body, "/"),
    )
}
