//! `kzlg chain` and `kzlg analyse` on a small system whose answers are worked out by hand in
//! tests/fixtures/chain/README.md, and on the good fixture.

use std::path::{Path, PathBuf};

use crate::support::{Workspace, assert_exit, stderr, stdout};

fn rules() -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chain");
    path.display().to_string()
}

fn run(args: &[&str]) -> String {
    let ws = Workspace::new();
    let tables = rules();
    let mut all = vec!["--tables", &tables];
    all.extend_from_slice(args);
    let output = ws.kzlg(&all);
    assert_exit(&output, 0);
    stdout(&output)
}

#[test]
fn chains_go_through_the_generic_post_de_jure_and_de_facto() {
    let csv = run(&["chain", "akim-district-a", "--format", "csv"]);
    let steps: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            format!(
                "{} {} {}:{} {} {} {} {}",
                cells[0], cells[1], cells[2], cells[3], cells[4], cells[6], cells[7], cells[9]
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            "appointment de jure 1:1 akim-district-a genericPost akim-district ",
            "appointment de jure 1:2 akim-district appointedBy president de jure",
            "appointment de facto 1:1 akim-district-a genericPost akim-district ",
            "appointment de facto 1:2 akim-district appointedBy akim-region de facto",
            "appointment de facto 1:3 akim-region appointedBy president de jure",
            "accountability de jure 1:1 akim-district-a genericPost akim-district ",
            "accountability de jure 1:2 akim-district accountableTo maslikhat-district de jure",
            "accountability de facto 1:1 akim-district-a genericPost akim-district ",
            "accountability de facto 1:2 akim-district accountableTo maslikhat-district de jure",
        ]
    );
    assert!(csv.contains("lsg-art-32,\"Law on Local Government, article 32\""));
}

#[test]
fn chain_table_names_each_step_with_its_basis_and_provision() {
    let table = run(&["chain", "post:akim-district-a"]);
    assert!(
        table.starts_with("Chains from Akim of District A (akim-district-a)\n"),
        "{table}"
    );
    assert!(table.contains("appointment, de facto\n  1. Akim of District A\n       → follows the rules of → Akim of a district\n       → appointed by → Akim of a region  [de facto]\n       → appointed by → President  [de jure; Law on Local Government, article 32]\n"), "{table}");
}

#[test]
fn an_unknown_post_is_a_usage_error_with_a_suggestion() {
    let ws = Workspace::new();
    let tables = rules();
    let output = ws.kzlg(&["--tables", &tables, "chain", "akim-distrct-a"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("no post or body 'akim-distrct-a' in the tables; did you mean akim-district-a?"));
}

#[test]
fn centrality_matches_the_hand_computed_values() {
    let json: serde_json::Value = serde_json::from_str(&run(&["analyse", "--format", "json"])).unwrap();
    let by_id = |table: &str, id: &str| {
        json[table]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} in {table}"))
    };
    let expected = [
        ("akim-district", 5, 1.25, 0.25),
        ("akim-region", 4, 1.0, 0.166667),
        ("president", 4, 1.0, 0.0),
        ("maslikhat-district", 2, 0.5, 0.0),
        ("maslikhat-region", 1, 0.25, 0.0),
    ];
    for (id, degree, degree_centrality, betweenness) in expected {
        let row = by_id("degree", id);
        assert_eq!(row["degree"], degree, "{id}");
        assert_eq!(row["degree_centrality"], degree_centrality, "{id}");
        assert_eq!(row["betweenness"], betweenness, "{id}");
    }
    let ranking: Vec<&str> = json["betweenness"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_str().unwrap())
        .collect();
    assert_eq!(ranking[..2], ["akim-district", "akim-region"]);
}

#[test]
fn components_of_the_institutions_and_the_whole_graph() {
    let institutions = run(&["analyse", "--only", "components", "--format", "csv"]);
    assert_eq!(
        institutions.lines().skip(1).map(|l| &l[..6]).collect::<Vec<_>>(),
        ["1,5,8,"]
    );
    let all = run(&["analyse", "--view", "all", "--only", "components", "--format", "csv"]);
    let sizes: Vec<&str> = all
        .lines()
        .skip(1)
        .map(|l| &l[..l.match_indices(',').nth(2).unwrap().0])
        .collect();
    assert_eq!(sizes, ["1,9,12", "2,2,1"]);
}

#[test]
fn gaps_are_accountability_without_appointment_or_dismissal() {
    let csv = run(&["analyse", "--only", "gaps", "--format", "csv"]);
    let gaps: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').take(4).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        gaps,
        [
            "akim-district Akim of a district accountableTo maslikhat-district",
            "akim-region Akim of a region accountableTo maslikhat-region",
        ]
    );
    assert!(csv.contains("\"appointed by Akim of a region (de facto) | appointed by President (de jure; Law on Local Government, article 32)\",dismissed by President (de jure)"));
}

#[test]
fn csv_needs_one_section() {
    let ws = Workspace::new();
    let output = ws.kzlg(&["--tables", "tables", "analyse", "--format", "csv"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("choose it with --only"));
}
