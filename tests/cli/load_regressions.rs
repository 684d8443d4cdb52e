//! A test per fixed bug of the loader, each with a line saying what it guards.

use crate::bad_input::{corpus, workspace};
use crate::support::stderr;

/// `text` with every line end (LF or CRLF, inside quotes too) written as `end`.
fn with_line_ends(text: Vec<u8>, end: &str) -> Vec<u8> {
    let text = String::from_utf8(text).unwrap().replace("\r\n", "\n");
    text.replace('\n', end).into_bytes()
}

// Guards: a table saved with CRLF line ends (as spreadsheets and Python's csv module write it)
// had every error reported a line too early.
#[test]
fn errors_are_on_the_same_line_and_column_whatever_the_line_ends() {
    let cases = [
        "crlf-line-ends",
        "many-errors-in-many-files",
        "too-few-fields",
        "too-many-fields",
        "two-current-parents",
        "unbalanced-quote",
        "unknown-reference",
    ];
    for name in cases {
        let expected = std::fs::read_to_string(corpus().join(name).join("expected.txt")).unwrap();
        for end in ["\n", "\r\n", "\r"] {
            let ws = workspace(&corpus().join(name), |table| with_line_ends(table, end));
            let output = ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]);
            assert_eq!(stderr(&output), expected, "{name} with line ends {end:?}");
        }
    }
}
