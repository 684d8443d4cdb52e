//! `kzlg coverage` on a small source with hand-worked paragraphs (`fixtures/coverage`).
//!
//! `town.txt` holds ten paragraphs: 1–2 (a form, exempt), 4–7 (a heading and its text), 9 and
//! 10 (two bullets), 12–14 (a colon takes the quotation after it), 16–20 (an attribution, a
//! heading and a sentence broken by a blank line), 22, 24–25, 27–29 (a sentence broken by a
//! blank line) and 31–32 (a label at the end joins the paragraph before it). The rows cite 4–7
//! (the source's own quote), 9, 12–14, 24–25, and 22: that row gives line 20, but its quote
//! starts at line 22, so 16–20 stays uncovered.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{Workspace, assert_exit, copy_dir, stderr, stdout};

fn fixture(part: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/coverage")
        .join(part)
}

/// A workspace with the fixture tables in `cov/` and the exempt list at its default path.
fn workspace() -> Workspace {
    let ws = Workspace::new();
    copy_dir(&fixture("tables"), &ws.path("cov"));
    copy_dir(&fixture("coverage"), &ws.path("coverage"));
    ws
}

fn coverage(ws: &Workspace, extra: &[&str]) -> Output {
    let sources = fixture("sources");
    let mut args = vec!["--tables", "cov", "coverage", "--sources", sources.to_str().unwrap()];
    args.extend(extra);
    ws.kzlg(&args)
}

#[test]
fn counts_and_uncovered_paragraphs_match_the_hand_worked_answer() {
    let output = coverage(&workspace(), &["--uncovered"]);
    assert_exit(&output, 1);
    let out = stdout(&output);
    assert!(
        out.contains("town    10          1       9             5      55.6\n"),
        "{out}"
    );
    let uncovered: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Fact-bearing paragraphs"))
        .filter(|l| l.starts_with("town "))
        .collect();
    assert_eq!(
        uncovered,
        [
            "town    10     10    • The maslikhat approved it.",
            "town    16     20    Program delegate The budget of the town grew by a tenth in …",
            "town    27     29    Budgets (a comparison of methods) were discussed at length.",
            "town    31     32    The seminar ended on 5 May with a dinner given for all of t…",
        ]
    );
}

#[test]
fn csv_gives_the_summary_or_the_uncovered_paragraphs() {
    let ws = workspace();
    let output = coverage(&ws, &["--format", "csv"]);
    assert_exit(&output, 1);
    assert_eq!(
        stdout(&output),
        "source,paragraphs,exempt,fact_bearing,cited,covered\ntown,10,1,9,5,55.6\ntotal,10,1,9,5,55.6\n"
    );
    let output = coverage(&ws, &["--format", "csv", "--uncovered"]);
    assert_exit(&output, 1);
    assert_eq!(
        stdout(&output),
        "source,first,last,text\n\
         town,10,10,• The maslikhat approved it.\n\
         town,16,20,Program delegate The budget of the town grew by a tenth in 2001.\n\
         town,27,29,Budgets (a comparison of methods) were discussed at length.\n\
         town,31,32,\"The seminar ended on 5 May with a dinner given for all of the delegates, trainer…\"\n"
    );
}

#[test]
fn json_holds_the_summary_and_the_uncovered_paragraphs() {
    let output = coverage(&workspace(), &["--format", "json"]);
    assert_exit(&output, 1);
    let out = stdout(&output);
    let compact: String = out.split_whitespace().collect();
    assert!(
        compact.contains(r#"{"cited":5,"covered":55.6,"exempt":1,"fact_bearing":9,"paragraphs":10,"source":"town"}"#),
        "{out}"
    );
    assert!(
        compact.contains(r#""uncovered":[{"first":10,"last":10,"source":"town","text":"•Themaslikhatapprovedit."}"#),
        "{out}"
    );
}

#[test]
fn citing_every_fact_bearing_paragraph_passes() {
    let ws = workspace();
    let people = std::fs::read_to_string(ws.path("cov/people.csv")).unwrap();
    let more = "maslikhat,The maslikhat,,,,,,,town,The maslikhat approved it.,10\n\
                delegate,A delegate,,,,,,,town,Program delegate,16\n\
                trainer,A trainer,,,,,,,town,methods) were discussed,29\n\
                guest,A guest,,,,,,,town,Seminar trainer,32\n";
    ws.write("cov/people.csv", people + more);
    let output = coverage(&ws, &["--format", "csv"]);
    assert_exit(&output, 0);
    assert!(stdout(&output).contains("town,10,1,9,9,100.0\n"), "{}", stdout(&output));
}

#[test]
fn bad_exempt_rows_are_all_reported_with_their_place() {
    let ws = workspace();
    ws.write(
        "coverage/exempt.csv",
        "source,line,reason\n\
         nowhere,1,a form\n\
         town,x,a form\n\
         town,5,inside a paragraph\n\
         town,27,\n\
         town,12,the quotation\n\
         town,1,form field\n\
         town,1,the same form again\n",
    );
    let output = coverage(&ws, &[]);
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "");
    let errors = stderr(&output);
    let expected = [
        "coverage/exempt.csv:2:1: source: unknown document 'nowhere'\n  hint: a source of sources.csv with a file: town",
        "coverage/exempt.csv:3:2: line: 'x' is not a line number",
        "coverage/exempt.csv:4:2: line: 5 starts no paragraph of town\n  hint: the paragraph holding line 5 starts at line 4",
        "coverage/exempt.csv:5:3: reason: empty\n  hint: say in words why the paragraph holds no fact",
        "coverage/exempt.csv:6:2: line: the paragraph of town at line 12 is cited by 1 quote\n  hint: a paragraph that a row cites holds a fact: remove it from the list",
        "coverage/exempt.csv:8:2: line: 1 of town is listed twice\n  hint: it is already listed at line 7",
    ];
    for diagnostic in expected {
        assert!(errors.contains(diagnostic), "missing {diagnostic:?} in\n{errors}");
    }
    assert!(
        errors.ends_with("error: 6 problems in the tables; nothing was written\n"),
        "{errors}"
    );
}

#[test]
fn at_most_a_tenth_of_a_source_may_be_exempt() {
    let ws = workspace();
    ws.write(
        "coverage/exempt.csv",
        "source,line,reason\ntown,1,form field\ntown,10,a bullet said to hold no fact\n",
    );
    let output = coverage(&ws, &[]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).starts_with(
            "coverage/exempt.csv:3:1: source: 2 of the 10 paragraphs of town are exempt; at most a tenth (1) may be\n"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn exempt_reads_another_file_and_a_missing_one_is_an_error() {
    let ws = workspace();
    ws.write("none.csv", "source,line,reason\n");
    let output = coverage(&ws, &["--exempt", "none.csv", "--format", "csv"]);
    assert_exit(&output, 1);
    assert!(stdout(&output).contains("town,10,0,10,5,50.0\n"), "{}", stdout(&output));
    let output = coverage(&ws, &["--exempt", "missing.csv"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("error: cannot read missing.csv"),
        "{}",
        stderr(&output)
    );
}
