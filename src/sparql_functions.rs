//! SPARQL functions for dates at the precision a source gives.
//!
//! The graph's dates are `xsd:gYear`, `xsd:gYearMonth`, `xsd:date` or `xsd:gMonthDay` (see
//! [`crate::date`]), and SPARQL does not compare values of different types: `"2001"^^xsd:gYear <
//! "2001-06-15"^^xsd:date` is an error, so a query could not ask which rules held on a day. These
//! functions, registered on every query `kzlg` runs, answer with the project's own rules, the very
//! code the RDF writer uses for the direct triples ([`Date::cmp_coarse`],
//! [`Period::rule_holds_on`]), so a query over the statement nodes and the view agree.
//!
//! An argument is a literal of one of the four date types whose form agrees with its type, or a
//! plain string in one of the four forms. Anything else (another type, an impossible day, a
//! wrong number of arguments) leaves the result unbound rather than guessing; so does a question
//! that needs a year a `--MM-DD` date does not have. Mirrored in Python for the rdflib check
//! (`tests/python/catalogue_rdflib.py`); described, with examples, in `docs/sparql-functions.md`.

use std::cmp::Ordering;

use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Term};
use oxigraph::sparql::SparqlEvaluator;

use crate::date::{Date, Precision};
use crate::time::Period;

/// A function's value for its arguments; `None` leaves it unbound.
type Function = fn(&[Term]) -> Option<Term>;

/// The functions, by their name in the `kzlg:` namespace.
const FUNCTIONS: [(&str, Function); 6] = [
    (kzlg!("holdsOn"), holds_on),
    (kzlg!("earliest"), earliest),
    (kzlg!("latest"), latest),
    (kzlg!("compareDates"), compare_dates),
    (kzlg!("before"), before),
    (kzlg!("precision"), precision),
];

/// `evaluator` with the date functions registered.
pub fn register(evaluator: SparqlEvaluator) -> SparqlEvaluator {
    FUNCTIONS.iter().fold(evaluator, |evaluator, &(name, function)| {
        evaluator.with_custom_function(NamedNode::new_unchecked(name), function)
    })
}

/// `kzlg:holdsOn(from, until, date)`: whether a rule valid from `from` until `until` holds on
/// `date` (`""` for an end no source gives). True also when it holds only at the coarser
/// precision (from `2001`, on `2001-06-15`), as the view counts it.
fn holds_on(args: &[Term]) -> Option<Term> {
    let [from, until, date] = args else { return None };
    let (from, until, date) = (end(from)?, end(until)?, placed(date)?);
    // A date without a year is never placed: whether the rule had started or ended is unknown.
    if from.or(until).is_some_and(|d| !d.has_year()) {
        return None;
    }
    // The start may be an attestation as well (`COALESCE(?from, ?attested, "")`): a rule starts
    // at its `from`, failing that at its `attested`, so either in `from` gives the same answer.
    let period = Period {
        from,
        until,
        attested: None,
    };
    Some(Literal::from(period.rule_holds_on(date).is_held()).into())
}

/// `kzlg:earliest(date)`: the first day `date` may mean, as an `xsd:date`.
fn earliest(args: &[Term]) -> Option<Term> {
    let [date] = args else { return None };
    day(date_of(date)?.earliest()?)
}

/// `kzlg:latest(date)`: the last day `date` may mean, as an `xsd:date`.
fn latest(args: &[Term]) -> Option<Term> {
    let [date] = args else { return None };
    day(date_of(date)?.latest()?)
}

/// `kzlg:compareDates(a, b)`: -1, 0 or 1 as `a` is before, at or after `b` at the coarser of
/// their precisions (`2001` and `2001-06-15` compare equal).
fn compare_dates(args: &[Term]) -> Option<Term> {
    let ordering = coarse_order(args)?;
    Some(Literal::from(i64::from(ordering as i8)).into())
}

/// `kzlg:before(a, b)`: whether `a` is surely before `b`, that is before it at the coarser
/// precision (every day `a` may mean comes before every day `b` may mean).
fn before(args: &[Term]) -> Option<Term> {
    Some(Literal::from(coarse_order(args)? == Ordering::Less).into())
}

