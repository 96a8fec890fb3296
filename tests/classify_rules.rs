//! The inference rules (`errcat::RULES`), the policy for a documented code the response
//! contradicts, and the classes of issue 9 for which no public body was found (Akamai flow
//! messages, Akamai generic codes with OAuth names, ADP's nested `userMessage` object, ADP's
//! Spring shape, ADP 412 / 404 for a missing header, a 403 "insufficient privileges" with an
//! "invalid token" code). Those bodies are HAND-MADE from the shapes described in
//! vendor-notes.md; the sourced real-world bodies live in `tests/fixtures/real/` instead.

use errcat::{classify, Action, Category, FoundError, MatchKind, Vendor, RULES};

/// One hand-made body and what a user expects of its first error.
struct Case {
    /// The rule this case exercises (a rule id, or `status_disagrees`).
    covers: &'static str,
    vendor: Vendor,
    status: u16,
    body: &'static str,
    category: Category,
    action: Action,
    /// `rule` of the first error: `None` when the rule agrees with the entry and so does
    /// not override it.
    rule: Option<&'static str>,
    /// The entry kept for reference, by id.
    entry: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        covers: "client_credentials",
        vendor: Vendor::LerianAccessManager,
        status: 401,
        body: r#"{"title":"Unauthorized","status":401,"detail":"Client authentication failed"}"#,
        category: Category::Configuration,
        action: Action::FixClientConfiguration,
        rule: Some("client_credentials"),
        entry: None,
    },
    Case {
        covers: "client_credentials",
        vendor: Vendor::Adp,
        status: 401,
        body: r#"{"error":"invalid_request","error_description":"no client certificate was sent"}"#,
        category: Category::Configuration,
        action: Action::FixClientConfiguration,
        rule: Some("client_credentials"),
        entry: None,
    },
    Case {
        // ADP's Spring-style gateway body under `data`, for a missing ORGOID header.
        covers: "request_header",
        vendor: Vendor::Adp,
        status: 412,
        body: r#"{"data":{"timestamp":"2024-05-01T10:00:00.000+00:00","status":412,"error":"Precondition Failed","message":"Required request header 'ORGOID' for method parameter type String is not present","path":"/hr/v2/workers"}}"#,
        category: Category::InvalidRequest,
        action: Action::FixRequest,
        rule: Some("request_header"),
        entry: None,
    },
    Case {
        // `messages[].messageText` at the top level, 404 for an invalid associateOID header.
        covers: "request_header",
        vendor: Vendor::Adp,
        status: 404,
        body: r#"{"messages":[{"messageCode":"404","messageTypeCode":"error","messageText":"Header associateOID is invalid"}]}"#,
        category: Category::InvalidRequest,
        action: Action::FixRequest,
        rule: Some("request_header"),
        entry: None,
    },
    Case {
        covers: "unknown_endpoint",
        vendor: Vendor::LerianAccessManager,
        status: 404,
        body: r#"{"title":"Not Found","status":404,"detail":"endpoint not found"}"#,
        category: Category::InvalidRequest,
        action: Action::FixRequest,
        rule: Some("unknown_endpoint"),
        entry: None,
    },
    Case {
        // A code documented as "Invalid Token" (401) sent with 403 and a permissions message:
        // the message decides; refreshing would loop.
        covers: "insufficient_privileges",
        vendor: Vendor::LerianAccessManager,
        status: 403,
        body: r#"{"code":"AUT-0007","title":"Forbidden","message":"insufficient privileges for this resource"}"#,
        category: Category::Authorization,
        action: Action::RequestAccess,
        rule: Some("insufficient_privileges"),
        entry: Some("aut_invalid_token"),
    },
    Case {
        // ADP's `userMessage` as an object holding `userMessage`, beside a label codeValue.
        covers: "role_required",
        vendor: Vendor::Adp,
        status: 403,
        body: r#"{"confirmMessage":{"requestStatusCode":{"codeValue":"failed"},"processMessages":[{"messageTypeCode":{"codeValue":"error"},"userMessage":{"codeValue":"Error","userMessage":"Actor must have the role Practitioner to update this worker"}}]}}"#,
        category: Category::Authorization,
        action: Action::RequestAccess,
        rule: Some("role_required"),
        entry: None,
    },
    Case {
        covers: "feature_disabled",
        vendor: Vendor::IxonCloud,
        status: 400,
        body: r#"{"type":"Error","data":[{"message":"This feature is disabled for your company"}],"moreAfter":null,"status":"error"}"#,
        category: Category::Authorization,
        action: Action::RequestAccess,
        rule: Some("feature_disabled"),
        entry: None,
    },
    Case {
        covers: "in_progress_elsewhere",
        vendor: Vendor::LerianAccessManager,
        status: 409,
        body: r#"{"title":"Conflict","status":409,"detail":"Account is locked by another operation","code":"0112"}"#,
        category: Category::Conflict,
        action: Action::RetryWithBackoff,
        rule: Some("in_progress_elsewhere"),
        entry: None,
    },
    Case {
        covers: "quota_exceeded",
        vendor: Vendor::IrisHr,
        status: 429,
        body: r#"{"title":"Too Many Requests","status":429,"detail":"Daily quota reached for this application"}"#,
        category: Category::QuotaExceeded,
        action: Action::WaitForQuotaReset,
        rule: Some("quota_exceeded"),
        entry: None,
    },
    Case {
        covers: "token_expired",
        vendor: Vendor::LerianAccessManager,
        status: 401,
        body: r#"{"code":"AUT-0001","message":"the token is expired"}"#,
        category: Category::Authentication,
        action: Action::RefreshAccessToken,
        rule: Some("token_expired"),
        entry: None,
    },
    Case {
        // Akamai's generic 200 with an OAuth name: the OAuth meaning wins.
        covers: "oauth_invalid_grant",
        vendor: Vendor::AkamaiIdentityCloud,
        status: 400,
        body: r#"{"stat":"error","code":200,"error":"invalid_grant","error_description":"refresh token is invalid or expired","request_id":"abcdefghijklmnop"}"#,
        category: Category::Authentication,
        action: Action::Reauthenticate,
        rule: Some("oauth_invalid_grant"),
        entry: Some("invalid_argument"),
    },
    Case {
        covers: "oauth_invalid_client",
        vendor: Vendor::AkamaiIdentityCloud,
        status: 400,
        body: r#"{"stat":"error","code":100,"error":"invalid_client","error_description":"missing client_id"}"#,
        category: Category::Configuration,
        action: Action::FixClientConfiguration,
        rule: Some("oauth_invalid_client"),
        entry: Some("missing_argument"),
    },
    Case {
        covers: "oauth_scope",
        vendor: Vendor::AkamaiIdentityCloud,
        status: 400,
        body: r#"{"stat":"error","code":200,"error":"invalid_scope","error_description":"scope not allowed"}"#,
        category: Category::Authorization,
        action: Action::RequestAccess,
        rule: Some("oauth_scope"),
        entry: Some("invalid_argument"),
    },
    Case {
        covers: "oauth_invalid_token",
        vendor: Vendor::AkamaiIdentityCloud,
        status: 200,
        body: r#"{"stat":"error","code":200,"error":"invalid_token","error_description":"token is malformed"}"#,
        category: Category::Authentication,
        action: Action::RefreshAccessToken,
        rule: Some("oauth_invalid_token"),
        entry: Some("invalid_argument"),
    },
    Case {
        // The OAuth meaning agrees with the entry: the exact match stands, unannotated.
        covers: "oauth_invalid_request",
        vendor: Vendor::AkamaiIdentityCloud,
        status: 400,
        body: r#"{"stat":"error","code":200,"error":"invalid_request","sub_error":"invalid_argument","error_description":"invalid grant_type: X"}"#,
        category: Category::InvalidRequest,
        action: Action::FixRequest,
        rule: None,
        entry: Some("invalid_argument"),
    },
    Case {
        // "Invalid Token" sent with Lerian's 500: the vendor's documented 500 decides.
        covers: "status_disagrees",
        vendor: Vendor::LerianAccessManager,
        status: 500,
        body: r#"{"code":"AUT-0007","message":"unexpected error"}"#,
        category: Category::ServerError,
        action: Action::RetryWithBackoff,
        rule: Some("status_disagrees"),
        entry: Some("aut_invalid_token"),
    },
];

