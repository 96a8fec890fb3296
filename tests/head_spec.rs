//! The head rules come from the specs: ADP's `trace_headers` and IXON's `rate_limit_wait_s`
//! reach `classify_response`, the `Catalog` methods and the `http` adapter through one path.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use errcat::{classify_response, classify_response_with, HeadRules, Vendor};

const ADP_401: &[u8] = br#"{"error":"invalid_request","error_description":"proper client ssl certificate was not presented"}"#;
const IXON_429: &[u8] =
    br#"{"type":"Error","data":[{"message":"Too many requests"}],"moreAfter":null,"status":"error"}"#;

#[test]
fn adp_trace_id_from_its_spec_declared_header() {
    let headers = [
        ("Content-Type", "application/json"),
        ("ADP-CorrelationID", "a81b72be-bb57-4f1b-8106-0e617d1c1049"),
    ];
    let c = classify_response(Vendor::Adp, 401, headers, ADP_401);
    assert_eq!(c.trace_id(), Some("a81b72be-bb57-4f1b-8106-0e617d1c1049"));
    assert_eq!(
        c,
        Vendor::Adp
            .catalog()
            .classify_response(401, headers, ADP_401)
    );
    // Names ignore case, as HTTP's do.
    let lower = classify_response(Vendor::Adp, 401, [("adp-correlationid", "x1")], ADP_401);
    assert_eq!(lower.trace_id(), Some("x1"));
    // Only ADP declares it: another vendor's response with that header has no trace id.
    let iris = classify_response(Vendor::IrisHr, 500, [("ADP-CorrelationID", "x1")], b"");
    assert_eq!(iris.trace_id(), None);
    // The body's id wins over the header's (see classify_response's docs).
    let gateway = br#"{"response":{"responseCode":403,"applicationCode":{"code":403,"typeCode":"error","message":"Invalid Scope"},"adp-correlationID":"from-body"}}"#;
    let c = classify_response(
        Vendor::Adp,
        403,
        [("ADP-CorrelationID", "from-header")],
        gateway,
    );
    assert_eq!(c.trace_id(), Some("from-body"));
}

#[test]
fn ixon_documented_block_after_a_429_unless_a_header_says_otherwise() {
    let ten_minutes = Some(Duration::from_secs(600));
    let none: [(&str, &str); 0] = [];
    let c = classify_response(Vendor::IxonCloud, 429, none, IXON_429);
    assert_eq!(c.retry_after(), ten_minutes);
    assert_eq!(serde_json::to_value(&c).unwrap()["retry_after_s"], 600);
    // A 429 with an empty body is still rate limited.
    assert_eq!(
        classify_response(Vendor::IxonCloud, 429, none, b"").retry_after(),
        ten_minutes
    );
    // The server's own Retry-After overrides the document, shorter or longer.
    for (header, secs) in [("30", 30), ("900", 900)] {
        let c = classify_response(Vendor::IxonCloud, 429, [("Retry-After", header)], IXON_429);
        assert_eq!(c.retry_after(), Some(Duration::from_secs(secs)));
    }
    // So does a spent rate-limit window's reset.
    let now = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
    let rules = Vendor::IxonCloud.catalog().head_rules();
    let c = classify_response_with(
        Vendor::IxonCloud,
        429,
        [("X-RateLimit-Reset", "1767225645")],
        IXON_429,
        &rules,
        now,
    );
    assert_eq!(c.retry_after(), Some(Duration::from_secs(45)));
    // Garbage is no header: the documented wait stands.
    let c = classify_response(Vendor::IxonCloud, 429, [("Retry-After", "soon")], IXON_429);
    assert_eq!(c.retry_after(), ten_minutes);
    // Not rate limited: the block does not apply.
    let c = classify_response(Vendor::IxonCloud, 500, none, b"");
    assert_eq!(c.retry_after(), None);
    // Rules without spec data: nothing documented.
    let c = classify_response_with(
        Vendor::IxonCloud,
        429,
        none,
        IXON_429,
        &HeadRules::new(),
        SystemTime::UNIX_EPOCH,
    );
    assert_eq!(c.retry_after(), None);
}

#[test]
fn spec_data_on_every_catalog() {
    for &v in Vendor::ALL {
        let cat = v.catalog();
        let rules = cat.head_rules();
        assert_eq!(rules.trace_header_names(), cat.trace_headers(), "{v}");
        assert_eq!(rules.rate_limited_wait_of(), cat.rate_limit_wait(), "{v}");
        let expected: &[&str] = if v == Vendor::Adp {
            &["ADP-CorrelationID"]
        } else {
            &[]
        };
        assert_eq!(cat.trace_headers(), expected, "{v}");
        let wait = (v == Vendor::IxonCloud).then(|| Duration::from_secs(600));
        assert_eq!(cat.rate_limit_wait(), wait, "{v}");
    }
}

#[cfg(feature = "http")]
#[test]
fn the_http_adapter_takes_the_same_path() {
    let response = http::Response::builder()
        .status(429)
        .body(IXON_429.to_vec())
        .unwrap();
    let c = errcat::adapters::http::classify(Vendor::IxonCloud, &response);
    assert_eq!(c.retry_after(), Some(Duration::from_secs(600)));
    let c = errcat::adapters::http::classify(&errcat::ixon_cloud::CATALOG, &response);
    assert_eq!(c.retry_after(), Some(Duration::from_secs(600)));
}
