//! The view of the graph at one date: which rows are direct triples (and edges) then.

use std::collections::HashMap;

use super::{Holds, Period};
use crate::date::Date;
use crate::rdf::{Row, Value};
use crate::schema::Shape;

/// What pass one reads beside the ids, so that pass two can place each row in time while it
/// streams: the dataset's date, when each rule took force (for the rules it replaced), and
/// when a unit moved to its parent of today.
#[derive(Debug, Default)]
pub struct Timeline {
    /// The `date` of the `dataset` row of `sources.csv`.
    pub dataset_date: Option<Date>,
    /// `valid_from` of every row of `statements.csv` that has one, by id.
    starts: HashMap<Box<str>, Date>,
    /// (unit, parent) → `valid_from` of the `partOf` statement that moved the unit there.
    moves: HashMap<(Box<str>, Box<str>), Date>,
}

impl Timeline {
    /// Records one row of `statements.csv` as pass one reads it (unchecked: a malformed date is
    /// reported by pass two and ignored here).
    pub fn add_statement(&mut self, id: &str, subject: &str, predicate: &str, object: &str, valid_from: &str) {
        let Ok(from) = Date::parse(valid_from) else { return };
        self.starts.insert(id.into(), from);
        if predicate == "partOf" {
            self.moves.insert((subject.into(), object.into()), from);
        }
    }

    /// When the rule `id` took force, as its own source dates it.
    pub fn start_of(&self, id: &str) -> Option<Date> {
        self.starts.get(id).copied()
    }
}

/// The date the view shows, and what the rows say about time.
#[derive(Debug)]
pub struct View<'a> {
    pub date: Date,
    pub timeline: &'a Timeline,
}

impl View<'_> {
    /// The period of a row, with a replaced rule's end taken from the rule that replaced it.
    pub fn period(&self, row: &Row<'_>) -> Period {
        let date = |name: &str| match row.get(name) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        };
        match row.table.shape {
            Shape::Tenure => Period {
                from: date("start"),
                until: date("end"),
                attested: date("attested_on"),
            },
            _ => Period {
                from: date("valid_from"),
                until: date("valid_until").or_else(|| self.replaced_on(row)),
                attested: date("attested_on"),
            },
        }
    }

    /// When a replaced rule ended: the start of the rule that replaced it.
    pub fn replaced_on(&self, row: &Row<'_>) -> Option<Date> {
        match row.get("replaced_by") {
            Some(Value::Ref(id, _)) => self.timeline.start_of(id),
            _ => None,
        }
    }

    /// Whether the fact of a statement row holds on the view's date.
    pub fn holds(&self, row: &Row<'_>) -> Holds {
        match row.table.shape {
            Shape::Tenure => self.period(row).tenure_holds_on(self.date),
            Shape::Relation | Shape::Link => self.period(row).rule_holds_on(self.date),
            Shape::Entity | Shape::Participation | Shape::Quantity | Shape::Alias => Holds::Yes,
        }
    }

    /// Whether a unit already lay in `parent` (its parent of today, from `units.csv`) on the
    /// view's date: not when a dated `partOf` statement moved it there later.
    pub fn parent_holds(&self, unit: &str, parent: &str) -> bool {
        let key = (Box::from(unit), Box::from(parent));
        self.timeline
            .moves
            .get(&key)
            .is_none_or(|moved| super::not_after(*moved, self.date))
    }
}
