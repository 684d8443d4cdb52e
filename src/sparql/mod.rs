//! Running SPARQL over the graph and printing the results: parameters filled in ([`params`]),
//! names the graph does not hold warned of ([`lint`]), labels for IRIs ([`labels`]).

pub mod labels;
mod lexer;
pub mod lint;
pub mod params;
mod syntax;

use std::io::Write;
use std::time::Duration;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;

use crate::error::{Error, Result};
use crate::output::prefixes::with_prefixes;
use crate::report::{CELL_CHARS, print_aligned};
use crate::vocab::{PREFIXES, compact};
use labels::Labeller;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns with prefixed names, for reading in a terminal (CONSTRUCT and DESCRIBE:
    /// subject, predicate and object, a triple a row).
    Table,
    /// SPARQL 1.1 Query Results CSV: plain values, a header row.
    Csv,
    /// SPARQL 1.1 Query Results TSV: values in N-Triples syntax.
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// Turtle with the project's prefixes (CONSTRUCT and DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT and DESCRIBE).
    #[value(name = "ntriples")]
    NTriples,
    /// JSON-LD (CONSTRUCT and DESCRIBE).
    #[value(name = "jsonld")]
    JsonLd,
}

/// What a query returned, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Solutions(usize),
    Boolean(bool),
    Triples(usize),
}

/// Parses `text` with the project's prefixes declared. `name` says where the query came from
/// in error messages (a file name, a catalogue name, `-e`). `SERVICE` calls are refused.
pub fn prepare(text: &str, name: &str) -> Result<PreparedSparqlQuery> {
    prepare_with(text, name, None)
}

/// Like [`prepare`]; with `federation`, `SERVICE` calls reach remote endpoints over HTTP, each
/// request limited to that long.
pub fn prepare_with(text: &str, name: &str, federation: Option<Duration>) -> Result<PreparedSparqlQuery> {
    let evaluator = match federation {
        Some(timeout) => evaluator()?.with_http_timeout(timeout),
        None => evaluator()?.without_default_http_service_handler(),
    };
    prepare_on(evaluator, text, name)
}

/// Parses `text` on an evaluator the caller has set up (the server adds its cancellation token),
/// with the hints of [`prepare`] on a syntax error.
pub fn prepare_on(evaluator: SparqlEvaluator, text: &str, name: &str) -> Result<PreparedSparqlQuery> {
    evaluator
        .parse_query(text)
        .map_err(|e| Error::QuerySyntax(syntax::explain(&e.to_string(), text, name)))
}

/// Like [`prepare_with`], for `--labels`: the `GROUP_CONCAT`s of the result join the labels
/// of `store` instead of IRIs ([`labels::label_concatenations`]).
pub fn prepare_labelled(
    text: &str,
    name: &str,
    federation: Option<Duration>,
    store: &Store,
) -> Result<PreparedSparqlQuery> {
    let parser = PREFIXES
        .iter()
        .try_fold(spargebra::SparqlParser::new(), |parser, (prefix, namespace)| {
            parser.with_prefix(*prefix, *namespace)
        })
        .map_err(|e| Error::Internal(format!("a project prefix is not an IRI: {e}")))?;
    let mut query = parser
        .parse_query(text)
        .map_err(|e| Error::QuerySyntax(syntax::explain(&e.to_string(), text, name)))?;
    if !labels::label_concatenations(&mut query) {
        return prepare_with(text, name, federation);
    }
    let mut evaluator = match federation {
        Some(timeout) => evaluator()?.with_http_timeout(timeout),
        None => evaluator()?.without_default_http_service_handler(),
    };
    let (function, label) = labels::label_function(std::sync::Arc::new(labels::all_labels(store)));
    evaluator = evaluator.with_custom_function(function, label);
    Ok(evaluator.for_query(query))
}

