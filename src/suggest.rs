//! Proposing links to an external dataset from an offline extract of it.
//!
//! An extract is a CSV (`id,label,aliases,type,parent`), a Wikidata JSON file (the
//! `Special:EntityData` form `{"entities": {...}}` or a dump's array of entities) or an RDF
//! subset (N-Triples, Turtle). Each of its items is compared with every entity of the graph
//! that has no link in the extract's scheme: by name (every label and alias, transliterated and
//! folded so that `Petropavlovsk`, `Петропавл` and `Petropavl` meet), by type (region, district,
//! city, ... read from the item's type text) and by parent (the unit above, through an existing
//! link or the parent's own name). Each entity gets at most one item and each item at most one
//! entity, best scores first.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;

use crate::entity::EntityView;
use crate::error::{Error, Result};
use crate::rdf::Row;
use crate::schema::{Kind, SCHEMES, Shape, unit_type};

/// An item of the extract.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    pub id: String,
    /// The first label is the item's name; the others are aliases.
    pub labels: Vec<String>,
    /// Type text: a class name, a feature code or the label of the item's class.
    pub types: Vec<String>,
    pub parent: Option<String>,
}

/// An entity of the graph, as far as matching needs it.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    pub id: String,
    pub kind: Option<Kind>,
    /// The class or category cell (`Region`, `District`, `ministry`, ...).
    pub class: String,
    pub labels: Vec<String>,
    pub parent: Option<String>,
}

/// What the graph knows: its entities and its existing links.
#[derive(Debug, Default)]
pub struct Graph {
    pub entities: BTreeMap<String, Entity>,
    /// (scheme, value) → entity.
    pub links: HashMap<(String, String), String>,
}

impl Graph {
    /// Takes in one checked row (the observer of [`crate::load::load_with`]).
    pub fn observe(&mut self, row: &Row<'_>) {
        match row.table.shape {
            Shape::Entity if row.get("name_en").is_some() => {
                let Some(view) = EntityView::of(row) else { return };
                let entity = self.entities.entry(view.id.to_owned()).or_default();
                entity.id = view.id.to_owned();
                entity.kind = Some(view.kind);
                entity.class = view.class.or(view.category).unwrap_or_default().to_owned();
                entity.labels.extend(view.labels.iter().map(|l| l.text.to_owned()));
                entity.parent = view.parent.map(str::to_owned);
            }
            Shape::Alias => {
                let entity = self.entities.entry(row.text("entity").to_owned()).or_default();
                entity.labels.push(row.text("alias").to_owned());
            }
            Shape::Link => {
                self.links.insert(
                    (row.text("scheme").to_owned(), row.text("value").to_owned()),
                    row.text("entity").to_owned(),
                );
            }
            _ => {}
        }
    }

    fn has_link(&self, entity: &str, scheme: &str) -> bool {
        self.links.iter().any(|((s, _), e)| s == scheme && e == entity)
    }
}

/// A proposed link and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub entity: String,
    pub scheme: &'static str,
    pub value: String,
    pub score: f64,
    /// The item's name in the extract.
    pub label: String,
    pub reason: String,
}

/// The scheme an external id belongs to, by its form (the schema's guess).
pub fn scheme_of(id: &str) -> Option<&'static str> {
    crate::schema::guess_scheme(id).map(|s| s.name)
}

/// The id an IRI of a linked dataset stands for (`…/entity/Q5` → `Q5`, `…geonames.org/1/` → `1`).
fn id_of(term: &Term) -> Option<String> {
    let Term::NamedNode(node) = term else { return None };
    SCHEMES.iter().find_map(|scheme| scheme.id_in(node.as_str()))
}

/// Reads an extract, choosing the reader by the file's extension.
pub fn read_extract(path: &Path) -> Result<Vec<Item>> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let bad = |message: String| Error::Load {
        path: path.to_owned(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(Error::read(path))?;
    match extension.as_str() {
        "csv" => read_csv(&text).map_err(bad),
        "json" => read_wikidata_json(&text).map_err(bad),
        _ => {
            let format = RdfFormat::from_extension(&extension).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell the format of {}: use .csv (id,label,aliases,type,parent), .json (Wikidata) or .nt/.ttl",
                    path.display()
                ))
            })?;
            read_rdf(&text, format).map_err(bad)
        }
    }
}

