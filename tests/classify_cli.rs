//! `errcat classify`: the JSON contract, stdin, human output, and exit codes.
#![cfg(feature = "cli")]

mod common;

use common::errcat;

#[test]
fn json_from_a_file_and_from_stdin() {
    let file = common::fixtures("classify/akamai_missing_argument.json");
    let file = file.to_str().expect("UTF-8 path");
    let (code, out, _) = errcat(
        &[
            "classify",
            "--vendor",
            "akamai_identity_cloud",
            "--json",
            file,
        ],
        b"",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["trace_id"], "uyeem84bmqmnjuu4");
    assert_eq!(v["errors"][0]["id"], "missing_argument");
    assert_eq!(v["errors"][0]["code"], "100");
    assert_eq!(v["errors"][0]["match"], "exact");

    let body = common::classify_fixture("ixon_sso_code_state.json");
    let (code, out, _) = errcat(
        &[
            "classify",
            "--vendor",
            "ixon_cloud",
            "--status",
            "400",
            "--json",
            "-",
        ],
        &body,
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"].as_array().unwrap().len(), 2);

    let (code, out, _) = errcat(
        &["classify", "--vendor", "adp", "--status", "504", "--json"],
        b"<html><title>504 Gateway Time-out</title></html>",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            v["errors"][0]["id"].clone(),
            v["errors"][0]["match"].clone()
        ),
        (serde_json::Value::Null, "fallback".into())
    );
}

#[test]
fn human_output_is_one_escaped_line_per_error() {
    let body = br#"{"type":"Error","data":[{"message":"Invalid value\nFAKE","propertyName":"a"},{"message":"2FA is required"}],"status":"error"}"#;
    let (code, out, _) = errcat(
        &["classify", "--vendor", "ixon_cloud", "--status", "401"],
        body,
    );
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("Invalid value\\nFAKE"), "{out}");
    assert!(out.lines().nth(1).unwrap().starts_with("exact"), "{out}");
}

#[test]
fn exit_codes() {
    assert_eq!(
        errcat(&["classify", "--vendor", "adp", "/no/such/file"], b"").0,
        1
    );
    assert_eq!(errcat(&["classify", "--vendor", "nope"], b"").0, 2);
    assert_eq!(
        errcat(&["classify", "--vendor", "adp", "--status", "42"], b"").0,
        2
    );
    assert_eq!(errcat(&["classify"], b"").0, 2);
}

/// An inferred error says which rule decided, in the JSON (`rule`) and in the human line.
#[test]
fn inferred_errors_show_their_rule() {
    let body = br#"{"code":"AUT-0007","title":"Forbidden","message":"insufficient privileges for this resource"}"#;
    let args = [
        "classify",
        "--vendor",
        "lerian_access_manager",
        "--status",
        "403",
    ];
    let (code, out, _) = errcat(&[&args[..], &["--json"]].concat(), body);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let e = &v["errors"][0];
    assert_eq!(
        (&e["match"], &e["rule"], &e["action"], &e["code"]),
        (
            &serde_json::json!("inferred"),
            &serde_json::json!("insufficient_privileges"),
            &serde_json::json!("request_access"),
            &serde_json::json!("AUT-0007")
        )
    );
    let (code, out, _) = errcat(&args, body);
    assert_eq!(code, 0);
    assert!(out.starts_with("inferred "), "{out}");
    assert!(out.contains(" rule=insufficient_privileges "), "{out}");
}
