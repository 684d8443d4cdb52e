//! The time model end to end: the fixture of tests/fixtures/time (rules that change twice,
//! answers worked out by hand in its README) at three dates and at the edges between them, and
//! the same view read from a built file.

use std::path::Path;

use crate::support::{Workspace, assert_exit, stdout};

fn tables() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/time")
        .display()
        .to_string()
}

fn run(args: &[&str], code: i32) -> String {
    let ws = Workspace::new();
    let tables = tables();
    let mut all = vec!["--tables", &tables];
    all.extend_from_slice(args);
    let output = ws.kzlg(&all);
    assert_exit(&output, code);
    stdout(&output)
}

const HOW_FILLED: &str =
    "SELECT ?p ?o WHERE { post:akim-district ?p ?o FILTER(?p IN (kzlg:appointedBy, kzlg:electedBy)) } ORDER BY ?p ?o";

fn how_filled(as_of: Option<&str>) -> Vec<String> {
    let mut args = vec!["query", "-e", HOW_FILLED, "-f", "csv"];
    if let Some(date) = as_of {
        args.extend(["--as-of", date]);
    }
    run(&args, 0)
        .lines()
        .skip(1)
        .map(|l| {
            l.replace("https://w3id.org/kzlg/ontology#", "")
                .replace("https://w3id.org/kzlg/id/", "")
        })
        .collect()
}

#[test]
fn each_date_shows_the_rules_of_its_period_and_no_other() {
    assert_eq!(
        how_filled(Some("2002")),
        ["appointedBy,body/president", "appointedBy,post/akim-region"]
    );
    assert_eq!(how_filled(Some("2015")), ["electedBy,body/maslikhat-district"]);
    assert_eq!(how_filled(Some("2024")), ["electedBy,body/electorate-district"]);
    assert_eq!(
        how_filled(None),
        ["electedBy,body/electorate-district"],
        "the dataset's date, 2026-12-01"
    );
    // The change of 2013-08 counts as made by the end of 2013, and not on 2013-07-31.
    assert_eq!(how_filled(Some("2013")), ["electedBy,body/maslikhat-district"]);
    assert_eq!(
        how_filled(Some("2013-07-31")),
        ["appointedBy,body/president", "appointedBy,post/akim-region"]
    );
}

#[test]
fn who_held_follows_the_tenures_at_every_precision() {
    let holders = |date: &str, code: i32| -> Vec<String> {
        run(&["who-held", "akim-d", "--as-of", date, "-f", "csv"], code)
            .lines()
            .skip(1)
            .map(|l| l.split(',').take(4).collect::<Vec<_>>().join(","))
            .collect()
    };
    assert_eq!(holders("2002", 0), ["Anna A,Akim of District D,1999 – 2005-06,holds"]);
    assert_eq!(
        holders("2005-06", 0),
        ["Boris B,Akim of District D,2005-06 – 2016,holds"]
    );
    assert_eq!(holders("2015", 0), ["Boris B,Akim of District D,2005-06 – 2016,holds"]);
    assert!(holders("2024", 1).is_empty(), "nobody is recorded in post in 2024");
    assert_eq!(
        holders("2022", 0),
        ["Chingiz C,Akim of District D,attested 2022-03,holds"]
    );
    assert_eq!(
        holders("2022-03-15", 0),
        ["Chingiz C,Akim of District D,attested 2022-03,attested in 2022-03"]
    );
    // The unit's posts: the same answer through the unit.
    let through_unit = run(&["who-held", "district-d", "--as-of", "2002", "-f", "csv"], 0);
    assert!(through_unit.contains("Anna A,Akim of District D"), "{through_unit}");
    // Without a date, every tenure in date order.
    let all = run(&["who-held", "akim-d", "-f", "csv"], 0);
    let people: Vec<&str> = all.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(people, ["Anna A", "Boris B", "Chingiz C"]);
}

