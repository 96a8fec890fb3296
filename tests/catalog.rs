//! The generated catalog against the vendor documents it is transcribed from.
//!
//! These tests read `specs/sources/*.txt` directly, so a spec that drifts from its document, or
//! a document code the spec misses, fails here rather than in a user's error handling.

use std::collections::HashSet;

use errcat::{Action, Category, ErrorCode, MatchKind, Vendor};
use errcat_codegen::code_shape::is_iris_code;
use errcat_codegen::model::Builtin;

fn document(vendor: Vendor) -> String {
    std::fs::read_to_string(vendor.source()).unwrap_or_else(|e| panic!("{}: {e}", vendor.source()))
}

/// Whitespace runs as one space, and no space before `.`/`,`: the text snapshots break lines
/// around inline code spans (Akamai's `null` / `. Required`), and specs join those lines.
fn normalize(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.replace(" .", ".").replace(" ,", ",")
}

/// Line breaks only: each line trimmed (indentation, a bullet's blank line, trailing layout
/// whitespace), empty lines dropped, lines joined with one space, or with none before a line
/// that starts with `.`/`,` (Akamai's inline code spans). Unlike [`normalize`], the text
/// within a line is kept as it is: a non-breaking space, a double space or a space before a
/// full stop must be the document's.
fn join_lines(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() && !line.starts_with(['.', ',']) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[test]
fn entry_counts_match_the_documents() {
    let count = |v: Vendor| v.codes().count();
    assert_eq!(count(Vendor::IrisHr), 50);
    assert_eq!(count(Vendor::LerianAccessManager), 39);
    assert_eq!(count(Vendor::AkamaiIdentityCloud), 43);
    assert_eq!(count(Vendor::IxonCloud), 14);
    assert_eq!(count(Vendor::Adp), 13);
    assert_eq!(ErrorCode::all().count(), 159);
    assert_eq!(errcat::iris_hr::Code::ALL.len(), 50);
    assert_eq!(errcat::adp::Code::ALL.len(), 13);
}

/// Tokens of a document that look like the vendor's codes.
fn document_codes(vendor: Vendor, text: &str) -> Vec<String> {
    // Over the generator's list of built-in vendors, which outside errcat can be matched
    // exhaustively: a new vendor must say here what its codes look like.
    let builtin = Builtin::from_id(vendor.id()).expect("every vendor is built in");
    match builtin {
        Builtin::IrisHr => text
            .split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .filter(|t| is_iris_code(t))
            .map(String::from)
            .collect(),
        Builtin::LerianAccessManager => text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|t| {
                (t.starts_with("AUT-") || t.starts_with("IDE-"))
                    && t.len() == 8
                    && t[4..].bytes().all(|b| b.is_ascii_digit())
            })
            .map(String::from)
            .collect(),
        // After the "Error codes" heading each entry starts with a line that is only its number.
        Builtin::AkamaiIdentityCloud => text
            .lines()
            .skip_while(|l| l.trim() != "Error codes")
            .filter(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
            .map(String::from)
            .collect(),
        // Their documents give no codes.
        Builtin::IxonCloud | Builtin::Adp => Vec::new(),
    }
}

#[test]
fn every_code_in_the_documents_is_in_the_catalog() {
    let mut total = 0;
    for &vendor in Vendor::ALL {
        let text = document(vendor);
        for code in document_codes(vendor, &text) {
            total += 1;
            let found = vendor
                .lookup(&code)
                .unwrap_or_else(|| panic!("{} code {code} is not in the catalog", vendor.id()));
            assert_eq!(
                found.code(),
                Some(code.as_str()),
                "{code} must be an entry's own code, not an alias"
            );
            assert_eq!(errcat::lookup(&code), Some(found));
        }
    }
    // 36 IRIS codes, 39 Lerian, 43 Akamai.
    assert_eq!(total, 36 + 39 + 43);
}

#[test]
fn every_transcribed_text_is_the_documents_text() {
    let mut checked = 0;
    for &vendor in Vendor::ALL {
        let doc = document(vendor);
        let normalized_doc = normalize(&doc);
        let joined_doc = join_lines(&doc);
        for code in vendor.codes() {
            let e = code.entry();
            let fields = [
                ("code", e.code()),
                ("error", e.error()),
                ("property", e.property()),
                ("title", Some(e.title())),
                ("message", e.message().map(|m| m.text())),
                ("condition", e.condition()),
                ("handling", e.handling()),
            ];
            for (field, text) in fields {
                let Some(text) = text else { continue };
                // Exact first; the normalized comparison only forgives line breaks.
                assert!(
                    doc.contains(text) || normalized_doc.contains(&normalize(text)),
                    "{} {}: {field} {text:?} is not in {}",
                    vendor.id(),
                    e.id(),
                    vendor.source()
                );
                // Character for character within each line: the normalized comparison above
                // would also forgive a silently fixed NBSP, double space or ` .`.
                assert!(
                    doc.contains(text) || joined_doc.contains(&join_lines(text)),
                    "{} {}: {field} {text:?} differs from {} within a line",
                    vendor.id(),
                    e.id(),
                    vendor.source()
                );
                checked += 1;
            }
            if let Some(status) = e.http_status() {
                assert!(
                    doc.contains(&status.to_string()),
                    "{}: status {status} not in the document",
                    e.id()
                );
            }
        }
    }
    // Every entry has at least a title.
    assert!(checked >= ErrorCode::all().count(), "{checked}");
}

#[test]
fn known_document_quirks_are_kept_verbatim() {
    // IRIS's five-digit tails, reachable by their four-digit spelling too.
    let long = errcat::lookup("500-001-00014").expect("document spelling");
    assert_eq!(errcat::lookup("500-001-0014"), Some(long));
    assert_eq!(long.code(), Some("500-001-00014"));
    for n in 14..=20 {
        assert!(errcat::lookup(&format!("500-001-000{n}")).is_some(), "{n}");
        assert_eq!(
            errcat::lookup(&format!("500-001-00{n}")),
            errcat::lookup(&format!("500-001-000{n}"))
        );
    }
    // The typos and stray spaces the specs' notes say are kept verbatim.
    let text = |code: &str, field: fn(&errcat::Entry) -> Option<&'static str>| {
        errcat::lookup(code)
            .and_then(|c| field(c.entry()))
            .unwrap_or_else(|| panic!("{code}"))
    };
    assert!(text("400-001-0002", |e| e.condition()).ends_with("malformed ."));
    assert!(text("401-001-0001", |e| e.condition()).ends_with("string ."));
    assert!(text("400-001-0004", |e| e.handling()).contains("values in missing."));
    let akamai = |code: &str| Vendor::AkamaiIdentityCloud.lookup(code).map(|c| c.title());
    assert!(akamai("232").is_some_and(|t| t.contains("must be unqiue within")));
    assert!(akamai("233").is_some_and(|t| t.starts_with("Your to create ")));
    assert!(akamai("342").is_some_and(|t| t.contains(" ithe value ")));
    assert!(Vendor::Adp
        .codes()
        .any(|c| c.title() == "Indicates a Validationerror."));
    assert!(Vendor::Adp
        .codes()
        .any(|c| c.title() == "Indicates an\u{a0}invalid_scope."));
    // ADP's trailing space is the vendor's string.
    let consent = Vendor::Adp.codes().find(|c| {
        c.message()
            .is_some_and(|m| m.text().starts_with("Consent not provided"))
    });
    assert_eq!(
        consent.and_then(|c| c.message()).map(|m| m.text()),
        Some("Consent not provided ")
    );
    // IXON's prose and payload disagree; the payload is what arrives.
    let ixon = Vendor::IxonCloud.codes().find(|c| {
        c.message().is_some_and(|m| {
            m.text() == "Authorization must start with a type and have a credentials"
        })
    });
    let ixon = ixon.expect("IXON payload message");
    assert!(ixon.title().contains("have credentials"));
    assert!(ixon.entry().notes().is_some());
    // Akamai lists unknown_application twice.
    let twice: Vec<_> = Vendor::AkamaiIdentityCloud
        .codes()
        .filter(|c| c.entry().error() == Some("unknown_application"))
        .collect();
    assert_eq!(twice.len(), 2);
    assert!(twice.iter().all(|c| c.entry().notes().is_some()));
}

