//! What the civic-tech exports (FollowTheMoney, Popolo) read: people, posts, bodies,
//! organisations, units and tenures, each row with its provenance, its aliases and its external
//! ids, placed in time as of one date. Read in one pass over the checked tables; the level and
//! the region of a post follow the rules of the network's `level` and `region` attributes
//! ([`crate::network`]), worked out from these rows alone (`check_civic.py` compares them).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::date::Date;
use crate::error::Result;
use crate::rdf::{Row, Value};
use crate::schema::{Kind, Shape};
use crate::time::{Holds, Period, View};

/// The tables whose rows become entities of the civic exports.
const ENTITY_TABLES: [&str; 5] = ["people", "posts", "bodies", "organisations", "units"];

/// Where a row comes from: its source, the quote and the line the quote starts at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    pub source: Box<str>,
    pub evidence: Box<str>,
    pub line: Option<u64>,
}

impl Provenance {
    fn of(row: &Row<'_>) -> Provenance {
        Provenance {
            source: row.text("source").into(),
            evidence: row.text("evidence").into(),
            line: match row.get("line") {
                Some(Value::Line(n)) => Some(*n),
                _ => None,
            },
        }
    }

    /// The quote and where it is: `"…" (source akpf-internship-2002, line 297)`; a reference's
    /// statement has no line, a row without a quote only its source.
    pub fn note(&self) -> String {
        let place = match self.line {
            Some(line) => format!("source {}, line {line}", self.source),
            None => format!("source {}", self.source),
        };
        match self.evidence.is_empty() {
            true => format!("({place})"),
            false => format!("\"{}\" ({place})", self.evidence),
        }
    }
}

/// A row of `sources.csv`.
#[derive(Debug)]
pub struct Source {
    pub title: Box<str>,
    /// The id of the organisation or body that published it.
    pub publisher: Option<Box<str>>,
    pub date: Option<Date>,
    pub url: Option<Box<str>>,
}

/// A row of `aliases.csv`.
#[derive(Debug)]
pub struct Alias {
    pub alias: Box<str>,
    pub lang: Option<Box<str>>,
    /// `official`, `variant`, `former`, `abbreviation`, …
    pub kind: &'static str,
    pub valid_until: Option<Date>,
    pub provenance: Provenance,
}

/// A row of `links.csv`.
#[derive(Debug)]
pub struct Link {
    /// `wikidata`, `geonames`, `iso3166-2`, `kato`.
    pub scheme: &'static str,
    pub value: Box<str>,
    /// Whether the id is in force on the view's date (a former code is not).
    pub holds: bool,
    pub provenance: Provenance,
}

/// A person, post, body, organisation or unit.
#[derive(Debug)]
pub struct Entity {
    pub id: Box<str>,
    pub kind: Kind,
    /// The class the row names (`Akimat`, `Region`, …), for bodies and units.
    pub class: Option<&'static str>,
    /// Every non-empty cell but the provenance, with its column's name, as text.
    cells: Vec<(&'static str, Box<str>)>,
    pub provenance: Provenance,
    pub aliases: Vec<Alias>,
    pub links: Vec<Link>,
    /// For a unit: whether it already lay in its `part_of` on the view's date.
    pub parent_holds: bool,
}

impl Entity {
    /// The text of a cell (a date as written, a reference as its id), if not empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.cells.iter().find(|(c, _)| *c == column).map(|(_, v)| &**v)
    }

    /// The English name (`name_en`, required for every entity table).
    pub fn name(&self) -> &str {
        self.get("name_en").unwrap_or(&self.id)
    }

    /// The ids in force on the view's date, scheme by scheme, in the order of `links.csv`.
    pub fn current_ids(&self) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(|l| l.holds)
    }

    /// The provenance of the row and of every alias and link row about the entity, each once.
    pub fn provenances(&self) -> Vec<&Provenance> {
        let mut all: Vec<&Provenance> = vec![&self.provenance];
        let more = self.aliases.iter().map(|a| &a.provenance);
        for provenance in more.chain(self.current_ids().map(|l| &l.provenance)) {
            if !all.contains(&provenance) {
                all.push(provenance);
            }
        }
        all
    }
}

