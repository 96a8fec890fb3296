//! The example's two catalogs, used as a dependent of errcat uses them.

use custom_catalog::{
    acme_billing, adp_seen, after_acme_error, iris_hr_seen, ixon_cloud_seen, Next,
};
use errcat::{Action, MatchKind, Vendor};

#[test]
fn a_new_vendor_is_classified_through_its_envelope() {
    let body = br#"{"errors":[{"code":"ACME-402-02","title":"Card expired","detail":"The card expired in 2026-10."}],"meta":{"request_id":"req-7"}}"#;
    let verdict: errcat::Classification = acme_billing::CATALOG.classify(402, body);
    let error = &verdict.errors()[0];
    assert_eq!(error.code(), Some(acme_billing::Code::CardExpired.into()));
    assert_eq!(error.params(), [("month", "2026-10".to_string())]);
    assert_eq!(verdict.trace_id(), Some("req-7"));
    let json = serde_json::to_value(&verdict).expect("serializes");
    assert_eq!(json["vendor"], "acme_billing");
    assert_eq!(json["errors"][0]["id"], "card_expired");
    assert_eq!(after_acme_error(402, body), Next::AskForAnotherCard);
}

#[test]
fn lookups_and_parsing_work_as_for_the_built_in_vendors() {
    let entry = acme_billing::CATALOG
        .lookup("ACME-402-01")
        .expect("documented");
    assert_eq!(entry.title(), "Card declined");
    let code: acme_billing::Code = "ACME-402-01".parse().expect("a code");
    assert_eq!(code, acme_billing::Code::CardDeclined);
    assert_eq!(code.action(), Action::HandleInApplication);
    assert_eq!(acme_billing::CATALOG.codes().count(), 6);
    assert_eq!(acme_billing::CATALOG.trace_headers(), ["X-Acme-Request-Id"]);
    assert!(!acme_billing::CATALOG.is_builtin());
    assert_eq!(acme_billing::CATALOG.vendor(), None);
}

#[test]
fn unknown_codes_and_gateway_pages_fall_back_on_the_status() {
    let body = br#"{"errors":[{"code":"ACME-500-99","detail":"ledger exploded"}],"meta":{"request_id":"req-9"}}"#;
    let verdict = acme_billing::CATALOG.classify(500, body);
    let error = &verdict.errors()[0];
    assert_eq!(error.match_kind(), MatchKind::Fallback);
    assert_eq!(error.wire_code(), Some("ACME-500-99"));
    assert_eq!(error.detail(), Some("ledger exploded"));
    // errcat's status table: a 500 is the vendor's to fix, a 502 from a gateway may pass.
    assert_eq!(
        after_acme_error(500, body),
        Next::Escalate(Some("req-9".into()))
    );
    let gateway = b"<html><head><title>502 Bad Gateway</title></head></html>";
    assert_eq!(after_acme_error(502, gateway), Next::Retry);
    let revoked = br#"{"errors":[{"code":"ACME-401-01"}],"meta":{"request_id":"req-3"}}"#;
    assert_eq!(
        after_acme_error(401, revoked),
        Next::Escalate(Some("req-3".into()))
    );
}

#[test]
fn codes_seen_in_production_are_added_to_the_built_in_vendor() {
    let body = br#"{"type":"about:blank","title":"Service Unavailable","status":503,"code":"503-000-0001","detail":"The service is in maintenance until 04:00 UTC."}"#;
    let verdict = iris_hr_seen::CATALOG.classify(503, body);
    let error = &verdict.errors()[0];
    assert_eq!(
        error.code(),
        Some(iris_hr_seen::Code::MaintenanceWindow.into())
    );
    assert_eq!(error.params(), [("until", "04:00 UTC".to_string())]);
    assert!(error.is_retryable());
    // The alias, and the documented codes, through the same catalog.
    assert_eq!(
        iris_hr_seen::CATALOG.lookup_code("503-000-01"),
        iris_hr_seen::CATALOG.lookup_code("503-000-0001")
    );
    let documented = br#"{"code":"401-001-0003","detail":"The Authorization Code has expired"}"#;
    let verdict = iris_hr_seen::CATALOG.classify(401, documented);
    let code = verdict.errors()[0].code().expect("documented");
    assert_eq!(code, errcat::lookup("401-001-0003").expect("built in"));
    // Where each entry comes from stays visible.
    assert!(code.catalog().is_builtin());
    let seen = iris_hr_seen::CATALOG.lookup("503-000-0001").expect("ours");
    assert!(!seen.catalog().is_builtin());
    assert_eq!(seen.catalog().extends(), Some(Vendor::IrisHr.catalog()));
    assert!(!seen.entry().is_documented());
    assert!(seen
        .entry()
        .origin()
        .starts_with("not documented by IRIS HR: recorded as entry `maintenance_window`"));
    assert_eq!(
        seen.to_string(),
        "IRIS HR (seen in production) 503-000-0001: Service in maintenance"
    );
    // errcat's own IRIS catalog is untouched.
    assert!(Vendor::IrisHr.lookup("503-000-0001").is_none());
}

