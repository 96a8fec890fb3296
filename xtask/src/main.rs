//! `cargo xtask`: maintainer tasks for errcat.
//!
//! - `cargo xtask regen [--check] [--vendor ID]…`: re-transcribe `specs/sources/*.txt` into
//!   `specs/*.yaml`.

#![forbid(unsafe_code)]

mod regen;
mod transcribe;

use std::path::PathBuf;
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
}

/// The workspace root: xtask's manifest sits one level below it.
fn project_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| ".".into());
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Regen {
            check,
            specs,
            vendors,
        } => regen::main(&regen::Options { specs, vendors }, check),
        Command::Catalog { specs } => match errcat_codegen::generate(&specs) {
            Ok((code, warnings)) => {
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
    }
}
