//! A generated module compiled outside errcat, as a user's crate compiles one: this test crate
//! sees only errcat's public paths. The module is the golden file of errcat-codegen's tests,
//! so the pinned emission is also proven to build and work.

mod golden {
    include!("../codegen/tests/golden/akamai_identity_cloud.rs");
}

use errcat::{ErrorCode, MatchKind, Vendor};
use golden::akamai_identity_cloud::{Code, CATALOG};

#[test]
fn the_module_has_the_code_enum_api() {
    assert_eq!(Code::ALL.len(), 3);
    let code: Code = "310".parse().expect("a code");
    assert_eq!(code, Code::UnknownRecord);
    assert_eq!("0310".parse::<Code>().ok(), Some(Code::UnknownRecord));
    assert_eq!(
        "unknown_record".parse::<Code>().ok(),
        Some(Code::UnknownRecord)
    );
    assert!("414".parse::<Code>().is_err());
    assert_eq!(code.title(), "The record does not exist.");
    assert_eq!(
        code.to_string(),
        "Golden Akamai 310: The record does not exist."
    );
    assert_eq!(code.category(), errcat::Category::NotFound);
    assert!(std::ptr::eq(code.catalog(), &CATALOG));
}

#[test]
fn its_catalog_is_a_catalog_like_the_built_in_ones() {
    assert_eq!(CATALOG.id(), "akamai_identity_cloud");
    assert_eq!(CATALOG.name(), "Golden Akamai");
    assert_eq!(CATALOG.codes().count(), 3);
    assert_eq!(
        CATALOG.lookup_code("200").map(|c| c.id()),
        Some("argument_invalid")
    );
    assert_eq!(
        CATALOG.lookup("argument_invalid"),
        CATALOG.lookup_code("200")
    );
    assert_eq!(CATALOG.catch_all("233").and_then(|c| c.code()), Some("200"));
    assert_eq!(
        CATALOG.resolve("233").map(|(c, how)| (c.id(), how)),
        Some(("argument_invalid", MatchKind::CatchAll))
    );
    // Its reader is the built-in vendor's, and so is its vendor, but not its entries.
    assert_eq!(CATALOG.vendor(), Some(Vendor::AkamaiIdentityCloud));
    assert_ne!(CATALOG, *Vendor::AkamaiIdentityCloud.catalog());
}

#[test]
fn codes_convert_to_error_codes_and_back_only_into_their_own_enum() {
    let code = ErrorCode::from(Code::ArgumentInvalid);
    assert_eq!(Code::try_from(code), Ok(Code::ArgumentInvalid));
    let builtin = errcat::lookup("401-001-0003").expect("documented");
    assert_eq!(Code::try_from(builtin), Err(builtin));
    assert!(errcat::akamai_identity_cloud::Code::try_from(code).is_err());
}

#[test]
fn it_classifies_with_its_own_entries() {
    let body = br#"{"stat":"error","code":310,"error":"record_not_found","error_description":"record 7 not found in invoice","request_token":"t-1"}"#;
    let c = CATALOG.classify(200, body);
    assert!(std::ptr::eq(c.catalog(), &CATALOG));
    let found = &c.errors()[0];
    assert_eq!(found.code(), Some(ErrorCode::from(Code::UnknownRecord)));
    assert_eq!(
        found.params(),
        [
            ("arg1", "7".to_string()),
            ("entityType", "invoice".to_string())
        ]
    );
    assert_eq!(c.trace_id(), Some("t-1"));
    let json = serde_json::to_value(&c).expect("serializes");
    assert_eq!(json["vendor"], "akamai_identity_cloud");
    assert_eq!(json["errors"][0]["id"], "unknown_record");
}

#[test]
fn its_head_rules_come_from_its_spec_header_and_entries() {
    use std::time::Duration;
    assert_eq!(CATALOG.trace_headers(), &["X-Golden-Trace"]);
    assert_eq!(CATALOG.rate_limit_wait(), Some(Duration::from_secs(60)));
    let quota = br#"{"stat":"error","code":510,"error":"quota_spent"}"#;
    let c = CATALOG.classify_response(429, [("x-golden-trace", "g-1")], quota);
    assert_eq!(
        c.primary().and_then(|e| e.code()).map(|c| c.id()),
        Some("quota_spent")
    );
    assert_eq!(c.trace_id(), Some("g-1"));
    // The entry's documented wait comes before the vendor-wide one...
    assert_eq!(c.retry_after(), Some(Duration::from_secs(3600)));
    // ...a header before both...
    let c = CATALOG.classify_response(429, [("Retry-After", "5")], quota);
    assert_eq!(c.retry_after(), Some(Duration::from_secs(5)));
    // ...and a 429 naming no entry with a wait gets the vendor-wide one.
    let none: [(&str, &str); 0] = [];
    let c = CATALOG.classify_response(429, none, br#"{"stat":"error","code":200}"#);
    assert_eq!(c.retry_after(), Some(Duration::from_secs(60)));
    let code: Code = "510".parse().expect("a code");
    assert_eq!(
        code.entry().documented_wait(),
        Some(Duration::from_secs(3600))
    );
}
