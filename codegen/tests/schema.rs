//! The committed JSON Schema is the one the spec model gives (`cargo xtask schema` writes it),
//! and it accepts what the generator accepts: every committed spec and the golden ones.
#![cfg(feature = "schema")]

fn committed() -> String {
    let path = format!("../{}", errcat_codegen::SCHEMA_PATH);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_committed_schema_is_up_to_date() {
    assert!(
        committed() == errcat_codegen::json_schema(),
        "{} is stale: run `cargo xtask schema`",
        errcat_codegen::SCHEMA_PATH
    );
}

#[test]
fn the_schema_names_every_header_and_entry_field() {
    let schema: serde_json::Value = serde_json::from_str(&committed()).expect("JSON");
    let text = schema.to_string();
    for field in [
        "\"envelope\"",
        "\"extends\"",
        "\"trace_headers\"",
        "\"trace_id\"",
        "\"handle_in_application\"",
        "\"quota_exceeded\"",
        "\"aliases\"",
    ] {
        assert!(text.contains(field), "{field} missing");
    }
    assert_eq!(
        schema["additionalProperties"],
        serde_json::Value::Bool(false)
    );
    let required = schema["required"].as_array().expect("required");
    assert!(required.contains(&"vendor".into()) && required.contains(&"entries".into()));
}
