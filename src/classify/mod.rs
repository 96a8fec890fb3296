//! The classifier: `(catalog, HTTP status, body bytes)` → the catalog entries the body names,
//! what to do, and the trace id to quote.
//!
//! The catalog's [`Reader`] picks the envelope reader: one module per built-in vendor, with
//! lenient, borrowing serde structs (see `de`), never through `serde_json::Value`; RFC 9457
//! problem documents go through one shared reader (`problem`) whatever the vendor. Every wire
//! error found is then matched against the catalog (`matching`); what cannot be matched
//! becomes a `fallback` built from the HTTP status (the vendor's documented behaviour for it
//! first), with the vendor's own code and message kept, unless one of the inference rules
//! (`rules`, [`RULES`]) decides, which makes it `inferred`.
//!
//! - `result`: what is returned ([`Classification`], [`FoundError`]) and its JSON;
//! - `error`: [`ApiError`], the `std::error::Error` form;
//! - `reader`: the dispatch from a body to a vendor's reader;
//! - `declarative`: the reader of a spec's own `envelope` (JSON Pointers), for catalogs
//!   generated in other crates;
//! - `sink`: what the readers report into, and where the rules get their say;
//! - `problem`: the shared RFC 9457 / 7807 reader; `rules`: the inference rules;
//! - `escape`, `loose`, `html`: text helpers for untrusted bytes, all linear.

mod adp;
mod akamai_identity_cloud;
mod de;
mod declarative;
mod error;
mod escape;
mod html;
mod iris_hr;
mod ixon_cloud;
mod lerian_access_manager;
mod loose;
mod matching;
mod problem;
mod reader;
mod result;
mod rules;
mod sink;

pub use declarative::Envelope;
pub use error::ApiError;
pub use escape::escaped;
pub(crate) use escape::{cap, MAX_ID};
pub(crate) use matching::MatchIndex;
pub use reader::Reader;
pub use result::{BodyKind, Classification, FoundError, MatchKind};
pub use rules::{Rule, RULES};

use crate::{Catalog, Vendor};

/// Classifies one response of `vendor`: every error its body holds, matched against the
/// catalog, with the trace id to quote. The same as `vendor.catalog().classify(status, body)`.
///
/// Any status from 400 up gives at least one error: a body that names no documented error
/// (an unknown code or message, an HTML gateway page, an empty or non-JSON body) gives one
/// [`MatchKind::Fallback`] error with category and action from the status (what the vendor
/// documents for it, else the generic table), and the vendor's code and message kept; or a
/// [`MatchKind::Inferred`] one where a rule of [`RULES`] recognises the message. An entry that
/// asks for new credentials is second-guessed when the response contradicts it (a 403 or 422
/// with an "invalid token" code): see [`MatchKind::Inferred`] and the README. Below 400 only a body that says it is an error does (Akamai sends
/// most errors with HTTP 200); anything else gives no errors.
///
/// Never panics; time is linear in the body's length, and at most 100 errors are kept.
///
/// ```
/// use errcat::{classify, MatchKind, Vendor};
/// let body = br#"{"type":"Error","data":[{"message":"Invalid value","propertyName":"Authorization"}],"moreAfter":null,"status":"error"}"#;
/// let c = classify(Vendor::IxonCloud, 401, body);
/// assert_eq!(c.errors().len(), 1);
/// assert_eq!(c.errors()[0].match_kind(), MatchKind::Exact);
/// assert_eq!(c.errors()[0].property(), Some("Authorization"));
/// assert_eq!(c, Vendor::IxonCloud.catalog().classify(401, body));
///
/// let gateway = classify(Vendor::Adp, 504, b"<html><head><title>504 Gateway Time-out</title></head></html>");
/// assert_eq!(gateway.errors()[0].match_kind(), MatchKind::Fallback);
/// assert!(gateway.errors()[0].is_retryable());
/// ```
#[must_use]
pub fn classify(vendor: Vendor, status: u16, body: &[u8]) -> Classification {
    vendor.catalog().classify(status, body)
}

/// [`Catalog::classify`].
pub(crate) fn run(catalog: &'static Catalog, status: u16, body: &[u8]) -> Classification {
    let mut sink = sink::Sink::new(catalog, status);
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let kind = reader::read(&mut sink, body);
    sink.finish(kind)
}
