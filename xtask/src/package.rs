//! `cargo xtask package-check`: what a crates.io user would download, checked the way they
//! would use it.
//!
//! 1. `cargo publish --dry-run --workspace`: both packages are built into `.crate` files and
//!    each is compiled from its own `.crate` (Cargo's verification), errcat against the
//!    packaged errcat-codegen.
//! 2. The file list and sizes of each `.crate`, and a check that nothing is shipped that must
//!    not be (CI, cargo configuration, fuzzing, tests, editor files) and that what the build
//!    script needs (`specs/*.yaml`, `specs/sources/*.txt`) is.
//! 3. A consumer crate in a scratch directory, depending on `errcat = "0.1"` from crates.io with
//!    `[patch.crates-io]` pointing at the *unpacked* `.crate` files, is built and run: it looks
//!    a code up and classifies a body, and exits non-zero if the answers are wrong.
//! 4. `cargo install --path <unpacked errcat> --features cli`, the README's install line, and
//!    the installed binary explains a code.
//!
//! The `.crate` files are gzipped tarballs; they are unpacked with the system `tar`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::files::{self, FileError};

/// What stops the check.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// A file or directory could not be read, written or removed.
    #[error(transparent)]
    File(#[from] FileError),
    /// A command could not be started.
    #[error("{command}: {source}")]
    Spawn {
        /// The command, as `Debug` shows it.
        command: String,
        /// Why it did not start.
        #[source]
        source: std::io::Error,
    },
    /// A command ran and failed.
    #[error("{command} failed:\n{stdout}{stderr}")]
    Failed {
        /// The command, as `Debug` shows it.
        command: String,
        /// What it printed on stdout.
        stdout: String,
        /// What it printed on stderr.
        stderr: String,
    },
    /// A package ships a file it must not, or lacks one it needs.
    #[error("{package}: {problem}")]
    Contents {
        /// The package name.
        package: String,
        /// What is wrong with its file list.
        problem: String,
    },
    /// The consumer crate or the installed binary answered wrongly.
    #[error("{0}")]
    Behaviour(String),
}

type Result<T> = std::result::Result<T, PackageError>;

/// The published packages, in dependency order.
const PACKAGES: [&str; 2] = ["errcat-codegen", "errcat"];

/// Paths no package may ship (prefixes of the packaged path).
const NEVER: [&str; 7] = [
    ".ci/", ".cargo/", "fuzz/", "tests/", "benches/", "target/", ".vscode/",
];

/// File names no package may ship: editor and OS leftovers.
const NEVER_NAMES: [&str; 3] = [".DS_Store", ".idea", ".gitignore"];

/// The consumer: a program a new user might write first, with the answers checked.
const CONSUMER_MAIN: &str = r##"fn main() {
    let code = errcat::lookup("401-001-0003").expect("a documented IRIS HR code");
    assert_eq!(code.action(), errcat::Action::Reauthenticate, "{code}");
    let body = br#"{"stat":"error","code":414,"error":"access_token_expired","error_description":"expired token","request_token":"uyeem84bmqmnjuu4"}"#;
    let verdict = errcat::classify(errcat::Vendor::AkamaiIdentityCloud, 200, body);
    let error = verdict.errors().first().expect("one error in the body");
    assert_eq!(error.action(), errcat::Action::RefreshAccessToken);
    assert_eq!(verdict.trace_id(), Some("uyeem84bmqmnjuu4"));
    println!("{}", serde_json::to_string(&verdict).expect("a classification serializes"));
}
"##;

/// Options for the check.
pub struct Options {
    /// The errcat workspace root.
    pub root: PathBuf,
    /// Scratch directory; a fresh one under the system temp dir when `None`.
    pub work: Option<PathBuf>,
    /// Keep the scratch directory afterwards.
    pub keep: bool,
    /// Skip `cargo install --features cli` (it compiles clap).
    pub no_install: bool,
}

