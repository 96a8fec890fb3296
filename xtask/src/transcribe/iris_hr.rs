//! Transcriber for `specs/sources/iris_hr.txt`, the IRIS HR API's "Error messages" page.
//!
//! The page, as text, has these parts, and each line is placed in one of them or rejected:
//!
//! - a preamble of prose before anything structural (kept out of the catalog);
//! - a worked example, `Code: 500-000-0001` then `Description: …`: an entry whose message is
//!   the description (the payload text, trace id placeholder included) and whose title is the
//!   description's leading clause, before `, message:`;
//! - section headings `NNN errors` / `NNN authorisation errors`, which set the HTTP status of
//!   what follows. The page lists them once as an index before repeating them over their
//!   content; an empty section is simply one with nothing under it;
//! - exception blocks: a title line (no closing punctuation), then either bullets, each of which
//!   is a message of its own entry (the OData exceptions), or one paragraph, the message, then
//!   optionally a list introduced by a line ending in `:` (the values the message's placeholder
//!   takes: kept in `handling`, since those are the fields to check) and a bullet list with no
//!   introduction (the situations it occurs in: `condition`), and optionally a
//!   `Condition: …` line. A run of two or more blank lines ends a bullet list;
//! - untitled paragraphs under a heading (401, 403, 429): the first sentence is the title,
//!   the rest is split into condition and handling as below;
//! - `CODE Title Description` lines. The page lost its table's column boundaries, so the title
//!   ends at the first *seam*: a capitalised word that follows a lowercase word which is not a
//!   function word (titles in sentence case capitalise nothing after an ordinary word:
//!   `…expired Authorization codes…`), or a capitalised function word such as `The`, `In`,
//!   `Unless` (Title-Case titles keep function words lowercase: `…for the Client The client…`,
//!   `…Missing or Invalid The token…`). A description is whole sentences, so a line that does
//!   not end in `.` has none: the 500 lines end in ` \u{a0}`, an empty table cell, which is
//!   dropped with the trailing space before it. Codes keep the page's spelling, five-digit
//!   tails included.
//!
//! Descriptions and the rest of untitled paragraphs are split into `condition` (what precedes)
//! and `handling` (from the first sentence addressed to the reader, one with `you` / `your` or
//! starting with `Please`), so that both stay substrings of the page. Every text field is a
//! substring of the page, except the lists in `condition` / `handling`, one `• item` a line:
//! each line is, and so is the whole once whitespace is collapsed.

use super::{defaults_for_status, entry, sentence_starts, slug, TranscribeError};
use errcat_codegen::code_shape::is_iris_code as is_code;
use errcat_codegen::model::{Action, Category, Entry};

/// Lowercase in a Title-Case title, and never the word a capitalised name follows in one.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "for", "with", "in", "on", "at", "to", "by", "from", "and", "or",
    "nor", "but", "not", "no", "is", "are", "was", "were", "be", "been", "has", "have", "had",
    "do", "does", "did", "can", "could", "must", "may", "unless", "if", "either", "when",
];