/// `kzlg:precision(date)`: `"year"`, `"month"`, `"day"` or `"month-day"` (no year).
fn precision(args: &[Term]) -> Option<Term> {
    let [date] = args else { return None };
    let date = date_of(date)?;
    let name = match (date.has_year(), date.precision()) {
        (false, _) => "month-day",
        (true, Precision::Year) => "year",
        (true, Precision::Month) => "month",
        (true, Precision::Day) => "day",
    };
    Some(Literal::new_simple_literal(name).into())
}

fn coarse_order(args: &[Term]) -> Option<Ordering> {
    let [a, b] = args else { return None };
    date_of(a)?.cmp_coarse(date_of(b)?)
}

/// The date an argument gives: a date literal whose form is that of its type, or a plain string.
fn date_of(term: &Term) -> Option<Date> {
    let Term::Literal(literal) = term else { return None };
    let date = Date::parse(literal.value()).ok()?;
    let datatype = literal.datatype().as_str();
    (datatype == xsd!("string") || datatype == date.datatype()).then_some(date)
}

/// An end of a period: a date, or the empty string for an end no source gives.
fn end(term: &Term) -> Option<Option<Date>> {
    match term {
        Term::Literal(literal) if literal.value().is_empty() && literal.datatype().as_str() == xsd!("string") => {
            Some(None)
        }
        _ => date_of(term).map(Some),
    }
}

/// A date that has a year, so that it can be placed in time.
fn placed(term: &Term) -> Option<Date> {
    date_of(term).filter(|d| d.has_year())
}

