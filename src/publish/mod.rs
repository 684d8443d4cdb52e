//! `kzlg publish`: the built graph into an existing SPARQL store, through the SPARQL 1.1 Graph
//! Store HTTP Protocol, then counted back through the store's SPARQL endpoint.
//!
//! One `PUT` replaces the whole named graph (the protocol's "replace" semantics), so readers see
//! the old graph or the new one, never half of either, and publishing twice never doubles it.

mod http;

pub use http::Credentials;

use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use oxigraph::store::Store;
use url::Url;

use self::http::Session;
use crate::vocab::ONTOLOGY_IRI;

/// What went wrong talking to the store; each message ends with what to try.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(
        "{url} is not a URL the store can be reached at: {reason}\n  hint: give the full URL, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth"
    )]
    BadUrl { url: String, reason: String },

    #[error(
        "cannot reach the store at {url}: {reason}\n  hint: is the store running, and are the host and port right? (try: curl -I '{url}')"
    )]
    Unreachable { url: String, reason: String },

    #[error("{}", unauthorized(.url, .user.as_deref(), .password_file.as_deref()))]
    Unauthorized {
        url: String,
        user: Option<String>,
        password_file: Option<String>,
    },

    #[error("the store answered {method} {url} with {status}: {message}{}", status_hint(.status))]
    Status {
        method: String,
        url: String,
        status: String,
        message: String,
    },

    #[error(
        "cannot read the triple count from {url}: {reason}\n  hint: --query-endpoint must be the store's SPARQL query endpoint (Virtuoso: /sparql)"
    )]
    BadCount { url: String, reason: String },

    #[error(
        "pushed {pushed} triples to <{graph}>, but the store counts {counted}\n  hint: the store may have rewritten some literals (it then counts fewer) or other writers \
         use this graph; query it through {endpoint} to see what differs"
    )]
    CountMismatch {
        graph: String,
        endpoint: String,
        pushed: usize,
        counted: u64,
    },

    #[error(
        "--graph {iri} is not an absolute IRI: {reason}\n  hint: e.g. https://w3id.org/kzlg/dataset or urn:kzlg:2026-12"
    )]
    BadGraph { iri: String, reason: String },

    #[error("cannot tell the SPARQL query endpoint of {url}\n  hint: give it with --query-endpoint URL")]
    NoQueryEndpoint { url: String },

    #[error("the graph to publish is empty: nothing was sent (publishing it would empty <{graph}> in the store)")]
    Empty { graph: String },

    #[error(
        "{file} holds named graphs ({graphs}); kzlg publish sends one graph\n  hint: publish the file's default graph (a kzlg build writes only that), or load the named graphs with the store's own tools"
    )]
    NamedGraphs { file: String, graphs: String },
}

fn unauthorized(url: &str, user: Option<&str>, source: Option<&str>) -> String {
    match (user, source) {
        (Some(user), Some(source)) => format!(
            "the store refused the login of user {user} at {url} (401 Unauthorized)\n  hint: check the password in {source}, and that {user} may update graphs (Virtuoso: dba, or a user with the SPARQL_UPDATE role)"
        ),
        _ => format!("the store at {url} asks for a login (401 Unauthorized)\n  hint: give --user and --password-file"),
    }
}

fn status_hint(status: &str) -> &'static str {
    match status.split(' ').next() {
        Some("403") => "\n  hint: the user may not update graphs here (Virtuoso: grant the SPARQL_UPDATE role)",
        Some("404") | Some("405") => {
            "\n  hint: --to must be the store's Graph Store Protocol endpoint (Virtuoso: /sparql-graph-crud-auth, Fuseki: /DATASET/data, GraphDB: /repositories/REPO/rdf-graphs/service, Oxigraph: /store)"
        }
        _ => "",
    }
}

/// Where the graph goes: the Graph Store Protocol endpoint, the graph's IRI, and the SPARQL
/// endpoint that counts it afterwards.
pub struct Target {
    pub store: Url,
    pub graph: String,
    pub query_endpoint: Url,
}

