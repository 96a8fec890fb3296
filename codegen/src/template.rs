//! Message templates: the vendor's text with its placeholders marked.
//!
//! Syntax, chosen to be the vendors' own so the spec keeps their text character for character:
//! - `{name}`: a named placeholder (IRIS writes `{requestedTopSize}`);
//! - `%v`, `%s`, `%d`: positional placeholders (Lerian's Go format verbs), named `arg1`,
//!   `arg2`, … in order of appearance;
//! - `<words>`: a described placeholder (IRIS writes `<list of fields>`), named by its words
//!   joined with `_`;
//! - `%%` is a literal `%`.
//!
//! Two placeholders may not touch: with no literal between them, a filled-in message could be
//! split in many ways, and the runtime matcher promises one linear, unambiguous split.

use std::fmt;

/// One piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Text that appears as is.
    Literal(String),
    /// A placeholder, with the name its captured value is reported under.
    Param(String),
}

/// Why a template does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// Byte offset of the problem in the template.
    pub offset: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (at byte {} of the message)",
            self.reason, self.offset
        )
    }
}

/// Parses a message into segments.
///
/// # Errors
///
/// A [`TemplateError`] with the byte offset, for a placeholder that does not parse: an
/// unclosed `{`, a name that is empty, starts with a digit or holds other than letters, digits
/// and `_`, or a `%` at the end or followed by other than `v`, `s`, `d` or `%`.
pub fn parse(text: &str) -> Result<Vec<Segment>, TemplateError> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut literal = String::new();
    let mut positional = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let name = match c {
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some((_, '}')) => break,
                        Some((_, ch)) if ch.is_ascii_alphanumeric() || ch == '_' => name.push(ch),
                        Some((bad, ch)) => {
                            return Err(TemplateError {
                                offset: bad,
                                reason: format!("unexpected {ch:?} in placeholder `{{{name}`: names are letters, digits and `_`"),
                            })
                        }
                        None => {
                            return Err(TemplateError { offset: at, reason: "unclosed `{` placeholder".into() })
                        }
                    }
                }
                if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                    return Err(TemplateError {
                        offset: at,
                        reason: format!(
                            "placeholder `{{{name}}}` needs a name that starts with a letter"
                        ),
                    });
                }
                name
            }
            '%' => match chars.next() {
                Some((_, '%')) => {
                    literal.push('%');
                    continue;
                }
                Some((_, 'v' | 's' | 'd')) => {
                    positional += 1;
                    format!("arg{positional}")
                }
                Some((_, other)) => {
                    return Err(TemplateError {
                        offset: at,
                        reason: format!(
                            "unknown verb `%{other}`: use %v, %s, %d, or %% for a literal %"
                        ),
                    })
                }
                None => {
                    return Err(TemplateError {
                        offset: at,
                        reason: "`%` at the end: write %% for a literal %".into(),
                    })
                }
            },
            '<' => match described_placeholder(&text[at..]) {
                Some(inner) => {
                    // Past the words and the closing `>`; the words are ASCII.
                    for _ in 0..=inner.len() {
                        chars.next();
                    }
                    let words: Vec<&str> = inner.split(' ').filter(|w| !w.is_empty()).collect();
                    words.join("_")
                }
                None => {
                    literal.push(c);
                    continue;
                }
            },
            _ => {
                literal.push(c);
                continue;
            }
        };
        if literal.is_empty() && matches!(segments.last(), Some(Segment::Param(_))) {
            return Err(TemplateError {
                offset: at,
                reason: format!(
                    "placeholder `{name}` directly follows another: put literal text between them"
                ),
            });
        }
        if segments
            .iter()
            .any(|s| matches!(s, Segment::Param(p) if *p == name))
        {
            return Err(TemplateError {
                offset: at,
                reason: format!("placeholder `{name}` appears twice"),
            });
        }
        if !literal.is_empty() {
            segments.push(Segment::Literal(std::mem::take(&mut literal)));
        }
        segments.push(Segment::Param(name));
    }
    if !literal.is_empty() {
        segments.push(Segment::Literal(literal));
    }
    Ok(segments)
}

/// `<words>` at the start of `s`: lowercase words separated by single spaces.
fn described_placeholder(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('<')?;
    let end = rest.find('>')?;
    let inner = &rest[..end];
    let ok = !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_lowercase() || c == ' ')
        && !inner.starts_with(' ')
        && !inner.ends_with(' ');
    ok.then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Segment {
        Segment::Literal(s.into())
    }
    fn param(s: &str) -> Segment {
        Segment::Param(s.into())
    }

    #[test]
    fn iris_named_placeholders() {
        let t = parse("Top value '{requestedTopSize}' did not fall within acceptable range [1 - {internalMaxTop}].");
        assert_eq!(
            t.unwrap(),
            vec![
                lit("Top value '"),
                param("requestedTopSize"),
                lit("' did not fall within acceptable range [1 - "),
                param("internalMaxTop"),
                lit("].")
            ]
        );
    }

    #[test]
    fn go_verbs_are_positional() {
        let t = parse("The metadata key %v exceeds the maximum allowed length of %v characters.")
            .unwrap();
        assert_eq!(t[1], param("arg1"));
        assert_eq!(t[3], param("arg2"));
    }

    #[test]
    fn described_placeholder_and_literal_angle() {
        let t = parse("incorrect data for [<list of fields>]. a < b").unwrap();
        assert_eq!(
            t,
            vec![
                lit("incorrect data for ["),
                param("list_of_fields"),
                lit("]. a < b")
            ]
        );
    }

    #[test]
    fn broken_templates_are_rejected() {
        for bad in [
            "{unclosed",
            "{}",
            "{1x}",
            "{a b}",
            "%q",
            "100%",
            "{a}{b}",
            "%v%s",
            "{a} and {a}",
        ] {
            assert!(parse(bad).is_err(), "{bad} should not parse");
        }
        assert_eq!(parse("100%% sure").unwrap(), vec![lit("100% sure")]);
    }
}
