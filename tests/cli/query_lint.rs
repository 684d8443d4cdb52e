//! Safer queries: a name of the project's vocabularies or an entity the graph does not hold is
//! warned of on standard error with the nearest existing name, the result unchanged; a syntax
//! error keeps the parser's line and column and adds a plain hint for the common slips.

use crate::support::{Workspace, assert_exit, stderr, stdout};

fn query(ws: &Workspace, text: &str) -> std::process::Output {
    ws.kzlg(&["--tables", "tables", "query", "-e", text])
}

#[test]
fn a_misspelt_term_is_warned_of_with_the_nearest_name_and_the_result_unchanged() {
    let ws = Workspace::new();
    let output = query(&ws, "SELECT ?post ?by WHERE { ?post kzlg:appointedby ?by }");
    assert_exit(&output, 0);
    // Nothing is appointedby: the query runs and finds nothing, as it would without the warning.
    assert_eq!(stdout(&output), "post,by\r\n");
    assert_eq!(
        stderr(&output),
        "warning: -e:1:32: kzlg:appointedby is not in the graph; did you mean kzlg:appointedBy?\n"
    );
}

#[test]
fn the_nearest_name_is_looked_for_in_every_namespace() {
    let ws = Workspace::new();
    // org: is the W3C Organization ontology; the foundation is kzorg:akpf.
    let output = query(
        &ws,
        "SELECT ?event WHERE {\n  ?event kzlg:organizer org:akpf .\n  ?event kzlg:partOfProgram program:training-senior-manager\n}",
    );
    assert_exit(&output, 0);
    let warnings = stderr(&output);
    assert!(
        warnings.contains("warning: -e:2:25: org:akpf is not in the graph; did you mean kzorg:akpf?\n"),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "warning: -e:3:29: program:training-senior-manager is not in the graph; did you mean program:training-senior-managers?\n"
        ),
        "{warnings}"
    );
}

#[test]
fn full_iris_and_names_far_from_any_are_warned_of_too() {
    let ws = Workspace::new();
    let output = query(
        &ws,
        "ASK { <https://w3id.org/kzlg/id/person/askarbek-mustafn> ?p ?o . ?x kzlg:zzzzzzzz ?y }",
    );
    assert_exit(&output, 1);
    let warnings = stderr(&output);
    assert!(
        warnings.contains(
            "warning: -e:1:7: <https://w3id.org/kzlg/id/person/askarbek-mustafn> is not in the graph; did you mean person:askarbek-mustafin?\n"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains("kzlg:zzzzzzzz is not in the graph (the query will find nothing through it)\n"),
        "{warnings}"
    );
}

#[test]
fn a_correct_query_gets_no_warning() {
    let ws = Workspace::new();
    // Terms of the ontology, entities, a date function, xsd: datatypes, a name in a string and
    // in a comment, a prefix the query declares itself.
    let output = query(
        &ws,
        "PREFIX ex: <http://example.org/>\n\
         SELECT ?post WHERE {\n\
         ?post a org:Post ; kzlg:postType kzlg:Akim ; kzlg:appointedBy post:akim-region . # kzlg:nothing\n\
         ?dataset kzlg:viewDate ?on .\n\
         FILTER(kzlg:holdsOn(\"2001\", \"\", ?on) && ?post != ex:x && STR(?post) != \"kzlg:nothing\"\n\
         && datatype(?on) != xsd:gYear)\n}",
    );
    assert_exit(&output, 0);
    assert_eq!(stderr(&output), "");
}

#[test]
fn syntax_errors_say_what_slipped() {
    let ws = Workspace::new();
    let cases = [
        (
            "SELECT ?post WHERE {\n  ?post a org:Post .\n  OPTIONAL { ?post kzlg:appointedBy ?by }\n",
            "hint: 2 `{` opened but 1 closed: a `}` is missing",
        ),
        (
            "SELECT ?post WHERE {\n  ?post kzlg:appointedBy ?by\n  ?post a org:Post\n}",
            "hint: a `.` may be missing at the end of line 2, to end the triple before the next",
        ),
        (
            "SELECT ?post WHERE { ?post a orgg:Post }",
            "hint: the prefix `orgg:` is not declared; did you mean `org:`? declared are kzlg: kzid: person:",
        ),
        (
            "SELECT ?post WHERE { ?post a org:Post OPTINAL { ?post kzlg:appointedBy ?by } }",
            "hint: `OPTINAL` is not a SPARQL keyword: did you mean OPTIONAL?",
        ),
        (
            "SELCT ?post WHERE { ?post a org:Post }",
            "hint: `SELCT` is not a SPARQL keyword: did you mean SELECT?",
        ),
    ];
    for (text, hint) in cases {
        let output = query(&ws, text);
        assert_exit(&output, 2);
        assert_eq!(stdout(&output), "");
        let errors = stderr(&output);
        assert!(errors.starts_with("error: the query does not parse: -e:"), "{errors}");
        assert!(errors.contains(hint), "{text}\n{errors}");
    }
    let output = query(&ws, "SELECT ?post WHERE { ?post a orgg:Post }");
    assert!(
        stderr(&output).starts_with(
            "error: the query does not parse: -e:1:39: a prefix that is not declared\n  | SELECT ?post WHERE { ?post a orgg:Post }\n  |                                       ^\n"
        ),
        "{}",
        stderr(&output)
    );
}
