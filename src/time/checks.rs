//! The checks of time: each row's dates against the dataset's date and the rule that replaced
//! it, and, once every row is read, rules and tenures that cannot hold together.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use compact_str::CompactString;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Period, View};
use crate::date::Date;
use crate::error::Diagnostic;
use crate::rdf::{Row, Value};
use crate::schema::{Shape, relation, tables::SINGLE_SEAT_POST_TYPES};

/// Where a row stands, for messages.
#[derive(Debug, Clone)]
struct At {
    /// The file, as an index into [`TimeChecks::paths`]: a path per row would cost a million
    /// allocations on big tables.
    file: usize,
    line: u64,
    /// Field numbers of the columns messages point at.
    column: usize,
}

/// A rule of `statements.csv`, as the set-level checks need it.
#[derive(Debug)]
struct Rule {
    id: Box<str>,
    subject: Box<str>,
    predicate: &'static str,
    object: Box<str>,
    de_jure: bool,
    conditional: bool,
    period: Period,
    contradicts: Vec<Box<str>>,
    at: At,
}

/// A tenure, for the single-seat check.
#[derive(Debug)]
struct Tenure {
    person: CompactString,
    post: CompactString,
    /// None when its dates cannot say it overlaps another.
    span: Option<Span>,
    at: At,
}

/// The days a tenure surely covers from and to, as (year, month, day), inclusive.
type Span = ((u16, u8, u8), (u16, u8, u8));

/// What the set-level checks gather while pass two streams.
#[derive(Debug, Default)]
pub struct TimeChecks {
    paths: Vec<PathBuf>,
    rules: Vec<Rule>,
    tenures: Vec<Tenure>,
    /// Ids inline (most fit): every tenure looks its post up here.
    single_seats: FxHashSet<CompactString>,
}

/// The problems of one row's dates: later than the dataset's date, or replaced by a rule that
/// no source dates or that took force before this one.
pub fn check_row(row: &Row<'_>, view: &View<'_>) -> Vec<(&'static str, String, String)> {
    let mut problems = Vec::new();
    if let Some(dataset) = view.timeline.dataset_date {
        for (column, value) in row.table.all_columns().zip(&row.values) {
            if let Value::Date(date) = value {
                if date.cmp_coarse(dataset) == Some(std::cmp::Ordering::Greater) {
                    problems.push((
                        column.name,
                        format!("{date} is after the dataset's date, {dataset}"),
                        "the tables describe the world up to the dataset's date (sources.csv, kind dataset): check the date, or bring the dataset's date forward".to_owned(),
                    ));
                }
            }
        }
    }
    if let Some(Value::Ref(replacement, _)) = row.get("replaced_by") {
        let period = view.period(row);
        match view.timeline.start_of(replacement) {
            None => problems.push((
                "replaced_by",
                format!("'{replacement}' gives no valid_from, so this rule would never end"),
                "name a rule of statements.csv whose source dates when it took force".to_owned(),
            )),
            Some(_) if *replacement == row.text("id") => problems.push((
                "replaced_by",
                "a rule cannot replace itself".to_owned(),
                "name the later rule that replaced this one".to_owned(),
            )),
            Some(start) => {
                let began = period.from.or(period.attested);
                if let Some(began) = began.filter(|b| start.ends_before(*b)) {
                    problems.push((
                        "replaced_by",
                        format!("'{replacement}' took force in {start}, before this rule is dated ({began})"),
                        "a rule is replaced by a later one: check both dates, or the replacement".to_owned(),
                    ));
                }
            }
        }
    }
    problems
}

impl TimeChecks {
    /// Takes in one checked row.
    pub fn add(&mut self, row: &Row<'_>, view: &View<'_>, path: &Path, line: u64, at: &dyn Fn(&str) -> usize) {
        if self.paths.last().is_none_or(|last| last != path) {
            self.paths.push(path.to_owned());
        }
        let file = self.paths.len() - 1;
        let place = |column: &str| At {
            file,
            line,
            column: at(column),
        };
        match row.table.shape {
            Shape::Relation => {
                let Some(relation) = relation(row.text("predicate")) else {
                    return;
                };
                let contradicts = match row.get("contradicts") {
                    Some(Value::Refs(refs)) => refs.iter().map(|(id, _)| Box::from(*id)).collect(),
                    _ => Vec::new(),
                };
                self.rules.push(Rule {
                    id: row.text("id").into(),
                    subject: row.text("subject").into(),
                    predicate: relation.name,
                    object: row.text("object").into(),
                    de_jure: row.text("basis") == "de_jure",
                    conditional: !row.is_empty("condition"),
                    period: view.period(row),
                    contradicts,
                    at: place("predicate"),
                });
            }
            // Posts come before tenures (schema order): only tenures of one-seat posts are kept.
            Shape::Tenure if self.single_seats.contains(row.text("post")) => self.tenures.push(Tenure {
                person: row.text("person").into(),
                post: row.text("post").into(),
                span: sure_span(&view.period(row)),
                at: place("post"),
            }),
            Shape::Entity if row.table.name == "posts" => {
                let seat = SINGLE_SEAT_POST_TYPES.contains(&row.text("post_type"));
                let generic = row.is_empty("unit") && !row.is_empty("level");
                if seat && !generic {
                    self.single_seats.insert(row.text("id").into());
                }
            }
            _ => {}
        }
    }

