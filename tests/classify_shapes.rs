//! The wire shapes of each vendor (tests/fixtures/classify/), multi-error bodies, every
//! fallback path, the JSON contract of `classify --json`, and `ApiError`'s `Display`.

mod common;

use common::classify_fixture as fixture;
use errcat::{classify, Action, ApiError, BodyKind, Category, Classification, MatchKind, Vendor};
use serde_json::json;

fn run(vendor: Vendor, status: u16, name: &str) -> Classification {
    classify(vendor, status, &fixture(name))
}

fn ids(c: &Classification) -> Vec<Option<&'static str>> {
    c.errors()
        .iter()
        .map(|e| e.code().map(|c| c.id()))
        .collect()
}

#[test]
fn iris_problem_details_same_title_rule_and_template() {
    let c = run(Vendor::IrisHr, 400, "iris_problem_details_top.json");
    let e = &c.errors()[0];
    // The wire code is the first OData entry's alias; the message is the third entry's.
    assert_eq!(e.code().map(|c| c.id()), Some("odata_top_out_of_range"));
    assert_eq!(e.match_kind(), MatchKind::Template);
    assert_eq!(
        e.params(),
        [
            ("requestedTopSize", "500".to_string()),
            ("internalMaxTop", "100".to_string())
        ]
    );
    assert_eq!(e.wire_code(), Some("400-004-0001"));
    assert_eq!(c.body_kind(), BodyKind::Json);
}

#[test]
fn iris_code_in_text_and_log_trace() {
    let c = run(Vendor::IrisHr, 401, "iris_code_in_detail.json");
    assert_eq!(ids(&c), [Some("authorization_code_expired")]);
    assert_eq!(
        c.trace_id(),
        Some("rrt-8472659136451236-b-gew1-12345-678901-1")
    );
    assert_eq!(c.action(), Some(Action::Reauthenticate));

    let c = run(Vendor::IrisHr, 502, "iris_prose.txt");
    assert_eq!(c.body_kind(), BodyKind::NotJson);
    assert_eq!(ids(&c), [Some("upstream_non_success_response")]);
    assert_eq!(c.errors()[0].match_kind(), MatchKind::Exact);
    assert_eq!(
        c.trace_id(),
        Some("rrt-5521902712374470593-c-gew1-27374-31862543-1")
    );

    let c = run(Vendor::IrisHr, 500, "iris_alias.json");
    assert_eq!(ids(&c), [Some("idp_no_tokens_0014")]);
    assert_eq!(c.errors()[0].wire_code(), Some("500-001-0014"));
    // `code` in the JSON is the documented code for an exact match.
    assert_eq!(c.errors()[0].label(), Some("500-001-00014"));
}

#[test]
fn lerian_envelopes_and_plain_text() {
    let c = run(Vendor::LerianAccessManager, 400, "lerian_template.json");
    let e = &c.errors()[0];
    assert_eq!(e.code().and_then(|c| c.code()), Some("AUT-0010"));
    assert_eq!(
        e.params(),
        [("arg1", "foo".to_string()), ("arg2", "32".to_string())]
    );

    let c = run(Vendor::LerianAccessManager, 400, "lerian_fields.json");
    assert_eq!(
        c.errors()[0].code().and_then(|c| c.code()),
        Some("IDE-0001")
    );

    // The middleware's plain text is not the documented envelope: no guess.
    let c = run(Vendor::LerianAccessManager, 401, "lerian_missing_token.txt");
    assert_eq!(c.body_kind(), BodyKind::NotJson);
    let e = &c.errors()[0];
    assert_eq!(
        (e.match_kind(), e.category(), e.action()),
        (
            MatchKind::Fallback,
            Category::Authentication,
            Action::RefreshAccessToken
        )
    );
    assert_eq!(e.detail(), Some("Missing Token"));
    let c = run(Vendor::LerianAccessManager, 403, "lerian_forbidden.txt");
    assert_eq!(
        (c.errors()[0].category(), c.errors()[0].detail()),
        (Category::Authorization, Some("Forbidden"))
    );

    // A numeric code: the message decides.
    let body = json!({"code": 400, "title": "x", "message": "Your request is missing one or more required fields."});
    let c = classify(
        Vendor::LerianAccessManager,
        400,
        body.to_string().as_bytes(),
    );
    assert_eq!(
        c.errors()[0].code().and_then(|c| c.code()),
        Some("IDE-0001")
    );
    // An unknown code keeps the wire code and message.
    let body = json!({"code": "AUT-9999", "title": "New", "message": "Something new."});
    let c = classify(
        Vendor::LerianAccessManager,
        400,
        body.to_string().as_bytes(),
    );
    let e = &c.errors()[0];
    assert_eq!(
        (e.match_kind(), e.wire_code(), e.detail()),
        (
            MatchKind::Fallback,
            Some("AUT-9999"),
            Some("Something new.")
        )
    );
}

