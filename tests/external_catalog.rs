//! Generated modules compiled outside errcat, as a user's crate compiles them: this test crate
//! sees only errcat's public paths. The modules are the golden files of errcat-codegen's
//! tests (one spec that extends Akamai, one with its own envelope), so the pinned emission is
//! also proven to build and work.

mod golden {
    include!("../codegen/tests/golden/golden_akamai.rs");
    include!("../codegen/tests/golden/acme_billing.rs");
    include!("../codegen/tests/golden/golden_lerian.rs");
}

use errcat::{BodyKind, Category, ErrorCode, MatchKind, Vendor};
use golden::{acme_billing, golden_akamai, golden_lerian};

#[test]
fn the_module_has_the_code_enum_api() {
    use golden_akamai::{Code, CATALOG};
    assert_eq!(Code::ALL.len(), 3);
    let code: Code = "311".parse().expect("a code");
    assert_eq!(code, Code::RecordArchived);
    assert_eq!("0311".parse::<Code>().ok(), Some(Code::RecordArchived));
    assert_eq!(
        "record_archived".parse::<Code>().ok(),
        Some(Code::RecordArchived)
    );
    // A built-in code is found by the catalog, but is no variant of the user's enum.
    assert!("414".parse::<Code>().is_err());
    assert_eq!(code.title(), "The record is archived.");
    assert_eq!(
        code.to_string(),
        "Golden Akamai 311: The record is archived."
    );
    assert_eq!(code.category(), Category::NotFound);
    assert!(std::ptr::eq(code.catalog(), &CATALOG));

    let card: acme_billing::Code = "ACME-402-01".parse().expect("documented");
    assert_eq!(card, acme_billing::Code::CardDeclined);
    assert_eq!(card.http_status(), Some(402));
    assert!(!card.is_retryable());
    let err = "ACME-402-99"
        .parse::<acme_billing::Code>()
        .expect_err("unknown");
    assert_eq!(err.kind(), "code");
}

#[test]
fn an_extending_catalog_finds_its_entries_and_the_built_in_ones() {
    use golden_akamai::{Code, CATALOG};
    let akamai = Vendor::AkamaiIdentityCloud.catalog();
    assert_eq!(CATALOG.id(), "golden_akamai");
    assert_eq!(CATALOG.name(), "Golden Akamai");
    assert_eq!(CATALOG.extends(), Some(akamai));
    assert!(!CATALOG.is_builtin());
    assert!(akamai.is_builtin());
    assert_eq!(
        CATALOG.resolve("235").map(|(c, how)| (c.id(), how)),
        Some(("invalid_argument", MatchKind::CatchAll))
    );
    // Its reader is the built-in vendor's, and so is its vendor, but not its entries.
    assert_eq!(CATALOG.vendor(), Some(Vendor::AkamaiIdentityCloud));
    assert_ne!(CATALOG, *akamai);
    assert_eq!(CATALOG.codes().len(), 3 + akamai.codes().len());
    assert_eq!(CATALOG.codes().count(), CATALOG.codes().len());

    let own = CATALOG.lookup_code("311").expect("the user's code");
    assert_eq!(own, ErrorCode::from(Code::RecordArchived));
    assert!(!own.catalog().is_builtin());
    let documented = CATALOG.lookup_code("414").expect("Akamai's code");
    assert_eq!(documented, akamai.lookup_code("414").expect("documented"));
    assert!(documented.catalog().is_builtin());
    assert_eq!(
        CATALOG.lookup("access_token_expired"),
        Some(documented),
        "built-in ids too"
    );
    // The built-in catalog itself is unchanged.
    assert!(akamai.lookup_code("311").is_none());
    // Akamai's catch-all rule applies to the extended catalog: 235 → 200 (built-in).
    assert_eq!(CATALOG.catch_all("235").and_then(|c| c.code()), Some("200"));
    // Its own trace header; Akamai's spec declares none.
    assert_eq!(CATALOG.trace_headers(), ["X-Golden-Trace"]);
}

#[test]
fn codes_convert_to_error_codes_and_back_only_into_their_own_enum() {
    use golden_akamai::Code;
    let code = ErrorCode::from(Code::FlowPaused);
    assert_eq!(Code::try_from(code), Ok(Code::FlowPaused));
    let builtin = errcat::lookup("401-001-0003").expect("documented");
    assert_eq!(Code::try_from(builtin), Err(builtin));
    assert!(errcat::akamai_identity_cloud::Code::try_from(code).is_err());
    assert!(acme_billing::Code::try_from(code).is_err());
    // The user's entries never reach errcat's own cross-vendor lookup.
    assert!(errcat::lookup("311").is_none());
    assert!(errcat::lookup("ACME-402-01").is_none());
}

