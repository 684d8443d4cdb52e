//! One test per bug fixed, each opening with a comment saying what it guards (and the commit
//! that fixed it, where there is one). Inputs that once crashed a fuzz target (`make fuzz`) are
//! kept in `tests/fuzz/<target>/` as the fuzzer wrote them and replayed on the real binary.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{Workspace, assert_exit, stderr, stdout};

/// Every crash input of `target`, with its file name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(target);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut inputs: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    inputs.sort();
    inputs
}

fn assert_no_panic(name: &str, output: &std::process::Output) {
    let code = output.status.code();
    assert!(matches!(code, Some(0..=2)), "{name}: exit {code:?}\n{}", stderr(output));
    assert!(!stderr(output).contains("panicked"), "{name}: {}", stderr(output));
}

// Guards 06131ac: a syntax error after multi-byte characters ('\nۀۀ\0') sliced a line inside
// a character and panicked; every input that once crashed the query_input fuzz target now ends
// in a result or an error.
#[test]
fn crashing_queries_now_give_errors() {
    let crashes = inputs("query_input");
    assert!(!crashes.is_empty(), "the crash inputs of query_input are missing");
    let ws = Workspace::new();
    ws.write("empty.nt", "");
    std::fs::create_dir(ws.path("catalogue")).unwrap();
    for (name, input) in crashes {
        ws.write("catalogue/fuzzed.rq", input);
        let output = ws.kzlg(&["query", "fuzzed", "--catalogue", "catalogue", "--data", "empty.nt"]);
        assert_no_panic(&name, &output);
    }
}

/// The outputs of a build, by name.
fn outputs(dist: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dist)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn temporary_files(dist: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

// Guards a7d75bb: a build killed while writing left dist/ half new; now it leaves dist/ as it
// was, and the next build removes the dead process's temporary files.
#[test]
#[cfg(target_os = "linux")] // a gone process is told by /proc
fn a_killed_build_leaves_the_previous_outputs_intact_and_the_next_build_cleans_up() {
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]), 0);
    let dist = ws.path("dist");
    let before = outputs(&dist);
    assert_eq!(before.len(), 5);
    // Tables big enough that writing the graph takes a while: 3,000 tenures, about 60,000 triples.
    let synth = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/synth.py");
    let made = crate::support::python()
        .arg(synth)
        .args(["--tenures", "3000", "--out"])
        .arg(ws.path("big"))
        .output()
        .expect("python3 runs bench/synth.py");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let mut build = std::process::Command::new(env!("CARGO_BIN_EXE_kzlg"))
        .args(["--tables", "big", "build", "--out", "dist", "--quiet"])
        .current_dir(ws.dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has written into a temporary file: midway through writing the outputs.
    let started = std::time::Instant::now();
    let written = |name: &String| std::fs::metadata(dist.join(name)).is_ok_and(|m| m.len() > 0);
    while !temporary_files(&dist).iter().any(written) {
        assert!(
            build.try_wait().unwrap().is_none(),
            "the build ended before it wrote a temporary file"
        );
        assert!(started.elapsed().as_secs() < 300, "no temporary file after 5 minutes");
        std::thread::sleep(std::time::Duration::from_millis(1)); // leave the cores to the build
    }
    build.kill().unwrap(); // SIGKILL: no destructor runs
    build.wait().unwrap();

    let stale = temporary_files(&dist);
    assert!(
        !stale.is_empty(),
        "the killed build left no temporary file, so it was not midway"
    );
    let after: Vec<(String, Vec<u8>)> = outputs(&dist)
        .into_iter()
        .filter(|(name, _)| !stale.contains(name))
        .collect();
    assert!(after == before, "the outputs changed although the build was killed");
    let nq = &after.iter().find(|(name, _)| name == "kzlg.nq").unwrap().1;
    let sha = &after.iter().find(|(name, _)| name == "kzlg.sha256").unwrap().1;
    let digest = kzlg::output::canonical::hex(ring::digest::digest(&ring::digest::SHA256, nq).as_ref());
    assert_eq!(String::from_utf8_lossy(sha), format!("{digest}  kzlg.nq\n"));

    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist"]), 0);
    assert_eq!(temporary_files(&dist), Vec::<String>::new(), "stale files stay");
    assert!(outputs(&dist) == before);
}

