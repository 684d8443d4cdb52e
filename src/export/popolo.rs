//! Popolo JSON (<https://www.popoloproject.com/>), one document with `persons`, `organizations`
//! (state bodies and organisations), `posts`, `memberships` (one per tenure: a person holding a
//! post, in the post's body and area) and `areas` (the units), for civic-tech tools. Dates keep
//! their precision (Popolo's pattern accepts `YYYY`, `YYYY-MM` and `YYYY-MM-DD`); names in other
//! languages and aliases are `other_names`; current external ids are `identifiers`
//! (`{"scheme": "wikidata", "identifier": "Q485088"}`, and `kzlg`, the entity's IRI); every
//! object carries `sources`, each `{"url", "note"}` with a reference's URL (or, for a document,
//! the source's IRI in the graph) and the quote with its line. Areas carry `identifiers` and
//! `other_names` too, shaped as on persons: the one thing beyond Popolo's area schema.
//! `tests/python/check_civic.py` validates the document against the Popolo JSON schemas.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::civic::{Civic, Entity, Provenance, Tenure, entity_id, partial_date};
use crate::network::humanize;
use crate::schema::Kind;

/// Writes the document one object at a time, laid out as `serde_json`'s pretty printer does
/// (two spaces a level), the arrays in Popolo's order, each sorted by id.
pub fn write(civic: &Civic, out: &mut dyn Write) -> io::Result<()> {
    let entities = |kinds: &'static [Kind]| civic.entities.values().filter(move |e| kinds.contains(&e.kind));
    let mut organizations: Vec<&Entity> = entities(&[Kind::Body, Kind::Org]).collect();
    organizations.sort_by_cached_key(|e| entity_id(e.kind, &e.id));
    let mut tenures: Vec<&Tenure> = civic.tenures.iter().collect();
    tenures.sort_by(|a, b| a.id.cmp(&b.id));
    let arrays: [(&str, Box<dyn Iterator<Item = Value> + '_>); 5] = [
        ("persons", Box::new(entities(&[Kind::Person]).map(|e| person(civic, e)))),
        (
            "organizations",
            Box::new(organizations.into_iter().map(|e| organization(civic, e))),
        ),
        ("posts", Box::new(entities(&[Kind::Post]).map(|e| post(civic, e)))),
        (
            "memberships",
            Box::new(tenures.into_iter().map(|t| membership(civic, t))),
        ),
        ("areas", Box::new(entities(&[Kind::Unit]).map(|e| area(civic, e)))),
    ];
    out.write_all(b"{")?;
    for (i, (name, objects)) in arrays.into_iter().enumerate() {
        write!(out, "{}\n  \"{name}\": [", if i == 0 { "" } else { "," })?;
        let mut empty = true;
        for object in objects {
            let text = serde_json::to_string_pretty(&object)?;
            // JSON strings hold no raw line breaks: each line of the object moves in two levels.
            write!(
                out,
                "{}\n    {}",
                if empty { "" } else { "," },
                text.replace('\n', "\n    ")
            )?;
            empty = false;
        }
        out.write_all(if empty { b"]" } else { b"\n  ]" })?;
    }
    out.write_all(b"\n}\n")
}

/// An object under construction: keys with empty values are left out.
#[derive(Default)]
struct Object(Map<String, Value>);

impl Object {
    fn set(&mut self, key: &str, value: impl Into<Value>) -> &mut Self {
        let value = value.into();
        let empty = match &value {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            _ => false,
        };
        if !empty {
            self.0.insert(key.to_owned(), value);
        }
        self
    }

    fn done(&mut self) -> Value {
        Value::Object(std::mem::take(&mut self.0))
    }
}

/// The id of the entity a reference column names, in its own kind.
fn reference(civic: &Civic, entity: &Entity, column: &str) -> Option<String> {
    let target = civic.entity(entity.get(column)?)?;
    Some(entity_id(target.kind, &target.id))
}

/// Popolo links to the sources of rows: a reference's URL, or the source's IRI in the graph.
fn sources<'a>(civic: &Civic, provenances: impl IntoIterator<Item = &'a Provenance>) -> Vec<Value> {
    provenances
        .into_iter()
        .map(|p| {
            let url = civic
                .source_url(p)
                .map_or_else(|| Kind::Source.iri(&p.source), str::to_owned);
            json!({"url": url, "note": p.note()})
        })
        .collect()
}

