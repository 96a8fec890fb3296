//! Fixture helpers shared by the integration tests (`mod common;` in each test file).
//!
//! Each test file is its own crate and uses only some of these, hence the `dead_code` allow.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `tests/fixtures/<rel>`, absolute.
pub fn fixtures(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The bytes of `tests/fixtures/classify/<name>`; a missing fixture fails the test.
pub fn classify_fixture(name: &str) -> Vec<u8> {
    let path = fixtures("classify").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names of every file in `tests/fixtures/classify/`, sorted; never empty.
pub fn classify_fixture_names() -> Vec<String> {
    let dir = fixtures("classify");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|f| {
            f.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .file_name()
                .into_string()
                .expect("UTF-8 fixture name")
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {}", dir.display());
    names
}

/// The ADP corpus's `manifest.tsv` rows after the header: (file relative to
/// `tests/fixtures/adp-corpus/`, the status its name gives, possibly empty); never empty.
pub fn adp_corpus_manifest() -> Vec<(String, String)> {
    let path = fixtures("adp-corpus/manifest.tsv");
    let manifest =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<(String, String)> = manifest
        .lines()
        .skip(1)
        .map(|line| {
            let (file, status) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("manifest.tsv: no tab in {line:?}"));
            (file.to_string(), status.to_string())
        })
        .collect();
    assert!(!rows.is_empty(), "{} lists no files", path.display());
    rows
}

/// The bytes of an ADP corpus file named by the manifest; a missing file fails the test.
pub fn adp_corpus_file(file: &str) -> Vec<u8> {
    let path = fixtures("adp-corpus").join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One row of `tests/fixtures/real/manifest.tsv`: a real-world error body and what a
/// demanding user expects the classifier to make of it.
#[derive(Debug)]
pub struct RealRow {
    /// The manifest's line number, for messages.
    pub line: usize,
    /// Relative to `tests/fixtures/real/`, `<class>/<vendor>-<slug>.<ext>`.
    pub file: String,
    /// The directory the file sits in: the issue-9 class it exercises.
    pub class: String,
    pub vendor: errcat::Vendor,
    pub status: u16,
    /// The response headers the source shows, in order.
    pub headers: Vec<(String, String)>,
    pub category: errcat::Category,
    pub action: errcat::Action,
    pub code: Option<String>,
    pub detail: Option<String>,
    pub trace_id: Option<String>,
    pub reason: String,
}

/// The rows of `tests/fixtures/real/manifest.tsv`, in order; never empty. Any malformed
/// line fails the test with its line number.
pub fn real_manifest() -> Vec<RealRow> {
    let path = fixtures("real/manifest.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows = parse_real_manifest(&text);
    assert!(!rows.is_empty(), "{} lists no fixtures", path.display());
    rows
}

/// The header line `manifest.tsv` must start with.
pub const REAL_MANIFEST_HEADER: &str =
    "file\tvendor\tstatus\theaders\tcategory\taction\tcode\tdetail\ttrace_id\treason";

/// Parses manifest text; panics on the first malformed line, naming it. `-` is "none";
/// `\n`, `\t`, `\r` and `\\` are the only escapes (a detail may span lines).
pub fn parse_real_manifest(text: &str) -> Vec<RealRow> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header == REAL_MANIFEST_HEADER => {}
        other => {
            panic!("manifest.tsv:1: expected the header {REAL_MANIFEST_HEADER:?}, got {other:?}")
        }
    }
    lines.map(|(i, line)| parse_real_row(i + 1, line)).collect()
}

fn parse_real_row(line: usize, text: &str) -> RealRow {
    let fail = |what: &str| -> ! { panic!("manifest.tsv:{line}: {what}: {text:?}") };
    let cols: Vec<&str> = text.split('\t').collect();
    if cols.len() != 10 {
        fail(&format!("{} columns, expected 10", cols.len()));
    }
    if let Some(i) = cols
        .iter()
        .position(|c| c.trim().is_empty() || c.trim() != *c)
    {
        fail(&format!(
            "column {} is empty or has surrounding spaces (write `-` for none)",
            i + 1
        ));
    }
    let unescape = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('\\') => out.push('\\'),
                other => fail(&format!("unknown escape \\{other:?}")),
            }
        }
        out
    };
    let opt = |s: &str| (s != "-").then(|| unescape(s));
    let file = cols[0].to_string();
    let class = match file.split_once('/') {
        Some((class, name)) if !class.is_empty() && !name.contains('/') && !name.is_empty() => {
            class.to_string()
        }
        _ => fail("file must be <class>/<name>"),
    };
    let vendor: errcat::Vendor = cols[1]
        .parse()
        .unwrap_or_else(|e| fail(&format!("vendor: {e}")));
    let status: u16 = cols[2]
        .parse()
        .unwrap_or_else(|e| fail(&format!("status: {e}")));
    if !(100..=599).contains(&status) {
        fail("status outside 100..=599");
    }
    let headers = if cols[3] == "-" {
        Vec::new()
    } else {
        cols[3]
            .split('|')
            .map(|h| match h.split_once(": ") {
                Some((name, value)) if !name.is_empty() && !value.is_empty() => {
                    (name.to_string(), unescape(value))
                }
                _ => fail(&format!("header {h:?} is not `Name: value`")),
            })
            .collect()
    };
    let category = cols[4]
        .parse()
        .unwrap_or_else(|e| fail(&format!("category: {e}")));
    let action = cols[5]
        .parse()
        .unwrap_or_else(|e| fail(&format!("action: {e}")));
    RealRow {
        line,
        file,
        class,
        vendor,
        status,
        headers,
        category,
        action,
        code: opt(cols[6]),
        detail: opt(cols[7]),
        trace_id: opt(cols[8]),
        reason: unescape(cols[9]),
    }
}

/// The bytes of `tests/fixtures/real/<file>`; a missing file fails the test.
pub fn real_fixture(file: &str) -> Vec<u8> {
    let path = fixtures("real").join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs the built `errcat` binary with `args`, `stdin` on a pipe: (exit code, stdout, stderr).
#[cfg(feature = "cli")]
pub fn errcat(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    output(child.wait_with_output().unwrap())
}

/// A finished `errcat` run as (exit code, stdout, stderr); -1 when a signal ended it.
#[cfg(feature = "cli")]
pub fn output(out: std::process::Output) -> (i32, String, String) {
    let s = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap_or(-1),
        s(out.stdout),
        s(out.stderr),
    )
}