/// An evaluator with the project's prefixes declared and its date functions
/// ([`crate::sparql_functions`]) registered.
pub fn evaluator() -> Result<SparqlEvaluator> {
    with_prefixes(crate::sparql_functions::register(SparqlEvaluator::new()), &[])
}

/// The endpoints a query's `SERVICE` clauses name (`SERVICE SILENT <iri>` too), for messages.
pub fn service_endpoints(text: &str) -> Vec<String> {
    let upper = text.to_ascii_uppercase();
    let mut endpoints = Vec::new();
    for (at, _) in upper.match_indices("SERVICE") {
        let rest = text[at + "SERVICE".len()..].trim_start();
        let rest = match rest.get(..6) {
            Some(word) if word.eq_ignore_ascii_case("SILENT") => rest[6..].trim_start(),
            _ => rest,
        };
        if let Some(iri) = rest
            .strip_prefix('<')
            .and_then(|r| r.split_once('>'))
            .map(|(iri, _)| iri)
        {
            let endpoint = format!("<{iri}>");
            if !endpoints.contains(&endpoint) {
                endpoints.push(endpoint);
            }
        }
    }
    endpoints
}

/// Names the remote endpoint when a `SERVICE` call is refused or fails.
pub fn evaluation_error(error: QueryEvaluationError) -> Error {
    match error {
        QueryEvaluationError::UnsupportedService(service) => Error::FederationDisabled(service.into_string()),
        QueryEvaluationError::Service(cause) => {
            let mut message = cause.to_string();
            let mut source = cause.source();
            while let Some(inner) = source {
                message = format!("{message}: {inner}");
                source = inner.source();
            }
            Error::ServiceFailed(message)
        }
        other => Error::QueryEvaluation(other.to_string()),
    }
}

