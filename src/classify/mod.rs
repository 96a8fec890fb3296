//! The classifier: `(vendor, HTTP status, body bytes)` → the catalog entries the body names,
//! what to do, and the trace id to quote.
//!
//! Each vendor's envelopes are read by its own module with lenient, borrowing serde structs
//! (see `de`), never through `serde_json::Value`. Every wire error found is then matched
//! against the catalog (`matching`); what cannot be matched becomes a `fallback` built from
//! the HTTP status, with the vendor's own code and message kept.

mod adp;
mod akamai_identity_cloud;
mod de;
mod iris_hr;
mod ixon_cloud;
mod lerian_access_manager;
mod matching;
mod text;

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::{Action, Category, ErrorCode, Vendor};
use matching::Hit;
pub use text::escaped;
pub(crate) use text::{cap, MAX_ID};
use text::{Escaped, MAX_KEPT, MAX_SHOWN};

/// How a wire error was matched to the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatchKind {
    /// The vendor's code, machine string or message without placeholders names the entry.
    Exact,
    /// The vendor's message matched the entry's message template; the placeholders' values
    /// are in [`Classified::params`].
    Template,
    /// The code is not documented, and the vendor's catch-all rule gave the entry (Akamai: a
    /// multiple of 10 or 100 stands for the codes below it).
    CatchAll,
    /// No entry matched: category and action come from the HTTP status.
    Fallback,
}

impl MatchKind {
    /// Every match kind.
    pub const ALL: &'static [MatchKind] = &[
        MatchKind::Exact,
        MatchKind::Template,
        MatchKind::CatchAll,
        MatchKind::Fallback,
    ];

    /// The snake_case name: `exact`, `template`, `catch_all`, `fallback`.
    pub const fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Template => "template",
            MatchKind::CatchAll => "catch_all",
            MatchKind::Fallback => "fallback",
        }
    }
}

crate::names::named_enum!(MatchKind, "match kind");

/// How the body was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyKind {
    /// JSON holding one of the vendor's error envelopes.
    Json,
    /// JSON, but not an error envelope of the vendor (a success body, or an envelope this
    /// crate does not know).
    NotAnError,
    /// Text that is not JSON (IRIS's prose, Lerian's plain `Forbidden`).
    NotJson,
    /// An HTML page, usually a gateway's (nginx `504 Gateway Time-out`).
    Html,
    /// Nothing, or only whitespace.
    Empty,
}

impl BodyKind {
    /// Every body kind.
    pub const ALL: &'static [BodyKind] = &[
        BodyKind::Json,
        BodyKind::NotAnError,
        BodyKind::NotJson,
        BodyKind::Html,
        BodyKind::Empty,
    ];

    /// The snake_case name: `json`, `not_an_error`, `not_json`, `html`, `empty`.
    pub const fn as_str(self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::NotAnError => "not_an_error",
            BodyKind::NotJson => "not_json",
            BodyKind::Html => "html",
            BodyKind::Empty => "empty",
        }
    }
}

crate::names::named_enum!(BodyKind, "body kind");

/// One error found in a response.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Classified {
    code: Option<ErrorCode>,
    // Borrowed from the catalog when the body's text equals the entry's own, as it usually
    // does: three allocations per error were a tenth of classifying a small body.
    wire_code: Option<Cow<'static, str>>,
    title: &'static str,
    category: Category,
    action: Action,
    match_kind: MatchKind,
    params: Vec<(&'static str, String)>,
    detail: Option<Cow<'static, str>>,
    property: Option<Cow<'static, str>>,
}

