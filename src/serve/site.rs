//! The routes, and the pages that are the server's own: home, search and the query page.
//! Entity and ontology pages are [`crate::page`]'s.

use std::fmt::Write as _;

use hyper::{Method, StatusCode};
use oxigraph::sparql::CancellationToken;
use serde_json::json;

use super::http::{self, Incoming, Reply, escape};
use super::{State, endpoint, pages, reconcile};
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
    let body = format!(
        "<link rel=\"stylesheet\" href=\"/assets/style.css\">\n<nav class=\"site\"><a href=\"/\">Home</a> <a href=\"/search\">Search</a> <a href=\"/query\">Query</a> <a href=\"/ontology\">Ontology</a> <a href=\"/sparql\">SPARQL endpoint</a> <a href=\"/reconcile\">Reconciliation</a></nav>\n{body}"
    );
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

/// The home page: the picture of the institutions, the counts, and ways in.
fn home(state: &State, lang: Lang) -> Reply {
    let mut body = String::from(
        "<h1>Kazakhstan's local government, as linked data</h1>\n<p>Who appoints, elects, dismisses and oversees whom, from the republic down to the rural district: every fact with its source and a verbatim quote. Search a name above, browse by region or kind below, or ask the graph in SPARQL on the <a href=\"/query\">query page</a>.</p>\n",
    );
    body.push_str("<h2>The institutions</h2>\n<figure><img src=\"/assets/system-2002-2026.svg\" alt=\"Who appoints the akims and to whom they answer, in 2002 and on the dataset's date\" class=\"picture\"></figure>\n");
    if let Some(index) = &state.index {
        let mut regions: Vec<_> = index
            .entities()
            .iter()
            .filter(|e| e.kind == Kind::Unit && is_regional(&e.class))
            .collect();
        regions.sort_by(|a, b| a.label.cmp(&b.label));
        body.push_str("<h2>By region</h2>\n<ul class=\"columns\" id=\"regions\">\n");
        for region in regions {
            let _ = writeln!(
                body,
                "<li><a href=\"{}\">{}</a> <small>{}</small></li>",
                entity_path(region.kind, &region.id),
                escape(&region.label),
                escape(&region.class)
            );
        }
        body.push_str("</ul>\n<h2>By kind</h2>\n<ul class=\"columns\" id=\"kinds\">\n");
        for kind in Kind::ALL {
            let n = index.entities().iter().filter(|e| e.kind == *kind).count();
            if n > 0 {
                let _ = writeln!(
                    body,
                    "<li><a href=\"/search?kind={}\">{}</a> {n}</li>",
                    kind.segment(),
                    escape(kind.noun())
                );
            }
        }
        body.push_str("</ul>\n");
    }
    if let Some(stats) = &state.stats {
        body.push_str("<h2>What the graph holds</h2>\n<p>The counts of <code>kzlg stats</code>.</p>\n<div class=\"columns2\"><table id=\"classes\"><caption>Entities per class</caption>\n");
        for (class, n) in &stats.classes {
            let _ = writeln!(body, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", escape(class));
        }
        body.push_str("</table>\n<table id=\"tables\"><caption>Rows per table</caption>\n");
        for (table, n) in &stats.rows {
            let _ = writeln!(body, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", escape(table));
        }
        let (in_force, rules) = stats.in_force;
        let _ = writeln!(
            body,
            "</table></div>\n<p>{in_force} of {rules} rules in force on the dataset's date.</p>"
        );
    }
    body.push_str("<h2>Ready questions</h2>\n<ul>\n");
    for entry in &state.catalogue {
        let _ = writeln!(
            body,
            "<li><a href=\"/query?name={}\">{}</a></li>",
            http::encode(&entry.name),
            escape(if entry.title.is_empty() {
                &entry.name
            } else {
                &entry.title
            })
        );
    }
    body.push_str("</ul>\n");
    shell("Home", lang, &body)
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
        "<h1>Search</h1>\n<form action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" autofocus> <button>Search</button></form>\n",
        escape(&q)
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
            let _ = writeln!(body, "<h2>{} entities</h2>\n<ul id=\"entities\">", entities.len());
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
        return Ok(shell("Search", lang, &body));
    }
    let candidates = index.find(&q, &filters);
    let _ = writeln!(
        body,
        "<h2>Entities</h2>\n<p>{} that the name may mean, best first.</p>\n<ol id=\"entities\">",
        candidates.len()
    );
    for candidate in candidates.iter().take(30) {
        let reason = candidate.reasons.first().map(ToString::to_string).unwrap_or_default();
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}</a> <small>{} · {} · score {}</small></li>",
            entity_path(candidate.entity.kind, &candidate.entity.id),
            escape(&candidate.entity.label),
            escape(&candidate.entity.class),
            escape(&reason),
            candidate.score
        );
    }
    body.push_str("</ol>\n");
    let hits = index.search(&q, |_| true);
    let _ = writeln!(
        body,
        "<h2>In the text</h2>\n<p>{} rows whose names, notes or quotes hold these words.</p>\n<ol id=\"hits\">",
        hits.len()
    );
    for hit in hits.iter().take(30) {
        let (field, snippet) = hit.snippet();
        let line = hit.doc.source_line.map(|l| format!(", line {l}")).unwrap_or_default();
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}</a> <small>{} · {field}</small><blockquote>{}</blockquote><small>source {}{line}</small></li>",
            entity_path(hit.doc.kind, &hit.doc.row),
            escape(&hit.doc.row),
            escape(&hit.doc.at()),
            escape(&snippet),
            escape(&hit.doc.source),
        );
    }
    body.push_str("</ol>\n");
    Ok(shell(&format!("Search: {q}"), lang, &body))
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
    let body = format!(
        r#"<h1>Ask the graph</h1>
<p>Write SPARQL, or start from a ready question. The project's prefixes (kzlg:, person:, post:, unit:, body:, org:, foaf:, …) are declared. At most {max} rows, {timeout} s per query.</p>
<form id="editor" action="/sparql" method="post">
<label>Ready questions <select id="examples"><option value="">(choose one)</option>
{options}</select></label>
<p id="question"></p>
<textarea id="sparql" name="query" rows="16" spellcheck="false">{initial}</textarea>
<p><button id="run" type="submit">Run</button> <span id="status" role="status"></span></p>
</form>
<div id="results"></div>
<script type="application/json" id="catalogue">{data}</script>
<script src="/assets/query.js"></script>
"#,
        max = state.config.limits.max_rows,
        timeout = state.config.limits.timeout.as_secs_f64(),
        initial = escape(&initial),
    );
    Ok(shell("Query", lang, &body))
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
