//! `errcat classify` with a response head: `--header` (repeatable), `--http` (a raw
//! `curl -i` response) and `retry_after_s` in the JSON, per DESIGN.md's CLI contract.
#![cfg(feature = "cli")]

mod common;

use common::errcat;

fn json(args: &[&str], stdin: &[u8]) -> serde_json::Value {
    let (code, out, err) = errcat(args, stdin);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

const IXON_429: &[u8] =
    br#"{"type":"Error","data":[{"message":"Too many requests"}],"status":"error"}"#;

#[test]
fn retry_after_s_is_a_number_or_null() {
    let base = [
        "classify",
        "--vendor",
        "ixon_cloud",
        "--status",
        "429",
        "--json",
    ];
    // No header: IXON's spec-documented block after a 429 (`rate_limit_wait_s: 600`).
    let v = json(&base, IXON_429);
    assert_eq!(v["retry_after_s"], 600);
    // A vendor that documents no wait, and no header: nothing says.
    let adp = ["classify", "--vendor", "adp", "--status", "503", "--json"];
    assert_eq!(json(&adp, b"")["retry_after_s"], serde_json::Value::Null);
    let mut args = base.to_vec();
    args.extend(["--header", "Retry-After: 30", "--header", "X-Other: 1"]);
    let v = json(&args, IXON_429);
    assert_eq!(v["retry_after_s"], 30);
    // Repeated: the longest valid one.
    args.extend([
        "--header",
        "retry-after:120",
        "--header",
        "Retry-After: soon",
    ]);
    assert_eq!(json(&args, IXON_429)["retry_after_s"], 120);
    // A date long past is now; one far ahead is the one-day cap.
    let past = ["--header", "Retry-After: Sun, 06 Nov 1994 08:49:37 GMT"];
    assert_eq!(
        json(&[&base[..], &past].concat(), IXON_429)["retry_after_s"],
        0
    );
    let far = ["--header", "Retry-After: Fri, 31 Dec 9999 23:59:59 GMT"];
    assert_eq!(
        json(&[&base[..], &far].concat(), IXON_429)["retry_after_s"],
        86_400
    );
}

const ADP_401: &[u8] = br#"{"error":"invalid_request","error_description":"proper client ssl certificate was not presented"}"#;

#[test]
fn adp_trace_id_from_the_spec_declared_header() {
    let args = [
        "classify",
        "--vendor",
        "adp",
        "--status",
        "401",
        "--json",
        "--header",
        "adp-correlationid: 2c7f-11ef-9e8d",
    ];
    let v = json(&args, ADP_401);
    assert_eq!(v["trace_id"], "2c7f-11ef-9e8d");
    assert_eq!(v["errors"][0]["id"], "ssl_certificate_not_presented");
    // A header the spec does not declare is not a trace id.
    let other = json(
        &[&args[..6], &["--header", "X-Request-Id: 1"]].concat(),
        ADP_401,
    );
    assert_eq!(other["trace_id"], serde_json::Value::Null);
    // The same through --http, as curl -i prints it.
    let mut input =
        b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nADP-CorrelationID: 9f3a-42\r\n\r\n".to_vec();
    input.extend_from_slice(ADP_401);
    let v = json(&["classify", "--vendor", "adp", "--http", "--json"], &input);
    assert_eq!(v["status"], 401);
    assert_eq!(v["trace_id"], "9f3a-42");
}

#[test]
fn http_reads_a_curl_i_response_with_crlf_and_a_100_continue() {
    let mut input = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 45\r\n\r\n".to_vec();
    input.extend_from_slice(IXON_429);
    let v = json(
        &["classify", "--vendor", "ixon_cloud", "--http", "--json"],
        &input,
    );
    assert_eq!(v["status"], 429);
    assert_eq!(v["retry_after_s"], 45);
    assert_eq!(v["errors"][0]["detail"], "Too many requests");
    assert_eq!(v["errors"][0]["category"], "rate_limited");
}

#[test]
fn http_with_lf_line_ends_an_http2_status_line_and_a_body_from_a_file() {
    let dir = std::env::temp_dir().join(format!("errcat-cli-http-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("response.txt");
    std::fs::write(
        &file,
        b"HTTP/2 200\ncontent-type: application/json\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 90\n\n{\"stat\":\"error\",\"code\":510,\"error\":\"api_limit_error\",\"request_token\":\"uyeem84bmqmnjuu4\"}",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let v = json(
        &[
            "classify",
            "--vendor",
            "akamai_identity_cloud",
            "--http",
            "--json",
            path,
        ],
        b"",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(v["status"], 200);
    assert_eq!(v["trace_id"], "uyeem84bmqmnjuu4");
    assert_eq!(v["errors"][0]["id"], "api_limit_error");
    // The reset header counts because the limit is spent.
    assert_eq!(v["retry_after_s"], 90);
}

#[test]
fn http_headers_only_and_human_output() {
    let input = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\n";
    let (code, out, _) = errcat(&["classify", "--vendor", "adp", "--http"], input);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.trim_end().ends_with("(retry after 7s)"), "{out}");
}

#[test]
fn bad_heads_are_usage_errors_or_unreadable_input() {
    let run = |args: &[&str], input: &[u8]| errcat(args, input).0;
    assert_eq!(
        run(
            &["classify", "--vendor", "adp", "--header", "no colon"],
            b""
        ),
        2
    );
    assert_eq!(
        run(
            &["classify", "--vendor", "adp", "--header", "bad name: 1"],
            b""
        ),
        2
    );
    assert_eq!(
        run(
            &["classify", "--vendor", "adp", "--http", "--status", "500"],
            b""
        ),
        2
    );
    let (code, _, err) = errcat(
        &["classify", "--vendor", "adp", "--http"],
        b"{\"error\":\"x\"}",
    );
    assert_eq!(code, 1);
    assert!(err.contains("not an HTTP status line"), "{err}");
    let (code, _, err) = errcat(
        &["classify", "--vendor", "adp", "--http"],
        b"HTTP/1.1 500 Oops\r\nno colon here\r\n\r\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("not a header line"), "{err}");
    assert_eq!(
        run(
            &["classify", "--vendor", "adp", "--http"],
            b"HTTP/1.1 999 Nope\r\n\r\n"
        ),
        1
    );
}