impl Target {
    /// Reads the URLs; without `query_endpoint`, the usual query endpoint beside the stores'
    /// usual Graph Store endpoints (see [`query_endpoint_beside`]).
    pub fn new(store: &str, graph: String, query_endpoint: Option<&str>) -> Result<Target, PublishError> {
        if let Err(e) = oxigraph::model::NamedNode::new(graph.as_str()) {
            return Err(PublishError::BadGraph {
                iri: graph,
                reason: e.to_string(),
            });
        }
        let store = parse_url(store)?;
        let query_endpoint = match query_endpoint {
            Some(url) => parse_url(url)?,
            None => {
                query_endpoint_beside(&store).ok_or_else(|| PublishError::NoQueryEndpoint { url: store.to_string() })?
            }
        };
        Ok(Target {
            store,
            graph,
            query_endpoint,
        })
    }

    /// The Graph Store URL of one graph: `?graph=IRI` (indirect identification).
    fn graph_url(&self, graph: &str) -> Url {
        let mut url = self.store.clone();
        url.query_pairs_mut().append_pair("graph", graph);
        url
    }
}

fn parse_url(text: &str) -> Result<Url, PublishError> {
    let url = Url::parse(text).map_err(|e| PublishError::BadUrl {
        url: text.to_owned(),
        reason: e.to_string(),
    })?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        other => Err(PublishError::BadUrl {
            url: text.to_owned(),
            reason: format!("the scheme is {other}:, not http: or https:"),
        }),
    }
}

/// The SPARQL endpoint beside a Graph Store endpoint, for the stores docs/publish.md covers:
/// Virtuoso `/sparql-graph-crud(-auth)` → `/sparql`, Fuseki `/DATASET/data` → `/DATASET/sparql`,
/// GraphDB `/repositories/REPO/rdf-graphs/service` → `/repositories/REPO`, Oxigraph `/store` → `/query`.
pub fn query_endpoint_beside(store: &Url) -> Option<Url> {
    let path = store.path().trim_end_matches('/');
    let replacements = [
        ("/sparql-graph-crud-auth", "/sparql"),
        ("/sparql-graph-crud", "/sparql"),
        ("/rdf-graphs/service", ""),
        ("/store", "/query"),
        ("/data", "/sparql"),
    ];
    let (suffix, by) = replacements.iter().find(|(suffix, _)| path.ends_with(suffix))?;
    let mut url = store.clone();
    url.set_query(None);
    url.set_path(&format!("{}{by}", &path[..path.len() - suffix.len()]));
    Some(url)
}

/// A graph ready to send: N-Triples (valid Turtle, which every store reads) and its size.
pub struct Payload {
    pub ntriples: Vec<u8>,
    pub triples: usize,
}

/// The default graph of `store` (the data; a kzlg build writes nothing else) as N-Triples.
/// `file` names where it came from, to refuse other named graphs than the bundled ontology's.
pub fn data_payload(store: &Store, file: Option<&str>) -> crate::Result<Payload> {
    if let Some(file) = file {
        let mut graphs = Vec::new();
        for graph in store.named_graphs() {
            let graph = graph.map_err(internal)?;
            if !matches!(&graph, NamedOrBlankNode::NamedNode(n) if n.as_str() == ONTOLOGY_IRI) {
                graphs.push(graph.to_string());
            }
        }
        if !graphs.is_empty() {
            graphs.sort();
            return Err(PublishError::NamedGraphs {
                file: file.to_owned(),
                graphs: graphs.join(", "),
            }
            .into());
        }
    }
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    let mut triples = 0;
    for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
        let quad = quad.map_err(internal)?;
        serializer.serialize_triple(quad.as_ref()).map_err(internal)?;
        triples += 1;
    }
    let ntriples = serializer.finish().map_err(internal)?;
    Ok(Payload { ntriples, triples })
}

/// The bundled ontology as N-Triples, for its own graph `<https://w3id.org/kzlg/ontology>`.
pub fn ontology_payload() -> crate::Result<Payload> {
    let store = Store::new().map_err(internal)?;
    store
        .load_from_slice(RdfFormat::Turtle, crate::store::ONTOLOGY_TTL)
        .map_err(internal)?;
    data_payload(&store, None)
}