impl Classified {
    /// The catalog entry; `None` for a [`MatchKind::Fallback`].
    pub fn code(&self) -> Option<ErrorCode> {
        self.code
    }
    /// The code as the body sent it (`500-001-0014`, `343`, ADP's `invalid_request`), capped.
    pub fn wire_code(&self) -> Option<&str> {
        self.wire_code.as_deref()
    }
    /// The code to show: the entry's documented code for an exact or template match, else
    /// the wire code. This is the `code` of `errcat classify --json`.
    pub fn label(&self) -> Option<&str> {
        match (self.match_kind, self.code.and_then(|c| c.code())) {
            (MatchKind::Exact | MatchKind::Template, Some(code)) => Some(code),
            _ => self.wire_code.as_deref(),
        }
    }
    /// The entry's title, or for a fallback the HTTP status's reason phrase.
    pub fn title(&self) -> &'static str {
        self.title
    }
    /// What went wrong.
    pub fn category(&self) -> Category {
        self.category
    }
    /// What the caller should do next.
    pub fn action(&self) -> Action {
        self.action
    }
    /// Whether the same request, unchanged, may succeed later.
    pub fn is_retryable(&self) -> bool {
        self.action.is_retryable()
    }
    /// How the error was matched.
    pub fn match_kind(&self) -> MatchKind {
        self.match_kind
    }
    /// The values a message template captured, by placeholder name (`arg1`, `internalMaxTop`).
    pub fn params(&self) -> &[(&'static str, String)] {
        &self.params
    }
    /// The vendor's own message, trimmed and capped at 1024 bytes. It is untrusted text:
    /// escape it before logging (as [`ApiError`]'s `Display` does).
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }
    /// The field or header the error names (IXON's `propertyName`), capped.
    pub fn property(&self) -> Option<&str> {
        self.property.as_deref()
    }

    fn from_hit(
        hit: Hit,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) -> Self {
        let e = hit.code.entry();
        let message = e.message().filter(|t| !t.has_params()).map(|t| t.text());
        Classified {
            code: Some(hit.code),
            wire_code: wire_code.map(|c| keep(c, MAX_ID, &[e.code(), e.error()])),
            title: e.title(),
            category: e.category(),
            action: e.action(),
            match_kind: hit.kind,
            params: hit.params,
            detail: detail.map(|d| keep(d, MAX_KEPT, &[message])),
            property: property.map(|p| keep(p, MAX_ID, &[e.property()])),
        }
    }

    fn fallback(
        status: u16,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) -> Self {
        let (category, action) = status_fallback(status);
        Classified {
            code: None,
            wire_code: wire_code.map(|c| Cow::Owned(cap(c, MAX_ID))),
            title: status_title(status),
            category,
            action,
            match_kind: MatchKind::Fallback,
            params: Vec::new(),
            detail: detail.map(|d| Cow::Owned(cap(d, MAX_KEPT))),
            property: property.map(|p| Cow::Owned(cap(p, MAX_ID))),
        }
    }
}

/// `cap(text, max)`, borrowed from the catalog when it equals one of `known`.
fn keep(text: &str, max: usize, known: &[Option<&'static str>]) -> Cow<'static, str> {
    let t = text.trim();
    match known.iter().flatten().find(|k| **k == t && k.len() <= max) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(cap(t, max)),
    }
}

/// Category and action for an error nothing in the catalog matched.
///
/// 500 and other statuses are `contact_vendor`: an unknown server error may well fail the
/// same way again, and the vendors' documents say to quote the trace id. 408 is a timeout,
/// `unavailable` like a gateway timeout.
fn status_fallback(status: u16) -> (Category, Action) {
    match status {
        401 => (Category::Authentication, Action::RefreshAccessToken),
        403 => (Category::Authorization, Action::RequestAccess),
        404 | 410 => (Category::NotFound, Action::HandleInApplication),
        409 | 412 => (Category::Conflict, Action::HandleInApplication),
        408 | 502..=504 => (Category::Unavailable, Action::RetryWithBackoff),
        429 => (Category::RateLimited, Action::RetryWithBackoff),
        400..=499 => (Category::InvalidRequest, Action::FixRequest),
        _ => (Category::ServerError, Action::ContactVendor),
    }
}

fn status_title(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ if (400..500).contains(&status) => "Client error",
        _ if (500..600).contains(&status) => "Server error",
        _ => "Unrecognized error",
    }
}

/// Which of two actions to take first when a response holds several errors: a retry cannot
/// help while any error needs a change, so non-retryable actions come first, credentials and
/// configuration before the request itself. No wildcard arm: a new action must be placed.
fn urgency(action: Action) -> u8 {
    match action {
        Action::FixClientConfiguration => 0,
        Action::Reauthenticate => 1,
        Action::RefreshAccessToken => 2,
        Action::RequestAccess => 3,
        Action::FixRequest => 4,
        Action::HandleInApplication => 5,
        Action::ContactVendor => 6,
        Action::WaitForQuotaReset => 7,
        Action::RetryWithBackoff => 8,
    }
}

/// What [`classify`] found in one response.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Classification {
    vendor: Vendor,
    status: u16,
    trace_id: Option<String>,
    errors: Vec<Classified>,
    body: BodyKind,
    retry_after: Option<Duration>,
}

