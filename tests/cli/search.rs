//! `kzlg resolve` and `kzlg search` on the bundled tables: every name finds its entity first
//! (`generated`), ambiguous names find their whole candidate sets (`ambiguous`), and here the
//! filters, formats, exit codes and the full-text search.

mod ambiguous;
mod generated;

use std::collections::BTreeMap;
use std::process::{Command, Output, Stdio};

use crate::support::{assert_exit, stderr, stdout};

/// Runs `kzlg ARGS` on the bundled tables (`extracted/`), with `stdin` as standard input.
fn kzlg(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kzlg"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kzlg runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// One candidate of `kzlg resolve --format csv`: (score, entity as `kind:id`, the other columns).
#[derive(Debug, Clone)]
struct Candidate {
    score: f64,
    entity: String,
    columns: BTreeMap<String, String>,
}

impl Candidate {
    fn of(mut row: BTreeMap<String, String>) -> Self {
        Candidate {
            score: row["score"].parse().unwrap(),
            entity: row.remove("entity").unwrap(),
            columns: row,
        }
    }

    /// The id, without the kind's prefix.
    fn id(&self) -> &str {
        self.entity.split_once(':').map_or(&*self.entity, |(_, id)| id)
    }
}

/// Parses CSV output into its rows as column → value maps.
fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    reader
        .records()
        .map(|record| {
            header
                .iter()
                .cloned()
                .zip(record.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// Resolves every name of `names` in one run (`kzlg resolve -`), giving each its candidates in
/// the order printed.
fn resolve_all(names: &[String]) -> BTreeMap<String, Vec<Candidate>> {
    let output = kzlg(&["resolve", "-", "--format", "csv"], Some(&names.join("\n")));
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", stderr(&output));
    let mut found: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
    for mut row in csv_rows(&stdout(&output)) {
        let query = row.remove("query").unwrap();
        found.entry(query).or_default().push(Candidate::of(row));
    }
    found
}

/// The candidates of one name, through `kzlg resolve NAME --format csv ARGS`.
fn resolve(name: &str, args: &[&str]) -> (Output, Vec<Candidate>) {
    let mut all = vec!["resolve", name, "--format", "csv"];
    all.extend(args);
    let output = kzlg(&all, None);
    let candidates = csv_rows(&stdout(&output)).into_iter().map(Candidate::of).collect();
    (output, candidates)
}

fn entities(candidates: &[Candidate]) -> Vec<&str> {
    candidates.iter().map(|c| c.entity.as_str()).collect()
}

#[test]
fn the_issue_s_names_find_the_person_and_every_zhambyl() {
    let (output, found) = resolve("Mustafin", &[]);
    assert_exit(&output, 0);
    assert_eq!(entities(&found), ["person:askarbek-mustafin"]);
    assert_eq!(found[0].columns["why"], "surname; words: Askarbek Mustafin");
    assert_eq!(found[0].columns["region"], "North Kazakhstan Region");
    let (_, found) = resolve("Zhambyl", &[]);
    let why: Vec<(&str, &str)> = found
        .iter()
        .map(|c| (c.entity.as_str(), c.columns["why"].split(';').next().unwrap()))
        .take(3)
        .collect();
    assert_eq!(
        why,
        [
            ("unit:jambyl-region", "same words: Jambyl Region"),
            ("unit:taraz", "alias (former, en)"),
            ("unit:zhambyl-district-nko", "same words: Zhambyl District"),
        ]
    );
    let (_, found) = resolve("Tokaev", &[]);
    assert!(found[0].columns["why"].starts_with("near: Tokayev 0.86"), "{found:?}");
}

#[test]
fn type_filters_take_a_kind_or_a_class() {
    let cases: [(&str, &str, &[&str]); 5] = [
        ("Oral", "person", &["person:oral-sartaev"]),
        ("Oral", "unit", &["unit:oral"]),
        ("Zhambyl", "Region", &["unit:jambyl-region"]),
        ("Zhambyl", "body", &["body:akimat-zhambyl-district-nko"]),
        ("ICMA", "kzorg", &["kzorg:icma", "kzorg:icma-kazakhstan"]),
    ];
    for (name, kind, expected) in cases {
        let (output, found) = resolve(name, &["--type", kind]);
        assert_exit(&output, 0);
        assert_eq!(entities(&found), expected, "{name} --type {kind}");
    }
    let (output, _) = resolve("Oral", &["--type", "spaceship"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("unknown type 'spaceship'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn region_filters_take_an_id_or_a_name_in_any_script() {
    // Zhambyl District and its akim and akimat lie in North Kazakhstan Region; Jambyl Region is
    // its own region and Taraz lies in it.
    for region in [
        "north-kazakhstan-region",
        "North Kazakhstan",
        "Северо-Казахстанская область",
    ] {
        let (output, found) = resolve("Zhambyl", &["--region", region]);
        assert_exit(&output, 0);
        assert_eq!(
            entities(&found),
            [
                "unit:zhambyl-district-nko",
                "post:akim-zhambyl-district-nko",
                "body:akimat-zhambyl-district-nko"
            ],
            "--region {region}"
        );
    }
    let (_, found) = resolve("Zhambyl", &["--region", "Jambyl Region"]);
    assert_eq!(entities(&found), ["unit:jambyl-region", "unit:taraz"]);
    // A person lies where the posts they held are: Askarbek Mustafin was akim in North
    // Kazakhstan Region, not in Karaganda Region.
    let (output, found) = resolve("Mustafin", &["--region", "Karaganda"]);
    assert_exit(&output, 1);
    assert!(found.is_empty());
    let (output, _) = resolve("Mustafin", &["--region", "Atlantis"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("no region is called 'Atlantis'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn resolve_prints_csv_when_piped_a_table_or_json_when_asked() {
    let piped = kzlg(&["resolve", "Semipalatinsk"], None);
    assert_exit(&piped, 0);
    assert_eq!(
        stdout(&piped),
        "score,entity,type,name,region,why\n0.95,unit:semey,City,Semey,Abai Region,\"alias (former, en)\"\n"
    );
    let table = kzlg(&["resolve", "Semipalatinsk", "--format", "table"], None);
    let text = stdout(&table);
    assert!(
        text.starts_with("1 entity \"Semipalatinsk\" may mean, best first\nscore  entity"),
        "{text}"
    );
    assert!(text.ends_with("(1 row)\n"), "{text}");
    let json = kzlg(&["resolve", "Zhambyl", "--format", "json", "--limit", "2"], None);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let candidates = value["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 2);
    assert_eq!(candidates[0]["entity"], "unit:jambyl-region");
    assert_eq!(candidates[0]["score"], 0.95);
    assert_eq!(candidates[0]["region"], serde_json::json!(["Jambyl Region"]));
    assert!(candidates[0]["why"].as_array().unwrap().len() >= 3);
}

#[test]
fn resolve_exits_one_when_nothing_matches_and_two_on_bad_tables() {
    let output = kzlg(&["resolve", "Xqzzyvt", "--format", "table"], None);
    assert_exit(&output, 1);
    assert_eq!(stdout(&output), "No entity is called \"Xqzzyvt\"\n(none)\n");
    let output = kzlg(&["--tables", "no-such-folder", "resolve", "Oral"], None);
    assert_exit(&output, 2);
    // With `-`, one name that finds nothing is enough for 1; the others are still printed.
    let output = kzlg(&["resolve", "-"], Some("Mustafin\n\nXqzzyvt\n"));
    assert_exit(&output, 1);
    let rows = csv_rows(&stdout(&output));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["query"], "Mustafin");
}

/// The rows of `kzlg search TEXT --format csv ARGS`.
fn search(text: &str, args: &[&str]) -> (Output, Vec<BTreeMap<String, String>>) {
    let mut all = vec!["search", text, "--format", "csv"];
    all.extend(args);
    let output = kzlg(&all, None);
    let rows = csv_rows(&stdout(&output));
    (output, rows)
}

/// For a sample of rows, one per table that quotes a source: a word of its quote that no other
/// row of any table holds (nor a word beginning alike) finds that row first, with its source
/// and line.
#[test]
fn a_quote_word_finds_its_row() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("extracted");
    let mut rows: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            let table = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            rows.extend(csv_rows(&text).into_iter().map(|row| (table.clone(), row)));
        }
    }
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 8)
            .map(str::to_lowercase)
            .collect()
    };
    // How many rows hold each word's first six letters once folded, in any cell and script: a
    // word no other row begins alike has no relative that folding (endings, plurals,
    // transliteration) could join it to.
    let stem = |word: &str| kzlg::resolve::key(word).chars().take(6).collect::<String>();
    let mut holders: BTreeMap<String, usize> = BTreeMap::new();
    for (_, row) in &rows {
        let mut mine: Vec<String> = row.values().flat_map(|v| words(v)).map(|w| stem(&w)).collect();
        mine.sort();
        mine.dedup();
        for word in mine {
            *holders.entry(word).or_default() += 1;
        }
    }
    let mut checked = BTreeMap::new();
    for (table, row) in &rows {
        let Some(evidence) = row.get("evidence").filter(|e| !e.is_empty()) else {
            continue;
        };
        if checked.contains_key(table) {
            continue;
        }
        let Some(word) = words(evidence).into_iter().find(|w| holders[&stem(w)] == 1) else {
            continue;
        };
        let (output, hits) = search(&word, &[]);
        assert_exit(&output, 0);
        let id = ["id", "entity"].iter().find_map(|c| row.get(*c)).unwrap();
        let first = &hits[0];
        assert_eq!(
            (first["table"].as_str(), first["row"].as_str()),
            (table.as_str(), id.as_str()),
            "{word}"
        );
        // The snippet comes from the quote, or another cell of the row that has the word too.
        let field = row.get(&first["field"]).map(|f| f.to_lowercase());
        assert!(field.is_some_and(|f| f.contains(&word)), "{word}: {first:?}");
        // A source's own row is its source.
        assert_eq!(&first["source"], row.get("source").unwrap_or(id), "{word}");
        assert_eq!(first["line"], row["line"], "{word}");
        assert!(first["snippet"].to_lowercase().contains(&word), "{word}: {first:?}");
        checked.insert(table.clone(), word);
    }
    assert!(checked.len() >= 10, "only {checked:?}");
}

/// Askarbek Mustafin, akim of Zhambyl District ("Zhambylsky" in the internship report): the
/// rows that hold both words rank above every row that holds one.
#[test]
fn rows_with_more_of_the_query_rank_first() {
    let (output, hits) = search("Mustafin Zhambylsky", &["--limit", "0"]);
    assert_exit(&output, 0);
    let both: Vec<bool> = hits.iter().map(|h| h["matched"].split(' ').count() == 2).collect();
    let first_single = both.iter().position(|b| !b).expect("some rows hold one word");
    assert!(first_single >= 3, "{hits:?}");
    assert!(both[first_single..].iter().all(|b| !b), "{hits:?}");
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn search_folds_scripts_and_spellings_and_filters_by_table() {
    // "Токаев" is folded like "Tokaev", one slip from "Tokayev": the President's rows are found
    // in either script.
    for text in ["Токаев", "Tokaev"] {
        let (output, hits) = search(text, &["--table", "tenures"]);
        assert_exit(&output, 0);
        assert_eq!(hits[0]["row"], "tenure-kassym-jomart-tokayev-president", "{text}");
        assert!(hits.iter().all(|h| h["table"] == "tenures"));
    }
    let (output, _) = search("Tokaev", &["--table", "spaceships"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("no table 'spaceships'"));
    let (output, hits) = search("Xqzzyvt", &[]);
    assert_exit(&output, 1);
    assert!(hits.is_empty());
    let table = kzlg(&["search", "Maikoin", "--format", "table"], None);
    assert!(stdout(&table).contains("snippet"), "{}", stdout(&table));
    let json = kzlg(&["search", "Maikoin", "--format", "json"], None);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert!(value["hits"][0]["matched"].is_array(), "{value}");
}
