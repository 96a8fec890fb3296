//! Compiles `specs/*.yaml` into `$OUT_DIR`: one `<vendor id>.rs` per spec, the same module a
//! user's catalog gets, and errcat's built-in part; see the `errcat-codegen` crate.
//!
//! `ERRCAT_SPECS_DIR` points the build at another specs directory: the scale benchmarks build
//! the crate against a synthetic 10,000-entry spec this way.
fn main() {
    println!("cargo:rerun-if-env-changed=ERRCAT_SPECS_DIR");
    let dir = std::env::var("ERRCAT_SPECS_DIR").unwrap_or_else(|_| "specs".to_string());
    let result = errcat_codegen::Config::new()
        .specs_dir(&dir)
        .errcat_builtin()
        .compile();
    if let Err(e) = result {
        // One line per problem, without a panic's backtrace.
        for line in e.to_string().lines() {
            eprintln!("{line}");
            println!("cargo:warning={line}");
        }
        std::process::exit(1);
    }
}