fn read_csv(text: &str) -> std::result::Result<Vec<Item>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(id), Some(label)) = (column("id"), column("label")) else {
        return Err(
            "the header must name at least the columns id and label (and optionally aliases, type, parent)".into(),
        );
    };
    let (aliases, kind, parent) = (column("aliases"), column("type"), column("parent"));
    let mut items = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default();
        let mut labels = vec![cell(Some(label)).to_owned()];
        labels.extend(
            cell(aliases)
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned),
        );
        items.push(Item {
            id: cell(Some(id)).to_owned(),
            labels,
            types: [cell(kind)]
                .iter()
                .filter(|t| !t.is_empty())
                .map(|t| (*t).to_owned())
                .collect(),
            parent: Some(cell(parent).to_owned()).filter(|p| !p.is_empty()),
        });
    }
    Ok(items)
}

/// Wikidata JSON: `{"entities": {"Q1": {...}}}` or `[{...}, ...]`. Labels and aliases in every
/// language; types from P31 (instance of), parents from P131 (located in).
fn read_wikidata_json(text: &str) -> std::result::Result<Vec<Item>, String> {
    let json: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let entities: Vec<&serde_json::Value> = match &json {
        serde_json::Value::Array(list) => list.iter().collect(),
        serde_json::Value::Object(map) => match map.get("entities") {
            Some(serde_json::Value::Object(entities)) => entities.values().collect(),
            _ => return Err("expected {\"entities\": {...}} or an array of entities".into()),
        },
        _ => return Err("expected {\"entities\": {...}} or an array of entities".into()),
    };
    let claims = |entity: &serde_json::Value, property: &str| -> Vec<String> {
        entity["claims"][property]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|claim| claim["mainsnak"]["datavalue"]["value"]["id"].as_str())
            .map(str::to_owned)
            .collect()
    };
    let mut items = Vec::new();
    for entity in entities {
        let Some(id) = entity["id"].as_str() else { continue };
        let mut labels: Vec<String> = Vec::new();
        let mut push = |value: Option<&str>| {
            if let Some(value) = value.filter(|v| !labels.iter().any(|l| l == v)) {
                labels.push(value.to_owned());
            }
        };
        push(entity["labels"]["en"]["value"].as_str());
        for label in entity["labels"].as_object().into_iter().flat_map(|m| m.values()) {
            push(label["value"].as_str());
        }
        for aliases in entity["aliases"].as_object().into_iter().flat_map(|m| m.values()) {
            for alias in aliases.as_array().into_iter().flatten() {
                push(alias["value"].as_str());
            }
        }
        items.push(Item {
            id: id.to_owned(),
            labels,
            types: claims(entity, "P31"),
            parent: claims(entity, "P131").into_iter().next(),
        });
    }
    Ok(items)
}

/// An RDF subset: names from rdfs:label, skos:prefLabel, schema:name and gn:name; aliases from
/// skos:altLabel and gn:alternateName; types from wdt:P31, rdf:type and gn:featureCode;
/// parents from wdt:P131 and gn:parentADM1/2.
fn read_rdf(text: &str, format: RdfFormat) -> std::result::Result<Vec<Item>, String> {
    let mut items: BTreeMap<String, Item> = BTreeMap::new();
    for quad in RdfParser::from_format(format).for_slice(text.as_bytes()) {
        let quad = quad.map_err(|e| e.to_string())?;
        let Some(id) = id_of(&quad.subject.clone().into()) else {
            continue;
        };
        let item = items
            .entry(id.clone())
            .or_insert_with(|| Item { id, ..Item::default() });
        let object_text = match &quad.object {
            Term::Literal(literal) => Some(literal.value().to_owned()),
            other => id_of(other).or_else(|| match other {
                Term::NamedNode(node) => Some(node.as_str().rsplit(['#', '/']).next().unwrap_or_default().to_owned()),
                _ => None,
            }),
        };
        let Some(object_text) = object_text else { continue };
        let predicate = quad.predicate.as_str();
        let local = predicate.rsplit(['#', '/']).next().unwrap_or_default();
        match local {
            "label" | "prefLabel" | "name" => item.labels.insert(0, object_text),
            "altLabel" | "alternateName" | "officialName" => item.labels.push(object_text),
            "P31" | "type" | "featureCode" => item.types.push(object_text),
            "P131" | "parentADM1" | "parentADM2" | "parentFeature" => item.parent = Some(object_text),
            _ => {}
        }
    }
    Ok(items.into_values().filter(|item| !item.labels.is_empty()).collect())
}

