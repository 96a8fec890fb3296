//! Every kind of broken spec fails with `specs/<file>.yaml:<line>:<col>: <what is wrong>`,
//! from the same code path `build.rs` uses, before anything is emitted.

const DIR: &str = "tests/fixtures/bad_specs";

/// The messages `build.rs` would print for the fixture `name.yaml`.
fn errors(name: &str) -> Vec<String> {
    let path = format!("{DIR}/{name}.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    match errcat_codegen::check_text(&path, name, &text) {
        Ok(_) => panic!("{path} should be rejected"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn assert_error(name: &str, expected: &str) {
    let got = errors(name);
    assert_eq!(got, [format!("{DIR}/{name}.yaml:{expected}")], "{name}");
}

#[test]
fn yaml_syntax() {
    assert_error(
        "yaml_syntax",
        "9:1: found unexpected end of stream, while scanning a quoted scalar",
    );
}

#[test]
fn tab_indentation() {
    assert_error(
        "tab_indent",
        "7:1: tab character in indentation: YAML indents with spaces",
    );
}

#[test]
fn unknown_field() {
    assert_error(
        "unknown_field",
        "14:3: entries[1]: unknown field `categroy`, expected one of `id`, `code`, `error`, `property`, `http_status`, `title`, `message`, `condition`, `handling`, `category`, `action`, `aliases`, `wait_s`, `review`, `notes`",
    );
}

#[test]
fn wrong_type() {
    assert_error(
        "wrong_type",
        "7:16: entries[0].http_status: invalid type: string \"four hundred\", expected u16",
    );
}

#[test]
fn duplicate_code() {
    assert_error(
        "duplicate_code",
        "13:9: duplicate code `E-1`: entry `first_entry` already has it (entry second_entry)",
    );
}

#[test]
fn duplicate_id() {
    assert_error(
        "duplicate_id",
        "12:7: duplicate id `first_entry` (entry first_entry)",
    );
}

#[test]
fn duplicate_alias() {
    assert_error(
        "duplicate_alias",
        "19:5: duplicate code `E-1`: entry `first_entry` already has it (entry second_entry)",
    );
}

#[test]
fn id_not_snake_case() {
    assert_error(
        "bad_id",
        "6:7: id `2fa-required` is not a snake_case identifier (a-z, 0-9, single `_`, starting with a letter) (entry 2fa-required)",
    );
}

#[test]
fn ids_colliding_in_pascal_case() {
    assert_error("id_collision", "10:7: id `error1` collides with `error_1`: both become the variant `Error1` (entry error1)");
}

#[test]
fn unknown_category() {
    assert_error(
        "unknown_category",
        "10:13: unknown category `bad_request`; expected one of invalid_request, authentication, authorization, not_found, conflict, rate_limited, quota_exceeded, configuration, server_error, unavailable, network (entry first_entry)",
    );
}

#[test]
fn unknown_action() {
    assert_error(
        "unknown_action",
        "11:11: unknown action `retry_later`; expected one of retry_with_backoff, wait_for_quota_reset, refresh_access_token, reauthenticate, fix_request, fix_client_configuration, request_access, handle_in_application, contact_vendor (entry first_entry)",
    );
}

#[test]
fn http_status_out_of_range() {
    assert_error(
        "bad_status",
        "8:16: http_status 600 is outside 100..=599 (entry first_entry)",
    );
}

#[test]
fn template_that_does_not_parse() {
    assert_error(
        "bad_template",
        "15:12: message template does not parse: unexpected ' ' in placeholder `{requestedTopSize`: names are letters, digits and `_` (at byte 27 of the message) (entry second_entry)",
    );
}

#[test]
fn empty_file() {
    assert_error(
        "empty",
        "1:1: the spec is empty: expected a `vendor:` header and `entries:`",
    );
}

#[test]
fn no_entries() {
    assert_error("no_entries", "5:1: the spec has no entries");
}

#[test]
fn vendor_id_must_match_file_name() {
    assert_error(
        "vendor_mismatch",
        "2:3: vendor id `some_other_vendor` must equal the file name `vendor_mismatch`",
    );
}

#[test]
fn head_rules_trace_header_syntax_duplicates_and_wait_range() {
    let got = errors("bad_head_rules");
    let at = |rest: &str| format!("{DIR}/bad_head_rules.yaml:{rest}");
    assert_eq!(
        got,
        [
            at("5:33: trace header `X Trace` is not an HTTP field name (letters, digits and !#$%&'*+-.^_`|~, at least one)"),
            at("5:42: trace header `x-request-id` is listed twice (header names ignore case)"),
            at("6:3: rate_limit_wait_s 0 is outside 1..=86400 (one day, errcat's cap on any delay)"),
            at("20:11: wait_s 100000 is outside 1..=86400 (one day, errcat's cap on any delay) (entry second_entry)"),
        ]
    );
    let got = errors("bad_trace_header_block");
    let at = |rest: &str| format!("{DIR}/bad_trace_header_block.yaml:{rest}");
    assert_eq!(
        got,
        [
            at("7:6: trace header `Correlation:Id` is not an HTTP field name (letters, digits and !#$%&'*+-.^_`|~, at least one)"),
            at("8:3: rate_limit_wait_s 86401 is outside 1..=86400 (one day, errcat's cap on any delay)"),
        ]
    );
}

#[test]
fn every_problem_of_a_file_is_reported_in_line_order() {
    let got = errors("several_problems");
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got[0].contains(":8:16: http_status 99 is outside 100..=599"),
        "{got:#?}"
    );
    assert!(got[1].contains(":11:11: unknown action `fix`"), "{got:#?}");
}

/// What `build.rs` sees: the whole directory is checked and every file's problems come back
/// together, formatted one per line, instead of a panic.
#[test]
fn a_directory_of_broken_specs_reports_all_files() {
    let mut config = errcat_codegen::Config::new();
    config.specs_dir(DIR);
    let specs = config.read().expect("fixtures are readable");
    let err = config
        .generate(&specs)
        .expect_err("broken specs must not generate");
    let text = err.to_string();
    let fixtures = std::fs::read_dir(DIR).expect("fixture dir").count();
    // Every fixture contributes at least one line, and every line is `file:line:col: message`.
    assert!(text.lines().count() >= fixtures, "{text}");
    for f in std::fs::read_dir(DIR).expect("fixture dir") {
        let name = f.expect("fixture").file_name();
        let path = format!("{DIR}/{}:", name.to_string_lossy());
        assert!(text.contains(&path), "{path} not reported:\n{text}");
    }
    for line in text.lines() {
        let mut parts = line.splitn(4, ':');
        let file = parts.next().unwrap_or_default();
        assert!(file.starts_with(DIR) && file.ends_with(".yaml"), "{line}");
        for _ in 0..2 {
            let n = parts.next().unwrap_or_default();
            assert!(n.parse::<usize>().is_ok_and(|n| n > 0), "{line}");
        }
        assert!(!text.contains("panicked"));
    }
}

/// The real specs are valid, through the same check a user's edited spec goes through, and
/// are errcat's built-in vendors only as errcat's own build compiles them.
#[test]
fn committed_specs_are_valid() {
    let mut config = errcat_codegen::Config::new();
    config.specs_dir("specs").errcat_builtin();
    let specs = config.read().expect("specs are readable");
    let generated = config.generate(&specs).expect("committed specs are valid");
    assert_eq!(
        generated.files.len(),
        errcat_codegen::model::Builtin::ALL.len() + 1,
        "one module per built-in vendor, and the built-in part"
    );
    let as_users = errcat_codegen::Config::new()
        .specs_dir("specs")
        .generate(&specs)
        .expect_err("a user's build may not redefine a built-in vendor");
    assert!(
        as_users
            .to_string()
            .contains("vendor id `iris_hr` is errcat's built-in vendor"),
        "{as_users}"
    );
}

/// A spec saved in another encoding (here Windows-1252's `é`, byte 0xE9) is not UTF-8: the
/// error names the line and column of the first bad byte, through the bytes entry point and
/// through `Config::read`, which `build.rs` uses. The fixture lives outside `bad_specs/`
/// because `read` stops at undecodable files before checking the others.
#[test]
fn invalid_utf8_is_placed_at_its_byte() {
    let path = "tests/fixtures/bad_encoding/bad_utf8.yaml";
    let bytes = std::fs::read(path).expect("fixture exists");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must stay invalid UTF-8"
    );
    let expected = format!(
        "{path}:8:13: invalid UTF-8 (byte 0xE9): a spec must be UTF-8 text; re-save the file as UTF-8"
    );
    let got: Vec<String> = match errcat_codegen::check_bytes(path, "bad_utf8", &bytes) {
        Ok(_) => panic!("{path} should be rejected"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    };
    assert_eq!(got, std::slice::from_ref(&expected));

    let mut config = errcat_codegen::Config::new();
    config.catalog(path);
    let err = config.read().expect_err("undecodable spec");
    assert_eq!(err.to_string(), expected);
}

/// The header's curated `statuses` are checked like entries' statuses.
#[test]
fn documented_status_out_of_range() {
    assert_error(
        "bad_statuses",
        "9:5: statuses: status 700 is outside 100..=599",
    );
}
