//! `kzlg load --store DIR` and `--store` on query and serve: the same answers as from the tables,
//! a killed load that the next command calls incomplete, refusals of what is not a store; and,
//! in a kzlg built without the cargo feature `rocksdb`, the error that says how to get it.

#[cfg(feature = "rocksdb")]
use std::path::Path;

#[cfg(feature = "rocksdb")]
use crate::support::stdout;
use crate::support::{Workspace, assert_exit, stderr};

#[cfg(not(feature = "rocksdb"))]
#[test]
fn without_the_feature_every_store_flag_says_how_to_install_it() {
    let ws = Workspace::new();
    for args in [
        &["--tables", "tables", "load", "--store", "st"][..],
        &["query", "--store", "st", "-e", "ASK {}"][..],
        &["serve", "--store", "st", "--bind", "127.0.0.1:0"][..],
    ] {
        let output = ws.kzlg(args);
        assert_exit(&output, 2);
        let error = stderr(&output);
        assert!(error.contains("built without the on-disk store"), "{args:?}: {error}");
        assert!(
            error.contains("cargo install --path . --features rocksdb"),
            "{args:?}: {error}"
        );
        assert!(!ws.path("st").exists(), "{args:?} made the folder");
    }
}

/// The bundled tables and the catalogue of the repository.
#[cfg(feature = "rocksdb")]
fn repository(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(relative)
        .display()
        .to_string()
}

#[cfg(feature = "rocksdb")]
#[test]
fn every_catalogue_query_answers_the_same_from_the_store_as_from_the_tables() {
    let ws = Workspace::new();
    let (tables, catalogue) = (repository("extracted"), repository("queries"));
    let load = ws.kzlg(&["--tables", &tables, "load", "--store", "st", "--quiet"]);
    assert_exit(&load, 0);
    assert_eq!(stderr(&load), "", "--quiet says nothing");
    let mut names: Vec<String> = std::fs::read_dir(&catalogue)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".rq").map(str::to_owned))
        .collect();
    names.sort();
    assert!(names.len() > 20, "the catalogue: {names:?}");
    // Labels, views at other dates (the store's copy rewritten, kzlg:holdsOn on statement
    // nodes) and every plain query, each compared with the tables in memory.
    let mut runs: Vec<Vec<String>> = names.iter().map(|n| vec![n.clone()]).collect();
    for extra in [
        &["--labels"][..],
        &["--as-of", "2005"],
        &["--as-of", "2020-06-01", "--labels"],
    ] {
        for name in ["who-appoints-akims", "rules-as-of", "accountability-without-dismissal"] {
            runs.push([name].iter().chain(extra).map(|s| s.to_string()).collect());
        }
    }
    let mut answered = 0;
    for run in &runs {
        let args: Vec<&str> = run.iter().map(String::as_str).collect();
        let common = ["query", "--catalogue", &catalogue, "--format", "csv"];
        let from_tables = ws.kzlg(&[&["--tables", &tables][..], &common, &args].concat());
        let from_store = ws.kzlg(&[&["--tables", &tables][..], &common, &args, &["--store", "st"]].concat());
        assert_eq!(
            from_store.status.code(),
            from_tables.status.code(),
            "{run:?}: {}",
            stderr(&from_store)
        );
        assert_eq!(stdout(&from_store), stdout(&from_tables), "{run:?}");
        answered += usize::from(from_tables.status.success() && stdout(&from_tables).lines().count() > 1);
    }
    assert!(answered >= 20, "only {answered} runs gave rows");
    let left: Vec<_> = std::fs::read_dir(ws.path("st"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "views at other dates are removed: {left:?}");
}

#[cfg(feature = "rocksdb")]
#[test]
fn a_store_loaded_from_a_built_file_answers_as_the_file_does_and_serve_uses_it() {
    let ws = Workspace::new();
    assert_exit(
        &ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "--nquads-only"]),
        0,
    );
    assert_exit(
        &ws.kzlg(&["load", "--store", "st", "--data", "dist/kzlg.nq", "--quiet"]),
        0,
    );
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } ";
    let all = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    for query in [count, all] {
        let from_file = ws.kzlg(&["query", "--data", "dist/kzlg.nq", "-e", query, "--format", "csv"]);
        let from_store = ws.kzlg(&["query", "--store", "st", "-e", query, "--format", "csv"]);
        assert_exit(&from_store, 0);
        assert_eq!(stdout(&from_store), stdout(&from_file), "{query}");
    }
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_kzlg"))
        .args(["--tables", "tables", "serve", "--store", "st", "--bind", "127.0.0.1:0"])
        .args(["--catalogue", &repository("queries")])
        .current_dir(ws.dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(server.stderr.take().unwrap()), &mut line).unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("{line}"));
    let answer = http_get(
        address,
        "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
    );
    let _ = server.kill();
    let _ = server.wait();
    let expected = stdout(&ws.kzlg(&["query", "--store", "st", "-e", all, "--format", "csv"]));
    let count = expected.lines().nth(1).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let body = answer.split_once("\r\n\r\n").unwrap().1;
    assert!(body.lines().any(|l| l.trim() == count), "{count} triples: {body}");
}

