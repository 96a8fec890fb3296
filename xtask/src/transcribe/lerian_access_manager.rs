//! Transcriber for `specs/sources/lerian_access_manager.txt`, Lerian Access Manager's
//! error-code page.
//!
//! The layout, one item a line:
//!
//! ```text
//! <preamble prose>                       anything, up to the first section heading
//! Auth Errors                            section heading: `<Service> Errors`
//! <one line of prose about the section>
//! 400                                    HTTP status of the table below it
//! Code                                   the table's header, three lines, exactly
//! Title
//! Message
//! AUT-0002                               then triplets: code, title, message
//! Invalid Path Parameter
//! One or more path parameters are ... %v ...
//! ...                                    next triplet, status line, or section heading
//! ```
//!
//! Every code in a section carries the same `XXX-` prefix (`AUT` for Auth, `IDE` for
//! Identity); the default id is that prefix, lowercased, joined to the title's slug.
//! Messages are copied as written: their `%v` / `%s` are already errcat's template syntax.
//!
//! Blank lines and anything that is not one of the items above, once the first section has
//! started, are errors: a page snapshot with a new shape must be looked at, not guessed at.

use std::collections::HashSet;

use super::{defaults_for_status, entry, last_line, slug, TranscribeError};
use errcat_codegen::model::Entry;

/// The table header that follows every status line.
const HEADER: [&str; 3] = ["Code", "Title", "Message"];

/// Transcribes the document: every triplet, in document order.
pub fn transcribe(text: &str, file: &str) -> Result<Vec<Entry>, TranscribeError> {
    let fail = TranscribeError::at(file);
    // 1-based line numbers travel with the lines so every error can point at its line.
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).peekable();

    // The preamble has no fixed shape, but a table row before any heading means the heading
    // itself was lost or reworded; stopping there beats silently skipping the rows.
    loop {
        match lines.peek() {
            None => {
                return Err(fail(
                    last_line(text),
                    "no `<Service> Errors` section heading found".into(),
                ))
            }
            Some(&(_, l)) if section_name(l).is_some() => break,
            Some(&(n, l)) if status(l).is_some() || is_code(l) || HEADER.contains(&l) => {
                return Err(fail(
                    n,
                    format!("`{l}` appears before any `<Service> Errors` section heading"),
                ))
            }
            Some(_) => {
                lines.next();
            }
        }
    }

    let mut entries: Vec<Entry> = Vec::new();
    let mut seen_codes: HashSet<String> = HashSet::new();
    let mut seen_ids: HashSet<String> = HashSet::new();

    while let Some((heading_line, heading)) = lines.next() {
        let Some(service) = section_name(heading) else {
            return Err(fail(
                heading_line,
                format!("expected a `<Service> Errors` section heading, found `{heading}`"),
            ));
        };
        // The prose line under the heading; the table must not start right away, or the
        // heading is missing its description and the layout has changed.
        match lines.next() {
            Some((n, l))
                if l.trim().is_empty()
                    || status(l).is_some()
                    || is_code(l)
                    || section_name(l).is_some() =>
            {
                return Err(fail(
                    n,
                    format!("expected the `{service} Errors` section's description, found `{l}`"),
                ));
            }
            Some(_) => {}
            None => {
                return Err(fail(
                    heading_line,
                    format!("section `{service} Errors` ends before its first table"),
                ))
            }
        }
        let mut prefix: Option<String> = None;
        let mut tables = 0usize;

        // One status table per iteration, until the next section heading or the end.
        while let Some(&(status_line, l)) = lines.peek() {
            if section_name(l).is_some() {
                break;
            }
            lines.next();
            let Some(http_status) = status(l) else {
                return Err(fail(
                    status_line,
                    format!("expected an HTTP status line (e.g. `400`), an error code or a section heading, found `{l}`"),
                ));
            };
            tables += 1;
            for want in HEADER {
                match lines.next() {
                    Some((_, got)) if got == want => {}
                    Some((n, got)) => {
                        return Err(fail(n, format!("expected the table header line `{want}` after status {http_status}, found `{got}`")))
                    }
                    None => return Err(fail(status_line, format!("the document ends inside the header of the {http_status} table"))),
                }
            }
            let mut rows = 0usize;
            while let Some(&(code_line, code)) = lines.peek() {
                if status(code).is_some() || section_name(code).is_some() {
                    break;
                }
                lines.next();
                if !is_code(code) {
                    return Err(fail(
                        code_line,
                        format!("expected an error code such as `AUT-0001`, found `{code}`"),
                    ));
                }
                let code_prefix = code.split('-').next().unwrap_or_default();
                match &prefix {
                    None => prefix = Some(code_prefix.to_string()),
                    Some(p) if p == code_prefix => {}
                    Some(p) => {
                        return Err(fail(
                            code_line,
                            format!("code `{code}` in section `{service} Errors`, whose codes start with `{p}-`"),
                        ))
                    }
                }
                if !seen_codes.insert(code.to_string()) {
                    return Err(fail(code_line, format!("code `{code}` appears twice")));
                }
                let title = cell(&mut lines, file, code_line, code, "title")?;
                let message = cell(&mut lines, file, code_line, code, "message")?;

                let (category, action) = defaults_for_status(Some(http_status));
                let base = format!("{}_{}", code_prefix.to_ascii_lowercase(), slug(title));
                // Two codes can share a title (AUT-0007 / AUT-1003); the code's digits keep
                // the default ids apart until someone curates them.
                let id = if seen_ids.contains(&base) {
                    format!("{base}_{}", code.rsplit('-').next().unwrap_or_default())
                } else {
                    base
                };
                seen_ids.insert(id.clone());
                let mut e = entry(id, title, category, action);
                e.code = Some(code.to_string());
                e.http_status = Some(http_status);
                e.message = Some(message.to_string());
                entries.push(e);
                rows += 1;
            }
            if rows == 0 {
                return Err(fail(
                    status_line,
                    format!("the {http_status} table of `{service} Errors` has no rows"),
                ));
            }
        }
        if tables == 0 {
            return Err(fail(
                heading_line,
                format!("section `{service} Errors` has no status tables"),
            ));
        }
    }
    Ok(entries)
}

