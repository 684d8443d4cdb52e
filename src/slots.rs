//! A hash table of 8-byte slots, for the tables of millions of keys that a big load looks up
//! millions of times (the ids of the tables, the terms of the graph), most lookups missing the
//! caches.
//!
//! A slot holds a tag (the high 32 bits of the key's hash, never 0) above a value plus one (0 is
//! an empty slot); the caller keeps the keys and tells whether a value's key is the one sought.
//! A general hash map reads a control byte and then a bucket elsewhere, and must hash every key
//! again to grow; here a lookup reads one slot (then the caller's key), and the slots grow from
//! their tags alone. A key's first slot is given by its tag's top bits, probing linearly.

/// The slots, a power of two of them, at most three quarters used.
#[derive(Debug, Default)]
pub struct Slots {
    slots: Vec<u64>,
    len: usize,
}

/// The tag of a key whose hash is `hash`.
pub fn tag(hash: u64) -> u32 {
    ((hash >> 32) as u32).max(1)
}

impl Slots {
    /// The value of the key tagged `tag` that `is` recognises, or else the free slot where it
    /// would go (for [`Slots::insert_at`]; call [`Slots::reserve_one`] before looking).
    pub fn find(&self, tag: u32, is: impl Fn(u32) -> bool) -> Result<u32, usize> {
        if self.slots.is_empty() {
            return Err(usize::MAX);
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(tag);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return Err(at);
            }
            let value = (slot as u32).wrapping_sub(1);
            if (slot >> 32) as u32 == tag && is(value) {
                return Ok(value);
            }
            at = (at + 1) & mask;
        }
    }

    /// The value in the first slot of `tag`, if it holds one: read ahead of a lookup (with the
    /// key it names) so that the loads of many lookups overlap instead of waiting in turn.
    pub fn first(&self, tag: u32) -> Option<u32> {
        let slot = *self.slots.get(self.home(tag))?;
        (slot != 0).then(|| (slot as u32).wrapping_sub(1))
    }

    /// Makes room for one more key; the free slot [`Slots::find`] returned before is stale.
    pub fn reserve_one(&mut self) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
    }

    /// Puts `value` (below `u32::MAX`) for a key tagged `tag` in the free slot `at` that
    /// [`Slots::find`] returned.
    pub fn insert_at(&mut self, at: usize, tag: u32, value: u32) {
        assert!(value < u32::MAX, "fewer than 2^32 - 1 values");
        self.slots[at] = u64::from(tag) << 32 | u64::from(value + 1);
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn home(&self, tag: u32) -> usize {
        (u64::from(tag) >> (32 - self.slots.len().trailing_zeros().min(32))) as usize
    }

    /// Doubles the slots, placing each used one again by its tag; in tag order, so that the new
    /// slots are written front to back.
    fn grow(&mut self) {
        let doubled = vec![0; (self.slots.len() * 2).max(1024)];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mut used: Vec<u64> = old.into_iter().filter(|&slot| slot != 0).collect();
        used.sort_unstable_by_key(|slot| slot >> 32);
        let mask = self.slots.len() - 1;
        for slot in used {
            let mut at = self.home((slot >> 32) as u32);
            while self.slots[at] != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys whose tags collide are told apart by the caller, across growth.
    #[test]
    fn values_are_found_by_tag_and_key_across_growth() {
        let keys: Vec<u64> = (0..5000).collect();
        // Every fifth key shares a tag with the one before: the caller's check tells them apart.
        let tag_of = |key: u64| tag((key - key % 5 / 4) << 40 | 1 << 32);
        let mut slots = Slots::default();
        for (value, &key) in keys.iter().enumerate() {
            slots.reserve_one();
            let at = slots.find(tag_of(key), |v| keys[v as usize] == key).unwrap_err();
            slots.insert_at(at, tag_of(key), value as u32);
        }
        assert_eq!(slots.len(), keys.len());
        for (value, &key) in keys.iter().enumerate() {
            assert_eq!(slots.find(tag_of(key), |v| keys[v as usize] == key), Ok(value as u32));
        }
        assert!(slots.find(tag_of(7000), |v| keys[v as usize] == 7000).is_err());
        assert!(Slots::default().first(tag_of(1)).is_none());
    }
}