fn day((year, month, day): (u16, u8, u8)) -> Option<Term> {
    let text = format!("{year:04}-{month:02}-{day:02}");
    Some(Literal::new_typed_literal(text, NamedNodeRef::new_unchecked(xsd!("date"))).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Term {
        Literal::new_simple_literal(text).into()
    }

    fn typed(text: &str, datatype: &str) -> Term {
        Literal::new_typed_literal(text, NamedNodeRef::new_unchecked(datatype)).into()
    }

    fn holds(from: &str, until: &str, date: &str) -> Option<bool> {
        let value = holds_on(&[plain(from), plain(until), plain(date)])?;
        Some(value == Literal::from(true).into())
    }

    fn compare(a: &str, b: &str) -> Option<Term> {
        compare_dates(&[plain(a), plain(b)])
    }

    #[test]
    fn a_rule_holds_from_its_start_at_the_coarser_precision() {
        assert_eq!(holds("2001", "", "2001-06-15"), Some(true), "2001 may be that very day");
        assert_eq!(holds("2001", "", "2000-12-31"), Some(false));
        assert_eq!(
            holds("2001-06", "", "2001"),
            Some(true),
            "in 2001 at the precision of a year"
        );
        assert_eq!(
            holds("", "", "2024"),
            Some(true),
            "a rule no source dates holds on every date"
        );
    }

    #[test]
    fn a_rule_has_stopped_on_the_day_it_ends() {
        // Replaced in August 2013: on 5 August 2013 it may have stopped already, so it does not hold.
        assert_eq!(holds("2001-01-23", "2013-08", "2013-08-05"), Some(false));
        assert_eq!(holds("2001-01-23", "2013-08", "2013-07-31"), Some(true));
        assert_eq!(holds("2001-01-23", "2013-08", "2001-01-22"), Some(false));
    }

    #[test]
    fn an_attestation_starts_a_rule_in_place_of_its_from() {
        // A practice seen in 2002 and ended by a law of 24 May 2021.
        assert_eq!(holds("", "2021-05-24", "2002"), Some(true));
        assert_eq!(holds("2002", "2021-05-24", "2002-11-05"), Some(true));
        assert_eq!(holds("2002", "2021-05-24", "2001"), Some(false));
        assert_eq!(holds("", "2021-05-24", "2021-05-24"), Some(false));
    }

    #[test]
    fn typed_dates_count_when_their_form_is_their_type() {
        let args = [
            typed("2001", xsd!("gYear")),
            plain(""),
            typed("2001-06-15", xsd!("date")),
        ];
        assert_eq!(holds_on(&args), Some(Literal::from(true).into()));
        let wrong = [typed("2001-06", xsd!("gYear")), plain(""), plain("2002")];
        assert_eq!(holds_on(&wrong), None, "a gYear that is not a year");
        let number = [typed("2001", xsd!("integer")), plain(""), plain("2002")];
        assert_eq!(holds_on(&number), None, "a number is not a date");
        let tagged: Term = Literal::new_language_tagged_literal("2001", "en").unwrap().into();
        assert_eq!(holds_on(&[tagged, plain(""), plain("2002")]), None);
    }

    #[test]
    fn bad_dates_leave_the_result_unbound() {
        assert_eq!(holds("2001", "", "2002-02-29"), None, "no such day");
        assert_eq!(holds("2001", "", "21 July 2002"), None);
        assert_eq!(holds("2001", "", ""), None, "the date asked about cannot be open");
        assert_eq!(holds("", "", "--04-19"), None, "a day of an unknown year");
        assert_eq!(holds("--04-19", "", "2002"), None);
        assert_eq!(holds_on(&[plain(""), plain("")]), None, "two arguments");
        let iri: Term = NamedNode::new_unchecked("https://example.org/2001").into();
        assert_eq!(holds_on(&[iri, plain(""), plain("2002")]), None);
        assert_eq!(earliest(&[plain("2002-13")]), None);
        assert_eq!(precision(&[plain("")]), None);
    }

    #[test]
    fn a_date_spans_its_first_to_its_last_day() {
        let first = |t: &str| earliest(&[plain(t)]);
        let last = |t: &str| latest(&[plain(t)]);
        let date = |t: &str| Some(typed(t, xsd!("date")));
        assert_eq!((first("2001"), last("2001")), (date("2001-01-01"), date("2001-12-31")));
        assert_eq!(
            (first("2004-02"), last("2004-02")),
            (date("2004-02-01"), date("2004-02-29"))
        );
        assert_eq!(
            (first("2002-11-05"), last("2002-11-05")),
            (date("2002-11-05"), date("2002-11-05"))
        );
        assert_eq!((first("--04-19"), last("--04-19")), (None, None), "no year, no day");
    }

    #[test]
    fn dates_compare_at_the_coarser_precision() {
        let integer = |n: i64| Some(Literal::from(n).into());
        assert_eq!(compare("2001", "2001-06-15"), integer(0));
        assert_eq!(compare("2001-05", "2001-06-15"), integer(-1));
        assert_eq!(compare("2003", "2002-12-31"), integer(1));
        assert_eq!(compare("--04-19", "2002-04-19"), None, "no year, no order");
        let surely_before = |a: &str, b: &str| before(&[plain(a), plain(b)]);
        assert_eq!(surely_before("2001-05-31", "2001-06"), Some(Literal::from(true).into()));
        assert_eq!(surely_before("2001", "2001-06-15"), Some(Literal::from(false).into()));
        assert_eq!(surely_before("--04-19", "2002"), None);
    }

    #[test]
    fn precision_names_what_is_known() {
        for (text, name) in [
            ("2001", "year"),
            ("2002-11", "month"),
            ("2002-11-05", "day"),
            ("--04-19", "month-day"),
        ] {
            assert_eq!(precision(&[plain(text)]), Some(plain(name)), "{text}");
        }
    }

    #[test]
    fn queries_can_call_them_by_their_prefixed_names() {
        use oxigraph::sparql::QueryResults;
        let query = "SELECT ?holds ?first ?order WHERE { BIND(kzlg:holdsOn(\"2001\"^^xsd:gYear, \"\", \"2002-07-21\") AS ?holds) \
                     BIND(kzlg:earliest(\"2002-11\") AS ?first) BIND(kzlg:compareDates(\"2002\", \"2001-12\") AS ?order) }";
        let store = oxigraph::store::Store::new().unwrap();
        let results = crate::sparql::prepare(query, "-e")
            .unwrap()
            .on_store(&store)
            .execute()
            .unwrap();
        let QueryResults::Solutions(mut solutions) = results else {
            panic!("not a SELECT")
        };
        let solution = solutions.next().unwrap().unwrap();
        assert_eq!(solution.get("holds"), Some(&Literal::from(true).into()));
        assert_eq!(solution.get("first"), Some(&typed("2002-11-01", xsd!("date"))));
        assert_eq!(solution.get("order"), Some(&Literal::from(1).into()));
    }
}