impl Classification {
    /// The vendor the body came from.
    pub fn vendor(&self) -> Vendor {
        self.vendor
    }
    /// The HTTP status given to [`classify`]; 0 when no response arrived
    /// ([`network_failure`](crate::network_failure)).
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The id to quote to the vendor (IRIS `log_trace`, Akamai `request_token` /
    /// `request_id`, ADP `confirmMessageID`, `adp-correlationID`, `requestResponseId`).
    pub fn trace_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }
    /// Every error found, in body order (at most 100); empty when the response is not an error.
    pub fn errors(&self) -> &[Classified] {
        &self.errors
    }
    /// How the body was read.
    pub fn body_kind(&self) -> BodyKind {
        self.body
    }
    /// Whether the response is an error: any status from 400 up, or a body that says so
    /// (Akamai's `"stat":"error"` with HTTP 200).
    pub fn is_error(&self) -> bool {
        !self.errors.is_empty()
    }
    /// The first error of the body.
    pub fn primary(&self) -> Option<&Classified> {
        self.errors.first()
    }
    /// The action to take first over all errors (see [`Action`]); `None` when there is no error.
    pub fn action(&self) -> Option<Action> {
        self.errors
            .iter()
            .map(|e| e.action)
            .min_by_key(|&a| urgency(a))
    }
    /// Whether sending the same request again may succeed: every error is retryable.
    pub fn is_retryable(&self) -> bool {
        self.is_error() && self.errors.iter().all(Classified::is_retryable)
    }
    /// The [`ApiError`] for this response, or `None` when it is not an error.
    pub fn into_error(self) -> Option<ApiError> {
        ApiError::try_from(self).ok()
    }
    /// How long to wait before sending the request again, when something says: the
    /// response's headers, else a wait the vendor documents (see
    /// [`classify_response`](crate::classify_response)). Always `None` from [`classify`],
    /// which sees no headers.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
    /// A request that got no response (a timeout, a reset connection): one error of category
    /// `network`, retryable, with `title` saying what happened and the transport's message as
    /// its detail. The status is 0, which no response has.
    pub(crate) fn no_response(vendor: Vendor, title: &'static str, detail: &str) -> Self {
        let detail = Some(detail.trim()).filter(|d| !d.is_empty());
        Classification {
            vendor,
            status: 0,
            trace_id: None,
            errors: vec![Classified {
                code: None,
                wire_code: None,
                title,
                category: Category::Network,
                action: Action::RetryWithBackoff,
                match_kind: MatchKind::Fallback,
                params: Vec::new(),
                detail: detail.map(|d| Cow::Owned(cap(d, MAX_KEPT))),
                property: None,
            }],
            body: BodyKind::Empty,
            retry_after: None,
        }
    }
    /// Adds what the response head says: a trace id from a header, kept only when the body
    /// gave none (the body's id is the one the vendor wrote next to the error), and the
    /// retry delay.
    pub(crate) fn with_head(
        mut self,
        trace_id: Option<&str>,
        retry_after: Option<Duration>,
    ) -> Self {
        if self.trace_id.is_none() {
            self.trace_id = trace_id
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| cap(t, MAX_ID));
        }
        self.retry_after = retry_after;
        self
    }
}

/// Serializes to the `errcat classify --json` object of DESIGN.md.
impl Serialize for Classification {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Classification", 5)?;
        st.serialize_field("vendor", self.vendor.id())?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("trace_id", &self.trace_id)?;
        st.serialize_field("retry_after_s", &self.retry_after.map(whole_seconds))?;
        st.serialize_field("errors", &self.errors)?;
        st.end()
    }
}

