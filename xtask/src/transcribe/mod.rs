//! Transcribers: one per vendor document format, each in a file of its own.
//!
//! A transcriber reads `specs/sources/<vendor>.txt` and yields the document's entries in
//! document order, as [`Entry`] values whose transcribed fields (code, error, property,
//! http_status, title, message, condition, handling) hold the document's text exactly, and
//! whose curated fields (id, category, action) hold defaults derived from what the document
//! says. `cargo xtask regen` then keeps the curated fields of entries the spec already has.
//!
//! A transcriber never guesses: on a line it cannot place it returns a [`TranscribeError`]
//! naming the file and line.

use errcat_codegen::model::{Action, Category, Entry};
use errcat_codegen::taxonomy::status_rule;

pub mod adp;
pub mod akamai_identity_cloud;
pub mod iris_hr;
pub mod ixon_cloud;
pub mod lerian_access_manager;

/// A place in a source document the transcriber could not parse.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct TranscribeError {
    /// The document's path, e.g. `specs/sources/iris_hr.txt`.
    pub file: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// What was expected there.
    pub message: String,
}

impl TranscribeError {
    /// The error maker for one document: `at(file)(line, message)`.
    pub fn at(file: &str) -> impl Fn(usize, String) -> TranscribeError + '_ {
        move |line, message| TranscribeError {
            file: file.to_string(),
            line,
            message,
        }
    }
}

/// The signature every vendor's transcriber has: `(document text, path for messages)`.
pub type Transcriber = fn(&str, &str) -> Result<Vec<Entry>, TranscribeError>;

/// A vendor that has a transcriber.
pub struct Vendor {
    /// The vendor id, which is the file stem of its document and its spec.
    pub id: &'static str,
    /// The display name a new spec's header gets; an existing header is kept as is.
    pub name: &'static str,
    /// Its document's transcriber.
    pub transcribe: Transcriber,
}

/// Every vendor with a transcriber.
pub const VENDORS: &[Vendor] = &[
    Vendor {
        id: "iris_hr",
        name: "IRIS HR",
        transcribe: iris_hr::transcribe,
    },
    Vendor {
        id: "lerian_access_manager",
        name: "Lerian Access Manager",
        transcribe: lerian_access_manager::transcribe,
    },
    Vendor {
        id: "akamai_identity_cloud",
        name: "Akamai Identity Cloud",
        transcribe: akamai_identity_cloud::transcribe,
    },
    Vendor {
        id: "ixon_cloud",
        name: "IXON Cloud",
        transcribe: ixon_cloud::transcribe,
    },
    Vendor {
        id: "adp",
        name: "ADP",
        transcribe: adp::transcribe,
    },
];

/// The vendor with this id, if it has a transcriber.
pub fn vendor(id: &str) -> Option<&'static Vendor> {
    VENDORS.iter().find(|v| v.id == id)
}

/// A new entry with the given transcribed title, defaults elsewhere, and `review` set:
/// the starting point every transcriber fills in.
pub fn entry(id: String, title: &str, category: Category, action: Action) -> Entry {
    Entry {
        id,
        code: None,
        error: None,
        property: None,
        http_status: None,
        title: title.to_string(),
        message: None,
        condition: None,
        handling: None,
        category,
        action,
        aliases: Vec::new(),
        review: true,
        notes: None,
    }
}

/// The number of the document's last line (1 for an empty one): where an error about
/// something the whole document lacks points.
pub fn last_line(text: &str) -> usize {
    text.lines().count().max(1)
}

/// A default id from free text: lowercase ASCII words joined by `_`, prefixed with `e_` when
/// it would start with a digit. Curated ids in an existing spec are kept over this.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "e_");
    }
    out
}

/// Default (category, action) for an HTTP status, for entries whose text says nothing more
/// specific: errcat-codegen's status table, the one the classifier falls back on. Transcribers
/// refine this from the entry's own words.
pub fn defaults_for_status(status: Option<u16>) -> (Category, Action) {
    match status.map(status_rule) {
        Some(rule) => (rule.category, rule.action),
        // No status at all: the entry is about the request until its text says otherwise.
        None => (Category::InvalidRequest, Action::FixRequest),
    }
}

/// Byte offsets where the sentences of `text` start: 0, and after each `. ` that is followed
/// by a capital letter, so "Roles > Edit role" or "e.g. something" stay whole.
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, _) in text.match_indices(". ") {
        let next = i + 2;
        if text[next..].starts_with(|c: char| c.is_uppercase()) {
            starts.push(next);
        }
    }
    starts
}

/// The sentences of `text` (see [`sentence_starts`]), each keeping its full stop.
pub fn sentences(text: &str) -> Vec<&str> {
    let starts = sentence_starts(text);
    starts
        .iter()
        .zip(starts.iter().skip(1).map(|&s| s - 1).chain([text.len()]))
        .map(|(&from, to)| &text[from..to])
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The transcribed entry with `code`; the transcribers' tests look entries up this way.
    pub(crate) fn by_code<'a>(entries: &'a [Entry], code: &str) -> &'a Entry {
        entries
            .iter()
            .find(|e| e.code.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("{code} missing"))
    }

    #[test]
    fn sentences_split_before_a_capital() {
        assert_eq!(
            sentences("Go to Roles > Edit role. Then e.g. save it. Done"),
            ["Go to Roles > Edit role.", "Then e.g. save it.", "Done"]
        );
        assert_eq!(sentence_starts("A. b. C"), [0, 6]);
    }

    #[test]
    fn slugs_are_identifiers() {
        assert_eq!(
            slug("The Authorization Code has expired"),
            "the_authorization_code_has_expired"
        );
        assert_eq!(slug("2FA is required"), "e_2fa_is_required");
        assert_eq!(
            slug("Invalid value - Authorization"),
            "invalid_value_authorization"
        );
    }
}
