//! `kzlg show`: the page of one entity on the bundled tables (the journalist's question "who was
//! the akim of Zhambyl district in 2002 and how do we know", answered from extracted/) and on
//! the time fixture, whose answers tests/fixtures/time/README.md works out by hand.

use std::path::Path;

use serde_json::Value;

use crate::support::{Workspace, assert_exit, stderr, stdout};

fn bundled() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("extracted")
        .display()
        .to_string()
}

fn time_fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/time")
        .display()
        .to_string()
}

/// `kzlg --tables TABLES show ARGS`, its exit code checked, its output with each run of
/// whitespace made one space (the page is wrapped to 100 columns when piped).
fn show(tables: &str, args: &[&str], code: i32) -> (String, String) {
    let ws = Workspace::new();
    let mut all = vec!["--tables", tables, "show"];
    all.extend_from_slice(args);
    let output = ws.kzlg(&all);
    assert_exit(&output, code);
    let flat = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    (flat(stdout(&output)), stderr(&output))
}

fn json(tables: &str, args: &[&str]) -> Value {
    let ws = Workspace::new();
    let mut all = vec!["--tables", tables, "show", "--format", "json"];
    all.extend_from_slice(args);
    let output = ws.kzlg(&all);
    assert_exit(&output, 0);
    serde_json::from_str(&stdout(&output)).expect("one JSON object")
}

