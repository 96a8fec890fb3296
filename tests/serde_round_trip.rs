//! serde both ways: every name enum, `ErrorCode`'s compact form, each vendor's `Code`, and
//! `Classification`'s JSON read back, for every value or body the crate knows.

use errcat::{
    adp, akamai_identity_cloud, iris_hr, ixon_cloud, lerian_access_manager, Action, BodyKind,
    Category, Classification, ErrorCode, MatchKind, Vendor,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// `value` serializes as the JSON string `name`, and that string deserializes back to it.
fn string_both_ways<T>(value: T, name: &str)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_value(&value).unwrap();
    assert_eq!(json, Value::String(name.to_string()), "{value:?}");
    let back: T = serde_json::from_value(json).unwrap();
    assert_eq!(back, value);
    // From borrowed text too (a deserializer that can lend its input).
    let back: T = serde_json::from_str(&format!("{name:?}")).unwrap();
    assert_eq!(back, value);
}

#[test]
fn every_name_enum_is_its_name_both_ways() {
    for v in Vendor::ALL {
        string_both_ways(*v, v.id());
    }
    for c in Category::ALL {
        string_both_ways(*c, c.as_str());
    }
    for a in Action::ALL {
        string_both_ways(*a, a.as_str());
    }
    for m in MatchKind::ALL {
        string_both_ways(*m, m.as_str());
    }
    for b in BodyKind::ALL {
        string_both_ways(*b, b.as_str());
    }
}