#[test]
fn the_built_in_reader_sees_user_and_built_in_entries() {
    use golden_akamai::{Code, CATALOG};
    let body = br#"{"stat":"error","code":311,"error":"record_archived","error_description":"record 7 is archived in invoice","request_token":"t-1"}"#;
    let c = CATALOG.classify(200, body);
    assert!(std::ptr::eq(c.catalog(), &CATALOG));
    let found = &c.errors()[0];
    assert_eq!(found.code(), Some(ErrorCode::from(Code::RecordArchived)));
    assert_eq!(found.match_kind(), MatchKind::Exact);
    assert_eq!(
        found.params(),
        [
            ("arg1", "7".to_string()),
            ("entityType", "invoice".to_string())
        ]
    );
    assert_eq!(c.trace_id(), Some("t-1"));
    let json = serde_json::to_value(&c).expect("serializes");
    assert_eq!(json["vendor"], "golden_akamai");
    assert_eq!(json["errors"][0]["id"], "record_archived");
    // The whole entry is the explicit view; an ErrorCode alone is its compact key.
    let entry = serde_json::to_value(found.code().expect("matched").entry()).expect("serializes");
    assert_eq!(
        entry["vendor"], "golden_akamai",
        "where the entry came from"
    );

    let builtin = br#"{"stat":"error","code":414,"error":"access_token_expired","error_description":"expired","request_token":"t-2"}"#;
    let c = CATALOG.classify(200, builtin);
    let found = &c.errors()[0];
    assert_eq!(found.code().map(|c| c.id()), Some("access_token_expired"));
    assert_eq!(
        found.code().map(|c| c.catalog().id()),
        Some("akamai_identity_cloud")
    );
    // The same body through the built-in catalog matches the same entry: nothing changed.
    assert_eq!(
        Vendor::AkamaiIdentityCloud
            .catalog()
            .classify(200, builtin)
            .errors()[0]
            .code(),
        found.code()
    );
    // Akamai's catch-all rule runs over both: an unknown 543 falls to Akamai's 540.
    let c = CATALOG.classify(200, br#"{"stat":"error","code":543,"error":"x"}"#);
    assert_eq!(c.errors()[0].match_kind(), MatchKind::CatchAll);
    assert_eq!(c.errors()[0].code().and_then(|c| c.code()), Some("540"));
}

const ACME: &[u8] = br#"{
  "errors": [
    {"code": "ACME-402-01", "title": "Card declined", "detail": "The card was declined by the issuer."},
    {"code": "ACME-422-03", "detail": "The amount 120.00 exceeds the limit of 100.00.", "field": "amount"},
    {"detail": "Currency XTS is not supported.", "field": "currency"},
    {"code": "ACME-500-77", "detail": "Ledger \u001b[31mlocked", "field": "ledger"}
  ],
  "meta": {"request_id": "req-81c2", "ignored": [1, {"deep": [[[]]]}]}
}"#;

#[test]
fn a_declarative_envelope_finds_every_error_and_the_trace_id() {
    let c = acme_billing::CATALOG.classify(422, ACME);
    assert_eq!(c.body_kind(), BodyKind::Json);
    assert_eq!(c.trace_id(), Some("req-81c2"));
    let e = c.errors();
    assert_eq!(e.len(), 4);

    assert_eq!(e[0].code(), Some(acme_billing::Code::CardDeclined.into()));
    assert_eq!(e[0].match_kind(), MatchKind::Exact);
    assert_eq!(
        acme_billing::Code::CardDeclined.entry().origin(),
        "entry `card_declined` of tests/golden/acme_billing.yaml (`acme_billing`), a catalog generated outside errcat"
    );

    assert_eq!(e[1].code(), Some(acme_billing::Code::AmountTooLarge.into()));
    assert_eq!(e[1].match_kind(), MatchKind::Exact);
    assert_eq!(
        e[1].params(),
        [
            ("amount", "120.00".to_string()),
            ("limit", "100.00".to_string())
        ]
    );
    assert_eq!(e[1].property(), Some("amount"));

    // No code on the wire: the message and the property name the entry.
    assert_eq!(
        e[2].code(),
        Some(acme_billing::Code::CurrencyUnsupported.into())
    );
    assert_eq!(e[2].match_kind(), MatchKind::Template);
    assert_eq!(e[2].params(), [("arg1", "XTS".to_string())]);

    // An unknown code: a fallback from the status, the vendor's code and message kept.
    assert_eq!(e[3].match_kind(), MatchKind::Fallback);
    assert_eq!(e[3].code(), None);
    assert_eq!(e[3].wire_code(), Some("ACME-500-77"));
    assert_eq!(e[3].label(), Some("ACME-500-77"));
    assert_eq!(e[3].detail(), Some("Ledger \u{1b}[31mlocked"));
    assert_eq!(e[3].category(), Category::InvalidRequest);

    let json = serde_json::to_value(&c).expect("serializes");
    assert_eq!(json["vendor"], "acme_billing");
    assert_eq!(json["trace_id"], "req-81c2");
    assert_eq!(json["errors"][0]["code"], "ACME-402-01");
    assert_eq!(json["errors"][1]["match"], "exact");
    assert_eq!(json["errors"][3]["id"], serde_json::Value::Null);

    // The std::error::Error form, with the vendor's control characters escaped.
    let err = c.into_error().expect("an error");
    let text = err.to_string();
    assert!(!text.contains('\u{1b}'), "{text}");
}

