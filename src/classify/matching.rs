//! Finding the catalog entry for one wire error: by code (with the catch-all rule and the
//! same-title rule), or by message (exact, ASCII-case and whitespace tolerant, or template).

use super::escape::{cap, MAX_KEPT};
use super::loose::{loose_eq, loose_hash};
use super::result::MatchKind;
use crate::{Catalog, Entry, ErrorCode, Segment};

/// What `by_message`, `by_title` and `by_status` need of one catalog's entries, computed once
/// per catalog (it is kept in the catalog).
/// Walking every entry per wire error, comparing each message loosely, cost more than
/// parsing the body; a hash of the loose form narrows the comparisons to the entries that
/// can match, and the loose comparison still decides, so collisions change nothing.
pub(crate) struct MatchIndex {
    /// Entries whose message has no placeholders, with the loose hash of that message.
    literals: Vec<(u64, ErrorCode)>,
    /// Entries whose message has placeholders: matched by template, one by one.
    templates: Vec<ErrorCode>,
    /// Every entry, with the loose hash of its title without a final `.`.
    titles: Vec<(u64, ErrorCode)>,
    /// `by_status`'s answer for every status one of the vendor's entries documents.
    by_status: Vec<(u16, Option<ErrorCode>)>,
    /// Code-less entries' texts as a response may carry them (`by_phrase`): the title, the
    /// message, and the paragraph they came from (title + condition, + handling), with the
    /// hash of their words.
    phrases: Vec<(u64, String, ErrorCode)>,
}

impl MatchIndex {
    pub(crate) fn build(catalog: &'static Catalog) -> MatchIndex {
        let mut ix = MatchIndex {
            literals: Vec::new(),
            templates: Vec::new(),
            titles: Vec::new(),
            by_status: Vec::new(),
            phrases: Vec::new(),
        };
        for code in catalog.codes() {
            let e = code.entry();
            if let Some(t) = e.message() {
                if t.has_params() {
                    ix.templates.push(code);
                } else {
                    let text = match t.segments() {
                        [Segment::Literal(lit)] => lit,
                        _ => t.text(),
                    };
                    ix.literals.push((loose_hash(text), code));
                }
            }
            ix.titles
                .push((loose_hash(e.title().trim_end_matches('.')), code));
            if e.code().is_none() {
                let message = e.message().filter(|t| !t.has_params()).map(|t| t.text());
                let paragraph = |parts: &[Option<&str>]| {
                    let parts: Vec<&str> = parts.iter().flatten().copied().collect();
                    (parts.len() > 1).then(|| parts.join(" "))
                };
                let forms = [
                    Some(e.title().to_string()),
                    message.map(str::to_string),
                    paragraph(&[Some(e.title()), e.condition()]),
                    paragraph(&[Some(e.title()), e.condition(), e.handling()]),
                    paragraph(&[message, e.condition()]),
                ];
                for form in forms.into_iter().flatten() {
                    if !ix.phrases.iter().any(|(_, f, c)| *c == code && *f == form) {
                        ix.phrases.push((words_hash(&form), form, code));
                    }
                }
            }
            if let Some(status) = e.http_status() {
                if !ix.by_status.iter().any(|&(s, _)| s == status) {
                    ix.by_status
                        .push((status, documented_by_status_alone(catalog, status)));
                }
            }
        }
        // Sorted by hash: a lookup is a binary search to the few equal hashes.
        ix.phrases.sort_by_key(|&(h, _, _)| h);
        ix
    }
}

