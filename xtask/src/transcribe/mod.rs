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

use errcat_codegen::model::{Action, CatchAllRule, Category, Entry};
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
    /// The parser's own error behind the message, where there is one (a JSON example of the
    /// document that does not parse); its text is already in `message`.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TranscribeError {
    /// The error maker for one document: `at(file)(line, message)`.
    pub fn at(file: &str) -> impl Fn(usize, String) -> TranscribeError + '_ {
        move |line, message| TranscribeError {
            file: file.to_string(),
            line,
            message,
            source: None,
        }
    }

    /// The same error, keeping `source` as its cause.
    pub fn caused_by(self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        TranscribeError {
            source: Some(Box::new(source)),
            ..self
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
    /// The catch-all rule a new spec's header gets: the rule the document itself states for
    /// the codes it does not list, if it states one. An existing header is kept as is.
    pub catch_all: Option<CatchAllRule>,
    /// Its document's transcriber.
    pub transcribe: Transcriber,
}

/// Every vendor with a transcriber.
pub const VENDORS: &[Vendor] = &[
    Vendor {
        id: "iris_hr",
        name: "IRIS HR",
        catch_all: None,
        transcribe: iris_hr::transcribe,
    },
    Vendor {
        id: "lerian_access_manager",
        name: "Lerian Access Manager",
        catch_all: None,
        transcribe: lerian_access_manager::transcribe,
    },
    Vendor {
        id: "akamai_identity_cloud",
        name: "Akamai Identity Cloud",
        // "A code that is a multiple of 100 or 10 is a catch-all for the codes below it".
        catch_all: Some(CatchAllRule::Decimal),
        transcribe: akamai_identity_cloud::transcribe,
    },
    Vendor {
        id: "ixon_cloud",
        name: "IXON Cloud",
        catch_all: None,
        transcribe: ixon_cloud::transcribe,
    },
    Vendor {
        id: "adp",
        name: "ADP",
        catch_all: None,
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
        wait_s: None,
        review: true,
        notes: None,
    }
}

/// The number of the document's last line (1 for an empty one): where an error about
/// something the whole document lacks points.
pub fn last_line(text: &str) -> usize {
    text.lines().count().max(1)
}

/// Byte offsets where the sentences of `text` start: 0, and after every `. ` that a capital
/// letter follows, so that "Roles > Edit role" or "e.g. something" stay inside one sentence.
/// The documents' prose is split this one way, whichever transcriber reads it.
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, _) in text.match_indices(". ") {
        let next = i + 2;
        if text[next..].starts_with(char::is_uppercase) {
            starts.push(next);
        }
    }
    starts
}

/// The sentences of `text` (see [`sentence_starts`]), each without the space after its `.`.
pub fn sentences(text: &str) -> Vec<&str> {
    let starts = sentence_starts(text);
    let ends = starts.iter().skip(1).map(|&s| s - 1).chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .filter(|&(&start, _)| start < text.len())
        .map(|(&start, end)| &text[start..end])
        .collect()
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// What `transcriber` makes of `text`, which must transcribe.
    pub(crate) fn transcribed(transcriber: Transcriber, text: &str, file: &str) -> Vec<Entry> {
        transcriber(text, file).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The error `transcriber` reports for `text`, which must not transcribe.
    pub(crate) fn failure(transcriber: Transcriber, text: &str, file: &str) -> TranscribeError {
        match transcriber(text, file) {
            Ok(entries) => panic!("expected an error, got {} entries", entries.len()),
            Err(e) => e,
        }
    }

    /// The transcribed entry with `code`; the transcribers' tests look entries up this way.
    pub(crate) fn by_code<'a>(entries: &'a [Entry], code: &str) -> &'a Entry {
        entries
            .iter()
            .find(|e| e.code.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("{code} missing"))
    }

    /// A new spec's header comes from the table, so the table must say what the curated headers
    /// say; and a catch-all rule must be one the document states, not one we inferred.
    #[test]
    fn the_vendor_table_agrees_with_the_committed_headers_and_documents() {
        let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        for v in VENDORS {
            let label = format!("specs/{}.yaml", v.id);
            let text = std::fs::read_to_string(specs.join(format!("{}.yaml", v.id)))
                .unwrap_or_else(|e| panic!("{label}: {e}"));
            let header = match errcat_codegen::parse_text(&label, &text) {
                Ok(spec) => spec.vendor,
                Err(e) => panic!("{e:?}"),
            };
            assert_eq!(header.name, v.name, "{label}");
            assert_eq!(header.catch_all, v.catch_all, "{label}");
            let document =
                std::fs::read_to_string(specs.join("sources").join(format!("{}.txt", v.id)))
                    .unwrap_or_else(|e| panic!("{}: {e}", v.id));
            let states_decimal_rule = document.contains(
                "A code that is a multiple of 100 or 10 is a catch-all for the codes below it",
            );
            assert_eq!(
                states_decimal_rule,
                v.catch_all == Some(CatchAllRule::Decimal),
                "{}",
                v.id
            );
        }
    }

    #[test]
    fn sentences_split_before_a_capital_only() {
        let text = "Go to Roles > Edit role. Then e.g. save it. \u{c9}tat. done";
        assert_eq!(sentence_starts(text), [0, 25, 44]);
        assert_eq!(
            sentences(text),
            [
                "Go to Roles > Edit role.",
                "Then e.g. save it.",
                "\u{c9}tat. done"
            ]
        );
        assert_eq!(sentences(""), Vec::<&str>::new());
        assert_eq!(sentences("Trailing. "), ["Trailing. "]);
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
