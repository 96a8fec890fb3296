//! The spec model: what a `specs/<vendor>.yaml` file holds.
//!
//! This is the one schema shared by `build.rs` (through [`crate::Config`]) and by
//! `cargo xtask regen`, which writes these same structs back out. Field order here is the
//! order of the canonical YAML form, so keep transcribed fields first and curated ones last.

use serde::{Deserialize, Serialize};

pub use crate::taxonomy::{Action, Category};

/// One vendor's spec file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Who the vendor is and where its document lives.
    pub vendor: VendorHeader,
    /// Every documented error, in document order.
    pub entries: Vec<Entry>,
}

/// The vendor header of a spec file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VendorHeader {
    /// Stable snake_case id: the spec's file stem, `Vendor::id()`, the CLI's `--vendor`.
    pub id: String,
    /// Human name used in `Display`, e.g. `IRIS HR`.
    pub name: String,
    /// The vendor document this spec is transcribed from, relative to the spec's directory.
    /// Every built-in spec has one; a spec of your own may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the document was published, as given to the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How unknown numeric codes fall back to a documented catch-all entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catch_all: Option<CatchAllRule>,
    /// A spec of your own only: the built-in vendor (`iris_hr`, …) whose catalog this spec
    /// adds its entries to. Its bodies are then read by that vendor's reader, which finds the
    /// entries of both. Not together with `envelope`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// A spec of your own only: where a new vendor's errors are in its bodies, as JSON
    /// Pointers. Not together with `extends`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<Envelope>,
    /// Curated: the response headers that carry the vendor's trace or request id (ADP's
    /// `ADP-CorrelationID`, `X-Acme-Request-Id`), in order of preference. Matched without
    /// regard to ASCII case; each must be an HTTP field name (RFC 9110 `token`), none twice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trace_headers: Vec<String>,
    /// Curated: the wait, in seconds, that the vendor documents for every rate-limited
    /// response (IXON blocks a client for 10 minutes after a 429). Used when no response
    /// header gives a delay; 1..=86400.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = crate::validate::MAX_WAIT_S)))]
    pub rate_limit_wait_s: Option<u32>,
    /// Curated: what the vendor documents for an HTTP status as a whole, used when no entry
    /// matches a response (Lerian documents its 500s as "try again later"). Statuses not
    /// listed fall back to the generic status table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<StatusBehaviour>,
    /// Curated: anything about the document as a whole (counts, inconsistencies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Where a vendor's errors sit in its JSON bodies: RFC 6901 JSON Pointers (`/errors`,
/// `/meta/request_id`, `/a~1b` for the member `a/b`). A numeric token also indexes an array.
///
/// `errors` and `trace_id` are relative to the body's root; `code`, `error`, `message`,
/// `title` and `property` to one error object (the root itself when `errors` is left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The array of error objects (a single object there counts as one error). Leave it out
    /// when the body is itself the one error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<String>,
    /// The vendor's code, matched against the entries' `code` and `aliases`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The vendor's machine string, matched against the entries' `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The human message, matched against the entries' `message` (templates included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A short title, matched against the entries' `title` when nothing else matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The field the error is about, compared with the entries' `property`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// The trace or request id to quote to the vendor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

impl Envelope {
    /// Every pointer given, with its field name, in declaration order.
    pub fn pointers(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("errors", &self.errors),
            ("code", &self.code),
            ("error", &self.error),
            ("message", &self.message),
            ("title", &self.title),
            ("property", &self.property),
            ("trace_id", &self.trace_id),
        ]
        .into_iter()
        .filter_map(|(name, p)| p.as_deref().map(|p| (name, p)))
    }
}

/// The reference tokens of an RFC 6901 JSON Pointer, decoded (`~1` → `/`, `~0` → `~`); `""`
/// is the whole document and gives no tokens.
///
/// # Errors
///
/// What is wrong with a malformed pointer: one that does not start with `/`, or a `~` not
/// followed by `0` or `1`.
pub fn pointer_tokens(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!(
            "`{pointer}` is not a JSON Pointer: it must be empty or start with `/` (RFC 6901)"
        ));
    };
    rest.split('/')
        .map(|token| {
            let mut out = String::with_capacity(token.len());
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                if c != '~' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('0') => out.push('~'),
                    Some('1') => out.push('/'),
                    _ => {
                        return Err(format!(
                            "`{pointer}` is not a JSON Pointer: `~` must be followed by `0` or `1` (write `~0` for `~`, `~1` for `/`)"
                        ))
                    }
                }
            }
            Ok(out)
        })
        .collect()
}