fn appointment_chain(date: &str) -> Vec<String> {
    run(&["chain", "akim-d", "--as-of", date, "-f", "csv"], 0)
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("appointment,"))
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            format!("{} {}: {} {} {}", c[1], c[3], c[4], c[6], c[7])
        })
        .collect()
}

#[test]
fn chains_follow_the_rules_of_the_date() {
    assert_eq!(
        appointment_chain("2002"),
        [
            "de jure 1: akim-d genericPost akim-district",
            "de jure 2: akim-district appointedBy akim-region",
            "de jure 3: akim-region appointedBy president",
            "de facto 1: akim-d genericPost akim-district",
            "de facto 2: akim-district appointedBy president",
        ]
    );
    assert!(appointment_chain("2015").contains(&"de jure 2: akim-district electedBy maslikhat-district".to_owned()));
    assert!(appointment_chain("2024").contains(&"de jure 2: akim-district electedBy electorate-district".to_owned()));
}

fn degrees(date: &str) -> Vec<String> {
    run(&["analyse", "--as-of", date, "--only", "degree", "-f", "csv"], 0)
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            format!("{} {} {}", c[1], c[7], c[9])
        })
        .collect()
}

#[test]
fn centralities_are_those_of_the_network_at_the_date() {
    assert_eq!(
        degrees("2002"),
        [
            "akim-district 3 0.0",
            "akim-region 2 0.0",
            "president 2 0.0",
            "maslikhat-district 1 0.0"
        ]
    );
    assert_eq!(
        degrees("2015"),
        [
            "akim-district 2 0.0",
            "maslikhat-district 2 0.0",
            "akim-region 1 0.0",
            "president 1 0.0"
        ]
    );
    assert_eq!(
        degrees("2024"),
        [
            "akim-district 2 0.0",
            "akim-region 1 0.0",
            "electorate-district 1 0.0",
            "maslikhat-district 1 0.0",
            "president 1 0.0"
        ]
    );
}

/// `--as-of` on a built file restates its direct triples from its statement nodes: the graph
/// equals the one read from the tables at that date.
#[test]
fn a_built_file_gives_the_same_view_as_the_tables() {
    let ws = Workspace::new();
    let tables = tables();
    let dist = ws.path("dist").display().to_string();
    assert_exit(&ws.kzlg(&["--tables", &tables, "build", "--out", &dist]), 0);
    let nq = ws.path("dist/kzlg.nq").display().to_string();
    let all = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";
    for date in ["1990", "2002", "2005-06", "2013", "2022-03-15", "2026-12-01"] {
        let from_tables = ws.kzlg(&[
            "--tables", &tables, "query", "-e", all, "-f", "ntriples", "--as-of", date,
        ]);
        let from_file = ws.kzlg(&["query", "--data", &nq, "-e", all, "-f", "ntriples", "--as-of", date]);
        assert_exit(&from_tables, 0);
        assert_exit(&from_file, 0);
        let sorted = |out: &std::process::Output| {
            let mut lines: Vec<String> = stdout(out).lines().map(str::to_owned).collect();
            lines.sort();
            lines
        };
        assert_eq!(sorted(&from_tables), sorted(&from_file), "as of {date}");
    }
}

/// The statement nodes keep every period: a replaced rule ends when its successor took force.
#[test]
fn a_replaced_rule_ends_when_the_next_one_took_force() {
    let out = run(
        &[
            "query",
            "-e",
            "SELECT ?s ?until WHERE { ?s kzlg:replacedBy ?next ; kzlg:validUntil ?until } ORDER BY ?s",
            "-f",
            "csv",
        ],
        0,
    );
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "https://w3id.org/kzlg/id/stmt/r1,2013-08",
            "https://w3id.org/kzlg/id/stmt/r2,2013-08",
            "https://w3id.org/kzlg/id/stmt/r3,2021-07-25"
        ]
    );
}
