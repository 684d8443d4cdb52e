use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::values::string;
use super::{KAZAKHSTAN, Reason};
use crate::date::Date;
use crate::error::Result;
use crate::load::is_outside_document;
use crate::rdf::Value;

#[derive(Debug, Default)]
pub(super) struct Names {
    pub(super) en: String,
    pub(super) ru: String,
    pub(super) kk: String,
}

#[derive(Debug, Default, Clone)]
pub(super) struct Cited {
    source: String,
    evidence: String,
}

#[derive(Debug, Default)]
pub(super) struct Entity {
    pub(super) names: Names,
    pub(super) cited: Cited,
    /// Posts: the body (or organisation) and unit.
    pub(super) body: String,
    pub(super) unit: String,
}

#[derive(Debug, Default)]
struct Source {
    kind: String,
    url: String,
    language: String,
}

/// A body of bodies.csv (a state body) or an organisation.
#[derive(Debug, Default)]
pub(super) struct Body {
    pub(super) name: String,
    unit: String,
    parent: String,
    state: bool,
    country: String,
}

#[derive(Debug, Default)]
pub(super) struct Unit {
    pub(super) name: String,
    part_of: String,
    country: bool,
}

#[derive(Debug)]
pub(super) struct Tenure {
    pub(super) id: String,
    pub(super) person: String,
    pub(super) post: String,
    pub(super) start: Option<Date>,
    pub(super) end: Option<Date>,
    pub(super) attested: Option<Date>,
    pub(super) cited: Cited,
}

/// The rows the export needs, from the checked tables.
#[derive(Debug, Default)]
pub(super) struct Tables {
    pub(super) date: Option<Date>,
    sources: BTreeMap<String, Source>,
    pub(super) people: BTreeMap<String, Entity>,
    pub(super) posts: BTreeMap<String, Entity>,
    pub(super) bodies: BTreeMap<String, Body>,
    pub(super) units: BTreeMap<String, Unit>,
    /// The current Wikidata ids of each entity (links that hold on the dataset's date).
    wikidata: BTreeMap<String, BTreeSet<String>>,
    pub(super) tenures: Vec<Tenure>,
}

/// An entity's Wikidata id, or why there is none.
pub(super) enum Id<'a> {
    Known(&'a str),
    Missing,
    Ambiguous(Vec<String>),
}

impl Tables {
    pub(super) fn read(dir: &Path) -> Result<Tables> {
        let mut t = Tables::default();
        crate::load::observe_as_of(dir, None, &mut |row, site| {
            let text = |c: &str| row.text(c).to_owned();
            let date = |c: &str| match row.get(c) {
                Some(Value::Date(d)) => Some(*d),
                _ => None,
            };
            let cited = || Cited {
                source: text("source"),
                evidence: text("evidence"),
            };
            let names = || Names {
                en: text("name_en"),
                ru: text("name_ru"),
                kk: text("name_kk"),
            };
            match row.table.name {
                "sources" => {
                    if row.text("kind") == "dataset" {
                        t.date = date("date");
                    }
                    let source = Source {
                        kind: text("kind"),
                        url: text("url"),
                        language: text("language"),
                    };
                    t.sources.insert(text("id"), source);
                }
                "people" => {
                    let person = Entity {
                        names: names(),
                        cited: cited(),
                        ..Entity::default()
                    };
                    t.people.insert(text("id"), person);
                }
                "posts" => {
                    let post = Entity {
                        names: names(),
                        cited: cited(),
                        body: text("body"),
                        unit: text("unit"),
                    };
                    t.posts.insert(text("id"), post);
                }
                "bodies" | "organisations" => {
                    let body = Body {
                        name: text("name_en"),
                        unit: text("unit"),
                        parent: text("parent"),
                        state: row.table.name == "bodies",
                        country: text("country"),
                    };
                    t.bodies.insert(text("id"), body);
                }
                "units" => {
                    let unit = Unit {
                        name: text("name_en"),
                        part_of: text("part_of"),
                        country: row.text("type") == "Country",
                    };
                    t.units.insert(text("id"), unit);
                }
                "links" if row.text("scheme") == "wikidata" && site.view.holds(row).is_held() => {
                    t.wikidata.entry(text("entity")).or_default().insert(text("value"));
                }
                "tenures" => t.tenures.push(Tenure {
                    id: text("id"),
                    person: text("person"),
                    post: text("post"),
                    start: date("start"),
                    end: date("end"),
                    attested: date("attested_on"),
                    cited: cited(),
                }),
                _ => {}
            }
        })?;
        t.tenures.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(t)
    }

