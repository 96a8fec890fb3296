//! `cargo xtask synth --entries N --out DIR`: a synthetic specs directory for the scale runs.
//!
//! The output is the real specs plus generated entries, spread over the same five vendors, up
//! to N entries in all. Keeping the real entries and vendor ids means the whole crate, its
//! classifier included, still compiles against the synthetic catalog (it names real vendors
//! and entries); only the size changes. The generated entries copy the shape of the real ones:
//! each vendor's code style (`401-123-0042`, `AUT-4242`, numeric Akamai codes, ADP OAuth
//! strings, IXON property/message pairs), aliases on some, templates with `{name}` and `%v`
//! placeholders, and condition / handling / notes text of about the real length, so the
//! generated catalog's size per entry (docs included) is close to the real one's.
//!
//! Build with it: `ERRCAT_SPECS_DIR=DIR cargo build` (see `build.rs`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat_codegen::model::{Action, Builtin, Category, Entry};

use crate::files::{self, FileError};
use crate::regen::report::{read_spec, write_spec, SpecFileError};

/// What to generate.
pub struct Options {
    /// Total entries, real ones included.
    pub entries: usize,
    /// The directory to write (created; existing `*.yaml` in it are replaced).
    pub out: PathBuf,
    /// The real specs to start from.
    pub specs: PathBuf,
}

