//! Every catalogue query has an expected result on the bundled data: `tests/catalogue/<name>.csv`
//! is the exact CSV output of `kzlg query <name>` over `extracted/` (regenerate with
//! `make catalogue-expected` after changing the data, and review the diff).

use std::path::Path;
use std::process::Command;

fn kzlg(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kzlg"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kzlg runs")
}

/// The names of the queries (`*.rq`) in a catalogue folder, sorted.
fn query_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_catalogue_query_gives_its_expected_result_on_the_bundled_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = query_names(&root.join("queries"));
    assert!(names.len() >= 12, "the catalogue has {} queries", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(root.join(format!("queries/{name}.rq"))).unwrap();
        if text.contains("SERVICE <") {
            continue; // needs a remote endpoint: tests/cli/federation.rs runs it against one on loopback
        }
        let expected_path = root.join(format!("tests/catalogue/{name}.csv"));
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            failures.push(format!("{name}: no expected result {}", expected_path.display()));
            continue;
        };
        let output = kzlg(&["query", name, "--format", "csv"]);
        let actual = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            failures.push(format!(
                "{name}: exit {:?}\n{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        } else if actual != expected {
            failures.push(format!(
                "{name}: result differs from {}\n--- actual\n{actual}",
                expected_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What `kzlg queries --long --catalogue DIR` shows without a title or a question, for each
/// `DIR/*.rq`: a name line `NAME  TITLE` followed by an indented line holding the question.
fn missing_titles_and_questions(dir: &Path) -> Vec<String> {
    let output = kzlg(&["queries", "--long", "--catalogue", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let listing = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    let names = query_names(dir);
    let mut missing = Vec::new();
    for name in &names {
        let Some(at) = lines.iter().position(|l| l.split_whitespace().next() == Some(name)) else {
            missing.push(format!("{name}: not listed"));
            continue;
        };
        if lines[at].trim_end() == name {
            missing.push(format!("{name}: no title"));
        }
        if !lines
            .get(at + 1)
            .is_some_and(|next| next.starts_with(' ') && !next.trim().is_empty())
        {
            missing.push(format!("{name}: no question"));
        }
    }
    missing
}

#[test]
fn every_catalogue_query_has_a_title_and_a_question() {
    let catalogue = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    assert_eq!(missing_titles_and_questions(&catalogue), Vec::<String>::new());
}

#[test]
fn a_query_without_its_question_or_title_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, header: &str| {
        std::fs::write(
            dir.path().join(name),
            format!("{header}SELECT * WHERE {{ ?s ?p ?o }}\n"),
        )
        .unwrap();
    };
    write("complete.rq", "# title: Everything\n# question: What is there?\n");
    write("no-question.rq", "# title: Everything again\n");
    write("no-title.rq", "# question: What else is there?\n");
    assert_eq!(
        missing_titles_and_questions(dir.path()),
        ["no-question: no question", "no-title: no title"]
    );
}

/// The CSV rows (header first) of a catalogue query run on `tables`, with each parameter's
/// `VALUES ?name { … }` block filled as `kzlg query NAME --param name=…` fills it, and the IRIs
/// shortened (`post/akim-c`, `kzlg:DeJure`) so that the hand-worked expectations read easily.
fn catalogue_rows(name: &str, tables: &str, params: &[(&str, &str)], extra: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(root.join(format!("queries/{name}.rq"))).unwrap();
    for (param, value) in params {
        let open = format!("VALUES ?{param} {{");
        let start = text.find(&open).unwrap_or_else(|| panic!("{name} has no {open}")) + open.len();
        let end = start + text[start..].find('}').unwrap();
        text.replace_range(start..end, &format!(" {value} "));
    }
    let mut args = vec!["query", "--tables", tables, "--format", "csv", "-e", &text];
    args.extend_from_slice(extra);
    let output = kzlg(&args);
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .replace("https://w3id.org/kzlg/id/", "")
        .replace("https://w3id.org/kzlg/ontology#", "kzlg:")
        .lines()
        .map(|l| l.trim_end_matches('\r').to_owned())
        .collect()
}

const FIXTURE: &str = "tests/fixtures/catalogue";
const BUNDLED: &str = "extracted";

#[test]
fn maslikhat_powers_read_subject_first() {
    let rows = catalogue_rows("maslikhat-powers", FIXTURE, &[], &[]);
    assert_eq!(
        rows,
        [
            "subject,relation,object,maslikhatIs,basis,provision,condition,source,line",
            "body/akimat-city,accountable to,body/maslikhat-city,object,kzlg:DeJure,,,source/rules,",
            "post/akim-city,accountable to,body/maslikhat-city,object,kzlg:DeJure,,,source/rules,",
            "post/akim-city,elected by,body/maslikhat-city,object,kzlg:DeJure,,,source/rules,",
            "post/akim-city,has veto over,body/maslikhat-city,object,kzlg:DeJure,,,source/rules,",
            "body/maslikhat-city,can express distrust in,post/akim-city,subject,kzlg:DeJure,,,source/rules,",
        ]
    );
    // As of 2002 the maslikhat did not yet elect the akim.
    let then = catalogue_rows("maslikhat-powers", FIXTURE, &[], &["--as-of", "2002"]);
    assert_eq!(then.len(), 5, "{then:?}");
    assert!(!then.iter().any(|r| r.contains("elected by")), "{then:?}");
    // On the bundled data: the maslikhat is never the object of a power of its own, and whoever
    // is "accountable to" a maslikhat is the subject of the row (the akimat answers to it).
    let bundled = catalogue_rows("maslikhat-powers", BUNDLED, &[], &[]);
    for row in &bundled[1..] {
        let cells: Vec<&str> = row.split(',').collect();
        let maslikhat_column = if cells[3] == "subject" { cells[0] } else { cells[2] };
        assert!(maslikhat_column.starts_with("body/maslikhat-"), "{row}");
        if cells[1] == "accountable to" || cells[1] == "reports to" {
            assert_eq!(cells[3], "object", "{row}");
        }
        if cells[1] == "approves budget of" || cells[1] == "can express distrust in" {
            assert_eq!(cells[3], "subject", "{row}");
        }
    }
}

#[test]
fn a_region_column_is_the_region_at_the_date_of_the_fact() {
    let old = catalogue_rows("holders-in-region", FIXTURE, &[("region", "unit:old-region")], &[]);
    assert_eq!(
        old[1..],
        ["person/anna,held the post,post/akim-c,unit/city-c,unit/old-region,2002-11,source/rules"]
    );
    let new = catalogue_rows("holders-in-region", FIXTURE, &[("region", "unit:new-region")], &[]);
    assert_eq!(
        new[1..],
        ["person/boris,held the post,post/akim-c,unit/city-c,unit/new-region,2022-07,source/rules"]
    );
    // Zhezkazgan and Zhanaarka lay in Karaganda Region in November 2002 (Ulytau Region: 2022).
    let interns = catalogue_rows("internship-participants", BUNDLED, &[], &[]);
    let in_karaganda: Vec<&String> = interns
        .iter()
        .filter(|r| r.contains("unit/zhezkazgan") || r.contains("unit/zhanaarka-district"))
        .collect();
    assert_eq!(in_karaganda.len(), 3, "{interns:?}");
    assert!(
        in_karaganda.iter().all(|r| r.contains("unit/karaganda-region")),
        "{in_karaganda:?}"
    );
    assert!(!interns.iter().any(|r| r.contains("ulytau")), "{interns:?}");
    let karaganda = catalogue_rows(
        "holders-in-region",
        BUNDLED,
        &[("region", "unit:karaganda-region")],
        &[],
    );
    let people: Vec<&str> = karaganda[1..].iter().map(|r| r.split(',').next().unwrap()).collect();
    assert_eq!(
        people,
        [
            "person/almakul-userova",
            "person/kudaibergen-bexultanov",
            "person/mussa-tanabayev",
            "person/serik-shaidarov"
        ]
    );
}

#[test]
fn no_ended_rule_or_proposal_is_presented_as_the_law() {
    // The akim of a city was appointed by the President until 2021: not a rule of 2026.
    let rules = catalogue_rows("rules-of-a-post", FIXTURE, &[("post", "post:akim-c")], &[]);
    assert_eq!(
        rules,
        [
            "subject,relation,object,statedOn,basis,provision,holder,source,line",
            "post/akim-c,accountable to,body/maslikhat-city,post/akim-city,kzlg:DeJure,,person/boris,source/rules,",
            "body/maslikhat-city,can express distrust in,post/akim-c,post/akim-city,kzlg:DeJure,,person/boris,source/rules,",
            "post/akim-c,elected by,body/maslikhat-city,post/akim-city,kzlg:DeJure,,person/boris,source/rules,",
            "post/akim-c,has veto over,body/maslikhat-city,post/akim-city,kzlg:DeJure,,person/boris,source/rules,",
            "post/akim-c,reports to,body/president,post/akim-city,kzlg:DeFacto,,person/boris,source/rules,",
        ]
    );
    let in_2002 = catalogue_rows("rules-as-of", FIXTURE, &[("date", "\"2002\"^^xsd:gYear")], &[]);
    assert_eq!(in_2002.len(), 8, "{in_2002:?}");
    assert!(
        in_2002
            .iter()
            .any(|r| r.starts_with("post/akim-city,appointed by,body/president,"))
    );
    assert!(
        in_2002
            .iter()
            .any(|r| r.starts_with("unit/city-c,part of,unit/old-region,"))
    );
    assert!(
        !in_2002
            .iter()
            .any(|r| r.contains("elected by") || r.contains("new-region"))
    );
    // No proposal's target is a direct triple of the graph: a proposal is never read as law.
    let output = kzlg(&[
        "query",
        "--format",
        "csv",
        "-e",
        "SELECT ?p WHERE { ?p a kzlg:Proposal ; kzlg:targetSubject ?s ; kzlg:targetPredicate ?r ; kzlg:targetObject ?o . ?s ?r ?o }",
    ]);
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim_end(), "p");
}

#[test]
fn who_held_a_post_in_a_year_names_the_appointer_of_that_year() {
    let run = |year: &str| {
        catalogue_rows(
            "who-held-a-post-in-a-year",
            FIXTURE,
            &[("post", "post:akim-c"), ("year", year)],
            &[],
        )
    };
    assert_eq!(
        run("\"2002\"^^xsd:gYear")[1..],
        ["person/anna,held the post,post/akim-c,,,2002-11,appointed by President (by law),source/rules,,"]
    );
    assert_eq!(
        run("\"2023\"^^xsd:gYear")[1..],
        ["person/boris,held the post,post/akim-c,2022-07,,,elected by Maslikhat of a city (by law),source/rules,,"]
    );
    // The default: Askarbek Mustafin, Akim of Zhambyl District in November 2002.
    let bundled = catalogue_rows("who-held-a-post-in-a-year", BUNDLED, &[], &[]);
    assert_eq!(bundled.len(), 2, "{bundled:?}");
    assert!(bundled[1].starts_with("person/askarbek-mustafin,held the post,post/akim-zhambyl-district-nko,"));
}

#[test]
fn events_per_city_and_month_counts_periods_and_undated_events_once() {
    let rows = catalogue_rows("events-per-city-and-month", FIXTURE, &[], &[]);
    assert_eq!(
        rows,
        [
            "city,month,status,events",
            "unit/city-c,\"2002, month not given\",kzlg:Held,1",
            "unit/city-c,2002-04,kzlg:Held,1",
            "unit/city-c,2002-04 to 2002-06,kzlg:Planned,1",
            "unit/city-c,undated,kzlg:Held,1",
        ]
    );
}

#[test]
fn programmes_by_funder_follows_components_without_multiplying() {
    let rows = catalogue_rows("programmes-by-funder", FIXTURE, &[], &[]);
    assert_eq!(
        rows,
        [
            "who,relation,programme,through,start,end",
            "org/donor,funds,program/component,program/umbrella,,",
            "org/agency,implements,program/component,,,",
            ",no source names a funder of,program/orphan,,,",
            "org/donor,funds,program/umbrella,,,",
            "org/agency,implements,program/umbrella,,,",
            "org/partner,implements,program/umbrella,,,",
        ]
    );
    // On the bundled data, the partnerships of the Resource Cities Partnerships are funded by
    // USAID through it.
    let bundled = catalogue_rows("programmes-by-funder", BUNDLED, &[], &[]);
    assert!(
        bundled
            .contains(&"org/usaid,funds,program/rcp-almaty-tucson,program/resource-cities-partnerships,,".to_owned())
    );
}

#[test]
fn accountability_without_dismissal_names_a_provision_and_says_unknown() {
    let rows = catalogue_rows("accountability-without-dismissal", FIXTURE, &[], &[]);
    assert_eq!(rows.len(), 4, "{rows:?}");
    for row in &rows[1..] {
        assert!(row.contains("no article named; stated in A system"), "{row}");
        assert!(row.ends_with(",no source in the graph says"), "{row}");
    }
    let bundled = catalogue_rows("accountability-without-dismissal", BUNDLED, &[], &[]);
    let header: Vec<&str> = bundled[0].split(',').collect();
    assert_eq!(header[..3], ["subject", "relation", "object"]);
    // Akims are dismissed by the President (a source says so); akimats: no source says.
    assert!(
        bundled
            .iter()
            .any(|r| r.starts_with("post/akim-district,reports to,post/akim-region,")
                && r.ends_with(",President of the Republic of Kazakhstan"))
    );
    assert!(bundled.iter().any(
        |r| r.starts_with("body/akimat-city,accountable to,body/maslikhat-city,")
            && r.ends_with(",no source in the graph says")
    ));
}

#[test]
fn law_versus_practice_contrasts_across_relations() {
    let rows = catalogue_rows("law-versus-practice", FIXTURE, &[], &[]);
    assert_eq!(
        rows[1..],
        ["post/akim-city,accountable to,body/maslikhat-city,reports to,body/president,,"]
    );
    let bundled = catalogue_rows("law-versus-practice", BUNDLED, &[], &[]);
    assert!(bundled.iter().any(|r| {
        r.starts_with("post/akim-district,accountable to,body/maslikhat-district,reports to,post/akim-region,")
    }));
}

#[test]
fn readers_get_sentences_and_notes_not_iris() {
    let facts = catalogue_rows("facts-about-a-person", BUNDLED, &[], &[]);
    assert!(
        !facts.iter().any(|r| r.contains("http://www.w3.org/ns/org#")),
        "{facts:?}"
    );
    assert!(
        facts
            .iter()
            .any(|r| r.starts_with("person/askarbek-mustafin,holds the post,post/akim-zhambyl-district-nko,2002-11,"))
    );
    let numbers = catalogue_rows("numbers-in-the-sources", BUNDLED, &[], &[]);
    assert!(numbers.iter().any(
        |r| r.starts_with("program/training-senior-managers-government,kzlg:count,9,kzlg:Exact,")
            && r.contains("ordinal of the 2002 seminar")
    ));
    // The post at the event where the plan was presented.
    let plans = catalogue_rows("action-plans", BUNDLED, &[], &[]);
    assert_eq!(plans.len(), 14, "{plans:?}");
    assert!(plans.iter().any(|r| r.starts_with(
        "person/askarbek-mustafin,is the author of the action plan,plan/plan-mustafin-potable-water,post/akim-zhambyl-district-nko,"
    )));
    assert!(!plans.iter().any(|r| r.contains("post not known")), "{plans:?}");
}

#[test]
fn each_declared_parameter_has_exactly_one_values_block() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    for name in query_names(&root.join("queries")) {
        let text = std::fs::read_to_string(root.join(format!("queries/{name}.rq"))).unwrap();
        for line in text.lines().filter_map(|l| l.strip_prefix("# param: ")) {
            let param = line.split_whitespace().next().unwrap_or_default();
            let blocks = text.matches(&format!("VALUES ?{param} {{")).count();
            if blocks != 1 {
                problems.push(format!("{name}: ?{param} has {blocks} VALUES blocks"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Guards the repeated rows of `maslikhat-powers`: two statements that differed only in their
/// passage gave two identical rows, which a reader takes for a mistake. No expected result may
/// hold the same row twice (a row carries what tells it apart, its source and line if need be).
#[test]
fn no_catalogue_result_repeats_a_row() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut repeated = Vec::new();
    for name in query_names(&root.join("queries")) {
        let Ok(expected) = std::fs::read_to_string(root.join(format!("tests/catalogue/{name}.csv"))) else {
            continue; // a federated query: it has no expected file
        };
        let mut seen = std::collections::HashSet::new();
        for row in expected.lines().skip(1) {
            if !seen.insert(row) {
                repeated.push(format!("{name}: {row}"));
            }
        }
    }
    assert!(repeated.is_empty(), "rows given twice:\n{}", repeated.join("\n"));
}
