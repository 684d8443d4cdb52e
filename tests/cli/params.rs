//! `kzlg query --param NAME=VALUE`: the parameters a query declares in its header, filled with
//! an entity in any spelling, a date at its precision or a text; every wrong value of a run
//! reported at once; `kzlg queries --long` listing them. The queries are in `tests/cli/params/`,
//! run on the fixture tables (`tests/fixtures/good`).

use std::path::Path;

use crate::support::{Workspace, assert_exit, stderr, stdout};

/// The path of a test query, for the command line.
fn query(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/params")
        .join(format!("{name}.rq"))
        .display()
        .to_string()
}

fn run(ws: &Workspace, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--tables", "tables", "query"];
    all.extend_from_slice(args);
    ws.kzlg(&all)
}

const PETROPAVL_RU: &str = "place,name\r\nhttps://w3id.org/kzlg/id/unit/petropavl,Петропавловск\r\n";

#[test]
fn without_a_value_the_default_of_the_values_block_is_used() {
    let ws = Workspace::new();
    let output = run(&ws, &[&query("name-of-a-place")]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        "place,name\r\nhttps://w3id.org/kzlg/id/unit/petropavl,Petropavl\r\n"
    );
}

#[test]
fn an_entity_is_found_by_any_spelling_or_its_id() {
    let ws = Workspace::new();
    // The English name, its former name (aliases.csv), the Russian name, the id, the prefixed name.
    for place in [
        "Petropavl",
        "petropavlovsk",
        "Петропавловск",
        "petropavl",
        "unit:petropavl",
    ] {
        let output = run(
            &ws,
            &[
                &query("name-of-a-place"),
                "--param",
                &format!("place={place}"),
                "-p",
                "lang=ru",
            ],
        );
        assert_exit(&output, 0);
        assert_eq!(stdout(&output), PETROPAVL_RU, "{place}");
    }
    // "Zhambylsky", a variant spelling, is the district of North Kazakhstan (the only unit so named).
    let output = run(&ws, &[&query("name-of-a-place"), "-p", "place=Zhambylsky"]);
    assert_eq!(
        stdout(&output),
        "place,name\r\nhttps://w3id.org/kzlg/id/unit/zhambyl-district-nko,Zhambyl District\r\n"
    );
}

#[test]
fn a_date_becomes_a_literal_of_its_precision() {
    let ws = Workspace::new();
    for (date, datatype) in [
        ("2002", "gYear"),
        ("2002-11", "gYearMonth"),
        ("2002-11-05", "date"),
        ("--11-05", "gMonthDay"),
    ] {
        let output = run(&ws, &[&query("a-date"), "--param", &format!("on={date}")]);
        assert_exit(&output, 0);
        assert_eq!(
            stdout(&output),
            format!("on,type\r\n{date},http://www.w3.org/2001/XMLSchema#{datatype}\r\n")
        );
    }
}

#[test]
fn a_text_is_escaped() {
    let ws = Workspace::new();
    ws.write(
        "echo.rq",
        "# param: word text \"any text\"\nSELECT ?word WHERE { VALUES ?word { \"x\" } }\n",
    );
    let output = run(
        &ws,
        &["echo.rq", "-p", "word=say \"hi\" } \\ # not a comment", "-f", "tsv"],
    );
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "?word\n\"say \\\"hi\\\" } \\\\ # not a comment\"\n");
}

#[test]
fn every_wrong_parameter_of_a_run_is_reported_with_a_hint() {
    let ws = Workspace::new();
    let output = run(
        &ws,
        &[
            &query("name-of-a-place"),
            "-p",
            "plce=Petropavl",
            "-p",
            "place=Atlantis",
            "-p",
            "nothing-to-assign",
        ],
    );
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "");
    let errors = stderr(&output);
    assert!(
        errors.starts_with(&format!(
            "error: 3 problems with the parameters of {}:\n",
            query("name-of-a-place")
        )),
        "{errors}"
    );
    for expected in [
        "  \"nothing-to-assign\" is not NAME=VALUE (as in --param place=oskemen)\n",
        "  --param plce: the query declares no parameter 'plce'; did you mean 'place'? it declares: place, lang\n",
        "  --param place=Atlantis: no unit is called so; the nearest names: unit:",
    ] {
        assert!(errors.contains(expected), "{expected}\n{errors}");
    }
}

