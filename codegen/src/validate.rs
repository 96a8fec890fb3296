//! Checks of meaning, run on a parsed [`Spec`](crate::model::Spec) before anything is emitted, so that a bad spec
//! is reported at its line instead of producing Rust that fails to compile; and the naming
//! rules (`is_snake_ident`, `pascal_case`) that `cargo xtask regen` shares.

use std::collections::HashMap;

use crate::locate::{Locator, Pos};
use crate::model::{pointer_tokens, Builtin, Entry, Envelope, VendorHeader};
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
    #[must_use]
    pub fn vendor(&self) -> &VendorHeader {
        &self.vendor
    }
    /// The entries, in spec order.
    #[must_use]
    pub fn entries(&self) -> &[CheckedEntry] {
        &self.entries
    }
    /// Entries flagged `review: true`, as `file:line:col: …` messages for `cargo:warning`.
    #[must_use]
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
    #[must_use]
    pub fn entry(&self) -> &Entry {
        &self.entry
    }
    /// Its message, parsed; `None` when it has no message.
    #[must_use]
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
    let mut trace_headers: Vec<&str> = Vec::new();
    for name in &spec.vendor.trace_headers {
        let pos = Some(loc.header_value("trace_headers", name));
        if !is_field_name(name) {
            err(
                pos,
                format!("trace header `{name}` is not an HTTP field name (letters, digits and !#$%&'*+-.^_`|~, at least one)"),
            );
        } else if trace_headers.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            err(
                pos,
                format!("trace header `{name}` is listed twice (header names ignore case)"),
            );
        }
        trace_headers.push(name);
    }
    if let Some(wait) = spec.vendor.rate_limit_wait_s {
        if !(1..=MAX_WAIT_S).contains(&wait) {
            err(
                Some(loc.header("rate_limit_wait_s")),
                format!("rate_limit_wait_s {wait} is outside 1..={MAX_WAIT_S} (one day, errcat's cap on any delay)"),
            );
        }
    }
    if spec.entries.is_empty() {
        err(
            Some(loc.header("entries")),
            "the spec has no entries".into(),
        );
    }
    check_header(&spec.vendor, &loc, &mut err);
    if let Some(envelope) = &spec.vendor.envelope {
        // An entry field that the envelope gives no pointer for can never be compared with
        // a body: the entry would look matchable and never be.
        let readable = [
            ("code", envelope.code.is_some()),
            ("error", envelope.error.is_some()),
            ("property", envelope.property.is_some()),
        ];
        for (i, e) in spec.entries.iter().enumerate() {
            let has = [
                ("code", e.code.is_some() || !e.aliases.is_empty()),
                ("error", e.error.is_some()),
                ("property", e.property.is_some()),
            ];
            for ((field, has), (_, readable)) in has.into_iter().zip(readable) {
                if has && !readable {
                    let at = if field == "code" && e.code.is_none() {
                        "aliases"
                    } else {
                        field
                    };
                    err(
                        loc.field(i, at),
                        format!(
                            "the entry has a `{field}` but the envelope has no `{field}` pointer, so no body can match it (entry {})",
                            e.id
                        ),
                    );
                }
            }
        }
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
        if let Some(wait) = e.wait_s {
            if !(1..=MAX_WAIT_S).contains(&wait) {
                err(
                    loc.field(i, "wait_s"),
                    format!("wait_s {wait} is outside 1..={MAX_WAIT_S} (one day, errcat's cap on any delay) {tag}"),
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

/// The header's `extends` and `envelope` checks (`trace_headers` are checked in [`check`]).
fn check_header(h: &VendorHeader, loc: &Locator, err: &mut impl FnMut(Option<Pos>, String)) {
    if let Some(base) = &h.extends {
        if Builtin::from_id(base).is_none() {
            err(
                Some(loc.header("extends")),
                format!(
                    "`extends: {base}` names no built-in vendor; expected one of {}",
                    builtin_ids()
                ),
            );
        }
        if h.envelope.is_some() {
            err(
                Some(loc.header("envelope")),
                format!("`envelope` and `extends` do not go together: a spec that extends `{base}` is read by {base}'s own reader; remove one of them"),
            );
        }
    }
    if let Some(envelope) = &h.envelope {
        let mut tokens = Vec::new();
        for (field, pointer) in envelope.pointers() {
            match pointer_tokens(pointer) {
                Ok(t) => tokens.push((field, t)),
                Err(e) => err(
                    Some(loc.header_in("envelope", field)),
                    format!("envelope.{field}: {e}"),
                ),
            }
        }
        let of = |name: &str| tokens.iter().find(|(f, _)| *f == name).map(|(_, t)| t);
        if let (Some(errors), Some(trace)) = (of("errors"), of("trace_id")) {
            if trace.starts_with(errors) {
                err(
                    Some(loc.header_in("envelope", "trace_id")),
                    format!(
                        "envelope.trace_id: `{}` lies inside the errors array `{}`; trace_id is read from the body's root, outside it",
                        envelope.trace_id.as_deref().unwrap_or_default(),
                        envelope.errors.as_deref().unwrap_or_default()
                    ),
                );
            }
        }
        if envelope
            .pointers()
            .all(|(f, _)| matches!(f, "errors" | "trace_id" | "property"))
        {
            err(
                Some(loc.header("envelope")),
                "the envelope names none of `code`, `error`, `message`, `title`: nothing in a body could be matched".into(),
            );
        }
    }
}

/// What a valid spec becomes: which reader its catalog's bodies go through, and whether it
/// adds to a built-in catalog.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Role<'a> {
    /// One of errcat's own vendors (errcat's build only).
    Builtin(Builtin),
    /// A spec of someone else's that adds its entries to a built-in vendor's catalog.
    Extends(Builtin),
    /// A new vendor, read through its declarative envelope.
    Envelope(&'a Envelope),
}

fn at(file: &str, pos: Pos, message: String) -> SpecError {
    SpecError {
        file: file.to_string(),
        line: pos.line,
        column: pos.column,
        message,
    }
}

/// errcat's own build: every spec is one of the built-in vendors, with its document.
pub(crate) fn builtin_role<'a>(
    file: &str,
    text: &str,
    c: &'a Checked,
) -> Result<Role<'a>, Vec<SpecError>> {
    let loc = Locator::new(text);
    let h = c.vendor();
    let mut errors = Vec::new();
    let builtin = Builtin::from_id(&h.id);
    if builtin.is_none() {
        errors.push(at(
            file,
            loc.header("id"),
            format!(
                "vendor `{}` has no reader for its error bodies: errcat reads those of {}",
                h.id,
                builtin_ids()
            ),
        ));
    }
    if h.source.is_none() {
        errors.push(at(
            file,
            loc.header("name"),
            "a built-in spec names its vendor document: `source: sources/<vendor id>.txt`".into(),
        ));
    }
    for field in ["extends", "envelope"] {
        let given = match field {
            "extends" => h.extends.is_some(),
            _ => h.envelope.is_some(),
        };
        if given {
            errors.push(at(
                file,
                loc.header(field),
                format!("a built-in spec has no `{field}`: its reader is errcat's own"),
            ));
        }
    }
    match builtin {
        Some(b) if errors.is_empty() => Ok(Role::Builtin(b)),
        _ => Err(errors),
    }
}

/// A spec compiled in another crate: a new vendor with an `envelope`, or an `extends` of a
/// built-in one whose codes, aliases and ids it must not take.
pub(crate) fn user_role<'a>(
    file: &str,
    text: &str,
    c: &'a Checked,
) -> Result<Role<'a>, Vec<SpecError>> {
    let loc = Locator::new(text);
    let h = c.vendor();
    if Builtin::from_id(&h.id).is_some() {
        return Err(vec![at(
            file,
            loc.header("id"),
            format!(
                "vendor id `{0}` is errcat's built-in vendor: give your catalog an id of its own (and `extends: {0}` to add entries to it)",
                h.id
            ),
        )]);
    }
    // `check` has already rejected an unknown `extends` and an `extends` with an envelope.
    match (h.extends.as_deref().and_then(Builtin::from_id), &h.envelope) {
        (Some(base), None) => taken_by(file, &loc, c, base).map(|()| Role::Extends(base)),
        (None, Some(envelope)) => Ok(Role::Envelope(envelope)),
        _ => Err(vec![at(
            file,
            loc.header("name"),
            format!(
                "vendor `{}` says neither where its errors are nor which vendor it adds to: give the header an `envelope:` of JSON Pointers, or `extends:` one of {}",
                h.id,
                builtin_ids()
            ),
        )]),
    }
}

