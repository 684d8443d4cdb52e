//! `kzlg link suggest`: precision and recall on extracts with known answers, and accepting
//! suggestions into the tables.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[cfg(unix)]
use crate::support::OnLimit;
use crate::support::{Workspace, assert_exit, stderr, stdout};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/link-suggest")
}

/// A workspace whose tables hold the link-suggest units and aliases, and the extracts.
fn workspace() -> Workspace {
    let ws = Workspace::new();
    for entry in std::fs::read_dir(fixture()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let target = match name.as_str() {
            "units.csv" | "aliases.csv" => format!("tables/{name}"),
            _ => name,
        };
        ws.write(&target, std::fs::read(&path).unwrap());
    }
    ws
}

/// The (entity, value) pairs of a suggestion listing, above `threshold`.
fn suggested(listing: &str, threshold: f64) -> BTreeSet<(String, String)> {
    listing
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split_whitespace().collect();
            let score: f64 = cells.first()?.parse().ok()?;
            let (_, value) = cells.get(2)?.split_once(':')?;
            (score >= threshold).then(|| (cells[1].to_owned(), value.to_owned()))
        })
        .collect()
}

fn expected(name: &str) -> BTreeSet<(String, String)> {
    std::fs::read_to_string(fixture().join(name))
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let (entity, value) = line.split_once(',').unwrap();
            (entity.to_owned(), value.to_owned())
        })
        .collect()
}

/// Precision and recall of the suggestions at the acceptance threshold 0.8.
fn precision_recall(extract: &str, answers: &str) -> (f64, f64, String) {
    let ws = workspace();
    let output = ws.kzlg(&["--tables", "tables", "link", "suggest", "--from", extract]);
    assert_exit(&output, 0);
    let listing = stdout(&output);
    let found = suggested(&listing, 0.8);
    let truth = expected(answers);
    let correct = found.intersection(&truth).count() as f64;
    let precision = correct / found.len().max(1) as f64;
    let recall = correct / truth.len() as f64;
    (precision, recall, listing)
}

#[test]
fn wikidata_json_extract_is_matched_with_full_precision_and_recall() {
    let (precision, recall, listing) = precision_recall("wikidata.json", "wikidata.expected.csv");
    eprintln!("wikidata.json: precision {precision:.3}, recall {recall:.3}\n{listing}");
    assert_eq!((precision, recall), (1.0, 1.0), "{listing}");
}

#[test]
fn geonames_csv_extract_is_matched_with_full_precision_and_recall() {
    let (precision, recall, listing) = precision_recall("geonames.csv", "geonames.expected.csv");
    eprintln!("geonames.csv: precision {precision:.3}, recall {recall:.3}\n{listing}");
    assert_eq!((precision, recall), (1.0, 1.0), "{listing}");
}

#[test]
fn n_triples_extract_is_matched_with_full_precision_and_recall() {
    let (precision, recall, listing) = precision_recall("wikidata.nt", "wikidata-nt.expected.csv");
    eprintln!("wikidata.nt: precision {precision:.3}, recall {recall:.3}\n{listing}");
    assert_eq!((precision, recall), (1.0, 1.0), "{listing}");
}

#[test]
fn the_reason_names_name_type_and_parent() {
    let ws = workspace();
    let output = ws.kzlg(&["--tables", "tables", "link", "suggest", "--from", "wikidata.json"]);
    let listing = stdout(&output);
    let line = listing
        .lines()
        .find(|l| l.contains("zhambyl-district-almaty"))
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(line.starts_with("1.000  "), "{line}");
    assert!(line.contains("wikidata:Q90000002"), "{line}");
    assert!(line.contains("type District = district of Kazakhstan"), "{line}");
    assert!(line.contains("parent almaty-region = Q186466"), "{line}");
    assert!(listing.contains("Nothing written"), "{listing}");
}