/// The next line of a triplet: it must be text, not the start of something else, or a line
/// was lost and every later cell would shift by one.
fn cell<'a>(
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
    file: &str,
    code_line: usize,
    code: &str,
    what: &str,
) -> Result<&'a str, TranscribeError> {
    let fail = TranscribeError::at(file);
    match lines.next() {
        None => Err(fail(
            code_line,
            format!("the document ends before the {what} of `{code}`"),
        )),
        Some((n, l)) if l.trim().is_empty() => {
            Err(fail(n, format!("the {what} of `{code}` is empty")))
        }
        Some((n, l)) if l.trim() != l => Err(fail(
            n,
            format!("the {what} of `{code}` has leading or trailing whitespace: `{l}`"),
        )),
        Some((n, l))
            if is_code(l)
                || status(l).is_some()
                || section_name(l).is_some()
                || HEADER.contains(&l) =>
        {
            Err(fail(
                n,
                format!("expected the {what} of `{code}`, found `{l}`: is a line missing?"),
            ))
        }
        Some((_, l)) => Ok(l),
    }
}

/// `Auth` for `Auth Errors`: a capitalised name of letters and spaces, then ` Errors`.
fn section_name(line: &str) -> Option<&str> {
    let name = line.strip_suffix(" Errors")?;
    let ok = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
        && !name.ends_with(' ');
    ok.then_some(name)
}

/// A line that is a three-digit HTTP status, `100` to `599`.
fn status(line: &str) -> Option<u16> {
    if line.len() != 3 || !line.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    line.parse().ok().filter(|s| (100..=599).contains(s))
}

