//! `kzlg export quickstatements`: the batch of tests/fixtures/quickstatements, line by line as
//! worked out by hand (its README), with and without --create; the report; atomic --out and
//! --report; the options that do not apply. tests/python/check_quickstatements.py parses the
//! batches as QuickStatements.

use std::path::Path;

use crate::support::{Workspace, assert_exit, copy_dir, stderr, stdout};

/// A workspace with the fixture in `qs/`.
fn workspace() -> Workspace {
    let ws = Workspace::new();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quickstatements"),
        &ws.path("qs"),
    );
    ws
}

fn export(ws: &Workspace, args: &[&str]) -> (String, String) {
    let mut all = vec!["--tables", "qs", "export", "quickstatements"];
    all.extend_from_slice(args);
    let output = ws.kzlg(&all);
    assert_exit(&output, 0);
    (stdout(&output), stderr(&output))
}

const RETRIEVED: &str = "S813\t+2026-12-01T00:00:00Z/11";

/// The statements on items that exist, in tenure id order.
fn statements() -> Vec<String> {
    vec![
        format!(
            "Q11\tP39\tQ21\tP580\t+1999-00-00T00:00:00Z/9\tP582\t+2005-06-00T00:00:00Z/10\tS1683\ten:\"Anna A, \"the akim\" of District D\"\t{RETRIEVED}"
        ),
        format!(
            "Q14\tP39\tQ22\tP580\t+2010-00-00T00:00:00Z/9\tP582\t+2012-00-00T00:00:00Z/9\tS1683\ten:\"Erlan E, member again\"\t{RETRIEVED}"
        ),
        format!("Q14\tP39\tQ22\tP585\t+2002-11-05T00:00:00Z/11\tS854\t\"https://example.org/akims?a=1\"\t{RETRIEVED}"),
    ]
}

fn lines(text: &str) -> Vec<String> {
    assert!(text.ends_with('\n'), "{text:?}");
    text.lines().map(str::to_owned).collect()
}

#[test]
fn tenures_whose_person_and_post_have_ids_become_dated_referenced_p39_statements() {
    let ws = workspace();
    let (batch, report) = export(&ws, &[]);
    assert_eq!(lines(&batch), statements());
    assert_eq!(
        report.lines().collect::<Vec<_>>(),
        [
            "QuickStatements: 3 P39 statements from 9 tenures; 0 items created (--create makes the people and posts without an id)",
            "tenures not exported: 6",
            "     1  a date without its year",
            "     1  a text QuickStatements cannot carry",
            "     1  no date (no start, end or attested_on)",
            "     2  the person has no Wikidata id in links.csv",
            "     2  the post has no Wikidata id in links.csv",
            "  t-anna-undated: no start, end or attested_on",
            "  t-boris-akim: the person boris has no Wikidata id",
            "  t-chingiz-deputy: the post deputy-r has no Wikidata id",
            "  t-chingiz-member: the date --04-19 has no year",
            "  t-dana-deputy: the person dana has no Wikidata id; the post deputy-r has no Wikidata id",
            "  t-erlan-pipe: the quote \"Erlan E | member\" holds a |, which QuickStatements reads as a separator",
            "warning: erlan holds member-r in several tenures (t-erlan-again, t-erlan-web): QuickStatements adds a statement whose item, property and value exist to that statement, so their dates go on one P39",
        ]
    );
}