/// What a vendor documents for one HTTP status as a whole: the category and action of an
/// error with that status that no entry matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusBehaviour {
    /// The HTTP status, 100..=599, listed once.
    #[cfg_attr(feature = "schema", schemars(range(min = 100, max = 599)))]
    pub status: u16,
    /// What went wrong.
    pub category: Category,
    /// What the caller should do.
    pub action: Action,
    /// Where the document says so, and why this category and action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A vendor's documented rule for codes it does not list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CatchAllRule {
    /// Akamai: "A code that is a multiple of 100 or 10 is a catch-all for the codes below
    /// it". An unknown numeric code falls back to its x0 entry, then its x00 entry.
    Decimal,
}

/// The vendors whose error envelopes errcat's classifier knows how to read: each has a
/// reader in errcat (`errcat::__private::Reader`) and a spec in errcat's `specs/`.
///
/// Exhaustive on purpose: a sixth built-in vendor is added here, and every `match` over it
/// (`cargo xtask synth`'s code styles, the fidelity and entry tests, the check below `ALL`)
/// then fails to compile until it is handled. The emitter names errcat's `Reader` variant
/// after the vendor id's PascalCase form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Builtin {
    /// `iris_hr`: ProblemDetails and prose bodies with `NNN-NNN-NNNN` codes.
    IrisHr,
    /// `lerian_access_manager`: `{code, title, message}` with `AUT-` / `IDE-` codes.
    LerianAccessManager,
    /// `akamai_identity_cloud`: `"stat":"error"` envelopes with numeric codes.
    AkamaiIdentityCloud,
    /// `ixon_cloud`: `data[]` lists of `{message, propertyName}`, no codes.
    IxonCloud,
    /// `adp`: OAuth errors and ADP's many message envelopes, no codes.
    Adp,
}

impl Builtin {
    /// Every built-in vendor.
    pub const ALL: &'static [Builtin] = &[
        Builtin::IrisHr,
        Builtin::LerianAccessManager,
        Builtin::AkamaiIdentityCloud,
        Builtin::IxonCloud,
        Builtin::Adp,
    ];

    /// `ALL`'s length; see the check below the impl.
    const COUNT: usize = 5;

    /// The vendor id: its spec's file stem and `errcat::Vendor::id()`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Builtin::IrisHr => "iris_hr",
            Builtin::LerianAccessManager => "lerian_access_manager",
            Builtin::AkamaiIdentityCloud => "akamai_identity_cloud",
            Builtin::IxonCloud => "ixon_cloud",
            Builtin::Adp => "adp",
        }
    }

    /// The built-in vendor with this id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Builtin> {
        Builtin::ALL.iter().copied().find(|b| b.id() == id)
    }
}

// `ALL` holds every variant once, in order: a new variant does not compile here, beside the
// list it must join, until it is numbered (and `COUNT` raised).
const _: () = {
    const fn position(b: Builtin) -> usize {
        match b {
            Builtin::IrisHr => 0,
            Builtin::LerianAccessManager => 1,
            Builtin::AkamaiIdentityCloud => 2,
            Builtin::IxonCloud => 3,
            Builtin::Adp => 4,
        }
    }
    assert!(Builtin::ALL.len() == Builtin::COUNT);
    let mut i = 0;
    while i < Builtin::COUNT {
        assert!(position(Builtin::ALL[i]) == i);
        i += 1;
    }
};

/// One documented error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable snake_case id; the enum variant is its PascalCase form. Never changes once
    /// published: `cargo xtask regen` keeps it for an entry it can match.
    pub id: String,

    // ---- transcribed from the document (rewritten by `cargo xtask regen`) ----
    /// The vendor's code, exactly as the document writes it (`401-001-0003`, `AUT-1005`, `414`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The vendor's machine string (`access_token_expired`, OAuth `invalid_request`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The field or header the error is about (IXON's `propertyName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// The HTTP status the document gives for this error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// The document's short title or description.
    pub title: String,
    /// The message the vendor sends, as a template where it has placeholders
    /// (`{requestedTopSize}`, `%v`, `%s`, `<list of fields>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When the document says the error occurs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// What the document says to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<String>,

    // ---- curated by us (kept by `cargo xtask regen`) ----
    /// What went wrong.
    pub category: Category,
    /// What the caller should do.
    pub action: Action,
    /// Other spellings of the code that real responses carry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The wait, in seconds, that the document gives before this error's request can succeed
    /// again (a quota's documented reset), used when no response header gives a delay;
    /// 1..=86400. Only where a document states it: an entry without one has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = crate::validate::MAX_WAIT_S)))]
    pub wait_s: Option<u32>,
    /// Set by `cargo xtask regen` on entries it added with default curation; delete it once
    /// a person has checked `category` and `action`. The build warns while it is set.
    #[serde(default, skip_serializing_if = "is_false")]
    pub review: bool,
    /// Why this entry is curated the way it is, and where the document is inconsistent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Entry {
    /// The name the entry goes by on the wire, as the runtime's `Entry::label` gives it: its
    /// code, else its machine string, else its id.
    #[must_use]
    pub fn label(&self) -> &str {
        self.code
            .as_deref()
            .or(self.error.as_deref())
            .unwrap_or(&self.id)
    }
}
