//! The code generator behind `errcat`: the spec model, its validation, and the Rust it emits.
//!
//! A build script compiles specs the way prost-build compiles `.proto` files:
//!
//! ```no_run
//! // in build.rs's `main` (errcat-codegen as a build-dependency)
//! if let Err(e) = errcat_codegen::Config::new().catalog("errors/acme_billing.yaml").compile() {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! [`Config::compile`] writes one file per spec, `$OUT_DIR/<vendor id>.rs`, holding
//! `pub mod <vendor id> { Code, CATALOG }`. [`Config::generate`] is the same generation
//! without any I/O, and `cargo xtask regen` reads and writes the same [`model::Spec`] through
//! [`parse_text`] and [`check_text`].
//!
//! A spec compiled this way is a catalog of the user's own: its header has either an
//! `envelope` (JSON Pointers saying where a new vendor's errors are in its bodies) or
//! `extends: <built-in vendor id>` (entries added to one of errcat's vendors, which may not
//! take a code, alias or id that vendor documents). errcat's own build compiles its five
//! built-in specs through the same [`Config`], with the built-in part added.
//!
//! Every problem in a spec is reported as `<file>:<line>:<column>: <what is wrong>`, never as
//! a panic, and nothing is emitted unless every spec is valid.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod builtin_specs;
pub mod code_shape;
mod emit;
mod hash;
// With `format`, prettyplease writes the code and the layout is only tested.
#[cfg_attr(feature = "format", allow(dead_code))]
mod layout;
mod locate;
pub mod model;
mod parse;
pub mod taxonomy;
pub mod template;
pub mod validate;

use std::path::{Path, PathBuf};

pub use validate::{Checked, CheckedEntry};

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

/// Everything that can go wrong while reading, generating or writing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// One or more specs are invalid: one line per problem.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Spec(Vec<SpecError>),
    /// The generator produced tokens that do not parse: a bug in errcat-codegen.
    #[error("errcat-codegen produced invalid Rust (a bug; please report it): {0}")]
    Generate(String),
    /// [`Config::compile`] ran without an output directory: `OUT_DIR` is unset outside a
    /// build script, and [`Config::out_dir`] was not given.
    #[error("no output directory: OUT_DIR is not set (compile() runs in a build script; elsewhere call out_dir())")]
    NoOutDir,
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
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
///
/// # Errors
///
/// The spec's syntax and type problems, and every unknown category or action name, each at
/// its place.
pub fn parse_text(file: &str, text: &str) -> Result<model::Spec, Vec<SpecError>> {
    let parsed = parse::parse(file, text)?;
    if parsed.unknown_names.is_empty() {
        Ok(parsed.spec)
    } else {
        Err(parsed.unknown_names)
    }
}

/// Parses and validates one spec from its text. `file` is the path used in messages and
/// `stem` the file stem, which must equal the vendor id.
///
/// # Errors
///
/// Every problem of the spec, in line order.
pub fn check_text(file: &str, stem: &str, text: &str) -> Result<Checked, Vec<SpecError>> {
    validate::check(file, text, stem, parse::parse(file, text)?)
}

/// Where errcat commits the JSON Schema of the spec format, relative to the repository root.
pub const SCHEMA_PATH: &str = "specs/errcat-spec.schema.json";

/// The JSON Schema (draft-07, which editors' YAML language servers read) of the spec format,
/// derived from [`model::Spec`] itself so that it cannot drift from what the generator
/// accepts. It describes the shape; the generator's checks of meaning (unique codes, pointer
/// syntax, ids) still run at build time. Ends in a newline.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let mut schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<model::Spec>();
    schema.insert(
        "title".into(),
        "errcat spec: one vendor's error catalog".into(),
    );
    let mut text = serde_json_text(&schema);
    text.push('\n');
    text
}

#[cfg(feature = "schema")]
fn serde_json_text(schema: &schemars::Schema) -> String {
    // The schema is a JSON value: printing it cannot fail.
    serde_json::to_string_pretty(schema).unwrap_or_default()
}

