//! Transcriber for `specs/sources/adp.txt`, ADP's "API Common Exceptions and Tips for
//! Handling" page.
//!
//! The page is a five-column table flattened into blank-line-separated paragraphs:
//!
//! ```text
//! <title, summary, "Exceptions">      preamble, up to the header cells
//! Response Code                       the header: five cells, one paragraph each, exactly
//! Error Description
//! Exception Condition
//! Response
//! How to Handle
//! 400 Bad Request                     a row: the status line (`NNN Reason`),
//! Indicates missing or ...            the Error Description cell (may be a lone NBSP: empty),
//! An Access Token call is ...         the Exception Condition cell,
//! { "error": ..., ... }               the Response cell: one paragraph, a payload or fragment,
//! Make sure the ...                   How to Handle: every paragraph up to the next status line
//! ...                                 or the closing paragraph
//! These common exceptions apply ...   the closing paragraph ends the table
//! ```
//!
//! Blank means empty or ASCII spaces only: the page writes an empty cell as a non-breaking
//! space, and non-breaking spaces inside text (`a\u{a0}grant_type`) are kept as written.
//! Lines are trimmed of ASCII spaces and tabs at both ends, and a cell's lines and paragraphs
//! are joined with `\n`.
//!
//! The Response cells are not all JSON: one is single-quoted pseudo-JSON with `error_code`
//! for `error`, one a truncated `processMessages` fragment, one lacks its opening brace. So
//! values are read by [`scan`], which finds `key: 'value'` / `"key": "value"` pairs in any of
//! these shapes, rather than by a JSON parser. `error` (or `error_code`) becomes the entry's
//! machine string, `error_description` (or `messageTxt`) its message, character for character.
//! A row whose Error Description cell is empty takes its message as title: the only text of
//! the row that names the error.
//!
//! A cell out of place, a payload without a message, an unknown key or an unterminated string
//! is an error with its line: a page that changed shape must be looked at, not guessed at.

use super::{defaults_for_status, entry, last_line, slug, TranscribeError};
use errcat_codegen::model::{Action, Category, Entry};

/// The table's header cells, in order.
const HEADER: [&str; 5] = [
    "Response Code",
    "Error Description",
    "Exception Condition",
    "Response",
    "How to Handle",
];

/// The paragraph that follows the table.
const CLOSING: &str = "These common exceptions apply";

/// Keys that only wrap others (ADP's `confirmMessage` nesting).
const CONTAINER_KEYS: [&str; 2] = ["processMessages", "userMessage"];

/// A blank-line-separated paragraph: its first line's 1-based number and its lines, raw.
#[derive(Debug)]
struct Para<'a> {
    line: usize,
    lines: Vec<&'a str>,
}

impl Para<'_> {
    /// The paragraph's lines, trimmed of layout (ASCII spaces and tabs), joined with `\n`.
    /// A non-breaking space is the page's own text and stays, even at a line's end.
    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.trim_matches([' ', '\t']))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One `key: value` pair found by [`scan`]; `value` is `None` when it is not a string.
#[derive(Debug, PartialEq, Eq)]
struct Pair {
    key: String,
    value: Option<String>,
    /// Byte offset of the key in the scanned text.
    at: usize,
}

