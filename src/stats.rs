//! What the graph holds: entities per class, statements per relation, facts per source, and how
//! much of the evidence is verified.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Result;
use crate::evidence;
use crate::load::{self, Site};
use crate::rdf::Row;
use crate::schema::{Provenance, Shape};
use crate::time::Knowledge;

/// Counts over the tables.
#[derive(Debug, Default)]
pub struct Stats {
    pub rows: Vec<(&'static str, usize)>,
    pub classes: BTreeMap<String, usize>,
    /// Per relation (statement predicate, or the kind of statement row): rows per basis.
    pub relations: BTreeMap<String, BTreeMap<String, usize>>,
    /// Rows citing each source.
    pub per_source: BTreeMap<String, usize>,
    /// Rules (`statements.csv`) and tenures by what the sources say of when they held.
    pub time: BTreeMap<(&'static str, Knowledge), usize>,
    /// The rules in force on the dataset's date, of all rules.
    pub in_force: (usize, usize),
    /// The evidence check, when the sources folder was given.
    pub evidence: Option<evidence::Report>,
}

/// Counts the tables in `tables`; checks evidence against `sources` when given.
pub fn collect(tables: &Path, sources: Option<&Path>) -> Result<Stats> {
    let mut stats = Stats::default();
    let mut quotes = sources.map(|_| evidence::Quotes::default());
    let mut observe = |row: &Row<'_>, site: &Site<'_>| {
        if let Some(quotes) = &mut quotes {
            quotes.observe(row, site);
        }
        let source = match row.table.provenance {
            Provenance::SelfQuoted => row.text("id"),
            Provenance::Full => row.text("source"),
        };
        *stats.per_source.entry(source.to_owned()).or_default() += 1;
        let what = match row.table.shape {
            Shape::Relation => Some("rules"),
            Shape::Tenure => Some("tenures"),
            _ => None,
        };
        if let Some(what) = what {
            *stats.time.entry((what, site.view.period(row).knowledge())).or_default() += 1;
        }
        if row.table.shape == Shape::Relation {
            stats.in_force.0 += usize::from(site.view.holds(row).is_held());
            stats.in_force.1 += 1;
        }
        let (relation, basis) = match row.table.shape {
            Shape::Entity => return,
            Shape::Relation => (row.text("predicate").to_owned(), row.text("basis")),
            Shape::Tenure => ("holds (tenures)".to_owned(), ""),
            Shape::Participation => ("participant (participations)".to_owned(), ""),
            Shape::Quantity => (format!("{} (quantities)", row.text("property")), ""),
            Shape::Alias => ("altLabel (aliases)".to_owned(), ""),
            Shape::Link => (format!("{} (links)", row.text("scheme")), ""),
        };
        *stats
            .relations
            .entry(relation)
            .or_default()
            .entry(basis.to_owned())
            .or_default() += 1;
    };
    let summary = load::observe(tables, &mut observe)?;
    stats.rows = summary.rows;
    stats.classes = summary.classes;
    if let (Some(quotes), Some(sources)) = (quotes, sources) {
        stats.evidence = Some(quotes.check(sources)?);
    }
    Ok(stats)
}
