//! `cargo xtask regen` end to end: the real binary on the committed specs, and on temporary
//! copies whose IRIS document is edited the way a newer snapshot of the page would be.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use errcat_codegen::model::{Entry, Spec};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// A scratch `specs/` directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    /// A copy of the committed IRIS spec and document, nothing else.
    fn iris() -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "errcat-regen-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sources")).expect("create scratch dir");
        let specs = root().join("specs");
        std::fs::copy(specs.join("iris_hr.yaml"), dir.join("iris_hr.yaml")).expect("copy spec");
        std::fs::copy(
            specs.join("sources/iris_hr.txt"),
            dir.join("sources/iris_hr.txt"),
        )
        .expect("copy document");
        Scratch(dir)
    }

    fn spec_path(&self) -> PathBuf {
        self.0.join("iris_hr.yaml")
    }

    fn doc_path(&self) -> PathBuf {
        self.0.join("sources/iris_hr.txt")
    }

    fn spec_text(&self) -> String {
        std::fs::read_to_string(self.spec_path()).expect("read spec")
    }

    /// Rewrites the document with `edit`, checking that each edit found its target.
    fn edit_doc(&self, edit: impl FnOnce(&str) -> String) {
        let before = std::fs::read_to_string(self.doc_path()).expect("read document");
        let after = edit(&before);
        assert_ne!(before, after, "the edit changed nothing");
        std::fs::write(self.doc_path(), after).expect("write document");
    }

    fn regen(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("regen")
            .arg("--specs")
            .arg(&self.0)
            .args(args)
            .output()
            .expect("run xtask")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn replace_once(haystack: &str, from: &str, to: &str) -> String {
    assert_eq!(
        haystack.matches(from).count(),
        1,
        "{from:?} must occur once"
    );
    haystack.replacen(from, to, 1)
}

fn parse(text: &str) -> Spec {
    serde_yaml::from_str(text).expect("spec parses")
}

#[test]
fn regen_on_the_committed_tree_is_a_no_op() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--check", "--specs"])
        .arg(root().join("specs"))
        .output()
        .expect("run xtask");
    assert!(
        out.status.success(),
        "regen --check on the committed specs:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("up to date"));
}

#[test]
fn committed_specs_are_in_canonical_form_and_round_trip() {
    let files = errcat_codegen::spec_files(&root().join("specs")).expect("list specs");
    assert!(!files.is_empty());
    for path in files {
        let yaml = std::fs::read_to_string(&path).expect("read spec");
        let spec = parse(&yaml);
        let canonical = serde_yaml::to_string(&spec).expect("serialize");
        assert_eq!(
            parse(&canonical),
            spec,
            "{} does not round-trip",
            path.display()
        );
        assert_eq!(
            canonical,
            yaml,
            "{} is not in the canonical form",
            path.display()
        );
    }
}

#[test]
fn an_added_a_removed_code_and_a_reworded_message_are_exactly_three_changes() {
    let s = Scratch::iris();
    let old = parse(&s.spec_text());
    s.edit_doc(|doc| {
        let doc = replace_once(
            doc,
            "400-001-0007 Invalid refresh token",
            "400-001-0008 Invalid scope The requested scope is not valid for the client.\n400-001-0007 Invalid refresh token",
        );
        let doc = replace_once(&doc, "401-001-0008 PKCE challenge has failed The code_verifier provided in the token request did not produce a code that matched the code_challenge provided in the authorize request.\n", "");
        replace_once(&doc, "Top value '{requestedTopSize}' did not fall", "Top value '{requestedTopSize}' is not")
    });

    let check = s.regen(&["--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stderr));
    let stdout = text(&check.stdout);
    assert!(
        stdout.contains("run `cargo xtask regen` to update the specs"),
        "{stdout}"
    );
    assert_eq!(parse(&s.spec_text()), old, "--check must write nothing");

    let out = s.regen(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let summary: Vec<&str> = stdout
        .lines()
        .filter(|l| {
            ["added ", "changed ", "VANISHED "]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .collect();
    assert_eq!(
        summary,
        [
            "changed  iris_hr odata_top_out_of_range (no code): message",
            "added    iris_hr 400-001-0008 (id invalid_scope): new, review its category/action",
            "VANISHED iris_hr 401-001-0008 (id pkce_challenge_failed): vanished from the document; removed from the spec with its curation",
        ],
        "{stdout}"
    );
    assert!(
        stdout.contains("--- a/") && stdout.contains("+++ b/"),
        "a unified diff: {stdout}"
    );
    assert!(stdout.contains("+  code: 400-001-0008"), "{stdout}");
    assert!(stdout.contains("-  code: 401-001-0008"), "{stdout}");
    assert!(
        stdout.contains("+  message: Top value '{requestedTopSize}' is not within"),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("1 entry vanished from the document"),
        "{}",
        text(&out.stderr)
    );

    let written = s.spec_text();
    let new = parse(&written);
    assert_eq!(new.entries.len(), old.entries.len());
    assert_eq!(new.vendor, old.vendor);
    let find = |spec: &Spec, id: &str| spec.entries.iter().find(|e| e.id == id).cloned();
    for o in &old.entries {
        match o.id.as_str() {
            "pkce_challenge_failed" => assert_eq!(find(&new, &o.id), None),
            "odata_top_out_of_range" => {
                let n = find(&new, &o.id).expect("reworded entry kept");
                let curated =
                    |e: &Entry| (e.category, e.action, e.aliases.clone(), e.notes.clone());
                assert_eq!(curated(&n), curated(o));
            }
            _ => assert_eq!(
                find(&new, &o.id).as_ref(),
                Some(o),
                "untouched entry {} changed",
                o.id
            ),
        }
    }
    let added = find(&new, "invalid_scope").expect("added entry");
    assert!(added.review);
    assert_eq!(
        added.condition.as_deref(),
        Some("The requested scope is not valid for the client.")
    );

    if let Err(errors) = errcat_codegen::check_text("iris_hr.yaml", "iris_hr", &written) {
        panic!("the regenerated spec must build: {errors:?}");
    }
    let again = s.regen(&["--check"]);
    assert!(
        again.status.success(),
        "a second regen is a no-op: {}",
        text(&again.stdout)
    );
}

#[test]
fn a_document_the_transcriber_cannot_place_fails_with_its_line_and_writes_nothing() {
    let s = Scratch::iris();
    let before = s.spec_text();
    s.edit_doc(|doc| {
        replace_once(
            doc,
            "401 authorisation errors\n\n\n\n\n",
            "401 authorisation errors\n\n  • a stray bullet\n\n\n",
        )
    });
    let line = std::fs::read_to_string(s.doc_path())
        .expect("read document")
        .lines()
        .position(|l| l.contains("a stray bullet"))
        .map(|i| i + 1)
        .expect("the edit is there");
    for args in [&[][..], &["--check"][..]] {
        let out = s.regen(args);
        assert_eq!(out.status.code(), Some(1));
        let stderr = text(&out.stderr);
        let at = format!("{}:{line}: ", s.doc_path().display());
        assert!(stderr.contains(&at), "expected {at:?} in:\n{stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(s.spec_text(), before);
    }
}

#[test]
fn a_spec_that_does_not_parse_stops_regen_at_its_location() {
    let s = Scratch::iris();
    let broken = s.spec_text().replacen(
        "  action: fix_request\n",
        "  action: fix_request\n  colour: blue\n",
        1,
    );
    std::fs::write(s.spec_path(), &broken).expect("write spec");
    let line = broken
        .lines()
        .position(|l| l == "  colour: blue")
        .map(|i| i + 1)
        .expect("edit there");
    let out = s.regen(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("iris_hr.yaml:{line}:")),
        "{stderr}"
    );
    assert!(stderr.contains("unknown field `colour`"), "{stderr}");
    assert_eq!(s.spec_text(), broken);
}

#[test]
fn a_document_without_a_transcriber_is_named() {
    let s = Scratch::iris();
    std::fs::write(s.0.join("sources/acme.txt"), "Errors\n").expect("write document");
    let out = s.regen(&["--check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("acme.txt:1: no transcriber for vendor `acme`"),
        "{stderr}"
    );
}

#[test]
fn a_new_vendor_gets_a_spec_with_every_entry_marked_for_review() {
    let s = Scratch::iris();
    std::fs::remove_file(s.spec_path()).expect("remove spec");
    let out = s.regen(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let spec = parse(&s.spec_text());
    assert_eq!(spec.vendor.name, "IRIS HR");
    assert_eq!(spec.entries.len(), 50);
    assert!(spec.entries.iter().all(|e| e.review));
    assert!(text(&out.stdout).contains("--- /dev/null"));
}

#[test]
fn a_merge_that_would_not_build_is_not_written() {
    let s = Scratch::iris();
    let bad = s.spec_text().replacen(
        "  category: invalid_request\n",
        "  category: typo_category\n",
        1,
    );
    std::fs::write(s.spec_path(), &bad).expect("write spec");
    let out = s.regen(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("unknown category `typo_category`"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(s.spec_text(), bad);
}