    pub(super) fn id(&self, entity: &str) -> Id<'_> {
        match self.wikidata.get(entity) {
            None => Id::Missing,
            Some(ids) if ids.len() == 1 => Id::Known(ids.first().map_or("", |s| s)),
            Some(ids) => Id::Ambiguous(ids.iter().cloned().collect()),
        }
    }

    /// The sources of a statement: the source's item (S248), its URL (S854), the quote in the
    /// source's language (S1683; a reference's `evidence` says what it states, no quote), and
    /// the dataset's date as retrieved (S813).
    pub(super) fn reference(&self, cited: &Cited, retrieved: &str) -> Result<String, Reason> {
        let Some(source) = self.sources.get(&cited.source) else {
            return Err(Reason::Uncitable(cited.source.clone()));
        };
        let mut parts = Vec::new();
        match self.id(&cited.source) {
            Id::Known(q) => parts.push(format!("S248\t{q}")),
            Id::Ambiguous(ids) => return Err(Reason::AmbiguousId(cited.source.clone(), ids)),
            Id::Missing => {}
        }
        if !source.url.is_empty() {
            parts.push(format!("S854\t{}", string(&source.url, "the URL", None)?));
        }
        if !is_outside_document(&source.kind) && !cited.evidence.trim().is_empty() {
            let language = match source.language.as_str() {
                "" => "und".to_owned(), // Wikidata's code for an undetermined language
                tag => tag.to_lowercase(),
            };
            parts.push(format!(
                "S1683\t{language}:{}",
                string(&cited.evidence, "the quote", None)?
            ));
        }
        if parts.is_empty() {
            return Err(Reason::Uncitable(cited.source.clone()));
        }
        parts.push(format!("S813\t{retrieved}"));
        Ok(parts.join("\t"))
    }

    /// The unit a post serves: its own, or its body's (up the body's parents).
    pub(super) fn jurisdiction<'a>(&'a self, post: &'a Entity) -> Option<&'a str> {
        if !post.unit.is_empty() {
            return Some(&post.unit);
        }
        self.bodies_up(&post.body)
            .find_map(|b| (!b.unit.is_empty()).then_some(b.unit.as_str()))
    }

    /// A body and its parents (at most 64: the loader refuses cycles).
    fn bodies_up<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Body> {
        std::iter::successors(self.bodies.get(id), |b| self.bodies.get(&b.parent)).take(64)
    }

    /// The Wikidata id of the country a post is in: of the country its unit lies in (through
    /// part_of), else Kazakhstan's for a post of a state body or of an organisation in KZ.
    pub(super) fn country(&self, post: &Entity) -> Option<String> {
        if let Some(unit) = self.jurisdiction(post) {
            let mut up = std::iter::successors(Some(unit), |u| self.units.get(*u).map(|u| u.part_of.as_str()))
                .take(64)
                .filter(|u| !u.is_empty());
            let country = up.find(|u| self.units.get(*u).is_some_and(|u| u.country))?;
            return match self.id(country) {
                Id::Known(q) => Some(q.to_owned()),
                _ => None,
            };
        }
        self.bodies_up(&post.body)
            .any(|b| b.state || b.country == "KZ")
            .then(|| KAZAKHSTAN.to_owned())
    }
}
