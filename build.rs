//! Compiles `specs/*.yaml` into `$OUT_DIR/catalog.rs`; see the `errcat-codegen` crate.
fn main() {
    errcat_codegen::build_script("specs");
}