#[test]
fn accepted_links_are_appended_with_their_source_and_build() {
    let ws = workspace();
    let links_before = std::fs::read_to_string(ws.path("tables/links.csv")).unwrap();
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "link",
        "suggest",
        "--from",
        "wikidata.json",
        "--accept",
        "oral,semey=Q61944",
    ]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("Accepted 2 links into tables/links.csv, citing the source 'ref-extract-wikidata'."),
        "{}",
        stdout(&output)
    );
    let links = std::fs::read_to_string(ws.path("tables/links.csv")).unwrap();
    assert!(links.starts_with(&links_before), "existing rows changed");
    let added: Vec<&str> = links[links_before.len()..].lines().collect();
    assert_eq!(added.len(), 2, "{added:?}");
    assert!(
        added[0].starts_with("oral,wikidata,Q487439,,,\"accepted from kzlg link suggest, score "),
        "{}",
        added[0]
    );
    assert!(added[1].starts_with("semey,wikidata,Q61944,"), "{}", added[1]);
    let sources = std::fs::read_to_string(ws.path("tables/sources.csv")).unwrap();
    assert!(
        sources.contains("\nref-extract-wikidata,reference,Offline extract wikidata.json,"),
        "{sources}"
    );
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "-q"]), 0);
    let nq = std::fs::read_to_string(ws.path("dist/kzlg.nq")).unwrap();
    assert!(nq.contains(
        "<https://w3id.org/kzlg/id/unit/oral> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q487439> ."
    ));

    // Accepted links are no longer suggested, and the source row is not added twice.
    let again = ws.kzlg(&[
        "--tables",
        "tables",
        "link",
        "suggest",
        "--from",
        "wikidata.json",
        "--accept-all-above",
        "0.9",
    ]);
    assert_exit(&again, 0);
    assert!(!stdout(&again).contains("wikidata:Q487439"), "{}", stdout(&again));
    let sources_again = std::fs::read_to_string(ws.path("tables/sources.csv")).unwrap();
    assert_eq!(sources_again.matches("ref-extract-wikidata,").count(), 1);
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "-q"]), 0);
}

#[test]
fn accepting_what_was_not_suggested_is_refused_and_writes_nothing() {
    let ws = workspace();
    let before = std::fs::read(ws.path("tables/links.csv")).unwrap();
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "link",
        "suggest",
        "--from",
        "wikidata.json",
        "--accept",
        "oral,taraz",
    ]);
    assert_exit(&output, 2);
    assert_eq!(
        stderr(&output),
        "error: --accept taraz: there is no suggestion for it; accept only what the list shows\n"
    );
    assert_eq!(std::fs::read(ws.path("tables/links.csv")).unwrap(), before);
}

/// A workspace whose sources.csv is padded to about 4 KiB, and the arguments that accept two
/// suggestions from the Wikidata extract: writing the tables takes a few blocks.
#[cfg(unix)]
fn padded_workspace() -> (Workspace, [&'static str; 8]) {
    let ws = workspace();
    let mut sources = std::fs::read_to_string(ws.path("tables/sources.csv")).unwrap();
    for i in 0..60 {
        sources.push_str(&format!("ref-padding-{i},reference,Padding reference {i},,,,,,en,,,\n"));
    }
    ws.write("tables/sources.csv", sources);
    let args = [
        "--tables",
        "tables",
        "link",
        "suggest",
        "--from",
        "wikidata.json",
        "--accept",
        "oral,semey=Q61944",
    ];
    (ws, args)
}

/// The tables' files and their bytes.
#[cfg(unix)]
fn tables(ws: &Workspace) -> Vec<(String, Vec<u8>)> {
    let files = ws.files_in("tables");
    files
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(ws.path(&format!("tables/{name}"))).unwrap();
            (name, bytes)
        })
        .collect()
}

#[test]
#[cfg(unix)]
fn accepting_fails_midway_without_touching_the_tables() {
    let (ws, args) = padded_workspace();
    let before = tables(&ws);
    let output = ws.kzlg_with_file_limit(2, OnLimit::WriteFails, &args);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("tables/.sources.csv.") && stderr(&output).contains("File too large"),
        "accepting did not fail while writing sources.csv: {}",
        stderr(&output)
    );
    assert!(tables(&ws) == before, "the tables changed, or a partial file is left");
}

#[test]
#[cfg(target_os = "linux")] // a gone process is told by /proc
fn a_killed_accept_leaves_the_tables_and_the_next_one_cleans_up() {
    let (ws, args) = padded_workspace();
    let before = tables(&ws);
    let output = ws.kzlg_with_file_limit(2, OnLimit::Killed, &args);
    assert_eq!(output.status.code(), None, "accepting was not killed while writing");
    let (partial, kept): (Vec<_>, Vec<_>) = tables(&ws).into_iter().partition(|(name, _)| name.ends_with(".tmp"));
    assert!(kept == before, "the tables changed although accepting was killed");
    assert_eq!(
        partial.len(),
        1,
        "the killed accept left no partial file, so it was not midway"
    );
    assert_exit(&ws.kzlg(&args), 0);
    assert!(
        ws.files_in("tables").iter().all(|name| !name.ends_with(".tmp")),
        "the partial file stays"
    );
    let links = std::fs::read_to_string(ws.path("tables/links.csv")).unwrap();
    assert!(links.contains("\noral,wikidata,Q487439,"), "{links}");
}
