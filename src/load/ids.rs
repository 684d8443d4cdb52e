//! The ids of every table, in a table made for a million lookups.
//!
//! Pass two looks up every reference of every row: at a million rows, several million lookups
//! over a million ids, most of them missing the caches. A general hash map keeps each id with
//! its entry in a bucket of 48 bytes and reads the key from a second place when it is long.
//! Here a lookup reads one 8-byte slot ([`Slots`]: a tag of the hash and where the id is kept)
//! and then the record it points to, which holds the id's bytes and its definition side by
//! side. The records are appended in the order ids are defined, so a walk over them is in that
//! order.

use std::hash::BuildHasher;

use super::registry::Entry;
use crate::schema::{TABLES, Table};
use crate::slots::{Slots, tag};

/// Ids and where each is defined. Ids are the user's own, so no hash flooding is feared.
#[derive(Debug, Default)]
pub(super) struct Ids {
    /// The offset of each id's record in `records`.
    slots: Slots,
    /// Records of `[line: u64][id length: u32][table index: u8][id bytes]`, little-endian.
    records: Vec<u8>,
    /// The table of the last id inserted, and its index: ids come a table at a time.
    last_table: Option<(&'static Table, u8)>,
    hasher: hashbrown::DefaultHashBuilder,
}

const HEADER: usize = 8 + 4 + 1;

impl Ids {
    /// The definition of `id`, when it has one.
    pub(super) fn get(&self, id: &str) -> Option<Entry> {
        self.find(id).ok().map(|offset| self.entry_at(offset))
    }

    /// Where `id` is: the offset of its record, or else the free slot where it would go.
    fn find(&self, id: &str) -> Result<usize, usize> {
        let is = |offset: u32| self.id_at(offset as usize) == id.as_bytes();
        self.slots.find(self.tag(id), is).map(|offset| offset as usize)
    }

    /// Reads the first slot and the record of each of `ids` ahead of their lookups: loads that
    /// do not wait on one another run many at once, where the lookups of a row's checks, with
    /// work between them, would each wait for memory in turn.
    pub(super) fn prefetch(&self, ids: &[&str]) {
        if self.slots.is_empty() {
            return;
        }
        let firsts: Vec<Option<u32>> = ids.iter().map(|id| self.slots.first(self.tag(id))).collect();
        let touched: u64 = firsts
            .iter()
            .flatten()
            .map(|&offset| u64::from(self.records[offset as usize]))
            .sum();
        std::hint::black_box(touched);
    }

    /// Records `id` as defined at `entry`; false (and nothing recorded) when it already is.
    pub(super) fn insert(&mut self, id: &str, entry: Entry) -> bool {
        self.slots.reserve_one();
        let Err(at) = self.find(id) else {
            return false;
        };
        let offset = self.records.len();
        let table = self.table_index(entry);
        self.records.extend_from_slice(&entry.line.to_le_bytes());
        self.records.extend_from_slice(&(id.len() as u32).to_le_bytes());
        self.records.push(table);
        self.records.extend_from_slice(id.as_bytes());
        let offset = u32::try_from(offset).expect("ids of less than 4 GB in all");
        self.slots.insert_at(at, self.tag(id), offset);
        true
    }

    /// Every id with its definition, in the order they were defined.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, Entry)> {
        let mut offset = 0;
        std::iter::from_fn(move || {
            if offset >= self.records.len() {
                return None;
            }
            let id = self.id_at(offset);
            let entry = self.entry_at(offset);
            offset += HEADER + id.len();
            Some((std::str::from_utf8(id).expect("ids are inserted as text"), entry))
        })
    }

    /// The index in `TABLES` of the table of `entry`, found by name (`TABLES` is a constant,
    /// and its copies need not share an address) once per run of ids of one table.
    fn table_index(&mut self, entry: Entry) -> u8 {
        match self.last_table {
            Some((table, index)) if table.name == entry.table.name => index,
            _ => {
                let index = TABLES
                    .iter()
                    .position(|t| t.name == entry.table.name)
                    .expect("a table of the schema") as u8;
                self.last_table = Some((entry.table, index));
                index
            }
        }
    }

    fn tag(&self, id: &str) -> u32 {
        tag(self.hasher.hash_one(id))
    }

    fn id_at(&self, offset: usize) -> &[u8] {
        let len = u32::from_le_bytes(self.records[offset + 8..offset + 12].try_into().expect("4 bytes"));
        &self.records[offset + HEADER..offset + HEADER + len as usize]
    }

    fn entry_at(&self, offset: usize) -> Entry {
        let table = &TABLES[usize::from(self.records[offset + 12])];
        Entry {
            table,
            line: u64::from_le_bytes(self.records[offset..offset + 8].try_into().expect("8 bytes")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_with_their_definitions_and_walked_in_order() {
        let people = crate::schema::table("people").unwrap();
        let units = crate::schema::table("units").unwrap();
        let mut ids = Ids::default();
        let count = 5000u64;
        for n in 0..count {
            let table = if n % 2 == 0 { people } else { units };
            let entry = Entry { table, line: n + 2 };
            assert!(ids.insert(&format!("id-{n}"), entry));
        }
        assert!(!ids.insert("id-7", Entry { table: people, line: 1 }), "defined already");
        for n in 0..count {
            let entry = ids.get(&format!("id-{n}")).expect("defined");
            assert_eq!(entry.line, n + 2);
            let table = if n % 2 == 0 { people } else { units };
            assert_eq!((entry.kind(), entry.table.name), (table.kind, table.name));
        }
        assert!(ids.get("id-5000").is_none());
        assert!(ids.get("").is_none());
        let walked: Vec<(String, u64)> = ids.iter().map(|(id, e)| (id.to_owned(), e.line)).collect();
        let expected: Vec<(String, u64)> = (0..count).map(|n| (format!("id-{n}"), n + 2)).collect();
        assert_eq!(walked, expected);
    }
}
