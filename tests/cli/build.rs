use crate::support::{Workspace, assert_exit, stdout};

#[test]
fn build_writes_every_output_and_a_summary() {
    let ws = Workspace::new();
    let output = ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]);
    assert_exit(&output, 0);
    for file in ["kzlg.nq", "kzlg.ttl", "kzlg.jsonld", "kzlg.sha256", "void.ttl"] {
        let len = std::fs::metadata(ws.path(&format!("dist/{file}")))
            .map(|m| m.len())
            .unwrap_or(0);
        assert!(len > 0, "{file} is missing or empty");
    }
    let summary = stdout(&output);
    assert!(summary.contains("  people                  2 rows"), "{summary}");
    assert!(
        summary.contains("  foaf:Person                                     2"),
        "{summary}"
    );
    let triples = std::fs::read_to_string(ws.path("dist/kzlg.nq"))
        .unwrap()
        .lines()
        .count();
    assert!(summary.contains(&format!("Wrote {triples} triples")), "{summary}");
    let leftovers: Vec<_> = std::fs::read_dir(ws.path("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn two_builds_are_byte_identical() {
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "a"]), 0);
    // Rows in another order must give the same files.
    let people = std::fs::read_to_string(ws.path("tables/people.csv")).unwrap();
    let mut lines: Vec<&str> = people.lines().collect();
    lines[1..].reverse();
    ws.write("tables/people.csv", lines.join("\n") + "\n");
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "b"]), 0);
    for file in ["kzlg.nq", "kzlg.ttl", "kzlg.jsonld", "kzlg.sha256", "void.ttl"] {
        let a = std::fs::read(ws.path(&format!("a/{file}"))).unwrap();
        let b = std::fs::read(ws.path(&format!("b/{file}"))).unwrap();
        assert!(a == b, "{file} differs between two builds");
    }
}

#[test]
fn n_quads_are_sorted_and_unique() {
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]), 0);
    let nq = std::fs::read_to_string(ws.path("dist/kzlg.nq")).unwrap();
    let lines: Vec<&str> = nq.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(lines, sorted);
}

#[test]
fn cyrillic_and_kazakh_letters_round_trip() {
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]), 0);
    let nq = std::fs::read_to_string(ws.path("dist/kzlg.nq")).unwrap();
    assert!(nq.contains("\"Солтүстік Қазақстан облысы\"@kk"), "Kazakh label lost");
    assert!(nq.contains("\"Северо-Казахстанская область\"@ru"), "Russian label lost");
    let ttl = std::fs::read_to_string(ws.path("dist/kzlg.ttl")).unwrap();
    assert!(ttl.contains("\"Жамбыл ауданы\"@kk"));
}

#[test]
fn spreadsheet_csv_is_accepted() {
    // A byte-order mark, CRLF line ends and trailing blank lines are what spreadsheets write.
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "plain"]), 0);
    let people = std::fs::read_to_string(ws.path("tables/people.csv")).unwrap();
    let excel = format!("\u{feff}{}\r\n\r\n\r\n", people.trim_end().replace('\n', "\r\n"));
    ws.write("tables/people.csv", excel);
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "excel"]), 0);
    let plain = std::fs::read(ws.path("plain/kzlg.nq")).unwrap();
    let excel = std::fs::read(ws.path("excel/kzlg.nq")).unwrap();
    assert!(plain == excel, "a spreadsheet's CSV gives another graph");
}

#[test]
fn empty_rows_and_empty_unnamed_columns_are_accepted() {
    // A spreadsheet keeps rows and columns that once held text: empty cells under the data,
    // and a trailing comma on every line for a column without a name.
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "plain"]), 0);
    let units = std::fs::read_to_string(ws.path("tables/units.csv")).unwrap();
    let mut lines: Vec<String> = units.lines().map(|line| format!("{line},")).collect();
    lines.insert(3, ",,,,,,,,,,".to_owned());
    lines.extend([",,,,,,,,,,".to_owned(), ",,,,,,,,,,".to_owned()]);
    ws.write("tables/units.csv", lines.join("\n") + "\n");
    let output = ws.kzlg(&["--tables", "tables", "build", "--out", "excel"]);
    assert_exit(&output, 0);
    let rows = format!("  {:<16}{:>9} rows", "units", units.lines().count() - 1);
    assert!(stdout(&output).contains(&rows), "{}", stdout(&output));
    let plain = std::fs::read(ws.path("plain/kzlg.nq")).unwrap();
    let excel = std::fs::read(ws.path("excel/kzlg.nq")).unwrap();
    assert!(plain == excel, "empty rows or columns change the graph");
}