fn first(case: &Case) -> FoundError {
    let c = classify(case.vendor, case.status, case.body.as_bytes());
    c.primary()
        .cloned()
        .unwrap_or_else(|| panic!("{}: no error in {}", case.covers, case.body))
}

#[test]
fn every_case_gets_its_expected_answer_and_says_how() {
    for case in CASES {
        let e = first(case);
        let what = format!("{} {} {}", case.covers, case.status, case.body);
        assert_eq!(
            (e.category(), e.action()),
            (case.category, case.action),
            "{what}"
        );
        assert_eq!(e.rule(), case.rule, "{what}");
        let expected_kind = if case.rule.is_some() {
            MatchKind::Inferred
        } else {
            MatchKind::Exact
        };
        assert_eq!(e.match_kind(), expected_kind, "{what}");
        assert_eq!(e.code().map(|c| c.id()), case.entry, "{what}");
    }
}

/// A rule added to the table without a case here fails this test.
#[test]
fn every_rule_has_a_case() {
    for rule in RULES {
        assert!(
            CASES.iter().any(|c| c.covers == rule.id),
            "rule {} has no case in tests/classify_rules.rs",
            rule.id
        );
        assert!(!rule.why.is_empty());
    }
    assert!(CASES.iter().any(|c| c.covers == "status_disagrees"));
}

