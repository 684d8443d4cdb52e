//! FollowTheMoney entities, one JSON object a line (`{"id", "schema", "properties"}`), for Aleph,
//! OpenSanctions' tools and the `ftm` command line: a `Person` per person, a `Position` per post,
//! a `PublicBody` per state body (and per foreign government of `organisations.csv`), an
//! `Organization` per other organisation, and an `Occupancy` per tenure, with its `status` on the
//! view's date. Only properties of FtM's schemata are written, each value in the form FtM keeps
//! (`tests/python/check_civic.py` loads every entity with the `followthemoney` package and
//! fails on any value it would drop). Every entity carries its provenance in FtM's own
//! properties: `description` the quote and line of each row it comes from, `publisher` the
//! source's title, `sourceUrl` a reference's URL. Sorted by id: the same tables give the same
//! bytes.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::civic::{Civic, Entity, Provenance, Tenure, entity_id, partial_date};
use crate::schema::Kind;

/// The categories of `bodies.csv` that exist at the centre only.
const NATIONAL_CATEGORIES: [&str; 7] = [
    "presidency",
    "administration",
    "government",
    "ministry",
    "parliament",
    "chamber",
    "prosecutor",
];

/// The values of an entity's properties, each value once, in the order added.
#[derive(Default)]
struct Properties(BTreeMap<&'static str, Vec<String>>);

impl Properties {
    fn add(&mut self, property: &'static str, value: impl Into<String>) {
        let value = value.into();
        if value.is_empty() {
            return;
        }
        let values = self.0.entry(property).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    /// A value of FtM's `name` type, whose whitespace FtM squashes.
    fn name(&mut self, property: &'static str, value: &str) {
        self.add(property, value.split_whitespace().collect::<Vec<_>>().join(" "));
    }

    fn provenance<'a>(&mut self, civic: &Civic, provenances: impl IntoIterator<Item = &'a Provenance>) {
        for provenance in provenances {
            self.add("description", provenance.note());
            self.add("publisher", civic.source_title(provenance));
            if let Some(url) = civic.source_url(provenance) {
                self.add("sourceUrl", url);
            }
        }
    }

    /// The entity's line: `{"id":…,"schema":…,"properties":{…}}`, keys in FtM's order.
    fn entity(self, id: &str, schema: &str) -> String {
        let properties: Map<String, Value> = self
            .0
            .into_iter()
            .map(|(property, values)| (property.to_owned(), json!(values)))
            .collect();
        format!(
            r#"{{"id":{},"schema":{},"properties":{}}}"#,
            Value::from(id),
            Value::from(schema),
            Value::Object(properties)
        )
    }
}

/// Writes the entities in the order of their ids, one at a time: by kind (`kzlg-body-` before
/// `kzlg-org-`, `kzlg-person-`, `kzlg-post-` and the tenures' `kzlg-stmt-`), then by the tables' id.
pub fn write(civic: &Civic, out: &mut dyn Write) -> io::Result<()> {
    let mut kinds = [Kind::Body, Kind::Org, Kind::Person, Kind::Post, Kind::Stmt];
    kinds.sort_by_key(|k| k.segment());
    for kind in kinds {
        if kind == Kind::Stmt {
            let mut tenures: Vec<&Tenure> = civic.tenures.iter().collect();
            tenures.sort_by(|a, b| a.id.cmp(&b.id));
            for tenure in tenures {
                writeln!(out, "{}", occupancy(civic, tenure))?;
            }
            continue;
        }
        for entity in civic.of_kind(kind) {
            let line = match kind {
                Kind::Person => person(civic, entity),
                Kind::Post => position(civic, entity),
                _ => organisation(civic, entity),
            };
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// A tenure: its holder and post, its dates at their precision, its status on the view's date.
fn occupancy(civic: &Civic, tenure: &Tenure) -> String {
    let mut properties = Properties::default();
    properties.add("holder", entity_id(Kind::Person, &tenure.person));
    properties.add("post", entity_id(Kind::Post, &tenure.post));
    let period = tenure.period;
    properties.add("startDate", partial_date(period.from).unwrap_or_default());
    properties.add("endDate", partial_date(period.until).unwrap_or_default());
    properties.add("date", partial_date(period.attested).unwrap_or_default());
    properties.add("status", tenure.status.name());
    properties.add("recordId", &*tenure.id);
    properties.add("summary", tenure.note.as_deref().unwrap_or_default());
    properties.provenance(civic, [&tenure.provenance]);
    properties.entity(&entity_id(Kind::Stmt, &tenure.id), "Occupancy")
}

/// The names, notes, Wikidata id and provenance every entity has.
fn thing(civic: &Civic, entity: &Entity, has_abbreviation: bool) -> Properties {
    let mut properties = Properties::default();
    properties.name("name", entity.name());
    for column in ["name_ru", "name_kk"] {
        if let Some(name) = entity.get(column) {
            properties.name("alias", name);
        }
    }
    for alias in &entity.aliases {
        let property = match alias.kind {
            "former" => "previousName",
            "abbreviation" if has_abbreviation => "abbreviation",
            "abbreviation" | "short" | "misspelling" | "ocr" => "weakAlias",
            _ => "alias",
        };
        properties.name(property, &alias.alias);
    }
    for link in entity.current_ids().filter(|l| l.scheme == "wikidata") {
        properties.add("wikidataId", &*link.value);
    }
    properties.add("notes", entity.get("note").unwrap_or_default());
    properties.provenance(civic, entity.provenances());
    properties
}

fn person(civic: &Civic, entity: &Entity) -> String {
    let mut properties = thing(civic, entity, true);
    for (column, property) in [
        ("given_name", "firstName"),
        ("family_name", "lastName"),
        ("patronymic", "fatherName"),
    ] {
        properties.add(property, entity.get(column).unwrap_or_default());
    }
    properties.entity(&entity_id(Kind::Person, &entity.id), "Person")
}

/// A state body, or an organisation: a foreign government is a public body too.
fn organisation(civic: &Civic, entity: &Entity) -> String {
    let mut properties = thing(civic, entity, true);
    let public = entity.kind == Kind::Body || entity.get("category") == Some("foreign-government");
    let country = match entity.kind {
        Kind::Body => Some("kz".to_owned()),
        _ => entity.get("country").map(str::to_lowercase),
    };
    properties.add("country", country.unwrap_or_default());
    let classification = entity.get("category").or(entity.class.filter(|c| *c != "StateBody"));
    properties.add("classification", classification.unwrap_or_default());
    let schema = if public { "PublicBody" } else { "Organization" };
    properties.entity(&entity_id(entity.kind, &entity.id), schema)
}

fn position(civic: &Civic, post: &Entity) -> String {
    let mut properties = thing(civic, post, false);
    if let Some(body) = post.get("body").and_then(|b| civic.entity(b)) {
        properties.add("organization", entity_id(body.kind, &body.id));
    }
    let body = body_of(civic, post);
    let country = match body {
        Some(body) if body.kind == Kind::Body => Some("kz".to_owned()),
        Some(org) => org.get("country").map(str::to_lowercase),
        None => is_of_a_level(post).then(|| "kz".to_owned()),
    };
    properties.add("country", country.unwrap_or_default());
    properties.add("subnationalArea", civic.region(&post.id).unwrap_or_default());
    for topic in topics(civic, post, body) {
        properties.add("topics", topic);
    }
    properties.entity(&entity_id(Kind::Post, &post.id), "Position")
}

/// The body a post is in: its own, or its generic post's (a specific akim is in an akimat).
fn body_of<'a>(civic: &'a Civic, post: &'a Entity) -> Option<&'a Entity> {
    let generic = || civic.entity(post.get("generic")?)?.get("body");
    civic.entity(post.get("body").or_else(generic)?)
}

/// Whether a post stands for a level of Kazakhstan's administration, or follows one that does.
fn is_of_a_level(post: &Entity) -> bool {
    post.get("level").is_some() || post.get("generic").is_some()
}

/// FtM's topics of a government post: its level (`gov.national` the centre, `gov.state` a region
/// or city of republican significance, `gov.muni` every level below) and its branch
/// (`gov.executive` akims and ministers, `gov.legislative` maslikhats and parliaments, `gov.head`
/// the president and the prime minister), as far as the tables say. A post in a Kazakh state
/// body or a foreign government (its own body or its generic post's), or one of a level, is a
/// government post; the posts of donors, NGOs and institutes get none.
fn topics(civic: &Civic, post: &Entity, body: Option<&Entity>) -> Vec<&'static str> {
    let government = match body {
        Some(body) => body.kind == Kind::Body || body.get("category") == Some("foreign-government"),
        None => is_of_a_level(post),
    };
    if !government {
        return Vec::new();
    }
    let mut topics = Vec::new();
    let level = match civic.level(&post.id) {
        Some("Country") => Some("gov.national"),
        Some(level) if crate::schema::is_regional(level) => Some("gov.state"),
        Some(_) => Some("gov.muni"),
        None if national(civic, body) => Some("gov.national"),
        None => None,
    };
    topics.extend(level);
    let branch = match post.get("post_type") {
        Some("President" | "PrimeMinister") => Some("gov.head"),
        Some("Akim" | "DeputyAkim" | "Mayor" | "Minister" | "DeputyMinister") => Some("gov.executive"),
        Some("MaslikhatSecretary" | "MaslikhatDeputy" | "Senator" | "MemberOfParliament") => Some("gov.legislative"),
        _ => match body.map(|b| (b.class, b.get("category"))) {
            Some((Some("Akimat"), _)) => Some("gov.executive"),
            Some((Some("Maslikhat"), _) | (_, Some("parliament" | "chamber"))) => Some("gov.legislative"),
            _ => None,
        },
    };
    topics.extend(branch);
    topics
}

/// Whether a Kazakh state body, or a body it is part of, is of a kind that exists at the centre
/// only (a ministry, the parliament, the presidential administration, …).
fn national<'a>(civic: &'a Civic, mut body: Option<&'a Entity>) -> bool {
    for _ in 0..16 {
        let Some(b) = body.filter(|b| b.kind == Kind::Body) else {
            return false;
        };
        if b.get("category").is_some_and(|c| NATIONAL_CATEGORIES.contains(&c)) {
            return true;
        }
        body = b.get("parent").and_then(|p| civic.entity(p));
    }
    false
}
