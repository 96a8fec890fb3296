//! Checks of meaning, run on a parsed [`Spec`] before anything is emitted, so that a bad spec
//! is reported at its line instead of producing Rust that fails to compile.

use std::collections::HashMap;

use crate::locate::{Locator, Pos};
use crate::model::Spec;
use crate::template::{self, Segment};
use crate::{taxonomy, SpecError};

/// A spec that passed validation, with its templates parsed.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The spec as written.
    pub spec: Spec,
    /// `templates[i]` is entry i's parsed message, if it has one.
    pub templates: Vec<Option<Vec<Segment>>>,
    /// Entries flagged `review: true`, as messages for `cargo:warning`.
    pub warnings: Vec<String>,
}

/// Validates `spec`, read from `file` (the path used in messages) whose text is `text`.
pub fn check(file: &str, text: &str, stem: &str, spec: Spec) -> Result<Checked, Vec<SpecError>> {
    let loc = Locator::new(text);
    let mut errors = Vec::new();
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

    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut variants: HashMap<String, &str> = HashMap::new();
    let mut codes: HashMap<&str, &str> = HashMap::new();
    let mut templates = Vec::with_capacity(spec.entries.len());
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
        for (field, value, table) in [
            ("category", &e.category, taxonomy::CATEGORIES),
            ("action", &e.action, taxonomy::ACTIONS),
        ] {
            if taxonomy::find(table, value).is_none() {
                err(
                    loc.field(i, field),
                    format!(
                        "unknown {field} `{value}`; expected one of {} {tag}",
                        taxonomy::names(table)
                    ),
                );
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
        templates.push(match &e.message {
            Some(message) => match template::parse(message) {
                Ok(segments) => Some(segments),
                Err(e) => {
                    err(
                        loc.field(i, "message"),
                        format!("message template does not parse: {e} {tag}"),
                    );
                    None
                }
            },
            None => None,
        });
        if e.review {
            let pos = loc.field(i, "review").unwrap_or(Pos { line: 1, column: 1 });
            warnings.push(format!(
                "{file}:{}:{}: entry `{}` was added by `cargo xtask regen` with default curation; check its category and action, then remove `review: true`",
                pos.line, pos.column, e.id
            ));
        }
    }

    if errors.is_empty() {
        Ok(Checked {
            spec,
            templates,
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