/// Entries of an extending spec whose code, alias or id the built-in vendor already has. A
/// user's entry never replaces a documented one: a build error says which it would have.
fn taken_by(file: &str, loc: &Locator, c: &Checked, base: Builtin) -> Result<(), Vec<SpecError>> {
    let spec = match crate::builtin_specs::spec(base) {
        Ok(spec) => spec,
        Err(e) => return Err(vec![at(file, Pos { line: 1, column: 1 }, e.to_string())]),
    };
    let mut codes: HashMap<&str, &str> = HashMap::new();
    for e in &spec.entries {
        for code in e.code.iter().chain(&e.aliases) {
            codes.entry(code).or_insert(&e.id);
        }
    }
    let ids: std::collections::HashSet<&str> = spec.entries.iter().map(|e| e.id.as_str()).collect();
    let base = base.id();
    let mut errors = Vec::new();
    for (i, ce) in c.entries().iter().enumerate() {
        let e = ce.entry();
        if ids.contains(e.id.as_str()) {
            errors.push(at(
                file,
                loc.field(i, "id").unwrap_or(Pos { line: 1, column: 1 }),
                format!(
                    "id `{}` is already an entry of {base}; give this entry an id of its own (entry {})",
                    e.id, e.id
                ),
            ));
        }
        let own = e
            .code
            .iter()
            .map(|c| ("code", c))
            .chain(e.aliases.iter().map(|a| ("aliases", a)));
        for (field, code) in own {
            if let Some(theirs) = codes.get(code.as_str()) {
                let pos = if field == "code" {
                    loc.field(i, "code")
                } else {
                    loc.value(i, "aliases", code)
                };
                errors.push(at(
                    file,
                    pos.unwrap_or(Pos { line: 1, column: 1 }),
                    format!(
                        "`{code}` is documented by {base} (entry `{theirs}`): a spec that extends {base} adds codes it does not list, and never replaces a documented one (entry {})",
                        e.id
                    ),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The built-in vendors' ids, for messages.
pub(crate) fn builtin_ids() -> String {
    Builtin::ALL
        .iter()
        .map(|b| b.id())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The longest documented wait a spec may declare, in seconds: one day, the same cap as
/// errcat's `MAX_RETRY_AFTER` on any delay.
pub const MAX_WAIT_S: u32 = 86_400;

/// An HTTP field name: RFC 9110's `token`, one or more `tchar`.
pub fn is_field_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// `a-z` start, then `a-z`, `0-9` and single underscores, not ending in `_`.
#[must_use]
pub fn is_snake_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

/// `access_token_expired` → `AccessTokenExpired`.
#[must_use]
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

    #[test]
    fn field_names() {
        for good in ["ADP-CorrelationID", "x-request-id", "A!#$%&'*+-.^_`|~9"] {
            assert!(is_field_name(good), "{good}");
        }
        for bad in ["", "X Id", "X:Id", "Ä", "x\r\n", "(id)"] {
            assert!(!is_field_name(bad), "{bad}");
        }
    }
}
