//! `kzlg publish`: what it refuses before anything is sent, and a store that is not there. The
//! pushes into a real store are `make check-publish` (tests/python/check_publish.py, Virtuoso).

use std::net::TcpListener;

use crate::support::{Workspace, assert_exit, stderr, stdout};

/// A loopback port nothing listens on: bound, then let go.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn publish(ws: &Workspace, to: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--tables", "tables", "publish", "--to", to];
    args.extend_from_slice(extra);
    ws.kzlg(&args)
}

/// Exit 2, nothing on stdout, and every expected piece of the message on stderr.
fn assert_refused(output: &std::process::Output, expected: &[&str]) {
    assert_exit(output, 2);
    assert_eq!(stdout(output), "");
    let err = stderr(output);
    for piece in expected {
        assert!(err.contains(piece), "missing {piece:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_store_that_is_not_there_is_a_clean_error_with_a_hint() {
    let ws = Workspace::new();
    let to = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", closed_port());
    let output = publish(&ws, &to, &[]);
    assert_refused(
        &output,
        &[
            &format!("cannot reach the store at {to}?graph=https%3A%2F%2Fw3id.org%2Fkzlg%2Fdataset"),
            "Connection refused",
            "hint: is the store running",
        ],
    );
}

#[test]
fn the_password_comes_from_a_file_that_must_exist_and_hold_one() {
    let ws = Workspace::new();
    let to = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", closed_port());
    let output = publish(&ws, &to, &["--user", "dba", "--password-file", "no-such-file"]);
    assert_refused(&output, &["cannot read no-such-file"]);

    ws.write("empty-password", "\n");
    let output = publish(&ws, &to, &["--user", "dba", "--password-file", "empty-password"]);
    assert_refused(&output, &["the password file empty-password is empty"]);

    // A user without a password file, and the other way round: the command line says so.
    let output = publish(&ws, &to, &["--user", "dba"]);
    assert_refused(&output, &["--password-file <FILE>"]);
    let output = publish(&ws, &to, &["--password-file", "empty-password"]);
    assert_refused(&output, &["--user <USER>"]);
    // And there is no flag that takes the password itself.
    let output = publish(&ws, &to, &["--user", "dba", "--password", "secret"]);
    assert_refused(&output, &["unexpected argument '--password'"]);
}

#[test]
fn urls_are_checked_and_the_query_endpoint_must_be_known() {
    let ws = Workspace::new();
    let output = publish(&ws, "ftp://127.0.0.1/store", &[]);
    assert_refused(&output, &["ftp://127.0.0.1/store is not a URL", "not http: or https:"]);
    let output = publish(&ws, "127.0.0.1:8890/sparql-graph-crud-auth", &[]);
    assert_refused(&output, &["is not a URL the store can be reached at"]);
    let output = publish(&ws, "http://127.0.0.1:1/store", &["--graph", "not an iri"]);
    assert_refused(&output, &["--graph not an iri is not an absolute IRI"]);
    let output = publish(&ws, "http://127.0.0.1:1/graphs", &[]);
    assert_refused(
        &output,
        &[
            "cannot tell the SPARQL query endpoint of http://127.0.0.1:1/graphs",
            "--query-endpoint",
        ],
    );
}

#[test]
fn a_file_with_named_graphs_or_no_triples_is_refused_before_anything_is_sent() {
    let ws = Workspace::new();
    let to = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", closed_port());
    ws.write(
        "graphs.nq",
        "<urn:a> <urn:p> <urn:b> .\n<urn:a> <urn:p> <urn:c> <urn:g1> .\n<urn:a> <urn:p> <urn:d> <urn:g2> .\n",
    );
    let output = publish(&ws, &to, &["--data", "graphs.nq"]);
    assert_refused(&output, &["graphs.nq holds named graphs (<urn:g1>, <urn:g2>)"]);

    ws.write("empty.nt", "");
    let output = publish(&ws, &to, &["--data", "empty.nt"]);
    assert_refused(&output, &["the graph to publish is empty: nothing was sent"]);
}
