//! Transcriber for `specs/sources/akamai_identity_cloud.txt`, the Registration error system
//! page of Akamai Identity Cloud (Janrain).
//!
//! The layout:
//!
//! ```text
//! <prose about the error envelope and request_token>
//! Error codes                            the heading the entries follow
//! <intro, the list of code groups ("- 100. Missing argument."), the catch-all rule>
//! 100                                    a line that is only the integer code
//! missing_argument. A required argument wasn't supplied.
//! 201
//! duplicate_argument. Two or more ... you typically can't use id
//! and uuid                               continuation lines, up to the next code line
//! in the same operation.
//! ```
//!
//! The description line is `machine_string. Description`. The page renders some words of a
//! description as inline code spans (`id`, `uuid`, `null`, `length`), and the text snapshot
//! put a line break after each span. The continuation lines are joined back the way the page
//! reads: with one space, except that a continuation starting with punctuation (`. Required
//! attributes ...` after `null`) is joined with none, since the span ends right before it.
//!
//! Entries get `code` (the number as written), `error` (the machine string) and `title` (the
//! joined description). No `http_status`: the Registration API answers these errors with
//! HTTP 200 and `"stat": "error"`, and the page gives no status. No `message` either: the wire
//! `error_description` is not the page's text.
//!
//! Inside the entries, a line that could be mistaken for a code or a description line is an
//! error, not a continuation: the page must be looked at, not guessed at.

use std::collections::HashSet;

use super::{entry, last_line, TranscribeError};
use errcat_codegen::model::{Action, Category, Entry};

/// The heading after which the entries start.
const HEADING: &str = "Error codes";

/// Transcribes the document: every code entry after the `Error codes` heading, in order.
pub fn transcribe(text: &str, file: &str) -> Result<Vec<Entry>, TranscribeError> {
    let fail = TranscribeError::at(file);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).peekable();

    let Some((heading_line, _)) = lines.by_ref().find(|&(_, l)| l == HEADING) else {
        return Err(fail(
            last_line(text),
            format!("no `{HEADING}` heading found"),
        ));
    };
    // The intro between the heading and the first code is prose and the group list
    // (`- 200-399. An argument is invalid.`), which is about ranges, not entries.
    let mut intro_lines = 0usize;
    while let Some(&(n, l)) = lines.peek() {
        if code_number(l).is_some() {
            break;
        }
        if description(l).is_some() {
            return Err(fail(
                n,
                format!("`{l}` looks like an entry, but no code line precedes it"),
            ));
        }
        intro_lines += 1;
        lines.next();
    }
    if intro_lines == 0 {
        // Without the intro the catch-all rule the spec's header relies on may be gone too.
        return Err(fail(heading_line, "no intro after the heading".into()));
    }

    let mut entries: Vec<Entry> = Vec::new();
    let mut seen_codes: HashSet<&str> = HashSet::new();
    let mut seen_ids: HashSet<String> = HashSet::new();
    while let Some((code_line, code)) = lines.next() {
        let Some(number) = code_number(code) else {
            return Err(fail(
                code_line,
                format!("expected a code line (an integer such as `100`), found `{code}`"),
            ));
        };
        if !seen_codes.insert(code) {
            return Err(fail(code_line, format!("code `{code}` appears twice")));
        }
        let Some((desc_line, desc)) = lines.next() else {
            return Err(fail(
                code_line,
                format!("the document ends before the description of code {code}"),
            ));
        };
        let Some((machine, first)) = description(desc) else {
            return Err(fail(
                desc_line,
                format!("expected `machine_string. Description` for code {code}, found `{desc}`"),
            ));
        };
        let mut title = first.to_string();
        while let Some(&(n, l)) = lines.peek() {
            if code_number(l).is_some() {
                break;
            }
            lines.next();
            if l.trim().is_empty() {
                return Err(fail(
                    n,
                    format!("blank line inside the description of code {code}"),
                ));
            }
            if l.trim() != l {
                return Err(fail(
                    n,
                    format!("leading or trailing whitespace in the description of code {code}"),
                ));
            }
            if l.starts_with(|c: char| c.is_ascii_digit()) {
                return Err(fail(n, format!("`{l}` looks like a mangled code line inside the description of code {code}")));
            }
            if description(l).is_some_and(|(m, _)| m.contains('_')) {
                return Err(fail(
                    n,
                    format!(
                        "`{l}` looks like an entry whose code line is missing (after code {code})"
                    ),
                ));
            }
            if !l.starts_with(['.', ',', ';', ':', ')', '!', '?']) {
                title.push(' ');
            }
            title.push_str(l);
        }

        let (category, action) = defaults_for_code(number);
        // `unknown_application` is both 221 and 352; the code keeps the default ids apart.
        let id = if seen_ids.contains(machine) {
            format!("{machine}_{code}")
        } else {
            machine.to_string()
        };
        seen_ids.insert(id.clone());
        let mut e = entry(id, &title, category, action);
        e.code = Some(code.to_string());
        e.error = Some(machine.to_string());
        entries.push(e);
    }
    if entries.is_empty() {
        return Err(fail(
            last_line(text),
            format!("no entries after the `{HEADING}` heading"),
        ));
    }
    Ok(entries)
}

/// A line that is only an integer code.
fn code_number(line: &str) -> Option<u32> {
    if line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    line.parse().ok()
}

/// `("missing_argument", "A required argument wasn't supplied.")` from a description line.
fn description(line: &str) -> Option<(&str, &str)> {
    let (machine, rest) = line.split_once(". ")?;
    let ok = machine.starts_with(|c: char| c.is_ascii_lowercase())
        && machine
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !rest.trim().is_empty();
    ok.then_some((machine, rest))
}

