//! The bad-input corpus: `tests/bad/<case>/` holds the tables that differ from the good fixture
//! (and optionally `remove`, naming fixture tables to delete) and `expected.txt`, the exact
//! standard error of `kzlg build`. Every case must exit 2, write nothing, and never panic, and
//! `tests/bad/README.md` describes each case in one line.

use std::path::{Path, PathBuf};

use crate::support::{Workspace, stderr};

/// The folder of the corpus, one folder per case.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

/// The good tables with those of `case` put in (each passed through `convert`) and its
/// `remove` list taken out.
pub fn workspace(case: &Path, convert: impl Fn(Vec<u8>) -> Vec<u8>) -> Workspace {
    let ws = Workspace::new();
    for entry in std::fs::read_dir(case).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        match file.as_str() {
            "expected.txt" => {}
            "remove" => {
                for table in std::fs::read_to_string(&path).unwrap().lines() {
                    std::fs::remove_file(ws.path(&format!("tables/{table}"))).unwrap();
                }
            }
            _ => ws.write(&format!("tables/{file}"), convert(std::fs::read(&path).unwrap())),
        }
    }
    ws
}

#[test]
fn every_broken_input_gives_its_exact_error() {
    let corpus = corpus();
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let readme = std::fs::read_to_string(corpus.join("README.md")).unwrap();
    let documented: Vec<&str> = readme
        .lines()
        .filter_map(|line| line.strip_prefix("| ")?.split_once(" |"))
        .map(|(case, _)| case)
        .filter(|case| *case != "case" && !case.starts_with('-'))
        .collect();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        if !documented.contains(&name.as_str()) {
            failures.push(format!("{name}: not described in tests/bad/README.md"));
        }
    }
    for name in &documented {
        if !corpus.join(name).is_dir() {
            failures.push(format!(
                "{name}: described in tests/bad/README.md, but there is no such case"
            ));
        }
    }
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let ws = workspace(case, |table| table);
        let output = ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]);
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let actual = stderr(&output);
        if output.status.code() != Some(2) {
            failures.push(format!("{name}: exit {:?}, expected 2\n{actual}", output.status.code()));
        } else if actual != expected {
            failures.push(format!(
                "{name}: standard error differs\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
        if ws.path("dist").exists() {
            failures.push(format!("{name}: wrote output although the tables are broken"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