#[test]
fn akamai_shapes() {
    let c = run(
        Vendor::AkamaiIdentityCloud,
        200,
        "akamai_missing_argument.json",
    );
    assert_eq!(ids(&c), [Some("missing_argument")]);
    assert_eq!(c.trace_id(), Some("uyeem84bmqmnjuu4"));
    assert_eq!(
        c.errors()[0].detail(),
        Some("missing required argument: uuid")
    );

    let c = run(
        Vendor::AkamaiIdentityCloud,
        400,
        "akamai_oauth_sub_error.json",
    );
    assert_eq!(ids(&c), [Some("invalid_argument")]);
    assert_eq!(c.trace_id(), Some("req-42"));

    let c = run(Vendor::AkamaiIdentityCloud, 200, "akamai_catch_all.json");
    let e = &c.errors()[0];
    assert_eq!(e.match_kind(), MatchKind::CatchAll);
    assert_eq!(e.code().and_then(|c| c.code()), Some("340"));
    assert_eq!(e.label(), Some("343"));
    assert_eq!(e.detail(), Some("a new kind of schema error"));

    let c = run(Vendor::AkamaiIdentityCloud, 200, "akamai_bulk.json");
    assert_eq!(ids(&c), [Some("unique_violation")]);
    assert_eq!(c.errors()[0].category(), Category::Conflict);

    let c = run(Vendor::AkamaiIdentityCloud, 200, "akamai_ok.json");
    assert!(c.errors().is_empty() && !c.is_error());
    assert_eq!(c.body_kind(), BodyKind::NotAnError);
    assert!(ApiError::try_from(c).is_err());

    // Other Akamai APIs: fallbacks that keep what the body says.
    let c = run(Vendor::AkamaiIdentityCloud, 200, "akamai_social_fail.json");
    let e = &c.errors()[0];
    assert_eq!(
        (e.match_kind(), e.wire_code(), e.detail()),
        (
            MatchKind::Fallback,
            Some("1"),
            Some("Invalid parameter: apiKey")
        )
    );
    let c = run(
        Vendor::AkamaiIdentityCloud,
        404,
        "akamai_config_errors.json",
    );
    assert_eq!(c.errors()[0].detail(), Some("Flow new_flow not found."));
    assert_eq!(c.errors()[0].category(), Category::NotFound);
    let c = run(Vendor::AkamaiIdentityCloud, 500, "akamai_message.json");
    assert_eq!(c.errors()[0].detail(), Some("Internal Server Error"));
    assert_eq!(c.errors()[0].category(), Category::ServerError);
}

#[test]
fn ixon_multi_error_and_401_shapes() {
    let c = run(Vendor::IxonCloud, 400, "ixon_sso_code_state.json");
    assert_eq!(
        ids(&c),
        [Some("sso_code_invalid"), Some("sso_state_invalid")]
    );
    assert_eq!(c.errors()[1].property(), Some("ssoAuthentication.state"));
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["errors"].as_array().unwrap().len(), 2);

    let c = run(Vendor::IxonCloud, 401, "ixon_2fa.json");
    assert_eq!(ids(&c), [Some("two_factor_required")]);

    for name in ["ixon_otp_required.json", "ixon_401_no_data.json"] {
        let c = run(Vendor::IxonCloud, 401, name);
        let e = &c.errors()[0];
        assert_eq!(
            (e.match_kind(), e.category()),
            (MatchKind::Fallback, Category::Authentication),
            "{name}"
        );
    }
    // "Invalid value" for a property no entry documents is not any of the documented ones.
    let body = json!({"type": "Error", "data": [{"message": "Invalid value", "propertyName": "Api-Application"}], "status": "error"});
    assert_eq!(
        classify(Vendor::IxonCloud, 400, body.to_string().as_bytes()).errors()[0].match_kind(),
        MatchKind::Fallback
    );
    // Documented by status alone.
    assert_eq!(
        ids(&classify(
            Vendor::IxonCloud,
            504,
            &fixture("nginx_504.html")
        )),
        [Some("gateway_timeout")]
    );
}

