//! Transcriber for `specs/sources/ixon_cloud.txt`, IXON Cloud APIv2's "Common errors" page.
//!
//! IXON has no error codes: a response carries `{message, propertyName}` pairs in `data[]`.
//! The page is prose sections, bullets and pretty-printed JSON examples:
//!
//! ```text
//! Common errors                        preamble: prose, up to the first section heading
//! Network errors                       prose only: one entry (no status, no payload)
//! Content errors                       prose, then JSON examples: one entry per data item
//! Authorization errors                 intro prose, then bullets, each followed by JSON:
//!   • <Title>: <prose>                   the bullet; title is the text before the first `: `
//!     • <more prose>                     optional sub-bullets (deeper indent), same bullet
//!     { "type": "Error", "data": [...] } the bullet's example: one entry per data item
//! SSO-related errors                   same shape as Authorization errors
//! Server errors                        prose; every `NNN Words` status it names (e.g.
//!                                      `500 Internal Server Error`) is one entry
//! ```
//!
//! Text is copied as written, down to the page's own inconsistencies (the bullet says
//! "have credentials", its payload "have a credentials"). Lines lose their indentation;
//! sub-bullets keep their `• `. Prose is split into condition and handling at the first
//! sentence that gives advice (see [`ADVICE`]); both halves are exact substrings of a line or
//! whole lines, joined with `\n`. The page gives no HTTP status except `4xx` for content
//! errors and the 500 / 504 it names, so `http_status` is set only for those two.
//!
//! Anything else (an unknown section heading, a bullet without its example, JSON that does not
//! parse or has an unexpected shape, a heading whose ` - <property>` suffix disagrees with its
//! payload) is an error with its line: a page that changed shape must be looked at.

use super::{defaults_for_status, entry, sentences, slug, TranscribeError};
use errcat_codegen::model::{Action, Category, Entry};

/// The sections the page has, in the words of its headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Network,
    Content,
    Authorization,
    Sso,
    Server,
}

const SECTIONS: [(&str, Section); 5] = [
    ("Network errors", Section::Network),
    ("Content errors", Section::Content),
    ("Authorization errors", Section::Authorization),
    ("SSO-related errors", Section::Sso),
    ("Server errors", Section::Server),
];

/// Phrases that open the advice part of an error's prose (matched case-insensitively, per
/// sentence). Everything before the first such sentence is the condition.
const ADVICE: [&str; 6] = [
    "to avoid",
    "to fix",
    "recommended",
    "solution",
    "prevented",
    "resolve",
];

/// One item of the page, with the 1-based line it starts on.
#[derive(Debug)]
enum Block {
    /// A line of unindented prose (headings included).
    Para { line: usize, text: String },
    /// `• <heading>: <prose>`, with its sub-bullets as further lines (each `• ...`).
    Bullet {
        line: usize,
        heading: String,
        prose: Vec<String>,
    },
    /// A JSON example's `data[]` items.
    Json { line: usize, items: Vec<Item> },
}

/// One `data[]` item of an example payload.
#[derive(Debug)]
struct Item {
    message: String,
    property: Option<String>,
}

/// Transcribes the document: every documented error, in document order.
pub fn transcribe(text: &str, file: &str) -> Result<Vec<Entry>, TranscribeError> {
    let fail = TranscribeError::at(file);
    let blocks = blocks(text, &fail)?;

    // Split the blocks into sections; the preamble before the first heading is prose only.
    let mut sections: Vec<(usize, Section, Vec<Block>)> = Vec::new();
    for block in blocks {
        if let Block::Para { line, text } = &block {
            if let Some(&(_, s)) = SECTIONS.iter().find(|(name, _)| name == text) {
                if sections.iter().any(|(_, seen, _)| *seen == s) {
                    return Err(fail(*line, format!("section `{text}` appears twice")));
                }
                sections.push((*line, s, Vec::new()));
                continue;
            }
            if looks_like_heading(text) && !sections.is_empty() {
                return Err(fail(*line, format!("unknown section heading `{text}`")));
            }
        }
        match sections.last_mut() {
            Some((_, _, body)) => body.push(block),
            None => match block {
                Block::Para { .. } => {}
                Block::Bullet { line, .. } | Block::Json { line, .. } => {
                    return Err(fail(
                        line,
                        "a bullet or JSON example before any section heading".into(),
                    ))
                }
            },
        }
    }
    if sections.is_empty() {
        return Err(fail(
            1,
            "no section heading (`Network errors`, `Content errors`, ...) found".into(),
        ));
    }

    let mut out = Vec::new();
    for (line, section, body) in sections {
        let before = out.len();
        match section {
            Section::Network => network(&body, &mut out, &fail)?,
            Section::Content => content(line, &body, &mut out, &fail)?,
            Section::Authorization | Section::Sso => bullets(section, &body, &mut out, &fail)?,
            Section::Server => server(line, &body, &mut out, &fail)?,
        }
        if out.len() == before {
            return Err(fail(line, "this section documents no error".into()));
        }
    }
    Ok(out)
}

