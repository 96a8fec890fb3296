//! The generator's output for two small specs of a user's, pinned: any change to the emitted
//! code shows up here as a diff against `tests/golden/<vendor id>.rs`.
//!
//! The files are prettyplease's text (the `format` feature), compared byte for byte when the
//! feature is on; without it the generator's own layout writes the same tokens differently
//! laid out, so the comparison is token by token.
//!
//! After an intended change, update the expected files with
//! `UPDATE_EXPECT=1 cargo test -p errcat-codegen --features format --test golden` and review
//! the diff.

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
            if !cfg!(feature = "format") {
                panic!("the expected files are the formatted text: add --features format");
            }
            std::fs::write(&expected_path, code).expect("write the expected file");
            continue;
        }
        let expected = std::fs::read_to_string(Path::new(&expected_path))
            .unwrap_or_else(|_| panic!("{expected_path} exists (UPDATE_EXPECT=1 writes it)"));
        if !cfg!(feature = "format") {
            assert_eq!(
                tokens(code),
                tokens(&expected),
                "{expected_path}'s tokens differ"
            );
            continue;
        }
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
            if !cfg!(feature = "format") {
                panic!("the expected files are the formatted text: add --features format");
            }
            std::fs::write(&expected_path, code).expect("write the expected file");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if !cfg!(feature = "format") {
            assert_eq!(
                tokens(code),
                tokens(&expected),
                "{expected_path}'s tokens differ"
            );
            continue;
        }
        assert!(
            *code == expected,
            "{expected_path} is stale; run UPDATE_EXPECT=1 cargo test -p errcat-codegen --test golden"
        );
    }
}

/// The token trees of `text`, one a line, groups bracketed, spacing, trailing commas (which
/// prettyplease adds to lists it breaks) and the way a doc string is written (`///`, `r"…"`,
/// `"…"`) left out: what the two layouts of one module share.
fn tokens(text: &str) -> String {
    fn shape(tokens: proc_macro2::TokenStream) -> String {
        let mut trees: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        if matches!(trees.last(), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == ',') {
            trees.pop();
        }
        trees
            .into_iter()
            .map(|t| match t {
                proc_macro2::TokenTree::Group(g) => {
                    format!("{:?}[\n{}]", g.delimiter(), shape(g.stream()))
                }
                proc_macro2::TokenTree::Literal(l) => {
                    let s = l.to_string();
                    // Both layouts write docs as `///` comments, which lex as raw strings; a
                    // doc that stays an attribute is written the same way by both.
                    s.strip_prefix("r\"")
                        .and_then(|r| r.strip_suffix('"'))
                        .map_or(s.clone(), |v| format!("{v:?}"))
                }
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
    shape(text.parse().expect("generated code lexes"))
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
