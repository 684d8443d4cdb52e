use std::collections::BTreeMap;

use super::tables::{Id, Names, Tables, Tenure};
use super::values::{qualifiers, string, time, years};
use super::{Export, HUMAN, POSITION, Reason, Report, TERM_CHARS};
use crate::error::{Error, Result};

impl Tables {
    pub(super) fn export(&self, create: bool) -> Result<Export> {
        let date = self
            .date
            .ok_or_else(|| Error::Usage("sources.csv has no dataset row with a date".to_owned()))?;
        let retrieved = time(date).ok_or_else(|| Error::Usage("the dataset's date has no year".to_owned()))?;
        let mut report = Report {
            tenures: self.tenures.len(),
            create,
            ..Report::default()
        };
        // Each tenure whose dates and reference can be written, with its P39 statement but the subject.
        let mut ready: Vec<(&Tenure, String)> = Vec::new();
        for tenure in &self.tenures {
            let mut reasons = Vec::new();
            let qualifiers = qualifiers(tenure).map_err(|r| reasons.push(r)).ok();
            let reference = self
                .reference(&tenure.cited, &retrieved)
                .map_err(|r| reasons.push(r))
                .ok();
            match (qualifiers, reference) {
                (Some(q), Some(r)) => ready.push((tenure, format!("{q}\t{r}"))),
                _ => report.skipped.push((tenure.id.clone(), reasons)),
            }
        }
        // The items to create: the people and posts without an id of the tenures that are ready.
        let missing = |id: &str| matches!(self.id(id), Id::Missing);
        let mut new_posts: BTreeMap<&str, Result<Vec<String>, Reason>> = BTreeMap::new();
        let mut new_people: BTreeMap<&str, Result<Vec<String>, Reason>> = BTreeMap::new();
        if create {
            for (tenure, _) in &ready {
                if missing(&tenure.post) && !new_posts.contains_key(tenure.post.as_str()) {
                    new_posts.insert(&tenure.post, self.post_item(&tenure.post, &retrieved));
                }
                if missing(&tenure.person) && !new_people.contains_key(tenure.person.as_str()) {
                    new_people.insert(&tenure.person, self.person_item(tenure, &retrieved));
                }
            }
        }
        let not_created = |items: &BTreeMap<&str, Result<Vec<String>, Reason>>, id: &str| match items.get(id) {
            Some(Err(why)) => Some(Reason::NotCreated(id.to_owned(), Box::new(why.clone()))),
            _ => None,
        };
        let mut statements: Vec<String> = Vec::new();
        let mut under_person: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut pairs: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        let mut exported = Vec::new();
        for (tenure, rest) in &ready {
            let mut reasons = Vec::new();
            let post = match self.id(&tenure.post) {
                Id::Known(q) => Some(q),
                Id::Ambiguous(ids) => {
                    reasons.push(Reason::AmbiguousId(tenure.post.clone(), ids));
                    None
                }
                Id::Missing if create => {
                    let why = not_created(&new_posts, &tenure.post);
                    reasons.push(why.unwrap_or_else(|| Reason::PostCreated(tenure.post.clone())));
                    None
                }
                Id::Missing => {
                    reasons.push(Reason::PostWithoutId(tenure.post.clone()));
                    None
                }
            };
            let person = match self.id(&tenure.person) {
                Id::Known(q) => Some(q.to_owned()),
                Id::Ambiguous(ids) => {
                    reasons.push(Reason::AmbiguousId(tenure.person.clone(), ids));
                    None
                }
                Id::Missing if create => match not_created(&new_people, &tenure.person) {
                    Some(why) => {
                        reasons.push(why);
                        None
                    }
                    None => Some("LAST".to_owned()),
                },
                Id::Missing => {
                    reasons.push(Reason::PersonWithoutId(tenure.person.clone()));
                    None
                }
            };
            match (person, post) {
                (Some(person), Some(post)) if reasons.is_empty() => {
                    let line = format!("{person}\tP39\t{post}\t{rest}");
                    if person == "LAST" {
                        under_person.entry(&tenure.person).or_default().push(line);
                    } else {
                        statements.push(line);
                    }
                    pairs
                        .entry((&tenure.person, &tenure.post))
                        .or_default()
                        .push(&tenure.id);
                    exported.push(tenure.id.as_str());
                }
                _ => report.skipped.push((tenure.id.clone(), reasons)),
            }
        }
        for (_, reasons) in &mut report.skipped {
            reasons.sort();
        }
        report.skipped.sort();
        report.statements = exported.len();
        let mut lines = statements;
        for (kind, items) in [("post", &new_posts), ("person", &new_people)] {
            for (id, item) in items {
                let Ok(item) = item else { continue };
                let table = if kind == "post" { &self.posts } else { &self.people };
                let label = table.get(*id).map_or(String::new(), |e| e.names.en.clone());
                report.created.push((kind, (*id).to_owned(), label));
                lines.push("CREATE".to_owned());
                lines.extend(item.iter().cloned());
                lines.extend(under_person.remove(*id).into_iter().flatten());
            }
        }
        for ((person, post), tenures) in &pairs {
            if tenures.len() > 1 {
                report.warnings.push(format!(
                    "{person} holds {post} in several tenures ({}): QuickStatements adds a statement whose item, property and value exist to that statement, so their dates go on one P39",
                    tenures.join(", ")
                ));
            }
        }
        let curly = lines.iter().filter(|l| l.contains(['\u{201c}', '\u{201d}'])).count();
        if curly > 0 {
            report.warnings.push(format!(
                "{curly} lines hold curly quotation marks (“ ”), which QuickStatements 3.0 turns into straight ones (\")"
            ));
        }
        Ok(Export { lines, report })
    }