/// GET `target` from `address` as CSV, the whole answer.
#[cfg(feature = "rocksdb")]
fn http_get(address: &str, target: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {address}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    text
}

#[cfg(feature = "rocksdb")]
#[test]
fn a_killed_load_leaves_a_store_that_says_it_is_incomplete_until_it_is_rebuilt() {
    let ws = Workspace::new();
    let synth = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/synth.py");
    let made = crate::support::python()
        .arg(synth)
        .args(["--tenures", "20000", "--out"])
        .arg(ws.path("big"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert_exit(&ws.kzlg(&["--tables", "tables", "load", "--store", "st"]), 0);
    let mut load = std::process::Command::new(env!("CARGO_BIN_EXE_kzlg"))
        .args(["--tables", "big", "load", "--store", "st"])
        .current_dir(ws.dir.path())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !ws.path("st/LOADING").exists() {
        assert!(started.elapsed().as_secs() < 60, "the load never started");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        load.try_wait().unwrap().is_none(),
        "the load ended before it could be killed"
    );
    load.kill().unwrap();
    load.wait().unwrap();
    for args in [
        &["query", "--store", "st", "-e", "ASK {}"][..],
        &["serve", "--store", "st", "--bind", "127.0.0.1:0"],
    ] {
        let output = ws.kzlg(args);
        assert_exit(&output, 2);
        assert_eq!(
            stderr(&output),
            "error: the store in st is incomplete (a load was interrupted)\n  hint: rebuild it: kzlg --tables big load --store st\n",
            "{args:?}"
        );
    }
    assert_exit(&ws.kzlg(&["--tables", "big", "load", "--store", "st", "--quiet"]), 0);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?t a kzlg:Tenure }";
    let from_store = ws.kzlg(&["query", "--store", "st", "-e", count, "--format", "csv"]);
    assert_exit(&from_store, 0);
    assert_eq!(
        stdout(&from_store),
        "n\r\n20000\r\n",
        "SPARQL's CSV ends its lines with CRLF"
    );
}

#[cfg(feature = "rocksdb")]
#[test]
fn what_is_not_a_complete_store_of_this_layout_is_refused_and_never_overwritten() {
    let ws = Workspace::new();
    let query = |dir: &str| ws.kzlg(&["query", "--store", dir, "-e", "ASK {}"]);
    let missing = query("nowhere");
    assert_exit(&missing, 2);
    assert_eq!(
        stderr(&missing),
        "error: there is no store in nowhere\n  hint: load one: kzlg load --store nowhere\n"
    );
    ws.write("papers/notes.txt", "mine");
    let foreign = ws.kzlg(&["--tables", "tables", "load", "--store", "papers"]);
    assert_exit(&foreign, 2);
    assert!(stderr(&foreign).starts_with("error: papers is not a kzlg store (it has no kzlg-store.json)\n  hint: "));
    assert_eq!(std::fs::read_to_string(ws.path("papers/notes.txt")).unwrap(), "mine");
    assert_exit(&query("papers"), 2);

    assert_exit(&ws.kzlg(&["--tables", "tables", "load", "--store", "st", "--quiet"]), 0);
    assert_exit(&query("st"), 0);
    let description = std::fs::read_to_string(ws.path("st/kzlg-store.json")).unwrap();
    assert!(description.contains("\"layout\": 1"), "{description}");
    ws.write(
        "st/kzlg-store.json",
        description.replace("\"layout\": 1", "\"layout\": 0"),
    );
    let old = query("st");
    assert_exit(&old, 2);
    assert_eq!(
        stderr(&old),
        "error: the store in st has layout 0, and this kzlg reads layout 1\n  hint: rebuild it: kzlg --tables tables load --store st\n"
    );
}
