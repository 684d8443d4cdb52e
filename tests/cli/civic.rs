//! `kzlg export ftm` and `kzlg export popolo` on the good tables and on the time fixture (Anna
//! akim of District D 1999 – 2005-06, Boris 2005-06 – 2016, Chingiz attested 2022-03; the
//! dataset's date 2026-12-01), with the values worked out by hand. The followthemoney package
//! and the Popolo schemas read the same files in tests/python/check_civic.py.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Workspace, assert_exit, stderr, stdout};

fn time_tables() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/time")
        .display()
        .to_string()
}

fn export(ws: &Workspace, tables: &str, args: &[&str]) -> String {
    let mut all = vec!["--tables", tables, "export"];
    all.extend_from_slice(args);
    let output = ws.kzlg(&all);
    assert_exit(&output, 0);
    stdout(&output)
}

/// The FtM entities of an export, by id (each line one entity).
fn ftm(ws: &Workspace, tables: &str, as_of: Option<&str>) -> BTreeMap<String, Value> {
    let mut args = vec!["ftm"];
    args.extend(as_of.iter().flat_map(|d| ["--as-of", *d]));
    let text = export(ws, tables, &args);
    let mut entities = BTreeMap::new();
    for line in text.lines() {
        let entity: Value = serde_json::from_str(line).expect("a JSON object a line");
        let id = entity["id"].as_str().expect("an id").to_owned();
        assert!(entities.insert(id.clone(), entity).is_none(), "{id} twice");
    }
    entities
}

fn popolo(ws: &Workspace, tables: &str, as_of: Option<&str>) -> Value {
    let mut args = vec!["popolo"];
    args.extend(as_of.iter().flat_map(|d| ["--as-of", *d]));
    serde_json::from_str(&export(ws, tables, &args)).expect("one JSON document")
}

/// The values of an FtM property (empty when the entity has none).
fn values<'a>(entities: &'a BTreeMap<String, Value>, id: &str, property: &str) -> Vec<&'a str> {
    let entity = entities.get(id).unwrap_or_else(|| panic!("no entity {id}"));
    entity["properties"][property]
        .as_array()
        .map(|vs| vs.iter().map(|v| v.as_str().unwrap()).collect())
        .unwrap_or_default()
}

/// The object of a Popolo array with this id.
fn object<'a>(document: &'a Value, array: &str, id: &str) -> &'a Value {
    document[array]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {array}"))
}

