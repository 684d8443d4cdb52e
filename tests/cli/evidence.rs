use std::process::Output;

use crate::support::{Workspace, assert_exit, fixture_sources, stderr, stdout};

/// Runs `check-evidence` over the fixture tables, with `people.csv` edited by `edit` first.
fn check_evidence(edit: impl Fn(String) -> String) -> Output {
    let ws = Workspace::new();
    let people = std::fs::read_to_string(ws.path("tables/people.csv")).unwrap();
    ws.write("tables/people.csv", edit(people));
    let sources = fixture_sources();
    ws.kzlg(&[
        "--tables",
        "tables",
        "check-evidence",
        "--sources",
        sources.to_str().unwrap(),
    ])
}

#[test]
fn every_fixture_quote_is_found() {
    let output = check_evidence(|people| people);
    assert_exit(&output, 0);
    assert!(stdout(&output).contains("32 of 32 quotes found"), "{}", stdout(&output));
}

#[test]
fn a_changed_quote_is_reported_with_its_row() {
    let output =
        check_evidence(|people| people.replace("internship,Alfiya Solovyova,263", "internship,Alfiya Solovieva,263"));
    assert_exit(&output, 1);
    let errors = stderr(&output);
    assert!(
        errors.starts_with("tables/people.csv:3:10: evidence: quote not found in "),
        "{errors}"
    );
    assert!(errors.contains("'Alfiya Solovieva'"), "{errors}");
}

#[test]
fn a_quote_far_from_its_line_says_where_it_is() {
    let output = check_evidence(|people| people.replace("Alfiya Solovyova,263", "Alfiya Solovyova,100"));
    assert_exit(&output, 1);
    let errors = stderr(&output);
    assert!(
        errors.contains("quote found at line 263, not near line 100"),
        "{errors}"
    );
    assert!(errors.contains("hint: set line to 263"), "{errors}");
}
