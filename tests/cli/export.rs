//! `kzlg export`: views, formats, --query, parallel edges, atomic output. Independent readers
//! (networkx, lxml with the GraphML schema, Graphviz) check the files in
//! tests/python/check_exports.py.

#[cfg(unix)]
use crate::support::OnLimit;
use crate::support::{Workspace, assert_exit, stderr, stdout};

fn export(ws: &Workspace, args: &[&str]) -> String {
    let mut all = vec!["--tables", "tables", "export"];
    all.extend_from_slice(args);
    let output = ws.kzlg(&all);
    assert_exit(&output, 0);
    stdout(&output)
}

/// The Source,Target,Id columns of edges.csv, and the ids of nodes.csv.
fn csv_export(ws: &Workspace, args: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut all = vec!["csv", "--out", "csv"];
    all.extend_from_slice(args);
    export(ws, &all);
    let nodes = std::fs::read_to_string(ws.path("csv/nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(ws.path("csv/edges.csv")).unwrap();
    let first = |text: &str, n: usize| -> Vec<String> {
        text.lines()
            .skip(1)
            .map(|l| l.split(',').take(n).collect::<Vec<_>>().join(" "))
            .collect()
    };
    (first(&nodes, 1), first(&edges, 4))
}

#[test]
fn the_institutions_view_holds_the_rules_between_posts_and_bodies() {
    let ws = Workspace::new();
    let (nodes, edges) = csv_export(&ws, &["--view", "institutions"]);
    assert_eq!(nodes, ["akim-district", "akim-region", "maslikhat-region", "president"]);
    assert_eq!(
        edges,
        [
            "akim-district akim-region Directed akim-district-appointed-by-akim-region",
            "akim-region president Directed akim-region-dismissed-by-president",
            "maslikhat-region akim-region Directed maslikhat-region-distrust-akim-region",
        ]
    );
}

#[test]
fn the_people_view_holds_tenures_participations_and_posts() {
    let ws = Workspace::new();
    // The tenure is attested in November 2002: in the view of that month, not of the dataset's date.
    let (_, today) = csv_export(&ws, &["--view", "people"]);
    assert!(
        !today.iter().any(|e| e.ends_with("tenure-askarbek-mustafin-2002")),
        "{today:?}"
    );
    let (nodes, edges) = csv_export(&ws, &["--view", "people", "--as-of", "2002-11"]);
    assert!(nodes.contains(&"askarbek-mustafin".to_owned()), "{nodes:?}");
    assert!(
        !nodes.contains(&"zhambyl-district-nko".to_owned()),
        "units are not in the people view"
    );
    assert!(
        edges
            .contains(&"askarbek-mustafin akim-zhambyl-district-nko Directed tenure-askarbek-mustafin-2002".to_owned())
    );
    assert!(edges.contains(&"internship-2002 askarbek-mustafin Directed part-askarbek-mustafin-internship".to_owned()));
    assert!(
        !edges
            .iter()
            .any(|e| e.ends_with("akim-district-appointed-by-akim-region"))
    );
}

#[test]
fn nodes_carry_level_and_region_from_their_unit() {
    let ws = Workspace::new();
    export(&ws, &["csv", "--out", "csv"]);
    let nodes = std::fs::read_to_string(ws.path("csv/nodes.csv")).unwrap();
    let header: Vec<&str> = nodes.lines().next().unwrap().split(',').collect();
    assert_eq!(header[..7], ["Id", "Label", "type", "kind", "level", "region", "iri"]);
    let row = nodes
        .lines()
        .find(|l| l.starts_with("akim-zhambyl-district-nko,"))
        .unwrap();
    assert!(row.starts_with("akim-zhambyl-district-nko,Akim of Zhambyl District,Post,post,District,North Kazakhstan Region,https://w3id.org/kzlg/id/post/akim-zhambyl-district-nko,"), "{row}");
    let generic = nodes.lines().find(|l| l.starts_with("akim-district,")).unwrap();
    assert!(
        generic.starts_with("akim-district,Akim of a district,Post,post,District,,"),
        "{generic}"
    );
    let person = nodes.lines().find(|l| l.starts_with("askarbek-mustafin,")).unwrap();
    assert!(
        person.contains(",Askarbek,Mustafin,"),
        "literal columns become attributes: {person}"
    );
    let seats = header.iter().position(|h| *h == "seats").unwrap();
    let maslikhat = nodes.lines().find(|l| l.starts_with("maslikhat-region,")).unwrap();
    assert_eq!(
        maslikhat.split(',').nth(seats),
        Some("50"),
        "quantities become attributes: {maslikhat}"
    );
}

#[test]
fn a_rule_held_de_jure_and_de_facto_is_two_parallel_edges() {
    let ws = Workspace::new();
    let mut statements = std::fs::read_to_string(ws.path("tables/statements.csv")).unwrap();
    statements.push_str("akim-region-dismissed-by-president-de-jure,akim-region,dismissedBy,president,de_jure,constitution-art-87,,,,,,,,relations,can be dismissed only by the President,21\n");
    ws.write("tables/statements.csv", statements);
    let graphml = export(&ws, &["graphml", "--view", "institutions"]);
    let parallel: Vec<&str> = graphml
        .lines()
        .filter(|l| l.contains(r#"source="akim-region" target="president""#))
        .collect();
    assert_eq!(parallel.len(), 2, "{graphml}");
    assert!(
        parallel[0].contains(r#"<edge id="akim-region-dismissed-by-president""#) && parallel[0].contains(">de facto<")
    );
    assert!(
        parallel[1].contains(r#"<edge id="akim-region-dismissed-by-president-de-jure""#)
            && parallel[1].contains(">de jure<")
    );
    assert!(parallel[1].contains(">Constitution, article 87<"), "{}", parallel[1]);
}

#[test]
fn the_same_tables_give_the_same_bytes() {
    let ws = Workspace::new();
    for format in ["graphml", "gexf", "dot"] {
        assert_eq!(export(&ws, &[format]), export(&ws, &[format]), "{format}");
    }
}

#[test]
fn gexf_edges_live_over_their_validity_or_attestation() {
    let ws = Workspace::new();
    let gexf = export(&ws, &["gexf"]);
    assert!(gexf.contains(r#"<graph mode="dynamic" defaultedgetype="directed" timeformat="date">"#));
    let tenure = gexf
        .lines()
        .find(|l| l.contains(r#"id="tenure-askarbek-mustafin-2002""#))
        .unwrap();
    assert!(tenure.contains(r#"start="2002-11-01" end="2002-11-30""#), "{tenure}");
    let distrust = gexf
        .lines()
        .find(|l| l.contains(r#"id="maslikhat-region-distrust-akim-region""#))
        .unwrap();
    assert!(distrust.contains(r#" start="2001-01-01">"#), "{distrust}");
    let event = gexf
        .lines()
        .find(|l| l.contains(r#"<node id="internship-2002""#))
        .unwrap();
    assert!(event.contains(r#"start="2002-11-01" end="2002-11-24""#), "{event}");
}

#[test]
fn dot_ranks_levels_and_styles_practice_dashed() {
    let ws = Workspace::new();
    let dot = export(&ws, &["dot", "--view", "institutions"]);
    assert!(dot.starts_with("digraph kzlg {"));
    assert!(
        dot.contains(r#"{ rank=same; "akim-region" "maslikhat-region" }"#),
        "{dot}"
    );
    let appointed = dot
        .lines()
        .find(|l| l.contains(r#""akim-district" -> "akim-region""#))
        .unwrap();
    assert!(
        appointed.contains("style=dashed") && appointed.contains(r#"label="appointed by""#),
        "{appointed}"
    );
}

#[test]
fn a_construct_query_exports_exactly_its_triples() {
    let ws = Workspace::new();
    ws.write(
        "q.rq",
        "CONSTRUCT { ?post kzlg:appointedBy ?by . <http://example.org/x> rdfs:label \"Outside\" } WHERE { ?post kzlg:appointedBy ?by }",
    );
    let (nodes, edges) = csv_export(&ws, &["--query", "q.rq"]);
    assert_eq!(nodes, ["akim-district", "akim-region", "http://example.org/x"]);
    assert_eq!(
        edges,
        ["akim-district akim-region Directed akim-district-appointed-by-akim-region"]
    );
    let all = std::fs::read_to_string(ws.path("csv/nodes.csv")).unwrap();
    assert!(all.contains("http://example.org/x,Outside,"), "{all}");
}

#[test]
fn a_select_of_statements_picks_single_rules() {
    let ws = Workspace::new();
    ws.write(
        "q.rq",
        "SELECT ?source ?edge ?target WHERE { ?edge a kzlg:Statement ; kzlg:subject ?source ; kzlg:object ?target ; kzlg:basis kzlg:DeJure . ?source a org:Organization }",
    );
    let (nodes, edges) = csv_export(&ws, &["--query", "q.rq"]);
    assert_eq!(nodes, ["akim-region", "maslikhat-region"]);
    assert_eq!(
        edges,
        ["maslikhat-region akim-region Directed maslikhat-region-distrust-akim-region"]
    );
    ws.write("bad.rq", "SELECT ?a WHERE { ?a ?b ?c }");
    let output = ws.kzlg(&["--tables", "tables", "export", "dot", "--query", "bad.rq"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("must bind ?source ?edge ?target"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn out_writes_the_whole_file_or_nothing() {
    let ws = Workspace::new();
    export(&ws, &["graphml", "--out", "graph.graphml"]);
    let written = std::fs::read_to_string(ws.path("graph.graphml")).unwrap();
    assert!(written.ends_with("</graphml>\n"));
    assert!(ws.files_in(".").iter().all(|name| !name.ends_with(".tmp")));
    ws.write("tables/people.csv", "id,name_en\n,Nobody\n");
    let output = ws.kzlg(&["--tables", "tables", "export", "graphml", "--out", "graph.graphml"]);
    assert_exit(&output, 2);
    assert_eq!(
        std::fs::read_to_string(ws.path("graph.graphml")).unwrap(),
        written,
        "a failed export leaves the old file"
    );
}

/// An export into `out/`, beside an old `out/graph.graphml`, then the same export with files
/// limited to 2 blocks (at most 2 KiB, a tenth of the file), so that it fails while writing.
#[cfg(unix)]
fn export_cut_short(on_limit: OnLimit) -> (Workspace, String, std::process::Output) {
    let ws = Workspace::new();
    std::fs::create_dir(ws.path("out")).unwrap();
    export(&ws, &["graphml", "--view", "people", "--out", "out/graph.graphml"]);
    let old = std::fs::read_to_string(ws.path("out/graph.graphml")).unwrap();
    let args = ["--tables", "tables", "export", "graphml", "--out", "out/graph.graphml"];
    let output = ws.kzlg_with_file_limit(2, on_limit, &args);
    (ws, old, output)
}

#[test]
#[cfg(unix)]
fn an_export_failing_midway_leaves_the_old_file_and_no_partial_one() {
    let (ws, old, output) = export_cut_short(OnLimit::WriteFails);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("/.graph.graphml.") && stderr(&output).contains("File too large"),
        "the export did not fail while writing its temporary file: {}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(ws.path("out/graph.graphml")).unwrap(), old);
    assert_eq!(ws.files_in("out"), ["graph.graphml"], "a partial file is left");
}

#[test]
#[cfg(target_os = "linux")] // a gone process is told by /proc
fn a_killed_export_leaves_the_old_file_and_the_next_export_cleans_up() {
    let (ws, old, output) = export_cut_short(OnLimit::Killed);
    assert_eq!(output.status.code(), None, "the export was not killed while writing");
    assert_eq!(std::fs::read_to_string(ws.path("out/graph.graphml")).unwrap(), old);
    let partial: Vec<String> = ws.files_in("out").into_iter().filter(|n| n.ends_with(".tmp")).collect();
    assert_eq!(
        partial.len(),
        1,
        "the killed export left no partial file, so it was not midway"
    );
    assert!(
        !std::fs::read(ws.path(&format!("out/{}", partial[0])))
            .unwrap()
            .is_empty()
    );
    export(&ws, &["graphml", "--out", "out/graph.graphml"]);
    assert_eq!(ws.files_in("out"), ["graph.graphml"], "the partial file stays");
    assert_ne!(std::fs::read_to_string(ws.path("out/graph.graphml")).unwrap(), old);
}

#[test]
fn csv_needs_a_folder() {
    let ws = Workspace::new();
    let output = ws.kzlg(&["--tables", "tables", "export", "csv"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("give the folder with --out DIR"));
}