/// A delay as the whole seconds of `retry_after_s`, rounded up: waiting a fraction of a
/// second less than asked could be too early.
fn whole_seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// One element of `errors` in `errcat classify --json`.
impl Serialize for Classified {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Params<'a>(&'a [(&'static str, String)]);
        impl Serialize for Params<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        let mut st = s.serialize_struct("Classified", 9)?;
        st.serialize_field("id", &self.code.map(|c| c.id()))?;
        st.serialize_field("code", &self.label())?;
        st.serialize_field("title", self.title)?;
        st.serialize_field("category", &self.category)?;
        st.serialize_field("action", &self.action)?;
        st.serialize_field("retryable", &self.is_retryable())?;
        st.serialize_field("match", &self.match_kind)?;
        st.serialize_field("params", &Params(&self.params))?;
        st.serialize_field("detail", &self.detail)?;
        st.end()
    }
}

/// An error response of one of the five APIs, as a Rust error.
///
/// Made from a [`Classification`] that holds at least one error (`TryFrom`; a response that
/// is not an error gives the classification back). `Display` shows the vendor, the code, the
/// title and the trace id on one line; text from the body is escaped (`\n`, `\u{1b}`) and cut
/// at 256 characters, so it cannot forge log lines.
///
/// ```
/// use errcat::{classify, ApiError, Vendor};
/// let body = br#"{"stat":"error","code":414,"error":"access_token_expired","error_description":"expired","request_token":"uyeem84bmqmnjuu4"}"#;
/// let err = ApiError::try_from(classify(Vendor::AkamaiIdentityCloud, 200, body)).unwrap();
/// assert!(err.to_string().starts_with("Akamai Identity Cloud 414: "));
/// assert!(err.to_string().ends_with("(trace uyeem84bmqmnjuu4)"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", Summary(.classification))]
pub struct ApiError {
    classification: Classification,
}

impl ApiError {
    /// Everything the classifier found.
    pub fn classification(&self) -> &Classification {
        &self.classification
    }
    /// The first error of the body.
    pub fn primary(&self) -> &Classified {
        // TryFrom only builds an ApiError from a classification with errors.
        &self.classification.errors[0]
    }
    /// The vendor.
    pub fn vendor(&self) -> Vendor {
        self.classification.vendor
    }
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.classification.status
    }
    /// The id to quote to the vendor.
    pub fn trace_id(&self) -> Option<&str> {
        self.classification.trace_id()
    }
    /// The action to take first over all errors.
    pub fn action(&self) -> Action {
        self.classification
            .action()
            .unwrap_or(Action::ContactVendor)
    }
    /// Whether the same request, unchanged, may succeed later.
    pub fn is_retryable(&self) -> bool {
        self.classification.is_retryable()
    }
}

impl TryFrom<Classification> for ApiError {
    /// The classification of a response that is not an error.
    type Error = Classification;
    fn try_from(classification: Classification) -> Result<Self, Classification> {
        if classification.errors.is_empty() {
            Err(classification)
        } else {
            Ok(ApiError { classification })
        }
    }
}

impl From<ApiError> for Classification {
    fn from(e: ApiError) -> Self {
        e.classification
    }
}

struct Summary<'a>(&'a Classification);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        write!(f, "{}", c.vendor.name())?;
        let Some(first) = c.errors.first() else {
            return write!(f, " HTTP {}: not an error", c.status);
        };
        match first.label() {
            Some(code) => write!(
                f,
                " {}",
                Escaped {
                    text: code,
                    max: MAX_SHOWN
                }
            )?,
            None => write!(f, " HTTP {}", c.status)?,
        }
        if first.match_kind == MatchKind::CatchAll {
            if let Some(documented) = first.code.and_then(|e| e.code()) {
                write!(f, " (catch-all {documented})")?;
            }
        }
        write!(f, ": {}", first.title)?;
        if first.match_kind == MatchKind::Fallback {
            if let Some(detail) = &first.detail {
                write!(
                    f,
                    ": {}",
                    Escaped {
                        text: detail,
                        max: MAX_SHOWN
                    }
                )?;
            }
        }
        if c.errors.len() > 1 {
            write!(f, " (and {} more)", c.errors.len() - 1)?;
        }
        if let Some(trace) = &c.trace_id {
            write!(
                f,
                " (trace {})",
                Escaped {
                    text: trace,
                    max: MAX_SHOWN
                }
            )?;
        }
        Ok(())
    }
}

/// Classifies one response of `vendor`: every error its body holds, matched against the
/// catalog, with the trace id to quote.
///
/// Any status from 400 up gives at least one error: a body that names no documented error
/// (an unknown code or message, an HTML gateway page, an empty or non-JSON body) gives one
/// [`MatchKind::Fallback`] error with category and action from the status, and the vendor's
/// code and message kept. Below 400 only a body that says it is an error does (Akamai sends
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
///
/// let gateway = classify(Vendor::Adp, 504, b"<html><head><title>504 Gateway Time-out</title></head></html>");
/// assert_eq!(gateway.errors()[0].match_kind(), MatchKind::Fallback);
/// assert!(gateway.errors()[0].is_retryable());
/// ```
pub fn classify(vendor: Vendor, status: u16, body: &[u8]) -> Classification {
    let mut sink = Sink {
        vendor,
        status,
        trace: None,
        errors: Vec::new(),
        envelope: false,
        detail: None,
    };
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let kind = read(&mut sink, body);
    sink.finish(kind)
}