    /// Every set-level problem: rules that fill a post two ways at once, contradicting de jure
    /// rules in force together, and two people in one single-seat post at once.
    pub fn report(&self, dataset_date: Option<Date>, diagnostics: &mut Vec<Diagnostic>) {
        self.check_how_posts_are_filled(dataset_date, diagnostics);
        self.check_contradictions(dataset_date, diagnostics);
        self.check_single_seats(diagnostics);
    }

    fn check_how_posts_are_filled(&self, dataset_date: Option<Date>, diagnostics: &mut Vec<Diagnostic>) {
        let fills = |r: &&Rule| relation(r.predicate).is_some_and(|r| r.fills_post) && !r.conditional;
        let mut by_subject: HashMap<&str, Vec<&Rule>> = HashMap::new();
        for rule in self.rules.iter().filter(fills) {
            by_subject.entry(&rule.subject).or_default().push(rule);
        }
        let mut subjects: Vec<&Vec<&Rule>> = by_subject.values().collect();
        subjects.sort_by_key(|rules| (rules[0].at.file, rules[0].at.line));
        for rules in subjects {
            for (i, a) in rules.iter().enumerate() {
                for b in &rules[i + 1..] {
                    if (a.predicate, &a.object) == (b.predicate, &b.object) {
                        continue;
                    }
                    if let Some(problem) =
                        together(a, b, dataset_date).and_then(|date| fill_conflict(&self.paths, a, b, date))
                    {
                        diagnostics.push(problem);
                    }
                }
            }
        }
    }

    fn check_contradictions(&self, dataset_date: Option<Date>, diagnostics: &mut Vec<Diagnostic>) {
        let by_id: HashMap<&str, &Rule> = self.rules.iter().map(|r| (&*r.id, r)).collect();
        for rule in self.rules.iter().filter(|r| r.de_jure) {
            for other in rule.contradicts.iter().filter_map(|id| by_id.get(&**id)) {
                // Sources that disagree about different posts or relations are both kept (the
                // `disagreements` query shows them); the same rule of law cannot stand both ways.
                let same_rule = (&other.subject, other.predicate) == (&rule.subject, rule.predicate);
                if !other.de_jure || !same_rule || other.id <= rule.id {
                    continue;
                }
                if let Some(date) = together(rule, other, dataset_date) {
                    let (first, later) = order(rule, other);
                    diagnostics.push(
                        diagnostic(
                            &self.paths,
                            &later.at,
                            format!(
                                "'{}' contradicts '{}' ({} line {}), and both are de jure rules in force on {}",
                                later.id,
                                first.id,
                                file(&self.paths[first.at.file]),
                                first.at.line,
                                label(date)
                            ),
                        )
                        .with_hint("contradicting laws cannot both be in force: close the older one (replaced_by or valid_until), or mark the one that describes practice de_facto"),
                    );
                }
            }
        }
    }

    fn check_single_seats(&self, diagnostics: &mut Vec<Diagnostic>) {
        // Only tenures of single-seat posts were kept (see `add`).
        let mut by_post: FxHashMap<&str, Vec<&Tenure>> = FxHashMap::default();
        for tenure in &self.tenures {
            by_post.entry(&tenure.post).or_default().push(tenure);
        }
        // In the order of each post's first tenure, so that the same tables give the same report.
        let mut posts: Vec<&Vec<&Tenure>> = by_post.values().collect();
        posts.sort_unstable_by_key(|tenures| (tenures[0].at.file, tenures[0].at.line));
        for tenures in posts {
            for (i, a) in tenures.iter().enumerate() {
                for b in &tenures[i + 1..] {
                    let (Some(a_span), Some(b_span)) = (a.span, b.span) else {
                        continue;
                    };
                    if !surely_overlap(a_span, b_span) || a.person == b.person {
                        continue;
                    }
                    diagnostics.push(
                        diagnostic(
                            &self.paths,
                            &b.at,
                            format!(
                                "'{}' and '{}' ({} line {}) both hold '{}', a post with one seat, over overlapping periods",
                                b.person,
                                a.person,
                                file(&self.paths[a.at.file]),
                                a.at.line,
                                b.post
                            ),
                        )
                        .with_hint("one of the tenures ended when the other began: give its end, or check the dates and the post"),
                    );
                }
            }
        }
    }
}

