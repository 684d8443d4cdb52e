use crate::support::{Workspace, assert_exit, fixture_sources, stderr, stdout};

#[test]
fn every_fixture_quote_is_found() {
    let ws = Workspace::new();
    let sources = fixture_sources();
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "check-evidence",
        "--sources",
        sources.to_str().unwrap(),
    ]);
    assert_exit(&output, 0);
    assert!(stdout(&output).contains("32 of 32 quotes found"), "{}", stdout(&output));
}

#[test]
fn a_changed_quote_is_reported_with_its_row() {
    let ws = Workspace::new();
    let people = std::fs::read_to_string(ws.path("tables/people.csv")).unwrap();
    ws.write(
        "tables/people.csv",
        people.replace("internship,Alfiya Solovyova,263", "internship,Alfiya Solovieva,263"),
    );
    let sources = fixture_sources();
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "check-evidence",
        "--sources",
        sources.to_str().unwrap(),
    ]);
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
    let ws = Workspace::new();
    let people = std::fs::read_to_string(ws.path("tables/people.csv")).unwrap();
    ws.write(
        "tables/people.csv",
        people.replace("Alfiya Solovyova,263", "Alfiya Solovyova,100"),
    );
    let sources = fixture_sources();
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "check-evidence",
        "--sources",
        sources.to_str().unwrap(),
    ]);
    assert_exit(&output, 1);
    let errors = stderr(&output);
    assert!(
        errors.contains("quote found at line 263, not near line 100"),
        "{errors}"
    );
    assert!(errors.contains("hint: set line to 263"), "{errors}");
}
