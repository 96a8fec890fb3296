//! The spec model: what a `specs/<vendor>.yaml` file holds.
//!
//! This is the one schema shared by `build.rs` (through [`crate::Config`]) and by
//! `cargo xtask regen`, which writes these same structs back out. Field order here is the
//! order of the canonical YAML form, so keep transcribed fields first and curated ones last.

use serde::{Deserialize, Serialize};

pub use crate::taxonomy::{Action, Category};

/// One vendor's spec file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Who the vendor is and where its document lives.
    pub vendor: VendorHeader,
    /// Every documented error, in document order.
    pub entries: Vec<Entry>,
}

/// The vendor header of a spec file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorHeader {
    /// Stable snake_case id: the spec's file stem, `Vendor::id()`, the CLI's `--vendor`.
    pub id: String,
    /// Human name used in `Display`, e.g. `IRIS HR`.
    pub name: String,
    /// The vendor document this spec is transcribed from, relative to `specs/`.
    pub source: String,
    /// Where the document was published, as given to the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How unknown numeric codes fall back to a documented catch-all entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catch_all: Option<CatchAllRule>,
    /// Curated: what the vendor documents for an HTTP status as a whole, used when no entry
    /// matches a response (Lerian documents its 500s as "try again later"). Statuses not
    /// listed fall back to the generic status table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<StatusBehaviour>,
    /// Curated: anything about the document as a whole (counts, inconsistencies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// What a vendor documents for one HTTP status as a whole: the category and action of an
/// error with that status that no entry matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusBehaviour {
    /// The HTTP status, 100..=599, listed once.
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
/// (the emitter, `cargo xtask synth`) then fails to compile until it is handled.
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

    /// The vendor id: its spec's file stem and `errcat::Vendor::id()`.
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
    pub fn from_id(id: &str) -> Option<Builtin> {
        Builtin::ALL.iter().copied().find(|b| b.id() == id)
    }
}

/// One documented error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    pub fn label(&self) -> &str {
        self.code
            .as_deref()
            .or(self.error.as_deref())
            .unwrap_or(&self.id)
    }
}
