//! `/sparql`: the SPARQL 1.1 Protocol, read-only.
//!
//! Queries come by GET (`?query=`), by POST as a form or as `application/sparql-query`; the
//! project's prefixes are declared (the same as `kzlg query`, through [`crate::sparql`]);
//! updates, in any of their forms, are refused with 403. Answers are worked out in memory,
//! at most `--max-rows` rows or triples (a longer answer is cut and says so in the
//! `Kzlg-Truncated` and `Warning` headers), under a cancellation token that the server
//! fires at `--timeout`.

use hyper::{Method, StatusCode};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};

use super::State;
use super::http::{self, BadRequest, Incoming, Reply};
use crate::error::Error;
use crate::output::prefixes::with_prefixes;
use crate::sparql;

/// What SELECT and ASK answers can be had as, the first being the default.
const RESULTS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
];

/// What CONSTRUCT and DESCRIBE answers can be had as.
const GRAPHS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    (
        "application/ld+json",
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    ),
    ("text/plain", RdfFormat::NTriples),
];

/// Answers a request to `/sparql`.
pub fn answer(state: &State, request: &Incoming, cancel: CancellationToken) -> Reply {
    match query_of(request) {
        Ok(Some(text)) => run(state, request, &text, cancel),
        Ok(None)
            if http::negotiate(request.header("accept"), &["text/html"]).is_some()
                && !request.header("accept").contains("sparql") =>
        {
            // A browser opening the endpoint: the query page is the way in.
            http::with(
                http::reply(StatusCode::SEE_OTHER, "text/plain", ""),
                "location",
                "/query",
            )
        }
        Ok(None) => http::problem(
            StatusCode::BAD_REQUEST,
            "give a query: GET /sparql?query=..., or POST it as a form (query=...) or as application/sparql-query",
        ),
        Err(Refusal::Bad(BadRequest(message))) => http::problem(StatusCode::BAD_REQUEST, &message),
        Err(Refusal::Update) => read_only(),
        Err(Refusal::Method) => http::method_not_allowed("GET, POST"),
        Err(Refusal::Media(media)) => http::problem(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!("a POSTed query is application/x-www-form-urlencoded or application/sparql-query, not '{media}'"),
        ),
    }
}

enum Refusal {
    Bad(BadRequest),
    Update,
    Method,
    Media(String),
}

impl From<BadRequest> for Refusal {
    fn from(bad: BadRequest) -> Self {
        Refusal::Bad(bad)
    }
}

fn read_only() -> Reply {
    http::problem(
        StatusCode::FORBIDDEN,
        "this endpoint is read-only: SPARQL updates are refused (the graph is rebuilt from the tables with `kzlg build`)",
    )
}

/// The query a request carries, by the protocol's three ways.
fn query_of(request: &Incoming) -> Result<Option<String>, Refusal> {
    let mut params = request.query()?;
    match request.method {
        Method::GET | Method::HEAD => {}
        Method::POST => match request.content_type().as_str() {
            "application/x-www-form-urlencoded" => params.extend(http::form(&request.body, "the form")?),
            "application/sparql-query" => {
                refuse_graphs(&params)?;
                return Ok(Some(request.text_body()?.to_owned()));
            }
            "application/sparql-update" => return Err(Refusal::Update),
            other => return Err(Refusal::Media(other.to_owned())),
        },
        _ => return Err(Refusal::Method),
    }
    if params.iter().any(|(key, _)| key == "update") {
        return Err(Refusal::Update);
    }
    refuse_graphs(&params)?;
    Ok(params
        .into_iter()
        .find(|(key, _)| key == "query")
        .map(|(_, value)| value))
}

/// The graph is one default graph and the ontology: a protocol dataset is not offered.
fn refuse_graphs(params: &[(String, String)]) -> Result<(), Refusal> {
    match params
        .iter()
        .find(|(key, _)| key == "default-graph-uri" || key == "named-graph-uri")
    {
        Some((key, _)) => Err(Refusal::Bad(BadRequest(format!(
            "{key} is not supported: the data is the default graph (the ontology is the named graph <{}>); use FROM or GRAPH in the query",
            crate::vocab::ONTOLOGY_IRI
        )))),
        None => Ok(()),
    }
}