/// A message rule applies only at its statuses: the same words elsewhere do not decide.
#[test]
fn message_rules_keep_to_their_statuses() {
    for rule in RULES.iter().filter(|r| !r.all_of.is_empty()) {
        let case = CASES
            .iter()
            .find(|c| c.covers == rule.id && c.rule == Some(rule.id))
            .unwrap_or_else(|| panic!("{} has no inferring case", rule.id));
        // 418 is in no rule's list.
        assert!(!rule.statuses.contains(&418), "{}", rule.id);
        let c = classify(case.vendor, 418, case.body.as_bytes());
        let e = &c.errors()[0];
        assert_ne!(e.rule(), Some(rule.id), "{} applied at 418", rule.id);
    }
}

#[test]
fn the_document_wins_where_the_response_does_not_contradict_it() {
    // A documented code whose entry is not a credential error is never overridden, whatever
    // the message says: the result is exact, with the entry's own advice.
    let c = classify(
        Vendor::LerianAccessManager,
        403,
        br#"{"code":"AUT-0004","message":"permission denied for query"}"#,
    );
    let e = &c.errors()[0];
    assert_eq!(
        (
            e.match_kind(),
            e.code().map(|c| c.id()),
            e.action(),
            e.rule()
        ),
        (
            MatchKind::Exact,
            Some("aut_invalid_query_parameter"),
            Action::FixRequest,
            None
        )
    );
    // A credential error with its own status stays exact.
    let c = classify(
        Vendor::LerianAccessManager,
        401,
        br#"{"code":"AUT-0007","message":"Invalid Token"}"#,
    );
    assert_eq!(c.errors()[0].match_kind(), MatchKind::Exact);
    assert_eq!(c.errors()[0].action(), Action::RefreshAccessToken);
    // 400 is what OAuth token endpoints answer for an expired code (RFC 6749 §5.2): no
    // contradiction, the entry's "log in again" stands.
    let c = classify(
        Vendor::IrisHr,
        400,
        br#"{"code":"401-001-0003","detail":"The Authorization Code has expired"}"#,
    );
    let e = &c.errors()[0];
    assert_eq!(
        (e.match_kind(), e.action()),
        (MatchKind::Exact, Action::Reauthenticate)
    );
}

#[test]
fn inferred_errors_name_their_rule_in_the_json() {
    let c = classify(
        Vendor::LerianAccessManager,
        422,
        br#"{"type":"https://errors.lerian.studio/v1/AUT-0007","title":"Unprocessable Entity","status":422,"detail":"resource must not be empty","code":"AUT-0007"}"#,
    );
    let v = serde_json::to_value(&c).expect("serializes");
    let e = &v["errors"][0];
    assert_eq!(e["match"], "inferred");
    assert_eq!(e["rule"], "status_disagrees");
    assert_eq!(e["id"], "aut_invalid_token");
    assert_eq!(e["code"], "AUT-0007");
    assert_eq!(e["action"], "fix_request");
    assert_eq!(e["detail"], "resource must not be empty");
    // Other kinds have no `rule` member: their JSON is what it was.
    let c = classify(
        Vendor::LerianAccessManager,
        401,
        br#"{"code":"AUT-0007","message":"Invalid Token"}"#,
    );
    let v = serde_json::to_value(&c).expect("serializes");
    assert!(v["errors"][0].get("rule").is_none(), "{v}");
}

#[test]
fn akamai_flow_message_beats_the_generic_description() {
    // 540 flow errors: the flow's own `message` beside the code's generic text.
    let body = br#"{"stat":"error","code":540,"error":"triggered_error","error_description":"An error was triggered in the flow","message":"Your account is locked, please call support","request_token":"abcdefghijklmnop"}"#;
    let c = classify(Vendor::AkamaiIdentityCloud, 200, body);
    let e = &c.errors()[0];
    assert_eq!(e.code().map(|c| c.id()), Some("triggered_error"));
    assert_eq!(
        e.detail(),
        Some("Your account is locked, please call support")
    );
    assert_eq!(c.trace_id(), Some("abcdefghijklmnop"));
}

