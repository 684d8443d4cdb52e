//! What the tables say happened, and when: every row as a dated fact with its source, for
//! `kzlg who-held` (the holders of a post or of the posts of a unit) and `kzlg timeline` (every
//! dated fact about one entity, in date order).

use std::collections::HashMap;
use std::path::Path;

use crate::date::Date;
use crate::error::{Error, Result};
use crate::rdf::{Row, Value};
use crate::schema::{Kind, Shape};
use crate::time::{Holds, Period};

/// One row as a fact in time.
#[derive(Debug, Clone)]
pub struct Fact {
    /// The table the row is in, and its line there.
    pub table: &'static str,
    pub line: u64,
    pub period: Period,
    /// A date for facts that are not periods: an event's, a quantity's, a law's adoption.
    pub date: Option<Date>,
    /// Whether it holds on the view's date, for rules, links and tenures.
    pub holds: Option<Holds>,
    /// The sentence, with entity ids in braces (`{akim-district} appointed by {akim-region}`).
    what: String,
    pub basis: &'static str,
    /// Every entity the row names.
    pub mentions: Vec<Box<str>>,
    /// For a tenure: (person, post).
    pub tenure: Option<(Box<str>, Box<str>)>,
    pub source: Box<str>,
    pub source_line: Option<u64>,
    pub evidence: Box<str>,
}

impl Fact {
    /// The earliest date the fact is placed at, for ordering (a fact known only to have ended
    /// goes before what began that day); none when undated.
    pub fn sort_key(&self) -> Option<((u16, u8, u8), bool)> {
        let p = self.period;
        let start = [p.from, p.attested, self.date]
            .into_iter()
            .flatten()
            .find_map(Date::earliest);
        match start {
            Some(start) => Some((start, true)),
            None => p.until.and_then(Date::earliest).map(|until| (until, false)),
        }
    }

    /// When, in words: "2001-01-23 – 2013-08", "attested 2002-11", "undated".
    pub fn when(&self) -> String {
        let p = self.period;
        match (p.from, p.until, p.attested.or(self.date)) {
            (Some(from), Some(until), _) => format!("{from} – {until}"),
            (Some(from), None, _) => format!("from {from}"),
            (None, Some(until), Some(seen)) => format!("attested {seen}, until {until}"),
            (None, Some(until), None) => format!("until {until}"),
            (None, None, Some(seen)) if self.date.is_some() => seen.to_string(),
            (None, None, Some(seen)) => format!("attested {seen}"),
            (None, None, None) => "undated".to_owned(),
        }
    }
}

/// The facts of the tables, with a label for every entity.
#[derive(Debug, Default)]
pub struct History {
    pub facts: Vec<Fact>,
    labels: HashMap<Box<str>, Box<str>>,
    kinds: HashMap<Box<str>, Kind>,
    /// For each post, the units it serves (its own and its body's).
    post_units: HashMap<Box<str>, Vec<Box<str>>>,
    body_units: HashMap<Box<str>, Box<str>>,
    pub date: Option<Date>,
}

impl History {
    /// Reads and checks the tables, placing each fact in time as of `as_of` (the dataset's date
    /// when `None`).
    pub fn read(dir: &Path, as_of: Option<Date>) -> Result<History> {
        let mut history = History::default();
        crate::load::observe_as_of(dir, as_of, &mut |row, site| {
            history.date = Some(site.view.date);
            history.add(row, site.view, site.line);
        })?;
        Ok(history)
    }

