//! Checks of meaning, run on a parsed [`Spec`](crate::model::Spec) before anything is emitted, so that a bad spec
//! is reported at its line instead of producing Rust that fails to compile; and the naming
//! rules (`is_snake_ident`, `pascal_case`) that `cargo xtask regen` shares.

use std::collections::HashMap;

use crate::locate::{Locator, Pos};
use crate::model::{Entry, VendorHeader};
use crate::parse::Parsed;
use crate::template::{self, Segment};
use crate::SpecError;

/// A spec that passed validation: its header, and its entries with their parsed templates.
#[derive(Clone, Debug)]
pub struct Checked {
    vendor: VendorHeader,
    entries: Vec<CheckedEntry>,
    warnings: Vec<String>,
}

impl Checked {
    /// The vendor header.
    pub fn vendor(&self) -> &VendorHeader {
        &self.vendor
    }
    /// The entries, in spec order.
    pub fn entries(&self) -> &[CheckedEntry] {
        &self.entries
    }
    /// Entries flagged `review: true`, as `file:line:col: …` messages for `cargo:warning`.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

/// One entry of a [`Checked`] spec.
#[derive(Clone, Debug)]
pub struct CheckedEntry {
    entry: Entry,
    template: Option<Vec<Segment>>,
}

impl CheckedEntry {
    /// The entry as written.
    pub fn entry(&self) -> &Entry {
        &self.entry
    }
    /// Its message, parsed; `None` when it has no message.
    pub fn template(&self) -> Option<&[Segment]> {
        self.template.as_deref()
    }
}

/// Validates a parsed spec, read from `file` (the path used in messages) whose text is `text`
/// and whose file stem is `stem`.
pub(crate) fn check(
    file: &str,
    text: &str,
    stem: &str,
    parsed: Parsed,
) -> Result<Checked, Vec<SpecError>> {
    let Parsed {
        spec,
        unknown_names: mut errors,
    } = parsed;
    let loc = Locator::new(text);
    let mut err = |pos: Option<Pos>, message: String| {
        let pos = pos.unwrap_or(Pos { line: 1, column: 1 });
        errors.push(SpecError {
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            message,
        });
    };

    if spec.vendor.id != stem {
        err(
            Some(loc.header("id")),
            format!(
                "vendor id `{}` must equal the file name `{stem}`",
                spec.vendor.id
            ),
        );
    }
    if !is_snake_ident(&spec.vendor.id) {
        err(
            Some(loc.header("id")),
            format!(
                "vendor id `{}` is not a snake_case identifier",
                spec.vendor.id
            ),
        );
    }
    if spec.vendor.name.trim().is_empty() {
        err(Some(loc.header("name")), "vendor name is empty".into());
    }
    if spec.entries.is_empty() {
        err(
            Some(loc.header("entries")),
            "the spec has no entries".into(),
        );
    }

    let mut statuses: Vec<u16> = Vec::new();
    for b in &spec.vendor.statuses {
        let pos = loc.header_item("statuses", "status", &b.status.to_string());
        if !(100..=599).contains(&b.status) {
            err(
                Some(pos),
                format!("statuses: status {} is outside 100..=599", b.status),
            );
        }
        if statuses.contains(&b.status) {
            err(
                Some(pos),
                format!("statuses: status {} is listed twice", b.status),
            );
        }
        statuses.push(b.status);
    }

    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut variants: HashMap<String, &str> = HashMap::new();
    let mut codes: HashMap<&str, &str> = HashMap::new();
    let mut warnings = Vec::new();

    for (i, e) in spec.entries.iter().enumerate() {
        let tag = format!("(entry {})", e.id);
        if !is_snake_ident(&e.id) {
            err(
                loc.field(i, "id"),
                format!("id `{}` is not a snake_case identifier (a-z, 0-9, single `_`, starting with a letter) {tag}", e.id),
            );
        } else {
            let variant = pascal_case(&e.id);
            if variant == "Self" {
                err(
                    loc.field(i, "id"),
                    format!("id `{}` becomes the reserved name `Self` {tag}", e.id),
                );
            }
            if let Some(other) = variants.get(&variant) {
                if *other != e.id {
                    err(
                        loc.field(i, "id"),
                        format!("id `{}` collides with `{other}`: both become the variant `{variant}` {tag}", e.id),
                    );
                }
            }
            variants.insert(variant, &e.id);
        }
        if ids.insert(&e.id, i).is_some() {
            err(loc.field(i, "id"), format!("duplicate id `{}` {tag}", e.id));
        }
        if e.title.trim().is_empty() {
            err(loc.field(i, "title"), format!("title is empty {tag}"));
        }
        let mut own = Vec::new();
        if let Some(code) = &e.code {
            if code.trim().is_empty() {
                err(loc.field(i, "code"), format!("code is empty {tag}"));
            }
            own.push(("code", code.as_str()));
        }
        own.extend(e.aliases.iter().map(|a| ("aliases", a.as_str())));
        for (field, code) in own {
            let pos = if field == "code" {
                loc.field(i, "code")
            } else {
                loc.value(i, "aliases", code)
            };
            match codes.insert(code, &e.id) {
                Some(prev) if prev == e.id => err(
                    pos,
                    format!("`{code}` is listed twice for this entry {tag}"),
                ),
                Some(prev) => err(
                    pos,
                    format!("duplicate code `{code}`: entry `{prev}` already has it {tag}"),
                ),
                None => {}
            }
        }
        if let Some(status) = e.http_status {
            if !(100..=599).contains(&status) {
                err(
                    loc.field(i, "http_status"),
                    format!("http_status {status} is outside 100..=599 {tag}"),
                );
            }
        }
        if e.review {
            let pos = loc.field(i, "review").unwrap_or(Pos { line: 1, column: 1 });
            warnings.push(format!(
                "{file}:{}:{}: entry `{}` was added by `cargo xtask regen` with default curation; check its category and action, then remove `review: true`",
                pos.line, pos.column, e.id
            ));
        }
    }

    // The entries move into the result here, each with its template parsed.
    let entries: Vec<CheckedEntry> = spec
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let template =
                entry
                    .message
                    .as_deref()
                    .and_then(|message| match template::parse(message) {
                        Ok(segments) => Some(segments),
                        Err(e) => {
                            err(
                                loc.field(i, "message"),
                                format!(
                                    "message template does not parse: {e} (entry {})",
                                    entry.id
                                ),
                            );
                            None
                        }
                    });
            CheckedEntry { entry, template }
        })
        .collect();

    if errors.is_empty() {
        Ok(Checked {
            vendor: spec.vendor,
            entries,
            warnings,
        })
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// `a-z` start, then `a-z`, `0-9` and single underscores, not ending in `_`.
pub fn is_snake_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

/// `access_token_expired` → `AccessTokenExpired`.
pub fn pascal_case(id: &str) -> String {
    id.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(is_snake_ident("access_token_expired"));
        assert!(is_snake_ident("invalid_value_2fa"));
        for bad in ["2fa", "Foo", "a__b", "a_", "_a", "a-b", ""] {
            assert!(!is_snake_ident(bad), "{bad}");
        }
        assert_eq!(pascal_case("access_token_expired"), "AccessTokenExpired");
        assert_eq!(pascal_case("a_1"), pascal_case("a1"));
    }
}
