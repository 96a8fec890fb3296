//! The shape of IRIS HR's codes: `NNN-NNN-NNNN`, or `NNN-NNN-NNNNN` for the five-digit tail
//! IRIS writes from `500-001-00014` on.
//!
//! One definition for every reader of IRIS text: `cargo xtask regen`'s transcriber and the
//! tests call it here, and its text is emitted into errcat's catalog, where the classifier
//! finds codes inside IRIS's prose with it. It must stay free of `use` items and other
//! dependencies.

/// The length of the IRIS code starting at `at` in `b` (12, or 13 with a five-digit tail),
/// not counting what follows it.
#[must_use]
pub fn iris_code_len(b: &[u8], at: usize) -> Option<usize> {
    let digits = |from: usize, n: usize| {
        b.get(from..from + n)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let shaped = digits(at, 3)
        && b.get(at + 3) == Some(&b'-')
        && digits(at + 4, 3)
        && b.get(at + 7) == Some(&b'-')
        && digits(at + 8, 4);
    if !shaped {
        return None;
    }
    Some(if digits(at + 12, 1) { 13 } else { 12 })
}

/// Whether `s` is one IRIS code and nothing else.
#[must_use]
pub fn is_iris_code(s: &str) -> bool {
    iris_code_len(s.as_bytes(), 0) == Some(s.len())
}

/// The first IRIS code in `text` not glued to other letters or digits (`Code: 500-000-0001`).
/// Each position is tested against a fixed-length pattern, so this is linear.
#[must_use]
pub fn find_iris_code(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        if let Some(len) = iris_code_len(b, i) {
            if b.get(i + len).is_none_or(|c| !c.is_ascii_alphanumeric()) {
                return text.get(i..i + len);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_codes() {
        assert!(is_iris_code("401-001-0003"));
        assert!(is_iris_code("500-001-00014"));
        for bad in [
            "500-001-000140",
            "500-01-0001",
            "500-001-001",
            "a00-001-0001",
            "",
        ] {
            assert!(!is_iris_code(bad), "{bad}");
        }
    }

    #[test]
    fn codes_in_text() {
        assert_eq!(find_iris_code("Code: 500-000-0001 x"), Some("500-000-0001"));
        assert_eq!(find_iris_code("500-001-00014: y"), Some("500-001-00014"));
        assert_eq!(
            find_iris_code("x1500-000-0001 500-000-00012"),
            Some("500-000-00012")
        );
        assert_eq!(find_iris_code("500-000-000123"), None);
        assert_eq!(find_iris_code("500-0"), None);
    }
}
