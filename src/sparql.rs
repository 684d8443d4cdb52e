//! Running SPARQL over the graph and printing the results.

use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNodeRef, Term, TermRef};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;

use crate::error::{Error, Result};
use crate::output::prefixes::with_prefixes;
use crate::report::{CELL_CHARS, print_aligned};
use crate::vocab::compact;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns with prefixed names, for reading in a terminal.
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
    evaluator
        .parse_query(text)
        .map_err(|e| Error::QuerySyntax(locate_syntax_error(&e.to_string(), text, name)))
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

/// Turns the parser's `error at 3:15: expected …` into `name:3:15: expected …` and shows the line.
///
/// The parser reports the furthest point it reached, which after trailing white space can be
/// an empty line; the position shown is moved back to just after the last token before it.
fn locate_syntax_error(message: &str, text: &str, name: &str) -> String {
    let position = message.strip_prefix("error at ").and_then(|rest| {
        let (position, rest) = rest.split_once(": ")?;
        let (line, column) = position.split_once(':')?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?, rest))
    });
    let Some((line, column, rest)) = position else {
        return format!("{name}: {message}");
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let (mut line, mut column) = (line.max(1), column.max(1));
    while line > 1
        && lines
            .get(line - 1)
            .is_none_or(|l| l.chars().take(column - 1).all(char::is_whitespace))
    {
        line -= 1;
        column = lines[line - 1].trim_end().chars().count() + 1;
    }
    let source_line = lines.get(line - 1).copied().unwrap_or_default().trim_end();
    let caret = " ".repeat(column.saturating_sub(1)) + "^";
    format!("{name}:{line}:{column}: {rest}\n  | {source_line}\n  | {caret}")
}

/// Runs a prepared query and writes its results to `out` in `format`.
///
/// With `labels`, IRIs in SELECT results are replaced by their English label where the graph
/// (or the ontology) has one. When `defaulted`, the user did not choose the format, and
/// CONSTRUCT and DESCRIBE results are printed as Turtle whatever `format` says.
pub fn run(
    store: &Store,
    query: PreparedSparqlQuery,
    format: Format,
    labels: bool,
    out: &mut dyn Write,
    defaulted: bool,
) -> Result<Outcome> {
    let results = query.on_store(store).execute().map_err(evaluation_error)?;
    let write_error = |e: std::io::Error| Error::Write {
        path: "standard output".into(),
        source: e,
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let result_format = results_format(format, "a SELECT")?;
            let variables = solutions.variables().to_vec();
            let mut labeller = Labeller::new(store, labels);
            let mut count = 0;
            match result_format {
                None => {
                    let mut rows = Vec::new();
                    for solution in solutions {
                        let solution = solution.map_err(evaluation_error)?;
                        let solution = labeller.relabel(solution);
                        rows.push(
                            solution
                                .values()
                                .iter()
                                .map(|v| v.as_ref().map_or_else(String::new, display))
                                .collect(),
                        );
                    }
                    count = rows.len();
                    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                    print_aligned(&header, &rows, Some(CELL_CHARS), out).map_err(write_error)?;
                }
                Some(result_format) => {
                    let mut writer = QueryResultsSerializer::from_format(result_format)
                        .serialize_solutions_to_writer(out, variables)
                        .map_err(write_error)?;
                    for solution in solutions {
                        let solution = solution.map_err(evaluation_error)?;
                        writer.serialize(&labeller.relabel(solution)).map_err(write_error)?;
                        count += 1;
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
                Format::Table | Format::Turtle => RdfFormat::Turtle,
                Format::NTriples => RdfFormat::NTriples,
                Format::JsonLd => RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                },
                Format::Csv | Format::Tsv | Format::Json | Format::Xml => {
                    return Err(Error::Usage(
                        "this is a CONSTRUCT or DESCRIBE query: use --format turtle, ntriples or jsonld".to_owned(),
                    ));
                }
            };
            if labels {
                return Err(Error::Usage("--labels applies to SELECT results".to_owned()));
            }
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format != RdfFormat::NTriples {
                serializer = with_prefixes(serializer, &[])?;
            }
            let mut writer = serializer.for_writer(out);
            let mut count = 0;
            for triple in triples {
                let triple = triple.map_err(evaluation_error)?;
                writer.serialize_triple(&triple).map_err(write_error)?;
                count += 1;
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

/// Replaces IRIs by their labels, looking each up once.
struct Labeller<'a> {
    store: &'a Store,
    enabled: bool,
    cache: HashMap<String, Option<String>>,
}

impl<'a> Labeller<'a> {
    fn new(store: &'a Store, enabled: bool) -> Self {
        Self {
            store,
            enabled,
            cache: HashMap::new(),
        }
    }

    fn relabel(&mut self, solution: QuerySolution) -> QuerySolution {
        if !self.enabled {
            return solution;
        }
        let variables = solution.variables().to_vec();
        let values: Vec<Option<Term>> = solution
            .values()
            .iter()
            .map(|value| match value {
                Some(Term::NamedNode(node)) => Some(match self.label(node.as_str()) {
                    Some(label) => Literal::new_simple_literal(label).into(),
                    None => node.clone().into(),
                }),
                other => other.clone(),
            })
            .collect();
        QuerySolution::from((variables, values))
    }

    /// The English label of `iri`, else any label, searching data and ontology.
    fn label(&mut self, iri: &str) -> Option<String> {
        if let Some(label) = self.cache.get(iri) {
            return label.clone();
        }
        let subject = NamedNodeRef::new_unchecked(iri);
        let mut best: Option<(u8, String)> = None;
        for quad in self.store.quads_for_pattern(
            Some(subject.into()),
            Some(NamedNodeRef::new_unchecked(rdfs!("label"))),
            None,
            None,
        ) {
            let Ok(quad) = quad else { continue };
            if let TermRef::Literal(literal) = quad.object.as_ref() {
                let rank = match literal.language() {
                    Some("en") => 0,
                    None => 1,
                    Some(_) => 2,
                };
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, literal.value().to_owned()));
                }
            }
        }
        let label = best.map(|(_, label)| label);
        self.cache.insert(iri.to_owned(), label.clone());
        label
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
