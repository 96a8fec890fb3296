//! [`ApiError`]: a classified error response as a Rust error, with a log-safe `Display`.

use std::fmt;

use super::escape::{Escaped, MAX_SHOWN};
use super::result::{Classification, FoundError, MatchKind};
use crate::{Action, Catalog, Vendor};

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
    #[must_use]
    pub fn classification(&self) -> &Classification {
        &self.classification
    }
    /// The first error of the body.
    #[must_use]
    pub fn primary(&self) -> &FoundError {
        // TryFrom only builds an ApiError from a classification with errors.
        &self.classification.errors[0]
    }
    /// The catalog the response was classified with.
    #[must_use]
    pub fn catalog(&self) -> &'static Catalog {
        self.classification.catalog
    }
    /// The built-in vendor (or the one the catalog extends).
    #[must_use]
    pub fn vendor(&self) -> Option<Vendor> {
        self.classification.vendor()
    }
    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.classification.status
    }
    /// The id to quote to the vendor.
    #[must_use]
    pub fn trace_id(&self) -> Option<&str> {
        self.classification.trace_id()
    }
    /// The action to take first over all errors.
    #[must_use]
    pub fn action(&self) -> Action {
        self.classification
            .action()
            .unwrap_or(Action::ContactVendor)
    }
    /// Whether the same request, unchanged, may succeed later.
    #[must_use]
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
        write!(f, "{}", c.catalog.name())?;
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
        if first.match_kind() == MatchKind::CatchAll {
            if let Some(documented) = first.code().and_then(|e| e.code()) {
                write!(f, " (catch-all {documented})")?;
            }
        }
        write!(f, ": {}", first.title())?;
        if matches!(
            first.match_kind(),
            MatchKind::Fallback | MatchKind::Inferred
        ) {
            if let Some(detail) = first.detail() {
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