/// Names in Russian and Kazakh, and the aliases, as Popolo's other names.
fn other_names(entity: &Entity) -> Vec<Value> {
    let languages = [("name_ru", "name in Russian"), ("name_kk", "name in Kazakh")];
    let names = languages
        .iter()
        .filter_map(|(column, note)| Some(json!({"name": entity.get(column)?, "note": note})));
    let aliases = entity.aliases.iter().map(|alias| {
        let note = match &alias.lang {
            Some(lang) => format!("{} ({lang})", alias.kind),
            None => alias.kind.to_owned(),
        };
        let mut name = Object::default();
        name.set("name", &*alias.alias)
            .set("note", note)
            .set("end_date", partial_date(alias.valid_until));
        name.done()
    });
    names.chain(aliases).collect()
}

/// The ids in force on the view's date, and the entity's IRI in the graph.
fn identifiers(entity: &Entity) -> Vec<Value> {
    let links = entity
        .current_ids()
        .map(|l| json!({"scheme": l.scheme, "identifier": &*l.value}));
    let own = json!({"scheme": "kzlg", "identifier": entity.kind.iri(&entity.id)});
    links.chain(std::iter::once(own)).collect()
}

fn person(civic: &Civic, entity: &Entity) -> Value {
    Object::default()
        .set("id", entity_id(entity.kind, &entity.id))
        .set("name", entity.name())
        .set("given_name", entity.get("given_name"))
        .set("family_name", entity.get("family_name"))
        .set("patronymic_name", entity.get("patronymic"))
        .set("other_names", other_names(entity))
        .set("identifiers", identifiers(entity))
        .set("sources", sources(civic, entity.provenances()))
        .done()
}

fn organization(civic: &Civic, entity: &Entity) -> Value {
    let classification = entity.get("category").or(entity.class);
    Object::default()
        .set("id", entity_id(entity.kind, &entity.id))
        .set("name", entity.name())
        .set("classification", classification)
        .set("parent_id", reference(civic, entity, "parent"))
        .set("area_id", reference(civic, entity, "unit"))
        .set("other_names", other_names(entity))
        .set("identifiers", identifiers(entity))
        .set("sources", sources(civic, entity.provenances()))
        .done()
}

fn post(civic: &Civic, entity: &Entity) -> Value {
    let other_labels: Vec<Value> = other_names(entity).into_iter().map(|n| n["name"].clone()).collect();
    Object::default()
        .set("id", entity_id(entity.kind, &entity.id))
        .set("label", entity.name())
        .set("other_label", other_labels)
        .set("role", entity.get("post_type").map(humanize))
        .set("organization_id", reference(civic, entity, "body"))
        .set("area_id", reference(civic, entity, "unit"))
        .set("sources", sources(civic, entity.provenances()))
        .done()
}

fn membership(civic: &Civic, tenure: &Tenure) -> Value {
    let post = civic.entity(&tenure.post);
    let person = civic.entity(&tenure.person).map_or(&*tenure.person, Entity::name);
    let mut label = format!("{person}, {}", post.map_or(&*tenure.post, Entity::name));
    if let Some(attested) = partial_date(tenure.period.attested) {
        label.push_str(&format!(" (attested {attested})"));
    }
    Object::default()
        .set("id", entity_id(Kind::Stmt, &tenure.id))
        .set("label", label)
        .set("role", post.and_then(|p| p.get("post_type")).map(humanize))
        .set("person_id", entity_id(Kind::Person, &tenure.person))
        .set("post_id", entity_id(Kind::Post, &tenure.post))
        .set("organization_id", post.and_then(|p| reference(civic, p, "body")))
        .set("area_id", post.and_then(|p| reference(civic, p, "unit")))
        .set("start_date", partial_date(tenure.period.from))
        .set("end_date", partial_date(tenure.period.until))
        .set("sources", sources(civic, [&tenure.provenance]))
        .done()
}

fn area(civic: &Civic, entity: &Entity) -> Value {
    let kato = entity.current_ids().find(|l| l.scheme == "kato").map(|l| &*l.value);
    let parent = reference(civic, entity, "part_of").filter(|_| entity.parent_holds);
    Object::default()
        .set("id", entity_id(entity.kind, &entity.id))
        .set("name", entity.name())
        .set("identifier", kato)
        .set("classification", entity.class)
        .set("parent_id", parent)
        .set("other_names", other_names(entity))
        .set("identifiers", identifiers(entity))
        .set("sources", sources(civic, entity.provenances()))
        .done()
}