#[test]
fn a_declarative_envelope_without_a_code_matches_by_message_then_title() {
    let body = br#"{"errors":[{"detail":"Currency EUR is not supported.","field":"price"}]}"#;
    // The entry names the property `currency`: another property is another error.
    let c = acme_billing::CATALOG.classify(422, body);
    assert_eq!(c.errors()[0].match_kind(), MatchKind::Fallback);

    let body = br#"{"errors":[{"title":"Too many requests"}]}"#;
    let c = acme_billing::CATALOG.classify(429, body);
    assert_eq!(
        c.errors()[0].code(),
        Some(acme_billing::Code::TooManyRequests.into())
    );
    assert!(c.is_retryable());
}

#[test]
fn a_declarative_envelope_tells_errors_from_successes() {
    let cat = &acme_billing::CATALOG;
    // A success body: no errors.
    let ok = cat.classify(200, br#"{"data":{"id":"inv_1"},"meta":{"request_id":"r"}}"#);
    assert!(!ok.is_error());
    assert_eq!(ok.body_kind(), BodyKind::NotAnError);
    assert_eq!(ok.trace_id(), Some("r"));
    // Errors listed in the errors array count whatever the status.
    let listed = cat.classify(200, br#"{"errors":[{"code":"ACME-402-01"}]}"#);
    assert_eq!(listed.errors().len(), 1);
    // An empty list at 200 is not an error; at 503 the status decides.
    assert!(!cat.classify(200, br#"{"errors":[]}"#).is_error());
    let down = cat.classify(503, br#"{"errors":[]}"#);
    assert_eq!(down.errors()[0].match_kind(), MatchKind::Fallback);
    assert!(down.is_retryable());
    // A single object where the array should be is one error.
    let one = cat.classify(402, br#"{"errors":{"code":"ACME-402-01"}}"#);
    assert_eq!(
        one.errors()[0].code(),
        Some(acme_billing::Code::CardDeclined.into())
    );
    // Numbers are text: a numeric code is compared as its digits.
    let n = cat.classify(400, br#"{"errors":[{"code":4020,"detail":7}]}"#);
    assert_eq!(n.errors()[0].wire_code(), Some("4020"));
    assert_eq!(n.errors()[0].detail(), Some("7"));
}

#[test]
fn a_declarative_envelope_survives_hostile_bodies() {
    let cat = &acme_billing::CATALOG;
    let html = cat.classify(
        504,
        b"<html><head><title>504 Gateway Time-out</title></head></html>",
    );
    assert_eq!(html.body_kind(), BodyKind::Html);
    assert_eq!(html.errors()[0].detail(), Some("504 Gateway Time-out"));
    let text = cat.classify(401, b"Missing Token");
    assert_eq!(text.body_kind(), BodyKind::NotJson);
    assert_eq!(text.errors()[0].detail(), Some("Missing Token"));
    assert_eq!(cat.classify(500, b"").body_kind(), BodyKind::Empty);
    for body in [
        &b"{"[..],
        b"{\"errors\":[{\"code\":",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"{\"errors\":[\xff\xfe]}",
        b"{\"errors\":\"Flow new_flow not found.\"}",
        b"null",
        b"{\"errors\":[null, 1, \"x\", [], {}]}",
    ] {
        let c = cat.classify(400, body);
        assert!(c.is_error(), "{body:?}");
        assert!(c.errors().len() <= 100);
    }
    // Deep nesting beyond serde_json's limit is refused, not followed.
    let deep = format!("{}{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert!(cat.classify(400, deep.as_bytes()).is_error());
    // A million errors keep a hundred.
    let many = format!(
        "{{\"errors\":[{}]}}",
        vec![r#"{"code":"ACME-402-01"}"#; 100_000].join(",")
    );
    assert_eq!(cat.classify(402, many.as_bytes()).errors().len(), 100);
}

/// Mutated bodies through both generated catalogs: never a panic, at most 100 errors, an
/// error for every status from 400 up, and control characters escaped in `Display`.
#[test]
fn generated_catalogs_keep_the_classifier_invariants_on_mutated_bodies() {
    let seeds: [&[u8]; 3] = [
        ACME,
        br#"{"stat":"error","code":311,"error":"record_archived","error_description":"record 7 is archived in invoice","request_token":"t-1"}"#,
        br#"{"errors":{"code":"ACME-402-01","title":"Card declined"},"meta":{"request_id":["x"]}}"#,
    ];
    let tokens: [&[u8]; 12] = [
        b"{",
        b"}",
        b"[",
        b"]",
        b":",
        b",",
        b"\"",
        b"null",
        b"\\u001b",
        b"\"errors\"",
        b"\"code\"",
        b"1e999",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as usize
    };
    for case in 0..3_000 {
        let mut body = seeds[case % seeds.len()].to_vec();
        for _ in 0..(next() % 4) {
            let at = next() % (body.len() + 1);
            match next() % 3 {
                0 => body.insert(at, (next() % 256) as u8),
                1 if at < body.len() => drop(body.remove(at)),
                _ => {
                    let t = tokens[next() % tokens.len()];
                    body.splice(at..at, t.iter().copied());
                }
            }
        }
        let status = [200, 402, 422, 500, 503][next() % 5];
        for catalog in [&acme_billing::CATALOG, &golden_akamai::CATALOG] {
            let c = catalog.classify(status, &body);
            assert!(c.errors().len() <= 100);
            if status >= 400 {
                assert!(c.is_error(), "{case}: {:?}", String::from_utf8_lossy(&body));
            }
            if let Some(err) = c.into_error() {
                let shown = err.to_string();
                assert!(
                    !shown.chars().any(|ch| ch.is_control() && ch != '\n'),
                    "{shown:?}"
                );
            }
        }
    }
}

#[test]
fn its_head_rules_come_from_its_spec_header_and_entries() {
    use golden_akamai::{Code, CATALOG};
    use std::time::Duration;
    assert_eq!(CATALOG.trace_headers(), &["X-Golden-Trace"]);
    assert_eq!(CATALOG.rate_limit_wait(), Some(Duration::from_secs(60)));
    let quota = br#"{"stat":"error","code":512,"error":"quota_spent"}"#;
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
    // ...and a 429 naming no entry with a wait (Akamai's own 200) gets the vendor-wide one.
    let none: [(&str, &str); 0] = [];
    let c = CATALOG.classify_response(429, none, br#"{"stat":"error","code":200}"#);
    assert_eq!(c.retry_after(), Some(Duration::from_secs(60)));
    let code: Code = "512".parse().expect("a code");
    assert_eq!(
        code.entry().documented_wait(),
        Some(Duration::from_secs(3600))
    );
}

#[test]
fn an_extending_catalog_inherits_the_built_in_vendors_documented_statuses() {
    use errcat::Action;
    let catalog = &golden_lerian::CATALOG;
    // Lerian's spec documents its 500s as "try again later"; the extension says nothing about
    // 500 and inherits that, where the generic table says contact_vendor.
    let (category, action, _, documented) = catalog.status_behaviour(500);
    assert_eq!(
        (category, action, documented),
        (Category::ServerError, Action::RetryWithBackoff, true)
    );
    // Its own row is documented too; a status neither lists is the generic one.
    assert!(catalog.status_behaviour(503).3);
    let (_, action, _, documented) = catalog.status_behaviour(501);
    assert_eq!((action, documented), (Action::ContactVendor, false));

    // And classification uses it: a 500 no entry of either catalog matches is retried.
    let body = br#"{"code":"LED-9999","title":"Internal","message":"something broke"}"#;
    let c = catalog.classify(500, body);
    assert_eq!(c.errors()[0].match_kind(), MatchKind::Fallback);
    assert_eq!(c.errors()[0].action(), Action::RetryWithBackoff);
    let own = catalog.classify(
        423,
        br#"{"code":"LED-0001","message":"The ledger is locked."}"#,
    );
    assert_eq!(
        own.errors()[0].code(),
        Some(golden_lerian::Code::LedgerLocked.into())
    );
}