#[test]
fn newer_iris_codes_are_aliases() {
    for code in [
        "400-004-0001",
        "400-004-0002",
        "400-004-0003",
        "401-000-0001",
        "401-000-0002",
        "401-000-0003",
        "403-000-0001",
        "404-004-0001",
        "429-000-0002",
    ] {
        let found = errcat::lookup(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(found.vendor(), Some(Vendor::IrisHr));
        assert_eq!(
            found.code(),
            None,
            "{code} names a code-less entry of the document"
        );
    }
    assert_eq!(
        errcat::lookup("429-000-0002").map(|c| c.category()),
        Some(Category::QuotaExceeded)
    );
}

#[test]
fn display_shows_vendor_code_and_title() {
    let c = errcat::lookup("401-001-0003").expect("documented");
    assert_eq!(
        c.to_string(),
        "IRIS HR 401-001-0003: The Authorization Code has expired"
    );
    let c = errcat::lookup("AUT-1005").expect("documented");
    assert_eq!(
        c.to_string(),
        "Lerian Access Manager AUT-1005: Invalid Refresh Token"
    );
    let c = Vendor::AkamaiIdentityCloud
        .lookup("414")
        .expect("documented");
    assert_eq!(
        c.to_string(),
        "Akamai Identity Cloud 414: The supplied access token has expired."
    );
}

#[test]
fn every_entry_round_trips_through_its_code_and_id() {
    let mut ids = HashSet::new();
    for code in ErrorCode::all() {
        let v = code.vendor().expect("every built-in entry has its vendor");
        assert_eq!(v.lookup(code.id()), Some(code), "{}", code.id());
        assert!(ids.insert((v, code.id())));
        if let Some(c) = code.code() {
            assert_eq!(v.lookup(c), Some(code));
            assert_eq!(v.resolve(c), Some((code, MatchKind::Exact)));
        }
        for alias in code.entry().aliases() {
            assert_eq!(v.lookup(alias), Some(code), "alias {alias}");
        }
        assert_eq!(code.is_retryable(), code.action().is_retryable());
        assert_eq!(code.entry().vendor(), Some(v));
    }
    let iris: errcat::iris_hr::Code = "401-001-0003".parse().expect("parses");
    assert_eq!(
        ErrorCode::from(iris),
        errcat::lookup("401-001-0003").expect("same")
    );
    assert!("AUT-1005".parse::<errcat::iris_hr::Code>().is_err());
}

#[test]
fn misses_are_misses() {
    for miss in [
        "",
        "401-001-000",
        "401-001-00033",
        "aut-1005",
        "AUT-1005 ",
        "999",
        "\u{0}",
        "401-001-0003\n",
    ] {
        assert_eq!(errcat::lookup(miss), None, "{miss:?}");
    }
    assert_eq!(Vendor::IrisHr.lookup("414"), None);
}

#[test]
fn akamai_catch_all_falls_back_to_x0_then_x00() {
    let akamai = Vendor::AkamaiIdentityCloud;
    let code_of = |c: Option<ErrorCode>| c.and_then(|c| c.code());
    assert_eq!(code_of(akamai.catch_all("343")), Some("340"));
    assert_eq!(code_of(akamai.catch_all("215")), Some("210"));
    assert_eq!(code_of(akamai.catch_all("225")), Some("200"));
    assert_eq!(code_of(akamai.catch_all("599")), Some("500"));
    assert_eq!(
        akamai.catch_all("414"),
        None,
        "listed codes are not catch-alls"
    );
    assert_eq!(akamai.catch_all("99"), None, "no 90 and no 0");
    for bad in ["", "abc", "-343", "34 3", "99999999999999999999"] {
        assert_eq!(akamai.catch_all(bad), None, "{bad:?}");
    }
    assert_eq!(
        Vendor::IrisHr.catch_all("343"),
        None,
        "only Akamai documents the rule"
    );
    let (entry, how) = akamai.resolve("343").expect("resolves");
    assert_eq!(how, MatchKind::CatchAll);
    assert_eq!(entry.code(), Some("340"));
}

#[test]
fn templates_capture_what_the_vendor_filled_in() {
    let aut = errcat::lookup("AUT-0010")
        .and_then(|c| c.message())
        .expect("AUT-0010 has a message");
    assert_eq!(
        aut.captures("The metadata key foo exceeds the maximum allowed length of 32 characters. Please use a shorter key."),
        Some(vec![("arg1", "foo"), ("arg2", "32")])
    );
    assert_eq!(
        aut.captures("The metadata key foo exceeds the maximum allowed length."),
        None
    );
    let top = Vendor::IrisHr
        .codes()
        .filter_map(|c| c.message())
        .find(|m| m.text().starts_with("Top value"))
        .expect("IRIS $top message");
    assert_eq!(
        top.captures("Top value '500' did not fall within acceptable range [1 - 100]."),
        Some(vec![("requestedTopSize", "500"), ("internalMaxTop", "100")])
    );
}

#[test]
fn taxonomy_names_are_the_contract() {
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        categories,
        [
            "invalid_request",
            "authentication",
            "authorization",
            "not_found",
            "conflict",
            "rate_limited",
            "quota_exceeded",
            "configuration",
            "server_error",
            "unavailable",
            "network"
        ]
    );
    let retryable: Vec<&str> = Action::ALL
        .iter()
        .filter(|a| a.is_retryable())
        .map(|a| a.as_str())
        .collect();
    assert_eq!(retryable, ["retry_with_backoff", "wait_for_quota_reset"]);
    assert_eq!(Action::ALL.len(), 9);
    for &a in Action::ALL {
        assert_eq!(a.to_string().parse::<Action>(), Ok(a));
    }
    for &v in Vendor::ALL {
        assert_eq!(v.id().parse::<Vendor>(), Ok(v));
    }
    let ids: Vec<&str> = Vendor::ALL.iter().map(|v| v.id()).collect();
    for id in [
        "iris_hr",
        "lerian_access_manager",
        "akamai_identity_cloud",
        "ixon_cloud",
        "adp",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    assert!("IRIS".parse::<Vendor>().is_err());
}

/// Curation follows what each entry's text says, not its HTTP status (the taxonomy's own examples).
#[test]
fn curation_follows_the_document_not_the_status() {
    let refresh_missing = errcat::lookup("500-001-0003").expect("documented");
    assert_eq!(refresh_missing.http_status(), Some(500));
    assert_eq!(refresh_missing.action(), Action::FixRequest);
    let timeout = Vendor::IxonCloud
        .codes()
        .find(|c| c.http_status() == Some(504))
        .expect("IXON 504");
    assert_eq!(timeout.action(), Action::FixRequest);
    assert!(!timeout.is_retryable());
    let network = Vendor::IxonCloud
        .codes()
        .find(|c| c.category() == Category::Network)
        .expect("IXON network");
    assert_eq!(network.action(), Action::RetryWithBackoff);
}
