//! Real-world error bodies (tests/fixtures/real/, sources and licences in SOURCES.md there),
//! each with what a demanding user expects: category, action, code, the most specific human
//! message, and the trace id. The expectations come from the vendors' documents and the
//! taxonomy in DESIGN.md, not from what the classifier does today.
//!
//! One directory per class of issue 9: `problem_details` (RFC 9457 / 7807 bodies),
//! `nested_message` (the message one level deeper than the documented envelope),
//! `codeless_text` (code-less entries whose text arrives combined or abbreviated) and
//! `message_decides` (statuses and codes where the message must decide the answer).
//!
//! Run `cargo test --test real_responses -- --nocapture` for the per-class table.
//! The manifest checks below always run, so the evidence cannot rot unnoticed.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{parse_real_manifest, real_fixture, real_manifest, RealRow, REAL_MANIFEST_HEADER};
use errcat::Classification;

/// The classes of issue 9, in the order the table prints them.
const CLASSES: [&str; 4] = [
    "problem_details",
    "nested_message",
    "codeless_text",
    "message_decides",
];

/// Through the headers entry point with the headers the source shows, as a user with the
/// whole response would call it: a trace id only a header carries (ADP's `ADP-CorrelationID`)
/// is found through the vendor spec's `trace_headers`.
fn classify_row(row: &RealRow) -> Classification {
    errcat::classify_response(
        row.vendor,
        row.status,
        &row.headers,
        &real_fixture(&row.file),
    )
}

/// The rows whose expected trace id the body does not hold: only a header carries it, so only
/// the headers entry point, with the spec's trace headers, can find it. The scoring test below
/// scores them too; this one names them, so that losing the header path fails here by name.
#[test]
fn trace_ids_that_only_a_header_carries_are_found() {
    let rows: Vec<RealRow> = real_manifest()
        .into_iter()
        .filter(|r| {
            r.trace_id.is_some()
                && errcat::classify(r.vendor, r.status, &real_fixture(&r.file))
                    .trace_id()
                    .is_none()
        })
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.file == "message_decides/adp-token-401-ssl-certificate.json"),
        "the ADP-CorrelationID fixture is one of them"
    );
    for row in &rows {
        assert_eq!(
            classify_row(row).trace_id(),
            row.trace_id.as_deref(),
            "{}",
            row.file
        );
    }
}

/// Each field that differs from the expectation: (field, expected, got).
fn misses(row: &RealRow, got: &Classification) -> Vec<(&'static str, String, String)> {
    let show = |v: Option<&str>| v.map_or_else(|| "-".to_string(), |s| format!("{s:?}"));
    let mut out = Vec::new();
    let Some(primary) = got.primary() else {
        out.push((
            "errors",
            "one at least".to_string(),
            format!("none ({})", got.body_kind()),
        ));
        return out;
    };
    if primary.category() != row.category {
        out.push((
            "category",
            row.category.to_string(),
            primary.category().to_string(),
        ));
    }
    if primary.action() != row.action {
        out.push((
            "action",
            row.action.to_string(),
            primary.action().to_string(),
        ));
    }
    if primary.label() != row.code.as_deref() {
        out.push(("code", show(row.code.as_deref()), show(primary.label())));
    }
    if primary.detail() != row.detail.as_deref() {
        out.push((
            "detail",
            show(row.detail.as_deref()),
            show(primary.detail()),
        ));
    }
    if got.trace_id() != row.trace_id.as_deref() {
        out.push((
            "trace_id",
            show(row.trace_id.as_deref()),
            show(got.trace_id()),
        ));
    }
    out
}

#[test]
fn real_responses_classify_as_a_demanding_user_expects() {
    let rows = real_manifest();
    // class -> (right, wrong); field -> misses, to show what kind of miss dominates.
    let mut score: BTreeMap<&str, (usize, usize)> = CLASSES.iter().map(|c| (*c, (0, 0))).collect();
    let mut by_field: BTreeMap<&str, usize> = BTreeMap::new();
    let mut report = Vec::new();
    for row in &rows {
        let got = classify_row(row);
        let wrong = misses(row, &got);
        let tally = score
            .get_mut(row.class.as_str())
            .unwrap_or_else(|| panic!("manifest.tsv:{}: unknown class {}", row.line, row.class));
        if wrong.is_empty() {
            tally.0 += 1;
            continue;
        }
        tally.1 += 1;
        let mut lines = format!("{} ({}):", row.file, row.reason);
        for (field, expected, got) in wrong {
            *by_field.entry(field).or_default() += 1;
            lines.push_str(&format!("\n    {field}: expected {expected}, got {got}"));
        }
        report.push(lines);
    }

    println!(
        "{:<16} {:>5} {:>5} {:>5}",
        "class", "right", "wrong", "total"
    );
    let (mut right, mut wrong) = (0, 0);
    for class in CLASSES {
        let (r, w) = score[class];
        println!("{class:<16} {r:>5} {w:>5} {:>5}", r + w);
        right += r;
        wrong += w;
    }
    println!("{:<16} {right:>5} {wrong:>5} {:>5}", "all", right + wrong);
    println!("misses by field: {by_field:?}");
    for r in &report {
        println!("{r}");
    }
    assert!(
        report.is_empty(),
        "{wrong} of {} real responses classified differently from the expectation (table above)",
        right + wrong
    );
}

