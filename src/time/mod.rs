//! When a fact holds, and the graph as it stood on a date.
//!
//! The direct triples (and the edges of every export) are a *view* at one date: the dataset's
//! date (the `dataset` row of `sources.csv`), or the date of `--as-of`. The statement nodes keep
//! every period. The rule, applied the same way by the RDF writer, the network and the
//! commands:
//!
//! - a **rule** (`statements.csv`, `links.csv`) holds on a date when it has taken force by then
//!   (its `valid_from`, or failing that the date a source attests it, is not later) and has not
//!   ended (its `valid_until`, or the `valid_from` of the rule that replaced it, is later). A rule
//!   no source dates holds on every date, and is counted as undated;
//! - a **tenure** holds within `start`..`end`; one known only from an attestation holds in the
//!   attested period only (a person seen in post in 2002 is not taken to hold it today);
//! - dates compare at the coarser of their precisions: a rule valid from `2001` holds on
//!   `2001-06-15`, and one attested in `2002-11` holds "as of" `2002-11-05` only as "attested
//!   in that month" ([`Holds::Within`]).

pub mod checks;
pub mod store;
pub mod view;

use std::cmp::Ordering;

use crate::date::Date;

pub use view::{Timeline, View};

/// What the sources say about when a fact held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Period {
    /// When it took force (`valid_from`, a tenure's `start`).
    pub from: Option<Date>,
    /// When it stopped (`valid_until`, a tenure's `end`, or the start of what replaced it).
    pub until: Option<Date>,
    /// When a source shows it holding.
    pub attested: Option<Date>,
}

/// Whether a fact holds on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    No,
    Yes,
    /// It holds at the precision of this date only: the view's date is finer ("attested in
    /// 2002-11" as of 2002-11-05).
    Within(Date),
}

impl Holds {
    pub fn is_held(self) -> bool {
        self != Holds::No
    }
}

/// How much the sources say about when a rule held, for `kzlg stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Knowledge {
    /// A validity interval (at least one end).
    Interval,
    /// Only the date a source shows it.
    Attested,
    /// Nothing.
    Undated,
}

impl Knowledge {
    pub fn name(self) -> &'static str {
        match self {
            Knowledge::Interval => "interval",
            Knowledge::Attested => "attested",
            Knowledge::Undated => "none",
        }
    }
}

impl Period {
    pub fn knowledge(&self) -> Knowledge {
        match (self.from.or(self.until), self.attested) {
            (Some(_), _) => Knowledge::Interval,
            (None, Some(_)) => Knowledge::Attested,
            (None, None) => Knowledge::Undated,
        }
    }

    /// Whether a rule with this period holds on `date`.
    pub fn rule_holds_on(&self, date: Date) -> Holds {
        let start = self.from.or(self.attested);
        let started = start.is_none_or(|s| not_after(s, date));
        let ended = self.until.is_some_and(|u| not_after(u, date));
        match (started, ended) {
            (true, false) => finer_than(start, date),
            _ => Holds::No,
        }
    }

    /// Whether a tenure with this period holds on `date`: within its start and end, or, known
    /// only from an attestation, in the attested period.
    pub fn tenure_holds_on(&self, date: Date) -> Holds {
        match (self.from, self.until) {
            (None, None) => match self.attested {
                Some(attested) if attested.cmp_coarse(date) == Some(Ordering::Equal) => {
                    finer_than(Some(attested), date)
                }
                _ => Holds::No,
            },
            _ => self.rule_holds_on(date),
        }
    }
}

/// Whether `a` is not later than `b` at their common precision (a date without a year is
/// never placed).
fn not_after(a: Date, b: Date) -> bool {
    matches!(a.cmp_coarse(b), Some(Ordering::Less | Ordering::Equal))
}

/// [`Holds::Within`] when the date that decided is coarser than the view's date and contains it.
fn finer_than(decided_by: Option<Date>, date: Date) -> Holds {
    match decided_by {
        Some(d) if d.precision() < date.precision() && d.cmp_coarse(date) == Some(Ordering::Equal) => Holds::Within(d),
        _ => Holds::Yes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn period(from: &str, until: &str, attested: &str) -> Period {
        let date = |t: &str| (!t.is_empty()).then(|| d(t));
        Period {
            from: date(from),
            until: date(until),
            attested: date(attested),
        }
    }

    #[test]
    fn a_rule_valid_from_a_year_holds_on_a_day_of_it() {
        let rule = period("2001", "", "");
        assert_eq!(rule.rule_holds_on(d("2001-06-15")), Holds::Within(d("2001")));
        assert_eq!(rule.rule_holds_on(d("2001")), Holds::Yes);
        assert_eq!(rule.rule_holds_on(d("2000-12-31")), Holds::No);
        assert_eq!(rule.rule_holds_on(d("2024")), Holds::Yes);
    }

    #[test]
    fn a_replaced_rule_and_its_successor_never_hold_together() {
        let old = period("2001-01-23", "2013-08", "");
        let new = period("2013-08", "", "");
        for date in ["2013", "2013-08", "2013-08-05", "2013-07-31", "2013-09"] {
            let both = old.rule_holds_on(d(date)).is_held() && new.rule_holds_on(d(date)).is_held();
            assert!(!both, "both hold on {date}");
        }
        assert!(old.rule_holds_on(d("2002")).is_held() && !new.rule_holds_on(d("2002")).is_held());
    }

    #[test]
    fn an_attested_rule_holds_from_its_attestation_until_replaced() {
        let practice = period("", "2021-05-24", "2002");
        assert!(
            !practice.rule_holds_on(d("2001")).is_held(),
            "not known before it was seen"
        );
        assert_eq!(practice.rule_holds_on(d("2002-11-05")), Holds::Within(d("2002")));
        assert_eq!(practice.rule_holds_on(d("2010")), Holds::Yes);
        assert_eq!(practice.rule_holds_on(d("2024")), Holds::No);
    }

    #[test]
    fn an_attested_tenure_holds_in_the_attested_period_only() {
        let tenure = period("", "", "2002-11");
        assert_eq!(tenure.tenure_holds_on(d("2002-11")), Holds::Yes);
        assert_eq!(tenure.tenure_holds_on(d("2002-11-05")), Holds::Within(d("2002-11")));
        assert_eq!(
            tenure.tenure_holds_on(d("2002")),
            Holds::Yes,
            "as of 2002 it is in that year"
        );
        assert_eq!(tenure.tenure_holds_on(d("2002-12")), Holds::No);
        assert_eq!(tenure.tenure_holds_on(d("2026-12-01")), Holds::No);
        let open = period("2019-06-12", "", "");
        assert!(open.tenure_holds_on(d("2024")).is_held());
        assert!(!open.tenure_holds_on(d("2019-06-11")).is_held());
    }

    #[test]
    fn time_knowledge_is_counted_by_what_is_given() {
        assert_eq!(period("2001", "", "").knowledge(), Knowledge::Interval);
        assert_eq!(period("", "2022", "2002").knowledge(), Knowledge::Interval);
        assert_eq!(period("", "", "2002").knowledge(), Knowledge::Attested);
        assert_eq!(period("", "", "").knowledge(), Knowledge::Undated);
    }
}
