//! HTML bodies, usually a gateway's error page: recognising one, and reading what it says.

/// The text of an HTML page's `<title>`, or of its first `<h1>`: what a gateway error page
/// says (`504 Gateway Time-out`).
pub(crate) fn html_title(html: &str) -> Option<&str> {
    for tag in ["title", "h1"] {
        if let Some(t) = element_text(html, tag) {
            return Some(t);
        }
    }
    None
}

fn element_text<'t>(html: &'t str, tag: &str) -> Option<&'t str> {
    let open = find_tag(html.as_bytes(), b"", tag.as_bytes())?;
    let after = open + html[open..].find('>')? + 1;
    let len = find_tag(&html.as_bytes()[after..], b"/", tag.as_bytes())?;
    let text = html.get(after..after + len)?.trim();
    (!text.is_empty()).then_some(text)
}

/// Where `<` + `slash` + `tag` first starts in `haystack`, ignoring ASCII case. Jumping from
/// `<` to `<` keeps this linear, and spares the per-call `format!` of the needle.
fn find_tag(haystack: &[u8], slash: &[u8], tag: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = haystack.get(from..)?.iter().position(|&b| b == b'<') {
        let lt = from + at;
        let rest = &haystack[lt + 1..];
        let matches = rest.starts_with(slash)
            && rest
                .get(slash.len()..slash.len() + tag.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(tag));
        if matches {
            return Some(lt);
        }
        from = lt + 1;
    }
    None
}

/// Whether a body that is not JSON looks like an HTML page.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    let head = &t[..t.len().min(64)];
    head.first() == Some(&b'<')
        && (find_ascii_ci_bytes(head, b"<!doctype html")
            || find_ascii_ci_bytes(head, b"<html")
            || find_ascii_ci_bytes(head, b"<head")
            || find_ascii_ci_bytes(head, b"<body")
            || find_ascii_ci_bytes(head, b"<h1")
            || find_ascii_ci_bytes(head, b"<title"))
}

fn find_ascii_ci_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            html_title("<html><head><TITLE>504 Gateway Time-out</TITLE>"),
            Some("504 Gateway Time-out")
        );
        assert_eq!(
            html_title("<html><body><h1>502 Bad Gateway</h1>"),
            Some("502 Bad Gateway")
        );
        assert!(looks_like_html("\n<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Missing Token"));
    }
}
