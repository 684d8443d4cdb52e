//! One cell against the type of its column: ids, dates, numbers, line numbers, language tags,
//! IRIs, choices and references.

use oxigraph::model::{Literal, NamedNode};

use super::hint::{CellError, Problem, closest, shorten};
use super::records::spans_lines;
use super::registry::{Registry, resolve};
use crate::date::Date;
use crate::rdf::Value;
use crate::schema::tables::MOVED_CHOICES;
use crate::schema::{Cell, Column};

/// Cells longer than this are refused: no curated value needs more, and a runaway quote does.
pub const MAX_CELL_BYTES: usize = 16 * 1024;

/// Parses one cell against its column, resolving references in `registry`.
pub(super) fn parse_cell<'a>(column: &Column, raw: &'a [u8], registry: &Registry) -> Result<Value<'a>, CellError<'a>> {
    let Ok(text) = std::str::from_utf8(raw) else {
        return Err(not_utf8(raw).into());
    };
    if text.len() > MAX_CELL_BYTES {
        let hint = if spans_lines(raw) {
            "an unbalanced double quote makes the rest of the file one cell: close the quote, or double a quote inside a value"
        } else {
            "shorten it: a cell holds a value or a short quote, not a passage"
        };
        return Err(Problem::new(format!(
            "the value is {} bytes long; cells hold at most {MAX_CELL_BYTES}: '{}'",
            text.len(),
            shorten(text)
        ))
        .hint(hint)
        .into());
    }
    // Control characters are U+0000–U+001F, U+007F and U+0080–U+009F (0xC2 0x80–0x9F in
    // UTF-8): a cell without those bytes has none, and most cells skip the search by character.
    let may_hold_control = raw.iter().any(|&b| b < 0x20 || b == 0x7f || b == 0xc2);
    if let Some((at, control)) = may_hold_control
        .then(|| {
            text.chars()
                .enumerate()
                .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        })
        .flatten()
    {
        return Err(Problem::new(format!(
            "character {} is the control character U+{:04X}: '{}'",
            at + 1,
            u32::from(control),
            shorten(&text.escape_debug().to_string())
        ))
        .hint("delete it: it is no text, and XML cannot carry it (a NUL byte often means a binary or UTF-16 file)")
        .into());
    }
    if text.is_empty() {
        return if column.required {
            Err(Problem::new("is empty, but it is required").hint(column.doc).into())
        } else {
            Ok(Value::Empty)
        };
    }
    let value = match column.cell {
        Cell::Id => {
            if !is_id(text) {
                let problem = Problem::new(format!(
                    "'{text}' is not a valid id: use lower-case ASCII letters and digits in words joined by single hyphens"
                ));
                return Err(match slug(text) {
                    Some(s) if s != text => problem.hint(format!("try '{s}'")),
                    _ => problem,
                }
                .into());
            }
            Value::Text(text)
        }
        Cell::Text => Value::Text(text),
        Cell::Date => Value::Date(Date::parse(text).map_err(|why| {
            Problem::new(format!("malformed date '{text}': {why}")).hint(match day_first_as_iso(text) {
                Some(iso) => format!("did you mean {iso}? Dates are written year first"),
                None => "write the date at the precision the source gives: 2002, 2002-11 or 2002-11-05".to_owned(),
            })
        })?),
        Cell::Decimal => {
            if !is_decimal(text) {
                let bare: String = text
                    .chars()
                    .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}'))
                    .collect();
                let hint = "write digits with an optional '.' and fraction, no spaces or thousands separators";
                return Err(Problem::new(format!("'{text}' is not a number"))
                    .hint(match is_decimal(&bare) {
                        true => format!("{hint}: {bare}"),
                        false => format!("{hint}: 392000000, 0.6"),
                    })
                    .into());
            }
            Value::Number(text)
        }
        Cell::Line => match text.parse::<i64>() {
            Ok(n @ 1..) => Value::Line(n.unsigned_abs()),
            Ok(_) => {
                return Err(
                    Problem::new(format!("'{text}' is not a line number: lines count from 1"))
                        .hint("the line of the source file where the quote starts")
                        .into(),
                );
            }
            Err(_) => {
                return Err(Problem::new(format!("'{text}' is not a line number"))
                    .hint("write the number alone, e.g. 57: the line of the source file where the quote starts")
                    .into());
            }
        },
        Cell::Lang => {
            if let Err(e) = Literal::new_language_tagged_literal("", text) {
                let fixed = text.replace('_', "-");
                return Err(Problem::new(format!("'{text}' is not a BCP 47 language tag: {e}"))
                    .hint(match Literal::new_language_tagged_literal("", &fixed) {
                        Ok(_) if fixed != text => format!("did you mean '{fixed}'? Subtags are joined by '-'"),
                        _ => "e.g. en, ru, kk".to_owned(),
                    })
                    .into());
            }
            Value::Lang(text)
        }
        Cell::Iri => {
            if let Err(e) = NamedNode::new(text) {
                return Err(Problem::new(format!("'{text}' is not an absolute IRI: {e}"))
                    .hint("write the whole address with its scheme, and spaces as %20: https://example.org/a%20page")
                    .into());
            }
            Value::Iri(text)
        }
        Cell::OneOf(choices) => Value::Choice(parse_choice(column.name, text, choices)?),
        Cell::Ref(kinds) => Value::Ref(text, resolve(text, kinds, registry)?),
        Cell::Refs(kinds) => {
            let mut refs = Vec::new();
            for item in text.split(';').map(str::trim) {
                if item.is_empty() {
                    return Err(Problem::new(format!("empty item in the list '{text}'"))
                        .hint("separate ids with a single ';'")
                        .into());
                }
                refs.push((item, resolve(item, kinds, registry)?));
            }
            Value::Refs(refs)
        }
    };
    Ok(value)
}

