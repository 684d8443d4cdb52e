//! `kzlg query --federate`: SERVICE against a real SPARQL endpoint the test starts on loopback
//! (pyoxigraph behind a small HTTP handler, tests/python/sparql_endpoint.py), an unreachable
//! endpoint, one that never answers, and SERVICE refused without --federate.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Workspace, assert_exit, stderr, stdout};

/// A SPARQL endpoint on 127.0.0.1, stopped when dropped.
struct Endpoint {
    child: Child,
    port: u16,
}

impl Endpoint {
    fn start(silent: bool) -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut command = crate::support::python();
        command
            .arg(root.join("tests/python/sparql_endpoint.py"))
            .arg(root.join("tests/fixtures/federation/wikidata.ttl"))
            .args(["--lifetime", "120"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        if silent {
            command.arg("--silent");
        }
        let mut child = command.spawn().expect("python3 runs tests/python/sparql_endpoint.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the endpoint did not start (is pyoxigraph installed?): {line:?}"));
        Self { child, port }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/sparql", self.port)
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The catalogue query, asking `endpoint` instead of Wikidata.
fn catalogue_query(endpoint: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/wikidata-coordinates-population.rq");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("SERVICE <https://query.wikidata.org/sparql>"));
    text.replace("https://query.wikidata.org/sparql", endpoint)
}

#[test]
fn the_catalogue_query_fetches_coordinates_and_population_through_service() {
    let endpoint = Endpoint::start(false);
    let ws = Workspace::new();
    ws.write("query.rq", catalogue_query(&endpoint.url()));
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "query",
        "query.rq",
        "--federate",
        "--timeout",
        "20",
    ]);
    assert_exit(&output, 0);
    // The fixture links north-kazakhstan-region to Q485088; Q486657 is linked to nothing here,
    // and Petropavl (Q488379) is a city, not a region.
    assert_eq!(
        stdout(&output),
        "unit,item,coordinates,population\r\n\
         https://w3id.org/kzlg/id/unit/north-kazakhstan-region,http://www.wikidata.org/entity/Q485088,Point(69.1667 54.8833),522171\r\n"
    );
}

#[test]
fn service_without_federate_is_refused_with_the_flag_to_pass() {
    let ws = Workspace::new();
    ws.write("query.rq", catalogue_query("http://127.0.0.1:1/sparql"));
    let output = ws.kzlg(&["--tables", "tables", "query", "query.rq"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).ends_with(
            "error: the query calls the remote endpoint <http://127.0.0.1:1/sparql> with SERVICE: pass --federate to let kzlg reach it (and --timeout SECONDS to bound each request)\n"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unreachable_endpoint_is_named_in_the_error() {
    // A port that was free a moment ago, with nothing listening on it now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/sparql");
    let ws = Workspace::new();
    ws.write("query.rq", catalogue_query(&url));
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "query",
        "query.rq",
        "--federate",
        "--timeout",
        "5",
    ]);
    assert_exit(&output, 2);
    // Nothing on standard output, not even the CSV header, for a query that failed.
    assert_eq!(stdout(&output), "");
    let errors = stderr(&output);
    assert!(
        errors.contains(&format!(
            "error: a SERVICE call failed: <{url}>: nothing answers there ("
        )),
        "{errors}"
    );
}

#[test]
fn an_endpoint_that_never_answers_times_out() {
    let endpoint = Endpoint::start(true);
    let ws = Workspace::new();
    ws.write("query.rq", catalogue_query(&endpoint.url()));
    let started = Instant::now();
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "query",
        "query.rq",
        "--federate",
        "--timeout",
        "1",
    ]);
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "");
    let errors = stderr(&output);
    assert!(
        errors.contains(&format!(
            "error: a SERVICE call failed: <{}>: no answer within 1 s (",
            endpoint.url()
        )),
        "{errors}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the timeout was not applied"
    );
}
