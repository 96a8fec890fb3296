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