/// Transcribes the document: one entry per table row, in document order.
pub fn transcribe(text: &str, file: &str) -> Result<Vec<Entry>, TranscribeError> {
    let fail = TranscribeError::at(file);
    let paras = paragraphs(text);

    let Some(start) = paras.iter().position(|p| p.text() == HEADER[0]) else {
        return Err(fail(
            1,
            format!("no table header: expected a `{}` paragraph", HEADER[0]),
        ));
    };
    for (k, cell) in HEADER.iter().enumerate().skip(1) {
        match paras.get(start + k) {
            Some(p) if p.text() == *cell => {}
            Some(p) => {
                return Err(fail(
                    p.line,
                    format!("expected the header cell `{cell}`, found `{}`", p.text()),
                ))
            }
            None => {
                return Err(fail(
                    last_line(text),
                    format!("the table header ends before `{cell}`"),
                ))
            }
        }
    }

    let mut rest = paras[start + HEADER.len()..].iter().peekable();
    let mut out = Vec::new();
    loop {
        let Some(p) = rest.next() else {
            return Err(fail(
                last_line(text),
                format!("the table has no closing `{CLOSING} ...` paragraph"),
            ));
        };
        if p.text().starts_with(CLOSING) {
            if let Some(extra) = rest.next() {
                return Err(fail(extra.line, "text after the closing paragraph".into()));
            }
            break;
        }
        let Some((status, _reason)) = status_line(p) else {
            return Err(fail(
                p.line,
                format!(
                    "expected a status line such as `400 Bad Request`, found `{}`",
                    p.text()
                ),
            ));
        };
        let mut cell = |name: &str| {
            rest.next_if(|q| status_line(q).is_none() && !q.text().starts_with(CLOSING))
                .ok_or_else(|| fail(p.line, format!("the {status} row has no {name} cell")))
        };
        let description = cell("Error Description")?;
        let condition = cell("Exception Condition")?;
        let response = cell("Response")?;
        // The payload first: a lost cell shifts the others, and the prose that lands in the
        // Response slot is the clearest place to say so.
        let payload = payload(response, &fail)?;
        let mut handling = Vec::new();
        while let Some(q) =
            rest.next_if(|q| status_line(q).is_none() && !q.text().starts_with(CLOSING))
        {
            handling.push(q.text());
        }
        if handling.is_empty() {
            return Err(fail(
                response.line,
                format!("the {status} row has no How to Handle cell after its Response"),
            ));
        }

        let title = match description.text() {
            // The page writes the empty cell as a lone non-breaking space.
            t if t.trim().is_empty() => payload.message.clone(),
            t => t,
        };
        let (category, action) = defaults(status, payload.error.as_deref());
        let mut e = entry(slug(&payload.message), &title, category, action);
        e.http_status = Some(status);
        e.error = payload.error;
        e.message = Some(payload.message);
        e.condition = Some(condition.text()).filter(|c| !c.is_empty());
        e.handling = Some(handling.join("\n"));
        out.push(e);
    }
    if out.is_empty() {
        return Err(fail(paras[start].line, "the table has no rows".into()));
    }
    Ok(out)
}

/// Starting curation from the OAuth error name where it says more than the status does.
fn defaults(status: u16, error: Option<&str>) -> (Category, Action) {
    match error {
        Some("invalid_client") => (Category::Configuration, Action::FixClientConfiguration),
        Some("access_denied" | "invalid_scope") => (Category::Authorization, Action::RequestAccess),
        Some("temporarily_unavailable") => (Category::Unavailable, Action::RetryWithBackoff),
        _ => defaults_for_status(Some(status)),
    }
}

/// What a Response cell says.
#[derive(Debug)]
struct Payload {
    error: Option<String>,
    message: String,
}

