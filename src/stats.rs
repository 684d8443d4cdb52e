//! What the graph holds: entities per class, statements per relation, facts per source, and how
//! much of the evidence is verified.

use std::collections::BTreeMap;
use std::path::Path;

use rustc_hash::FxHashMap;

use crate::error::Result;
use crate::evidence;
use crate::load::{self, Site};
use crate::rdf::Row;
use crate::schema::{Provenance, Shape};
use crate::tally::Tally;
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
    // Counted by borrowed keys and sorted once at the end (see `Tally`).
    let mut per_source = Tally::default();
    let mut relations: FxHashMap<Box<str>, Tally> = FxHashMap::default();
    let mut relation = String::new();
    let mut observe = |row: &Row<'_>, site: &Site<'_>| {
        if let Some(quotes) = &mut quotes {
            quotes.observe(row, site);
        }
        per_source.add(match row.table.provenance {
            Provenance::SelfQuoted => row.text("id"),
            Provenance::Full => row.text("source"),
        });
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
        relation.clear();
        let basis = match row.table.shape {
            Shape::Entity => return,
            Shape::Relation => {
                relation.push_str(row.text("predicate"));
                row.text("basis")
            }
            Shape::Tenure => {
                relation.push_str("holds (tenures)");
                ""
            }
            Shape::Participation => {
                relation.push_str("participant (participations)");
                ""
            }
            Shape::Quantity => {
                relation.extend([row.text("property"), " (quantities)"]);
                ""
            }
            Shape::Alias => {
                relation.push_str("altLabel (aliases)");
                ""
            }
            Shape::Link => {
                relation.extend([row.text("scheme"), " (links)"]);
                ""
            }
        };
        match relations.get_mut(relation.as_str()) {
            Some(by_basis) => by_basis.add(basis),
            None => relations.entry(relation.as_str().into()).or_default().add(basis),
        }
    };
    let summary = load::observe(tables, &mut observe)?;
    stats.rows = summary.rows;
    stats.classes = summary.classes;
    stats.per_source = per_source.sorted();
    stats.relations = relations
        .into_iter()
        .map(|(relation, by_basis)| (relation.into(), by_basis.sorted()))
        .collect();
    if let (Some(quotes), Some(sources)) = (quotes, sources) {
        stats.evidence = Some(quotes.check(sources)?);
    }
    Ok(stats)
}