#[test]
fn a_failed_build_leaves_the_previous_outputs_intact() {
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]), 0);
    let before = std::fs::read(ws.path("dist/kzlg.nq")).unwrap();
    ws.write("tables/people.csv", "id,name_en\nx,\n");
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]), 2);
    assert_eq!(std::fs::read(ws.path("dist/kzlg.nq")).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(ws.path("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
}

/// `kzlg schema --json` gives the Python checks the same declarations the Rust code reads.
#[test]
fn schema_json_declares_relations_schemes_and_unit_types() {
    let output = crate::support::Workspace::new().kzlg(&["schema", "--json"]);
    crate::support::assert_exit(&output, 0);
    let schema: serde_json::Value = serde_json::from_str(&crate::support::stdout(&output)).unwrap();
    let appointed = schema["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "appointedBy")
        .unwrap();
    assert_eq!(appointed["family"], "appointment");
    assert_eq!(appointed["iri"], "https://w3id.org/kzlg/ontology#appointedBy");
    assert_eq!(appointed["edge"]["source"], "subject");
    let kato = schema["schemes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "kato")
        .unwrap();
    assert_eq!(kato["region_prefix_digits"], 2);
    let org = schema["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["segment"] == "org")
        .unwrap();
    assert_eq!(org["prefix"], "kzorg");
    assert!(
        schema["unit_types"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["name"] == "Village" && u["subclass_of"] == "Settlement")
    );
}

/// A proposal states who proposed what, with its structured target, but is never a rule: the
/// relation it proposes has no direct triple. A document gets its type as a class.
#[test]
fn a_proposal_has_its_target_but_no_direct_triple_and_a_document_its_type() {
    let ws = crate::support::Workspace::new();
    ws.write(
        "tables/proposals.csv",
        "id,proposed_by,by_participants_of,event,date,addressed_to,text,target_kind,target_subject,target_predicate,target_object,target_law,adopted_by,adopted_on,note,source,evidence,line\n\
         prop-elected-district-akims,,internship-2002,internship-2002,2002-11,,District akims should be approved by the regional maslikhat.,relation,akim-district,approvedBy,maslikhat-region,,,,,internship,Askarbek Mustafin,261\n",
    );
    ws.write(
        "tables/documents.csv",
        "id,type,title,author,date,program,event,language,note,source,evidence,line\n\
         doc-internship-report,Report,Local Government: An International Experience,akpf,2002-11,training-senior-managers,internship-2002,en,,internship,Local Government: An International Experience,57\n",
    );
    let output = ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "--nquads-only", "-q"]);
    crate::support::assert_exit(&output, 0);
    let graph = std::fs::read_to_string(ws.path("dist/kzlg.nq")).unwrap();
    let (proposal, kzlg) = (
        "<https://w3id.org/kzlg/id/proposal/prop-elected-district-akims>",
        "https://w3id.org/kzlg/ontology#",
    );
    let has = |line: String| graph.lines().any(|l| l.starts_with(&line));
    assert!(has(format!(
        "{proposal} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{kzlg}Proposal>"
    )));
    assert!(has(format!("{proposal} <{kzlg}targetPredicate> <{kzlg}approvedBy>")));
    assert!(has(format!(
        "{proposal} <{kzlg}proposedByParticipantsOf> <https://w3id.org/kzlg/id/event/internship-2002>"
    )));
    assert!(!has(format!(
        "<https://w3id.org/kzlg/id/post/akim-district> <{kzlg}approvedBy> <https://w3id.org/kzlg/id/body/maslikhat-region>"
    )));
    let document = "<https://w3id.org/kzlg/id/document/doc-internship-report>";
    assert!(has(format!(
        "{document} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{kzlg}Report>"
    )));
    assert!(has(format!(
        "{document} <http://purl.org/dc/terms/creator> <https://w3id.org/kzlg/id/org/akpf>"
    )));
}
