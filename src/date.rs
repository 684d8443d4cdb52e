//! ISO 8601 dates at the precision a source gives: a year, a month or a day.
//!
//! Sources often give only a year or a month. Filling in a day would invent a fact, so a date
//! keeps its precision and becomes `xsd:gYear`, `xsd:gYearMonth` or `xsd:date` in RDF.

use std::fmt;

/// A calendar date known to the year, the month or the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Result<Self, String> {
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
        Ok(Self { year, month, day })
    }

    /// The first day the date may mean, as (year, month, day).
    pub fn earliest(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date may mean, as (year, month, day).
    pub fn latest(self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        (self.year, month, self.day.unwrap_or(days_in_month(self.year, month)))
    }

    /// Whether this date, taken as an end, lies wholly before `start`.
    pub fn ends_before(self, start: Date) -> bool {
        self.latest() < start.earliest()
    }

    /// The XML Schema datatype for this precision.
    pub fn datatype(self) -> &'static str {
        match (self.month, self.day) {
            (None, _) => xsd!("gYear"),
            (Some(_), None) => xsd!("gYearMonth"),
            (Some(_), Some(_)) => xsd!("date"),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
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
        for text in ["2002", "2002-11", "2002-11-05"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Date::parse("2002").unwrap().datatype(), xsd!("gYear"));
        assert_eq!(Date::parse("2002-11").unwrap().datatype(), xsd!("gYearMonth"));
        assert_eq!(Date::parse("2002-11-05").unwrap().datatype(), xsd!("date"));
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