#[test]
fn create_makes_the_items_without_ids_and_states_what_it_can_with_last() {
    let ws = workspace();
    let (batch, report) = export(&ws, &["--create"]);
    let post_ref = format!("S1683\ten:\"Deputy Akim of Region R\"\t{RETRIEVED}");
    let mut expected = statements();
    expected.extend([
        "CREATE".to_owned(),
        "LAST\tLen\t\"Deputy Akim of Region R\"".to_owned(),
        "LAST\tLru\t\"Заместитель акима области R\"".to_owned(),
        "LAST\tDen\t\"position in Region R\"".to_owned(),
        format!("LAST\tP31\tQ4164871\t{post_ref}"),
        format!("LAST\tP17\tQ232\t{post_ref}"),
        format!("LAST\tP1001\tQ485088\t{post_ref}"),
        "CREATE".to_owned(),
        "LAST\tLen\t\"Boris B\"".to_owned(),
        "LAST\tLkk\t\"Борис Б\"".to_owned(),
        "LAST\tDen\t\"Akim of District D (from 2005)\"".to_owned(),
        format!("LAST\tP31\tQ5\tS1683\ten:\"Boris B\"\t{RETRIEVED}"),
        format!("LAST\tP39\tQ21\tP580\t+2005-07-01T00:00:00Z/11\tS248\tQ777\tS1683\tru:\"Борис Б аким\"\t{RETRIEVED}"),
        "CREATE".to_owned(),
        "LAST\tLen\t\"Dana D\"".to_owned(),
        "LAST\tDen\t\"Deputy Akim of Region R (2002)\"".to_owned(),
        format!("LAST\tP31\tQ5\tS854\t\"https://example.org/akims?a=1\"\t{RETRIEVED}"),
    ]);
    assert_eq!(lines(&batch), expected);
    for line in [
        "QuickStatements: 4 P39 statements from 9 tenures; 3 items created",
        "     2  the post is created by this batch (export again once its id is in links.csv)",
        "  t-chingiz-deputy: the post deputy-r is created by this batch",
        "  t-dana-deputy: the post deputy-r is created by this batch",
        "  person boris \"Boris B\": https://www.wikidata.org/w/index.php?search=Boris+B",
    ] {
        assert!(report.lines().any(|l| l == line), "no {line:?} in\n{report}");
    }
}

#[test]
fn out_and_report_are_written_whole_or_not_at_all() {
    let ws = workspace();
    let (batch, report) = export(&ws, &["--create", "--out", "batch.tsv", "--report", "report.txt"]);
    assert_eq!((batch.as_str(), report.as_str()), ("", ""));
    let (again, again_report) = export(&ws, &["--create"]);
    assert_eq!(std::fs::read_to_string(ws.path("batch.tsv")).unwrap(), again);
    assert_eq!(std::fs::read_to_string(ws.path("report.txt")).unwrap(), again_report);
    // Broken tables: an error, and the files of the last run stay as they were.
    ws.write(
        "qs/tenures.csv",
        "id,person,post,start,end,attested_on,note,source,evidence,line\nt,nobody,akim-d,2001,,,,report,x,1\n",
    );
    let output = ws.kzlg(&[
        "--tables",
        "qs",
        "export",
        "quickstatements",
        "--out",
        "batch.tsv",
        "--report",
        "report.txt",
    ]);
    assert_exit(&output, 2);
    assert_eq!(std::fs::read_to_string(ws.path("batch.tsv")).unwrap(), again);
    assert_eq!(std::fs::read_to_string(ws.path("report.txt")).unwrap(), again_report);
    let leftovers: Vec<_> = std::fs::read_dir(ws.dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn options_of_one_view_do_not_apply_and_create_belongs_to_quickstatements() {
    let ws = workspace();
    for (args, message) in [
        (vec!["quickstatements", "--as-of", "2002"], "--as-of does not apply"),
        (vec!["quickstatements", "--view", "people"], "--view does not apply"),
        (vec!["quickstatements", "--all-dates"], "--all-dates does not apply"),
        (
            vec!["graphml", "--create"],
            "--create and --report are options of quickstatements",
        ),
    ] {
        let mut all = vec!["--tables", "qs", "export"];
        all.extend_from_slice(&args);
        let output = ws.kzlg(&all);
        assert_exit(&output, 2);
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
        assert_eq!(stdout(&output), "");
    }
}

#[test]
fn every_tenure_of_the_bundled_data_is_exported_or_reported() {
    let ws = Workspace::new();
    let tables = Path::new(env!("CARGO_MANIFEST_DIR")).join("extracted");
    let tables = tables.to_str().unwrap();
    let output = ws.kzlg(&["--tables", tables, "export", "quickstatements"]);
    assert_exit(&output, 0);
    let report = stderr(&output);
    let first = report.lines().next().unwrap();
    let number = |after: &str| -> usize {
        let rest = &first[first.find(after).unwrap() + after.len()..];
        rest.split_whitespace().next().unwrap().parse().unwrap()
    };
    let (statements, tenures) = (number("QuickStatements: "), number("statements from "));
    let skipped: usize = report
        .lines()
        .find_map(|l| l.strip_prefix("tenures not exported: "))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(statements + skipped, tenures, "{report}");
    assert_eq!(stdout(&output).lines().count(), statements);
    let listed = report.lines().filter(|l| l.starts_with("  tenure-")).count();
    assert_eq!(listed, skipped, "one line per tenure not exported");
}