pub fn main(opts: &Options) -> ExitCode {
    let work = opts.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("errcat-package-check-{}", std::process::id()))
    });
    let result = (|| {
        if work.exists() {
            files::remove_dir_all(&work)?;
        }
        files::create_dir_all(&work)?;
        eprintln!("scratch directory: {}", work.display());
        run_check(opts, &work)
    })();
    if opts.keep || result.is_err() {
        eprintln!("kept {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_check(opts: &Options, work: &Path) -> Result<()> {
    // A target directory of its own: the verification builds must not reuse the work tree's
    // artefacts, and the `.crate` files land in a known place.
    let target = work.join("target");
    eprintln!("cargo publish --dry-run --workspace (builds each package from its .crate)");
    run(cargo_in(&opts.root)
        .args(["publish", "--dry-run", "--workspace", "--allow-dirty"])
        .env("CARGO_TARGET_DIR", &target))?;
    // The dry run keeps its `.crate` files in an internal directory; `cargo package` writes
    // the same files where Cargo documents them (already verified above).
    run(cargo_in(&opts.root)
        // The published packages only: `--workspace` would take xtask (publish = false) too.
        .args(["package", "--no-verify", "--allow-dirty"])
        .args(PACKAGES.iter().flat_map(|p| ["-p", p]))
        .env("CARGO_TARGET_DIR", &target))?;

    let unpacked = work.join("unpacked");
    files::create_dir_all(&unpacked)?;
    let mut dirs = Vec::new();
    for name in PACKAGES {
        let file = packaged(&target.join("package"), name)?;
        let size = std::fs::metadata(&file)
            .map_err(FileError::at(&file, "read"))?
            .len();
        run(Command::new("tar")
            .arg("-xzf")
            .arg(&file)
            .arg("-C")
            .arg(&unpacked))?;
        let stem = file.file_stem().unwrap_or_default().to_os_string();
        let dir = unpacked.join(&stem);
        let listed = list_files(&dir)?;
        print_listing(&stem.to_string_lossy(), size, &listed);
        check_contents(name, &listed)?;
        dirs.push(dir);
    }
    let (codegen_dir, errcat_dir) = (&dirs[0], &dirs[1]);

    eprintln!("a consumer crate from the unpacked packages");
    let consumer = work.join("consumer");
    files::create_dir_all(&consumer.join("src"))?;
    files::write(
        &consumer.join("Cargo.toml"),
        &consumer_manifest(errcat_dir, codegen_dir),
    )?;
    files::write(&consumer.join("src/main.rs"), CONSUMER_MAIN)?;
    // The packaged lock file pins the versions errcat was tested with.
    files::copy(&errcat_dir.join("Cargo.lock"), &consumer.join("Cargo.lock"))?;
    let out = output(
        cargo_in(&consumer)
            .args(["run", "--quiet"])
            .env("CARGO_TARGET_DIR", &target),
    )?;
    if !out.contains(r#""action":"refresh_access_token""#) {
        return Err(PackageError::Behaviour(format!(
            "the consumer's classification lacks the expected action:\n{out}"
        )));
    }
    println!("consumer crate: built from the .crate files, classified a body ✓");

    if !opts.no_install {
        eprintln!("cargo install --path <unpacked errcat> --features cli");
        let root = work.join("install");
        run(cargo_in(&consumer)
            .arg("install")
            .arg("--path")
            .arg(errcat_dir)
            .args(["--features", "cli", "--locked", "--root"])
            .arg(&root)
            .arg("--config")
            .arg(format!(
                "patch.crates-io.errcat-codegen.path={}",
                toml_string(codegen_dir)
            ))
            .env("CARGO_TARGET_DIR", &target))?;
        let out = output(Command::new(root.join("bin").join("errcat")).args([
            "explain",
            "401-001-0003",
            "--json",
        ]))?;
        let entry: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        if entry["action"] != "reauthenticate" {
            return Err(PackageError::Behaviour(format!(
                "the installed errcat explained 401-001-0003 wrongly:\n{out}"
            )));
        }
        println!("cargo install --features cli: the installed binary explains a code ✓");
    }
    Ok(())
}

/// The `.crate` file of package `name` in cargo's package directory: `<name>-<version>.crate`,
/// where the version starts with a digit (so `errcat` does not match `errcat-codegen-…`).
fn packaged(dir: &Path, name: &str) -> Result<PathBuf> {
    let prefix = format!("{name}-");
    let found = files::list(dir, "crate")?
        .into_iter()
        .map(|(_, path)| path)
        .find(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&prefix))
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        });
    found.ok_or_else(|| PackageError::Contents {
        package: name.to_string(),
        problem: format!("no .crate file in {}", files::shown(dir)),
    })
}