/// `AUT-1005`: uppercase letters, `-`, digits.
fn is_code(line: &str) -> bool {
    match line.split_once('-') {
        Some((p, d)) => {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_uppercase())
                && !d.is_empty()
                && d.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcribe::tests::by_code;

    const SOURCE: &str = include_str!("../../../specs/sources/lerian_access_manager.txt");
    const FILE: &str = "specs/sources/lerian_access_manager.txt";

    #[test]
    fn counts_per_service() {
        let entries = transcribe(SOURCE, FILE).unwrap();
        assert_eq!(entries.len(), 39);
        let aut = entries
            .iter()
            .filter(|e| e.code.as_deref().is_some_and(|c| c.starts_with("AUT-")))
            .count();
        let ide = entries
            .iter()
            .filter(|e| e.code.as_deref().is_some_and(|c| c.starts_with("IDE-")))
            .count();
        assert_eq!((aut, ide), (17, 22));
        assert!(entries
            .iter()
            .all(|e| e.review && e.message.is_some() && e.http_status.is_some()));
    }

    #[test]
    fn exact_entries() {
        let entries = transcribe(SOURCE, FILE).unwrap();
        let first = &entries[0];
        assert_eq!(first.code.as_deref(), Some("AUT-0002"));
        assert_eq!(first.id, "aut_invalid_path_parameter");
        assert_eq!(first.http_status, Some(400));
        assert_eq!(first.title, "Invalid Path Parameter");

        let e = by_code(&entries, "AUT-0010");
        assert_eq!(e.title, "Metadata Key Length Exceeded");
        assert_eq!(
            e.message.as_deref(),
            Some("The metadata key %v exceeds the maximum allowed length of %v characters. Please use a shorter key.")
        );

        let e = by_code(&entries, "AUT-1005");
        assert_eq!(e.http_status, Some(400));
        assert_eq!(e.title, "Invalid Refresh Token");

        let e = by_code(&entries, "AUT-1015");
        assert_eq!(e.http_status, Some(404));

        // The last entry ends the file without a newline.
        let last = entries.last().unwrap();
        assert_eq!(last.code.as_deref(), Some("IDE-0006"));
        assert_eq!(last.http_status, Some(500));
        assert_eq!(
            last.message.as_deref(),
            Some("The server encountered an unexpected error. Please try again later.")
        );
    }

    #[test]
    fn shared_titles_get_distinct_default_ids() {
        let entries = transcribe(SOURCE, FILE).unwrap();
        assert_eq!(by_code(&entries, "AUT-0007").id, "aut_invalid_token");
        assert_eq!(by_code(&entries, "AUT-1003").id, "aut_invalid_token_1003");
        assert_eq!(by_code(&entries, "IDE-0009").id, "ide_invalid_token");
        let ids: HashSet<_> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), entries.len());
    }

    #[test]
    fn templates_are_kept_as_written() {
        let entries = transcribe(SOURCE, FILE).unwrap();
        let e = by_code(&entries, "AUT-0013");
        assert_eq!(
            e.message.as_deref(),
            Some("The provided 'grantType' %s is not valid. Accepted grant types are password, client_credentials, refresh_token, or others. Please provide a valid type.")
        );
        for e in &entries {
            let m = e.message.as_deref().unwrap();
            assert!(errcat_codegen::template::parse(m).is_ok(), "{m}");
        }
    }

    #[test]
    fn missing_line_in_a_triplet_is_located() {
        // Drop AUT-0004's title: its message would otherwise become the title and the next
        // code the message.
        let broken = SOURCE.replacen("AUT-0004\nInvalid Query Parameter\n", "AUT-0004\n", 1);
        let err = transcribe(&broken, FILE).unwrap_err();
        assert_eq!(err.file, FILE);
        let line = SOURCE.lines().position(|l| l == "AUT-0010").unwrap(); // 0-based, one line removed
        assert_eq!(err.line, line, "{err}");
        assert!(
            err.to_string().starts_with(&format!(
                "{FILE}:{line}: expected the message of `AUT-0004`"
            )),
            "{err}"
        );
    }

    #[test]
    fn mangled_code_and_header_are_located() {
        let broken = SOURCE.replacen("AUT-0011\n", "AUT 0011\n", 1);
        let err = transcribe(&broken, FILE).unwrap_err();
        assert_eq!(
            err.line,
            SOURCE.lines().position(|l| l == "AUT-0011").unwrap() + 1
        );
        assert!(err.message.contains("expected an error code"), "{err}");

        let broken = SOURCE.replacen("401\nCode\nTitle\n", "401\nCode\nName\n", 1);
        let err = transcribe(&broken, FILE).unwrap_err();
        assert_eq!(
            err.line,
            SOURCE.lines().position(|l| l == "401").unwrap() + 3
        );
        assert!(err.message.contains("`Title`"), "{err}");
    }

    #[test]
    fn lost_heading_and_foreign_prefix_are_errors() {
        let err = transcribe(&SOURCE.replacen("Auth Errors\n", "Auth\n", 1), FILE).unwrap_err();
        assert!(err.message.contains("before any"), "{err}");

        let err = transcribe(&SOURCE.replacen("IDE-0002\n", "AUT-9002\n", 1), FILE).unwrap_err();
        assert!(err.message.contains("start with `IDE-`"), "{err}");

        assert!(transcribe("", FILE).is_err());
    }
}
