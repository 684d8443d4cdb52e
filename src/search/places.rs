//! Where an entity lies, for the region a candidate is shown with and `--region` keeps.
//!
//! Each row says what its entity is in: a unit is `part_of` the one above, a post serves a
//! `unit` and is in a `body`, a body governs a `unit` and may be part of a `parent`, an event
//! took place at its `location`s, and a tenure puts a person in a post. The regions of an entity
//! are the first regional units (regions and cities of republican significance, as the schema
//! marks them) reached by following these links up: the same rule as the network's `region`
//! attribute, extended to people through the posts they held.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::rdf::{Row, Value};
use crate::schema::Shape;

/// The columns that place an entity in another.
const PLACING: &[&str] = &["part_of", "unit", "body", "parent", "location"];

/// What each entity lies in, serves or held.
#[derive(Debug, Default)]
pub struct Places {
    within: HashMap<String, Vec<String>>,
}

impl Places {
    pub fn add(&mut self, row: &Row<'_>) {
        let (id, targets): (&str, Vec<&str>) = match row.table.shape {
            Shape::Entity => {
                let targets = PLACING
                    .iter()
                    .flat_map(|column| match row.get(column) {
                        Some(Value::Ref(id, _)) => vec![*id],
                        Some(Value::Refs(refs)) => refs.iter().map(|(id, _)| *id).collect(),
                        _ => Vec::new(),
                    })
                    .collect();
                (row.text("id"), targets)
            }
            Shape::Tenure => (row.text("person"), vec![row.text("post")]),
            _ => return,
        };
        if !targets.is_empty() {
            let list = self.within.entry(id.to_owned()).or_default();
            list.extend(targets.into_iter().map(str::to_owned));
        }
    }

    /// The regional units `id` lies in, sorted: itself when it is one.
    pub fn regions(&self, id: &str, regional: &[&str]) -> Vec<String> {
        let mut found = BTreeSet::new();
        let mut seen = HashSet::new();
        let mut stack = vec![id];
        while let Some(at) = stack.pop() {
            if !seen.insert(at) {
                continue;
            }
            if regional.contains(&at) {
                found.insert(at.to_owned());
                continue;
            }
            stack.extend(self.within.get(at).into_iter().flatten().map(String::as_str));
        }
        found.into_iter().collect()
    }
}
