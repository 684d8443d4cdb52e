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

/// The output of a run that must fail with exit code 2 and print nothing on stdout.
fn refused(ws: &Workspace, args: &[&str]) -> String {
    let mut all = vec!["--tables", "tables", "export"];
    all.extend_from_slice(args);
    let output = ws.kzlg(&all);
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "", "a refused export prints nothing");
    stderr(&output)
}

#[test]
fn relations_and_basis_keep_their_edges_and_the_nodes_at_their_ends() {
    let ws = Workspace::new();
    // The three rules of the fixture: akim-district appointed by akim-region (de facto),
    // akim-region dismissed by the president (de facto), the maslikhat's distrust (de jure).
    let (nodes, edges) = csv_export(
        &ws,
        &[
            "--view",
            "institutions",
            "--relations",
            "dismissedBy,canExpressDistrustIn",
            "--basis",
            "de_jure",
        ],
    );
    assert_eq!(
        nodes,
        ["akim-region", "maslikhat-region"],
        "the president lost its only edge"
    );
    assert_eq!(
        edges,
        ["maslikhat-region akim-region Directed maslikhat-region-distrust-akim-region"]
    );
    let (nodes, edges) = csv_export(&ws, &["--view", "institutions", "--basis", "de_facto"]);
    assert_eq!(nodes, ["akim-district", "akim-region", "president"]);
    assert_eq!(edges.len(), 2, "{edges:?}");
    // Filters apply to --query too, and tenures (no basis) stay under a basis filter.
    let (_, edges) = csv_export(&ws, &["--view", "people", "--as-of", "2002-11", "--basis", "de_jure"]);
    assert!(
        edges.iter().any(|e| e.ends_with("tenure-askarbek-mustafin-2002")),
        "{edges:?}"
    );
    let (_, edges) = csv_export(
        &ws,
        &["--view", "people", "--as-of", "2002-11", "--relations", "participant"],
    );
    assert!(edges.iter().all(|e| e.starts_with("internship-2002 ")), "{edges:?}");
}

#[test]
fn an_unknown_relation_or_basis_is_refused_with_the_nearest_name() {
    let ws = Workspace::new();
    let error = refused(&ws, &["dot", "--relations", "appointedby,electedBy,nothing"]);
    assert!(
        error.contains("unknown relation 'appointedby' (did you mean 'appointedBy'?), 'nothing';"),
        "{error}"
    );
    assert!(error.contains("expected names as the schema declares them: appointedBy, dismissedBy,"));
    let error = refused(&ws, &["graphml", "--basis", "dejure"]);
    assert!(error.contains("a similar value exists: 'de_jure'"), "{error}");
    let error = refused(&ws, &["graphml", "--title", "A title"]);
    assert!(error.contains("--title is an option of dot"), "{error}");
    let error = refused(&ws, &["popolo", "--relations", "holds"]);
    assert!(error.contains("do not apply"), "{error}");
}

/// The DOT graph's label: the title and the legend.
fn legend(dot: &str) -> &str {
    let line = dot.lines().find(|l| l.trim_start().starts_with("graph [")).unwrap();
    &line[line.find("label=<").unwrap()..]
}

#[test]
fn the_dot_legend_lists_only_the_relations_drawn_under_its_title() {
    let ws = Workspace::new();
    let everything = export(&ws, &["dot", "--view", "institutions"]);
    assert!(legend(&everything).contains("dismissed by") && legend(&everything).contains("solid: de jure"));
    let dot = export(
        &ws,
        &[
            "dot",
            "--view",
            "institutions",
            "--relations",
            "appointedBy",
            "--title",
            "Who appoints <whom>",
        ],
    );
    let key = legend(&dot);
    assert!(
        key.contains("<b>Who appoints &lt;whom&gt;</b><br/>as of 2026-12-01"),
        "{key}"
    );
    assert!(
        key.contains("appointed by") && !key.contains("dismissed by") && !key.contains("distrust"),
        "{key}"
    );
    assert!(
        key.contains("dashed: de facto") && !key.contains("solid: de jure"),
        "{key}"
    );
    assert_eq!(dot.matches(" -> ").count(), 1, "{dot}");
    assert!(
        !dot.contains("\"president\""),
        "the president has no appointment edge: {dot}"
    );
}