/// Words that say what kind of thing a name is, not which: dropped before names are compared.
const GENERIC: &[&str] = &[
    "region",
    "oblast",
    "oblysy",
    "oblys",
    "province",
    "district",
    "raion",
    "rayon",
    "audany",
    "audan",
    "city",
    "town",
    "qalasy",
    "gorod",
    "g",
    "of",
    "the",
    "municipality",
    "gorodskaia",
    "gorodskaya",
    "administratsiia",
    "administratsiya",
    "ga",
    "republic",
    "republican",
    "significance",
];

/// Cardinal points in Russian and Kazakh adjective forms, folded to English.
const CARDINALS: &[(&str, &str)] = &[
    ("severo", "north"),
    ("soltustik", "north"),
    ("iuzhno", "south"),
    ("yuzhno", "south"),
    ("ongtustik", "south"),
    ("vostochno", "east"),
    ("shygys", "east"),
    ("zapadno", "west"),
    ("batys", "west"),
];

/// Adjective endings of Russian place names (`Zhambylskiy`, `Жамбылский` → `zhambyl`), longest
/// first, and the `-ovsk` of Russian city names (`Petropavlovsk` → `petropavl`).
const ENDINGS: &[&str] = &[
    "skaia", "skaya", "skaja", "skiy", "skii", "skij", "skoe", "skoye", "ovsk", "sky", "ski", "ckii", "ckiy",
];

