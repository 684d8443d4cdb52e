//! Every name the tables give an entity finds that entity first: each surname, given name and
//! patronymic of people.csv, each alias of aliases.csv (the former names among them), and each
//! `name_en`, `name_ru` and `name_kk` of every table. The cases are read from the tables, not
//! written here; only the names two entities genuinely share are, in [`TIES`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{csv_rows, resolve_all};

/// Names that two or more entities have equally, with the entities that share the best score
/// (ordered by id, which is how the ranking breaks the tie).
const TIES: &[(&str, &[&str])] = &[
    // Astana was called Akmola until May 1998 (a former name ranks 0.95), and Akmola Region is
    // "Akmola" but for the generic word Region (0.95 too).
    ("Akmola", &["akmola-region", "astana"]),
    // Given names shared by two or three people.
    ("Alexandr", &["alexandr-borodin", "alexandr-nagaitsev"]),
    ("Larry", &["larry-daum", "larry-seale"]),
    ("Mark", &["mark-hannafin", "mark-huddleston"]),
    ("Ruslan", &["ruslan-akhmaganbetov", "ruslan-asaubayev"]),
    ("Serik", &["serik-ospanov", "serik-shaidarov"]),
    (
        "Vladimir",
        &["vladimir-koloda", "vladimir-kolomiitsev", "vladimir-leonov"],
    ),
    // Sergei Novik and Sergey Khudyakov: two spellings of one name, which folding joins.
    ("Sergei", &["sergei-novik", "sergey-khudyakov"]),
    ("Sergey", &["sergei-novik", "sergey-khudyakov"]),
    // Serik Ospanov and Kanat Ospanov: one surname (their rows say they are not one person).
    ("Ospanov", &["kanat-ospanov", "serik-ospanov"]),
    // The sources call Karaganda Region "Karaganda" (an alias, short), the city's name.
    ("Karaganda", &["karaganda", "karaganda-region"]),
    // Kostanay Region is also "Kostanai" (an alias, transliteration), which folds like the
    // city's name Kostanay.
    ("Kostanai", &["kostanay", "kostanay-region"]),
    ("Kostanay", &["kostanay", "kostanay-region"]),
    // The city of Oral (Орал in Kazakh) and Oral Sartaev's given name.
    ("Oral", &["oral", "oral-sartaev"]),
    ("Орал", &["oral", "oral-sartaev"]),
    // The body and the post of the President have one English name.
    (
        "President of the Republic of Kazakhstan",
        &["president", "president-of-kazakhstan"],
    ),
    // The internship report's "Secretary Maslikhat" is the alias of both the city's and the
    // district's secretary.
    (
        "Secretary Maslikhat",
        &["maslikhat-secretary-city", "maslikhat-secretary-district"],
    ),
    // Zhambyl: Taraz's former name (1938–1997), Jambyl Region (Жамбыл облысы) and Zhambyl
    // District of North Kazakhstan Region, each but for a generic word.
    ("Zhambyl", &["jambyl-region", "taraz", "zhambyl-district-nko"]),
];

/// (name, entity id, where the name is written) for every name the tables give an entity.
fn cases() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("extracted");
    let read = |table: &str| csv_rows(&std::fs::read_to_string(dir.join(format!("{table}.csv"))).unwrap());
    let mut cases = Vec::new();
    for person in read("people") {
        for column in ["family_name", "given_name", "patronymic"] {
            cases.push((person[column].clone(), person["id"].clone(), format!("people.{column}")));
        }
    }
    for alias in read("aliases") {
        let origin = format!("aliases ({})", alias["kind"]);
        cases.push((alias["alias"].clone(), alias["entity"].clone(), origin));
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let table = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        for row in read(&table) {
            for column in ["name_en", "name_ru", "name_kk"] {
                if let Some(name) = row.get(column) {
                    cases.push((name.clone(), row["id"].clone(), format!("{table}.{column}")));
                }
            }
        }
    }
    cases.retain(|(name, ..)| !name.trim().is_empty());
    cases.sort();
    cases
}

#[test]
fn every_name_finds_its_entity_first() {
    let cases = cases();
    let count = |prefix: &str| cases.iter().filter(|(_, _, o)| o.starts_with(prefix)).count();
    assert!(count("people.family_name") >= 55 && count("people.given_name") >= 50);
    assert!(count("aliases") >= 250 && count("aliases (former)") >= 20);
    assert!(count("units.name_ru") >= 20 && count("units.name_kk") >= 25);
    let mut names: Vec<String> = cases.iter().map(|(name, ..)| name.trim().to_owned()).collect();
    names.dedup();
    let found = resolve_all(&names);
    let ties: BTreeMap<&str, BTreeSet<&str>> = TIES
        .iter()
        .map(|(name, ids)| (*name, ids.iter().copied().collect()))
        .collect();
    let mut failures = Vec::new();
    let mut tied = BTreeSet::new();
    for (name, id, origin) in &cases {
        let name = name.trim();
        let Some(candidates) = found.get(name) else {
            failures.push(format!("{name:?} ({origin} of {id}) finds nothing"));
            continue;
        };
        let best: BTreeSet<&str> = candidates
            .iter()
            .take_while(|c| c.score == candidates[0].score)
            .map(|c| c.id())
            .collect();
        if !best.contains(id.as_str()) {
            let first = &candidates[0];
            failures.push(format!(
                "{name:?} ({origin} of {id}) finds {} first ({})",
                first.entity, first.score
            ));
        } else if best.len() > 1 {
            match ties.get(name) {
                Some(expected) if *expected == best => {
                    tied.insert(name);
                }
                _ => failures.push(format!("{name:?} ({origin} of {id}) ties {best:?}, not listed in TIES")),
            }
        }
    }
    for name in ties.keys().filter(|name| !tied.contains(*name)) {
        failures.push(format!("{name:?} is listed in TIES but ties no more"));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
