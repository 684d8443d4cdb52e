//! What kzlg can add to Wikidata, as a QuickStatements batch (V1 commands): a `P39` (position
//! held) statement for each tenure whose person and post have Wikidata ids in `links.csv`, dated
//! at the precision its source gives and referenced with the source's quote; with `create`, the
//! items for the people and posts that have none.
//!
//! The syntax, as Wikidata's help page describes it (<https://www.wikidata.org/wiki/Help:QuickStatements>,
//! "Command sequence syntax"):
//! - one command a line, its parts separated by TABs (`|` and `||` are the separators of later
//!   versions, so no value may hold a `|`: QuickStatements 3.0 splits a string at it,
//!   <https://github.com/wikimediabrasil/quickstatements3/issues/344>);
//! - a statement is `ITEM PROPERTY VALUE`, followed by qualifiers as `PROPERTY VALUE` pairs and
//!   then sources, the same pairs with `S` for `P` (`S248` stated in, `S854` reference URL,
//!   `S1683` quotation, `S813` retrieved); the sources of one line are one reference;
//! - values: an item `Q5`; a string in double quotes; a monolingual text `en:"…"`; a time
//!   `+1967-01-17T00:00:00Z/11`, the precision after the slash (9 year, 10 month, 11 day; the
//!   unknown month and day are `00`: `+2002-00-00T00:00:00Z/9`, `+2002-11-00T00:00:00Z/10`,
//!   as the time datatype of <https://www.wikidata.org/wiki/Help:Dates> stores them);
//! - `CREATE` makes a new item and `LAST` names the item created last: `LAST Len "…"` (label),
//!   `LAST Den "…"` (description), `LAST P31 Q5`. LAST is written only as the subject of a
//!   command: QuickStatements 2's reader takes a value only as `Q…`/`P…`
//!   (`parseValueV1` in <https://github.com/magnusmanske/quickstatements>), so a statement whose
//!   value is an item this batch creates cannot be written; it is reported instead.
//!
//! Strings have no escapes: a string is everything between the first and the last double quote
//! of its field (both readers match `^"(.*)"$`), so a quote inside is written as it is, and a
//! backslash would be kept in the value (<https://github.com/WDscholia/scholia/issues/2178>:
//! "no escape is apparently needed"). TABs and line breaks would end the field or the command:
//! whitespace is written as single spaces, which the tables allow in quotes. QuickStatements
//! trims each value; so is the text here.
//!
//! No clock is read: `S813` (retrieved) is the dataset's date, the `dataset` row of
//! `sources.csv`; lines are in id order, so the same tables give the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use crate::date::{Date, Precision};
use crate::error::{Error, Result};
use crate::load::is_outside_document;
use crate::rdf::Value;

/// Wikidata's items and properties this export writes.
const HUMAN: &str = "Q5";
const POSITION: &str = "Q4164871";
/// bodies.csv holds the state bodies of Kazakhstan (organisations.csv: "an organisation that is
/// not a Kazakh state body"), and `KZ` is Kazakhstan's ISO 3166-1 code.
const KAZAKHSTAN: &str = "Q232";
/// Wikibase's limit on the length of labels and descriptions.
const TERM_CHARS: usize = 250;

/// The batch and what could not go into it.
#[derive(Debug, Default)]
pub struct Export {
    pub lines: Vec<String>,
    pub report: Report,
}

/// What was exported, what was not and why, and what the batch creates.
#[derive(Debug, Default)]
pub struct Report {
    pub tenures: usize,
    /// P39 statements written.
    pub statements: usize,
    /// (tenure id, reasons), in tenure id order.
    pub skipped: Vec<(String, Vec<Reason>)>,
    /// (kind, id, English label) of each item the batch creates.
    pub created: Vec<(&'static str, String, String)>,
    pub warnings: Vec<String>,
    create: bool,
}

/// Why a tenure was not exported.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    PersonWithoutId(String),
    PostWithoutId(String),
    /// With `create`: the post is created by this batch, and LAST cannot be a value.
    PostCreated(String),
    AmbiguousId(String, Vec<String>),
    Undated,
    NoYear(String),
    /// The source gives no Wikidata item, no URL and no quote to cite.
    Uncitable(String),
    /// A text QuickStatements cannot carry (a `|`, an empty one, one too long).
    Unwritable(String, String),
    /// With `create`: the person or post could not be created.
    NotCreated(String, Box<Reason>),
}

