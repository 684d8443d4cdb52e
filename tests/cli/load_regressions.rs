//! A test per fixed bug of the loader, each with a line saying what it guards.

use std::path::Path;

use crate::bad_input::{corpus, workspace};
use crate::support::{Workspace, copy_dir, good_tables, stderr};

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

// Guards: a table refused as a whole (here for `;` separators) made the rows that cite its ids
// fail too, judged by a made-up kind (`'astana' is a post, but partOf relates a unit`: 84
// errors for a refused `units.csv` of the bundled data).
#[test]
fn a_refused_table_is_the_only_error() {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("extracted");
    let mut tables: Vec<_> = std::fs::read_dir(&bundled)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "csv"))
        .collect();
    tables.sort();
    assert!(tables.len() > 10, "the bundled tables are missing");
    for table in tables {
        let name = table.file_name().unwrap().to_string_lossy().into_owned();
        let ws = Workspace::new();
        std::fs::remove_dir_all(ws.path("tables")).unwrap();
        copy_dir(&bundled, &ws.path("tables"));
        let semicolons = std::fs::read_to_string(&table).unwrap().replace(',', ";");
        ws.write(&format!("tables/{name}"), semicolons);
        let output = ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]);
        let errors = stderr(&output);
        assert!(
            errors.starts_with(&format!("tables/{name}:1: the header is separated by ';'"))
                && errors.ends_with("error: 1 problem in the tables; nothing was written\n"),
            "{name}:\n{errors}"
        );
    }
}

// Guards: an id written malformed where it is defined (`North Kazakhstan Region`) made the rows
// that cite it fail too, judged by a made-up kind instead of the kind of its row.
#[test]
fn a_malformed_id_is_the_only_error() {
    let ws = workspace(&corpus().join("refused-table-cited"), |table| table);
    let units = std::fs::read_to_string(good_tables().join("units.csv")).unwrap();
    let malformed = units.replace("\nnorth-kazakhstan-region,", "\nNorth Kazakhstan Region,");
    assert_ne!(units, malformed);
    ws.write("tables/units.csv", malformed);
    let output = ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]);
    let errors = stderr(&output);
    assert!(
        errors.starts_with("tables/units.csv:3:1: id: 'North Kazakhstan Region' is not a valid id")
            && errors.ends_with("error: 1 problem in the tables; nothing was written\n"),
        "{errors}"
    );
}

/// `people.csv` of the good tables with `rows` more people, the `i`-th id written by `id`.
fn with_many_people(ws: &Workspace, rows: usize, id: impl Fn(usize) -> String) {
    let mut people = std::fs::read_to_string(good_tables().join("people.csv")).unwrap();
    for i in 0..rows {
        people.push_str(&format!(
            "{},Person {i},,,,,,,internship,Askarbek Mustafin,261\n",
            id(i)
        ));
    }
    ws.write("tables/people.csv", people);
}

// Guards: pass two checks one batch of rows (1024) while the rows of the batch before are handed
// on; every row of every batch must be handed on once and its problems reported in file order.
#[test]
fn rows_across_many_batches_are_each_handed_on_once_in_file_order() {
    let ws = Workspace::new();
    with_many_people(&ws, 5000, |i| format!("person-bulk-{i}"));
    let output = ws.kzlg(&["--tables", "tables", "stats"]);
    let counted = crate::support::stdout(&output);
    let persons = counted
        .lines()
        .find(|l| l.trim_start().starts_with("foaf:Person"))
        .unwrap();
    assert_eq!(persons.split_whitespace().last(), Some("5002"), "{counted}");

    let bad = |i: usize| i % 1100 == 7;
    with_many_people(&ws, 5000, |i| match bad(i) {
        true => format!("Bulk Person {i}"),
        false => format!("person-bulk-{i}"),
    });
    let output = ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]);
    let errors = stderr(&output);
    let lines: Vec<&str> = errors.lines().filter(|l| l.starts_with("tables/people.csv:")).collect();
    let expected: Vec<String> = (0..5000)
        .filter(|&i| bad(i))
        .map(|i| format!("tables/people.csv:{}:1: id: 'Bulk Person {i}' is not a valid id", i + 4))
        .collect();
    assert_eq!(lines.len(), expected.len(), "{errors}");
    for (line, expected) in lines.iter().zip(&expected) {
        assert!(line.starts_with(expected.as_str()), "{line} / {expected}");
    }
    assert!(
        errors.ends_with("error: 5 problems in the tables; nothing was written\n"),
        "{errors}"
    );
}