/// [`check_text`] on a spec's bytes, as read from its file: bytes that are not UTF-8 are
/// reported at the line and column of the first bad byte.
///
/// # Errors
///
/// Every problem of the spec, in line order; only the encoding problem when the bytes are not
/// UTF-8.
pub fn check_bytes(file: &str, stem: &str, bytes: &[u8]) -> Result<Checked, Vec<SpecError>> {
    let text = std::str::from_utf8(bytes).map_err(|e| vec![utf8_error(file, bytes, &e)])?;
    check_text(file, stem, text)
}

/// A spec file's bytes as text, or the place of its first invalid UTF-8 byte.
fn decode(file: &str, bytes: Vec<u8>) -> Result<String, SpecError> {
    String::from_utf8(bytes).map_err(|e| utf8_error(file, e.as_bytes(), &e.utf8_error()))
}

/// YAML is UTF-8 (a hand edit in a Windows-1252 editor is the usual cause): say where, with
/// the column counted in characters as every other spec error counts it.
fn utf8_error(file: &str, bytes: &[u8], e: &std::str::Utf8Error) -> SpecError {
    let valid = &bytes[..e.valid_up_to()];
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    // The prefix is valid UTF-8 by construction.
    let column = std::str::from_utf8(&valid[line_start..]).map_or(1, |s| s.chars().count() + 1);
    let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
    SpecError {
        file: file.to_string(),
        line,
        column,
        message: format!(
            "invalid UTF-8 (byte 0x{byte:02X}): a spec must be UTF-8 text; re-save the file as UTF-8"
        ),
    }
}

/// The `*.yaml` files of a specs directory, sorted by name.
///
/// # Errors
///
/// [`Error::Io`] when the directory cannot be read.
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

/// A spec file's path and text, as [`Config::generate`] takes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecFile {
    /// The path, as messages and the generated docs name it.
    pub path: PathBuf,
    /// The YAML text.
    pub text: String,
}

/// What [`Config::generate`] produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// The files to write into the output directory, in spec order.
    pub files: Vec<GeneratedFile>,
    /// `file:line:col: …` messages about valid specs that still want attention (entries
    /// flagged `review: true`).
    pub warnings: Vec<String>,
}

impl Generated {
    /// Every file's code, one after the other, each under a `// <name>` line: for review.
    #[must_use]
    pub fn code(&self) -> String {
        self.files
            .iter()
            .map(|f| format!("// {}\n{}", f.name, f.code))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The file name: `<vendor id>.rs`.
    pub name: String,
    /// Rust source: formatted by prettyplease with the `format` feature, else laid out by the
    /// generator (one item or statement a line, docs as `///`).
    pub code: String,
}

/// Which specs to compile and where the generated code goes: the build-script API.
#[derive(Clone, Debug, Default)]
pub struct Config {
    catalogs: Vec<PathBuf>,
    specs_dirs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    errcat_builtin: bool,
}

impl Config {
    /// A configuration with no specs yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one spec file.
    pub fn catalog(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.catalogs.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds every `*.yaml` file of a directory.
    pub fn specs_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.specs_dirs.push(dir.as_ref().to_path_buf());
        self
    }

    /// Writes into `dir` instead of `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// errcat's own build: also emits the built-in part (`Category`, `Action`, `Vendor`, the
    /// cross-vendor lookup table). Not for other crates: that part defines errcat's own types.
    #[doc(hidden)]
    pub fn errcat_builtin(&mut self) -> &mut Self {
        self.errcat_builtin = true;
        self
    }