impl Reason {
    /// The reason in general, for the counts.
    fn kind(&self) -> String {
        match self {
            Reason::PersonWithoutId(_) => "the person has no Wikidata id in links.csv".to_owned(),
            Reason::PostWithoutId(_) => "the post has no Wikidata id in links.csv".to_owned(),
            Reason::PostCreated(_) => {
                "the post is created by this batch (export again once its id is in links.csv)".to_owned()
            }
            Reason::AmbiguousId(..) => "an entity has several current Wikidata ids".to_owned(),
            Reason::Undated => "no date (no start, end or attested_on)".to_owned(),
            Reason::NoYear(_) => "a date without its year".to_owned(),
            Reason::Uncitable(_) => "the source gives no Wikidata item, URL or quote".to_owned(),
            Reason::Unwritable(..) => "a text QuickStatements cannot carry".to_owned(),
            Reason::NotCreated(_, why) => format!("an item could not be created: {}", why.kind()),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::PersonWithoutId(id) => write!(f, "the person {id} has no Wikidata id"),
            Reason::PostWithoutId(id) => write!(f, "the post {id} has no Wikidata id"),
            Reason::PostCreated(id) => write!(f, "the post {id} is created by this batch"),
            Reason::AmbiguousId(id, ids) => write!(f, "{id} has several Wikidata ids: {}", ids.join(", ")),
            Reason::Undated => write!(f, "no start, end or attested_on"),
            Reason::NoYear(date) => write!(f, "the date {date} has no year"),
            Reason::Uncitable(source) => write!(f, "the source {source} gives no Wikidata item, URL or quote"),
            Reason::Unwritable(what, why) => write!(f, "{what} {why}"),
            Reason::NotCreated(id, why) => write!(f, "{id} cannot be created: {why}"),
        }
    }
}

/// Reads and checks the tables and makes the batch; with `create`, with the items to create.
pub fn export(tables: &Path, create: bool) -> Result<Export> {
    let tables = Tables::read(tables)?;
    tables.export(create)
}

