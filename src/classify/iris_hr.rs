//! IRIS HR: ASP.NET `ProblemDetails` (`type`, `title`, `status`, `detail`, `instance`, plus
//! extension members), with the code in a `code` / `errorCode` member or inside the text
//! (`400-001-0003 Unsupported grant_type`, `Code: 500-000-0001`), and the trace id inside the
//! text after `log_trace:`; also the same prose as a plain-text body.

use serde::Deserialize;

use super::de::{FieldErrors, Obj, Text};
use super::matching::{by_code, with_code};
use super::problem::{self, Problem};
use super::result::MatchKind;
use super::sink::{Sink, Wire};
use crate::builtin::code_shape::find_iris_code;

#[derive(Deserialize, Default)]
struct Body<'a> {
    #[serde(default, borrow)]
    code: Text<'a>,
    #[serde(default, borrow, rename = "errorCode")]
    error_code: Text<'a>,
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    detail: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
    #[serde(default, borrow)]
    description: Text<'a>,
    #[serde(default, borrow)]
    error: Text<'a>,
    #[serde(default, borrow)]
    error_description: Text<'a>,
    #[serde(default, borrow, rename = "traceId")]
    trace_id_camel: Text<'a>,
    #[serde(default, borrow)]
    trace_id: Text<'a>,
    #[serde(default, borrow)]
    log_trace: Text<'a>,
    #[serde(default, borrow)]
    errors: FieldErrors<'a>,
}

pub(super) fn from_json(sink: &mut Sink, body: &[u8]) -> Result<(), serde_json::Error> {
    // Boxed: serde would otherwise move the whole struct through several return values.
    let Obj(Some(b)) = serde_json::from_slice::<Obj<Box<Body<'_>>>>(body)? else {
        return Ok(());
    };
    // The vendor's message: the most specific text member present, else the first field
    // error of the `errors` extension.
    let texts = [&b.detail, &b.message, &b.description, &b.error_description];
    let message = texts
        .iter()
        .find_map(|t| t.get())
        .or_else(|| b.errors.message());
    let member_code = b.code.get().or(b.error_code.get());
    let text_code = || {
        texts
            .iter()
            .chain([&&b.title])
            .find_map(|t| t.get().and_then(find_iris_code))
    };
    let wire_code = member_code.map(str::trim).or_else(text_code);

    sink.trace(
        b.trace_id_camel
            .get()
            .or(b.trace_id.get())
            .or(b.log_trace.get()),
    );
    for t in texts.iter().chain([&&b.title]) {
        sink.trace(t.get().and_then(|t| find_token_after(t, "log_trace:")));
    }

    let catalog = sink.catalog;
    let documented = wire_code.and_then(|c| by_code(catalog, c));
    if wire_code.is_none()
        && message.is_none()
        && b.title.get().is_none()
        && b.error.get().is_none()
    {
        return Ok(());
    }
    if sink.status < 400 && documented.is_none() && member_code.is_none() {
        // A success body that happens to have a `title` or `message` member, or a phone
        // number shaped like a code in its text.
        return Ok(());
    }
    let message = message.map(|m| strip_code(m, wire_code));
    problem::read(
        sink,
        &Problem {
            title: b.title.get(),
            detail: message.or(b.error.get()),
            code: wire_code,
            errors: Some(&b.errors),
            ..Problem::default()
        },
    );
    Ok(())
}

/// The prose form: `Code: 500-000-0001` / `Description: …, log_trace: rrt-…`.
pub(super) fn from_text(sink: &mut Sink, text: &str) {
    sink.trace(find_token_after(text, "log_trace:"));
    let wire_code = find_iris_code(text);
    let description = text
        .find("Description:")
        .map(|at| text[at + "Description:".len()..].trim())
        .map(|d| d.lines().next().unwrap_or(d));
    let detail = description.unwrap_or(text);
    let catalog = sink.catalog;
    let documented = wire_code.and_then(|c| by_code(catalog, c));
    if sink.status < 400 && documented.is_none() {
        return;
    }
    match wire_code {
        Some(code) => {
            sink.envelope();
            let hit = documented.map(|c| with_code(catalog, c, MatchKind::Exact, description));
            sink.push(
                hit,
                Wire {
                    code: Some(code),
                    message: Some(detail),
                    ..Wire::default()
                },
            );
        }
        None => sink.detail(Some(text)),
    }
}

/// `detail` often starts with the code: `"400-001-0003 Valid grant_types include …"` or
/// `"400-001-0003: …"`. The message to match is what follows it.
fn strip_code<'t>(message: &'t str, code: Option<&str>) -> &'t str {
    let m = message.trim();
    match code.and_then(|c| m.strip_prefix(c)) {
        Some(rest) => rest.trim_start_matches([':', '-', ' ']).trim(),
        None => m,
    }
}

/// The token after `key` (e.g. `log_trace:`) in `text`: letters, digits, `-`, `_`, `.`.
fn find_token_after<'t>(text: &'t str, key: &str) -> Option<&'t str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(
            find_token_after("x, log_trace: rrt-1-a.b c", "log_trace:"),
            Some("rrt-1-a.b")
        );
        assert_eq!(find_token_after("log_trace:", "log_trace:"), None);
    }
}