/// What stops `synth`.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// The specs directory could not be listed.
    #[error(transparent)]
    Codegen(#[from] errcat_codegen::Error),
    /// A file could not be copied or removed.
    #[error(transparent)]
    File(#[from] FileError),
    /// A spec could not be read or written.
    #[error(transparent)]
    SpecFile(#[from] SpecFileError),
    /// A spec is not one of the built-in vendors, whose code style synth imitates.
    #[error("`{0}` is not a built-in vendor")]
    NotBuiltin(String),
    /// The specs directory holds no spec to start from.
    #[error("no specs in {dir}")]
    NoSpecs {
        /// The specs directory.
        dir: String,
    },
}

pub fn main(opts: &Options) -> ExitCode {
    match generate(opts) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn generate(opts: &Options) -> Result<String, SynthError> {
    let mut specs = Vec::new();
    for path in errcat_codegen::spec_files(&opts.specs)? {
        specs.push(read_spec(&path)?);
    }
    if specs.is_empty() {
        return Err(SynthError::NoSpecs {
            dir: files::shown(&opts.specs),
        });
    }
    let real: usize = specs.iter().map(|s| s.entries.len()).sum();
    let extra = opts.entries.saturating_sub(real);

    let vendors = specs.len();
    for (v, spec) in specs.iter_mut().enumerate() {
        let mut taken: HashSet<String> = spec
            .entries
            .iter()
            .flat_map(|e| [Some(e.id.clone()), e.code.clone()].into_iter().flatten())
            .chain(spec.entries.iter().flat_map(|e| e.aliases.clone()))
            .collect();
        // Spread the extra entries evenly; the first vendors take the remainder.
        let share = extra / vendors + usize::from(v < extra % vendors);
        let vendor = Builtin::from_id(&spec.vendor.id)
            .ok_or_else(|| SynthError::NotBuiltin(spec.vendor.id.clone()))?;
        let style = Style::of(vendor);
        for n in 0..share {
            spec.entries.push(synthetic(style, n, &mut taken));
        }
    }

    files::create_dir_all(&opts.out)?;
    for old in errcat_codegen::spec_files(&opts.out)? {
        files::remove_file(&old)?;
    }
    let mut lines = Vec::new();
    for spec in &specs {
        let path = opts.out.join(format!("{}.yaml", spec.vendor.id));
        write_spec(&path, spec)?;
        lines.push(format!(
            "  {}: {} entries",
            path.display(),
            spec.entries.len()
        ));
    }
    // The vendor documents are referenced by the specs' headers; copy them so the directory is
    // a complete stand-in for specs/.
    copy_sources(&opts.specs.join("sources"), &opts.out.join("sources"))?;
    let total: usize = specs.iter().map(|s| s.entries.len()).sum();
    Ok(format!(
        "wrote {total} entries ({real} real, {} synthetic):\n{}\nbuild with: ERRCAT_SPECS_DIR={} cargo build",
        total - real,
        lines.join("\n"),
        absolute(&opts.out).display()
    ))
}

fn copy_sources(from: &Path, to: &Path) -> Result<(), FileError> {
    let Ok(dir) = std::fs::read_dir(from) else {
        return Ok(());
    };
    files::create_dir_all(to)?;
    for entry in dir.flatten() {
        let path = entry.path();
        if path.is_file() {
            files::copy(&path, &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// How a vendor writes its codes.
#[derive(Clone, Copy)]
enum Style {
    /// `SSS-GGG-NNNN` (IRIS).
    Dashed,
    /// `AUT-NNNN` (Lerian).
    Prefixed,
    /// A number (Akamai).
    Numeric,
    /// No code; property + message (IXON).
    Property,
    /// An OAuth-style `error` string and no code (ADP).
    OAuth,
}

impl Style {
    fn of(vendor: Builtin) -> Style {
        match vendor {
            Builtin::IrisHr => Style::Dashed,
            Builtin::LerianAccessManager => Style::Prefixed,
            Builtin::AkamaiIdentityCloud => Style::Numeric,
            Builtin::IxonCloud => Style::Property,
            Builtin::Adp => Style::OAuth,
        }
    }
}

const SUBJECTS: &[&str] = &[
    "invoice",
    "employee",
    "payroll run",
    "device",
    "agent",
    "webhook",
    "tenant",
    "session",
    "cost center",
    "work schedule",
    "pay statement",
    "benefit plan",
    "access policy",
    "api client",
    "data source",
    "shift",
];

/// (condition, HTTP status, category, action, a sentence of advice).
const KINDS: &[(&str, u16, Category, Action, &str)] = &[
    (
        "was not found",
        404,
        Category::NotFound,
        Action::HandleInApplication,
        "Check the identifier; the resource may have been deleted.",
    ),
    (
        "already exists",
        409,
        Category::Conflict,
        Action::HandleInApplication,
        "Use the existing resource or choose another unique value.",
    ),
    (
        "is invalid",
        400,
        Category::InvalidRequest,
        Action::FixRequest,
        "Correct the value and send the request again.",
    ),
    (
        "is missing",
        400,
        Category::InvalidRequest,
        Action::FixRequest,
        "Add the required value to the request.",
    ),
    (
        "exceeds the maximum length",
        400,
        Category::InvalidRequest,
        Action::FixRequest,
        "Shorten the value before sending it again.",
    ),
    (
        "is not permitted for this client",
        403,
        Category::Authorization,
        Action::RequestAccess,
        "Ask an administrator to grant the required scope.",
    ),
    (
        "token has expired",
        401,
        Category::Authentication,
        Action::RefreshAccessToken,
        "Obtain a new access token and resend the request.",
    ),
    (
        "service is temporarily unavailable",
        503,
        Category::Unavailable,
        Action::RetryWithBackoff,
        "Retry later with exponential backoff.",
    ),
    (
        "request limit was reached",
        429,
        Category::RateLimited,
        Action::RetryWithBackoff,
        "Slow down and retry after the indicated delay.",
    ),
    (
        "could not be processed",
        500,
        Category::ServerError,
        Action::ContactVendor,
        "Contact support and quote the trace id.",
    ),
];

fn synthetic(style: Style, n: usize, taken: &mut HashSet<String>) -> Entry {
    let subject = SUBJECTS[n % SUBJECTS.len()];
    let (kind, status, category, action, advice) = KINDS[(n / SUBJECTS.len()) % KINDS.len()];
    let title = capitalize(&format!("{subject} {kind}"));
    let snake: String = subject.replace(' ', "_");
    // Ids carry the number so they stay unique however many entries are asked for.
    let id = format!("synthetic_{snake}_{n}");

    // A distinct code in the vendor's style, skipping any the real spec already uses.
    let mut k = n;
    let code = loop {
        let c = match style {
            Style::Dashed => Some(format!(
                "{status}-{:03}-{:04}",
                100 + k / 10_000 % 900,
                k % 10_000
            )),
            Style::Prefixed => Some(format!("SYN-{:05}", k)),
            Style::Numeric => Some(format!("{}", 1000 + k)),
            Style::Property | Style::OAuth => None,
        };
        match c {
            Some(c) if taken.contains(&c) => k += 100_000,
            c => break c,
        }
    };
    if let Some(c) = &code {
        taken.insert(c.clone());
    }
    taken.insert(id.clone());

    // One entry in four has an alias, as the real specs' padded / unpadded codes do.
    let aliases = match (&code, n % 4) {
        (Some(c), 0) => {
            let alias = format!("{c}-v2");
            taken.insert(alias.clone());
            vec![alias]
        }
        _ => Vec::new(),
    };
    let message = match n % 3 {
        0 => format!("The {subject} {{{snake}Id}} {kind}. {advice}"),
        1 => format!("The {subject} %v {kind} (limit %v)."),
        _ => format!("The {subject} {kind}."),
    };
    let (error, property) = match style {
        Style::OAuth => (Some(format!("{snake}_{}", kind.replace(' ', "_"))), None),
        Style::Property => (None, Some(format!("{snake}.field{}", n % 7))),
        _ => (None, None),
    };
    Entry {
        id,
        code,
        error,
        property,
        http_status: Some(status),
        title,
        message: Some(message),
        condition: Some(format!(
            "Returned when the {subject} referenced by the request {kind}. The request is \
             rejected as a whole and nothing is changed on the server side; related resources \
             are left as they were."
        )),
        handling: Some(format!(
            "{advice} If the problem persists, record the request and the response, including \
             any trace or correlation id, before contacting the vendor."
        )),
        category,
        action,
        aliases,
        wait_s: None,
        review: false,
        notes: n.is_multiple_of(5).then(|| {
            "Synthetic entry generated by cargo xtask synth for the scale benchmarks.".to_string()
        }),
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
