//! The string hash used by the generated lookup tables.
//!
//! This file is compiled into the generator, which places keys with it, and its text is also
//! emitted into the generated catalog, which looks keys up with it: one definition, so the two
//! sides cannot disagree. It must stay free of `use` items and other dependencies.

/// Hashes `key` with `seed`: a multiply-rotate mix over 8-byte words, the shape of rustc's
/// FxHash. Not DoS-resistant, and it need not be: the keys of a table are fixed at build time,
/// and a probe sequence for an unknown key ends at the first empty slot of a half-empty table.
#[inline]
pub fn hash(seed: u64, key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(K);
    let mut words = key.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}
