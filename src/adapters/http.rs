//! `http::Response<B>` and `http::HeaderMap` as input to the response-head classifier
//! (feature `http`).
//!
//! The generic [`classify_response`](crate::classify_response) already takes a `&HeaderMap`;
//! these take the whole response.
//!
//! ```
//! use errcat::{adapters, Vendor};
//! let response = http::Response::builder()
//!     .status(429)
//!     .header("Retry-After", "30")
//!     .body(br#"{"type":"Error","data":[{"message":"Too many requests"}],"status":"error"}"#.to_vec())
//!     .unwrap();
//! let c = adapters::http::classify(Vendor::IxonCloud, &response);
//! assert_eq!(c.retry_after(), Some(std::time::Duration::from_secs(30)));
//! ```

use std::time::SystemTime;

use crate::{Catalog, Classification, Head, HeadRules};

/// Classifies a response whose body is in memory, with the system clock and the catalog's
/// own head rules (see [`Catalog::classify_response`]). `catalog` is a
/// [`Vendor`](crate::Vendor) or any `&'static Catalog`.
pub fn classify<B: AsRef<[u8]>>(
    catalog: impl Into<&'static Catalog>,
    response: &http::Response<B>,
) -> Classification {
    let catalog = catalog.into();
    classify_with(catalog, response, &catalog.head_rules(), SystemTime::now())
}

/// [`classify`] with the given rules and the time the response arrived.
pub fn classify_with<B: AsRef<[u8]>>(
    catalog: impl Into<&'static Catalog>,
    response: &http::Response<B>,
    rules: &HeadRules<'_>,
    now: SystemTime,
) -> Classification {
    catalog.into().classify_response_with(
        response.status().as_u16(),
        response.headers(),
        response.body().as_ref(),
        rules,
        now,
    )
}

/// Classifies a response taken apart (`Response::into_parts`), its body read separately.
pub fn classify_parts(
    catalog: impl Into<&'static Catalog>,
    parts: &http::response::Parts,
    body: &[u8],
    rules: &HeadRules<'_>,
    now: SystemTime,
) -> Classification {
    catalog
        .into()
        .classify_response_with(parts.status.as_u16(), &parts.headers, body, rules, now)
}

/// What a `HeaderMap` says (see [`Head`]).
pub fn head(headers: &http::HeaderMap, rules: &HeadRules<'_>, now: SystemTime) -> Head {
    Head::read(headers, rules.trace_header_names(), now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Vendor;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_whole_response_and_its_parts_agree() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777);
        let response = http::Response::builder()
            .status(503)
            .header("retry-after", "Sun, 06 Nov 1994 08:49:47 GMT")
            .header("ADP-CorrelationID", "corr-1")
            .body(b"<html><title>503 Service Unavailable</title></html>".to_vec())
            .unwrap();
        let rules = HeadRules::new().trace_headers(&["adp-correlationid"]);
        let whole = classify_with(Vendor::Adp, &response, &rules, now);
        assert_eq!(whole.retry_after(), Some(Duration::from_secs(10)));
        assert_eq!(whole.trace_id(), Some("corr-1"));
        let (parts, body) = response.into_parts();
        assert_eq!(
            classify_parts(Vendor::Adp, &parts, &body, &rules, now),
            whole
        );
        assert_eq!(head(&parts.headers, &rules, now).trace_id(), Some("corr-1"));
    }

    #[test]
    fn the_catalogs_own_rules_by_default() {
        let response = http::Response::builder()
            .status(401)
            .header("ADP-CorrelationID", "corr-2")
            .body(&br#"{"error":"invalid_request","error_description":"proper client ssl certificate was not presented"}"#[..])
            .unwrap();
        assert_eq!(classify(Vendor::Adp, &response).trace_id(), Some("corr-2"));
        assert_eq!(
            classify(&crate::adp::CATALOG, &response).trace_id(),
            Some("corr-2")
        );
    }
}
