//! Every documented entry, in its vendor's wire shape, is found by `classify`.
//!
//! The bodies are built from the catalog itself: the entry's code (or the alias real
//! responses carry), its machine string, its property, and its message with each placeholder
//! filled with a sample value that the test then expects back as a captured parameter.

use errcat::{classify, ErrorCode, MatchKind, Segment, Vendor};
use errcat_codegen::model::Builtin;
use serde_json::json;

/// The message with each placeholder filled in, and the values expected back.
fn fill(code: ErrorCode) -> Option<(String, Vec<(&'static str, String)>)> {
    let t = code.message()?;
    let mut text = String::new();
    let mut params = Vec::new();
    for (i, s) in t.segments().iter().enumerate() {
        match *s {
            Segment::Literal(l) => text.push_str(l),
            Segment::Param(name) => {
                let v = format!("sample{i}z");
                text.push_str(&v);
                params.push((name, v));
            }
        }
    }
    Some((text, params))
}

/// The code a response would carry for this entry: its own, its first alias, or the alias of
/// an entry with the same title (IRIS's OData Pagination Exception shares one wire code).
fn wire_code(code: ErrorCode) -> Option<&'static str> {
    let e = code.entry();
    e.code().or(e.aliases().first().copied()).or_else(|| {
        code.catalog()
            .codes()
            .filter(|c| c.title() == code.title())
            .find_map(|c| c.entry().aliases().first().copied())
    })
}

/// (status, body) in the vendor's real shape.
fn wire(code: ErrorCode) -> Option<(u16, Vec<u8>)> {
    let e = code.entry();
    let message = fill(code).map(|(m, _)| m);
    let status = e.http_status().unwrap_or(400);
    // Over the generator's built-in vendors, which match exhaustively outside errcat too: a
    // new vendor does not compile until it says what its responses look like.
    let body = match Builtin::from_id(code.catalog().id())? {
        Builtin::IrisHr => match (wire_code(code), message) {
            (Some(c), Some(m)) => {
                json!({"type": "https://tools.ietf.org/html/rfc7231", "title": e.title(), "status": status, "detail": format!("{c} {m}"), "traceId": "00-abc-01"})
            }
            (Some(c), None) => {
                json!({"code": c, "title": e.title(), "status": status, "detail": format!("{}, log_trace: rrt-123-a", e.title())})
            }
            (None, _) => json!({"title": e.title(), "status": status}),
        },
        Builtin::LerianAccessManager => {
            json!({"code": e.code()?, "title": e.title(), "message": message?})
        }
        Builtin::AkamaiIdentityCloud => {
            let n: u64 = e.code()?.parse().ok()?;
            return Some((200, json!({"stat": "error", "code": n, "error": e.error()?, "error_description": e.title(), "request_token": "uyeem84bmqmnjuu4"}).to_string().into_bytes()));
        }
        Builtin::IxonCloud => match message {
            Some(m) => {
                let mut item = json!({"message": m});
                if let Some(p) = e.property() {
                    item["propertyName"] = json!(p);
                }
                json!({"type": "Error", "data": [item], "moreAfter": null, "status": "error"})
            }
            // Documented by status alone: the gateway's page, or nothing.
            None => return Some((e.http_status()?, Vec::new())),
        },
        Builtin::Adp => match e.error() {
            Some(err) => json!({"error": err, "error_description": message?}),
            None => {
                json!({"confirmMessage": {"confirmMessageID": {"idValue": "c0ffee"}, "requestStatusCode": {"codeValue": "failed"},
                "resourceMessages": [{"processMessages": [{"messageTypeCode": {"codeValue": "error"}, "userMessage": {"messageTxt": message?}}]}]}})
            }
        },
    };
    Some((status, body.to_string().into_bytes()))
}

#[test]
fn every_entry_is_found_in_its_wire_shape() {
    let mut checked = 0;
    let mut unreachable = Vec::new();
    for code in ErrorCode::all() {
        let Some((status, body)) = wire(code) else {
            unreachable.push(code.id());
            continue;
        };
        let vendor = code.vendor().expect("a built-in entry");
        let c = classify(vendor, status, &body);
        let shown = String::from_utf8_lossy(&body);
        assert_eq!(c.errors().len(), 1, "{} {}: {shown}", vendor, code.id());
        let got = &c.errors()[0];
        assert_eq!(
            got.code(),
            Some(code),
            "{} {}: {shown} gave {got:?}",
            vendor,
            code.id()
        );
        // No placeholders: no captured parameters either.
        let (_, params) = fill(code).unwrap_or_default();
        let got_params: Vec<(&str, &str)> =
            got.params().iter().map(|(k, v)| (*k, v.as_str())).collect();
        let want: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(got_params, want, "{}", code.id());
        // Exact when a code names the entry, Template when the filled-in message did.
        assert!(
            matches!(got.match_kind(), MatchKind::Exact | MatchKind::Template),
            "{}",
            code.id()
        );
        checked += 1;
    }
    eprintln!("classified {checked} entries from their wire shape; not reachable from a response: {unreachable:?}");
    // IXON's "Network errors" is the absence of a response: there is no body to classify.
    for id in &unreachable {
        let code = ErrorCode::all().find(|c| c.id() == *id).unwrap();
        assert_eq!(
            code.category(),
            errcat::Category::Network,
            "{id} has no wire shape"
        );
    }
    assert_eq!(unreachable, ["network_error"]);
    assert_eq!(checked + unreachable.len(), ErrorCode::all().count());
}

#[test]
fn akamai_codes_as_strings_and_oauth_sub_error() {
    let (mut by_name, mut shared_name) = (0, 0);
    for code in Vendor::AkamaiIdentityCloud.codes() {
        let body = json!({"stat": "error", "code": code.code().unwrap(), "error": "invalid_request",
            "sub_error": code.entry().error(), "message": "x", "request_id": "r-1"});
        let c = classify(
            Vendor::AkamaiIdentityCloud,
            400,
            body.to_string().as_bytes(),
        );
        assert_eq!(c.errors()[0].code(), Some(code));
        assert_eq!(c.trace_id(), Some("r-1"));
        assert_eq!(c.errors()[0].detail(), Some("x"));
        // Without a code, the registration name in `sub_error` decides, when only one entry
        // has it (`unknown_application` is both 221 and 352).
        let name = code.entry().error().unwrap();
        let unique = Vendor::AkamaiIdentityCloud
            .codes()
            .filter(|c| c.entry().error() == Some(name))
            .count()
            == 1;
        let body = json!({"stat": "error", "error": "invalid_request", "sub_error": name});
        let c = classify(
            Vendor::AkamaiIdentityCloud,
            400,
            body.to_string().as_bytes(),
        );
        let got = &c.errors()[0];
        if unique {
            assert_eq!(got.code(), Some(code), "{}", code.id());
            by_name += 1;
        } else {
            assert_eq!(got.match_kind(), MatchKind::Fallback, "{}", code.id());
            assert_eq!(got.wire_code(), Some(name));
            shared_name += 1;
        }
    }
    // 43 codes; only 221 and 352 share their name (unknown_application).
    assert_eq!((by_name, shared_name), (41, 2));
}