/// How a tenure stands on the view's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// It holds then (a tenure known from an attestation, within the attested period).
    Current,
    /// Its end is not later than the date.
    Ended,
    /// Neither: known only from an attestation of another date, not yet begun, or undated.
    Unknown,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Ended => "ended",
            Status::Unknown => "unknown",
        }
    }

    /// The status of a tenure with `period` that `holds` (or not) on `date`, by the time model
    /// ([`crate::time`]): an end compares with the date at the coarser precision, so a tenure
    /// that ended in 2005-06 has ended as of 2005 and as of 2005-06-15.
    pub fn of(period: Period, holds: Holds, date: Date) -> Status {
        let ended = period
            .until
            .is_some_and(|until| matches!(until.cmp_coarse(date), Some(Ordering::Less | Ordering::Equal)));
        match (holds.is_held(), ended) {
            (true, _) => Status::Current,
            (false, true) => Status::Ended,
            (false, false) => Status::Unknown,
        }
    }
}

/// A row of `tenures.csv`.
#[derive(Debug)]
pub struct Tenure {
    pub id: Box<str>,
    pub person: Box<str>,
    pub post: Box<str>,
    pub period: Period,
    pub status: Status,
    pub note: Option<Box<str>>,
    pub provenance: Provenance,
}

/// Everything the civic exports write, as of one date.
#[derive(Debug)]
pub struct Civic {
    /// The view's date: the dataset's, or `--as-of`.
    pub date: Date,
    /// People, posts, bodies, organisations and units, by id.
    pub entities: BTreeMap<Box<str>, Entity>,
    /// In the order of `tenures.csv`.
    pub tenures: Vec<Tenure>,
    pub sources: HashMap<Box<str>, Source>,
    /// Each source in words, for [`Civic::source_title`].
    titles: HashMap<Box<str>, String>,
}

/// The id of an entity in both exports: `kzlg-person-askarbek-mustafin`, `kzlg-stmt-<tenure>`.
pub fn entity_id(kind: Kind, id: &str) -> String {
    format!("kzlg-{}-{id}", kind.segment())
}

/// The text of a checked cell, if not empty.
fn cell(value: &Value<'_>) -> Option<Box<str>> {
    match value {
        Value::Empty => None,
        Value::Text(t) | Value::Number(t) | Value::Lang(t) | Value::Iri(t) | Value::Ref(t, _) => Some((*t).into()),
        Value::Choice(c) => Some((*c).into()),
        Value::Date(d) => Some(d.to_string().into()),
        Value::Line(n) => Some(n.to_string().into()),
        Value::Refs(refs) => Some(refs.iter().map(|(id, _)| *id).collect::<Vec<_>>().join("; ").into()),
    }
}

fn date(row: &Row<'_>, column: &str) -> Option<Date> {
    match row.get(column) {
        Some(Value::Date(d)) => Some(*d),
        _ => None,
    }
}

fn optional(row: &Row<'_>, column: &str) -> Option<Box<str>> {
    row.get(column).and_then(cell)
}

