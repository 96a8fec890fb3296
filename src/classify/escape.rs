//! Untrusted vendor text, kept and shown safely: capped in length, and escaped for one log
//! line. Linear in the input, never allocating more than the output.

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
#[must_use]
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
}