#[test]
fn as_of_changes_the_drawn_edges() {
    let ws = Workspace::new();
    // The maslikhat may express distrust from 2001 (valid_from); the other rules are undated.
    let then = export(&ws, &["dot", "--view", "institutions", "--as-of", "2000"]);
    let now = export(&ws, &["dot", "--view", "institutions"]);
    let distrust = r#""maslikhat-region" -> "akim-region""#;
    assert!(!then.contains(distrust) && now.contains(distrust));
    assert!(!legend(&then).contains("can express distrust in") && legend(&now).contains("can express distrust in"));
    assert!(legend(&then).contains("as of 2000"));
    assert_eq!(then.matches(" -> ").count(), 2);
}

#[test]
fn beside_draws_each_date_in_a_frame_and_thickens_what_is_new() {
    let ws = Workspace::new();
    let dot = export(
        &ws,
        &[
            "dot",
            "--view",
            "institutions",
            "--as-of",
            "2000",
            "--beside",
            "2026-12-01",
        ],
    );
    assert!(dot.contains("subgraph cluster_0 {") && dot.contains("subgraph cluster_1 {"));
    assert!(dot.contains(r#"label="as of 2000""#) && dot.contains(r#"label="as of 2026-12-01""#));
    let line = |from: &str| dot.lines().find(|l| l.trim_start().starts_with(from)).unwrap();
    assert!(line(r#""2026-12-01/maslikhat-region" -> "2026-12-01/akim-region""#).contains("penwidth=2.6"));
    assert!(!line(r#""2026-12-01/akim-district" -> "2026-12-01/akim-region""#).contains("penwidth"));
    assert!(
        dot.contains(r#"{ rank=same; "2000/akim-region" "2026-12-01/akim-region" "2026-12-01/maslikhat-region" }"#),
        "{dot}"
    );
    assert!(
        !dot.contains(r#""2000/maslikhat-region""#),
        "the maslikhat has no rule in 2000"
    );
    let error = refused(&ws, &["dot", "--beside", "2026-12-01"]);
    assert!(
        error.contains("--beside 2026-12-01: that date is drawn already"),
        "{error}"
    );
}

#[test]
fn exported_edges_cite_their_source_quote_and_line() {
    let ws = Workspace::new();
    export(&ws, &["csv", "--view", "institutions", "--out", "csv"]);
    let text = std::fs::read_to_string(ws.path("csv/edges.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    let distrust = rows
        .records()
        .map(Result::unwrap)
        .find(|r| &r[3] == "maslikhat-region-distrust-akim-region")
        .unwrap();
    let cell = |name: &str| distrust[header.iter().position(|h| h == name).unwrap()].to_owned();
    assert_eq!(cell("source"), "relations");
    assert_eq!(
        cell("source_title"),
        "Politico-administrative relations at the local level in Kazakstan"
    );
    assert_eq!(
        cell("evidence"),
        "Maslikhat has the right to express distrust to the Akim by two-thirds of total votes"
    );
    assert_eq!(cell("line"), "49");
    let dot = export(&ws, &["dot", "--view", "institutions"]);
    assert!(
        dot.contains("tooltip=\"Maslikhat of a region — can express distrust in → Akim of a region (de jure)\\nPolitico-administrative relations at the local level in Kazakstan, line 49: “Maslikhat has the right"),
        "{dot}"
    );
    assert!(!dot.contains("URL=") && !dot.contains("href="));
}

#[test]
fn a_link_a_statement_restates_keeps_both_rows_citations() {
    let ws = Workspace::new();
    let mut statements = std::fs::read_to_string(ws.path("tables/statements.csv")).unwrap();
    statements
        .push_str("petropavl-part-of-region,petropavl,partOf,north-kazakhstan-region,de_jure,,,,,,,,,ref-regions,,\n");
    ws.write("tables/statements.csv", statements);
    let graphml = export(&ws, &["graphml"]);
    let edge = graphml
        .lines()
        .find(|l| l.contains(r#"<edge id="petropavl-part-of-region""#))
        .unwrap();
    // The statement's own row first, then the units.csv row whose part_of it restates.
    assert!(edge.contains(">ref-regions | internship<"), "{edge}");
    assert!(
        edge.contains(">https://en.wikipedia.org/wiki/Regions_of_Kazakhstan | <"),
        "{edge}"
    );
    assert!(
        edge.contains("> | Petropavlovsk City<") && edge.contains("> | 300<"),
        "{edge}"
    );
    assert_eq!(
        graphml
            .matches(r#"source="petropavl" target="north-kazakhstan-region""#)
            .count(),
        1
    );
}

/// The picture of `make picture` on the bundled data: what the README says changed between
/// 2002 and the dataset's date, read from the statements by hand (docs/curation/2026-12-time.md).
#[test]
fn the_picture_of_the_bundled_data_shows_what_changed_since_2002() {
    let ws = Workspace::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (tables, query) = (root.join("extracted"), root.join("docs/pictures/system.rq"));
    let output = ws.kzlg(&[
        "--tables",
        tables.to_str().unwrap(),
        "export",
        "dot",
        "--query",
        query.to_str().unwrap(),
        "--relations",
        "appointedBy,electedBy,approvedBy,accountableTo",
        "--as-of",
        "2002",
        "--beside",
        "2026-12-01",
    ]);
    assert_exit(&output, 0);
    let dot = stdout(&output);
    let line = |from_to: &str| dot.lines().find(|l| l.trim_start().starts_with(from_to));
    // Rural akims: appointed by the region akim in practice (003, line 33) → elected by residents.
    let then = line(r#""2002/akim-rural-district" -> "2002/akim-region""#).unwrap();
    assert!(then.contains("style=dashed") && then.contains(r#"line="33""#), "{then}");
    assert!(line(r#""2026-12-01/akim-rural-district" -> "2026-12-01/akim-region""#).is_none());
    let now = line(r#""2026-12-01/akim-rural-district" -> "2026-12-01/electorate-rural-district""#).unwrap();
    assert!(
        now.contains("penwidth=2.6") && now.contains("ref-kt-rural-akim-elections-2021"),
        "{now}"
    );
    // District akims: three passages of 003 drawn as one line, then the 2025 rule.
    let then = line(r#""2002/akim-district" -> "2002/akim-region""#).unwrap();
    assert_eq!(then.matches("line=").count(), 1);
    assert!(then.contains(r#"line="32 | 15 | 90""#), "{then}");
    assert!(
        line(r#""2026-12-01/akim-district" -> "2026-12-01/electorate-district""#)
            .unwrap()
            .contains("valid_from=\"2025\"")
    );
    // Region akims: also approved by the meeting of maslikhat deputies, from 2022-06-08.
    let approved = line(r#""2026-12-01/akim-region" -> "2026-12-01/meeting-maslikhat-deputies-region""#).unwrap();
    assert!(approved.contains(r#"valid_from="2022-06-08""#), "{approved}");
    assert!(!dot.contains(r#""2002/meeting-maslikhat-deputies-region""#));
    // Accountability to the maslikhat is the same at both dates: thin lines on the right.
    let accountable = line(r#""2026-12-01/akim-district" -> "2026-12-01/maslikhat-district""#).unwrap();
    assert!(!accountable.contains("penwidth"), "{accountable}");
}
