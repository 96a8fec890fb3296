//! Text helpers for untrusted vendor text: capping, escaping, tolerant comparison, and the
//! few scans the classifier needs. Every function here is linear in its input and never
//! allocates more than its output.

use std::fmt;

/// The most bytes of one piece of vendor text (a message, a code, a trace id) the
/// classifier keeps; longer text is cut at a character boundary and ends in `…`.
pub(crate) const MAX_KEPT: usize = 1024;
/// The most characters of one piece of vendor text that `Display` shows.
pub(crate) const MAX_SHOWN: usize = 256;
/// Wire codes and trace ids are short; anything longer is not one we could quote anyway.
pub(crate) const MAX_ID: usize = 128;

/// `s` with surrounding whitespace removed and cut to at most `max` bytes (plus `…`).
pub(crate) fn cap(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end + '…'.len_utf8());
    out.push_str(&s[..end]);
    out.push('…');
    out
}

/// Vendor text made safe for a log line: control characters, and the Unicode controls that
/// reorder or hide text, are written as escapes (`\n`, `\u{1b}`), and at most `max`
/// characters are shown, followed by `…`.
pub(crate) struct Escaped<'a> {
    pub(crate) text: &'a str,
    pub(crate) max: usize,
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        for (n, c) in self.text.chars().enumerate() {
            if n == self.max {
                return f.write_char('…');
            }
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\\' => f.write_str("\\\\")?,
                c if needs_escape(c) => write!(f, "\\u{{{:x}}}", c as u32)?,
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// Untrusted text (a vendor's message, a wire code, a trace id) made safe for one log line:
/// control characters and the Unicode controls that reorder or hide text are shown as escapes
/// (`\n`, `\u{1b}`, `\u{202e}`), and at most 256 characters are shown, then `…`.
/// [`ApiError`](crate::ApiError)'s `Display` shows body text this way.
///
/// ```
/// let detail = "bad\n\u{1b}[31mINFO forged line";
/// assert_eq!(errcat::escaped(detail).to_string(), "bad\\n\\u{1b}[31mINFO forged line");
/// ```
pub fn escaped(text: &str) -> impl fmt::Display + '_ {
    Escaped {
        text,
        max: MAX_SHOWN,
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        // Bidirectional overrides and isolates (Trojan Source), zero-width characters, BOM,
        // line and paragraph separators: each can make a log line read differently.
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

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

/// The first IRIS-style code (`401-001-0003`, `500-001-00014`) in `text`, not glued to other
/// letters or digits. Each position is tested against a fixed-length pattern, so this is
/// linear.
pub(crate) fn find_iris_code(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| {
        b.get(from..from + n)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let mut i = 0;
    while i + 12 <= b.len() {
        let starts = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if starts
            && digits(i, 3)
            && b[i + 3] == b'-'
            && digits(i + 4, 3)
            && b[i + 7] == b'-'
            && digits(i + 8, 4)
        {
            let len = if digits(i + 12, 1) { 13 } else { 12 };
            let ends = b.get(i + len).is_none_or(|c| !c.is_ascii_alphanumeric());
            if ends {
                return text.get(i..i + len);
            }
        }
        i += 1;
    }
    None
}

/// The token after `key` (e.g. `log_trace:`) in `text`: letters, digits, `-`, `_`, `.`.
pub(crate) fn find_token_after<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let at = find_key(text, key)? + key.len();
    let rest = text[at..].trim_start_matches([' ', '\t', '=', '"']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// `text.find(key)` for a short ASCII key: jumping between occurrences of its first byte
/// beats setting up a two-way searcher on every call, and a fixed key keeps it linear.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let (t, k) = (text.as_bytes(), key.as_bytes());
    let Some(&first) = k.first() else {
        return Some(0);
    };
    let mut from = 0;
    while let Some(at) = t.get(from..)?.iter().position(|&b| b == first) {
        if t[from + at..].starts_with(k) {
            return Some(from + at);
        }
        from += at + 1;
    }
    None
}

/// The text of an HTML page's `<title>`, or of its first `<h1>`: what a gateway error page
/// says (`504 Gateway Time-out`).
pub(crate) fn html_title(html: &str) -> Option<&str> {
    for tag in ["title", "h1"] {
        if let Some(t) = element_text(html, tag) {
            return Some(t);
        }
    }
    None
}

fn element_text<'t>(html: &'t str, tag: &str) -> Option<&'t str> {
    let open = find_tag(html.as_bytes(), b"", tag.as_bytes())?;
    let after = open + html[open..].find('>')? + 1;
    let len = find_tag(&html.as_bytes()[after..], b"/", tag.as_bytes())?;
    let text = html.get(after..after + len)?.trim();
    (!text.is_empty()).then_some(text)
}

/// Where `<` + `slash` + `tag` first starts in `haystack`, ignoring ASCII case. Jumping from
/// `<` to `<` keeps this linear, and spares the per-call `format!` of the needle.
fn find_tag(haystack: &[u8], slash: &[u8], tag: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = haystack.get(from..)?.iter().position(|&b| b == b'<') {
        let lt = from + at;
        let rest = &haystack[lt + 1..];
        let matches = rest.starts_with(slash)
            && rest
                .get(slash.len()..slash.len() + tag.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(tag));
        if matches {
            return Some(lt);
        }
        from = lt + 1;
    }
    None
}

/// Whether a body that is not JSON looks like an HTML page.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    let head = &t[..t.len().min(64)];
    head.first() == Some(&b'<')
        && (find_ascii_ci_bytes(head, b"<!doctype html")
            || find_ascii_ci_bytes(head, b"<html")
            || find_ascii_ci_bytes(head, b"<head")
            || find_ascii_ci_bytes(head, b"<body")
            || find_ascii_ci_bytes(head, b"<h1")
            || find_ascii_ci_bytes(head, b"<title"))
}

fn find_ascii_ci_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_at_char_boundary() {
        assert_eq!(cap("  héllo ", 2), "h…");
        assert_eq!(cap("abc", 3), "abc");
    }

    #[test]
    fn escapes_and_caps() {
        let e = Escaped {
            text: "a\nb\u{1b}[31m\u{202e}c",
            max: 256,
        };
        assert_eq!(e.to_string(), "a\\nb\\u{1b}[31m\\u{202e}c");
        assert_eq!(
            Escaped {
                text: "abcdef",
                max: 3
            }
            .to_string(),
            "abc…"
        );
    }

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

    #[test]
    fn iris_codes() {
        assert_eq!(find_iris_code("Code: 500-000-0001 x"), Some("500-000-0001"));
        assert_eq!(find_iris_code("500-001-00014: y"), Some("500-001-00014"));
        assert_eq!(
            find_iris_code("x1500-000-0001 500-000-00012"),
            Some("500-000-00012")
        );
        assert_eq!(find_iris_code("500-000-000123"), None);
        assert_eq!(find_iris_code("500-0"), None);
    }

    #[test]
    fn tokens_and_titles() {
        assert_eq!(
            find_token_after("x, log_trace: rrt-1-a.b c", "log_trace:"),
            Some("rrt-1-a.b")
        );
        assert_eq!(find_token_after("log_trace:", "log_trace:"), None);
        assert_eq!(
            html_title("<html><head><TITLE>504 Gateway Time-out</TITLE>"),
            Some("504 Gateway Time-out")
        );
        assert_eq!(
            html_title("<html><body><h1>502 Bad Gateway</h1>"),
            Some("502 Bad Gateway")
        );
        assert!(looks_like_html("\n<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Missing Token"));
    }
}