/// The comparison key of a name: the exact-spelling key of [`crate::resolve::key`] (script,
/// Kazakh letters and transliteration variants folded), then generic words dropped, cardinal
/// points in English, and Russian adjective endings cut (`Zhambylskiy rayon` → `jambil`).
pub fn key(name: &str) -> String {
    let folded = folded_vocabulary();
    crate::resolve::key(name)
        .split(' ')
        .filter(|word| !word.is_empty() && !folded.generic.contains(*word))
        .map(|word| {
            let word = folded
                .cardinals
                .iter()
                .find(|(from, _)| from == word)
                .map_or(word, |(_, to)| to);
            folded
                .endings
                .iter()
                .find_map(|ending| word.strip_suffix(ending.as_str()).filter(|stem| stem.len() >= 3))
                .unwrap_or(word)
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The word lists above in the folded spelling keys are made of.
struct Folded {
    generic: HashSet<String>,
    cardinals: Vec<(String, &'static str)>,
    endings: Vec<String>,
}

fn folded_vocabulary() -> &'static Folded {
    static FOLDED: std::sync::OnceLock<Folded> = std::sync::OnceLock::new();
    FOLDED.get_or_init(|| {
        let fold = crate::resolve::key;
        let mut endings: Vec<String> = ENDINGS.iter().map(|e| fold(e)).collect();
        endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
        endings.dedup();
        Folded {
            generic: GENERIC.iter().map(|g| fold(g)).collect(),
            cardinals: CARDINALS.iter().map(|(from, to)| (fold(from), *to)).collect(),
            endings,
        }
    })
}

/// The coarse kinds a type text or a class names.
fn kinds_of(text: &str) -> HashSet<&'static str> {
    let text = deunicode::deunicode(text).to_ascii_lowercase();
    let mut kinds = HashSet::new();
    let rules: [(&[&str], &'static str); 9] = [
        (&["region", "oblast", "oblys", "province", "adm1"], "region"),
        (&["district", "raion", "rayon", "audan", "adm2", "county"], "district"),
        (&["city", "town", "qala", "gorod", "ppl"], "city"),
        (&["country", "pcli", "sovereign"], "country"),
        (&["village", "settlement", "aul"], "settlement"),
        (&["human", "person"], "person"),
        (
            &[
                "organi",
                "agency",
                "ministry",
                "body",
                "akimat",
                "maslikhat",
                "government",
                "parliament",
            ],
            "organisation",
        ),
        (&["law", "constitution", "decree", "legislation", "code"], "law"),
        (&["q5"], "person"),
    ];
    for (words, kind) in rules {
        if words.iter().any(|w| text.contains(w)) {
            kinds.insert(kind);
        }
    }
    kinds
}

/// The coarse kinds of an entity of the graph; a unit's come from its type in the schema.
fn entity_kinds(entity: &Entity) -> HashSet<&'static str> {
    match entity.kind {
        Some(Kind::Unit) => match unit_type(&entity.class) {
            Some(unit) => unit.matches.iter().copied().collect(),
            None => kinds_of(&entity.class),
        },
        Some(Kind::Person) => ["person"].into(),
        Some(Kind::Body | Kind::Org) => ["organisation"].into(),
        Some(Kind::Law) => ["law"].into(),
        _ => HashSet::new(),
    }
}

/// Weights of the score: name, type, parent. An unknown type or parent earns half its weight.
const NAME_WEIGHT: f64 = 0.7;
const TYPE_WEIGHT: f64 = 0.15;
const PARENT_WEIGHT: f64 = 0.15;

/// Proposes, for entities without a link in the extract's scheme, the item each best matches,
/// with a score from 0 to 1, keeping those at or above `min_score`.
pub fn suggest(graph: &Graph, items: &[Item], min_score: f64) -> Vec<Suggestion> {
    let by_id: HashMap<&str, &Item> = items.iter().map(|item| (item.id.as_str(), item)).collect();
    let entity_keys: Vec<(&Entity, Vec<String>)> = graph
        .entities
        .values()
        .filter(|e| e.kind.is_some())
        .map(|e| (e, e.labels.iter().map(|l| key(l)).filter(|k| !k.is_empty()).collect()))
        .collect();
    // The entity an item of the extract stands for: through an existing link, or by exact name.
    let resolve = |id: &str| -> Option<String> {
        let scheme = scheme_of(id)?;
        if let Some(entity) = graph.links.get(&(scheme.to_owned(), id.to_owned())) {
            return Some(entity.clone());
        }
        let item = by_id.get(id)?;
        let keys: HashSet<String> = item.labels.iter().map(|l| key(l)).collect();
        let mut found = entity_keys.iter().filter(|(_, ks)| ks.iter().any(|k| keys.contains(k)));
        let first = found.next()?;
        found.next().is_none().then(|| first.0.id.clone())
    };
    // Items that are the type of other items are classes ("region of Kazakhstan"), not places.
    let classes: HashSet<&str> = items.iter().flat_map(|i| &i.types).map(String::as_str).collect();
    let mut candidates = Vec::new();
    for item in items.iter().filter(|item| !classes.contains(item.id.as_str())) {
        let Some(scheme) = scheme_of(&item.id) else { continue };
        if graph.links.contains_key(&(scheme.to_owned(), item.id.clone())) {
            continue;
        }
        let item_keys: Vec<(String, &String)> = item.labels.iter().map(|l| (key(l), l)).collect();
        let type_text: Vec<String> = item
            .types
            .iter()
            .map(|t| {
                by_id
                    .get(t.as_str())
                    .and_then(|i| i.labels.first())
                    .unwrap_or(t)
                    .clone()
            })
            .collect();
        let mut item_kinds: HashSet<&str> = type_text.iter().flat_map(|t| kinds_of(t)).collect();
        if item_kinds.is_empty() {
            // Without a type, the name may tell it: "Rayon Shal Akyna", "Almaty Region".
            item_kinds = item.labels.first().map(|l| kinds_of(l)).unwrap_or_default();
        }
        let item_parent = item.parent.as_deref().map(|p| (p, resolve(p)));
        for (entity, keys) in &entity_keys {
            if graph.has_link(&entity.id, scheme) {
                continue;
            }
            let Some((name_score, ours, theirs)) = best_name(keys, &item_keys) else {
                continue;
            };
            if name_score < 0.75 {
                continue;
            }
            let mut reasons = vec![if name_score >= 1.0 {
                format!("name '{theirs}' = '{ours}' after transliteration")
            } else {
                format!("name '{theirs}' ≈ '{ours}' ({name_score:.2})")
            }];
            let kinds = entity_kinds(entity);
            let type_score = if item_kinds.is_empty() || kinds.is_empty() {
                0.5
            } else if item_kinds.iter().any(|k| kinds.contains(k)) {
                reasons.push(format!("type {} = {}", entity.class, type_text.join("/")));
                1.0
            } else {
                reasons.push(format!("type {} ≠ {}", entity.class, type_text.join("/")));
                0.0
            };
            let parent_score = match (&entity.parent, &item_parent) {
                (Some(ours), Some((theirs, Some(resolved)))) if ours == resolved => {
                    reasons.push(format!("parent {ours} = {theirs}"));
                    1.0
                }
                (Some(ours), Some((theirs, Some(resolved)))) => {
                    reasons.push(format!("parent {ours} ≠ {theirs} ({resolved})"));
                    0.0
                }
                _ => 0.5,
            };
            let score = NAME_WEIGHT * name_score + TYPE_WEIGHT * type_score + PARENT_WEIGHT * parent_score;
            if score + 1e-9 >= min_score {
                candidates.push(Suggestion {
                    entity: entity.id.clone(),
                    scheme,
                    value: item.id.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                    label: item.labels.first().cloned().unwrap_or_default(),
                    reason: reasons.join("; "),
                });
            }
        }
    }
    // One item per entity and one entity per item, best first; ties broken by ids.
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.entity.cmp(&b.entity))
            .then_with(|| a.value.cmp(&b.value))
    });
    let (mut taken_entities, mut taken_values) = (HashSet::new(), HashSet::new());
    let mut chosen: Vec<Suggestion> = candidates
        .into_iter()
        .filter(|s| {
            let fresh = !taken_entities.contains(&(s.entity.clone(), s.scheme)) && !taken_values.contains(&s.value);
            if fresh {
                taken_entities.insert((s.entity.clone(), s.scheme));
                taken_values.insert(s.value.clone());
            }
            fresh
        })
        .collect();
    chosen.sort_by(|a, b| a.entity.cmp(&b.entity).then_with(|| a.scheme.cmp(b.scheme)));
    chosen
}

