//! `cargo xtask`: maintainer tasks for errcat.
//!
//! - `cargo xtask regen [--check] [--vendor ID]…`: re-transcribe `specs/sources/*.txt` into
//!   `specs/*.yaml`.
//! - `cargo xtask schema [--check]`: write `specs/errcat-spec.schema.json`, the JSON Schema of
//!   the spec format, from the spec model.
//! - `cargo xtask synth --entries N --out DIR`: a synthetic specs directory for scale runs.
//! - `cargo xtask bench-report [DIR]…`: errcat / baseline ratios from criterion's estimates.
//! - `cargo xtask build-cost`, `cargo xtask scale-build`: what errcat costs at build time.
//! - `cargo xtask man [--out DIR]`: the `errcat` man pages, from the CLI's definition.
//! - `cargo xtask msrv`: no package in a claimed minimum Rust version's graph asks for more.
//! - `cargo xtask package-check`: the `.crate` files as crates.io would serve them, their
//!   contents, and a consumer crate built from them.

#![forbid(unsafe_code)]

mod benchreport;
mod buildcost;
mod files;
mod man;
mod msrv;
mod package;
mod regen;
mod synth;
mod transcribe;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Maintainer tasks for errcat")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Re-transcribe the vendor documents in specs/sources/ into specs/*.yaml and show the diff.
    Regen {
        /// Write nothing; exit 1 if any spec would change.
        #[arg(long)]
        check: bool,
        /// The specs directory.
        #[arg(long, default_value_os_t = project_root().join("specs"))]
        specs: PathBuf,
        /// Only this vendor (repeatable); all vendors with a document in specs/sources/ by default.
        #[arg(long = "vendor", value_name = "VENDOR_ID")]
        vendors: Vec<String>,
    },
    /// Print the Rust that build.rs generates from the specs, for review.
    Catalog {
        /// The specs directory.
        #[arg(long, default_value_os_t = project_root().join("specs"))]
        specs: PathBuf,
    },
    /// Write specs/errcat-spec.schema.json, the JSON Schema of the spec format, from the model.
    Schema {
        /// Write nothing; exit 1 if the committed schema is not what the model gives.
        #[arg(long)]
        check: bool,
    },
    /// Write a synthetic specs directory: the real specs plus generated entries, N in all.
    Synth {
        /// Total number of entries, the real ones included.
        #[arg(long, default_value_t = 10_000)]
        entries: usize,
        /// The directory to write (build with ERRCAT_SPECS_DIR=DIR).
        #[arg(long)]
        out: PathBuf,
        /// The real specs directory.
        #[arg(long, default_value_os_t = project_root().join("specs"))]
        specs: PathBuf,
    },
    /// Print errcat / baseline ratios from the last `cargo bench` run's criterion estimates.
    BenchReport {
        /// Criterion directories [default: $CARGO_TARGET_DIR/criterion or target/criterion].
        dirs: Vec<PathBuf>,
    },
    /// Time a thiserror + serde + serde_json crate's clean debug build alone and with errcat,
    /// and a spec-edit rebuild against a no-op one.
    BuildCost {
        #[command(flatten)]
        opts: MeasureArgs,
    },
    /// Time errcat's own build with the real specs and with a synthetic catalog of N entries.
    ScaleBuild {
        /// Total entries of the synthetic catalog.
        #[arg(long, default_value_t = 10_000)]
        entries: usize,
        /// Measure the release profile (what `cargo bench` builds) instead of debug.
        #[arg(long)]
        release: bool,
        /// Time clean builds (empty target directories, dependencies included) instead of
        /// errcat's own rebuild.
        #[arg(long)]
        clean: bool,
        #[command(flatten)]
        opts: MeasureArgs,
    },
    /// Check that no package that a `rust-version` claim compiles declares a newer one.
    Msrv,
    /// Write the man pages of the `errcat` CLI (errcat.1, errcat-explain.1, …).
    Man {
        /// Where to write them.
        #[arg(long, default_value_os_t = project_root().join("target").join("man"))]
        out: PathBuf,
    },
    /// `cargo publish --dry-run --workspace`, the packages' file lists and sizes, and a
    /// consumer crate built and run from the unpacked `.crate` files.
    PackageCheck {
        /// Scratch directory [default: a new one under the system temp dir].
        #[arg(long)]
        work: Option<PathBuf>,
        /// Keep the scratch directory afterwards.
        #[arg(long)]
        keep: bool,
        /// Skip `cargo install --features cli` from the unpacked package (it compiles clap).
        #[arg(long)]
        no_install: bool,
    },
}