/// A date at which two rules are compared; `None` when neither is dated (both hold on every
/// date).
type Checkpoint = Option<Date>;

/// A date on which both rules hold, if there is one: one of their starts (if they hold together
/// at all, they do from the day the later one took force), the dataset's date (for rules known
/// only to have ended, or undated), or any date when neither is dated. An undated rule is taken
/// to hold on those dates, not before every dated one (a rule that ended in 1995 and an undated
/// one are no conflict). Quadratic in the rules of one subject at most, not in every date.
fn together(a: &Rule, b: &Rule, dataset_date: Option<Date>) -> Option<Checkpoint> {
    let start = |r: &Rule| r.period.from.or(r.period.attested);
    let undated = |r: &Rule| r.period.knowledge() == super::Knowledge::Undated;
    if undated(a) && undated(b) {
        return Some(None);
    }
    let holds = |r: &Rule, d: Date| undated(r) || r.period.rule_holds_on(d).is_held();
    [start(a), start(b), dataset_date]
        .into_iter()
        .flatten()
        .find(|&d| holds(a, d) && holds(b, d))
        .map(Some)
}

fn label(date: Checkpoint) -> String {
    date.map_or_else(|| "every date (neither is dated)".to_owned(), |d| d.to_string())
}

/// Two unconditional rules that fill one post two ways on `date`: an error when both are de
/// jure, or when a practice seen before a law took force still stands beside that law.
fn fill_conflict(paths: &[PathBuf], a: &Rule, b: &Rule, date: Checkpoint) -> Option<Diagnostic> {
    let (first, later) = order(a, b);
    let when = label(date);
    let message = match (a.de_jure, b.de_jure) {
        (true, true) => format!(
            "'{}' ({} {}) and '{}' ({} {}, {} line {}) are both de jure and in force on {when}: a post is filled one way at a time",
            later.id,
            later.predicate,
            later.object,
            first.id,
            first.predicate,
            first.object,
            file(&paths[first.at.file]),
            first.at.line
        ),
        _ => {
            let (practice, law) = if a.de_jure { (b, a) } else { (a, b) };
            let seen = practice.period.from.or(practice.period.attested)?;
            let law_from = law.period.from?;
            if !seen.ends_before(law_from) {
                return None; // practice seen under the law: the law and practice differ, as sources say
            }
            format!(
                "'{}' (de facto, seen {seen}) still stands on {when} beside '{}' ({} {}, in force from {law_from}, {} line {})",
                practice.id,
                law.id,
                law.predicate,
                law.object,
                file(&paths[law.at.file]),
                law.at.line
            )
        }
    };
    // A practice is reported at its own row, which needs the replaced_by; two laws at the later.
    let at = if a.de_jure && b.de_jure {
        &later.at
    } else if a.de_jure {
        &b.at
    } else {
        &a.at
    };
    Some(diagnostic(paths, at, message).with_hint(
        "if the later rule replaced the other, name it in the other's replaced_by; if both held, a condition must tell them apart",
    ))
}

/// The earlier and the later of two rows (by file, then line).
fn order<'r>(a: &'r Rule, b: &'r Rule) -> (&'r Rule, &'r Rule) {
    if (a.at.file, a.at.line) <= (b.at.file, b.at.line) {
        (a, b)
    } else {
        (b, a)
    }
}

/// From when to when a tenure surely held, if its dates say: it began before its start surely
/// ended and ended after its end surely began. A tenure known only from an attestation is a
/// point; one with a start and no end is open.
fn sure_span(period: &Period) -> Option<Span> {
    let start = period.from.or(period.attested).and_then(Date::latest)?;
    let end = match (period.from, period.until) {
        (_, Some(until)) => until.earliest(),
        (Some(_), None) => Some((u16::MAX, 12, 31)),
        (None, None) => period.attested.and_then(Date::earliest),
    }?;
    Some((start, end))
}

/// Whether two tenures certainly overlap: each began before the other surely ended.
fn surely_overlap((sa, ea): Span, (sb, eb): Span) -> bool {
    sa.max(sb) < ea.min(eb) || (sa == sb && sa == ea && sb == eb)
}

fn diagnostic(paths: &[PathBuf], at: &At, message: String) -> Diagnostic {
    Diagnostic::new(&paths[at.file], at.line, Some(at.column), message)
}

fn file(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
