//! The lookup tables the generator emits: open addressing over a hash chosen at build time.
//!
//! Keys are placed by the generator with the very function used here (its source is emitted
//! into the catalog as `catalog::hash`), in a table at most half full, so a probe for an
//! unknown key ends at an empty slot after one or two steps. Each slot keeps 32 bits of the
//! key's hash, so a miss is almost always rejected without comparing strings.

/// A static string → entry-index table.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) seed: u64,
    /// Power-of-two many `(hash >> 32, key index + 1)` pairs; `(_, 0)` is empty.
    pub(crate) slots: &'static [(u32, u32)],
    pub(crate) keys: &'static [&'static str],
    /// Global entry index of each key.
    pub(crate) values: &'static [u32],
}

impl Table {
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        let h = crate::catalog::hash::hash(self.seed, key.as_bytes());
        let mask = self.slots.len().wrapping_sub(1);
        let fingerprint = (h >> 32) as u32;
        let mut i = h as usize & mask;
        // Bounded by the table's length even if the table were full.
        for _ in 0..self.slots.len() {
            let (fp, k) = *self.slots.get(i)?;
            if k == 0 {
                return None;
            }
            if fp == fingerprint {
                let k = k as usize - 1;
                if self.keys.get(k) == Some(&key) {
                    return self.values.get(k).map(|&v| v as usize);
                }
            }
            i = (i + 1) & mask;
        }
        None
    }
}