// Guards 766deb7: a unit could lie in two units at once (its part_of and a current partOf
// statement naming another). A former parent, ended with valid_until, must stay accepted; the
// same row without valid_until is refused (its exact message is the bad-input case
// tests/bad/two-current-parents).
#[test]
fn a_former_parent_is_accepted_and_a_second_current_one_refused() {
    let ws = Workspace::new();
    let header = "id,subject,predicate,object,basis,legal_basis,valid_from,valid_until,attested_on,replaced_by,condition,contradicts,note,source,evidence,line\n";
    let row = |valid_until: &str| {
        format!(
            "{header}petropavl-part-of-kazakhstan,petropavl,partOf,kazakhstan,de_jure,,1936,{valid_until},,,,,,internship,Petropavlovsk City,300\n"
        )
    };
    ws.write("tables/statements.csv", row("1997"));
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "-q"]), 0);
    ws.write("tables/statements.csv", row(""));
    let output = ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "-q"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).starts_with("tables/statements.csv:2:4: 'petropavl' lies in 'kazakhstan' today, but units.csv line 4 already places it in"),
        "{}",
        stderr(&output)
    );
}

// Guards 0f76827: a comment in the CI script had swallowed its first install lines, and CI
// could not parse it. The script parses and still ends by running what a developer runs.
#[test]
fn the_ci_script_parses_and_runs_make_test() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run");
    let parsed = Command::new("bash").arg("-n").arg(&script).output().expect("bash runs");
    assert!(parsed.status.success(), "{}", String::from_utf8_lossy(&parsed.stderr));
    let text = std::fs::read_to_string(&script).unwrap();
    assert_eq!(text.lines().rev().find(|l| !l.trim().is_empty()), Some("make test"));
}

// Guards the count of `link suggest --accept`: it said it accepted every link asked for, though
// it silently left out those whose ids are malformed. Now it names each refused link and why,
// and counts only what it wrote.
#[test]
fn accepting_reports_refused_links_and_counts_only_those_written() {
    let ws = Workspace::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/link-suggest");
    for name in ["units.csv", "aliases.csv"] {
        ws.write(&format!("tables/{name}"), std::fs::read(fixture.join(name)).unwrap());
    }
    // 0487439 has the form of a GeoNames id but a leading zero, which the build refuses.
    ws.write(
        "extract.csv",
        "id,label,aliases,type,parent\n0487439,Oral,,,\n1519422,Semey,,,\n",
    );
    let links_before = std::fs::read_to_string(ws.path("tables/links.csv")).unwrap();
    let args = ["--tables", "tables", "link", "suggest", "--from", "extract.csv"];
    let output = ws.kzlg(&[&args[..], &["--accept", "oral,semey"]].concat());
    assert_exit(&output, 0);
    let printed = stdout(&output);
    let report: Vec<&str> = printed.lines().rev().take(2).collect();
    assert_eq!(
        report,
        [
            "Accepted 1 link into tables/links.csv, citing the source 'ref-extract-extract'.",
            "Refused oral geonames:0487439: not a well-formed geonames id, so the build would reject it.",
        ]
    );
    let links = std::fs::read_to_string(ws.path("tables/links.csv")).unwrap();
    let added: Vec<&str> = links[links_before.len()..].lines().collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].starts_with("semey,geonames,1519422,"), "{}", added[0]);
    assert_exit(&ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "-q"]), 0);

    // Only refused links: nothing is written, not even the source row.
    let tables_before = (
        std::fs::read(ws.path("tables/links.csv")).unwrap(),
        std::fs::read(ws.path("tables/sources.csv")).unwrap(),
    );
    ws.write("extract.csv", "id,label,aliases,type,parent\n0487439,Oral,,,\n");
    let output = ws.kzlg(&[&args[..], &["--accept", "oral"]].concat());
    assert_exit(&output, 0);
    assert!(
        stdout(&output).ends_with("Accepted no link; tables/links.csv is unchanged.\n"),
        "{}",
        stdout(&output)
    );
    let tables_after = (
        std::fs::read(ws.path("tables/links.csv")).unwrap(),
        std::fs::read(ws.path("tables/sources.csv")).unwrap(),
    );
    assert!(tables_after == tables_before, "the tables changed");
}

// Guards `kzlg schema | head -1`: printing to a closed pipe panicked ("failed printing to
// stdout", exit 101). A closed pipe now ends it quietly, as it ends every other command.
#[test]
fn schema_into_a_closed_pipe_exits_quietly() {
    let mut schema = Command::new(env!("CARGO_BIN_EXE_kzlg"))
        .arg("schema")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(schema.stdout.take()); // the reader is gone before the first line is written
    let mut errors = String::new();
    schema.stderr.take().unwrap().read_to_string(&mut errors).unwrap();
    let status = schema.wait().unwrap();
    assert_eq!((status.code(), errors.as_str()), (Some(0), ""));
}