/// A non-blank line, with how many blank lines precede it.
struct Item<'a> {
    line: usize,
    text: &'a str,
    gap: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind<'a> {
    Heading(u16),
    CodeLabel(&'a str),
    Description(&'a str),
    Coded { code: &'a str, rest: &'a str },
    Bullet(&'a str),
    Condition(&'a str),
    Intro(&'a str),
    Sentence(&'a str),
    Title(&'a str),
}

fn classify(text: &str) -> Kind<'_> {
    let trimmed = text.trim_start();
    if let Some(b) = trimmed.strip_prefix("• ") {
        return Kind::Bullet(b);
    }
    if let Some(c) = text.strip_prefix("Condition: ") {
        return Kind::Condition(c);
    }
    if let Some(c) = text.strip_prefix("Code: ") {
        return Kind::CodeLabel(c);
    }
    if let Some(d) = text.strip_prefix("Description: ") {
        return Kind::Description(d);
    }
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    if is_code(first) {
        return Kind::Coded { code: first, rest };
    }
    if let Some(status) = heading(text) {
        return Kind::Heading(status);
    }
    let end = text.trim_end_matches(char::is_whitespace);
    if end.ends_with(':') {
        Kind::Intro(text)
    } else if end.ends_with('.') {
        Kind::Sentence(text)
    } else {
        Kind::Title(text)
    }
}

/// `400 errors`, `401 authorisation errors`: the status, when the line is a heading.
fn heading(text: &str) -> Option<u16> {
    let (num, rest) = text.split_once(' ')?;
    let words: Vec<&str> = rest.split(' ').collect();
    let is_heading = num.len() == 3
        && words.last() == Some(&"errors")
        && words
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
    if is_heading {
        num.parse().ok()
    } else {
        None
    }
}

fn status_of(code: &str) -> Option<u16> {
    code.get(..3)?.parse().ok()
}

fn new_entry(title: &str, status: u16) -> Entry {
    let (mut category, mut action) = defaults_for_status(Some(status));
    // The 429 section holds two different limits; only the text tells a daily quota apart.
    if status == 429 && title.to_ascii_lowercase().contains("quota") {
        (category, action) = (Category::QuotaExceeded, Action::WaitForQuotaReset);
    }
    let mut e = entry(slug(title), title, category, action);
    e.http_status = Some(status);
    e
}

fn addresses_reader(sentence: &str) -> bool {
    sentence.starts_with("Please")
        || sentence
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.eq_ignore_ascii_case("you") || w.eq_ignore_ascii_case("your"))
}

/// Splits prose into (condition, handling) at its first sentence addressed to the reader.
fn condition_and_handling(text: &str) -> (Option<String>, Option<String>) {
    let starts = sentence_starts(text);
    let cut = starts
        .iter()
        .enumerate()
        .find(|&(k, &s)| {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            addresses_reader(&text[s..end])
        })
        .map_or(text.len(), |(_, &s)| s);
    let part = |s: &str| {
        let s = s.trim_end();
        (!s.is_empty()).then(|| s.to_string())
    };
    (part(&text[..cut]), part(&text[cut..]))
}

/// Splits a coded line's text after the code into title and description (see the module doc).
fn split_title(rest: &str) -> Result<(&str, Option<&str>), String> {
    let rest = rest.trim_end_matches(char::is_whitespace);
    if !rest.ends_with('.') {
        return Ok((rest, None));
    }
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for w in rest.split(' ') {
        if !w.is_empty() {
            words.push((at, w));
        }
        at += w.len() + 1;
    }
    let is_function = |w: &str| FUNCTION_WORDS.contains(&w.to_ascii_lowercase().as_str());
    for pair in words.windows(2) {
        let [(_, prev), (offset, word)] = [pair[0], pair[1]];
        if !word.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let after_ordinary_word =
            prev.starts_with(|c: char| c.is_lowercase()) && !is_function(prev);
        if after_ordinary_word || is_function(word) {
            return Ok((rest[..offset].trim_end(), Some(&rest[offset..])));
        }
    }
    Err(
        "a coded line ending in `.` has a description, but no capitalised word starts one: \
         cannot tell where the title ends"
            .into(),
    )
}

/// Transcribes the document.
pub fn transcribe(text: &str, file: &str) -> Result<Vec<Entry>, TranscribeError> {
    let err = TranscribeError::at(file);
    let mut items = Vec::new();
    let mut gap = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            gap += 1;
        } else {
            items.push(Item {
                line: i + 1,
                text: line,
                gap,
            });
            gap = 0;
        }
    }

    let mut entries = Vec::new();
    let mut section: Option<u16> = None;
    let mut preamble = true;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        let kind = classify(item.text);
        if preamble {
            match kind {
                Kind::Title(_) | Kind::Sentence(_) => {
                    i += 1;
                    continue;
                }
                _ => preamble = false,
            }
        }
        let need_section = || {
            section.ok_or_else(|| {
                err(
                    item.line,
                    "this line is not under an `NNN errors` heading".into(),
                )
            })
        };
        match kind {
            Kind::Heading(status) => {
                section = Some(status);
                i += 1;
            }
            Kind::CodeLabel(code) => {
                let code = code.trim();
                let status = status_of(code).filter(|_| is_code(code)).ok_or_else(|| {
                    err(
                        item.line,
                        format!("`{code}` is not an IRIS code (NNN-NNN-NNNN)"),
                    )
                })?;
                let Some(Kind::Description(description)) =
                    items.get(i + 1).map(|n| classify(n.text))
                else {
                    return Err(err(
                        item.line,
                        "a `Code:` line must be followed by a `Description:` line".into(),
                    ));
                };
                let title = description
                    .split(", message:")
                    .next()
                    .unwrap_or(description);
                let mut e = new_entry(title, status);
                e.code = Some(code.to_string());
                e.message = Some(description.to_string());
                entries.push(e);
                i += 2;
            }
            Kind::Coded { code, rest } => {
                let status = need_section()?;
                if status_of(code) != Some(status) {
                    return Err(err(
                        item.line,
                        format!("code {code} is under the {status} heading"),
                    ));
                }
                let (title, description) = split_title(rest).map_err(|m| err(item.line, m))?;
                if title.is_empty() {
                    return Err(err(item.line, format!("code {code} has no title")));
                }
                let mut e = new_entry(title, status);
                e.code = Some(code.to_string());
                if let Some(d) = description {
                    (e.condition, e.handling) = condition_and_handling(d);
                }
                entries.push(e);
                i += 1;
            }
            Kind::Sentence(paragraph) => {
                let status = need_section()?;
                let starts = sentence_starts(paragraph);
                let first_end = starts.get(1).copied().unwrap_or(paragraph.len());
                let title = paragraph[..first_end].trim_end().trim_end_matches('.');
                let mut e = new_entry(title, status);
                (e.condition, e.handling) = condition_and_handling(&paragraph[first_end..]);
                entries.push(e);
                i += 1;
            }
            Kind::Title(title) => {
                let status = need_section()?;
                i = block(&items, i, title, status, &mut entries)
                    .map_err(|(line, m)| err(line, m))?;
            }
            Kind::Description(_) => {
                return Err(err(
                    item.line,
                    "a `Description:` line without a `Code:` line".into(),
                ))
            }
            Kind::Bullet(_) | Kind::Condition(_) | Kind::Intro(_) => {
                return Err(err(
                    item.line,
                    "a list or condition outside an exception block (no title line above it)"
                        .into(),
                ))
            }
        }
    }
    if entries.is_empty() {
        return Err(err(1, "no error entries found".into()));
    }
    Ok(entries)
}

/// Consumes an exception block whose title is `items[start]`; returns the index after it.
fn block(
    items: &[Item<'_>],
    start: usize,
    title: &str,
    status: u16,
    entries: &mut Vec<Entry>,
) -> Result<usize, (usize, String)> {
    let mut i = start + 1;
    let mut message: Option<&str> = None;
    let mut bullet_messages: Vec<&str> = Vec::new();
    let mut options: Option<String> = None;
    let mut conditions: Vec<&str> = Vec::new();
    let mut condition_line: Option<&str> = None;

    if let Some(Kind::Sentence(m)) = items.get(i).map(|n| classify(n.text)) {
        message = Some(m);
        i += 1;
    }
    while let Some(item) = items.get(i) {
        match classify(item.text) {
            Kind::Intro(intro) => {
                if options.is_some() {
                    return Err((
                        item.line,
                        "a second introduced list in one exception block".into(),
                    ));
                }
                let (list, next) = bullets(items, i + 1);
                if list.is_empty() {
                    return Err((
                        item.line,
                        "a line ending in `:` must be followed by a bullet list".into(),
                    ));
                }
                options = Some(format!("{intro}\n{}", as_list(&list)));
                i = next;
            }
            Kind::Bullet(_) => {
                let (list, next) = bullets(items, i);
                if message.is_none() && bullet_messages.is_empty() {
                    bullet_messages = list;
                } else if message.is_some() && conditions.is_empty() {
                    conditions = list;
                } else {
                    return Err((
                        item.line,
                        "a bullet list that is neither the messages nor the conditions".into(),
                    ));
                }
                i = next;
            }
            Kind::Condition(c) if condition_line.is_none() && conditions.is_empty() => {
                condition_line = Some(c);
                i += 1;
            }
            Kind::Condition(_) => {
                return Err((
                    item.line,
                    "a second condition in one exception block".into(),
                ))
            }
            _ => break,
        }
    }
    let condition = condition_line
        .map(str::to_string)
        .or_else(|| (!conditions.is_empty()).then(|| as_list(&conditions)));
    let mut push = |message: &str| {
        let mut e = new_entry(title, status);
        e.message = Some(message.to_string());
        e.condition = condition.clone();
        e.handling = options.clone();
        entries.push(e);
    };
    match (message, bullet_messages.is_empty()) {
        (Some(m), true) => push(m),
        (None, false) => bullet_messages.into_iter().for_each(push),
        _ => {
            return Err((
                items[start].line,
                format!("exception block `{title}` has no message"),
            ))
        }
    }
    Ok(i)
}

/// A bullet list as one field: a line per bullet, with the page's `• ` kept, so that each line
/// is the page's text and the whole, with whitespace collapsed, is too.
fn as_list(bullets: &[&str]) -> String {
    bullets
        .iter()
        .map(|b| format!("• {b}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The bullets starting at `items[start]`, up to a gap of two or more blank lines.
fn bullets<'a>(items: &[Item<'a>], start: usize) -> (Vec<&'a str>, usize) {
    let mut out = Vec::new();
    let mut i = start;
    while let Some(item) = items.get(i) {
        match classify(item.text) {
            Kind::Bullet(b) if out.is_empty() || item.gap < 2 => out.push(b),
            _ => break,
        }
        i += 1;
    }
    (out, i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcribe::tests::by_code;

    #[test]
    fn titles_end_at_the_first_seam() {
        let cases = [
            (
                "Invalid Request The request could not be processed.",
                "Invalid Request",
            ),
            (
                "PKCE Missing In the absence of an Authorization header, you must.",
                "PKCE Missing",
            ),
            (
                "The Client credentials are invalid Unless PKCE is being used .",
                "The Client credentials are invalid",
            ),
            (
                "The Authorization Code is Missing or Invalid The token request.",
                "The Authorization Code is Missing or Invalid",
            ),
            (
                "The Authorization Code has expired Authorization codes are short.",
                "The Authorization Code has expired",
            ),
            (
                "The Authorization Code is not valid for the Client The client ID.",
                "The Authorization Code is not valid for the Client",
            ),
            (
                "Client not approved IRIS administrators have not.",
                "Client not approved",
            ),
            (
                "Client ID does not match The client ID.",
                "Client ID does not match",
            ),
            (
                "Unsupported grant_type Valid grant_types include x.",
                "Unsupported grant_type",
            ),
            (
                "Invalid Response Type The Authorization API.",
                "Invalid Response Type",
            ),
        ];
        for (line, title) in cases {
            assert_eq!(split_title(line).map(|(t, _)| t), Ok(title), "{line}");
        }
        assert_eq!(
            split_title("The client ID cannot be resolved \u{a0}"),
            Ok(("The client ID cannot be resolved", None))
        );
        assert!(split_title("all lowercase words.").is_err());
    }

    #[test]
    fn prose_splits_at_the_first_sentence_for_the_reader() {
        let (c, h) =
            condition_and_handling("Codes are short-lived. After that, you must act. Then more.");
        assert_eq!(c.as_deref(), Some("Codes are short-lived."));
        assert_eq!(h.as_deref(), Some("After that, you must act. Then more."));
        assert_eq!(
            condition_and_handling("Only a fact."),
            (Some("Only a fact.".into()), None)
        );
    }

    #[test]
    fn the_document_transcribes_to_fifty_entries_of_its_own_text() {
        let text = include_str!("../../../specs/sources/iris_hr.txt");
        let entries =
            transcribe(text, "specs/sources/iris_hr.txt").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(entries.len(), 50);
        assert_eq!(entries.iter().filter(|e| e.code.is_some()).count(), 36);
        for e in &entries {
            assert!(text.contains(&e.title), "title {:?}", e.title);
            for field in [&e.message, &e.condition, &e.handling]
                .into_iter()
                .flatten()
            {
                for line in field.lines() {
                    assert!(text.contains(line), "{line:?}");
                }
                let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(collapse(text).contains(&collapse(field)), "{field:?}");
            }
        }
        assert_eq!(
            by_code(&entries, "500-001-00020").title,
            "State does not match"
        );
        assert_eq!(
            by_code(&entries, "500-001-0001").title,
            "Authorization Code not Found"
        );
        assert_eq!(
            by_code(&entries, "400-001-0005")
                .condition
                .as_deref()
                .map(|c| c.contains("“code”")),
            Some(true)
        );
        assert_eq!(by_code(&entries, "500-000-0001").http_status, Some(500));
    }

    #[test]
    fn an_unplaceable_line_is_an_error_with_its_line() {
        let text = "400 errors\n\nSome Title\n\nCondition: no message.\n";
        let e = transcribe(text, "x.txt").err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("x.txt:3: exception block `Some Title` has no message")
        );
        let e = transcribe("400 errors\n\n  • stray bullet\n", "x.txt")
            .err()
            .map(|e| e.line);
        assert_eq!(e, Some(3));
    }
}
