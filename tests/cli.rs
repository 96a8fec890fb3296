//! The `errcat` binary as a user meets it: output errors, help, completions, JSON errors,
//! aligned columns, document URLs, the terminal hint, several codes, list filters. Every test
//! runs the built binary.
#![cfg(feature = "cli")]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{errcat, output as text};
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

#[test]
fn a_failed_write_is_exit_1_with_a_message() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = bin()
        .arg("list")
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let (code, _, err) = text(out);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write the output"), "{err}");
    // The same with --json: the message is JSON.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = bin()
        .args(["list", "--json"])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let (code, _, err) = text(out);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(v["kind"], "output");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // More than a pipe holds (64 KiB), so the writer meets the closed end.
    let mut child = bin()
        .args(["list", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let (code, _, err) = text(child.wait_with_output().unwrap());
    assert_eq!((code, err.as_str()), (0, ""));
    let (_, all, _) = errcat(&["list", "--json"], b"");
    assert!(
        all.len() > 65_536,
        "the output must outgrow the pipe: {}",
        all.len()
    );
}

#[test]
fn help_lists_the_possible_values_of_vendor_category_and_action() {
    let (code, out, _) = errcat(&["list", "--help"], b"");
    assert_eq!(code, 0);
    for v in errcat::Vendor::ALL {
        assert!(out.contains(v.id()), "{} missing:\n{out}", v.id());
    }
    assert!(
        out.contains("possible values: invalid_request, authentication"),
        "{out}"
    );
    assert!(out.contains("retry_with_backoff"), "{out}");
    let (_, out, _) = errcat(&["classify", "--help"], b"");
    assert!(
        out.contains("[possible values: adp, akamai_identity_cloud, iris_hr"),
        "{out}"
    );
    // A wrong value names the right ones.
    let (code, _, err) = errcat(&["list", "--vendor", "iris"], b"");
    assert_eq!(code, 2);
    assert!(
        err.contains("possible values") && err.contains("iris_hr"),
        "{err}"
    );
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = errcat(&["completions", shell], b"");
        assert_eq!(code, 0, "{shell}: {err}");
        for word in ["errcat", "explain", "classify", "list", "completions"] {
            assert!(out.contains(word), "{shell} script lacks {word}");
        }
        // The shells whose scripts complete values offer the vendor ids.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(
                out.contains("akamai_identity_cloud"),
                "{shell} script lacks the vendors"
            );
        }
    }
    let (code, _, err) = errcat(&["completions", "tcsh"], b"");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn with_json_errors_are_json_on_stderr() {
    let (code, out, err) = errcat(&["explain", "401-001-003", "--json"], b"");
    assert_eq!((code, out.as_str()), (1, ""));
    let v: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(v["kind"], "unknown_code");
    assert!(v["error"].as_str().unwrap().contains("401-001-003"));
    assert_eq!(v["suggestions"][0], "401-001-0003 (iris_hr)");

    let (code, _, err) = errcat(
        &[
            "classify",
            "--vendor",
            "adp",
            "--json",
            "/nonexistent/body.json",
        ],
        b"",
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(v["kind"], "input");

    let (code, _, err) = errcat(&["list", "--vendor", "acme", "--json"], b"");
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(v["kind"], "usage");
    assert!(v["error"].as_str().unwrap().contains("acme"), "{v}");

    // Without --json the same failures are plain text.
    let (_, _, err) = errcat(&["explain", "401-001-003"], b"");
    assert!(
        err.starts_with("errcat: unknown code `401-001-003`"),
        "{err}"
    );
}

#[test]
fn list_columns_are_as_wide_as_their_content() {
    let (_, json, _) = errcat(&["list", "--json"], b"");
    let entries: Vec<Value> = serde_json::from_str(&json).unwrap();
    let (_, out, _) = errcat(&["list"], b"");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), entries.len());
    // The code column shows an entry's label: its code, else its machine string, else its id.
    let label = |e: &Value| {
        let key = e["code"].as_str().or(e["id"].as_str()).unwrap();
        let qualified = format!("{}/{key}", e["vendor"].as_str().unwrap());
        let code: errcat::ErrorCode = qualified.parse().unwrap();
        code.entry().label().to_string()
    };
    let vendor_w = entries
        .iter()
        .map(|e| e["vendor"].as_str().unwrap().len())
        .max()
        .unwrap();
    let code_w = entries
        .iter()
        .map(|e| label(e).chars().count())
        .max()
        .unwrap();
    assert!(
        code_w > 14,
        "a code column of {code_w} would fit the old fixed 14"
    );
    let category_at = vendor_w + 2 + code_w + 2;
    for (line, e) in lines.iter().zip(&entries) {
        assert!(line.starts_with(e["vendor"].as_str().unwrap()), "{line}");
        let rest: String = line.chars().skip(category_at).collect();
        assert!(
            rest.starts_with(e["category"].as_str().unwrap()),
            "misaligned: {line}"
        );
    }
}