    /// The commands after `CREATE` for a person: labels, a description from the tenure, P31 human.
    /// No citizenship (P27): no table states one.
    fn person_item(&self, tenure: &Tenure, retrieved: &str) -> Result<Vec<String>, Reason> {
        let person = self
            .people
            .get(&tenure.person)
            .ok_or_else(|| Reason::PersonWithoutId(tenure.person.clone()))?;
        let post = self
            .posts
            .get(&tenure.post)
            .map_or(tenure.post.as_str(), |p| p.names.en.as_str());
        let description = format!("{post} ({})", years(tenure));
        let mut lines = terms(&person.names, &description)?;
        let reference = self.reference(&person.cited, retrieved)?;
        lines.push(format!("LAST\tP31\t{HUMAN}\t{reference}"));
        Ok(lines)
    }

    /// The commands after `CREATE` for a post: labels, a description from its body or unit, P31
    /// position, P17 country and P1001 the jurisdiction where their items are known.
    fn post_item(&self, id: &str, retrieved: &str) -> Result<Vec<String>, Reason> {
        let post = self.posts.get(id).ok_or_else(|| Reason::PostWithoutId(id.to_owned()))?;
        let within = match (self.bodies.get(&post.body), self.units.get(&post.unit)) {
            (Some(body), _) => format!("position in {}", body.name),
            (None, Some(unit)) => format!("position in {}", unit.name),
            (None, None) => "position".to_owned(),
        };
        let mut lines = terms(&post.names, &within)?;
        let reference = self.reference(&post.cited, retrieved)?;
        lines.push(format!("LAST\tP31\t{POSITION}\t{reference}"));
        if let Some(country) = self.country(post) {
            lines.push(format!("LAST\tP17\t{country}\t{reference}"));
        }
        if let Some(Id::Known(unit)) = self.jurisdiction(post).map(|u| self.id(u)) {
            lines.push(format!("LAST\tP1001\t{unit}\t{reference}"));
        }
        Ok(lines)
    }
}

/// `LAST Len/Lru/Lkk` labels and `LAST Den` description.
fn terms(names: &Names, description: &str) -> Result<Vec<String>, Reason> {
    let mut lines = Vec::new();
    for (lang, name) in [("en", &names.en), ("ru", &names.ru), ("kk", &names.kk)] {
        if !name.is_empty() {
            lines.push(format!(
                "LAST\tL{lang}\t{}",
                string(name, "the label", Some(TERM_CHARS))?
            ));
        }
    }
    lines.push(format!(
        "LAST\tDen\t{}",
        string(description, "the description", Some(TERM_CHARS))?
    ));
    Ok(lines)
}
