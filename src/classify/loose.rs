//! Comparing vendor messages loosely: up to ASCII case and runs of whitespace, with a hash
//! of the same loose form to rule candidates out before comparing.

/// Whether two messages are the same up to ASCII case and runs of whitespace (including
/// leading and trailing whitespace): ADP's documented `"Consent not provided "` matches a
/// wire `"consent not provided"`.
pub(crate) fn loose_eq(a: &str, b: &str) -> bool {
    // Byte by byte while the text is ASCII, which nearly all vendor text is: splitting into
    // words char by char cost a third of classifying an ADP OAuth error, where `loose_eq`
    // runs once per catalog entry. The first non-ASCII byte hands over to the word-wise
    // comparison, which knows Unicode whitespace.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    // Texts compared here mostly do match (the hash ruled the others out), usually byte for
    // byte up to case, which a plain slice comparison settles at once.
    if x.len() == y.len() && x.eq_ignore_ascii_case(y) {
        return true;
    }
    // `char::is_whitespace` for ASCII, which includes the vertical tab.
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    let skip = |s: &[u8], mut k: usize| {
        while s.get(k).is_some_and(|&c| ws(c)) {
            k += 1;
        }
        k
    };
    // Skip the prefix the two share byte for byte (up to case) in one tight loop: a wire
    // message often equals the entry's for a long stretch and differs near the end (IRIS's
    // `log_trace` filler). Back up to the start of a whitespace run, where the loop below
    // must see both sides' runs to compare them.
    let mut k = x
        .iter()
        .zip(y)
        .position(|(c, d)| !c.is_ascii() || !c.eq_ignore_ascii_case(d))
        .unwrap_or(x.len().min(y.len()));
    while k > 0 && ws(x[k - 1]) {
        k -= 1;
    }
    let (mut i, mut j) = if k == 0 {
        (skip(x, 0), skip(y, 0))
    } else {
        (k, k)
    };
    loop {
        match (x.get(i), y.get(j)) {
            (None, None) => return true,
            (Some(&c), Some(&d)) if c.is_ascii() && d.is_ascii() => match (ws(c), ws(d)) {
                (true, true) => (i, j) = (skip(x, i), skip(y, j)),
                (false, false) if c.eq_ignore_ascii_case(&d) => (i, j) = (i + 1, j + 1),
                _ => return false,
            },
            // One side has ended: the other may only have whitespace left.
            (Some(&c), None) if c.is_ascii() => {
                i = skip(x, i);
                if x.get(i).is_some_and(|&c| c.is_ascii()) {
                    return false;
                }
            }
            (None, Some(&d)) if d.is_ascii() => {
                j = skip(y, j);
                if y.get(j).is_some_and(|&d| d.is_ascii()) {
                    return false;
                }
            }
            _ => return loose_eq_words(a, b),
        }
    }
}

/// A hash of the loose form `loose_eq` compares (the words, ASCII-lowercased): equal for
/// any two texts `loose_eq` calls equal, so it can rule out candidates before comparing.
/// Only the first `HASHED` bytes of that form count: enough to tell the catalog's messages
/// apart, while long vendor messages are not hashed to the end for nothing.
pub(crate) fn loose_hash(s: &str) -> u64 {
    let mut left = HASHED;
    let mut h = FNV_OFFSET;
    let (mut in_word, mut gap) = (false, false);
    for c in s.chars() {
        if c.is_whitespace() {
            gap = in_word;
            continue;
        }
        if gap {
            // 0xFF never occurs in UTF-8, so it cannot be confused with a word's bytes.
            h = feed(h, 0xFF);
            gap = false;
        }
        in_word = true;
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = feed(h, b.to_ascii_lowercase());
        }
        // Counted per character, the same way for both texts: equal loose forms hash equal.
        left -= 1;
        if left == 0 {
            break;
        }
    }
    h
}

const HASHED: usize = 24;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn feed(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

fn loose_eq_words(a: &str, b: &str) -> bool {
    // Most comparisons are against the wrong entry: reject on the first letter before
    // splitting into words.
    let first = |s: &str| {
        s.trim_start()
            .bytes()
            .next()
            .map(|c| c.to_ascii_lowercase())
    };
    if first(a) != first(b) {
        return false;
    }
    let mut a = words(a);
    let mut b = words(b);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
            _ => return false,
        }
    }
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_agrees_with_words() {
        let samples = [
            "",
            " ",
            "a",
            "A",
            "ab",
            "a b",
            "a  b",
            " a b ",
            "a\tb",
            "a\x0Bb",
            "ab ",
            "\nab",
            "a\u{a0}b",
            "ab\u{a0}",
            "\u{2003}ab",
            "é b",
            "É b",
            "Consent not provided ",
            "consent  NOT provided",
            "Consent provided",
            "invalid_client",
            "invalid_request",
            "Invalid client credentials",
            "invalid client credentials.",
        ];
        for a in samples {
            for b in samples {
                assert_eq!(loose_eq(a, b), loose_eq_words(a, b), "{a:?} vs {b:?}");
                if loose_eq(a, b) {
                    assert_eq!(loose_hash(a), loose_hash(b), "{a:?} vs {b:?}");
                }
            }
        }
    }

    #[test]
    fn loose() {
        assert!(loose_eq("Consent not provided ", "consent  NOT provided"));
        assert!(!loose_eq("Consent not provided", "Consent provided"));
        assert!(!loose_eq("a", ""));
    }
}