#[test]
fn a_name_that_fits_several_entities_lists_them_to_pick_from() {
    let ws = Workspace::new();
    // "akim" is every word but the generic ones of both "Akim of a district" and "Akim of a
    // region": they rank equal (0.95, as `kzlg resolve akim --type post` shows).
    let output = run(&ws, &[&query("holders"), "-p", "post=akim"]);
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains(
            "--param post=akim: 2 entities of type post match equally: post:akim-district (Akim): Akim of a district; post:akim-region (Akim): Akim of a region; give one by its id (--param post=ID)"
        ),
        "{}",
        stderr(&output)
    );
    let picked = run(&ws, &[&query("holders"), "-p", "post=akim-region"]);
    assert_exit(&picked, 0);
}

#[test]
fn bad_dates_and_missing_blocks_are_errors() {
    let ws = Workspace::new();
    let output = run(&ws, &[&query("a-date"), "-p", "on=2002-02-30"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains(
            "--param on=2002-02-30: day 30 does not exist: February 2002 has 28 days; give a date as YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD"
        ),
        "{}",
        stderr(&output)
    );
    let output = run(&ws, &[&query("no-block")]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains(
            "the parameter 'place' has no `VALUES ?place { … }` block in the query: add one, holding its default value"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn parameters_work_with_as_of_labels_built_files_and_every_format() {
    let ws = Workspace::new();
    let holders = query("holders");
    let zhambyl = ["-p", "post=Akim of Zhambyl District"];
    let with = |extra: &[&str]| {
        let mut args = vec![holders.as_str()];
        args.extend_from_slice(&zhambyl);
        args.extend_from_slice(extra);
        run(&ws, &args)
    };
    // The one tenure of the fixture is attested in November 2002 only.
    let mustafin = "person,post\r\nhttps://w3id.org/kzlg/id/person/askarbek-mustafin,https://w3id.org/kzlg/id/post/akim-zhambyl-district-nko\r\n";
    assert_eq!(stdout(&with(&["--as-of", "2002-11"])), mustafin);
    assert_eq!(stdout(&with(&["--as-of", "2001"])), "person,post\r\n");
    assert_eq!(
        stdout(&with(&["--as-of", "2002-11", "--labels"])),
        "person,post\r\nAskarbek Mustafin,Akim of Zhambyl District\r\n"
    );
    assert_exit(
        &ws.kzlg(&["--tables", "tables", "build", "--out", "dist", "--quiet"]),
        0,
    );
    let built = with(&["--data", "dist/kzlg.nq", "--as-of", "2002-11"]);
    assert_exit(&built, 0);
    assert_eq!(stdout(&built), mustafin);
    for (format, expected) in [
        ("table", "askarbek-mustafin"),
        ("tsv", "<https://w3id.org/kzlg/id/person/askarbek-mustafin>"),
        (
            "json",
            "\"value\":\"https://w3id.org/kzlg/id/person/askarbek-mustafin\"",
        ),
        ("xml", "<uri>https://w3id.org/kzlg/id/person/askarbek-mustafin</uri>"),
    ] {
        let output = with(&["--as-of", "2002-11", "--format", format]);
        assert_exit(&output, 0);
        assert!(stdout(&output).contains(expected), "{format}: {}", stdout(&output));
    }
}

#[test]
fn the_catalogue_listing_shows_each_parameter() {
    let ws = Workspace::new();
    std::fs::create_dir(ws.path("queries")).unwrap();
    for name in ["name-of-a-place", "a-date"] {
        std::fs::copy(query(name), ws.path(&format!("queries/{name}.rq"))).unwrap();
    }
    let output = ws.kzlg(&["queries", "--long"]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        "a-date           A date as the query sees it\n\
         \x20                param on (date): the date; default \"2002\"^^xsd:gYear\n\
         name-of-a-place  The name of a place in a language\n\
         \x20                What is the place called in that language?\n\
         \x20                param place (unit): the place; default unit:petropavl\n\
         \x20                param lang (text): the language of the name (en, ru, kk); default \"en\"\n"
    );
}
