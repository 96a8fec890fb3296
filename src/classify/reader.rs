//! [`Reader`]: which envelope reader a catalog's bodies go through, and the dispatch from a
//! body to it. Every dispatch is an exhaustive `match`: a new reader does not compile until
//! each one handles it.

use std::borrow::Cow;

use super::declarative::{self, Envelope};
use super::escape::{cap, MAX_KEPT};
use super::result::BodyKind;
use super::sink::Sink;
use super::{adp, akamai_identity_cloud, html, iris_hr, ixon_cloud, lerian_access_manager};
use crate::Vendor;

/// How a catalog reads its vendor's error bodies: one variant per built-in vendor's envelope
/// reader, and the declarative reader of a spec's own `envelope`.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// IRIS HR: ProblemDetails JSON and prose.
    IrisHr,
    /// Lerian Access Manager: `{code, title, message}`.
    LerianAccessManager,
    /// Akamai Identity Cloud: `"stat":"error"` envelopes.
    AkamaiIdentityCloud,
    /// IXON Cloud: `data[]` of `{message, propertyName}`.
    IxonCloud,
    /// ADP: OAuth errors and the confirm / gateway / list envelopes.
    Adp,
    /// A vendor of someone else's, read through the JSON Pointers of its spec.
    Declarative(&'static Envelope),
}

impl Reader {
    /// The built-in vendor whose bodies this reader reads.
    pub(crate) const fn vendor(self) -> Option<Vendor> {
        Some(match self {
            Reader::IrisHr => Vendor::IrisHr,
            Reader::LerianAccessManager => Vendor::LerianAccessManager,
            Reader::AkamaiIdentityCloud => Vendor::AkamaiIdentityCloud,
            Reader::IxonCloud => Vendor::IxonCloud,
            Reader::Adp => Vendor::Adp,
            Reader::Declarative(_) => return None,
        })
    }

    fn parse_json(self, sink: &mut Sink, body: &[u8]) -> Result<(), serde_json::Error> {
        match self {
            Reader::IrisHr => iris_hr::from_json(sink, body),
            Reader::LerianAccessManager => lerian_access_manager::from_json(sink, body),
            Reader::AkamaiIdentityCloud => akamai_identity_cloud::from_json(sink, body),
            Reader::IxonCloud => ixon_cloud::from_json(sink, body),
            Reader::Adp => adp::from_json(sink, body),
            Reader::Declarative(envelope) => declarative::from_json(sink, envelope, body),
        }
    }

    /// A body that is neither JSON nor HTML.
    fn read_text(self, sink: &mut Sink, text: &str) {
        match self {
            Reader::IrisHr => iris_hr::from_text(sink, text),
            // Lerian's middleware answers `Missing Token` / `Forbidden`; the others' text is
            // a gateway's. Either way it is the vendor's message, and the status decides.
            Reader::LerianAccessManager
            | Reader::AkamaiIdentityCloud
            | Reader::IxonCloud
            | Reader::Adp
            | Reader::Declarative(_) => sink.replace_detail(Some(cap(text, MAX_KEPT))),
        }
    }
}

/// Reads `body` into `sink` with the catalog's reader, and says how it was read.
pub(crate) fn read(sink: &mut Sink, body: &[u8]) -> BodyKind {
    let reader = sink.catalog.reader();
    let Some(&first) = body.iter().find(|b| !b.is_ascii_whitespace()) else {
        return BodyKind::Empty;
    };
    let looks_like_json = matches!(first, b'{' | b'[');
    if looks_like_json {
        if reader.parse_json(sink, body).is_ok() {
            return sink.json_kind();
        }
        sink.reset();
    }
    // Validating is much cheaper than `from_utf8_lossy`'s chunking, and nearly every body
    // is valid.
    let text = match std::str::from_utf8(body) {
        Ok(t) => Cow::Borrowed(t),
        Err(_) => String::from_utf8_lossy(body),
    };
    if looks_like_json {
        // serde_json refuses invalid UTF-8; some real bodies are Windows-1252.
        if matches!(text, Cow::Owned(_)) {
            if reader.parse_json(sink, text.as_bytes()).is_ok() {
                return sink.json_kind();
            }
            sink.reset();
        }
        // Valid JSON that the envelopes could not read (duplicate members): no guess.
        if serde_json::from_slice::<serde::de::IgnoredAny>(text.as_bytes()).is_ok() {
            return BodyKind::NotAnError;
        }
    }
    if html::looks_like_html(&text) {
        sink.replace_detail(html::html_title(&text).map(|t| cap(t, MAX_KEPT)));
        return BodyKind::Html;
    }
    reader.read_text(sink, &text);
    BodyKind::NotJson
}
