use std::fmt::Write as _;

use super::Reason;
use super::tables::Tenure;
use crate::date::{Date, Precision};

/// A string value: whitespace as single spaces, in double quotes, nothing escaped (see the module
/// doc, in `mod.rs`).
pub(super) fn string(text: &str, what: &str, limit: Option<usize>) -> Result<String, Reason> {
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
pub(super) fn time(date: Date) -> Option<String> {
    let (y, m, d) = date.earliest()?;
    Some(match date.precision() {
        Precision::Year => format!("+{y:04}-00-00T00:00:00Z/9"),
        Precision::Month => format!("+{y:04}-{m:02}-00T00:00:00Z/10"),
        Precision::Day => format!("+{y:04}-{m:02}-{d:02}T00:00:00Z/11"),
    })
}

/// P580 start and P582 end, or P585 point in time for a tenure known only from a source's date.
pub(super) fn qualifiers(tenure: &Tenure) -> Result<String, Reason> {
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
pub(super) fn years(tenure: &Tenure) -> String {
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
pub(super) fn url_encode(text: &str) -> String {
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
    use super::super::tables::Cited;
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