/// The sentences of the facts of one section of a JSON page, with how each holds.
fn sentences(page: &Value, section: &str) -> Vec<String> {
    page["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["section"] == section)
        .map(|f| {
            let object = f["object"]["label"].as_str().or(f["object"]["value"].as_str()).unwrap();
            let holds = f["holds"].as_str().unwrap_or("-");
            format!(
                "{} — {} → {object} [{holds}]",
                f["subject"]["label"].as_str().unwrap(),
                f["relation"]["label"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_akim_of_zhambyl_district_in_2002_and_how_we_know() {
    let (page, _) = show(&bundled(), &["Zhambyl district akim", "--as-of", "2002"], 0);
    for expected in [
        "Akim of Zhambyl District (North Kazakhstan Region) post:akim-zhambyl-district-nko",
        // Where it lies: the post's unit, up the partOf links.
        "Akim of Zhambyl District (North Kazakhstan Region) — unit → Zhambyl District",
        "Zhambyl District — part of → North Kazakhstan Region",
        "North Kazakhstan Region — part of → Kazakhstan",
        // The holder, attested in November 2002, with the source, line and quote (tenures.csv).
        "Askarbek Mustafin — holds → Akim of Zhambyl District (North Kazakhstan Region) attested in 2002-11 · HOLDS \
         source: Training for Senior Managers in Government – Local Government: An International Experience, line 297 \
         “Askarbek Mustafin Rayon Akim, Zhambylsky”",
        // Who appoints the post: the rules of the generic district akim post (statements.csv),
        // in practice the oblast akim, with the Law on Civil Service and the quote of line 32.
        "Akim of a district (rayon) — appointed by → Akim of a region (oblast) basis: de facto · until 2025; attested in 2001 · HOLDS \
         · condition: most akims of this level · legal provision: Law on Civil Service of the Republic of Kazakhstan \
         · inherited from Akim of a district (rayon) source: [Politico-administrative relations at the local level in Kazakstan], line 32 \
         “In reality and under Civil Service provisions, most Akims of this level are appointees of respective oblast Akim",
        "Akim of a district (rayon) — dismissed by → President of the Republic of Kazakhstan basis: de jure",
        "Akim of Zhambyl District (North Kazakhstan Region) — generic post → Akim of a district (rayon)",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in\n{page}");
    }
    // The direct election of district akims (from 2025) and its 2023 pilot did not hold in 2002.
    assert!(!page.contains("elected by"), "{page}");
    assert!(
        page.contains("(2 facts that did not hold on 2002 are left out; --all shows them)"),
        "{page}"
    );
    let (all, _) = show(&bundled(), &["Zhambyl district akim", "--as-of", "2002", "--all"], 0);
    assert!(all.contains("Akim of a district (rayon) — elected by → Voters of a district (electorate) basis: de jure · from 2025 · DOES NOT HOLD THEN"), "{all}");
}

#[test]
fn natural_spellings_of_the_post_find_it() {
    for name in [
        "akim of Zhambyl district",
        "Zhambyl akim",
        "Жамбылский район аким",
        "akim Zhambyl District North Kazakhstan",
    ] {
        let (page, _) = show(&bundled(), &[name], 0);
        assert!(
            page.starts_with("Akim of Zhambyl District (North Kazakhstan Region) post:akim-zhambyl-district-nko"),
            "{name}: {page}"
        );
    }
    let (page, _) = show(&bundled(), &["Мустафин"], 0);
    assert!(page.starts_with("Askarbek Mustafin person:askarbek-mustafin"), "{page}");
    assert!(
        page.contains("Posts held • Askarbek Mustafin — holds → Akim of Zhambyl District (North Kazakhstan Region)"),
        "{page}"
    );
}

#[test]
fn names_that_match_several_entities_equally_are_listed_with_a_hint() {
    // As `kzlg resolve Zhambyl` ranks them: Jambyl Region and Zhambyl District by name, Taraz by
    // its former name Zhambyl; all three score alike.
    let (out, err) = show(&bundled(), &["Zhambyl"], 1);
    assert_eq!(out, "");
    assert!(err.starts_with("3 entities match 'Zhambyl' equally well:"), "{err}");
    for line in [
        "unit:jambyl-region",
        "unit:taraz",
        "unit:zhambyl-district-nko",
        "hint: give more words of the name, or the id",
    ] {
        assert!(err.contains(line), "{line} in {err}");
    }
    let (out, err) = show(&bundled(), &["qwertyuiop"], 1);
    assert_eq!(out, "");
    assert!(err.contains("nothing is called 'qwertyuiop'"), "{err}");
}

#[test]
fn facts_are_shown_from_both_ends_subject_first() {
    // statements.csv: akimat-city accountableTo maslikhat-city, on the maslikhat's page too.
    let page = json(&bundled(), &["body:maslikhat-city"]);
    let rules = sentences(&page, "rules");
    assert!(
        rules.contains(&"Akimat of a city — accountable to → Maslikhat of a city [-]".to_owned()),
        "{rules:#?}"
    );
}

#[test]
fn the_time_fixture_shows_the_rules_and_holders_of_each_date() {
    let tables = time_fixture();
    // README: as of 2002 akim-district is appointed by akim-region (r1) and, in practice, by the
    // president (r2), accountable to the maslikhat (r6); Anna holds akim-d.
    let page = json(&tables, &["akim-d", "--as-of", "2002"]);
    let held = |section: &str| -> Vec<String> {
        sentences(&page, section)
            .into_iter()
            .filter(|s| !s.ends_with("[no]"))
            .collect()
    };
    assert_eq!(
        held("inherited"),
        [
            "Akim of a district — appointed by → Akim of a region [holds]",
            "Akim of a district — appointed by → President [holds]",
            "Akim of a district — accountable to → Maslikhat of a district [holds]",
        ]
    );
    assert_eq!(held("tenures"), ["Anna A — holds → Akim of District D [holds]"]);
    assert_eq!(
        sentences(&page, "place"),
        [
            "Akim of District D — unit → District D [-]",
            "District D — part of → Region R [-]",
            "Region R — part of → Country [-]",
        ]
    );
    // Every tenure in date order, whether it held or not.
    assert_eq!(
        sentences(&page, "tenures"),
        [
            "Anna A — holds → Akim of District D [holds]",
            "Boris B — holds → Akim of District D [no]",
            "Chingiz C — holds → Akim of District D [no]",
        ]
    );
    let page = json(&tables, &["akim-d", "--as-of", "2015"]);
    let held: Vec<String> = sentences(&page, "inherited")
        .into_iter()
        .filter(|s| !s.ends_with("[no]"))
        .collect();
    assert_eq!(
        held,
        [
            "Akim of a district — elected by → Maslikhat of a district [holds]",
            "Akim of a district — accountable to → Maslikhat of a district [holds]",
        ]
    );
    // As of 2022-03-15, Chingiz, attested in 2022-03, holds "within" that month.
    let page = json(&tables, &["akim-d", "--as-of", "2022-03-15"]);
    assert_eq!(
        sentences(&page, "tenures")[2],
        "Chingiz C — holds → Akim of District D [within 2022-03]"
    );
    let (text, _) = show(&tables, &["akim-d", "--as-of", "2022-03-15"], 0);
    assert!(
        text.contains("Chingiz C — holds → Akim of District D attested in 2022-03 · ATTESTED IN 2022-03"),
        "{text}"
    );
    assert!(!text.contains("Anna A"), "{text}");
}

#[test]
fn a_page_reads_the_same_from_a_built_file_and_speaks_russian() {
    let ws = Workspace::new();
    let tables = time_fixture();
    assert_exit(&ws.kzlg(&["--tables", &tables, "build", "--out", "dist", "-q"]), 0);
    let from_tables = ws.kzlg(&["--tables", &tables, "show", "akim-d", "--as-of", "2015", "-f", "json"]);
    let from_file = ws.kzlg(&[
        "--tables",
        &tables,
        "show",
        "akim-d",
        "--as-of",
        "2015",
        "-f",
        "json",
        "--data",
        "dist/kzlg.nq",
    ]);
    assert_exit(&from_file, 0);
    assert_eq!(stdout(&from_tables), stdout(&from_file));
    let (russian, _) = show(&tables, &["akim-d", "--lang", "ru"], 0);
    assert!(russian.contains("Кто занимал"), "{russian}");
    assert!(russian.contains("Правила общей должности"), "{russian}");
}

#[test]
fn turtle_is_the_description_with_its_statements() {
    let ws = Workspace::new();
    let tables = time_fixture();
    let output = ws.kzlg(&["--tables", &tables, "show", "post:akim-district", "-f", "turtle"]);
    assert_exit(&output, 0);
    let turtle = stdout(&output);
    let store = oxigraph::store::Store::new().unwrap();
    store
        .load_from_slice(oxigraph::io::RdfFormat::Turtle, turtle.as_bytes())
        .expect("valid Turtle");
    // r1..r6 name akim-district or are its rules: r1-r4 and r6 as subject, r5 not at all.
    for (rule, present) in [("r1", true), ("r4", true), ("r6", true), ("r5", false)] {
        let statement = oxigraph::model::NamedNode::new(format!("https://w3id.org/kzlg/id/stmt/{rule}")).unwrap();
        let subject = oxigraph::model::NamedNodeRef::new("https://w3id.org/kzlg/ontology#subject").unwrap();
        let found = store
            .quads_for_pattern(Some(statement.as_ref().into()), Some(subject), None, None)
            .next()
            .is_some();
        assert_eq!(found, present, "{rule}");
    }
    let again = ws.kzlg(&["--tables", &tables, "show", "post:akim-district", "-f", "turtle"]);
    assert_eq!(turtle, stdout(&again), "the same bytes every time");
}