/// Reads the machine string and message out of a Response cell.
fn payload(
    p: &Para<'_>,
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<Payload, TranscribeError> {
    let text = p.lines.join("\n");
    let line_of = |at: usize| p.line + text[..at].matches('\n').count();
    let pairs = scan(&text).map_err(|(at, message)| fail(line_of(at), message))?;
    if pairs.is_empty() {
        return Err(fail(
            p.line,
            format!(
                "expected the Response cell (a payload with `key: \"value\"` pairs), found `{}`",
                p.text()
            ),
        ));
    }
    let mut error: Option<(&Pair, String)> = None;
    let mut message: Option<(&Pair, String)> = None;
    for pair in &pairs {
        let slot = match pair.key.as_str() {
            "error" | "error_code" => &mut error,
            "error_description" | "messageTxt" => &mut message,
            k if CONTAINER_KEYS.contains(&k) => {
                if pair.value.is_some() {
                    return Err(fail(
                        line_of(pair.at),
                        format!("`{k}` holds a string where ADP nests an object"),
                    ));
                }
                continue;
            }
            k => {
                return Err(fail(
                    line_of(pair.at),
                    format!("unexpected key `{k}` in a Response payload"),
                ))
            }
        };
        let Some(value) = &pair.value else {
            return Err(fail(
                line_of(pair.at),
                format!("`{}` has no string value", pair.key),
            ));
        };
        if let Some((first, _)) = slot {
            return Err(fail(
                line_of(pair.at),
                format!("`{}` repeats `{}`", pair.key, first.key),
            ));
        }
        *slot = Some((pair, value.clone()));
    }
    let Some((_, message)) = message else {
        return Err(fail(
            p.line,
            "the Response payload has no `error_description` or `messageTxt`".into(),
        ));
    };
    Ok(Payload {
        error: error.map(|(_, v)| v),
        message,
    })
}

/// Finds every `key: value` pair in a payload or payload fragment. A key is an identifier in
/// single or double quotes followed by `:`; its value, when it starts with a quote, runs to the
/// matching quote (backslash escapes honoured). Text that is not a key (a fragment's stray
/// closing quote, braces, commas) is skipped. Errors carry the byte offset of the problem.
fn scan(text: &str) -> Result<Vec<Pair>, (usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if c != '"' && c != '\'' {
            i += c.len_utf8();
            continue;
        }
        let body = &text[i + 1..];
        let ident_len = body
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
            .unwrap_or(body.len());
        let is_key = ident_len > 0
            && body.starts_with(|ch: char| ch.is_ascii_alphabetic() || ch == '_')
            && body[ident_len..].starts_with(c)
            && skip_space(&body[ident_len + 1..]).starts_with(':');
        if !is_key {
            i += 1;
            continue;
        }
        let key = &body[..ident_len];
        let after_key = &body[ident_len + 1..];
        let colon = i + 1 + ident_len + 1 + (after_key.len() - skip_space(after_key).len());
        let value_start =
            colon + 1 + (text[colon + 1..].len() - skip_space(&text[colon + 1..]).len());
        match text[value_start..].chars().next() {
            Some(q @ ('"' | '\'')) => {
                let (value, end) = quoted(text, value_start, q)?;
                out.push(Pair {
                    key: key.to_string(),
                    value: Some(value),
                    at: i,
                });
                i = end;
            }
            _ => {
                out.push(Pair {
                    key: key.to_string(),
                    value: None,
                    at: i,
                });
                i = value_start;
            }
        }
    }
    Ok(out)
}

/// The string quoted by `q` at `text[start]`, and the offset just past its closing quote.
fn quoted(text: &str, start: usize, q: char) -> Result<(String, usize), (usize, String)> {
    let mut value = String::new();
    let mut chars = text[start + 1..].char_indices();
    while let Some((k, ch)) = chars.next() {
        match ch {
            '\n' => break,
            '\\' => match chars.next() {
                Some((_, esc @ ('"' | '\'' | '\\' | '/'))) => value.push(esc),
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                _ => return Err((start + 1 + k, "unsupported escape in a quoted value".into())),
            },
            ch if ch == q => return Ok((value, start + 1 + k + 1)),
            ch => value.push(ch),
        }
    }
    Err((start, format!("unterminated {q}-quoted value")))
}

/// `s` without its leading whitespace, non-breaking spaces included (the page indents with them).
fn skip_space(s: &str) -> &str {
    s.trim_start()
}

/// `400 Bad Request` → (400, "Bad Request"): three digits in 100..=599, a space, and a
/// capitalised reason phrase of letters and spaces.
fn status_line(p: &Para<'_>) -> Option<(u16, String)> {
    let [line] = p.lines.as_slice() else {
        return None;
    };
    let line = line.trim();
    let (digits, reason) = line.split_once(' ')?;
    let status: u16 = digits.parse().ok().filter(|s| (100..=599).contains(s))?;
    let ok = digits.len() == 3
        && reason.starts_with(|c: char| c.is_ascii_uppercase())
        && reason.chars().all(|c| c.is_ascii_alphabetic() || c == ' ');
    ok.then(|| (status, reason.to_string()))
}