fn internal(e: impl std::fmt::Display) -> crate::Error {
    crate::Error::Internal(e.to_string())
}

/// What one graph's publication did.
pub struct Published {
    pub graph: String,
    pub pushed: usize,
    pub counted: u64,
    /// The store's answer to the `PUT`: `201 Created` for a new graph, `200`/`204` for a replaced one.
    pub status: String,
    pub seconds: f64,
}

/// Pushes `payload` as graph `graph` (replacing it), then counts the graph through the query
/// endpoint; a count that differs from what was pushed is an error.
pub fn publish(
    target: &Target,
    graph: &str,
    payload: Payload,
    credentials: Option<Credentials>,
    timeout: Duration,
) -> Result<Published, PublishError> {
    if payload.triples == 0 {
        return Err(PublishError::Empty {
            graph: graph.to_owned(),
        });
    }
    let session = Session::new(credentials, timeout);
    let started = Instant::now();
    let answer = session.put(&target.graph_url(graph), "text/turtle; charset=utf-8", payload.ntriples)?;
    let seconds = started.elapsed().as_secs_f64();
    let counted = count(&session, &target.query_endpoint, graph)?;
    if counted != payload.triples as u64 {
        return Err(PublishError::CountMismatch {
            graph: graph.to_owned(),
            endpoint: target.query_endpoint.to_string(),
            pushed: payload.triples,
            counted,
        });
    }
    Ok(Published {
        graph: graph.to_owned(),
        pushed: payload.triples,
        counted,
        status: answer.status.to_string(),
        seconds,
    })
}

/// The number of triples in `graph`, by the store's own SPARQL endpoint.
fn count(session: &Session, endpoint: &Url, graph: &str) -> Result<u64, PublishError> {
    let mut url = endpoint.clone();
    let query = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
    url.query_pairs_mut().append_pair("query", &query);
    let answer = session.get(&url, "application/sparql-results+json")?;
    let bad = |reason: String| PublishError::BadCount {
        url: endpoint.to_string(),
        reason,
    };
    let json: serde_json::Value = serde_json::from_str(&answer.body).map_err(|e| {
        bad(format!(
            "not SPARQL JSON results ({e}): {}",
            http::shorten(&answer.body)
        ))
    })?;
    let value = json
        .pointer("/results/bindings/0/n/value")
        .and_then(|v| v.as_str())
        .ok_or_else(|| bad(format!("no ?n in the results: {}", http::shorten(&answer.body))))?;
    value
        .parse()
        .map_err(|_| bad(format!("?n is {value}, not a whole number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_endpoint_is_found_beside_the_usual_graph_store_endpoints() {
        let beside = |store: &str| query_endpoint_beside(&Url::parse(store).unwrap()).map(|u| u.to_string());
        let cases = [
            (
                "http://127.0.0.1:8890/sparql-graph-crud-auth",
                "http://127.0.0.1:8890/sparql",
            ),
            ("http://h:8890/sparql-graph-crud", "http://h:8890/sparql"),
            ("http://h:3030/kzlg/data", "http://h:3030/kzlg/sparql"),
            (
                "http://h:7200/repositories/kzlg/rdf-graphs/service",
                "http://h:7200/repositories/kzlg",
            ),
            ("http://h:7878/store?x=1", "http://h:7878/query"),
        ];
        for (store, query) in cases {
            assert_eq!(beside(store).as_deref(), Some(query), "{store}");
        }
        assert_eq!(beside("http://h/graphs"), None);
    }

    #[test]
    fn the_graph_iri_is_percent_encoded_in_the_graph_store_url() {
        let target = Target::new("http://h:8890/sparql-graph-crud-auth", "urn:x".into(), None).unwrap();
        assert_eq!(
            target.graph_url("https://w3id.org/kzlg/dataset?a=b&c").as_str(),
            "http://h:8890/sparql-graph-crud-auth?graph=https%3A%2F%2Fw3id.org%2Fkzlg%2Fdataset%3Fa%3Db%26c"
        );
    }
}
