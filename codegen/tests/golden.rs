//! The generator's output for two small specs of a user's, pinned: any change to the emitted
//! code shows up here as a diff against `tests/golden/<vendor id>.rs`.
//!
//! After an intended change, update the expected file with
//! `UPDATE_EXPECT=1 cargo test -p errcat-codegen --test golden` and review its diff.

use std::path::Path;

/// The pinned specs: two that extend a built-in vendor (one inheriting its statuses), one with
/// its own envelope.
const SPECS: &[&str] = &["golden_akamai", "acme_billing", "golden_lerian"];
const SPEC: &str = "tests/golden/golden_akamai.yaml";

#[test]
fn generated_modules_match_the_committed_files() {
    for name in SPECS {
        let spec = format!("tests/golden/{name}.yaml");
        let expected_path = format!("tests/golden/{name}.rs");
        let mut config = errcat_codegen::Config::new();
        config.catalog(&spec);
        let specs = config.read().expect("the golden spec is readable");
        let generated = config.generate(&specs).expect("the golden spec is valid");
        assert_eq!(generated.files.len(), 1, "one module, and no built-in part");
        assert_eq!(generated.files[0].name, format!("{name}.rs"));
        assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
        let code = &generated.files[0].code;
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, code).expect("write the expected file");
            continue;
        }
        let expected = std::fs::read_to_string(Path::new(&expected_path))
            .unwrap_or_else(|_| panic!("{expected_path} exists (UPDATE_EXPECT=1 writes it)"));
        if *code != expected {
            let first = code
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .map_or("their lengths".to_string(), |i| format!("line {}", i + 1));
            panic!(
                "the generated module differs from {expected_path} at {first}; if the change is \
                 intended, run UPDATE_EXPECT=1 cargo test -p errcat-codegen --test golden"
            );
        }
    }
}

/// Declarative mirrors of two built-in vendors: the real spec's entries under a header whose
/// `envelope` says, in JSON Pointers, what the built-in reader knows in Rust. errcat's tests
/// classify the same bodies through both readers and compare (tests/declarative_mirror.rs),
/// and the classify benchmark times both (benches/classify.rs). Derived from the real specs
/// here, so a change to one shows up as a diff in the mirror's file.
const MIRRORS: &[(&str, &str, &str)] = &[
    (
        "mirror_lerian",
        "../specs/lerian_access_manager.yaml",
        "vendor:\n  id: mirror_lerian\n  name: Lerian Access Manager (declarative mirror)\n  envelope:\n    code: /code\n    message: /message\n    title: /title\n",
    ),
    (
        "mirror_ixon",
        "../specs/ixon_cloud.yaml",
        "vendor:\n  id: mirror_ixon\n  name: IXON Cloud (declarative mirror)\n  envelope:\n    errors: /data\n    message: /message\n    property: /propertyName\n",
    ),
];

/// The real spec header's `statuses:` block, as written, for the mirror's header: a mirror
/// documents the same statuses as the vendor it mirrors, or the two readers' fallbacks differ.
fn statuses(header: &str) -> String {
    let mut lines = header.lines().skip_while(|l| *l != "  statuses:");
    let Some(first) = lines.next() else {
        return String::new();
    };
    let mut out = format!("{first}\n");
    for line in lines.take_while(|l| l.starts_with("  - ") || l.starts_with("    ")) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn declarative_mirrors_of_built_in_vendors_match_the_committed_files() {
    for (id, real, header) in MIRRORS {
        let text = std::fs::read_to_string(real).expect("the real spec");
        let entries = text.find("\nentries:\n").expect("an entries list");
        let spec = errcat_codegen::SpecFile {
            path: format!("{id}.yaml").into(),
            text: format!(
                "{header}{}{}",
                statuses(&text[..entries]),
                &text[entries + 1..]
            ),
        };
        let generated = errcat_codegen::Config::new()
            .generate(std::slice::from_ref(&spec))
            .unwrap_or_else(|e| panic!("{e}"));
        let code = &generated.files[0].code;
        let expected_path = format!("tests/golden/{id}.rs");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, code).expect("write the expected file");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert!(
            *code == expected,
            "{expected_path} is stale; run UPDATE_EXPECT=1 cargo test -p errcat-codegen --test golden"
        );
    }
}

/// The same spec through `compile()`: written once, and not rewritten when unchanged, so
/// Cargo does not rebuild for nothing.
#[test]
fn compile_writes_only_changed_files() {
    let out = std::env::temp_dir().join(format!("errcat-golden-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    let mut config = errcat_codegen::Config::new();
    config.catalog(SPEC).out_dir(&out);
    config.compile().expect("compiles");
    let file = out.join("golden_akamai.rs");
    let written = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("written");
    std::fs::write(out.join("marker"), "").expect("marker");
    config.compile().expect("compiles again");
    let again = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("still there");
    assert_eq!(written, again, "an unchanged file is not rewritten");
    std::fs::remove_dir_all(&out).expect("clean up");
}

#[test]
fn compile_without_out_dir_is_an_error_not_a_default() {
    // Integration tests run outside a build script: OUT_DIR is not set.
    assert!(std::env::var_os("OUT_DIR").is_none());
    let err = errcat_codegen::Config::new()
        .catalog(SPEC)
        .compile()
        .expect_err("no OUT_DIR, no out_dir()");
    assert!(matches!(err, errcat_codegen::Error::NoOutDir), "{err}");
}
