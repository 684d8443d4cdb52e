//! ISO 8601 dates at the precision a source gives: a year, a month or a day, or a day of a
//! month whose year the source does not give.
//!
//! Sources often give only a year or a month. Filling in a day would invent a fact, so a date
//! keeps its precision and becomes `xsd:gYear`, `xsd:gYearMonth`, `xsd:date` or `xsd:gMonthDay`
//! in RDF. Two dates compare at the coarser of their precisions: `2001` is not before
//! `2001-06-15` (it may be that very day), so a rule valid from `2001` holds on `2001-06-15`.

use std::cmp::Ordering;
use std::fmt;

/// A calendar date known to the year, the month or the day (or to the day of a month, year
/// unknown: "April 19").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: Option<u16>,
    month: Option<u8>,
    day: Option<u8>,
}

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `--MM-DD` (a day whose year is unknown),
    /// checking that the day exists.
    pub fn parse(text: &str) -> Result<Self, String> {
        if let Some(month_day) = text.strip_prefix("--") {
            // Checked against a leap year: "February 29" exists in some year.
            let date = Self::parse(&format!("2000-{month_day}"))
                .ok()
                .filter(|d| d.day.is_some())
                .ok_or_else(|| "expected a day without its year as --MM-DD".to_owned())?;
            return Ok(Self { year: None, ..date });
        }
        let mut parts = text.split('-');
        let year = parts.next().unwrap_or_default();
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() || !is_digits(year, 4) {
            return Err("expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD".to_owned());
        }
        let year: u16 = year.parse().map_err(|_| "the year is not a number".to_owned())?;
        let month = match month {
            None => None,
            Some(m) if is_digits(m, 2) => match m.parse::<u8>() {
                Ok(m @ 1..=12) => Some(m),
                _ => return Err(format!("month {m} does not exist; expected 01 to 12")),
            },
            Some(_) => return Err("expected a two-digit month: YYYY-MM".to_owned()),
        };
        let day = match (month, day) {
            (_, None) => None,
            (Some(m), Some(d)) if is_digits(d, 2) => {
                let last = days_in_month(year, m);
                match d.parse::<u8>() {
                    Ok(d) if (1..=last).contains(&d) => Some(d),
                    _ => {
                        return Err(format!(
                            "day {d} does not exist: {} {year} has {last} days",
                            MONTHS[usize::from(m) - 1]
                        ));
                    }
                }
            }
            _ => return Err("expected a two-digit day: YYYY-MM-DD".to_owned()),
        };
        Ok(Self {
            year: Some(year),
            month,
            day,
        })
    }

    /// How much of the date is known.
    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// Whether the year is known (not a `--MM-DD` date).
    pub fn has_year(self) -> bool {
        self.year.is_some()
    }

    /// The first day the date may mean, as (year, month, day); none without a year.
    pub fn earliest(self) -> Option<(u16, u8, u8)> {
        Some((self.year?, self.month.unwrap_or(1), self.day.unwrap_or(1)))
    }

    /// The last day the date may mean, as (year, month, day); none without a year.
    pub fn latest(self) -> Option<(u16, u8, u8)> {
        let year = self.year?;
        let month = self.month.unwrap_or(12);
        Some((year, month, self.day.unwrap_or(days_in_month(year, month))))
    }

    /// The day before the first day the date may mean: the last day of a period that ends when
    /// this date begins.
    pub fn day_before(self) -> Option<(u16, u8, u8)> {
        let (year, month, day) = self.earliest()?;
        Some(match (month, day) {
            (1, 1) => (year.checked_sub(1)?, 12, 31),
            (month, 1) => (year, month - 1, days_in_month(year, month - 1)),
            (month, day) => (year, month, day - 1),
        })
    }

    /// The date cut to `precision` (no finer than it already is).
    pub fn truncated(self, precision: Precision) -> Date {
        Date {
            year: self.year,
            month: self.month.filter(|_| precision >= Precision::Month),
            day: self.day.filter(|_| precision >= Precision::Day),
        }
    }

    /// Compares two dates at the coarser of their precisions (`2001` equals `2001-06-15`);
    /// none when either has no year.
    pub fn cmp_coarse(self, other: Date) -> Option<Ordering> {
        let precision = self.precision().min(other.precision());
        let (a, b) = (self.truncated(precision), other.truncated(precision));
        Some((a.year?, a.month, a.day).cmp(&(b.year?, b.month, b.day)))
    }

    /// Whether this date, taken as an end, lies wholly before `start`.
    pub fn ends_before(self, start: Date) -> bool {
        matches!((self.latest(), start.earliest()), (Some(end), Some(start)) if end < start)
    }

    /// The XML Schema datatype for this precision.
    pub fn datatype(self) -> &'static str {
        match (self.year, self.precision()) {
            (None, _) => xsd!("gMonthDay"),
            (Some(_), Precision::Year) => xsd!("gYear"),
            (Some(_), Precision::Month) => xsd!("gYearMonth"),
            (Some(_), Precision::Day) => xsd!("date"),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(year) => write!(f, "{year:04}")?,
            None => write!(f, "-")?,
        }
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_digits(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_digit())
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2002", "2002-11", "2002-11-05", "--04-19"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Date::parse("2002").unwrap().datatype(), xsd!("gYear"));
        assert_eq!(Date::parse("2002-11").unwrap().datatype(), xsd!("gYearMonth"));
        assert_eq!(Date::parse("2002-11-05").unwrap().datatype(), xsd!("date"));
        assert_eq!(Date::parse("--04-19").unwrap().datatype(), xsd!("gMonthDay"));
        assert!(Date::parse("--02-29").is_ok(), "February 29 exists in some year");
        assert!(Date::parse("--04-31").is_err() && Date::parse("--04").is_err());
    }

    #[test]
    fn the_day_before_crosses_months_and_years() {
        let d = |t| Date::parse(t).unwrap();
        assert_eq!(d("2013-08").day_before(), Some((2013, 7, 31)));
        assert_eq!(d("2001").day_before(), Some((2000, 12, 31)));
        assert_eq!(d("2004-03-01").day_before(), Some((2004, 2, 29)));
        assert_eq!(d("2021-07-25").day_before(), Some((2021, 7, 24)));
        assert_eq!(d("--04-19").day_before(), None);
    }

    #[test]
    fn compares_at_the_coarser_precision() {
        let d = |t| Date::parse(t).unwrap();
        assert_eq!(d("2001").cmp_coarse(d("2001-06-15")), Some(Ordering::Equal));
        assert_eq!(d("2001-05").cmp_coarse(d("2001-06-15")), Some(Ordering::Less));
        assert_eq!(d("2002-11-05").cmp_coarse(d("2002-11")), Some(Ordering::Equal));
        assert_eq!(d("2003").cmp_coarse(d("2002-12-31")), Some(Ordering::Greater));
        assert_eq!(d("--04-19").cmp_coarse(d("2002-04-19")), None, "no year, no order");
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        let err = Date::parse("2002-02-29").unwrap_err();
        assert_eq!(err, "day 29 does not exist: February 2002 has 28 days");
        assert!(Date::parse("2004-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(Date::parse("1900-02-29").is_err());
        assert!(Date::parse("2002-13").unwrap_err().contains("month 13"));
    }

    #[test]
    fn rejects_other_formats() {
        for text in [
            "02",
            "2002-1",
            "2002/11/05",
            "5 November 2002",
            "2002-11-5",
            "2002-11-05-01",
            "",
        ] {
            assert!(Date::parse(text).is_err(), "{text} was accepted");
        }
    }

    #[test]
    fn end_before_start_respects_precision() {
        let d = |t| Date::parse(t).unwrap();
        assert!(d("2001").ends_before(d("2002-01-01")));
        assert!(!d("2002").ends_before(d("2002-06-15")), "2002 may end after mid-2002");
        assert!(!d("2002-06").ends_before(d("2002-06-30")));
        assert!(d("2002-06-29").ends_before(d("2002-06-30")));
    }
}