#[derive(clap::Args)]
struct MeasureArgs {
    /// Take each measurement this many times (the minimum is reported).
    #[arg(long, default_value_t = 2)]
    runs: usize,
    /// Scratch directory [default: a new one under the system temp dir].
    #[arg(long)]
    work: Option<PathBuf>,
    /// Keep the scratch directory (targets, dependent crates, specs) afterwards.
    #[arg(long)]
    keep: bool,
}

impl MeasureArgs {
    fn options(self) -> buildcost::Options {
        buildcost::Options {
            root: project_root(),
            work: self.work,
            runs: self.runs.max(1),
            keep: self.keep,
        }
    }
}

/// The workspace root: xtask's manifest sits one level below it.
fn project_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| ".".into());
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// What errcat's build script generates from `specs`, every file of it.
fn catalog(specs: &Path) -> Result<errcat_codegen::Generated, errcat_codegen::Error> {
    let mut config = errcat_codegen::Config::new();
    config.specs_dir(specs).errcat_builtin();
    config.generate(&config.read()?)
}

/// `cargo xtask schema [--check]`.
fn schema(check: bool) -> ExitCode {
    let path = project_root().join(errcat_codegen::SCHEMA_PATH);
    let schema = errcat_codegen::json_schema();
    let committed = std::fs::read_to_string(&path).ok();
    if committed.as_deref() == Some(schema.as_str()) {
        return ExitCode::SUCCESS;
    }
    if check {
        eprintln!(
            "{} is not the schema of the spec model: run `cargo xtask schema`",
            errcat_codegen::SCHEMA_PATH
        );
        return ExitCode::FAILURE;
    }
    match std::fs::write(&path, schema) {
        Ok(()) => {
            eprintln!("wrote {}", errcat_codegen::SCHEMA_PATH);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Regen {
            check,
            specs,
            vendors,
        } => regen::main(&regen::Options { specs, vendors }, check),
        Command::Catalog { specs } => match catalog(&specs) {
            Ok(generated) => {
                let (code, warnings) = (generated.code(), generated.warnings);
                warnings.iter().for_each(|w| eprintln!("warning: {w}"));
                // A reader that stops early (`| head`) is not an error.
                let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), code.as_bytes());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Command::Schema { check } => schema(check),
        Command::Synth {
            entries,
            out,
            specs,
        } => synth::main(&synth::Options {
            entries,
            out,
            specs,
        }),
        Command::BenchReport { mut dirs } => {
            if dirs.is_empty() {
                let target = std::env::var_os("CARGO_TARGET_DIR")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| project_root().join("target"));
                dirs.push(target.join("criterion"));
            }
            benchreport::main(&dirs)
        }
        Command::BuildCost { opts } => buildcost::build_cost(&opts.options()),
        Command::ScaleBuild {
            entries,
            release,
            clean,
            opts,
        } => buildcost::scale_build(&opts.options(), entries, release, clean),
        Command::Msrv => msrv::main(&project_root()),
        Command::Man { out } => man::main(&out),
        Command::PackageCheck {
            work,
            keep,
            no_install,
        } => package::main(&package::Options {
            root: project_root(),
            work,
            keep,
            no_install,
        }),
    }
}
