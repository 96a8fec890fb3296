//! RFC 9457 problem details (feature `problem`): a classification as an
//! `application/problem+json` document, for a service that forwards a vendor's error to its
//! own clients.
//!
//! ```
//! use errcat::adapters::problem::{Problem, CONTENT_TYPE};
//! use errcat::{classify_response, Vendor};
//!
//! let body = br#"{"stat":"error","code":510,"error":"api_limit_error","request_token":"uyeem84bmqmnjuu4"}"#;
//! let c = classify_response(Vendor::AkamaiIdentityCloud, 200, [("Retry-After", "30")], body);
//! let problem = Problem::new(&c).unwrap().with_type_base("https://errors.example.com/");
//! let json: serde_json::Value = serde_json::from_str(&problem.to_json()).unwrap();
//! assert_eq!(json["type"], "https://errors.example.com/akamai_identity_cloud/api_limit_error");
//! assert_eq!(json["status"], 502); // an error inside an HTTP 200: the upstream failed
//! assert_eq!(json["action"], "retry_with_backoff");
//! assert_eq!(json["retry_after_s"], 30);
//! assert_eq!(json["trace_id"], "uyeem84bmqmnjuu4");
//! assert_eq!(CONTENT_TYPE, "application/problem+json");
//! ```

use std::time::Duration;

use serde::Serialize;

use crate::{Action, ApiError, Category, Classification};

/// The media type of a problem document (RFC 9457 §3).
pub const CONTENT_TYPE: &str = "application/problem+json";

/// A problem details document: the five standard members and errcat's extension members
/// (`vendor`, `code`, `id`, `category`, `action`, `retryable`, `trace_id`, `retry_after_s`).
///
/// - `type` is `about:blank` (so omitted), and `title` is then the status's reason phrase, as
///   RFC 9457 §4.2.1 asks; with [`with_type_base`](Self::with_type_base) it is
///   `<base><vendor>/<entry id>` and `title` the entry's title.
/// - `status` is the vendor's status when it is an error status, else 502 Bad Gateway (an
///   error inside a 200, or no response at all: the upstream failed). A vendor's 401 or 403
///   is about *your* credentials with the vendor, not your client's: consider
///   [`with_status`](Self::with_status) for those.
/// - `detail` is the one-line summary [`ApiError`] shows (vendor, code, title, trace id),
///   escaped; [`without_detail`](Self::without_detail) drops it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Problem {
    /// The problem type URI.
    #[serde(rename = "type", skip_serializing_if = "is_blank")]
    pub type_uri: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status of this response.
    pub status: u16,
    /// An explanation of this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A URI for this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The vendor's id (`akamai_identity_cloud`).
    pub vendor: &'static str,
    /// The error's code as `errcat classify --json` shows it (null when it has none).
    pub code: Option<String>,
    /// The catalog entry's id (null for a fallback).
    pub id: Option<&'static str>,
    /// What went wrong.
    pub category: Category,
    /// What to do next.
    pub action: Action,
    /// Whether the same request may succeed later.
    pub retryable: bool,
    /// The vendor's trace id, to quote to the vendor.
    pub trace_id: Option<String>,
    /// Seconds to wait before trying again, when known.
    pub retry_after_s: Option<u64>,
    #[serde(skip)]
    entry_title: &'static str,
    #[serde(skip)]
    entry_id: Option<&'static str>,
}

fn is_blank(t: &str) -> bool {
    t == "about:blank"
}

impl Problem {
    /// The problem document for `c`'s first error; `None` when `c` is not an error.
    pub fn new(c: &Classification) -> Option<Problem> {
        let first = c.primary()?;
        let status = if (400..=599).contains(&c.status()) {
            c.status()
        } else {
            502
        };
        let detail = ApiError::try_from(c.clone()).ok().map(|e| e.to_string());
        Some(Problem {
            type_uri: "about:blank".to_string(),
            title: reason(status).to_string(),
            status,
            detail,
            instance: None,
            vendor: c.catalog().id(),
            code: first.label().map(str::to_string),
            id: first.code().map(|e| e.id()),
            category: first.category(),
            action: c.action().unwrap_or(first.action()),
            retryable: c.is_retryable(),
            trace_id: c.trace_id().map(str::to_string),
            retry_after_s: c.retry_after().map(whole_seconds),
            entry_title: first.title(),
            entry_id: first.code().map(|e| e.id()),
        })
    }

    /// Problem types under `base` (`https://errors.example.com/` gives
    /// `https://errors.example.com/adp/invalid_request`): `title` becomes the entry's title.
    /// A fallback (no entry) stays `about:blank`.
    pub fn with_type_base(mut self, base: &str) -> Self {
        if let Some(id) = self.entry_id {
            self.type_uri = format!("{base}{}/{id}", self.vendor);
            self.title = self.entry_title.to_string();
        }
        self
    }
    /// Another status for this response (the title follows it under `about:blank`).
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        if is_blank(&self.type_uri) {
            self.title = reason(status).to_string();
        }
        self
    }
    /// A URI for this occurrence (your request id).
    pub fn with_instance(mut self, instance: impl Into<String>) -> Self {
        self.instance = Some(instance.into());
        self
    }
    /// No `detail` (it names the vendor's code and trace id).
    pub fn without_detail(mut self) -> Self {
        self.detail = None;
        self
    }

    /// The document as JSON.
    pub fn to_json(&self) -> String {
        // Strings, numbers and enums only: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn whole_seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ if (400..500).contains(&status) => "Client Error",
        _ => "Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{classify, network_failure, NetworkFailure, Vendor};

    #[test]
    fn about_blank_titles_follow_the_status() {
        let c = classify(Vendor::Adp, 404, b"");
        let p = Problem::new(&c).unwrap();
        let json: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
        assert_eq!(json.get("type"), None);
        assert_eq!(json["title"], "Not Found");
        assert_eq!(json["status"], 404);
        assert_eq!(json["id"], serde_json::Value::Null);
        assert_eq!(json["retry_after_s"], serde_json::Value::Null);
        assert_eq!(json["category"], "not_found");
        let p = p.with_status(502).with_type_base("https://e.example/");
        assert_eq!(p.title, "Bad Gateway"); // a fallback has no entry to point at
    }

    #[test]
    fn vendor_text_in_detail_is_escaped_and_success_has_no_problem() {
        let body = br#"{"code":"AUT-9999","message":"bad\n\u001b[31mFAKE"}"#;
        let c = classify(Vendor::LerianAccessManager, 400, body);
        let p = Problem::new(&c).unwrap();
        let detail = p.detail.clone().unwrap();
        assert!(detail.contains("\\n\\u{1b}[31mFAKE"), "{detail}");
        assert!(p.without_detail().detail.is_none());
        assert_eq!(Problem::new(&classify(Vendor::Adp, 200, b"{}")), None);
        let net = network_failure(Vendor::IxonCloud, NetworkFailure::Timeout, "timed out");
        assert_eq!(Problem::new(&net).unwrap().status, 502);
    }
}
