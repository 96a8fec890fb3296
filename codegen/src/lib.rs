//! The code generator behind `errcat`: the spec model, its validation, and the Rust it emits.
//!
//! `errcat`'s `build.rs` calls [`build_script`]; `cargo xtask regen` reads and writes the same
//! [`model::Spec`]. A project with an API that errcat does not cover can point [`generate`] at
//! its own `specs/` directory.
//!
//! Every problem in a spec is reported as `specs/<file>.yaml:<line>:<column>: <what is wrong>`,
//! never as a panic, and nothing is emitted unless every spec is valid.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod emit;
pub mod hash;
// With `format`, prettyplease writes the code and the layout is only tested.
#[cfg_attr(feature = "format", allow(dead_code))]
mod layout;
pub mod locate;
pub mod model;
pub mod taxonomy;
pub mod template;
pub mod validate;

use std::path::{Path, PathBuf};

pub use validate::Checked;

/// One problem in one spec file, with its position.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct SpecError {
    /// The spec's path as given to the loader, e.g. `specs/iris_hr.yaml`.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, ending in `(entry <id>)` when an entry is at fault.
    pub message: String,
}

/// Everything that went wrong while loading or generating.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more specs are invalid.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Spec(Vec<SpecError>),
    /// The generator produced tokens that do not parse: a bug in errcat-codegen.
    #[error("errcat-codegen produced invalid Rust (a bug; please report it): {0}")]
    Generate(String),
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Parses one spec from its text, without checking its meaning: what `cargo xtask regen`
/// needs to read a spec it is about to rewrite. `file` is the path used in messages.
pub fn parse_text(file: &str, text: &str) -> Result<model::Spec, Vec<SpecError>> {
    let at = |line: usize, column: usize, message: String| SpecError {
        file: file.to_string(),
        line,
        column,
        message,
    };
    if text.trim().is_empty() {
        return Err(vec![at(
            1,
            1,
            "the spec is empty: expected a `vendor:` header and `entries:`".into(),
        )]);
    }
    // libyaml's own message for a tab ("found character that cannot start any token") does not
    // say what to do; tabs in indentation are common enough in hand edits to name them.
    for (i, line) in text.lines().enumerate() {
        let indent: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(col) = indent.find('\t') {
            return Err(vec![at(
                i + 1,
                col + 1,
                "tab character in indentation: YAML indents with spaces".into(),
            )]);
        }
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        vec![at(line, column, strip_location(&e.to_string()))]
    })
}

/// Parses and validates one spec from its text. `file` is the path used in messages and
/// `stem` the file stem, which must equal the vendor id.
pub fn check_text(file: &str, stem: &str, text: &str) -> Result<Checked, Vec<SpecError>> {
    validate::check(file, text, stem, parse_text(file, text)?)
}

/// libyaml and serde put "at line L column C" inside their messages; the position already
/// leads ours, so those fragments are removed.
fn strip_location(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(tail);
        match tail[n..].strip_prefix(" column ") {
            Some(col) if n > 0 && digits(col) > 0 => rest = &col[digits(col)..],
            _ => {
                out.push_str(" at line ");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A spec file on disk, loaded and checked.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The file's path.
    pub path: PathBuf,
    /// The checked spec.
    pub checked: Checked,
}

/// The `*.yaml` files of a specs directory, sorted by name.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.extension().is_some_and(|e| e == "yaml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Loads and checks every spec in `dir`, reporting the problems of all files at once.
pub fn load_dir(dir: &Path) -> Result<Vec<Loaded>, Error> {
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    let files = spec_files(dir)?;
    if files.is_empty() {
        errors.push(SpecError {
            file: dir.display().to_string(),
            line: 1,
            column: 1,
            message: "no *.yaml spec files found".into(),
        });
    }
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        match check_text(&path.display().to_string(), stem, &text) {
            Ok(checked) => loaded.push(Loaded { path, checked }),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(Error::Spec(errors))
    }
}

/// Loads, checks and renders the catalog for every spec in `dir`, as formatted Rust source.
pub fn generate(dir: &Path) -> Result<(String, Vec<String>), Error> {
    let loaded = load_dir(dir)?;
    let warnings = loaded
        .iter()
        .flat_map(|l| l.checked.warnings.iter().cloned())
        .collect();
    Ok((emit::render(&loaded)?, warnings))
}

/// The whole of errcat's `build.rs`: generates `$OUT_DIR/catalog.rs` from `specs_dir`
/// (relative to the package), tells Cargo when to rerun, and on a bad spec prints one
/// line per problem and exits with status 1, without a panic backtrace.
pub fn build_script(specs_dir: &str) {
    let dir = Path::new(specs_dir);
    println!("cargo:rerun-if-changed={specs_dir}");
    if let Ok(files) = spec_files(dir) {
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
        }
    }
    let result = generate(dir).and_then(|(code, warnings)| {
        for w in warnings {
            println!("cargo:warning={w}");
        }
        let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_else(|| ".".into()))
            .join("catalog.rs");
        // Rewriting an unchanged file would make Cargo rebuild the crate for nothing.
        if std::fs::read_to_string(&out).ok().as_deref() != Some(code.as_str()) {
            std::fs::write(&out, code).map_err(io(&out))?;
        }
        Ok(())
    });
    if let Err(e) = result {
        for line in e.to_string().lines() {
            eprintln!("{line}");
            println!("cargo:warning={line}");
        }
        std::process::exit(1);
    }
}