/// The best pair of names: 1 when the keys are equal, else their Jaro-Winkler similarity.
fn best_name<'a>(ours: &'a [String], theirs: &'a [(String, &'a String)]) -> Option<(f64, &'a str, &'a str)> {
    let mut best: Option<(f64, &str, &str)> = None;
    for our_key in ours {
        for (their_key, their_label) in theirs {
            if their_key.is_empty() {
                continue;
            }
            let similarity = if our_key == their_key {
                1.0
            } else {
                strsim::jaro_winkler(our_key, their_key)
            };
            if best.is_none_or(|(b, ..)| similarity > b) {
                best = Some((similarity, our_key, their_label));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_meet_across_scripts_and_spellings() {
        let same = [
            ("Petropavlovsk", "Petropavl"),
            ("Петропавл", "Petropavl"),
            ("Петропавловск", "Petropavl"),
            ("Kostanai", "Kostanay"),
            ("Қостанай облысы", "Kostanay Region"),
            ("Zhambylskiy Rayon", "Zhambyl District"),
            ("Жамбылский район", "Zhambyl District"),
            ("Zhambylsky", "Zhambyl"),
            ("Jetisu Region", "Zhetisu"),
            ("Qaraghandy oblysy", "Karaganda"),
            ("Северо-Казахстанская область", "North Kazakhstan Region"),
            ("Солтүстік Қазақстан облысы", "North Kazakhstan Region"),
            ("Shal Akyn District", "Rayon Shal Akyna"),
        ];
        for (a, b) in same {
            let (ka, kb) = (key(a), key(b));
            let close = ka == kb || strsim::jaro_winkler(&ka, &kb) >= 0.9;
            assert!(close, "{a} → {ka}, {b} → {kb}");
        }
        assert_ne!(key("Karaganda"), key("Kostanay"));
        assert_ne!(key("North Kazakhstan Region"), key("East Kazakhstan Region"));
    }

    #[test]
    fn types_and_parents_break_ties() {
        let mut graph = Graph::default();
        for (id, class, name, parent) in [
            ("north-kazakhstan-region", "Region", "North Kazakhstan Region", None),
            ("jambyl-region", "Region", "Jambyl Region", None),
            (
                "zhambyl-district-nko",
                "District",
                "Zhambyl District",
                Some("north-kazakhstan-region"),
            ),
        ] {
            graph.entities.insert(
                id.into(),
                Entity {
                    id: id.into(),
                    kind: Some(Kind::Unit),
                    class: class.into(),
                    labels: vec![name.into()],
                    parent: parent.map(Into::into),
                },
            );
        }
        graph
            .links
            .insert(("wikidata".into(), "Q485088".into()), "north-kazakhstan-region".into());
        let item = |id: &str, label: &str, kind: &str, parent: Option<&str>| Item {
            id: id.into(),
            labels: vec![label.into()],
            types: vec![kind.into()],
            parent: parent.map(Into::into),
        };
        let items = [
            item("Q486657", "Zhambyl Region", "region of Kazakhstan", None),
            item(
                "Q4150520",
                "Zhambyl District",
                "district of Kazakhstan",
                Some("Q485088"),
            ),
        ];
        let found = suggest(&graph, &items, 0.8);
        let pairs: Vec<(&str, &str)> = found.iter().map(|s| (s.entity.as_str(), s.value.as_str())).collect();
        assert_eq!(
            pairs,
            [("jambyl-region", "Q486657"), ("zhambyl-district-nko", "Q4150520")]
        );
        assert_eq!(found[1].score, 1.0);
        assert!(
            found[1].reason.contains("parent north-kazakhstan-region = Q485088"),
            "{}",
            found[1].reason
        );
    }
}