fn read(sink: &mut Sink, body: &[u8]) -> BodyKind {
    let Some(&first) = body.iter().find(|b| !b.is_ascii_whitespace()) else {
        return BodyKind::Empty;
    };
    let looks_like_json = matches!(first, b'{' | b'[');
    if looks_like_json {
        if parse_json(sink, body).is_ok() {
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
            if parse_json(sink, text.as_bytes()).is_ok() {
                return sink.json_kind();
            }
            sink.reset();
        }
        // Valid JSON that the envelopes could not read (duplicate members): no guess.
        if serde_json::from_slice::<serde::de::IgnoredAny>(text.as_bytes()).is_ok() {
            return BodyKind::NotAnError;
        }
    }
    if text::looks_like_html(&text) {
        sink.detail = text::html_title(&text).map(|t| cap(t, MAX_KEPT));
        return BodyKind::Html;
    }
    match sink.vendor {
        Vendor::IrisHr => iris_hr::from_text(sink, &text),
        _ => sink.detail = Some(cap(&text, MAX_KEPT)),
    }
    BodyKind::NotJson
}

fn parse_json(sink: &mut Sink, body: &[u8]) -> Result<(), serde_json::Error> {
    match sink.vendor {
        Vendor::IrisHr => iris_hr::from_json(sink, body),
        Vendor::LerianAccessManager => lerian_access_manager::from_json(sink, body),
        Vendor::AkamaiIdentityCloud => akamai_identity_cloud::from_json(sink, body),
        Vendor::IxonCloud => ixon_cloud::from_json(sink, body),
        Vendor::Adp => adp::from_json(sink, body),
        #[allow(unreachable_patterns)]
        _ => serde_json::from_slice::<serde::de::IgnoredAny>(body).map(|_| ()),
    }
}

/// What the vendor modules report while reading a body.
pub(crate) struct Sink {
    pub(crate) vendor: Vendor,
    pub(crate) status: u16,
    trace: Option<String>,
    errors: Vec<Classified>,
    /// Whether the body is one of the vendor's error envelopes.
    envelope: bool,
    /// The vendor's message when no wire error could be itemised (an HTML title, plain text).
    detail: Option<String>,
}

impl Sink {
    /// Records the trace id; the first one found wins.
    pub(crate) fn trace(&mut self, id: Option<&str>) {
        if self.trace.is_none() {
            if let Some(id) = id.map(str::trim).filter(|s| !s.is_empty()) {
                self.trace = Some(cap(id, MAX_ID));
            }
        }
    }

    /// Marks the body as an error envelope.
    pub(crate) fn envelope(&mut self) {
        self.envelope = true;
    }

    /// Records a message to keep on the fallback if no error gets itemised.
    pub(crate) fn detail(&mut self, text: Option<&str>) {
        if self.detail.is_none() {
            if let Some(t) = text.map(str::trim).filter(|s| !s.is_empty()) {
                self.detail = Some(cap(t, MAX_KEPT));
            }
        }
    }

    /// Records a matched error.
    pub(crate) fn hit(
        &mut self,
        hit: Hit,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) {
        if self.errors.len() < de::MAX_ITEMS {
            self.errors
                .push(Classified::from_hit(hit, wire_code, detail, property));
        }
    }

    /// Records an error nothing in the catalog matched.
    pub(crate) fn unmatched(
        &mut self,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) {
        if self.errors.len() < de::MAX_ITEMS {
            self.errors.push(Classified::fallback(
                self.status,
                wire_code,
                detail,
                property,
            ));
        }
    }

    /// Records `hit` if there is one, else a fallback.
    pub(crate) fn push(
        &mut self,
        hit: Option<Hit>,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) {
        match hit {
            Some(h) => self.hit(h, wire_code, detail, property),
            None => self.unmatched(wire_code, detail, property),
        }
    }

    fn json_kind(&self) -> BodyKind {
        if self.envelope || !self.errors.is_empty() {
            BodyKind::Json
        } else {
            BodyKind::NotAnError
        }
    }

    fn reset(&mut self) {
        self.trace = None;
        self.errors.clear();
        self.envelope = false;
        self.detail = None;
    }

    fn finish(mut self, body: BodyKind) -> Classification {
        if self.errors.is_empty() && (self.status >= 400 || self.envelope) {
            let detail = self.detail.take();
            match matching::by_status(self.vendor, self.status) {
                Some(code) => {
                    let hit = Hit {
                        code,
                        kind: MatchKind::Exact,
                        params: Vec::new(),
                    };
                    self.hit(hit, None, detail.as_deref(), None)
                }
                None => self.unmatched(None, detail.as_deref(), None),
            }
        }
        Classification {
            vendor: self.vendor,
            status: self.status,
            trace_id: self.trace,
            errors: self.errors,
            body,
            retry_after: None,
        }
    }
}