impl Export {
    /// The batch: one command a line.
    pub fn write_batch(&self, out: &mut dyn Write) -> io::Result<()> {
        for line in &self.lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    pub fn write_report(&self, out: &mut dyn Write) -> io::Result<()> {
        let r = &self.report;
        writeln!(
            out,
            "QuickStatements: {} P39 statements from {} tenures; {} items created{}",
            r.statements,
            r.tenures,
            r.created.len(),
            if r.create {
                ""
            } else {
                " (--create makes the people and posts without an id)"
            }
        )?;
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (_, reasons) in &r.skipped {
            let kinds: BTreeSet<String> = reasons.iter().map(Reason::kind).collect();
            for kind in kinds {
                *counts.entry(kind).or_default() += 1;
            }
        }
        writeln!(out, "tenures not exported: {}", r.skipped.len())?;
        for (kind, n) in &counts {
            writeln!(out, "  {n:>4}  {kind}")?;
        }
        for (tenure, reasons) in &r.skipped {
            let reasons: Vec<String> = reasons.iter().map(ToString::to_string).collect();
            writeln!(out, "  {tenure}: {}", reasons.join("; "))?;
        }
        if !r.created.is_empty() {
            writeln!(
                out,
                "items this batch creates: {} (search Wikidata for each first; for one that exists, add its id to links.csv and export again)",
                r.created.len()
            )?;
            for (kind, id, label) in &r.created {
                writeln!(
                    out,
                    "  {kind} {id} \"{label}\": https://www.wikidata.org/w/index.php?search={}",
                    url_encode(label)
                )?;
            }
        }
        for warning in &r.warnings {
            writeln!(out, "warning: {warning}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Default)]
struct Names {
    en: String,
    ru: String,
    kk: String,
}

#[derive(Debug, Default, Clone)]
struct Cited {
    source: String,
    evidence: String,
}

#[derive(Debug, Default)]
struct Entity {
    names: Names,
    cited: Cited,
    /// Posts: the body (or organisation) and unit.
    body: String,
    unit: String,
}

#[derive(Debug, Default)]
struct Source {
    kind: String,
    url: String,
    language: String,
}

/// A body of bodies.csv (a state body) or an organisation.
#[derive(Debug, Default)]
struct Body {
    name: String,
    unit: String,
    parent: String,
    state: bool,
    country: String,
}

#[derive(Debug, Default)]
struct Unit {
    name: String,
    part_of: String,
    country: bool,
}

#[derive(Debug)]
struct Tenure {
    id: String,
    person: String,
    post: String,
    start: Option<Date>,
    end: Option<Date>,
    attested: Option<Date>,
    cited: Cited,
}

/// The rows the export needs, from the checked tables.
#[derive(Debug, Default)]
struct Tables {
    date: Option<Date>,
    sources: BTreeMap<String, Source>,
    people: BTreeMap<String, Entity>,
    posts: BTreeMap<String, Entity>,
    bodies: BTreeMap<String, Body>,
    units: BTreeMap<String, Unit>,
    /// The current Wikidata ids of each entity (links that hold on the dataset's date).
    wikidata: BTreeMap<String, BTreeSet<String>>,
    tenures: Vec<Tenure>,
}

/// An entity's Wikidata id, or why there is none.
enum Id<'a> {
    Known(&'a str),
    Missing,
    Ambiguous(Vec<String>),
}

impl Tables {
    fn read(dir: &Path) -> Result<Tables> {
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

    fn id(&self, entity: &str) -> Id<'_> {
        match self.wikidata.get(entity) {
            None => Id::Missing,
            Some(ids) if ids.len() == 1 => Id::Known(ids.first().map_or("", |s| s)),
            Some(ids) => Id::Ambiguous(ids.iter().cloned().collect()),
        }
    }

    /// The sources of a statement: the source's item (S248), its URL (S854), the quote in the
    /// source's language (S1683; a reference's `evidence` says what it states, no quote), and
    /// the dataset's date as retrieved (S813).
    fn reference(&self, cited: &Cited, retrieved: &str) -> Result<String, Reason> {
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
    fn jurisdiction<'a>(&'a self, post: &'a Entity) -> Option<&'a str> {
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
    fn country(&self, post: &Entity) -> Option<String> {
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

    fn export(&self, create: bool) -> Result<Export> {
        let date = self
            .date
            .ok_or_else(|| Error::Usage("sources.csv has no dataset row with a date".to_owned()))?;
        let retrieved = time(date).ok_or_else(|| Error::Usage("the dataset's date has no year".to_owned()))?;
        let mut report = Report {
            tenures: self.tenures.len(),
            create,
            ..Report::default()
        };
        // Each tenure whose dates and reference can be written, with its P39 statement but the subject.
        let mut ready: Vec<(&Tenure, String)> = Vec::new();
        for tenure in &self.tenures {
            let mut reasons = Vec::new();
            let qualifiers = qualifiers(tenure).map_err(|r| reasons.push(r)).ok();
            let reference = self
                .reference(&tenure.cited, &retrieved)
                .map_err(|r| reasons.push(r))
                .ok();
            match (qualifiers, reference) {
                (Some(q), Some(r)) => ready.push((tenure, format!("{q}\t{r}"))),
                _ => report.skipped.push((tenure.id.clone(), reasons)),
            }
        }
        // The items to create: the people and posts without an id of the tenures that are ready.
        let missing = |id: &str| matches!(self.id(id), Id::Missing);
        let mut new_posts: BTreeMap<&str, Result<Vec<String>, Reason>> = BTreeMap::new();
        let mut new_people: BTreeMap<&str, Result<Vec<String>, Reason>> = BTreeMap::new();
        if create {
            for (tenure, _) in &ready {
                if missing(&tenure.post) && !new_posts.contains_key(tenure.post.as_str()) {
                    new_posts.insert(&tenure.post, self.post_item(&tenure.post, &retrieved));
                }
                if missing(&tenure.person) && !new_people.contains_key(tenure.person.as_str()) {
                    new_people.insert(&tenure.person, self.person_item(tenure, &retrieved));
                }
            }
        }
        let not_created = |items: &BTreeMap<&str, Result<Vec<String>, Reason>>, id: &str| match items.get(id) {
            Some(Err(why)) => Some(Reason::NotCreated(id.to_owned(), Box::new(why.clone()))),
            _ => None,
        };
        let mut statements: Vec<String> = Vec::new();
        let mut under_person: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut pairs: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        let mut exported = Vec::new();
        for (tenure, rest) in &ready {
            let mut reasons = Vec::new();
            let post = match self.id(&tenure.post) {
                Id::Known(q) => Some(q),
                Id::Ambiguous(ids) => {
                    reasons.push(Reason::AmbiguousId(tenure.post.clone(), ids));
                    None
                }
                Id::Missing if create => {
                    let why = not_created(&new_posts, &tenure.post);
                    reasons.push(why.unwrap_or_else(|| Reason::PostCreated(tenure.post.clone())));
                    None
                }
                Id::Missing => {
                    reasons.push(Reason::PostWithoutId(tenure.post.clone()));
                    None
                }
            };
            let person = match self.id(&tenure.person) {
                Id::Known(q) => Some(q.to_owned()),
                Id::Ambiguous(ids) => {
                    reasons.push(Reason::AmbiguousId(tenure.person.clone(), ids));
                    None
                }
                Id::Missing if create => match not_created(&new_people, &tenure.person) {
                    Some(why) => {
                        reasons.push(why);
                        None
                    }
                    None => Some("LAST".to_owned()),
                },
                Id::Missing => {
                    reasons.push(Reason::PersonWithoutId(tenure.person.clone()));
                    None
                }
            };
            match (person, post) {
                (Some(person), Some(post)) if reasons.is_empty() => {
                    let line = format!("{person}\tP39\t{post}\t{rest}");
                    if person == "LAST" {
                        under_person.entry(&tenure.person).or_default().push(line);
                    } else {
                        statements.push(line);
                    }
                    pairs
                        .entry((&tenure.person, &tenure.post))
                        .or_default()
                        .push(&tenure.id);
                    exported.push(tenure.id.as_str());
                }
                _ => report.skipped.push((tenure.id.clone(), reasons)),
            }
        }
        for (_, reasons) in &mut report.skipped {
            reasons.sort();
        }
        report.skipped.sort();
        report.statements = exported.len();
        let mut lines = statements;
        for (kind, items) in [("post", &new_posts), ("person", &new_people)] {
            for (id, item) in items {
                let Ok(item) = item else { continue };
                let table = if kind == "post" { &self.posts } else { &self.people };
                let label = table.get(*id).map_or(String::new(), |e| e.names.en.clone());
                report.created.push((kind, (*id).to_owned(), label));
                lines.push("CREATE".to_owned());
                lines.extend(item.iter().cloned());
                lines.extend(under_person.remove(*id).into_iter().flatten());
            }
        }
        for ((person, post), tenures) in &pairs {
            if tenures.len() > 1 {
                report.warnings.push(format!(
                    "{person} holds {post} in several tenures ({}): QuickStatements adds a statement whose item, property and value exist to that statement, so their dates go on one P39",
                    tenures.join(", ")
                ));
            }
        }
        let curly = lines.iter().filter(|l| l.contains(['\u{201c}', '\u{201d}'])).count();
        if curly > 0 {
            report.warnings.push(format!(
                "{curly} lines hold curly quotation marks (“ ”), which QuickStatements 3.0 turns into straight ones (\")"
            ));
        }
        Ok(Export { lines, report })
    }

    /// The commands after `CREATE` for a person: labels, a description from the tenure, P31 human.
    /// No citizenship (P27): no table states one.
    fn person_item(&self, tenure: &Tenure, retrieved: &str) -> Result<Vec<String>, Reason> {
        let person = self
            .people
            .get(&tenure.person)
            .ok_or_else(|| Reason::PersonWithoutId(tenure.person.clone()))?;
        let post = self
            .posts
            .get(&tenure.post)
            .map_or(tenure.post.as_str(), |p| p.names.en.as_str());
        let description = format!("{post} ({})", years(tenure));
        let mut lines = terms(&person.names, &description)?;
        let reference = self.reference(&person.cited, retrieved)?;
        lines.push(format!("LAST\tP31\t{HUMAN}\t{reference}"));
        Ok(lines)
    }

    /// The commands after `CREATE` for a post: labels, a description from its body or unit, P31
    /// position, P17 country and P1001 the jurisdiction where their items are known.
    fn post_item(&self, id: &str, retrieved: &str) -> Result<Vec<String>, Reason> {
        let post = self.posts.get(id).ok_or_else(|| Reason::PostWithoutId(id.to_owned()))?;
        let within = match (self.bodies.get(&post.body), self.units.get(&post.unit)) {
            (Some(body), _) => format!("position in {}", body.name),
            (None, Some(unit)) => format!("position in {}", unit.name),
            (None, None) => "position".to_owned(),
        };
        let mut lines = terms(&post.names, &within)?;
        let reference = self.reference(&post.cited, retrieved)?;
        lines.push(format!("LAST\tP31\t{POSITION}\t{reference}"));
        if let Some(country) = self.country(post) {
            lines.push(format!("LAST\tP17\t{country}\t{reference}"));
        }
        if let Some(Id::Known(unit)) = self.jurisdiction(post).map(|u| self.id(u)) {
            lines.push(format!("LAST\tP1001\t{unit}\t{reference}"));
        }
        Ok(lines)
    }
}

/// `LAST Len/Lru/Lkk` labels and `LAST Den` description.
fn terms(names: &Names, description: &str) -> Result<Vec<String>, Reason> {
    let mut lines = Vec::new();
    for (lang, name) in [("en", &names.en), ("ru", &names.ru), ("kk", &names.kk)] {
        if !name.is_empty() {
            lines.push(format!(
                "LAST\tL{lang}\t{}",
                string(name, "the label", Some(TERM_CHARS))?
            ));
        }
    }
    lines.push(format!(
        "LAST\tDen\t{}",
        string(description, "the description", Some(TERM_CHARS))?
    ));
    Ok(lines)
}

/// A string value: whitespace as single spaces, in double quotes, nothing escaped (see the module).
fn string(text: &str, what: &str, limit: Option<usize>) -> Result<String, Reason> {
    let clean = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let unwritable = |why: &str| Err(Reason::Unwritable(format!("{what} \"{clean}\""), why.to_owned()));
    if clean.is_empty() {
        return unwritable("is empty");
    }
    if clean.contains('|') {
        return unwritable("holds a |, which QuickStatements reads as a separator");
    }
    if limit.is_some_and(|limit| clean.chars().count() > limit) {
        return unwritable("is longer than Wikidata allows (250 characters)");
    }
    Ok(format!("\"{clean}\""))
}

/// A date as a QuickStatements time at its precision; none without a year.
fn time(date: Date) -> Option<String> {
    let (y, m, d) = date.earliest()?;
    Some(match date.precision() {
        Precision::Year => format!("+{y:04}-00-00T00:00:00Z/9"),
        Precision::Month => format!("+{y:04}-{m:02}-00T00:00:00Z/10"),
        Precision::Day => format!("+{y:04}-{m:02}-{d:02}T00:00:00Z/11"),
    })
}

/// P580 start and P582 end, or P585 point in time for a tenure known only from a source's date.
fn qualifiers(tenure: &Tenure) -> Result<String, Reason> {
    let dated = |property: &str, date: Date| {
        time(date)
            .map(|t| format!("{property}\t{t}"))
            .ok_or_else(|| Reason::NoYear(date.to_string()))
    };
    match (tenure.start, tenure.end, tenure.attested) {
        (None, None, None) => Err(Reason::Undated),
        (None, None, Some(seen)) => dated("P585", seen),
        (start, end, _) => {
            let parts: Vec<String> = [("P580", start), ("P582", end)]
                .into_iter()
                .filter_map(|(p, d)| d.map(|d| dated(p, d)))
                .collect::<Result<_, _>>()?;
            Ok(parts.join("\t"))
        }
    }
}

/// The years of a tenure, for a description: "2002", "1999–2005", "from 1999", "until 2005".
fn years(tenure: &Tenure) -> String {
    let year = |d: Option<Date>| d.and_then(Date::earliest).map(|(y, _, _)| y);
    match (year(tenure.start), year(tenure.end), year(tenure.attested)) {
        (Some(s), Some(e), _) if s == e => s.to_string(),
        (Some(s), Some(e), _) => format!("{s}–{e}"),
        (Some(s), None, _) => format!("from {s}"),
        (None, Some(e), _) => format!("until {e}"),
        (None, None, Some(a)) => a.to_string(),
        (None, None, None) => String::new(),
    }
}

/// Percent-encodes all but unreserved characters, for a search link.
fn url_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn times_keep_the_precision_of_their_date() {
        assert_eq!(time(d("2002")).unwrap(), "+2002-00-00T00:00:00Z/9");
        assert_eq!(time(d("2002-11")).unwrap(), "+2002-11-00T00:00:00Z/10");
        assert_eq!(time(d("2002-11-05")).unwrap(), "+2002-11-05T00:00:00Z/11");
        assert_eq!(time(d("--04-19")), None);
    }

    #[test]
    fn strings_keep_inner_quotes_and_refuse_separators() {
        assert_eq!(string("a \"b\"\tc\n d ", "x", None).unwrap(), "\"a \"b\" c d\"");
        assert!(matches!(string("a|b", "x", None), Err(Reason::Unwritable(..))));
        assert!(matches!(string(" \t", "x", None), Err(Reason::Unwritable(..))));
        assert!(string(&"a".repeat(251), "x", Some(250)).is_err());
    }

    #[test]
    fn qualifiers_are_start_and_end_or_a_point_in_time() {
        let tenure = |start: Option<&str>, end: Option<&str>, attested: Option<&str>| Tenure {
            id: "t".into(),
            person: "p".into(),
            post: "q".into(),
            start: start.map(d),
            end: end.map(d),
            attested: attested.map(d),
            cited: Cited::default(),
        };
        assert_eq!(
            qualifiers(&tenure(Some("1999"), Some("2005-06"), Some("2002"))).unwrap(),
            "P580\t+1999-00-00T00:00:00Z/9\tP582\t+2005-06-00T00:00:00Z/10"
        );
        assert_eq!(
            qualifiers(&tenure(None, None, Some("2002-11"))).unwrap(),
            "P585\t+2002-11-00T00:00:00Z/10"
        );
        assert_eq!(qualifiers(&tenure(None, None, None)), Err(Reason::Undated));
        assert_eq!(
            qualifiers(&tenure(None, None, Some("--04-19"))),
            Err(Reason::NoYear("--04-19".into()))
        );
        assert_eq!(years(&tenure(Some("1999"), Some("2005-06"), None)), "1999–2005");
    }

    #[test]
    fn search_links_are_percent_encoded() {
        assert_eq!(url_encode("Jim Kolbe & “X”"), "Jim+Kolbe+%26+%E2%80%9CX%E2%80%9D");
    }
}