#[test]
fn adp_shapes() {
    let c = run(Vendor::Adp, 401, "adp_oauth_ssl.json");
    assert_eq!(ids(&c), [Some("ssl_certificate_not_presented")]);
    assert_eq!(c.errors()[0].label(), Some("invalid_request"));

    let c = run(Vendor::Adp, 403, "adp_error_code_tolerant.json");
    assert_eq!(ids(&c), [Some("scope_not_allowed")]);

    let c = run(Vendor::Adp, 403, "adp_consent.json");
    assert_eq!(ids(&c), [Some("consent_not_provided")]);

    let c = run(Vendor::Adp, 403, "adp_gateway.json");
    let e = &c.errors()[0];
    // `applicationCode.code` 403 only repeats the HTTP status: not a code (issue 9).
    assert_eq!(
        (e.match_kind(), e.wire_code(), e.detail()),
        (MatchKind::Fallback, None, Some("Invalid Scope"))
    );
    assert_eq!(c.trace_id(), Some("de2a8d07-c026-4de2-8558-04f731c6c58b"));

    let c = run(Vendor::Adp, 400, "adp_role_code.json");
    assert_eq!(ids(&c), [Some("role_code_invalid_or_missing")]);
    assert_eq!(c.trace_id(), Some("713c2769-4ced"));

    let c = classify(
        Vendor::Adp,
        403,
        br#"{"messageTxt":"Operation Not Permitted"}"#,
    );
    assert_eq!(ids(&c), [Some("operation_not_permitted")]);
    let c = classify(
        Vendor::Adp,
        403,
        br#"{"MessageTxt":"Operation Not Permitted"}"#,
    );
    assert_eq!(ids(&c), [Some("operation_not_permitted")]);

    // Same error name, unknown description: not a guess.
    let c = classify(
        Vendor::Adp,
        400,
        br#"{"error":"invalid_request","error_description":"something else"}"#,
    );
    assert_eq!(
        (c.errors()[0].match_kind(), c.errors()[0].wire_code()),
        (MatchKind::Fallback, Some("invalid_request"))
    );
}

#[test]
fn every_fallback_path() {
    let cases: &[(u16, &[u8], BodyKind, Category, Action)] = &[
        (
            504,
            b"<html><head><title>504 Gateway Time-out</title></head></html>",
            BodyKind::Html,
            Category::Unavailable,
            Action::RetryWithBackoff,
        ),
        (
            502,
            b"",
            BodyKind::Empty,
            Category::Unavailable,
            Action::RetryWithBackoff,
        ),
        (
            503,
            b"  \n",
            BodyKind::Empty,
            Category::Unavailable,
            Action::RetryWithBackoff,
        ),
        (
            429,
            b"Too Many Requests",
            BodyKind::NotJson,
            Category::RateLimited,
            Action::RetryWithBackoff,
        ),
        (
            500,
            b"{\"unexpected\":true}",
            BodyKind::NotAnError,
            Category::ServerError,
            Action::ContactVendor,
        ),
        (
            401,
            b"{not json",
            BodyKind::NotJson,
            Category::Authentication,
            Action::RefreshAccessToken,
        ),
        (
            403,
            b"[]",
            BodyKind::NotAnError,
            Category::Authorization,
            Action::RequestAccess,
        ),
        (
            404,
            b"{\"a\":1,\"a\":2}",
            BodyKind::NotAnError,
            Category::NotFound,
            Action::HandleInApplication,
        ),
        (
            409,
            b"null",
            BodyKind::NotJson,
            Category::Conflict,
            Action::HandleInApplication,
        ),
        (
            422,
            b"\xff\xfe",
            BodyKind::NotJson,
            Category::InvalidRequest,
            Action::FixRequest,
        ),
    ];
    for vendor in Vendor::ALL.iter().copied() {
        for &(status, body, kind, category, action) in cases {
            let c = classify(vendor, status, body);
            assert_eq!(c.errors().len(), 1, "{vendor} {status} {body:?}");
            let e = &c.errors()[0];
            if e.match_kind() != MatchKind::Fallback {
                // IXON documents 500 and 504 by status alone.
                assert_eq!(vendor, Vendor::IxonCloud, "{status}");
                assert!(matches!(status, 500 | 504), "{vendor} {status}");
                assert_eq!(
                    e.code().and_then(|c| c.http_status()),
                    Some(status),
                    "{vendor} {status}"
                );
                continue;
            }
            // Where the vendor's spec documents the status (Lerian: 500 is "try again
            // later"), that beats the generic row.
            let (category, action) = match (vendor, status) {
                (Vendor::LerianAccessManager, 500) => {
                    (Category::ServerError, Action::RetryWithBackoff)
                }
                _ => (category, action),
            };
            assert_eq!(
                (c.body_kind(), e.category(), e.action(), e.code()),
                (kind, category, action, None),
                "{vendor} {status} {body:?}"
            );
        }
    }
    let c = classify(Vendor::Adp, 504, &fixture("nginx_504.html"));
    assert_eq!(c.errors()[0].detail(), Some("504 Gateway Time-out"));
    // A phone number in a success body is not an IRIS code.
    assert!(classify(
        Vendor::IrisHr,
        200,
        br#"{"title":"Mr","message":"call 555-123-4567"}"#
    )
    .errors()
    .is_empty());
    assert!(classify(Vendor::IrisHr, 200, b"call 555-123-4567")
        .errors()
        .is_empty());
    // A success that is not an error envelope: nothing.
    for vendor in Vendor::ALL.iter().copied() {
        for body in [&b""[..], b"{\"data\":[]}", b"<html></html>", b"ok"] {
            assert!(
                classify(vendor, 200, body).errors().is_empty(),
                "{vendor} {body:?}"
            );
        }
    }
}