    fn add(&mut self, row: &Row<'_>, view: &crate::time::View<'_>, line: u64) {
        let table = row.table;
        let id = row.text("id");
        if table.shape == Shape::Entity {
            let label = ["name_en", "title", "text", "alias"]
                .iter()
                .map(|c| row.text(c))
                .find(|t| !t.is_empty());
            self.labels.insert(id.into(), label.unwrap_or(id).into());
            self.kinds.insert(id.into(), table.kind);
            match table.name {
                "posts" => {
                    let units = [row.text("unit")].into_iter().filter(|u| !u.is_empty());
                    let mut units: Vec<Box<str>> = units.map(Into::into).collect();
                    if !row.is_empty("body") {
                        units.push(format!("@{}", row.text("body")).into());
                    }
                    self.post_units.insert(id.into(), units);
                }
                "bodies" if !row.is_empty("unit") => {
                    self.body_units.insert(id.into(), row.text("unit").into());
                }
                "sources" => return,
                _ => {}
            }
        }
        let mentions: Vec<Box<str>> = table
            .all_columns()
            .zip(&row.values)
            .filter(|(column, _)| column.name != "source")
            .flat_map(|(_, value)| match value {
                Value::Ref(id, _) => vec![Box::from(*id)],
                Value::Refs(refs) => refs.iter().map(|(id, _)| Box::from(*id)).collect(),
                _ => Vec::new(),
            })
            .chain((!id.is_empty()).then(|| id.into()))
            .collect();
        let date = |name: &str| match row.get(name) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        };
        let relation = row.relation();
        let what = match table.shape {
            Shape::Tenure => format!("{{{}}} holds {{{}}}", row.text("person"), row.text("post")),
            Shape::Participation => format!("{{{}}} took part in {{{}}}", row.text("participant"), row.text("event")),
            Shape::Relation => format!(
                "{{{}}} {} {{{}}}",
                row.text("subject"),
                relation.map_or("", |r| r.label),
                row.text("object")
            ),
            Shape::Quantity => format!(
                "{{{}}}: {} {} {}",
                row.text("subject"),
                row.text("property"),
                row.text("qualifier").replace('_', " "),
                row.text("value")
            ),
            Shape::Alias => format!(
                "{{{}}} is called \"{}\" ({})",
                row.text("entity"),
                row.text("alias"),
                row.text("kind")
            ),
            Shape::Link => format!(
                "{{{}}} has {} id {}",
                row.text("entity"),
                row.text("scheme"),
                row.text("value")
            ),
            Shape::Entity => format!("{}: {{{id}}}", table.kind.noun()),
        };
        let entity_date = ["start", "date", "adopted", "adopted_on"].iter().find_map(|c| date(c));
        let (period, date) = match table.shape {
            Shape::Tenure | Shape::Relation | Shape::Link | Shape::Alias => (view.period(row), None),
            Shape::Entity if table.name == "events" || table.name == "programs" => (
                Period {
                    from: date("start"),
                    until: date("end"),
                    attested: None,
                },
                None,
            ),
            _ => (Period::default(), entity_date),
        };
        self.facts.push(Fact {
            table: table.name,
            line,
            period,
            date,
            holds: matches!(table.shape, Shape::Tenure | Shape::Relation | Shape::Link).then(|| view.holds(row)),
            what,
            basis: match row.text("basis") {
                "de_jure" => "de jure",
                "de_facto" => "de facto",
                _ => "",
            },
            mentions,
            tenure: (table.shape == Shape::Tenure).then(|| (row.text("person").into(), row.text("post").into())),
            source: row.text("source").into(),
            source_line: match row.get("line") {
                Some(Value::Line(n)) => Some(*n),
                _ => None,
            },
            evidence: row.text("evidence").into(),
        });
    }

    /// The sentence of a fact with labels for ids.
    pub fn sentence(&self, fact: &Fact) -> String {
        let mut out = String::new();
        let mut rest = fact.what.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else { break };
            let id = &rest[open + 1..open + close];
            out.push_str(self.labels.get(id).map_or(id, |l| l));
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.labels.get(id).map_or(id, |l| l)
    }

    /// The id an argument names: an id, an IRI or a prefixed name (`post:akim-region`).
    pub fn entity(&self, wanted: &str) -> Result<(Box<str>, Kind)> {
        let id = crate::schema::kinds::id_of(wanted);
        match self.kinds.get(id) {
            Some(kind) => Ok((id.into(), *kind)),
            None => {
                let ids: Vec<&str> = self.kinds.keys().map(|k| &**k).collect();
                let hint = crate::load::closest(id, &ids).map_or_else(String::new, |c| format!("; did you mean {c}?"));
                Err(Error::Usage(format!("no entity '{id}' in the tables{hint}")))
            }
        }
    }

    /// Every fact that names `id`, in date order (undated last).
    pub fn about(&self, id: &str) -> Vec<&Fact> {
        let mut facts: Vec<&Fact> = self
            .facts
            .iter()
            .filter(|f| f.mentions.iter().any(|m| &**m == id))
            .collect();
        facts.sort_by_key(|f| (f.sort_key().is_none(), f.sort_key(), f.table, f.line));
        facts
    }

    /// The tenures of the post `id`, or of every post of the unit `id` (posts of the unit, and
    /// of bodies that govern it), in date order.
    pub fn holders(&self, id: &str, kind: Kind) -> Vec<&Fact> {
        let serves = |post: &str| match kind {
            Kind::Unit => self.post_units.get(post).is_some_and(|units| {
                units.iter().any(|u| match u.strip_prefix('@') {
                    Some(body) => self.body_units.get(body).is_some_and(|b| &**b == id),
                    None => &**u == id,
                })
            }),
            _ => post == id,
        };
        let mut facts: Vec<&Fact> = self
            .facts
            .iter()
            .filter(|f| f.tenure.as_ref().is_some_and(|(_, post)| serves(post)))
            .collect();
        facts.sort_by_key(|f| (f.sort_key().is_none(), f.sort_key(), f.table, f.line));
        facts
    }
}