/// A catalog that extends a built-in vendor has that vendor's head rules: IXON's documented
/// 10-minute block after a 429 applies to the 429 we recorded ourselves.
#[test]
fn an_extending_catalog_keeps_the_built_in_documented_wait() {
    use std::time::Duration;
    let catalog = &ixon_cloud_seen::CATALOG;
    assert_eq!(catalog.rate_limit_wait(), Some(Duration::from_secs(600)));
    assert_eq!(
        catalog.head_rules().rate_limited_wait_of(),
        Some(Duration::from_secs(600))
    );
    let body = br#"{"type":"Error","data":[{"message":"Too many requests"}],"moreAfter":null,"status":"error"}"#;
    let none: [(&str, &str); 0] = [];
    let verdict = catalog.classify_response(429, none, body);
    assert_eq!(
        verdict.errors()[0].code(),
        Some(ixon_cloud_seen::Code::TooManyRequests.into())
    );
    assert_eq!(verdict.retry_after(), Some(Duration::from_secs(600)));
    // A header the server sends still comes first.
    let verdict = catalog.classify_response(429, [("Retry-After", "30")], body);
    assert_eq!(verdict.retry_after(), Some(Duration::from_secs(30)));
}

/// Its own trace headers come first, then the built-in vendor's.
#[test]
fn an_extending_catalog_adds_trace_headers_to_the_built_in_ones() {
    let catalog = &adp_seen::CATALOG;
    assert_eq!(
        catalog.trace_headers(),
        ["X-Gateway-Request-Id", "ADP-CorrelationID"]
    );
    assert_eq!(
        catalog.head_rules().trace_header_names(),
        catalog.trace_headers()
    );
    let body = br#"{"error":"invalid_request","error_description":"proper client ssl certificate was not presented"}"#;
    let verdict = catalog.classify_response(401, [("adp-correlationid", "c-1")], body);
    assert_eq!(
        verdict.errors()[0].code().map(|c| c.id()),
        Some("ssl_certificate_not_presented")
    );
    assert_eq!(verdict.trace_id(), Some("c-1"));
    let both = [
        ("ADP-CorrelationID", "c-2"),
        ("x-gateway-request-id", "g-2"),
    ];
    assert_eq!(
        catalog.classify_response(401, both, body).trace_id(),
        Some("g-2")
    );
    let own = br#"{"error":"throttled","error_description":"Too many requests for this client."}"#;
    let verdict = catalog.classify_response(429, [("ADP-CorrelationID", "c-3")], own);
    assert_eq!(
        verdict.errors()[0].code(),
        Some(adp_seen::Code::GatewayThrottled.into())
    );
    assert_eq!(verdict.trace_id(), Some("c-3"));
}

/// A vendor of our own: the trace id from its `trace_headers` when the body has none.
#[test]
fn a_new_vendor_takes_its_trace_id_from_its_header() {
    let body =
        br#"{"errors":[{"code":"ACME-402-01","detail":"The card was declined by the issuer."}]}"#;
    let verdict =
        acme_billing::CATALOG.classify_response(402, [("x-acme-request-id", "h-7")], body);
    assert_eq!(
        verdict.errors()[0].code(),
        Some(acme_billing::Code::CardDeclined.into())
    );
    assert_eq!(verdict.trace_id(), Some("h-7"));
}