#[test]
fn manifest_lists_every_fixture_once_and_each_exists() {
    let rows = real_manifest();
    let mut listed = BTreeSet::new();
    for row in &rows {
        assert!(
            CLASSES.contains(&row.class.as_str()),
            "manifest.tsv:{}: {} is not in a class directory {CLASSES:?}",
            row.line,
            row.file
        );
        assert!(
            listed.insert(row.file.clone()),
            "manifest.tsv:{}: {} listed twice",
            row.line,
            row.file
        );
        let name = row.file.rsplit('/').next().unwrap_or_default();
        assert!(
            name.starts_with(&format!("{}-", vendor_prefix(row.vendor))),
            "manifest.tsv:{}: {} should be named <vendor>-<slug>",
            row.line,
            row.file
        );
        assert!(!real_fixture(&row.file).is_empty(), "{} is empty", row.file);
    }
    let mut on_disk = BTreeSet::new();
    for class in CLASSES {
        let dir = common::fixtures("real").join(class);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            let name = entry.file_name().into_string().expect("UTF-8 fixture name");
            on_disk.insert(format!("{class}/{name}"));
        }
    }
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "fixtures missing from manifest.tsv: {unlisted:?}"
    );
    // Every class has evidence; an empty class would score 0 of 0 and look fixed.
    for class in CLASSES {
        assert!(
            rows.iter().any(|r| r.class == class),
            "class {class} has no fixtures"
        );
    }
}

/// The `<vendor>` part of a fixture's name.
fn vendor_prefix(vendor: errcat::Vendor) -> &'static str {
    match vendor.id() {
        "iris_hr" => "iris",
        "lerian_access_manager" => "lerian",
        "akamai_identity_cloud" => "akamai",
        "ixon_cloud" => "ixon",
        "adp" => "adp",
        other => panic!("no fixture prefix for vendor {other}"),
    }
}

#[test]
fn manifest_rows_parse_into_their_fields() {
    let text = format!(
        "{REAL_MANIFEST_HEADER}\n\
         message_decides/adp-x.json\tadp\t401\tADP-CorrelationID: a-b|Retry-After: 120\t\
         configuration\tfix_client_configuration\tinvalid_request\tline one\\nline\\ttwo \\\\ end\t-\twhy\n"
    );
    let rows = parse_real_manifest(&text);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.line, 2);
    assert_eq!(row.class, "message_decides");
    assert_eq!(row.vendor, errcat::Vendor::Adp);
    assert_eq!(row.status, 401);
    assert_eq!(
        row.headers,
        vec![
            ("ADP-CorrelationID".to_string(), "a-b".to_string()),
            ("Retry-After".to_string(), "120".to_string())
        ]
    );
    assert_eq!(row.category, errcat::Category::Configuration);
    assert_eq!(row.action, errcat::Action::FixClientConfiguration);
    assert_eq!(row.code.as_deref(), Some("invalid_request"));
    assert_eq!(row.detail.as_deref(), Some("line one\nline\ttwo \\ end"));
    assert_eq!(row.trace_id, None);
}

fn row_with(replace: usize, value: &str) -> String {
    let mut cols = vec![
        "nested_message/adp-x.json",
        "adp",
        "400",
        "-",
        "invalid_request",
        "fix_request",
        "-",
        "msg",
        "-",
        "why",
    ];
    cols[replace] = value;
    format!("{REAL_MANIFEST_HEADER}\n{}\n", cols.join("\t"))
}

#[test]
#[should_panic(expected = "manifest.tsv:2: 9 columns")]
fn a_missing_column_fails_loudly() {
    parse_real_manifest(&format!(
        "{REAL_MANIFEST_HEADER}\nnested_message/adp-x.json\tadp\t400\t-\tinvalid_request\tfix_request\t-\tmsg\t-\n"
    ));
}

#[test]
#[should_panic(expected = "manifest.tsv:2: status")]
fn a_bad_status_fails_loudly() {
    parse_real_manifest(&row_with(2, "4xx"));
}

#[test]
#[should_panic(expected = "manifest.tsv:2: category")]
fn an_unknown_category_fails_loudly() {
    parse_real_manifest(&row_with(4, "retry_later"));
}

#[test]
#[should_panic(expected = "manifest.tsv:2: unknown escape")]
fn an_unknown_escape_fails_loudly() {
    parse_real_manifest(&row_with(7, "a \\q b"));
}

#[test]
#[should_panic(expected = "manifest.tsv:2: column 8 is empty")]
fn an_empty_column_fails_loudly() {
    parse_real_manifest(&row_with(7, ""));
}

#[test]
#[should_panic(expected = "is not `Name: value`")]
fn a_header_without_a_colon_fails_loudly() {
    parse_real_manifest(&row_with(3, "Retry-After 120"));
}

#[test]
#[should_panic(expected = "manifest.tsv:1: expected the header")]
fn a_wrong_header_line_fails_loudly() {
    parse_real_manifest("file\tvendor\n");
}