fn consumer_manifest(errcat: &Path, codegen: &Path) -> String {
    format!(
        "[package]\nname = \"errcat-consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\nerrcat = \"0.1\"\nserde_json = \"1\"\n\n\
         # The packages as crates.io would serve them, before they are published.\n\
         [patch.crates-io]\nerrcat = {{ path = {} }}\nerrcat-codegen = {{ path = {} }}\n\n\
         # Not part of any enclosing workspace.\n[workspace]\n",
        toml_string(errcat),
        toml_string(codegen)
    )
}

/// A path as a TOML basic string.
fn toml_string(path: &Path) -> String {
    format!("{:?}", path.display().to_string())
}

/// Every file under `dir`, as (path relative to it with `/` separators, size in bytes), sorted.
fn list_files(dir: &Path) -> Result<Vec<(String, u64)>> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, u64)>) -> Result<()> {
        for entry in std::fs::read_dir(dir).map_err(FileError::at(dir, "list"))? {
            let entry = entry.map_err(FileError::at(dir, "list"))?;
            let path = entry.path();
            let meta = entry.metadata().map_err(FileError::at(&path, "read"))?;
            if meta.is_dir() {
                walk(base, &path, out)?;
            } else {
                let rel = path.strip_prefix(base).unwrap_or(&path);
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push((rel.join("/"), meta.len()));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn print_listing(stem: &str, crate_size: u64, listed: &[(String, u64)]) {
    let total: u64 = listed.iter().map(|(_, s)| s).sum();
    println!(
        "\n{stem}.crate: {crate_size} bytes compressed, {} files, {total} bytes unpacked",
        listed.len()
    );
    let width = listed.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
    for (path, size) in listed {
        println!("  {path:<width$} {size:>8}");
    }
}

fn check_contents(name: &str, listed: &[(String, u64)]) -> Result<()> {
    let problem = |problem: String| PackageError::Contents {
        package: name.to_string(),
        problem,
    };
    for (path, _) in listed {
        let file_name = path.rsplit('/').next().unwrap_or(path);
        if NEVER.iter().any(|p| path.starts_with(p))
            || NEVER_NAMES.contains(&file_name)
            || file_name.ends_with('~')
            || file_name.ends_with(".swp")
            || file_name.ends_with(".rs.bk")
        {
            return Err(problem(format!("ships {path}, which users do not need")));
        }
    }
    let has = |p: &str| listed.iter().any(|(path, _)| path == p);
    let mut needed = vec![
        "Cargo.toml",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/lib.rs",
    ];
    // errcat's build script compiles every spec, and each spec names its document; the
    // generator compiles the specs in, to check specs that extend a built-in vendor.
    let spec_dirs: &[(&str, &str)] = match name {
        "errcat" => &[("specs", "yaml"), ("specs/sources", "txt")],
        _ => &[("specs", "yaml")],
    };
    if name == "errcat" {
        needed.extend(["build.rs", "src/bin/errcat.rs"]);
    }
    {
        for vendor in crate::transcribe::VENDORS.iter().map(|v| v.id) {
            for (dir, ext) in spec_dirs {
                let path = format!("{dir}/{vendor}.{ext}");
                if !has(&path) {
                    return Err(problem(format!("lacks {path}, which its build needs")));
                }
            }
        }
    }
    for p in needed {
        if !has(p) {
            return Err(problem(format!("lacks {p}")));
        }
    }
    Ok(())
}

/// The cargo that runs us, in `dir`, without the variables `cargo xtask` set for the xtask
/// package.
fn cargo_in(dir: &Path) -> Command {
    let mut c = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    c.current_dir(dir)
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CARGO_PKG_NAME")
        .env_remove("ERRCAT_SPECS_DIR")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    c
}

fn run(cmd: &mut Command) -> Result<()> {
    output(cmd).map(|_| ())
}

fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd.output().map_err(|source| PackageError::Spawn {
        command: format!("{cmd:?}"),
        source,
    })?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(PackageError::Failed {
            command: format!("{cmd:?}"),
            stdout,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        })
    }
}