/// Writes the results of a query to `out` in `format`.
///
/// The whole result is evaluated before anything is written, so a query that fails half way
/// (a `SERVICE` call that times out) writes nothing; the result is held once, as terms. With
/// `labels`, IRIs are replaced by their English label where the graph (or the ontology) has
/// one. When `defaulted`, the user did not choose the format, and CONSTRUCT and DESCRIBE
/// results are printed as Turtle whatever `format` says; asked for a table, they are printed
/// as one, a triple a row.
pub fn run(
    store: &Store,
    results: QueryResults<'_>,
    format: Format,
    labels: bool,
    out: &mut dyn Write,
    defaulted: bool,
) -> Result<Outcome> {
    let write_error = |e: std::io::Error| Error::Write {
        path: "standard output".into(),
        source: e,
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let result_format = results_format(format, "a SELECT")?;
            let variables = solutions.variables().to_vec();
            let solutions: Vec<QuerySolution> = solutions.collect::<Result<_, _>>().map_err(evaluation_error)?;
            let labeller = Labeller::new(store, labels);
            let count = solutions.len();
            match result_format {
                None => {
                    let rows: Vec<Vec<String>> = solutions
                        .into_iter()
                        .map(|solution| {
                            labeller
                                .relabel(solution)
                                .values()
                                .iter()
                                .map(|v| v.as_ref().map_or_else(String::new, display))
                                .collect()
                        })
                        .collect();
                    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                    print_aligned(&header, &rows, Some(CELL_CHARS), out).map_err(write_error)?;
                }
                Some(result_format) => {
                    let mut writer = QueryResultsSerializer::from_format(result_format)
                        .serialize_solutions_to_writer(out, variables)
                        .map_err(write_error)?;
                    for solution in solutions {
                        writer.serialize(&labeller.relabel(solution)).map_err(write_error)?;
                    }
                    writer.finish().map_err(write_error)?;
                }
            }
            Ok(Outcome::Solutions(count))
        }
        QueryResults::Boolean(value) => {
            // Piped without a chosen format, ASK prints true or false: the exit code says it too.
            let result_format = if defaulted {
                None
            } else {
                results_format(format, "an ASK")?
            };
            match result_format {
                None => writeln!(out, "{value}").map_err(write_error)?,
                Some(result_format) => {
                    QueryResultsSerializer::from_format(result_format)
                        .serialize_boolean_to_writer(out, value)
                        .map_err(write_error)?;
                }
            }
            Ok(Outcome::Boolean(value))
        }
        QueryResults::Graph(triples) => {
            let format = if defaulted { Format::Turtle } else { format };
            let rdf_format = match format {
                Format::Table => None,
                Format::Turtle => Some(RdfFormat::Turtle),
                Format::NTriples => Some(RdfFormat::NTriples),
                Format::JsonLd => Some(RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                }),
                Format::Csv | Format::Tsv | Format::Json | Format::Xml => {
                    return Err(Error::Usage(
                        "this is a CONSTRUCT or DESCRIBE query: use --format table, turtle, ntriples or jsonld"
                            .to_owned(),
                    ));
                }
            };
            if labels && rdf_format.is_some() {
                return Err(Error::Usage(
                    "--labels applies to SELECT results and to CONSTRUCT or DESCRIBE results as --format table"
                        .to_owned(),
                ));
            }
            let triples: Vec<Triple> = triples.collect::<Result<_, _>>().map_err(evaluation_error)?;
            let count = triples.len();
            let Some(rdf_format) = rdf_format else {
                let labeller = Labeller::new(store, labels);
                let rows: Vec<Vec<String>> = triples
                    .into_iter()
                    .map(|triple| {
                        [triple.subject.into(), triple.predicate.into(), triple.object]
                            .into_iter()
                            .map(|term: Term| display(&labeller.term(term)))
                            .collect()
                    })
                    .collect();
                let header = ["subject", "predicate", "object"].map(str::to_owned);
                print_aligned(&header, &rows, Some(CELL_CHARS), out).map_err(write_error)?;
                return Ok(Outcome::Triples(count));
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format != RdfFormat::NTriples {
                serializer = with_prefixes(serializer, &[])?;
            }
            let mut writer = serializer.for_writer(out);
            for triple in &triples {
                writer.serialize_triple(triple).map_err(write_error)?;
            }
            writer.finish().map_err(write_error)?;
            Ok(Outcome::Triples(count))
        }
    }
}

/// The SPARQL results format for `format` (`None`: an aligned table), or a usage error naming
/// the formats a `kind` (SELECT, ASK) query can have.
fn results_format(format: Format, kind: &str) -> Result<Option<QueryResultsFormat>> {
    Ok(match format {
        Format::Table => None,
        Format::Csv => Some(QueryResultsFormat::Csv),
        Format::Tsv => Some(QueryResultsFormat::Tsv),
        Format::Json => Some(QueryResultsFormat::Json),
        Format::Xml => Some(QueryResultsFormat::Xml),
        Format::Turtle | Format::NTriples | Format::JsonLd => {
            return Err(Error::Usage(format!(
                "this is {kind} query: use --format table, csv, tsv, json or xml"
            )));
        }
    })
}

/// How a term reads in a table: prefixed names for IRIs, the bare value of literals.
pub fn display(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => compact(n.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_point_at_the_line() {
        let text = "SELECT ?x\nWHERE { ?x a }";
        let Err(Error::QuerySyntax(message)) = prepare(text, "broken.rq") else {
            panic!("the query parsed")
        };
        assert!(message.starts_with("broken.rq:2:"), "{message}");
        assert!(message.contains("| WHERE { ?x a }"), "{message}");
    }

    #[test]
    fn project_prefixes_are_declared() {
        for text in [
            "SELECT ?p WHERE { ?p a foaf:Person ; org:holds ?post . ?post kzlg:postType kzlg:Akim }",
            "ASK { person:askarbek-mustafin ?p ?o }",
        ] {
            assert!(prepare(text, "-e").is_ok(), "{text}");
        }
    }
}
