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
//!
//! The parts: `tables.rs` holds the rows the export reads and the lookups of their Wikidata ids,
//! countries and references; `batch.rs` turns them into the P39 statements and the items to
//! create; `values.rs` writes the values (strings, times, qualifiers, search links) and holds the
//! unit tests; this file holds the export, its report and the reasons a tenure is skipped.

mod batch;
mod tables;
mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::Path;

use crate::error::Result;

use tables::Tables;
use values::url_encode;

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