#[test]
fn adp_nested_user_message_and_labels() {
    let body = br#"{"confirmMessage":{"confirmMessageID":{"idValue":"c0ffee"},"requestStatusCode":{"codeValue":"failed"},"processMessages":[{"messageTypeCode":{"codeValue":"error"},"userMessage":{"codeValue":"Error","userMessage":{"messageTxt":"Worker not found for the given associateOID"}}}]}}"#;
    let c = classify(Vendor::Adp, 400, body);
    let e = &c.errors()[0];
    assert_eq!(
        e.detail(),
        Some("Worker not found for the given associateOID")
    );
    // `Error` is a label, not a code.
    assert_eq!(e.wire_code(), None);
    assert_eq!(c.trace_id(), Some("c0ffee"));

    // A Spring object at the top level: `error` is the reason phrase, not an OAuth name.
    let body = br#"{"timestamp":"2024-05-01T10:00:00Z","status":500,"error":"Internal Server Error","message":"Connection reset by peer","path":"/payroll/v1/workers"}"#;
    let c = classify(Vendor::Adp, 500, body);
    let e = &c.errors()[0];
    assert_eq!(
        (e.detail(), e.wire_code(), e.category()),
        (
            Some("Connection reset by peer"),
            None,
            Category::ServerError
        )
    );
}

#[test]
fn problem_documents_for_every_vendor() {
    for vendor in Vendor::ALL.iter().copied() {
        let body = br#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"body must be a JSON object","traceId":"00-abc-01"}"#;
        let c = classify(vendor, 400, body);
        let e = &c.errors()[0];
        assert_eq!(e.detail(), Some("body must be a JSON object"), "{vendor}");
        assert_eq!(c.trace_id(), Some("00-abc-01"), "{vendor}");
        assert_eq!(e.action(), Action::FixRequest, "{vendor}");
    }
    // ASP.NET's validation problem with no detail: the first field error is the message.
    let body = br#"{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.","status":400,"traceId":"00-1-2-00","errors":{"FirstName":["The FirstName field is required."]}}"#;
    let c = classify(Vendor::IrisHr, 400, body);
    let e = &c.errors()[0];
    assert_eq!(e.detail(), Some("The FirstName field is required."));
    assert_eq!(e.property(), Some("FirstName"));
    assert_eq!(c.trace_id(), Some("00-1-2-00"));
    // RFC 9457's list form, with a JSON pointer.
    let body = br##"{"title":"Unprocessable Entity","status":422,"errors":[{"detail":"must be a positive integer","pointer":"#/age"}]}"##;
    let c = classify(Vendor::LerianAccessManager, 422, body);
    let e = &c.errors()[0];
    assert_eq!(
        (e.detail(), e.property()),
        (Some("must be a positive integer"), Some("#/age"))
    );
}

#[test]
fn code_less_paragraphs_match_whatever_their_spacing_case_and_punctuation() {
    let quota = [
        "QUOTA EXCEEDED - IRIS maintains a daily quota on applications, in line with our fair use policy!",
        "quota exceeded",
        "Quota exceeded.\nIRIS maintains a daily quota on applications in line with our fair use policy.",
    ];
    for text in quota {
        let body = serde_json::json!({ "message": text }).to_string();
        let c = classify(Vendor::IrisHr, 429, body.as_bytes());
        let e = &c.errors()[0];
        assert_eq!(
            (e.code().map(|c| c.id()), e.action()),
            (Some("daily_quota_exceeded"), Action::WaitForQuotaReset),
            "{text}"
        );
    }
    // The paragraph with a word changed is not the entry.
    let body = br#"{"message":"Quota exceeded. IRIS maintains a monthly quota on applications in line with our fair use policy."}"#;
    let c = classify(Vendor::IrisHr, 429, body);
    assert_ne!(
        c.errors()[0].code().map(|c| c.id()),
        Some("daily_quota_exceeded")
    );
    // Nor at a status the entry is not documented with.
    let body = br#"{"message":"Quota exceeded."}"#;
    let c = classify(Vendor::IrisHr, 500, body);
    assert_eq!(c.errors()[0].match_kind(), MatchKind::Fallback);
}

#[test]
fn adp_informational_entries_are_skipped_when_an_error_follows() {
    let body = br#"{"confirmMessage":{"requestStatusCode":{"codeValue":"failed"},"processMessages":[{"messageTypeCode":{"codeValue":"info"},"userMessage":{"codeValue":"info_COUNT","messageTxt":"3"}},{"messageTypeCode":{"codeValue":"warning"},"userMessage":{"codeValue":"warn_X","messageTxt":"slow"}},{"messageTypeCode":{"codeValue":"error"},"userMessage":{"codeValue":"err_Bad","messageTxt":"Invalid pay period"}}]}}"#;
    let c = classify(Vendor::Adp, 400, body);
    assert_eq!(c.errors().len(), 1);
    assert_eq!(c.errors()[0].wire_code(), Some("err_Bad"));
    assert_eq!(c.errors()[0].detail(), Some("Invalid pay period"));
}
