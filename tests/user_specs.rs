//! A broken spec of a user's own fails their build with `path:line:col: message`, through the
//! very call their build.rs makes (`Config::new().catalog(path)`), before anything is emitted.

const DIR: &str = "tests/fixtures/user_specs";

/// The messages a user's build.rs would print for `path`, one per problem.
fn errors_of(path: &str) -> Vec<String> {
    let mut config = errcat_codegen::Config::new();
    config.catalog(path);
    let specs = config.read().expect("fixture is readable");
    match config.generate(&specs) {
        Ok(_) => panic!("{path} should be rejected"),
        Err(e) => e.to_string().lines().map(str::to_string).collect(),
    }
}

fn assert_errors(name: &str, expected: &[&str]) {
    let path = format!("{DIR}/{name}.yaml");
    let expected: Vec<String> = expected.iter().map(|e| format!("{path}:{e}")).collect();
    assert_eq!(errors_of(&path), expected, "{name}");
}

#[test]
fn a_pointer_that_does_not_start_with_a_slash() {
    assert_errors(
        "bad_pointer",
        &["6:11: envelope.code: `code` is not a JSON Pointer: it must be empty or start with `/` (RFC 6901)"],
    );
}

#[test]
fn a_pointer_with_a_bad_escape() {
    assert_errors(
        "bad_escape",
        &["6:14: envelope.message: `/a~2b` is not a JSON Pointer: `~` must be followed by `0` or `1` (write `~0` for `~`, `~1` for `/`)"],
    );
}

#[test]
fn an_envelope_field_that_no_entry_has() {
    assert_errors(
        "unknown_envelope_field",
        &["6:5: vendor.envelope: unknown field `detail`, expected one of `errors`, `code`, `error`, `message`, `title`, `property`, `trace_id`"],
    );
}

#[test]
fn an_entry_field_that_the_envelope_cannot_read() {
    assert_errors(
        "unreadable_property",
        &["15:13: the entry has a `property` but the envelope has no `property` pointer, so no body can match it (entry first_entry)"],
    );
    assert_errors(
        "unreadable_code",
        &["8:9: the entry has a `code` but the envelope has no `code` pointer, so no body can match it (entry first_entry)"],
    );
}

#[test]
fn an_envelope_that_could_match_nothing() {
    assert_errors(
        "nothing_to_match",
        &[
            "4:3: the envelope names none of `code`, `error`, `message`, `title`: nothing in a body could be matched",
            "9:9: the entry has a `code` but the envelope has no `code` pointer, so no body can match it (entry first_entry)",
        ],
    );
}

#[test]
fn a_trace_id_inside_the_errors_array() {
    assert_errors(
        "trace_inside_errors",
        &["7:15: envelope.trace_id: `/errors/0/trace` lies inside the errors array `/errors`; trace_id is read from the body's root, outside it"],
    );
}

#[test]
fn extends_naming_an_unknown_vendor() {
    assert_errors(
        "extends_unknown",
        &["4:3: `extends: stripe` names no built-in vendor; expected one of iris_hr, lerian_access_manager, akamai_identity_cloud, ixon_cloud, adp"],
    );
}

#[test]
fn envelope_together_with_extends() {
    assert_errors(
        "envelope_and_extends",
        &["5:3: `envelope` and `extends` do not go together: a spec that extends `iris_hr` is read by iris_hr's own reader; remove one of them"],
    );
}

#[test]
fn a_vendor_id_colliding_with_a_built_in_one() {
    assert_errors(
        "iris_hr",
        &["2:3: vendor id `iris_hr` is errcat's built-in vendor: give your catalog an id of its own (and `extends: iris_hr` to add entries to it)"],
    );
}

#[test]
fn a_spec_with_neither_envelope_nor_extends() {
    assert_errors(
        "no_reader",
        &["3:3: vendor `no_reader` says neither where its errors are nor which vendor it adds to: give the header an `envelope:` of JSON Pointers, or `extends:` one of iris_hr, lerian_access_manager, akamai_identity_cloud, ixon_cloud, adp"],
    );
}

#[test]
fn trace_headers_that_are_not_header_names_or_repeat() {
    assert_errors(
        "bad_trace_header",
        &[
            "7:5: trace header `X Request` is not an HTTP field name (letters, digits and !#$%&'*+-.^_`|~, at least one)",
            "8:5: trace header `x-request-id` is listed twice (header names ignore case)",
        ],
    );
}

/// The collision decision: an extending spec adds codes; it never replaces a documented
/// entry, so an id, code or alias that the built-in vendor already has is a build error.
#[test]
fn an_extending_spec_cannot_take_a_documented_code_alias_or_id() {
    assert_errors(
        "takes_documented",
        &[
            "6:7: id `authorization_code_expired` is already an entry of iris_hr; give this entry an id of its own (entry authorization_code_expired)",
            "13:9: `401-001-0003` is documented by iris_hr (entry `authorization_code_expired`): a spec that extends iris_hr adds codes it does not list, and never replaces a documented one (entry seen_twice)",
            "19:5: `500-001-0014` is documented by iris_hr (entry `idp_no_tokens_0014`): a spec that extends iris_hr adds codes it does not list, and never replaces a documented one (entry seen_twice)",
        ],
    );
}

/// Every problem the built-in specs are checked for is reported the same way for a user's
/// spec: the bad-spec fixtures, compiled as a user's build.rs compiles them, give exactly the
/// messages of `check_text`, and each at least one.
#[test]
fn every_built_in_spec_problem_reaches_a_users_build_unchanged() {
    let dir = "tests/fixtures/bad_specs";
    let mut seen = 0;
    for f in std::fs::read_dir(dir).expect("fixture dir") {
        let path = f.expect("fixture").path();
        let name = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        let path = format!("{dir}/{name}.yaml");
        let text = std::fs::read_to_string(&path).expect("readable");
        let checked: Vec<String> = match errcat_codegen::check_text(&path, name, &text) {
            Ok(_) => panic!("{path} should be rejected"),
            Err(e) => e.iter().map(ToString::to_string).collect(),
        };
        assert!(!checked.is_empty());
        assert_eq!(errors_of(&path), checked, "{path}");
        seen += 1;
    }
    assert!(seen >= 15, "only {seen} fixtures");
}

/// A valid user spec generates exactly one module and no built-in part; the module names
/// only errcat's public paths (tests/external_catalog.rs compiles the same emission).
#[test]
fn a_valid_user_spec_generates_one_module_on_public_paths() {
    let mut config = errcat_codegen::Config::new();
    config.catalog("codegen/tests/golden/acme_billing.yaml");
    let specs = config.read().expect("readable");
    let generated = config.generate(&specs).expect("valid");
    assert_eq!(generated.files.len(), 1);
    assert_eq!(generated.files[0].name, "acme_billing.rs");
    let code = &generated.files[0].code;
    assert!(code.contains("pub mod acme_billing"));
    assert!(!code.contains("crate::"), "only ::errcat paths");
}