/// Default curation from the page's groups (`400-499. Authentication and permission
/// errors`, `500+. Unexpected internal errors`); everything below 400 is about the request.
fn defaults_for_code(code: u32) -> (Category, Action) {
    match code {
        400..=499 => (Category::Authentication, Action::Reauthenticate),
        500.. => (Category::ServerError, Action::ContactVendor),
        _ => (Category::InvalidRequest, Action::FixRequest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcribe::tests::by_code;

    const SOURCE: &str = include_str!("../../../specs/sources/akamai_identity_cloud.txt");
    const FILE: &str = "specs/sources/akamai_identity_cloud.txt";

    fn line_of(needle: &str) -> usize {
        SOURCE.lines().position(|l| l == needle).unwrap() + 1
    }

    #[test]
    fn counts_and_order() {
        let entries = transcribe(SOURCE, FILE).unwrap();
        assert_eq!(entries.len(), 43);
        assert_eq!(entries[0].code.as_deref(), Some("100"));
        assert_eq!(entries[42].code.as_deref(), Some("540"));
        assert!(entries
            .iter()
            .all(|e| e.http_status.is_none() && e.message.is_none() && e.review));
        // The intro's group list ("- 100. Missing argument.") is not an entry.
        assert!(entries
            .iter()
            .all(|e| !e.title.starts_with("Missing argument")));
    }

    #[test]
    fn exact_entries() {
        let entries = transcribe(SOURCE, FILE).unwrap();
        let e = by_code(&entries, "414");
        assert_eq!(
            (e.id.as_str(), e.error.as_deref()),
            ("access_token_expired", Some("access_token_expired"))
        );
        assert_eq!(e.title, "The supplied access token has expired.");

        let e = by_code(&entries, "390");
        assert_eq!(e.error.as_deref(), Some("invalid_form_fields"));
        assert_eq!(
            e.title,
            "The data submitted did not pass form validation. This error is also generated if you exceed the allowed number of login attempts. In that case, you'll get the error message \"Too many attempts. Please try again later.\""
        );

        // Typos are the document's and stay.
        assert!(by_code(&entries, "232")
            .title
            .contains("must be unqiue within"));
        assert!(by_code(&entries, "233").title.starts_with("Your to create"));
        assert!(by_code(&entries, "342").title.contains("ithe value"));

        // The last entry ends the file without a newline.
        let e = by_code(&entries, "540");
        assert_eq!(
            (e.error.as_deref(), e.title.as_str()),
            (
                Some("triggered_error"),
                "An error was triggered in the flow."
            )
        );
    }

    #[test]
    fn duplicate_machine_string_gets_distinct_ids() {
        let entries = transcribe(SOURCE, FILE).unwrap();
        let (a, b) = (by_code(&entries, "221"), by_code(&entries, "352"));
        assert_eq!(a.error, b.error);
        assert_eq!(
            (a.id.as_str(), b.id.as_str()),
            ("unknown_application", "unknown_application_352")
        );
        // 352's text is 214's with "when" changed to "if": a copy, not its own meaning.
        assert_eq!(
            b.title.replacen("Occurs if", "Occurs when", 1),
            by_code(&entries, "214").title
        );
    }

    #[test]
    fn descriptions_broken_at_code_spans_are_joined() {
        let entries = transcribe(SOURCE, FILE).unwrap();
        let cases = [
            ("201", "Two or more conflicting arguments were included in the same operation. For example, you typically can't use id and uuid in the same operation."),
            ("234", "You attempted to modify a reserved attribute. Some attributes -- such as uuid and created -- can't be modified."),
            ("330", "The created or lastUpdated value doesn't match the supplied argument."),
            ("361", "A unique or locally-unique constraint was violated."),
            // `null` is a code span right before the full stop: no space there.
            ("362", "An attribute with the required constraint was either missing or set to null. Required attributes can't have null values."),
            ("363", "A string value violated an attribute\u{2019}s length constraint. For example, you tried to save the string ABCD to an attribute that can contain a maximum of 2 characters."),
        ];
        for (code, title) in cases {
            assert_eq!(by_code(&entries, code).title, title, "code {code}");
        }
    }

    #[test]
    fn mangled_code_line_is_located() {
        // `3l0` for `310`: record_not_found's description would have no code line.
        let broken = SOURCE.replacen("\n310\n", "\n3l0\n", 1);
        let err = transcribe(&broken, FILE).unwrap_err();
        assert_eq!(err.file, FILE);
        assert_eq!(err.line, line_of("310"), "{err}");
        assert!(
            err.to_string().starts_with(&format!(
                "{FILE}:{}: `3l0` looks like a mangled code line",
                line_of("310")
            )),
            "{err}"
        );
    }

    #[test]
    fn lost_code_line_and_bad_description_are_located() {
        let broken = SOURCE.replacen("\n414\n", "\n", 1);
        let err = transcribe(&broken, FILE).unwrap_err();
        assert_eq!(err.line, line_of("414"), "{err}");
        assert!(err.message.contains("code line is missing"), "{err}");

        let broken = SOURCE.replacen("access_token_expired. The", "access_token_expired: The", 1);
        let err = transcribe(&broken, FILE).unwrap_err();
        assert_eq!(err.line, line_of("414") + 1, "{err}");
        assert!(
            err.message
                .contains("expected `machine_string. Description` for code 414"),
            "{err}"
        );

        let broken = SOURCE.replacen("\n510\n", "\n500\n", 1);
        let err = transcribe(&broken, FILE).unwrap_err();
        assert_eq!(err.line, line_of("510"), "{err}");

        assert!(transcribe(&SOURCE.replacen("Error codes\n", "Codes\n", 1), FILE).is_err());
    }
}
