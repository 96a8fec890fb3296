//! The string hash used by the generated lookup tables.
//!
//! This file is compiled into the generator, which places keys with it, and its text is also
//! emitted into the generated catalog, which looks keys up with it: one definition, so the two
//! sides cannot disagree. It must stay free of `use` items and other dependencies.

/// Hashes `key` with `seed`: a multiply-rotate mix over 8-byte words, the shape of rustc's
/// FxHash. Not DoS-resistant, and it need not be: the keys of a table are fixed at build time,
/// and a probe sequence for an unknown key ends at the first empty slot of a half-empty table.
///
/// The last, partial word is read as overlapping loads (the way wyhash does) rather than copied
/// into a buffer: a variable-length copy is a `memcpy` call, which cost more than the rest of
/// the hash for codes of 3 to 16 bytes. The length is mixed in first, so the overlap cannot
/// make two keys of different lengths collide systematically.
#[inline(always)]
pub fn hash(seed: u64, key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(K);
    let mut rest = key;
    while rest.len() > 8 {
        h = (h.rotate_left(5) ^ word(rest)).wrapping_mul(K);
        rest = &rest[8..];
    }
    h = (h.rotate_left(5) ^ tail(key)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// The first 8 bytes of `b` (0 if it has fewer), little-endian, as one load.
// Forced, like `hash`: a call per word cost more than the load it makes.
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn word(b: &[u8]) -> u64 {
    b.first_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w))
}

/// The last up-to-8 bytes of `key`, every byte of them included, with no copy.
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn tail(key: &[u8]) -> u64 {
    let n = key.len();
    if let Some(w) = key.last_chunk::<8>() {
        u64::from_le_bytes(*w)
    } else if let (Some(lo), Some(hi)) = (key.first_chunk::<4>(), key.last_chunk::<4>()) {
        u64::from(u32::from_le_bytes(*lo)) | (u64::from(u32::from_le_bytes(*hi)) << 32)
    } else if let (Some(&a), Some(&b), Some(&c)) = (key.first(), key.get(n / 2), key.last()) {
        u64::from(a) | (u64::from(b) << 8) | (u64::from(c) << 16)
    } else {
        0
    }
}
