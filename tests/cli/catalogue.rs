//! Every catalogue query has an expected result on the bundled data: `tests/catalogue/<name>.csv`
//! is the exact CSV output of `kzlg query <name>` over `extracted/` (regenerate with
//! `make catalogue-expected` after changing the data, and review the diff).

use std::path::Path;
use std::process::Command;

fn kzlg(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kzlg"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kzlg runs")
}

/// The names of the queries (`*.rq`) in a catalogue folder, sorted.
fn query_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_catalogue_query_gives_its_expected_result_on_the_bundled_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = query_names(&root.join("queries"));
    assert!(names.len() >= 12, "the catalogue has {} queries", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(root.join(format!("queries/{name}.rq"))).unwrap();
        if text.contains("SERVICE <") {
            continue; // needs a remote endpoint: tests/cli/federation.rs runs it against one on loopback
        }
        let expected_path = root.join(format!("tests/catalogue/{name}.csv"));
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            failures.push(format!("{name}: no expected result {}", expected_path.display()));
            continue;
        };
        let output = kzlg(&["query", name, "--format", "csv"]);
        let actual = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            failures.push(format!(
                "{name}: exit {:?}\n{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        } else if actual != expected {
            failures.push(format!(
                "{name}: result differs from {}\n--- actual\n{actual}",
                expected_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What `kzlg queries --long --catalogue DIR` shows without a title or a question, for each
/// `DIR/*.rq`: a name line `NAME  TITLE` followed by an indented line holding the question.
fn missing_titles_and_questions(dir: &Path) -> Vec<String> {
    let output = kzlg(&["queries", "--long", "--catalogue", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let listing = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    let names = query_names(dir);
    let mut missing = Vec::new();
    for name in &names {
        let Some(at) = lines.iter().position(|l| l.split_whitespace().next() == Some(name)) else {
            missing.push(format!("{name}: not listed"));
            continue;
        };
        if lines[at].trim_end() == name {
            missing.push(format!("{name}: no title"));
        }
        if !lines
            .get(at + 1)
            .is_some_and(|next| next.starts_with(' ') && !next.trim().is_empty())
        {
            missing.push(format!("{name}: no question"));
        }
    }
    missing
}

#[test]
fn every_catalogue_query_has_a_title_and_a_question() {
    let catalogue = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    assert_eq!(missing_titles_and_questions(&catalogue), Vec::<String>::new());
}

#[test]
fn a_query_without_its_question_or_title_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, header: &str| {
        std::fs::write(
            dir.path().join(name),
            format!("{header}SELECT * WHERE {{ ?s ?p ?o }}\n"),
        )
        .unwrap();
    };
    write("complete.rq", "# title: Everything\n# question: What is there?\n");
    write("no-question.rq", "# title: Everything again\n");
    write("no-title.rq", "# question: What else is there?\n");
    assert_eq!(
        missing_titles_and_questions(dir.path()),
        ["no-question: no question", "no-title: no title"]
    );
}