#[test]
fn explain_points_at_the_published_document() {
    for code in ["401-001-0003", "AUT-1005", "414"] {
        let (_, out, _) = errcat(&["explain", code], b"");
        assert!(out.contains("  document       https://"), "{out}");
        assert!(!out.contains("specs/sources"), "{out}");
    }
    let (_, out, _) = errcat(&["list", "--vendor", "ixon_cloud", "--json"], b"");
    let entries: Vec<Value> = serde_json::from_str(&out).unwrap();
    let id = entries[0]["id"].as_str().unwrap();
    let (_, out, _) = errcat(&["explain", id, "--vendor", "ixon_cloud"], b"");
    assert!(
        out.contains("https://developer.ixon.cloud/docs/common-errors"),
        "{out}"
    );
}

#[test]
fn classify_hints_on_a_terminal_and_not_on_a_pipe() {
    let (_, _, err) = errcat(&["classify", "--vendor", "adp", "--status", "400"], b"{}");
    assert!(!err.contains("Ctrl-D"), "no hint on a pipe: {err}");
    // script(1) gives the command a terminal; the body ends with ^D at the start of a line.
    let Ok(mut child) = Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "{} classify --vendor adp --status 400",
            env!("CARGO_BIN_EXE_errcat")
        ))
        .arg("/dev/null")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: no script(1) to give errcat a terminal");
        return;
    };
    child.stdin.take().unwrap().write_all(b"{}\n\x04").unwrap();
    let (code, out, _) = text(child.wait_with_output().unwrap());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("reading the response body from the terminal; end it with Ctrl-D"),
        "{out}"
    );
    assert!(
        out.contains("fallback"),
        "the body was still classified: {out}"
    );
}

#[test]
fn explain_takes_several_codes() {
    let (code, out, _) = errcat(&["explain", "401-001-0003", "AUT-1005"], b"");
    assert_eq!(code, 0);
    assert!(out.contains("IRIS HR 401-001-0003") && out.contains("Lerian Access Manager AUT-1005"));
    let (_, out, _) = errcat(&["explain", "401-001-0003", "AUT-1005", "--json"], b"");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(v[1]["code"], "AUT-1005");
    // One code keeps the contract: the entry itself, not an array.
    let (_, out, _) = errcat(&["explain", "AUT-1005", "--json"], b"");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["code"], "AUT-1005");
    // An unknown code among them: the others are still explained, and the exit says so.
    let (code, out, err) = errcat(&["explain", "AUT-1005", "NOPE-1", "414"], b"");
    assert_eq!(code, 1);
    assert!(out.contains("AUT-1005") && out.contains("414"), "{out}");
    assert!(err.contains("NOPE-1"), "{err}");
    let (code, _, _) = errcat(&["explain"], b"");
    assert_eq!(code, 2, "at least one code");
}

#[test]
fn list_filters_by_category_and_action() {
    let (_, all, _) = errcat(&["list", "--json"], b"");
    let all: Vec<Value> = serde_json::from_str(&all).unwrap();
    let count = |key: &str, value: &str| all.iter().filter(|e| e[key] == value).count();
    for (flag, key, value) in [
        ("--category", "category", "rate_limited"),
        ("--category", "category", "authentication"),
        ("--action", "action", "refresh_access_token"),
        ("--action", "action", "contact_vendor"),
    ] {
        let (code, out, _) = errcat(&["list", flag, value, "--json"], b"");
        assert_eq!(code, 0);
        let got: Vec<Value> = serde_json::from_str(&out).unwrap();
        assert!(!got.is_empty(), "{flag} {value}");
        assert_eq!(got.len(), count(key, value), "{flag} {value}");
        assert!(got.iter().all(|e| e[key] == value));
        let (_, text, _) = errcat(&["list", flag, value], b"");
        assert_eq!(text.lines().count(), got.len());
    }
    let (_, out, _) = errcat(
        &[
            "list",
            "--vendor",
            "akamai_identity_cloud",
            "--category",
            "authentication",
            "--action",
            "refresh_access_token",
            "--json",
        ],
        b"",
    );
    let got: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(got.iter().all(|e| e["vendor"] == "akamai_identity_cloud"
        && e["category"] == "authentication"
        && e["action"] == "refresh_access_token"));
    assert!(!got.is_empty());
}
