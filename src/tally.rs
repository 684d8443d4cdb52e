//! Counting by a string key seen borrowed: counts per row (a class, a source, a relation) on big
//! tables, where a key allocated for every row, or looked up in a sorted map, costs more than the
//! rest of the row's work.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

/// Counts per key; a key is allocated once, the first time it is seen.
#[derive(Debug, Default)]
pub struct Tally(FxHashMap<Box<str>, usize>);

impl Tally {
    pub fn add(&mut self, key: &str) {
        match self.0.get_mut(key) {
            Some(count) => *count += 1,
            None => {
                self.0.insert(key.into(), 1);
            }
        }
    }

    /// The keys and their counts, in no order.
    pub fn counts(self) -> impl Iterator<Item = (Box<str>, usize)> {
        self.0.into_iter()
    }

    /// The counts by key, sorted.
    pub fn sorted(self) -> BTreeMap<String, usize> {
        self.counts().map(|(key, count)| (key.into(), count)).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_each_key_and_sorts_them() {
        let mut tally = super::Tally::default();
        for key in ["b", "a", "b", "c", "b"] {
            tally.add(key);
        }
        let sorted: Vec<(String, usize)> = tally.sorted().into_iter().collect();
        assert_eq!(sorted, [("a".into(), 1), ("b".into(), 3), ("c".into(), 1)]);
    }
}