/// Splits the page into paragraphs at lines that are empty or ASCII spaces only.
fn paragraphs(text: &str) -> Vec<Para<'_>> {
    let mut out: Vec<Para<'_>> = Vec::new();
    let mut current: Option<Para<'_>> = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim_matches([' ', '\t']).is_empty() {
            out.extend(current.take());
        } else {
            current
                .get_or_insert_with(|| Para {
                    line: i + 1,
                    lines: Vec::new(),
                })
                .lines
                .push(line);
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = include_str!("../../../specs/sources/adp.txt");
    const FILE: &str = "specs/sources/adp.txt";

    fn doc() -> Vec<Entry> {
        crate::transcribe::tests::transcribed(transcribe, DOC, FILE)
    }

    fn by_message<'a>(entries: &'a [Entry], message: &str) -> &'a Entry {
        entries
            .iter()
            .find(|e| e.message.as_deref() == Some(message))
            .unwrap_or_else(|| panic!("no entry with message {message:?}"))
    }

    fn error_of(text: &str) -> TranscribeError {
        crate::transcribe::tests::failure(transcribe, text, FILE)
    }

    #[test]
    fn transcribes_thirteen_rows_in_document_order() {
        let entries = doc();
        assert_eq!(entries.len(), 13);
        let statuses: Vec<u16> = entries.iter().filter_map(|e| e.http_status).collect();
        assert_eq!(
            statuses,
            [400, 400, 400, 400, 401, 401, 403, 403, 403, 403, 404, 503, 503]
        );
        for e in &entries {
            assert!(DOC.contains(&e.title), "title {:?}", e.title);
            assert!(
                e.message.as_deref().is_some_and(|m| DOC.contains(m)),
                "message {:?}",
                e.message
            );
            assert!(
                e.condition.as_deref().is_some_and(|c| DOC.contains(c)),
                "condition {:?}",
                e.condition
            );
            for line in e.handling.as_deref().unwrap_or_default().lines() {
                assert!(DOC.contains(line), "{line:?}");
            }
            assert!(e.review);
        }
        let ids: std::collections::HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 13, "default ids are distinct");
    }

    #[test]
    fn first_row_exactly() {
        let e = &doc()[0];
        assert_eq!(e.id, "missing_or_duplicate_parameters");
        assert_eq!(e.http_status, Some(400));
        assert_eq!(e.error.as_deref(), Some("invalid_request"));
        assert_eq!(
            e.message.as_deref(),
            Some("Missing or duplicate parameters")
        );
        assert_eq!(e.title, "Indicates missing or duplicate parameters.");
        assert_eq!(
            e.condition.as_deref(),
            Some("An Access Token call is made without a\u{a0}grant_type\u{a0}parameter.")
        );
        assert_eq!(
            e.handling.as_deref(),
            Some("Make sure the\u{a0}grant_type\u{a0}parameter is set in the Access Token call.")
        );
    }

    #[test]
    fn consent_message_keeps_its_trailing_space() {
        let entries = doc();
        let e = by_message(&entries, "Consent not provided ");
        assert_eq!(e.http_status, Some(403));
        assert_eq!(e.error.as_deref(), Some("access_denied"));
        assert_eq!(e.title, "Indicates consent has not been provided.");
        assert_eq!(
            e.handling.as_deref(),
            Some(
                "Ask the client to provide consent to your data connector application.\n\
                 For more information, refer your client to\u{a0}Using Consent Manager to Control Access to Your Data."
            )
        );
    }

    #[test]
    fn single_quoted_error_code_is_the_machine_string() {
        let entries = doc();
        let e = by_message(&entries, "The requested scope is not allowed");
        assert_eq!(e.http_status, Some(403));
        assert_eq!(e.error.as_deref(), Some("invalid_scope"));
        assert_eq!(e.title, "Indicates an\u{a0}invalid_scope.");
        assert_eq!(
            e.handling.as_deref(),
            Some(
                "To add the API to your application scope, contact your ADP representative. Make sure you provide the following:\n\
                 • Organization name\n• Application name\n• List of APIs to be added"
            )
        );
        let e404 = by_message(&entries, "scope for this service is invalid or undefined");
        assert_eq!(
            (e404.http_status, e404.error.as_deref()),
            (Some(404), Some("invalid_scope"))
        );
    }

    #[test]
    fn truncated_and_braceless_fragments_are_read() {
        let entries = doc();
        let role = by_message(&entries, "Invalid / Missing Role code");
        assert_eq!(role.http_status, Some(400));
        assert_eq!(role.error, None);
        assert_eq!(role.title, "Indicates an Invalid/Missing Role code.");
        assert_eq!(
            role.handling.as_deref(),
            Some("In an ADP product, assign the proper actor permission for the HTTP requestor.\nFor further help contact your ADP representative.")
        );

        let infra = by_message(&entries, "infrastructure is temporarily unavailable");
        assert_eq!(
            (infra.http_status, infra.error.as_deref()),
            (Some(503), Some("temporarily_unavailable"))
        );
        assert_eq!(
            infra.handling.as_deref(),
            Some("Try again.\nIf the errors occurs again, contact your ADP representative.")
        );
    }

    #[test]
    fn empty_description_takes_the_message_as_title() {
        let entries = doc();
        let e = by_message(&entries, "Operation Not Permitted");
        assert_eq!(e.title, "Operation Not Permitted");
        assert_eq!(e.http_status, Some(403));
        assert_eq!(e.error, None);
        let handling = e.handling.as_deref().unwrap_or_default();
        assert!(handling
            .starts_with("Do the following:\n1. Verify the client has the feature turned on"));
        // The page ends this line with a non-breaking space: it is the page's text, kept.
        assert!(handling
            .contains("trying to access data.\u{a0}\n2. Verify the calling HTTP request/user"));
    }

    #[test]
    fn scanner_reads_every_shape() {
        let pairs = |s: &str| -> Vec<(String, Option<String>)> {
            scan(s)
                .unwrap_or_else(|e| panic!("{e:?}"))
                .into_iter()
                .map(|p| (p.key, p.value))
                .collect()
        };
        assert_eq!(
            pairs("processMessages\": [{\"userMessage\": {\"messageTxt\": \"Invalid / Missing Role code\""),
            [("userMessage".into(), None), ("messageTxt".into(), Some("Invalid / Missing Role code".into()))]
        );
        assert_eq!(
            pairs("{\n'error_code': 'invalid_scope',"),
            [("error_code".into(), Some("invalid_scope".into()))]
        );
        assert_eq!(
            pairs("{\"a\":\"it's \\\"x\\\"\"}"),
            [("a".into(), Some("it's \"x\"".into()))]
        );
        assert!(scan("{\"error\": \"never closed\n}").is_err());
    }

    #[test]
    fn missing_response_cell_is_reported_at_its_line() {
        // Drop the first row's payload (lines 23..=27): its How to Handle cell, line 28, now line
        // 23, sits where the Response should be.
        let lines: Vec<&str> = DOC.lines().collect();
        let mangled = [&lines[..22], &lines[27..]].concat().join("\n");
        let e = error_of(&mangled);
        assert_eq!(e.line, 23, "{e}");
        assert!(
            e.to_string()
                .starts_with("specs/sources/adp.txt:23: expected the Response cell"),
            "{e}"
        );
    }

    #[test]
    fn unknown_key_and_unterminated_value_are_reported_at_their_line() {
        let e = error_of(&DOC.replace(
            "\"error_description\": \"Subscription status is suspended\"",
            "\"detail\": \"Subscription status is suspended\"",
        ));
        assert_eq!(e.line, 104, "{e}");
        assert!(e.message.contains("`detail`"), "{e}");

        let e = error_of(&DOC.replace("\"Validation error\"", "\"Validation error"));
        assert_eq!(e.line, 53, "{e}");
    }

    #[test]
    fn lost_header_or_closing_paragraph_is_an_error() {
        let e = error_of(&DOC.replace("Exception Condition\n", "Exception condition\n"));
        assert_eq!(e.line, 11);
        let e = error_of(&DOC.replace("These common exceptions apply", "Those exceptions apply"));
        assert_eq!(e.line, 192);
    }
}