/// An entry found for a wire error.
pub(crate) struct Hit {
    pub(crate) code: ErrorCode,
    pub(crate) kind: MatchKind,
    pub(crate) params: Vec<(&'static str, String)>,
}

/// The entry whose code or alias is `wire` (entry ids are ours, not codes a vendor sends).
pub(crate) fn by_code(catalog: &'static Catalog, wire: &str) -> Option<ErrorCode> {
    catalog.lookup_code(wire.trim())
}

/// How `text` matches the entry's message: `Exact` for a message without placeholders (up to
/// ASCII case and whitespace), `Template` with the captured values for one with placeholders.
pub(crate) fn message_match(
    entry: &Entry,
    text: &str,
) -> Option<(MatchKind, Vec<(&'static str, String)>)> {
    let template = entry.message()?;
    let text = text.trim();
    if !template.has_params() {
        let equal = match template.segments() {
            [Segment::Literal(lit)] => loose_eq(lit, text),
            _ => loose_eq(template.text(), text),
        };
        return equal.then(|| (MatchKind::Exact, Vec::new()));
    }
    // Most templates tried are the wrong ones. `captures` needs the text to start with a
    // leading literal and end with a trailing one; checking both first spares it a substring
    // search through the text per template.
    match template.segments() {
        [Segment::Literal(first), ..] if !text.starts_with(first) => return None,
        [.., Segment::Literal(last)] if !text.ends_with(last) => return None,
        _ => {}
    }
    let caps = template.captures(text)?;
    Some((
        MatchKind::Template,
        caps.into_iter()
            .map(|(k, v)| (k, cap(v, MAX_KEPT)))
            .collect(),
    ))
}

/// The hit for a wire code that resolved to `code` (`kind` says whether exactly or through
/// the catch-all rule), given the wire message.
///
/// When the code's entry has a message the wire message does not match, an entry with the
/// same title, no code of its own and a matching message is preferred: IRIS's four "OData
/// Pagination Exception" entries share one wire code, carried as an alias by the first.
pub(crate) fn with_code(
    catalog: &'static Catalog,
    code: ErrorCode,
    kind: MatchKind,
    message: Option<&str>,
) -> Hit {
    let entry = code.entry();
    if kind == MatchKind::CatchAll {
        let params = message
            .and_then(|m| message_match(entry, m))
            .map(|(_, p)| p)
            .unwrap_or_default();
        return Hit {
            code,
            kind: MatchKind::CatchAll,
            params,
        };
    }
    if let Some(m) = message {
        if let Some((_, params)) = message_match(entry, m) {
            return Hit {
                code,
                kind: MatchKind::Exact,
                params,
            };
        }
        if entry.message().is_some() {
            // Only entries with the same title qualify, and those share its title hash.
            let h = loose_hash(entry.title().trim_end_matches('.'));
            let same_title = catalog.index().titles.iter().filter(|&&(th, _)| th == h);
            let sibling = same_title.map(|&(_, c)| c).find_map(|c| {
                let e = c.entry();
                if c == code || e.title() != entry.title() || e.code().is_some() {
                    return None;
                }
                message_match(e, m).map(|(_, p)| (c, p))
            });
            if let Some((c, params)) = sibling {
                return Hit {
                    code: c,
                    kind: MatchKind::Template,
                    params,
                };
            }
        }
    }
    Hit {
        code,
        kind: MatchKind::Exact,
        params: Vec::new(),
    }
}

/// The one entry of `catalog` accepted by `filter` whose message matches `text`. Several
/// matches are narrowed to those documented with `status`; if that leaves not exactly one,
/// there is no hit: picking one would be a guess.
pub(crate) fn by_message(
    catalog: &'static Catalog,
    status: u16,
    text: &str,
    filter: impl Fn(&Entry) -> bool,
) -> Option<Hit> {
    let mut first: Option<Hit> = None;
    let mut others: Vec<Hit> = Vec::new();
    let mut consider = |code: ErrorCode| {
        let e = code.entry();
        if !filter(e) {
            return;
        }
        if let Some((kind, params)) = message_match(e, text) {
            let hit = Hit { code, kind, params };
            if first.is_none() {
                first = Some(hit);
            } else {
                others.push(hit);
            }
        }
    };
    // Which entries match does not depend on the order they are tried in: one match is the
    // hit, several are narrowed by status below.
    let ix = catalog.index();
    let h = loose_hash(text);
    for &(eh, code) in &ix.literals {
        if eh == h {
            consider(code);
        }
    }
    for &code in &ix.templates {
        consider(code);
    }
    let first = first?;
    if others.is_empty() {
        return Some(first);
    }
    let mut same_status = std::iter::once(first)
        .chain(others)
        .filter(|h| h.code.http_status() == Some(status));
    let one = same_status.next()?;
    same_status.next().is_none().then_some(one)
}

/// The entry a catalog documents by HTTP status alone (IXON's "500 Internal Server Error"):
/// one with no code, alias, machine string, message or property, and the only entry of the vendor
/// with that status.
pub(crate) fn by_status(catalog: &'static Catalog, status: u16) -> Option<ErrorCode> {
    catalog
        .index()
        .by_status
        .iter()
        .find(|&&(s, _)| s == status)
        .and_then(|&(_, code)| code)
}

/// `by_status`'s rule, evaluated once per documented status when the index is built.
fn documented_by_status_alone(catalog: &'static Catalog, status: u16) -> Option<ErrorCode> {
    let mut with_status = catalog.codes().filter(|c| c.http_status() == Some(status));
    let only = with_status.next()?;
    if with_status.next().is_some() {
        return None;
    }
    let e = only.entry();
    (e.code().is_none()
        && e.aliases().is_empty()
        && e.error().is_none()
        && e.message().is_none()
        && e.property().is_none())
    .then_some(only)
}

/// The one entry of `catalog` whose title is `text` (up to ASCII case and whitespace, and a
/// final `.`): a ProblemDetails `title` such as IRIS's "Rate limit exceeded". Entries
/// documented with another error status are skipped; several entries give no hit.
pub(crate) fn by_title(catalog: &'static Catalog, status: u16, text: &str) -> Option<Hit> {
    let text = text.trim().trim_end_matches('.');
    let h = loose_hash(text);
    let mut found = catalog
        .index()
        .titles
        .iter()
        .filter(|&&(th, _)| th == h)
        .map(|&(_, c)| c)
        .filter(|c| c.http_status().is_none_or(|s| s == status || status < 400))
        .filter(|c| loose_eq(c.title().trim_end_matches('.'), text));
    let one = found.next()?;
    found.next().is_none().then(|| Hit {
        code: one,
        kind: MatchKind::Exact,
        params: Vec::new(),
    })
}

/// The one entry with this machine string; several (`unknown_application` is both 221 and
/// 352) give none, since only the code could tell them apart.
pub(crate) fn by_error(catalog: &'static Catalog, name: &str) -> Option<ErrorCode> {
    let name = name.trim();
    let mut found = catalog.codes().filter(|c| c.entry().error() == Some(name));
    let one = found.next()?;
    found.next().is_none().then_some(one)
}

/// The one code-less entry whose text, as a response may carry it, is `text` up to case,
/// spacing and punctuation: its title alone ("rate limit exceeded"), its message, or the
/// document's whole paragraph (title and condition as one message, "Quota exceeded. IRIS
/// maintains a daily quota ..."). Entries documented with another status are skipped, and
/// several candidates give no hit.
pub(crate) fn by_phrase(catalog: &'static Catalog, status: u16, text: &str) -> Option<Hit> {
    let phrases = &catalog.index().phrases;
    if phrases.is_empty() {
        return None;
    }
    let h = words_hash(text);
    let from = phrases.partition_point(|&(fh, _, _)| fh < h);
    let mut found = phrases[from..]
        .iter()
        .take_while(|&&(fh, _, _)| fh == h)
        .filter(|(_, form, code)| {
            code.http_status()
                .is_none_or(|s| s == status || status < 400)
                && words_eq(form, text)
        })
        .map(|&(_, _, code)| code);
    let one = found.next()?;
    found.all(|c| c == one).then(|| Hit {
        code: one,
        kind: MatchKind::Exact,
        params: Vec::new(),
    })
}

/// The generic chain for one error with an optional code and message: the code (with the
/// same-title rule), else the message (documented text, then a code-less entry's paragraph),
/// else the title. An unknown code that is not a number stays unknown: the vendor named an
/// error the catalog does not have, and a message match would be a guess. Numeric codes
/// (Lerian's HTTP-like ones, a ledger's `0486`) let the message decide.
pub(crate) fn resolve(
    catalog: &'static Catalog,
    status: u16,
    code: Option<&str>,
    message: Option<&str>,
    title: Option<&str>,
) -> Option<Hit> {
    resolve_fitting(catalog, status, code, message, title, |_| true)
}

/// [`resolve`] among the entries `fits` accepts (a declarative envelope's `property`): the
/// filter narrows the message candidates before their count is judged, so two entries with
/// one message and different fields are told apart by the field.
pub(crate) fn resolve_fitting(
    catalog: &'static Catalog,
    status: u16,
    code: Option<&str>,
    message: Option<&str>,
    title: Option<&str>,
    fits: impl Fn(&Entry) -> bool,
) -> Option<Hit> {
    let code = code.map(str::trim).filter(|c| !c.is_empty());
    if let Some(c) = code {
        if let Some(documented) = by_code(catalog, c) {
            return Some(with_code(catalog, documented, MatchKind::Exact, message));
        }
        if !c.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if let Some(m) = message {
        if let Some(hit) = by_message(catalog, status, m, &fits) {
            return Some(hit);
        }
        if let Some(hit) = by_phrase(catalog, status, m).filter(|h| fits(h.code.entry())) {
            return Some(hit);
        }
    }
    // A problem document's title is usually the status's reason phrase ("Unauthorized"),
    // which names no entry even where an entry happens to be titled so.
    title
        .filter(|t| !is_reason_phrase(t))
        .into_iter()
        .chain(message)
        .find_map(|t| by_title(catalog, status, t))
        .filter(|h| fits(h.code.entry()))
}

/// Whether `title` is an HTTP reason phrase (RFC 9110's, and the older names still sent).
fn is_reason_phrase(title: &str) -> bool {
    const PHRASES: &[&str] = &[
        "Bad Request",
        "Unauthorized",
        "Payment Required",
        "Forbidden",
        "Not Found",
        "Method Not Allowed",
        "Not Acceptable",
        "Request Timeout",
        "Conflict",
        "Gone",
        "Precondition Failed",
        "Content Too Large",
        "Payload Too Large",
        "Unsupported Media Type",
        "Unprocessable Entity",
        "Unprocessable Content",
        "Locked",
        "Too Many Requests",
        "Internal Server Error",
        "Not Implemented",
        "Bad Gateway",
        "Service Unavailable",
        "Gateway Timeout",
        "Gateway Time-out",
    ];
    let t = title.trim().trim_end_matches('.');
    PHRASES
        .iter()
        .any(|p| p.len() == t.len() && p.eq_ignore_ascii_case(t))
}

/// Whether two texts have the same words up to ASCII case, whatever the punctuation and
/// spacing between them ("Quota exceeded.  IRIS maintains …" and "quota exceeded, IRIS
/// maintains …." are the same). One pass over both, without splitting.
pub(crate) fn words_eq(a: &str, b: &str) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || !c.is_ascii();
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    loop {
        while i < a.len() && !word(a[i]) {
            i += 1;
        }
        while j < b.len() && !word(b[j]) {
            j += 1;
        }
        match (i < a.len(), j < b.len()) {
            (false, false) => return true,
            // Both at a word's start: compare it to its end.
            (true, true) => {
                while i < a.len() && j < b.len() && word(a[i]) && word(b[j]) {
                    if !a[i].eq_ignore_ascii_case(&b[j]) {
                        return false;
                    }
                    i += 1;
                    j += 1;
                }
                let (more_a, more_b) = (i < a.len() && word(a[i]), j < b.len() && word(b[j]));
                if more_a || more_b {
                    return false;
                }
            }
            // One has a word left, the other none.
            _ => return false,
        }
    }
}

/// A hash of the first words of `s` as `words_eq` compares them: equal for texts
/// `words_eq` calls equal.
pub(crate) fn words_hash(s: &str) -> u64 {
    // Enough words to tell a paragraph from its own first sentence, so that equal hashes
    // are nearly always equal texts and `words_eq` runs only to confirm.
    const WORDS: usize = 64;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let (mut words, mut in_word) = (0, false);
    // Words are runs of ASCII letters and digits and of non-ASCII bytes ("café" is one word),
    // as `words_eq` reads them: every word's bytes, lowercased, then 0xFF (a byte UTF-8
    // never has).
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || !b.is_ascii() {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME);
            in_word = true;
        } else if in_word {
            h = (h ^ 0xFF).wrapping_mul(PRIME);
            in_word = false;
            words += 1;
            if words == WORDS {
                return h;
            }
        }
    }
    if in_word {
        h = (h ^ 0xFF).wrapping_mul(PRIME);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_eq_ignores_punctuation_spacing_and_case() {
        let same = [
            (
                "Quota exceeded. IRIS maintains",
                "quota exceeded  iris MAINTAINS.",
            ),
            ("a", "a"),
            ("", ""),
            ("...", ""),
            ("a.b", "a b"),
            ("café, ok", "CAFé ok!"),
            (" a ", "a"),
        ];
        for (a, b) in same {
            assert!(words_eq(a, b), "{a:?} {b:?}");
            assert!(words_eq(b, a), "{b:?} {a:?}");
            assert_eq!(words_hash(a), words_hash(b), "{a:?} {b:?}");
        }
        let different = [
            ("ab", "a b"),
            ("a", "ab"),
            ("a", ""),
            ("a b", "a"),
            ("quota exceeded", "quota exceed"),
            ("daily quota", "monthly quota"),
        ];
        for (a, b) in different {
            assert!(!words_eq(a, b), "{a:?} {b:?}");
            assert!(!words_eq(b, a), "{b:?} {a:?}");
        }
    }
}
