//! Compiles `specs/*.yaml` into `$OUT_DIR/catalog.rs`; see the `errcat-codegen` crate.
//!
//! `ERRCAT_SPECS_DIR` points the build at another specs directory: the scale benchmarks build
//! the crate against a synthetic 10,000-entry spec this way.
fn main() {
    println!("cargo:rerun-if-env-changed=ERRCAT_SPECS_DIR");
    let dir = std::env::var("ERRCAT_SPECS_DIR").unwrap_or_else(|_| "specs".to_string());
    errcat_codegen::build_script(&dir);
}