#[test]
fn json_contract() {
    let c = run(
        Vendor::AkamaiIdentityCloud,
        200,
        "akamai_missing_argument.json",
    );
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(
        v,
        json!({"vendor": "akamai_identity_cloud", "status": 200, "trace_id": "uyeem84bmqmnjuu4", "retry_after_s": null, "errors": [{
            "id": "missing_argument", "code": "100", "title": "A required argument wasn't supplied.",
            "category": "invalid_request", "action": "fix_request", "retryable": false, "match": "exact",
            "params": {}, "detail": "missing required argument: uuid"}]})
    );
    let c = run(Vendor::AkamaiIdentityCloud, 200, "akamai_catch_all.json");
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(
        (
            v["errors"][0]["code"].as_str(),
            v["errors"][0]["match"].as_str()
        ),
        (Some("343"), Some("catch_all"))
    );
    let c = classify(
        Vendor::LerianAccessManager,
        400,
        br#"{"code":"AUT-9999","message":"m"}"#,
    );
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(
        (v["errors"][0]["id"].clone(), v["errors"][0]["code"].clone()),
        (json!(null), json!("AUT-9999"))
    );
    let c = run(Vendor::AkamaiIdentityCloud, 200, "akamai_ok.json");
    assert_eq!(serde_json::to_value(&c).unwrap()["errors"], json!([]));
}

#[test]
fn api_error_display_escapes_and_caps() {
    let c = run(Vendor::IrisHr, 401, "iris_code_in_detail.json");
    let err = ApiError::try_from(c).unwrap();
    assert_eq!(
        err.to_string(),
        "IRIS HR 401-001-0003: The Authorization Code has expired (trace rrt-8472659136451236-b-gew1-12345-678901-1)"
    );
    let _: &dyn std::error::Error = &err;

    let evil = format!(
        "line1\nFAKE LOG ENTRY\r\u{1b}[31mred\u{202e}{}",
        "x".repeat(5000)
    );
    let body = json!({"code": "AUT-9999\nINJECTED", "message": evil});
    let err = classify(
        Vendor::LerianAccessManager,
        400,
        body.to_string().as_bytes(),
    )
    .into_error()
    .unwrap();
    let shown = err.to_string();
    assert!(
        !shown.contains('\n')
            && !shown.contains('\r')
            && !shown.contains('\u{1b}')
            && !shown.contains('\u{202e}'),
        "{shown}"
    );
    assert!(shown.contains("AUT-9999\\nINJECTED"), "{shown}");
    assert!(
        shown.contains("line1\\nFAKE LOG ENTRY\\r\\u{1b}[31mred\\u{202e}"),
        "{shown}"
    );
    assert!(shown.chars().count() < 700, "{}", shown.len());
    assert!(shown.contains('…'));
    // The kept detail is capped too.
    assert!(err.primary().detail().unwrap().len() <= 1024 + '…'.len_utf8());

    let c = run(Vendor::IxonCloud, 400, "ixon_sso_code_state.json");
    assert!(ApiError::try_from(c)
        .unwrap()
        .to_string()
        .contains("(and 1 more)"));
}

#[test]
fn huge_and_deep_bodies_are_bounded() {
    let many: Vec<_> = (0..10_000)
        .map(|i| json!({"message": format!("m{i}")}))
        .collect();
    let body = json!({"type": "Error", "data": many, "status": "error"}).to_string();
    let c = classify(Vendor::IxonCloud, 400, body.as_bytes());
    assert_eq!(c.errors().len(), 100);
    let deep = "[".repeat(100_000);
    for vendor in Vendor::ALL.iter().copied() {
        let c = classify(vendor, 400, deep.as_bytes());
        assert_eq!(c.errors().len(), 1);
    }
    let long = format!(
        "{{\"code\":\"AUT-0010\",\"message\":\"{}\"}}",
        "a ".repeat(1_000_000)
    );
    let c = classify(Vendor::LerianAccessManager, 400, long.as_bytes());
    assert_eq!(
        c.errors()[0].code().and_then(|c| c.code()),
        Some("AUT-0010")
    );
}
