//! ADP's own sample payloads (tests/fixtures/adp-corpus/, Apache-2.0, see NOTICE there) as a
//! real-world test of the classifier: every error response classifies without panic and
//! with at least one error; the vendor's message is found in at least 95% of the files that
//! have one; the correlation id is found in every file that has one.
//!
//! What the body holds is found independently of the classifier, by walking a
//! `serde_json::Value` for the members ADP puts messages and ids in.

mod common;

use errcat::{classify, Vendor};
use serde_json::Value;

const MESSAGE_KEYS: &[&str] = &[
    "messageTxt",
    "MessageTxt",
    "messageText",
    "message",
    "error_description",
    "description",
];

#[derive(Default)]
struct Truth {
    messages: Vec<String>,
    ids: Vec<String>,
    failure: bool,
    protocol_status: Option<u16>,
}

fn walk(v: &Value, parent: &str, t: &mut Truth) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    (key, Value::String(s))
                        if MESSAGE_KEYS.contains(&key) && !s.trim().is_empty() =>
                    {
                        t.messages.push(s.trim().to_string())
                    }
                    ("idValue", Value::String(s)) if parent == "confirmMessageID" => {
                        t.ids.push(s.clone())
                    }
                    ("adp-correlationID" | "requestResponseId", Value::String(s)) => {
                        t.ids.push(s.clone())
                    }
                    ("messageID", Value::String(s)) if parent == "_confirmMessage" => {
                        t.ids.push(s.clone())
                    }
                    ("codeValue", Value::String(s)) if parent == "requestStatusCode" => {
                        t.failure |= s.eq_ignore_ascii_case("failed")
                    }
                    ("codeValue", c) if parent == "protocolStatusCode" => {
                        t.protocol_status = c
                            .as_u64()
                            .or_else(|| c.as_str().and_then(|s| s.trim().parse().ok()))
                            .and_then(|n| u16::try_from(n).ok())
                    }
                    ("requestStatus", Value::String(s)) => {
                        t.failure |= s.eq_ignore_ascii_case("failure")
                    }
                    ("statusFailure", Value::Bool(true)) => t.failure = true,
                    ("messageType" | "typeCode", Value::String(s)) => {
                        t.failure |= s.eq_ignore_ascii_case("error")
                    }
                    ("messageTypeCode", Value::String(s)) => {
                        t.failure |= s.eq_ignore_ascii_case("error")
                    }
                    // A 207 partial failure lists its failed items as messages of type ERROR.
                    ("codeValue", Value::String(s)) if parent == "messageTypeCode" => {
                        t.failure |= s.eq_ignore_ascii_case("error")
                    }
                    _ => {}
                }
                if k != "events" {
                    walk(v, k, t);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| walk(v, parent, t)),
        _ => {}
    }
}

#[test]
fn adp_marketplace_samples() {
    let manifest = common::adp_corpus_manifest();
    let (mut files, mut error_responses, mut not_errors) = (0, 0, 0);
    let (mut with_message, mut message_found, mut with_id, mut id_found) = (0, 0, 0, 0);
    let mut missed_messages = Vec::new();
    let mut missed_ids = Vec::new();
    for (file, named_status) in &manifest {
        let body = common::adp_corpus_file(file);
        files += 1;
        let text = String::from_utf8_lossy(&body);
        let value: Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap_or(Value::Null);
        let mut truth = Truth::default();
        walk(&value, "", &mut truth);
        let status = named_status
            .parse()
            .ok()
            .or(truth.protocol_status)
            .unwrap_or(200);
        let c = std::panic::catch_unwind(|| classify(Vendor::Adp, status, &body))
            .unwrap_or_else(|_| panic!("{file} panicked"));
        let is_error = status >= 400 || truth.failure;
        if !is_error {
            // A "succeeded" response, perhaps with warnings.
            not_errors += 1;
            assert!(!c.is_error(), "{file}: {c:?}");
            continue;
        }
        error_responses += 1;
        assert!(c.is_error(), "{file}: no error found");
        if !truth.messages.is_empty() {
            with_message += 1;
            // An empty detail (or a bare `…`) is a prefix of every message: not a find.
            let found = c.errors().iter().filter_map(|e| e.detail()).any(|d| {
                let d = d.trim_end_matches('…');
                !d.is_empty() && truth.messages.iter().any(|m| m.starts_with(d))
            });
            if found {
                message_found += 1;
            } else {
                missed_messages.push(file);
            }
        }
        if !truth.ids.is_empty() {
            with_id += 1;
            if c.trace_id()
                .is_some_and(|t| truth.ids.iter().any(|i| i.trim() == t))
            {
                id_found += 1;
            } else {
                missed_ids.push(file);
            }
        }
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    eprintln!("ADP corpus: {files} response files; {error_responses} error responses (all classified with >= 1 error, no panic); {not_errors} succeeded responses (no error reported)");
    eprintln!("vendor message found in {message_found}/{with_message} error responses that have one ({:.1}%)", pct(message_found, with_message));
    eprintln!(
        "correlation id found in {id_found}/{with_id} error responses that have one ({:.1}%)",
        pct(id_found, with_id)
    );
    for f in missed_messages.iter().take(20) {
        eprintln!("  message not found: {f}");
    }
    // `pct` of nothing is 100%: the rates below mean something only if the corpus has
    // error responses with messages and ids at all.
    assert_eq!(files, manifest.len());
    assert!(error_responses > 0 && with_message > 0 && with_id > 0);
    assert!(pct(message_found, with_message) >= 95.0);
    assert!(
        missed_ids.is_empty(),
        "correlation id not found: {missed_ids:?}"
    );
}