/// Parses, runs and serializes a query, in the format the client accepts.
fn run(state: &State, request: &Incoming, text: &str, cancel: CancellationToken) -> Reply {
    // Parsed once, with the token and with `kzlg query`'s messages (line, column, the line shown).
    let evaluator = match sparql::evaluator() {
        Ok(evaluator) => evaluator
            .without_default_http_service_handler()
            .with_cancellation_token(cancel),
        Err(error) => return http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string()),
    };
    let prepared = match sparql::prepare_on(evaluator, text, "query") {
        Ok(prepared) => prepared,
        Err(error) => {
            let is_update = sparql::evaluator().is_ok_and(|e| e.parse_update(text).is_ok());
            return match error {
                _ if is_update => read_only(),
                Error::QuerySyntax(message) => {
                    http::problem(StatusCode::BAD_REQUEST, &format!("the query does not parse: {message}"))
                }
                other => http::problem(StatusCode::INTERNAL_SERVER_ERROR, &other.to_string()),
            };
        }
    };
    let results = match prepared.on_store(&state.store).execute() {
        Ok(results) => results,
        Err(error) => return failed(error),
    };
    let accept = request.header("accept");
    let max = state.config.limits.max_rows;
    let mut body = Vec::new();
    let (media, count, cut) = match results {
        QueryResults::Solutions(solutions) => {
            let Some((media, format)) = pick(accept, RESULTS) else {
                return http::not_acceptable(&names(RESULTS));
            };
            let variables = solutions.variables().to_vec();
            let mut writer =
                match QueryResultsSerializer::from_format(format).serialize_solutions_to_writer(&mut body, variables) {
                    Ok(writer) => writer,
                    Err(error) => return http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string()),
                };
            let (mut count, mut cut) = (0, false);
            for solution in solutions {
                let solution = match solution {
                    Ok(solution) => solution,
                    Err(error) => return failed(error),
                };
                if count == max {
                    cut = true;
                    break;
                }
                if let Err(error) = writer.serialize(&solution) {
                    return http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string());
                }
                count += 1;
            }
            if let Err(error) = writer.finish() {
                return http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string());
            }
            (media, count, cut)
        }
        QueryResults::Boolean(value) => {
            let Some((media, format)) = pick(accept, RESULTS) else {
                return http::not_acceptable(&names(RESULTS));
            };
            if let Err(error) =
                QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(&mut body, value)
            {
                return http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string());
            }
            (media, 1, false)
        }
        QueryResults::Graph(triples) => {
            let Some((media, format)) = pick(accept, GRAPHS) else {
                return http::not_acceptable(&names(GRAPHS));
            };
            let mut serializer = RdfSerializer::from_format(format);
            if format != RdfFormat::NTriples {
                serializer = match with_prefixes(serializer, &[]) {
                    Ok(serializer) => serializer,
                    Err(error) => return http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string()),
                };
            }
            let mut writer = serializer.for_writer(&mut body);
            let (mut count, mut cut) = (0, false);
            for triple in triples {
                let triple = match triple {
                    Ok(triple) => triple,
                    Err(error) => return failed(error),
                };
                if count == max {
                    cut = true;
                    break;
                }
                if let Err(error) = writer.serialize_triple(&triple) {
                    return http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string());
                }
                count += 1;
            }
            if let Err(error) = writer.finish() {
                return http::problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string());
            }
            (media, count, cut)
        }
    };
    let media = match media {
        "text/csv" | "text/tab-separated-values" | "text/turtle" | "text/plain" => format!("{media}; charset=utf-8"),
        other => other.to_owned(),
    };
    let mut response = http::reply(StatusCode::OK, &media, body);
    response = http::with(response, "vary", "Accept");
    if cut {
        response = http::with(response, "kzlg-truncated", &count.to_string());
        response = http::with(
            response,
            "warning",
            &format!("199 kzlg \"the answer was cut at {count} rows (--max-rows): page it with LIMIT and OFFSET\""),
        );
    }
    response
}

/// The format of `offers` that `accept` prefers.
fn pick<F: Copy>(accept: &str, offers: &[(&'static str, F)]) -> Option<(&'static str, F)> {
    let media: Vec<&'static str> = offers.iter().map(|(m, _)| *m).collect();
    let chosen = http::negotiate(accept, &media)?;
    offers.iter().find(|(m, _)| *m == chosen).copied()
}

fn names<F>(offers: &[(&'static str, F)]) -> Vec<&'static str> {
    offers.iter().map(|(m, _)| *m).collect()
}

/// An evaluation that failed: cancelled (the server has answered 503 already), a `SERVICE`
/// call (refused: the endpoint does not federate), or the evaluator's own error.
fn failed(error: QueryEvaluationError) -> Reply {
    match error {
        QueryEvaluationError::Cancelled => http::problem(StatusCode::SERVICE_UNAVAILABLE, "the query was stopped"),
        QueryEvaluationError::UnsupportedService(service) => http::problem(
            StatusCode::BAD_REQUEST,
            &format!(
                "this endpoint does not call other endpoints: SERVICE <{}> is refused",
                service.as_str()
            ),
        ),
        other => http::problem(StatusCode::INTERNAL_SERVER_ERROR, &format!("the query failed: {other}")),
    }
}