fn statuses(entities: &BTreeMap<String, Value>) -> Vec<(String, String)> {
    entities
        .values()
        .filter(|e| e["schema"] == "Occupancy")
        .map(|e| {
            let holder = e["properties"]["holder"][0].as_str().unwrap().to_owned();
            (holder, e["properties"]["status"][0].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn each_occupancy_has_its_status_on_the_date() {
    let ws = Workspace::new();
    let tables = time_tables();
    let expect = |as_of: Option<&str>, anna: &str, boris: &str, chingiz: &str| {
        let found = statuses(&ftm(&ws, &tables, as_of));
        let want: Vec<(String, String)> = [("anna", anna), ("boris", boris), ("chingiz", chingiz)]
            .iter()
            .map(|(who, status)| (format!("kzlg-person-{who}"), (*status).to_owned()))
            .collect();
        assert_eq!(found, want, "as of {as_of:?}");
    };
    // 2026-12-01: both dated tenures have ended; Chingiz is known only from March 2022.
    expect(None, "ended", "ended", "unknown");
    // 2002: Anna holds the post; Boris has not begun; Chingiz is seen only in 2022.
    expect(Some("2002"), "current", "unknown", "unknown");
    // An end is exclusive: in June 2005 Boris holds the post and Anna no longer.
    expect(Some("2005-06"), "ended", "current", "unknown");
    // Anna's end lies within 2005: as of the year she has ended, and Boris holds it.
    expect(Some("2005"), "ended", "current", "unknown");
    // A day of the attested month is within it.
    expect(Some("2022-03-15"), "ended", "ended", "current");
    expect(Some("2022-04"), "ended", "ended", "unknown");
}

#[test]
fn occupancies_keep_their_dates_at_their_precision_and_their_provenance() {
    let ws = Workspace::new();
    let entities = ftm(&ws, &time_tables(), None);
    let anna = &entities["kzlg-stmt-t-anna"];
    assert_eq!(
        anna,
        &json!({
            "id": "kzlg-stmt-t-anna",
            "schema": "Occupancy",
            "properties": {
                "holder": ["kzlg-person-anna"],
                "post": ["kzlg-post-akim-d"],
                "startDate": ["1999"],
                "endDate": ["2005-06"],
                "status": ["ended"],
                "recordId": ["t-anna"],
                "description": ["(source rules)"],
                "publisher": ["A system whose rules change twice"],
            }
        })
    );
    assert_eq!(values(&entities, "kzlg-stmt-t-boris", "startDate"), ["2005-06"]);
    assert_eq!(values(&entities, "kzlg-stmt-t-boris", "endDate"), ["2016"]);
    // Known only from an attestation: FtM's `date`, no start or end.
    assert_eq!(values(&entities, "kzlg-stmt-t-chingiz", "date"), ["2022-03"]);
    assert!(values(&entities, "kzlg-stmt-t-chingiz", "startDate").is_empty());
    assert!(values(&entities, "kzlg-stmt-t-chingiz", "endDate").is_empty());
    let position = &entities["kzlg-post-akim-d"]["properties"];
    assert_eq!(position["subnationalArea"], json!(["Region R"]));
    assert_eq!(
        position["country"],
        json!(["kz"]),
        "it follows a generic post of a level"
    );
    assert_eq!(position["topics"], json!(["gov.muni", "gov.executive"]));
    assert_eq!(
        values(&entities, "kzlg-person-anna", "firstName"),
        ["Anna"],
        "given_name is FtM's firstName"
    );
    assert_eq!(values(&entities, "kzlg-person-anna", "lastName"), ["A"]);
}

#[test]
fn every_occupancy_of_the_good_tables_carries_its_quote_line_and_source() {
    let ws = Workspace::new();
    let entities = ftm(&ws, "tables", None);
    let occupancies: Vec<&Value> = entities.values().filter(|e| e["schema"] == "Occupancy").collect();
    assert_eq!(occupancies.len(), 2, "one per tenure");
    let internship = "Training for Senior Managers in Government: Local Government: An International Experience \
                      (Arizona-Kazakhstan Partnership Foundation, 2002-11)";
    for occupancy in &occupancies {
        let properties = &occupancy["properties"];
        let description = properties["description"][0].as_str().unwrap();
        assert!(
            description.starts_with('"') && description.ends_with(')') && description.contains(", line "),
            "{description}"
        );
        assert_eq!(properties["publisher"], json!([internship]));
        assert_eq!(properties["date"], json!(["2002-11"]));
        assert!(properties.get("sourceUrl").is_none(), "a document, not a reference");
    }
    assert_eq!(
        values(&entities, "kzlg-stmt-tenure-askarbek-mustafin-2002", "description"),
        [
            "\"Water is Life, Potable Water Supply\tAskarbek Mustafin Rayon Akim, Zhambylsky\" (source internship, line 297)"
        ]
    );
    assert_eq!(
        values(&entities, "kzlg-stmt-tenure-alfiya-solovyova-2002", "description"),
        ["\"Alfiya Solovyova Secretary Maslikhat, Petropavlovsk City\" (source internship, line 300)"]
    );
    // Attested in November 2002: current then (and on a day of it), unknown before and after.
    let status = |as_of: Option<&str>| statuses(&ftm(&ws, "tables", as_of));
    let both = |s: &str| {
        vec![
            ("kzlg-person-alfiya-solovyova".to_owned(), s.to_owned()),
            ("kzlg-person-askarbek-mustafin".to_owned(), s.to_owned()),
        ]
    };
    assert_eq!(status(None), both("unknown"));
    assert_eq!(status(Some("2002")), both("current"));
    assert_eq!(status(Some("2002-11-05")), both("current"));
    assert_eq!(status(Some("2002-12")), both("unknown"));
}

#[test]
fn posts_bodies_and_organisations_are_positions_public_bodies_and_organizations() {
    let ws = Workspace::new();
    let entities = ftm(&ws, "tables", None);
    let schema = |id: &str| entities[id]["schema"].as_str().unwrap().to_owned();
    assert_eq!(schema("kzlg-person-askarbek-mustafin"), "Person");
    assert_eq!(schema("kzlg-post-akim-zhambyl-district-nko"), "Position");
    assert_eq!(schema("kzlg-body-petropavl-city-maslikhat"), "PublicBody");
    assert_eq!(schema("kzlg-org-akpf"), "Organization");
    assert_eq!(
        entities.len(),
        2 + 4 + 4 + 1 + 2,
        "people, posts, bodies, organisations, tenures"
    );
    let akim = "kzlg-post-akim-zhambyl-district-nko";
    assert_eq!(values(&entities, akim, "name"), ["Akim of Zhambyl District"]);
    assert_eq!(values(&entities, akim, "country"), ["kz"]);
    assert_eq!(values(&entities, akim, "subnationalArea"), ["North Kazakhstan Region"]);
    assert_eq!(values(&entities, akim, "topics"), ["gov.muni", "gov.executive"]);
    let secretary = "kzlg-post-secretary-petropavl-city-maslikhat";
    assert_eq!(
        values(&entities, secretary, "organization"),
        ["kzlg-body-petropavl-city-maslikhat"]
    );
    assert_eq!(values(&entities, secretary, "topics"), ["gov.muni", "gov.legislative"]);
    assert_eq!(
        values(&entities, "kzlg-post-akim-region", "topics"),
        ["gov.state", "gov.executive"]
    );
    assert_eq!(values(&entities, "kzlg-post-akim-region", "alias"), ["Аким области"]);
    assert_eq!(values(&entities, "kzlg-body-president", "country"), ["kz"]);
    assert_eq!(
        values(&entities, "kzlg-body-president", "classification"),
        ["presidency"]
    );
    assert_eq!(values(&entities, "kzlg-org-akpf", "country"), ["us"]);
    assert_eq!(values(&entities, "kzlg-org-akpf", "classification"), ["ngo"]);
    for (id, entity) in &entities {
        let properties = &entity["properties"];
        assert!(
            properties["description"].as_array().is_some_and(|d| !d.is_empty())
                && properties["publisher"].as_array().is_some_and(|p| !p.is_empty()),
            "{id} has no provenance"
        );
    }
}

#[test]
fn aliases_and_current_ids_come_with_the_provenance_of_their_rows() {
    let ws = Workspace::new();
    let mut aliases = std::fs::read_to_string(ws.path("tables/aliases.csv")).unwrap();
    aliases.push_str("askarbek-mustafin,Askar Mustafin,en,variant,,,internship,Askar Mustafin,262\n");
    aliases.push_str("askarbek-mustafin,Askarbek Mustafinov,en,former,,,internship,Askarbek Mustafinov,263\n");
    aliases.push_str("akpf,AKPF,en,abbreviation,,,internship,AKPF,374\n");
    ws.write("tables/aliases.csv", aliases);
    let mut links = std::fs::read_to_string(ws.path("tables/links.csv")).unwrap();
    links.push_str("askarbek-mustafin,wikidata,Q4242,,,,ref-regions,Wikidata item Q4242,\n");
    ws.write("tables/links.csv", links);
    let entities = ftm(&ws, "tables", None);
    let person = "kzlg-person-askarbek-mustafin";
    assert_eq!(values(&entities, person, "alias"), ["Askar Mustafin"]);
    assert_eq!(values(&entities, person, "previousName"), ["Askarbek Mustafinov"]);
    assert_eq!(values(&entities, person, "wikidataId"), ["Q4242"]);
    assert_eq!(values(&entities, "kzlg-org-akpf", "abbreviation"), ["AKPF"]);
    assert_eq!(
        values(&entities, person, "description"),
        [
            "\"Askarbek Mustafin\" (source internship, line 261)",
            "\"Askar Mustafin\" (source internship, line 262)",
            "\"Askarbek Mustafinov\" (source internship, line 263)",
            "\"Wikidata item Q4242\" (source ref-regions)",
        ]
    );
    assert_eq!(
        values(&entities, person, "sourceUrl"),
        ["https://en.wikipedia.org/wiki/Regions_of_Kazakhstan"],
        "the reference's URL"
    );
    assert_eq!(
        values(&entities, person, "publisher").len(),
        2,
        "the document and the reference"
    );
    let document = popolo(&ws, "tables", None);
    let person = object(&document, "persons", person);
    assert_eq!(
        person["identifiers"],
        json!([
            {"scheme": "wikidata", "identifier": "Q4242"},
            {"scheme": "kzlg", "identifier": "https://w3id.org/kzlg/id/person/askarbek-mustafin"},
        ])
    );
    assert_eq!(
        person["other_names"],
        json!([
            {"name": "Askar Mustafin", "note": "variant (en)"},
            {"name": "Askarbek Mustafinov", "note": "former (en)"},
        ])
    );
}

#[test]
fn popolo_memberships_keep_the_tenures_dates_and_sources() {
    let ws = Workspace::new();
    let document = popolo(&ws, &time_tables(), None);
    let keys: Vec<&String> = document.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["areas", "memberships", "organizations", "persons", "posts"]);
    let rules = json!([{"url": "https://w3id.org/kzlg/id/source/rules", "note": "(source rules)"}]);
    assert_eq!(
        object(&document, "memberships", "kzlg-stmt-t-anna"),
        &json!({
            "id": "kzlg-stmt-t-anna",
            "label": "Anna A, Akim of District D",
            "role": "Akim",
            "person_id": "kzlg-person-anna",
            "post_id": "kzlg-post-akim-d",
            "area_id": "kzlg-unit-district-d",
            "start_date": "1999",
            "end_date": "2005-06",
            "sources": rules,
        })
    );
    let boris = object(&document, "memberships", "kzlg-stmt-t-boris");
    assert_eq!(
        (&boris["start_date"], &boris["end_date"]),
        (&json!("2005-06"), &json!("2016"))
    );
    let chingiz = object(&document, "memberships", "kzlg-stmt-t-chingiz");
    assert_eq!(chingiz["label"], "Chingiz C, Akim of District D (attested 2022-03)");
    assert!(chingiz.get("start_date").is_none() && chingiz.get("end_date").is_none());
    assert_eq!(document["memberships"].as_array().unwrap().len(), 3);
    let post = object(&document, "posts", "kzlg-post-akim-d");
    assert_eq!(post["label"], "Akim of District D");
    assert_eq!(post["area_id"], "kzlg-unit-district-d");
    assert_eq!(post["sources"], rules);
    let person = object(&document, "persons", "kzlg-person-boris");
    assert_eq!(
        (&person["given_name"], &person["family_name"]),
        (&json!("Boris"), &json!("B"))
    );
    assert_eq!(person["sources"], rules);
    assert_eq!(
        object(&document, "areas", "kzlg-unit-district-d")["parent_id"],
        "kzlg-unit-region-r"
    );
}

#[test]
fn popolo_identifiers_are_those_in_force_on_the_date() {
    let ws = Workspace::new();
    let region = |as_of: Option<&str>| {
        object(
            &popolo(&ws, "tables", as_of),
            "areas",
            "kzlg-unit-north-kazakhstan-region",
        )
        .clone()
    };
    let today = region(None);
    let iri = json!({"scheme": "kzlg", "identifier": "https://w3id.org/kzlg/id/unit/north-kazakhstan-region"});
    assert_eq!(
        today["identifiers"],
        json!([
            {"scheme": "iso3166-2", "identifier": "KZ-59"},
            {"scheme": "wikidata", "identifier": "Q485088"},
            {"scheme": "geonames", "identifier": "1519367"},
            {"scheme": "kato", "identifier": "590000000"},
            iri,
        ])
    );
    assert_eq!(today["identifier"], "590000000", "the KATO code");
    assert_eq!(today["classification"], "Region");
    assert_eq!(today["parent_id"], "kzlg-unit-kazakhstan");
    // The alphabetic ISO code held until 2022-11-29.
    let then = region(Some("2002"));
    assert_eq!(
        then["identifiers"][0],
        json!({"scheme": "iso3166-2", "identifier": "KZ-SEV"})
    );
    assert_eq!(
        today["sources"][0],
        json!({
            "url": "https://en.wikipedia.org/wiki/Regions_of_Kazakhstan",
            "note": "\"North Kazakhstan Region is a region of Kazakhstan\" (source ref-regions)",
        })
    );
    let document = popolo(&ws, "tables", None);
    let petropavl = object(&document, "areas", "kzlg-unit-petropavl");
    assert!(
        petropavl["other_names"]
            .as_array()
            .unwrap()
            .contains(&json!({"name": "Petropavlovsk", "note": "former (en)"})),
        "{petropavl}"
    );
    let askarbek = object(&document, "persons", "kzlg-person-askarbek-mustafin");
    assert_eq!(
        askarbek["sources"],
        json!([{
            "url": "https://w3id.org/kzlg/id/source/internship",
            "note": "\"Askarbek Mustafin\" (source internship, line 261)",
        }]),
        "a document's source is its IRI in the graph"
    );
    let maslikhat = object(&document, "organizations", "kzlg-body-petropavl-city-maslikhat");
    assert_eq!(maslikhat["area_id"], "kzlg-unit-petropavl");
    assert_eq!(maslikhat["classification"], "Maslikhat");
    let membership = object(&document, "memberships", "kzlg-stmt-tenure-alfiya-solovyova-2002");
    assert_eq!(membership["organization_id"], "kzlg-body-petropavl-city-maslikhat");
    assert_eq!(membership["role"], "Maslikhat secretary");
}

#[test]
fn the_files_are_the_same_bytes_every_time_and_on_standard_output() {
    let ws = Workspace::new();
    for format in ["ftm", "popolo"] {
        let printed = export(&ws, "tables", &[format]);
        export(&ws, "tables", &[format, "--out", "out.json"]);
        assert_eq!(
            std::fs::read_to_string(ws.path("out.json")).unwrap(),
            printed,
            "{format}"
        );
        assert_eq!(export(&ws, "tables", &[format]), printed, "{format} twice");
    }
    let ids: Vec<String> = ftm(&ws, "tables", None).into_keys().collect();
    let lines: Vec<String> = export(&ws, "tables", &["ftm"])
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(lines, ids, "sorted by id");
}

#[test]
fn options_of_the_network_formats_are_refused() {
    let ws = Workspace::new();
    for args in [
        &["ftm", "--view", "people"][..],
        &["popolo", "--all-dates"],
        &["ftm", "--query", "q.rq"],
    ] {
        let mut all = vec!["--tables", "tables", "export"];
        all.extend_from_slice(args);
        let output = ws.kzlg(&all);
        assert_exit(&output, 2);
        assert!(
            stderr(&output).contains("do not apply"),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty());
    }
}