impl Civic {
    /// Reads and checks the tables in `dir`, placing every tenure and link in time as of `as_of`
    /// (the dataset's date when `None`).
    pub fn read(dir: &Path, as_of: Option<Date>) -> Result<Civic> {
        let mut reader = Reader::default();
        crate::load::observe_as_of(dir, as_of, &mut |row, site| reader.observe(row, site.view))?;
        let mut entities = reader.entities;
        for (id, aliases) in reader.aliases {
            if let Some(entity) = entities.get_mut(&id) {
                entity.aliases = aliases;
            }
        }
        for (id, links) in reader.links {
            if let Some(entity) = entities.get_mut(&id) {
                entity.links = links;
            }
        }
        let mut civic = Civic {
            date: reader.date.expect("a checked load shows at least the sources row"),
            entities,
            tenures: reader.tenures,
            sources: reader.sources,
            titles: HashMap::new(),
        };
        civic.titles = civic.sources.keys().map(|id| (id.clone(), civic.title(id))).collect();
        Ok(civic)
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id)
    }

    /// The entities of one kind, sorted by id.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Entity> {
        self.entities.values().filter(move |e| e.kind == kind)
    }

    /// The level of a post or body: a generic one's `level`, else the type of the unit it serves,
    /// else (for a post) its body's level, as the network's `level` attribute says it.
    pub fn level<'a>(&'a self, id: &str) -> Option<&'a str> {
        let entity = self.entity(id)?;
        let own = |e: &'a Entity| e.get("level").or_else(move || self.entity(e.get("unit")?)?.class);
        own(entity).or_else(|| match entity.kind {
            Kind::Post => own(self.entity(entity.get("body")?)?),
            _ => None,
        })
    }

    /// The name of the region (or city of republican significance) the unit of a post or body
    /// lies in, through `part_of`, as the network's `region` attribute names it; failing that,
    /// that of the post's body.
    pub fn region(&self, id: &str) -> Option<&str> {
        let entity = self.entity(id)?;
        self.region_of_unit(entity.get("unit")?)
            .or_else(|| self.region_of_unit(self.entity(entity.get("body")?)?.get("unit")?))
    }

    fn region_of_unit<'a>(&'a self, mut unit: &'a str) -> Option<&'a str> {
        for _ in 0..64 {
            let entity = self.entity(unit)?;
            if entity.class.is_some_and(crate::schema::is_regional) {
                return Some(entity.name());
            }
            unit = entity.get("part_of")?;
        }
        None
    }

    /// The URL of a row's source, for a reference that gives one.
    pub fn source_url(&self, provenance: &Provenance) -> Option<&str> {
        self.sources.get(&provenance.source)?.url.as_deref()
    }

    /// The source of a row in words: its title, with its publisher and date where known:
    /// `Training for Senior Managers … (Arizona-Kazakhstan Partnership Foundation, Inc., 2002-10)`.
    pub fn source_title<'a>(&'a self, provenance: &'a Provenance) -> &'a str {
        self.titles.get(&provenance.source).map_or(&provenance.source, |t| t)
    }

    fn title(&self, id: &str) -> String {
        let source = &self.sources[id];
        let publisher = source
            .publisher
            .as_deref()
            .map(|p| self.entity(p).map_or(p, Entity::name));
        let date = source.date.map(|d| d.to_string());
        let about: Vec<&str> = publisher.into_iter().chain(date.as_deref()).collect();
        match about.is_empty() {
            true => source.title.to_string(),
            false => format!("{} ({})", source.title, about.join(", ")),
        }
    }
}

/// Collects the rows as they stream past.
#[derive(Default)]
struct Reader {
    date: Option<Date>,
    entities: BTreeMap<Box<str>, Entity>,
    aliases: HashMap<Box<str>, Vec<Alias>>,
    links: HashMap<Box<str>, Vec<Link>>,
    tenures: Vec<Tenure>,
    sources: HashMap<Box<str>, Source>,
}