/// `05.11.2002` → `2002-11-05`, `11/2002` → `2002-11`: a date written day first, as Russian and
/// Kazakh texts do, in ISO 8601, when it is one.
fn day_first_as_iso(text: &str) -> Option<String> {
    let mut parts: Vec<&str> = text.split(['.', '/']).collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    parts.reverse();
    let iso = parts
        .iter()
        .enumerate()
        .map(|(i, part)| match i {
            0 => part.to_string(),
            _ => format!("{part:0>2}"),
        })
        .collect::<Vec<_>>()
        .join("-");
    Date::parse(&iso).is_ok().then_some(iso)
}

/// Names the encoding problem of a cell that is not UTF-8.
fn not_utf8(raw: &[u8]) -> Problem {
    let valid = String::from_utf8_lossy(raw);
    let first = std::str::from_utf8(raw).err().map_or(0, |e| e.valid_up_to());
    Problem::new(format!(
        "not valid UTF-8: byte {} is 0x{:02X}: '{}'",
        first + 1,
        raw.get(first).copied().unwrap_or_default(),
        shorten(&valid)
    ))
    .hint("the file mixes in another encoding (Windows-1251?): save it as UTF-8 (in a spreadsheet: CSV UTF-8)")
}

fn parse_choice(column: &str, text: &str, choices: &'static [&'static str]) -> Result<&'static str, Problem> {
    if let Some(choice) = choices.iter().find(|c| **c == text) {
        return Ok(choice);
    }
    let problem = Problem::new(format!(
        "unknown value '{text}'; expected one of: {}",
        choices.join(", ")
    ));
    if let Some((.., moved)) = MOVED_CHOICES
        .iter()
        .find(|(c, value, _)| *c == column && *value == text)
    {
        return Err(problem.hint(*moved));
    }
    // A choice in other case first: `village` is a `Village` before it is a kind of `Settlement`.
    let same_but_case = choices.iter().find(|c| c.eq_ignore_ascii_case(text)).copied();
    let synonym = crate::schema::unit_type_called(text).filter(|s| choices.contains(s));
    let near = same_but_case.or(synonym).or_else(|| closest(text, choices));
    Err(match near {
        Some(near) => problem.hint(format!("did you mean '{near}'?")),
        None => problem,
    })
}