// Guards the prefix of organisations: `kzlg resolve` printed `org:usaid`, the W3C Organization
// ontology's prefix, instead of `kzorg:usaid`, which is what SPARQL and Turtle accept.
#[test]
fn resolve_names_organisations_with_their_own_prefix() {
    let workspace = Workspace::new();
    let organisation = std::fs::read_to_string(workspace.path("tables/organisations.csv")).unwrap();
    let id = organisation
        .lines()
        .nth(1)
        .and_then(|row| row.split(',').next())
        .unwrap()
        .to_owned();
    let output = workspace.kzlg(&["--tables", "tables", "resolve", &id]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains(&format!(",kzorg:{id},")),
        "{}",
        stdout(&output)
    );
}

// Guards issue 13: a federated query whose SERVICE call failed printed the CSV header on
// standard output before the error (rc 2); the result is now evaluated whole before anything
// is written, so a query that fails prints nothing on standard output.
#[test]
fn a_failed_federated_query_prints_nothing_on_stdout() {
    // A port that was free a moment ago, with nothing listening on it now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let ws = Workspace::new();
    ws.write(
        "remote.rq",
        format!(
            "SELECT ?unit ?item WHERE {{ ?unit owl:sameAs ?item . SERVICE <http://127.0.0.1:{port}/sparql> {{ ?item ?p ?o }} }}"
        ),
    );
    for format in ["csv", "tsv", "json", "xml", "table"] {
        let output = ws.kzlg(&[
            "--tables",
            "tables",
            "query",
            "remote.rq",
            "--federate",
            "--timeout",
            "5",
            "-f",
            format,
        ]);
        assert_exit(&output, 2);
        assert_eq!(stdout(&output), "", "{format}");
        assert!(
            stderr(&output).contains("error: a SERVICE call failed: "),
            "{}",
            stderr(&output)
        );
    }
}

// Guards issue 13: --labels relabelled the terms of a result, and a GROUP_CONCAT is one string
// by then, so its IRIs stayed. The query is now rewritten to label each value before joining.
#[test]
fn labels_reach_the_values_inside_group_concat() {
    let ws = Workspace::new();
    let text = "SELECT ?type (GROUP_CONCAT(STR(?post); separator=\" | \") AS ?posts) WHERE {\n\
                  { SELECT ?type ?post WHERE { ?post kzlg:postType ?type } ORDER BY ?post }\n\
                } GROUP BY ?type ORDER BY ?type";
    let output = ws.kzlg(&["--tables", "tables", "query", "-e", text, "--labels"]);
    assert_exit(&output, 0);
    // posts.csv: three akim posts and one maslikhat secretary, joined in the order of their ids.
    assert_eq!(
        stdout(&output),
        "type,posts\r\n\
         akim,Akim of a district | Akim of a region | Akim of Zhambyl District\r\n\
         maslikhat secretary,Secretary of the Petropavl City Maslikhat\r\n"
    );
    let plain = ws.kzlg(&["--tables", "tables", "query", "-e", text]);
    assert!(
        stdout(&plain)
            .contains("https://w3id.org/kzlg/id/post/akim-district | https://w3id.org/kzlg/id/post/akim-region"),
        "{}",
        stdout(&plain)
    );
}

// Guards issue 13: DESCRIBE (and CONSTRUCT) printed Turtle when asked for `-f table`, without
// a word; a graph is now printed as a table of subject, predicate and object, labelled with
// --labels.
#[test]
fn describe_prints_a_table_when_asked_for_one() {
    let ws = Workspace::new();
    let describe = [
        "--tables",
        "tables",
        "query",
        "-e",
        "DESCRIBE post:akim-district",
        "-f",
        "table",
    ];
    let output = ws.kzlg(&describe);
    assert_exit(&output, 0);
    let table = stdout(&output);
    assert!(
        table.starts_with("subject             predicate            object\n"),
        "{table}"
    );
    assert!(
        table.contains("\npost:akim-district  kzlg:appointedBy     post:akim-region\n"),
        "{table}"
    );
    assert!(table.ends_with("(10 rows)\n"), "{table}");
    let mut labelled = describe.to_vec();
    labelled.push("--labels");
    let output = ws.kzlg(&labelled);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("\nAkim of a district  appointed by         Akim of a region\n"),
        "{}",
        stdout(&output)
    );
    let csv = ws.kzlg(&[
        "--tables",
        "tables",
        "query",
        "-e",
        "DESCRIBE post:akim-district",
        "-f",
        "csv",
    ]);
    assert_exit(&csv, 2);
    assert_eq!(stdout(&csv), "");
    assert!(
        stderr(&csv).contains("use --format table, turtle, ntriples or jsonld"),
        "{}",
        stderr(&csv)
    );
}