impl Reader {
    fn observe(&mut self, row: &Row<'_>, view: &View<'_>) {
        self.date = Some(view.date);
        let table = row.table;
        match table.shape {
            Shape::Entity if table.name == "sources" => {
                let source = Source {
                    title: row.text("title").into(),
                    publisher: optional(row, "publisher"),
                    date: date(row, "date"),
                    url: optional(row, "url"),
                };
                self.sources.insert(row.text("id").into(), source);
            }
            Shape::Entity if ENTITY_TABLES.contains(&table.name) => {
                let id = row.text("id");
                let cells = table
                    .all_columns()
                    .zip(&row.values)
                    .filter(|(column, _)| !matches!(column.name, "id" | "source" | "evidence" | "line"))
                    .filter_map(|(column, value)| Some((column.name, cell(value)?)))
                    .collect();
                let class = match row.get("type") {
                    Some(Value::Choice(c)) => Some(*c),
                    _ => None,
                };
                let parent = row.text("part_of");
                let entity = Entity {
                    id: id.into(),
                    kind: table.kind,
                    class,
                    cells,
                    provenance: Provenance::of(row),
                    aliases: Vec::new(),
                    links: Vec::new(),
                    parent_holds: parent.is_empty() || view.parent_holds(id, parent),
                };
                self.entities.insert(id.into(), entity);
            }
            Shape::Tenure => {
                let period = view.period(row);
                self.tenures.push(Tenure {
                    id: row.text("id").into(),
                    person: row.text("person").into(),
                    post: row.text("post").into(),
                    period,
                    status: Status::of(period, view.holds(row), view.date),
                    note: optional(row, "note"),
                    provenance: Provenance::of(row),
                });
            }
            Shape::Alias => {
                let alias = Alias {
                    alias: row.text("alias").into(),
                    lang: optional(row, "lang"),
                    kind: match row.get("kind") {
                        Some(Value::Choice(c)) => c,
                        _ => "variant",
                    },
                    valid_until: date(row, "valid_until"),
                    provenance: Provenance::of(row),
                };
                self.aliases.entry(row.text("entity").into()).or_default().push(alias);
            }
            Shape::Link => {
                let Some(scheme) = crate::schema::scheme(row.text("scheme")) else {
                    return;
                };
                let link = Link {
                    scheme: scheme.name,
                    value: row.text("value").into(),
                    holds: view.holds(row).is_held(),
                    provenance: Provenance::of(row),
                };
                self.links.entry(row.text("entity").into()).or_default().push(link);
            }
            _ => {}
        }
    }
}

/// A date both formats accept: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; none for a day without its
/// year (`--04-19`), which neither can say.
pub fn partial_date(date: Option<Date>) -> Option<String> {
    date.filter(|d| d.has_year()).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn tenure(from: &str, until: &str, attested: &str) -> Period {
        let date = |t: &str| (!t.is_empty()).then(|| d(t));
        Period {
            from: date(from),
            until: date(until),
            attested: date(attested),
        }
    }

    fn status(period: Period, on: &str) -> &'static str {
        Status::of(period, period.tenure_holds_on(d(on)), d(on)).name()
    }

    #[test]
    fn a_tenure_is_current_while_it_holds_and_ended_from_its_end() {
        let anna = tenure("1999", "2005-06", "");
        assert_eq!(status(anna, "2002"), "current");
        assert_eq!(status(anna, "2005-06"), "ended", "an end is exclusive");
        assert_eq!(status(anna, "2005"), "ended", "the end lies within 2005");
        assert_eq!(status(anna, "2026-12-01"), "ended");
        assert_eq!(status(anna, "1998"), "unknown", "not begun yet");
    }

    #[test]
    fn an_attested_tenure_is_current_in_its_period_and_unknown_elsewhere() {
        let chingiz = tenure("", "", "2022-03");
        assert_eq!(status(chingiz, "2022-03-15"), "current");
        assert_eq!(status(chingiz, "2026-12-01"), "unknown");
        assert_eq!(status(chingiz, "2002"), "unknown");
        assert_eq!(status(tenure("", "", ""), "2002"), "unknown");
    }

    #[test]
    fn provenance_reads_as_quote_and_place() {
        let mut provenance = Provenance {
            source: "akpf-internship-2002".into(),
            evidence: "Askarbek Mustafin".into(),
            line: Some(297),
        };
        assert_eq!(
            provenance.note(),
            "\"Askarbek Mustafin\" (source akpf-internship-2002, line 297)"
        );
        provenance.line = None;
        assert_eq!(provenance.note(), "\"Askarbek Mustafin\" (source akpf-internship-2002)");
        provenance.evidence = "".into();
        assert_eq!(provenance.note(), "(source akpf-internship-2002)");
    }

    #[test]
    fn days_without_a_year_are_left_out() {
        assert_eq!(partial_date(Some(d("2002-11"))).as_deref(), Some("2002-11"));
        assert_eq!(partial_date(Some(d("--04-19"))), None);
        assert_eq!(entity_id(Kind::Person, "anna"), "kzlg-person-anna");
    }
}
