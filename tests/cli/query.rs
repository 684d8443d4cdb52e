use crate::support::{Workspace, assert_exit, stderr, stdout};

const RULES: &str = "SELECT ?post ?by WHERE { ?post kzlg:appointedBy ?by } ORDER BY ?post";

#[test]
fn inline_query_prints_csv_when_piped() {
    let ws = Workspace::new();
    let output = ws.kzlg(&["--tables", "tables", "query", "-e", RULES]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        "post,by\r\nhttps://w3id.org/kzlg/id/post/akim-district,https://w3id.org/kzlg/id/post/akim-region\r\n"
    );
}

#[test]
fn every_result_format_is_available() {
    let ws = Workspace::new();
    let run = |format: &str| {
        let output = ws.kzlg(&["--tables", "tables", "query", "-e", RULES, "--format", format]);
        assert_exit(&output, 0);
        stdout(&output)
    };
    assert!(run("table").contains("post:akim-district  post:akim-region"));
    assert!(run("tsv").contains("<https://w3id.org/kzlg/id/post/akim-district>\t"));
    assert!(run("json").starts_with("{\"head\":{\"vars\":[\"post\",\"by\"]}"));
    assert!(run("xml").contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"));
}

#[test]
fn labels_replace_iris() {
    let ws = Workspace::new();
    let output = ws.kzlg(&[
        "--tables", "tables", "query", "-e", RULES, "--labels", "--format", "csv",
    ]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "post,by\r\nAkim of a district,Akim of a region\r\n");
}

#[test]
fn ask_exits_zero_when_true_and_one_when_false() {
    let ws = Workspace::new();
    let yes = ws.kzlg(&[
        "--tables",
        "tables",
        "query",
        "-e",
        "ASK { post:akim-district kzlg:appointedBy post:akim-region }",
    ]);
    assert_exit(&yes, 0);
    assert_eq!(stdout(&yes), "true\n");
    let no = ws.kzlg(&[
        "--tables",
        "tables",
        "query",
        "-e",
        "ASK { post:akim-region kzlg:appointedBy post:akim-district }",
    ]);
    assert_exit(&no, 1);
    assert_eq!(stdout(&no), "false\n");
}

#[test]
fn construct_prints_turtle_or_n_triples() {
    let ws = Workspace::new();
    let q = "CONSTRUCT { ?post kzlg:appointedBy ?by } WHERE { ?post kzlg:appointedBy ?by }";
    let turtle = ws.kzlg(&["--tables", "tables", "query", "-e", q]);
    assert_exit(&turtle, 0);
    assert!(
        stdout(&turtle).contains("post:akim-district kzlg:appointedBy post:akim-region ."),
        "{}",
        stdout(&turtle)
    );
    let nt = ws.kzlg(&["--tables", "tables", "query", "-e", q, "--format", "ntriples"]);
    assert_eq!(
        stdout(&nt),
        "<https://w3id.org/kzlg/id/post/akim-district> <https://w3id.org/kzlg/ontology#appointedBy> <https://w3id.org/kzlg/id/post/akim-region> .\n"
    );
}

#[test]
fn queries_come_from_files_and_stdin() {
    let ws = Workspace::new();
    ws.write("rules.rq", RULES);
    let from_file = ws.kzlg(&["--tables", "tables", "query", "rules.rq"]);
    assert_exit(&from_file, 0);
    let from_stdin = ws.kzlg_with_stdin(&["--tables", "tables", "query"], Some(RULES));
    assert_exit(&from_stdin, 0);
    assert_eq!(stdout(&from_file), stdout(&from_stdin));
    let dash = ws.kzlg_with_stdin(&["--tables", "tables", "query", "-"], Some(RULES));
    assert_eq!(stdout(&dash), stdout(&from_file));
}

#[test]
fn queries_run_on_a_built_file_too() {
    let ws = Workspace::new();
    assert_exit(
        &ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "--quiet"]),
        0,
    );
    let from_tables = ws.kzlg(&["--tables", "tables", "query", "-e", RULES]);
    let from_file = ws.kzlg(&["query", "--data", "dist/kzlg.nq", "-e", RULES]);
    assert_exit(&from_file, 0);
    assert_eq!(stdout(&from_tables), stdout(&from_file));
    let from_turtle = ws.kzlg(&["query", "--data", "dist/kzlg.ttl", "-e", RULES]);
    assert_eq!(stdout(&from_tables), stdout(&from_turtle));
}

#[test]
fn a_syntax_error_shows_line_and_column() {
    let ws = Workspace::new();
    ws.write("broken.rq", "# who is where\nSELECT ?x WHERE { ?x a }\n");
    let output = ws.kzlg(&["--tables", "tables", "query", "broken.rq"]);
    assert_exit(&output, 2);
    let errors = stderr(&output);
    assert!(
        errors.starts_with("error: the query does not parse: broken.rq:2:25: expected "),
        "{errors}"
    );
    assert!(
        errors.contains("  | SELECT ?x WHERE { ?x a }\n  |                         ^"),
        "{errors}"
    );
}

#[test]
fn an_unknown_catalogue_name_suggests_one() {
    let ws = Workspace::new();
    std::fs::create_dir(ws.path("queries")).unwrap();
    ws.write(
        "queries/who-appoints-akims.rq",
        "# title: Who appoints akims\n".to_owned() + RULES,
    );
    let output = ws.kzlg(&["--tables", "tables", "query", "who-apoints-akims"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("did you mean 'who-appoints-akims'?"),
        "{}",
        stderr(&output)
    );
    let listed = ws.kzlg(&["queries"]);
    assert_eq!(stdout(&listed), "who-appoints-akims  Who appoints akims\n");
}

/// `--explain FILE` writes the plan the optimiser chose, each step with the rows it gave, and the
/// results still go to standard output; `--explain -` writes it to standard error.
#[test]
fn explain_writes_the_plan_with_the_rows_of_each_step() {
    let ws = Workspace::new();
    let output = ws.kzlg(&["--tables", "tables", "query", "-e", RULES, "--explain", "plan.json"]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output).lines().count(), 2, "{}", stdout(&output));
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.path("plan.json")).unwrap()).expect("the plan is JSON");
    let root = &plan["plan"];
    assert_eq!(root["number of results"], 1, "{plan}");
    let mut steps = vec![root];
    let mut patterns = Vec::new();
    while let Some(step) = steps.pop() {
        let name = step["name"].as_str().unwrap_or_default();
        if name.starts_with("QuadPattern") {
            patterns.push(name.to_owned());
        }
        steps.extend(step["children"].as_array().into_iter().flatten());
    }
    assert!(
        patterns.iter().any(|p| p.contains("ontology#appointedBy")),
        "{patterns:?}"
    );

    let to_stderr = ws.kzlg(&["--tables", "tables", "query", "-e", RULES, "--explain", "-"]);
    assert_exit(&to_stderr, 0);
    assert!(
        stderr(&to_stderr).contains("\"number of results\""),
        "{}",
        stderr(&to_stderr)
    );
    assert_eq!(stdout(&to_stderr), stdout(&output));
}