    /// Reads the configured spec files.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] for a file or directory that cannot be read, and [`Error::Spec`] for a
    /// directory with no spec in it or a configuration with no spec at all.
    pub fn read(&self) -> Result<Vec<SpecFile>, Error> {
        let mut paths = self.catalogs.clone();
        let mut empty = Vec::new();
        for dir in &self.specs_dirs {
            let files = spec_files(dir)?;
            if files.is_empty() {
                empty.push(at_start(
                    &dir.display().to_string(),
                    "no *.yaml spec files found",
                ));
            }
            paths.extend(files);
        }
        if paths.is_empty() && empty.is_empty() {
            empty.push(at_start(
                ".",
                "no spec given: call catalog() or specs_dir()",
            ));
        }
        if !empty.is_empty() {
            return Err(Error::Spec(empty));
        }
        let mut files = Vec::new();
        let mut bad = Vec::new();
        for path in paths {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            match decode(&path.display().to_string(), bytes) {
                Ok(text) => files.push(SpecFile { path, text }),
                Err(e) => bad.push(e),
            }
        }
        if bad.is_empty() {
            Ok(files)
        } else {
            Err(Error::Spec(bad))
        }
    }

    /// Checks `specs` and renders their catalogs, doing no I/O.
    ///
    /// # Errors
    ///
    /// [`Error::Spec`] with every problem of every spec, when any spec is invalid.
    pub fn generate(&self, specs: &[SpecFile]) -> Result<Generated, Error> {
        let mut checked = Vec::new();
        let mut errors = Vec::new();
        for spec in specs {
            let path = spec.path.display().to_string();
            let stem = spec
                .path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            match check_text(&path, stem, &spec.text) {
                Ok(c) => checked.push((path, spec.text.as_str(), c)),
                Err(mut e) => errors.append(&mut e),
            }
        }
        let mut inputs = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (path, text, c) in &checked {
            let id = &c.vendor().id;
            if !seen.insert(id.clone()) {
                errors.push(at_start(path, &format!("a second spec for vendor `{id}`")));
            }
            let role = if self.errcat_builtin {
                validate::builtin_role(path, text, c)
            } else {
                validate::user_role(path, text, c)
            };
            match role {
                Ok(role) => inputs.push(emit::Input {
                    path,
                    checked: c,
                    role,
                }),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Spec(errors));
        }
        let mut files = Vec::new();
        for input in &inputs {
            files.push(GeneratedFile {
                name: format!("{}.rs", input.checked.vendor().id),
                code: emit::catalog_file(input)?,
            });
        }
        if self.errcat_builtin {
            files.push(GeneratedFile {
                name: emit::BUILTIN_FILE.to_string(),
                code: emit::builtin_file(&inputs)?,
            });
        }
        let warnings = checked
            .iter()
            .flat_map(|(_, _, c)| c.warnings().iter().cloned())
            .collect();
        Ok(Generated { files, warnings })
    }

    /// What a build script calls: reads the specs, generates their catalogs, writes each
    /// file into the output directory unless it already holds that text (a rewrite would make
    /// Cargo rebuild for nothing), prints `cargo:rerun-if-changed` for every spec and
    /// directory, and `cargo:warning` for every warning.
    ///
    /// # Errors
    ///
    /// [`Error::Spec`] for invalid specs (nothing is written), [`Error::NoOutDir`] without an
    /// output directory, and [`Error::Io`] when a file cannot be read or written.
    pub fn compile(&self) -> Result<(), Error> {
        for dir in &self.specs_dirs {
            println!("cargo:rerun-if-changed={}", dir.display());
        }
        let specs = self.read()?;
        for spec in &specs {
            println!("cargo:rerun-if-changed={}", spec.path.display());
        }
        let generated = self.generate(&specs)?;
        for w in &generated.warnings {
            println!("cargo:warning={w}");
        }
        let out = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        for file in &generated.files {
            let path = out.join(&file.name);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(file.code.as_str()) {
                std::fs::write(&path, &file.code).map_err(io(&path))?;
            }
        }
        Ok(())
    }
}

fn at_start(file: &str, message: &str) -> SpecError {
    SpecError {
        file: file.to_string(),
        line: 1,
        column: 1,
        message: message.to_string(),
    }
}