/// `Network errors`: one error, described by the section's prose. No status: no response arrives.
fn network(
    body: &[Block],
    out: &mut Vec<Entry>,
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<(), TranscribeError> {
    let paras = prose_only(body, fail)?;
    let Some((condition, rest)) = paras.split_first() else {
        return Ok(());
    };
    // The page has no name for the error itself; its section heading is the closest.
    let title = SECTIONS[0].0;
    let mut e = entry(
        slug(title),
        title,
        Category::Network,
        Action::RetryWithBackoff,
    );
    e.condition = Some(condition.clone());
    e.handling = join(rest);
    out.push(e);
    Ok(())
}

/// `Content errors`: prose, then one example per error. The prose covers them all; the page
/// says only "4xx", so no status is recorded.
fn content(
    heading_line: usize,
    body: &[Block],
    out: &mut Vec<Entry>,
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<(), TranscribeError> {
    let mut paras = Vec::new();
    let mut items = Vec::new();
    for block in body {
        match block {
            Block::Para { line, text } => {
                if !items.is_empty() {
                    return Err(fail(*line, "prose after the content error examples".into()));
                }
                paras.push(text.clone());
            }
            Block::Json { items: found, .. } => items.extend(found.iter()),
            Block::Bullet { line, .. } => {
                return Err(fail(*line, "unexpected bullet among content errors".into()))
            }
        }
    }
    if !items.is_empty() && paras.is_empty() {
        return Err(fail(
            heading_line,
            "content error examples without prose".into(),
        ));
    }
    for item in items {
        let mut e = entry(
            item_id(item),
            &item.message,
            Category::InvalidRequest,
            Action::FixRequest,
        );
        e.message = Some(item.message.clone());
        e.property = item.property.clone();
        e.condition = paras.first().cloned();
        e.handling = join(paras.get(1..).unwrap_or_default());
        out.push(e);
    }
    Ok(())
}

/// Authorization and SSO errors: intro prose, then `bullet, sub-bullets, example` groups.
fn bullets(
    section: Section,
    body: &[Block],
    out: &mut Vec<Entry>,
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<(), TranscribeError> {
    let (category, action) = match section {
        Section::Sso => (Category::Authentication, Action::Reauthenticate),
        _ => (Category::Authentication, Action::RefreshAccessToken),
    };
    let mut pending: Option<(usize, &String, &Vec<String>)> = None;
    let mut seen_bullet = false;
    for block in body {
        match block {
            Block::Para { line, .. } if seen_bullet => {
                return Err(fail(
                    *line,
                    "prose between error bullets: expected a bullet or its JSON example".into(),
                ))
            }
            Block::Para { .. } => {}
            Block::Bullet {
                line,
                heading,
                prose,
            } => {
                if let Some((at, h, _)) = pending {
                    return Err(fail(
                        at,
                        format!("bullet `{h}` has no JSON example before the next bullet"),
                    ));
                }
                pending = Some((*line, heading, prose));
                seen_bullet = true;
            }
            Block::Json { line, items } => {
                let Some((bullet_line, heading, prose)) = pending.take() else {
                    return Err(fail(
                        *line,
                        "JSON example without a bullet describing it".into(),
                    ));
                };
                check_heading_properties(bullet_line, heading, items, fail)?;
                let (condition, handling) = split_advice(prose);
                for item in items {
                    let mut e = entry(item_id(item), heading, category, action);
                    e.message = Some(item.message.clone());
                    e.property = item.property.clone();
                    e.condition = condition.clone();
                    e.handling = handling.clone();
                    out.push(e);
                }
            }
        }
    }
    if let Some((at, h, _)) = pending {
        return Err(fail(at, format!("bullet `{h}` has no JSON example")));
    }
    Ok(())
}

/// A bullet heading `<message> - <p1> / <p2>` must name exactly its example's properties;
/// a heading without ` - ` must have an example without any. Anything else means the bullet
/// and the example no longer belong together.
fn check_heading_properties(
    line: usize,
    heading: &str,
    items: &[Item],
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<(), TranscribeError> {
    let props: Vec<&str> = items.iter().filter_map(|i| i.property.as_deref()).collect();
    let named: Vec<&str> = match heading.rsplit_once(" - ") {
        Some((_, suffix)) => suffix.split(" / ").collect(),
        None => Vec::new(),
    };
    if props.len() != items.len() && !props.is_empty() {
        return Err(fail(
            line,
            format!("the example of `{heading}` gives propertyName for some items only"),
        ));
    }
    if named != props {
        return Err(fail(
            line,
            format!("bullet `{heading}` names properties {named:?} but its example has {props:?}"),
        ));
    }
    Ok(())
}

/// `Server errors`: every status the prose names (`500 Internal Server Error`) is an entry; its
/// sentences run until the next status named.
fn server(
    heading_line: usize,
    body: &[Block],
    out: &mut Vec<Entry>,
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<(), TranscribeError> {
    let paras = prose_only(body, fail)?;
    let mut found: Vec<(u16, String, Vec<String>)> = Vec::new();
    for para in &paras {
        for sentence in sentences(para) {
            match status_named(sentence) {
                Some((status, title)) => {
                    if found.iter().any(|(s, _, _)| *s == status) {
                        return Err(fail(
                            heading_line,
                            format!("status {status} is described twice"),
                        ));
                    }
                    found.push((status, title.to_string(), vec![sentence.to_string()]));
                }
                None => {
                    if let Some((_, _, text)) = found.last_mut() {
                        text.push(sentence.to_string());
                    }
                }
            }
        }
    }
    for (status, title, text) in found {
        let (category, action) = defaults_for_status(Some(status));
        let mut e = entry(slug(&title), &title, category, action);
        e.http_status = Some(status);
        let (condition, handling) = split_advice(&[text.join(" ")]);
        e.condition = condition;
        e.handling = handling;
        out.push(e);
    }
    Ok(())
}

/// The section's paragraphs; bullets or JSON there are not what the page used to look like.
fn prose_only(
    body: &[Block],
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<Vec<String>, TranscribeError> {
    body.iter()
        .map(|b| match b {
            Block::Para { text, .. } => Ok(text.clone()),
            Block::Bullet { line, .. } | Block::Json { line, .. } => Err(fail(
                *line,
                "unexpected bullet or JSON example in a prose-only section".into(),
            )),
        })
        .collect()
}

/// Default id: the message and, when there is one, the property, so that one bullet's two
/// items (`ssoAuthentication.code` / `.state`) get distinct ids.
fn item_id(item: &Item) -> String {
    match &item.property {
        Some(p) => slug(&format!("{} {p}", item.message)),
        None => slug(&item.message),
    }
}

fn join(lines: &[String]) -> Option<String> {
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Splits prose lines into (condition, handling) at the first sentence with an [`ADVICE`]
/// phrase. Sentences of one line are rejoined with the single space the page has between them.
fn split_advice(lines: &[String]) -> (Option<String>, Option<String>) {
    for (li, line) in lines.iter().enumerate() {
        let parts = sentences(line);
        if let Some(si) = parts.iter().position(|s| {
            let lower = s.to_lowercase();
            ADVICE.iter().any(|a| lower.contains(a))
        }) {
            let mut condition: Vec<String> = lines[..li].to_vec();
            if si > 0 {
                condition.push(parts[..si].join(" "));
            }
            let mut handling = vec![parts[si..].join(" ")];
            handling.extend(lines[li + 1..].iter().cloned());
            return (join(&condition), join(&handling));
        }
    }
    (join(lines), None)
}

/// `… a 500 Internal Server Error occurs …` → (500, "500 Internal Server Error"): three digits
/// in 100..=599, then the capitalised words that follow them.
fn status_named(sentence: &str) -> Option<(u16, &str)> {
    let bytes = sentence.as_bytes();
    for (i, _) in sentence.char_indices() {
        let Some(digits) = sentence.get(i..i + 3) else {
            continue;
        };
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if !boundary_before || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(status @ 100..=599) = digits.parse::<u16>() else {
            continue;
        };
        let rest = &sentence[i + 3..];
        let mut end = i + 3;
        let mut words = 0;
        for word in rest.split(' ').skip(1) {
            if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
                break;
            }
            let clean = word.trim_end_matches([',', '.', ';', ':']);
            end += 1 + clean.len();
            words += 1;
            if clean.len() != word.len() {
                break;
            }
        }
        if words > 0 && rest.starts_with(' ') {
            return Some((status, &sentence[i..end]));
        }
    }
    None
}

/// A short capitalised line without closing punctuation: the shape of the page's headings.
fn looks_like_heading(text: &str) -> bool {
    text.len() < 60
        && text.starts_with(|c: char| c.is_uppercase())
        && !text.ends_with(['.', ':', '?', '!', ','])
        && !text.contains(". ")
}

/// Cuts the page into paragraphs, bullets and JSON examples.
fn blocks(
    text: &str,
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<Vec<Block>, TranscribeError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut bullet_indent: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let no = i + 1;
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        let body = raw.trim();
        if body.is_empty() {
            i += 1;
            continue;
        }
        if body.starts_with('{') {
            let (items, next) = json_block(&lines, i, fail)?;
            out.push(Block::Json { line: no, items });
            i = next;
            continue;
        }
        if let Some(bullet) = body.strip_prefix("• ") {
            match (bullet_indent, out.last_mut()) {
                (Some(top), Some(Block::Bullet { prose, .. })) if indent > top => {
                    prose.push(body.to_string())
                }
                (Some(top), _) if indent > top => {
                    return Err(fail(no, "sub-bullet that does not follow a bullet".into()));
                }
                _ => {
                    let Some((heading, rest)) = bullet.split_once(": ") else {
                        return Err(fail(no, "bullet without a `<Title>: ` heading".into()));
                    };
                    bullet_indent = Some(indent);
                    out.push(Block::Bullet {
                        line: no,
                        heading: heading.to_string(),
                        prose: vec![rest.to_string()],
                    });
                }
            }
            i += 1;
            continue;
        }
        if indent > 0 {
            return Err(fail(no, format!("unexpected indented text `{body}`")));
        }
        bullet_indent = None;
        out.push(Block::Para {
            line: no,
            text: body.to_string(),
        });
        i += 1;
    }
    Ok(out)
}

/// Reads the JSON example starting at `lines[start]` up to its balancing `}` and returns its
/// `data[]` items and the index of the line after it.
fn json_block(
    lines: &[&str],
    start: usize,
    fail: &impl Fn(usize, String) -> TranscribeError,
) -> Result<(Vec<Item>, usize), TranscribeError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut end = None;
    'lines: for (i, line) in lines.iter().enumerate().skip(start) {
        for (col, c) in line.char_indices() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth = depth.checked_sub(1).ok_or_else(|| {
                        fail(i + 1, "unbalanced closing bracket in a JSON example".into())
                    })?;
                    if depth == 0 {
                        if !line[col + 1..].trim().is_empty() {
                            return Err(fail(i + 1, "text after the end of a JSON example".into()));
                        }
                        end = Some(i);
                        break 'lines;
                    }
                }
                _ => {}
            }
        }
    }
    let Some(end) = end else {
        return Err(fail(start + 1, "JSON example that never closes".into()));
    };
    let json = lines[start..=end].join("\n");
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| {
        fail(
            start + e.line().max(1),
            format!("JSON example does not parse: {e}"),
        )
        .caused_by(e)
    })?;
    let at = |message: &str| fail(start + 1, format!("JSON example: {message}"));
    let obj = value.as_object().ok_or_else(|| at("expected an object"))?;
    for key in obj.keys() {
        if !matches!(key.as_str(), "type" | "data" | "moreAfter" | "status") {
            return Err(at(&format!("unexpected key `{key}`")));
        }
    }
    let data = obj
        .get("data")
        .and_then(|d| d.as_array())
        .ok_or_else(|| at("no `data` array"))?;
    if data.is_empty() {
        return Err(at("empty `data` array"));
    }
    let mut items = Vec::new();
    for d in data {
        let d = d
            .as_object()
            .ok_or_else(|| at("a `data` item is not an object"))?;
        for key in d.keys() {
            if !matches!(key.as_str(), "message" | "propertyName") {
                return Err(at(&format!("unexpected key `{key}` in a `data` item")));
            }
        }
        let message = d
            .get("message")
            .and_then(|m| m.as_str())
            .ok_or_else(|| at("a `data` item has no `message`"))?;
        let property = match d.get("propertyName") {
            None => None,
            Some(p) => Some(
                p.as_str()
                    .ok_or_else(|| at("`propertyName` is not a string"))?
                    .to_string(),
            ),
        };
        items.push(Item {
            message: message.to_string(),
            property,
        });
    }
    Ok((items, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = include_str!("../../../specs/sources/ixon_cloud.txt");
    const FILE: &str = "specs/sources/ixon_cloud.txt";

    fn doc() -> Vec<Entry> {
        crate::transcribe::tests::transcribed(transcribe, DOC, FILE)
    }

    fn find<'a>(entries: &'a [Entry], message: &str, property: Option<&str>) -> &'a Entry {
        entries
            .iter()
            .find(|e| e.message.as_deref() == Some(message) && e.property.as_deref() == property)
            .unwrap_or_else(|| panic!("no entry {message:?} / {property:?}"))
    }

    #[test]
    fn transcribes_fourteen_entries_in_document_order() {
        let entries = doc();
        assert_eq!(entries.len(), 14);
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Network errors",
                "Required header",
                "Invalid value",
                "Invalid value - Authorization",
                "2FA is required",
                "Value is too short - Authorization",
                "Value is too long - Authorization",
                "Authorization must start with a type and have credentials - Authorization",
                "Value does not match regex expression - Authorization",
                "SSO is required",
                "Invalid value - ssoAuthentication.code / ssoAuthentication.state",
                "Invalid value - ssoAuthentication.code / ssoAuthentication.state",
                "500 Internal Server Error",
                "504 Gateway Timeout",
            ]
        );
        for e in &entries {
            assert!(DOC.contains(&e.title), "title {:?}", e.title);
            if let Some(m) = &e.message {
                assert!(DOC.contains(m.as_str()), "message {m:?}");
            }
            for text in [&e.condition, &e.handling].into_iter().flatten() {
                for line in text.lines() {
                    assert!(DOC.contains(line), "{line:?}");
                }
            }
            assert!(e.review);
        }
        let ids: std::collections::HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 14, "default ids are distinct");
    }

    #[test]
    fn network_error_has_no_status_and_retries() {
        let entries = doc();
        let e = &entries[0];
        assert_eq!(e.http_status, None);
        assert_eq!(e.message, None);
        assert_eq!(
            (e.category, e.action),
            (Category::Network, Action::RetryWithBackoff)
        );
        assert!(e
            .condition
            .as_deref()
            .is_some_and(|c| c.starts_with("Problems with intermittent communication")));
        assert!(e
            .handling
            .as_deref()
            .is_some_and(|h| h.starts_with("Clients should retry the same requests")));
    }

    #[test]
    fn header_errors_have_no_invented_status() {
        let entries = doc();
        for message in ["Required header", "Invalid value"] {
            let e = find(&entries, message, Some("Api-Company"));
            assert_eq!(e.title, message);
            assert_eq!(e.http_status, None, "the page says only 4xx");
            assert!(e
                .condition
                .as_deref()
                .is_some_and(|c| c.starts_with("Content error occurs")));
        }
    }

    #[test]
    fn bullet_prose_splits_into_condition_and_handling() {
        let entries = doc();
        let e = find(&entries, "Invalid value", Some("Authorization"));
        assert_eq!(e.title, "Invalid value - Authorization");
        assert_eq!(
            e.condition.as_deref(),
            Some(
                "this error occurs mostly in situations where the bearer token used to perform the API \
                 call has expired, or if the credentials used to create it were incorrect."
            )
        );
        assert_eq!(
            e.handling.as_deref(),
            Some("To avoid this error, it is necessary to generate a new and valid bearer token.")
        );

        let e = find(&entries, "2FA is required", None);
        assert_eq!(e.title, "2FA is required");
        assert!(e
            .handling
            .as_deref()
            .is_some_and(|h| h.starts_with("To fix this, the user should generate")));
    }

    #[test]
    fn credentials_wording_differs_between_prose_and_payload() {
        let entries = doc();
        let e = find(
            &entries,
            "Authorization must start with a type and have a credentials",
            Some("Authorization"),
        );
        assert_eq!(
            e.title,
            "Authorization must start with a type and have credentials - Authorization"
        );
    }

    #[test]
    fn sso_required_keeps_its_sub_bullets() {
        let entries = doc();
        let e = find(&entries, "SSO is required", None);
        let condition = e.condition.as_deref().unwrap_or_default();
        assert!(
            condition.starts_with("this error can have multiple causes:\n• The email of the user")
        );
        assert_eq!(condition.lines().count(), 4);
        assert_eq!(e.handling.as_deref(), Some("To fix this issue, you should check this sub-section on the related tutorial page."));
        assert_eq!(
            (e.category, e.action),
            (Category::Authentication, Action::Reauthenticate)
        );
    }

    #[test]
    fn two_property_payload_becomes_two_entries() {
        let entries = doc();
        let code = find(&entries, "Invalid value", Some("ssoAuthentication.code"));
        let state = find(&entries, "Invalid value", Some("ssoAuthentication.state"));
        assert_eq!(code.title, state.title);
        assert_ne!(code.id, state.id);
        assert_eq!(code.condition, state.condition);
        let handling = code.handling.as_deref().unwrap_or_default();
        assert!(handling.starts_with("It is recommended to check the user's credentials"));
        assert!(handling.contains("\n• In case of a custom domain: particularly"));
    }

    #[test]
    fn server_errors_take_their_status_from_the_prose() {
        let entries = doc();
        let e500 = &entries[12];
        assert_eq!(e500.http_status, Some(500));
        assert_eq!(
            e500.condition.as_deref(),
            Some("When a 500 Internal Server Error occurs, it is most likely during a production incident or the remediation of a production incident.")
        );
        assert_eq!(
            e500.handling.as_deref(),
            Some("We continually monitor our servers and try to resolve any problems as soon as possible.")
        );
        let e504 = &entries[13];
        assert_eq!(e504.http_status, Some(504));
        assert_eq!(e504.condition, None);
        assert!(e504
            .handling
            .as_deref()
            .is_some_and(|h| h.ends_with("minimizing the scope of the request.")));
    }

    #[test]
    fn status_names_are_read_from_sentences() {
        assert_eq!(
            status_named("In the case of a 504 Gateway Timeout and a"),
            Some((504, "504 Gateway Timeout"))
        );
        assert_eq!(status_named("with a 5xx code."), None);
        assert_eq!(status_named("more than 60 seconds."), None);
        assert_eq!(
            status_named("a 503 Service Unavailable."),
            Some((503, "503 Service Unavailable"))
        );
    }

    fn error_of(text: &str) -> TranscribeError {
        crate::transcribe::tests::failure(transcribe, text, FILE)
    }

    #[test]
    fn broken_json_is_reported_at_its_line() {
        // Line 72 is `"message": "Value is too short",` inside the third authorization example.
        let mangled = DOC.replace(
            "\"message\": \"Value is too short\",",
            "\"message\": \"Value is too short\"",
        );
        let e = error_of(&mangled);
        assert_eq!(e.line, 73);
        assert!(
            e.to_string()
                .starts_with("specs/sources/ixon_cloud.txt:73: JSON example does not parse"),
            "{e}"
        );
        let cause = std::error::Error::source(&e)
            .and_then(|s| s.downcast_ref::<serde_json::Error>())
            .map(serde_json::Error::classify);
        assert_eq!(cause, Some(serde_json::error::Category::Syntax));
    }

    #[test]
    fn bullet_without_example_is_an_error() {
        let lines: Vec<&str> = DOC.lines().collect();
        // Drop the 2FA example (lines 57..=66), leaving its bullet on line 56 alone.
        let mangled = [&lines[..56], &lines[66..]].concat().join("\n");
        let e = error_of(&mangled);
        assert_eq!(e.line, 56);
        assert!(e.message.contains("2FA is required"), "{e}");
    }

    #[test]
    fn heading_and_payload_properties_must_agree() {
        let mangled = DOC.replace(
            "\"propertyName\": \"ssoAuthentication.state\"",
            "\"propertyName\": \"ssoAuthentication.nonce\"",
        );
        let e = error_of(&mangled);
        assert_eq!(e.line, 134);
    }

    #[test]
    fn unknown_section_is_an_error() {
        let mangled = DOC.replace("Server errors\n", "Rate limit errors\n");
        let e = error_of(&mangled);
        assert_eq!(e.line, 152);
        assert!(e.message.contains("Rate limit errors"));
    }
}