/// Whether `text` is a valid id: ASCII lower-case words of letters and digits joined by single hyphens.
pub fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The id a user probably meant (`Askarbek Mustafin` → `askarbek-mustafin`), when `text` is ASCII.
pub(super) fn slug(text: &str) -> Option<String> {
    if !text.is_ascii() {
        return None;
    }
    let lowered = text.to_ascii_lowercase();
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_hyphenated_lower_case_words() {
        for good in ["askarbek-mustafin", "q1", "akim-zhambyl-district-nko", "2002"] {
            assert!(is_id(good), "{good}");
        }
        for bad in ["", "Askarbek", "a--b", "-a", "a-", "a b", "a_b", "ақтөбе"] {
            assert!(!is_id(bad), "{bad}");
        }
        assert_eq!(slug("Askarbek Mustafin").as_deref(), Some("askarbek-mustafin"));
        assert_eq!(slug("Ақтөбе"), None);
    }

    #[test]
    fn decimals_are_plain_digits() {
        for good in ["56", "392000000", "0.6", "-3.25"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in ["", "1,000", "1 000", "1e6", ".5", "5.", "about 15"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn choices_suggest_case_fixes_and_synonyms() {
        let units = &crate::schema::UNIT_TYPE_NAMES;
        assert_eq!(parse_choice("type", "Region", units).unwrap(), "Region");
        assert_eq!(
            parse_choice("type", "region", units).unwrap_err().hint.unwrap(),
            "did you mean 'Region'?"
        );
        assert_eq!(
            parse_choice("type", "oblast", units).unwrap_err().hint.unwrap(),
            "did you mean 'Region'?"
        );
        assert_eq!(
            parse_choice("type", "village", units).unwrap_err().hint.unwrap(),
            "did you mean 'Village'?"
        );
        assert_eq!(
            parse_choice("type", "Distrikt", units).unwrap_err().hint.unwrap(),
            "did you mean 'District'?"
        );
        assert!(parse_choice("type", "Planet", units).unwrap_err().hint.is_none());
    }

    #[test]
    fn control_characters_are_found_past_the_byte_test() {
        let column = crate::schema::table("people")
            .unwrap()
            .all_columns()
            .find(|c| matches!(c.cell, Cell::Text) && !c.required)
            .unwrap();
        let registry = Registry::default();
        let problem = |text: &str| match parse_cell(column, text.as_bytes(), &registry) {
            Err(CellError::Problem(problem)) => Some(problem.message),
            _ => None,
        };
        // U+0085 (NEL) is a C1 control, 0xC2 0x85; « (U+00AB, 0xC2 0xAB) and Cyrillic are text.
        assert_eq!(
            problem("ab\u{85}c").as_deref(),
            Some("character 3 is the control character U+0085: 'ab\\u{85}c'")
        );
        assert_eq!(
            problem("x\u{7f}").as_deref(),
            Some("character 2 is the control character U+007F: 'x\\u{7f}'")
        );
        assert_eq!(problem("«Ақтөбе»\tжол"), None);
    }

    #[test]
    fn day_first_dates_are_spelt_year_first() {
        assert_eq!(day_first_as_iso("23.01.2001").as_deref(), Some("2001-01-23"));
        assert_eq!(day_first_as_iso("5/11/2002").as_deref(), Some("2002-11-05"));
        assert_eq!(day_first_as_iso("11.2002").as_deref(), Some("2002-11"));
        assert_eq!(day_first_as_iso("31.02.2001"), None);
        assert_eq!(day_first_as_iso("2001"), None);
        assert_eq!(day_first_as_iso("Nov 2002"), None);
    }
}
