//! The lookup tables the generator emits: open addressing over a hash chosen at build time.
//!
//! Keys are placed by the generator with the very function used here (its source is emitted
//! into errcat's built-in catalog as `builtin::hash`), in a table at most half full, so a probe for an
//! unknown key ends at an empty slot after one or two steps. Each slot keeps 32 bits of the
//! key's hash, so a miss is almost always rejected without comparing strings.

/// A static string → value table: an entry's position in its catalog, or for the
/// cross-vendor table the catalog and that position.
#[doc(hidden)]
pub struct Table<V: 'static = u32> {
    /// The seed the generator chose for this table's keys.
    pub seed: u64,
    /// Power-of-two many `(hash >> 32, key index + 1)` pairs; `(_, 0)` is empty.
    pub slots: &'static [(u32, u32)],
    /// The keys, in the order the slots number them.
    pub keys: &'static [&'static str],
    /// The value of each key.
    pub values: &'static [V],
}

impl<V: Copy> Table<V> {
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<V> {
        let h = crate::builtin::hash::hash(self.seed, key.as_bytes());
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
                if self.keys.get(k).is_some_and(|known| same(known, key)) {
                    return self.values.get(k).copied();
                }
            }
            i = (i + 1) & mask;
        }
        None
    }
}

/// String equality without a `memcmp` call for keys of up to 16 bytes, which is nearly every
/// vendor code: the call cost as much as the rest of a lookup. The same overlapping loads as
/// the hash's tail cover every byte (first 8 and last 8, or first 4 and last 4, or bytes 0,
/// n/2 and n-1 of a 1- to 3-byte key).
#[inline]
fn same(a: &str, b: &str) -> bool {
    use crate::builtin::hash::{tail, word};
    let (a, b) = (a.as_bytes(), b.as_bytes());
    match a.len() {
        n if n != b.len() => false,
        0..=8 => tail(a) == tail(b),
        9..=16 => word(a) == word(b) && tail(a) == tail(b),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn same_compares_every_byte() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefgh",
            "abcdefghi",
        ];
        let longer = ["abcdefghijklmnop", "abcdefghijklmnopq", "401-001-0003"];
        for w in words.iter().chain(&longer) {
            assert!(same(w, w));
            for i in 0..w.len() {
                let mut changed = w.as_bytes().to_vec();
                changed[i] ^= 1;
                let changed = String::from_utf8(changed).expect("ASCII stays ASCII");
                assert!(!same(w, &changed), "{w:?} vs {changed:?}");
            }
            assert!(!same(w, &format!("{w}x")));
        }
    }
}