#[test]
fn an_unknown_name_is_an_error_that_lists_the_names() {
    let err = serde_json::from_str::<Action>(r#""retry_later""#).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("unknown action `retry_later`"), "{text}");
    assert!(text.contains("retry_with_backoff"), "{text}");
    let err = serde_json::from_str::<Vendor>("3").unwrap_err();
    assert!(
        err.to_string().contains("a vendor name as a string"),
        "{err}"
    );
    // Names are exact: no case folding, no trimming.
    assert!(serde_json::from_str::<Category>(r#""Not_Found""#).is_err());
    assert!(serde_json::from_str::<MatchKind>(r#"" exact""#).is_err());
}

#[test]
fn every_error_code_is_a_compact_string_that_names_its_catalog() {
    let mut seen = std::collections::HashSet::new();
    for code in ErrorCode::all() {
        let qualified = code.qualified();
        let key = code.code().unwrap_or(code.id());
        assert_eq!(qualified, format!("{}/{key}", code.catalog().id()));
        assert!(
            seen.insert(qualified.clone()),
            "{qualified} names two entries"
        );
        string_both_ways(code, &qualified);
        assert_eq!(qualified.parse::<ErrorCode>(), Ok(code));
    }
    assert_eq!(
        seen.len(),
        Vendor::ALL
            .iter()
            .map(|v| v.catalog().codes().len())
            .sum::<usize>()
    );
    let iris = errcat::lookup("401-001-0003").unwrap();
    assert_eq!(
        serde_json::to_string(&iris).unwrap(),
        r#""iris_hr/401-001-0003""#
    );
    let codeless = Vendor::IxonCloud.catalog().codes().next().unwrap();
    assert!(codeless.code().is_none());
    assert_eq!(
        codeless.qualified(),
        format!("ixon_cloud/{}", codeless.id())
    );
}

#[test]
fn from_str_accepts_exactly_the_compact_form() {
    // An alias names the entry, but is not its compact form: the error says which is.
    let err = "iris_hr/500-001-0014".parse::<ErrorCode>().unwrap_err();
    assert!(err.to_string().contains("`iris_hr/500-001-00014`"), "{err}");
    // The id of an entry that has a code, likewise.
    let err = "iris_hr/authorization_code_expired".parse::<ErrorCode>();
    assert!(err
        .unwrap_err()
        .to_string()
        .contains("`iris_hr/401-001-0003`"));
    for bad in [
        "401-001-0003",                       // which catalog?
        "iris_hr/",                           // nothing after the slash
        "iris/401-001-0003",                  // not a vendor id
        "IRIS_HR/401-001-0003",               // ids are exact
        "iris_hr/401-001-0003 ",              // trailing space
        "akamai_identity_cloud/343",          // a catch-all finds 340, but 343 is no entry
        "lerian_access_manager/401-001-0003", // another vendor's code
    ] {
        assert!(bad.parse::<ErrorCode>().is_err(), "{bad} parsed");
        assert!(
            serde_json::from_value::<ErrorCode>(json!(bad)).is_err(),
            "{bad} deserialized"
        );
    }
}

#[test]
fn the_full_entry_is_an_explicit_view_that_serializes() {
    let code = errcat::lookup("401-001-0003").unwrap();
    let entry = serde_json::to_value(code.entry()).unwrap();
    assert_eq!(entry["vendor"], "iris_hr");
    assert_eq!(entry["id"], code.id());
    assert_eq!(entry["code"], "401-001-0003");
    assert_eq!(entry["action"], "reauthenticate");
    assert_eq!(entry["retryable"], false);
    for key in [
        "aliases",
        "http_status",
        "title",
        "message",
        "category",
        "remediation",
    ] {
        assert!(entry.get(key).is_some(), "{key} missing: {entry}");
    }
}

/// Each `Code` of one vendor serializes as its key and back.
fn codes_both_ways<C>(all: &[C])
where
    C: Copy + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + Into<ErrorCode>,
{
    assert!(!all.is_empty());
    for &c in all {
        let e: ErrorCode = c.into();
        string_both_ways(c, e.code().unwrap_or(e.id()));
        // An alias still parses (FromStr is lenient) but is not what serde reads.
        for alias in e.entry().aliases() {
            assert!(
                serde_json::from_value::<C>(json!(alias)).is_err(),
                "{alias}"
            );
        }
    }
}

#[test]
fn every_vendor_code_enum_serializes_as_its_code_or_id() {
    codes_both_ways(iris_hr::Code::ALL);
    codes_both_ways(lerian_access_manager::Code::ALL);
    codes_both_ways(akamai_identity_cloud::Code::ALL);
    codes_both_ways(ixon_cloud::Code::ALL);
    codes_both_ways(adp::Code::ALL);
    let c: iris_hr::Code = serde_json::from_str(r#""401-001-0003""#).unwrap();
    assert_eq!(c.code(), Some("401-001-0003"));
    let err = serde_json::from_str::<iris_hr::Code>(r#""AUT-1005""#).unwrap_err();
    assert!(err.to_string().contains("AUT-1005"), "{err}");
}

/// Every response body the tests and benchmarks use, with its vendor and status.
fn bodies() -> Vec<(Vendor, u16, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("benches/bodies/manifest.tsv")).unwrap();
    let mut out: Vec<(Vendor, u16, Vec<u8>)> = manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let body = std::fs::read(root.join(cols[2])).unwrap_or_else(|e| panic!("{l}: {e}"));
            (cols[0].parse().unwrap(), cols[1].parse().unwrap(), body)
        })
        .collect();
    // The odd ones: no body, not JSON, a success body, a status with no entry.
    for v in Vendor::ALL {
        out.push((*v, 500, Vec::new()));
        out.push((
            *v,
            503,
            b"<html><body>502 Bad Gateway</body></html>".to_vec(),
        ));
        out.push((*v, 200, br#"{"stat":"ok"}"#.to_vec()));
        out.push((*v, 418, b"I'm a teapot".to_vec()));
    }
    assert!(out.len() > 40, "{}", out.len());
    out
}

#[test]
fn every_classification_round_trips_through_its_json() {
    let mut kinds = std::collections::HashSet::new();
    for (vendor, status, body) in bodies() {
        let c = errcat::classify(vendor, status, &body);
        let json = serde_json::to_value(&c).unwrap();
        let back: Classification = serde_json::from_value(json.clone())
            .unwrap_or_else(|e| panic!("{vendor} {status}: {e}\n{json:#}"));
        assert_eq!(serde_json::to_value(&back).unwrap(), json);
        assert_eq!(back.catalog().id(), c.catalog().id());
        assert_eq!((back.status(), back.trace_id()), (c.status(), c.trace_id()));
        assert_eq!(back.body_kind(), BodyKind::NotRecorded);
        assert_eq!(back.errors().len(), c.errors().len());
        for (b, o) in back.errors().iter().zip(c.errors()) {
            assert_eq!(b.code(), o.code());
            assert_eq!(b.match_kind(), o.match_kind());
            assert_eq!(b.rule(), o.rule());
            assert_eq!((b.category(), b.action()), (o.category(), o.action()));
            assert_eq!(b.params(), o.params());
            assert_eq!(
                (b.title(), b.detail(), b.label()),
                (o.title(), o.detail(), o.label())
            );
            kinds.insert(o.match_kind());
        }
        assert_eq!(back.action(), c.action());
    }
    for kind in MatchKind::ALL {
        assert!(
            kinds.contains(kind),
            "no body matched {kind}: the test misses a case"
        );
    }
}

#[test]
fn json_that_contradicts_the_catalog_is_an_error_not_a_guess() {
    let c = errcat::classify(
        Vendor::AkamaiIdentityCloud,
        200,
        br#"{"stat":"error","code":414,"error":"access_token_expired","request_token":"t"}"#,
    );
    let good = serde_json::to_value(&c).unwrap();
    let broken = |path: &str, value: Value| {
        let mut j = good.clone();
        *j.pointer_mut(path).unwrap() = value;
        serde_json::from_value::<Classification>(j)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    assert!(broken("/vendor", json!("acme")).contains("unknown vendor `acme`"));
    assert!(broken("/errors/0/id", json!("no_such_entry")).contains("no_such_entry"));
    assert!(broken("/errors/0/title", json!("Made up")).contains("Made up"));
    assert!(broken("/errors/0/action", json!("retry_with_backoff")).contains("retry"));
    assert!(broken("/errors/0/retryable", json!(true)).contains("retryable"));
    assert!(broken("/errors/0/code", json!("415")).contains("415"));
    assert!(broken("/errors/0/match", json!("fallback")).contains("fallback"));
    assert!(broken("/errors/0/params", json!({"x": "1"})).contains("parameter `x`"));
    assert!(broken("/status", json!(-1)).contains("-1"));
}

#[test]
fn a_retry_delay_and_a_network_failure_round_trip_too() {
    let body = br#"{"type":"Error","data":[{"message":"Too many requests"}],"status":"error"}"#;
    let with_head =
        errcat::classify_response(Vendor::IxonCloud, 429, [("Retry-After", "120")], body);
    let failure =
        errcat::network_failure(Vendor::Adp, errcat::NetworkFailure::Timeout, "timed out");
    for c in [with_head, failure] {
        let json = serde_json::to_string(&c).unwrap();
        let back: Classification =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        assert_eq!(back.retry_after(), c.retry_after());
        assert_eq!(back.errors()[0].title(), c.errors()[0].title());
    }
    let v: Value = serde_json::from_str(
        &serde_json::to_string(&errcat::network_failure(
            Vendor::Adp,
            errcat::NetworkFailure::Timeout,
            "",
        ))
        .unwrap(),
    )
    .unwrap();
    let mut bad = v.clone();
    bad["errors"][0]["title"] = json!("Made up");
    assert!(serde_json::from_value::<Classification>(bad).is_err());
}
