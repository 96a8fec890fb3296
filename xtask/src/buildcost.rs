//! What errcat costs at build time, as ratios taken in one run.
//!
//! - `cargo xtask build-cost`: a dependent crate that already uses thiserror + serde +
//!   serde_json, built clean alone, clean with errcat as a path dependency, and clean with
//!   errcat and a 50-entry catalog of its own compiled by its build script (separate target
//!   directories); then, with errcat, a no-op rebuild against a rebuild after a spec edit.
//! - `cargo xtask scale-build --entries N`: errcat's own compile (build script and crate, its
//!   dependencies already built) with the real specs against a synthetic N-entry catalog.
//!
//! Everything runs in a scratch directory with copies of the specs (`ERRCAT_SPECS_DIR`), so
//! the work tree is never edited. Timings are wall-clock and the machine may be busy: each
//! figure is the minimum of `--runs` tries (a median for the quick rebuilds), and the two
//! sides of a ratio are measured alternately so that load drifts hit both.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::files::{self, FileError};
use crate::regen::report::{read_spec, write_spec, SpecFileError};
use crate::synth::SynthError;

/// What stops a measurement. The scratch directory is kept for a look.
#[derive(Debug, thiserror::Error)]
pub enum BuildCostError {
    /// A file or directory could not be read, written, copied or removed.
    #[error(transparent)]
    File(#[from] FileError),
    /// The specs could not be listed, loaded or rendered.
    #[error(transparent)]
    Codegen(#[from] errcat_codegen::Error),
    /// The synthetic specs could not be made.
    #[error(transparent)]
    Synth(#[from] SynthError),
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
    #[error("{command} failed:\n{stderr}")]
    Failed {
        /// The command, as `Debug` shows it.
        command: String,
        /// What it printed on stderr.
        stderr: String,
    },
    /// A scratch copy of a spec could not be read or written.
    #[error(transparent)]
    SpecFile(#[from] SpecFileError),
}

type Result<T> = std::result::Result<T, BuildCostError>;

/// Options shared by both commands.
pub struct Options {
    /// The errcat workspace root.
    pub root: PathBuf,
    /// Scratch directory; a fresh one under the system temp dir when `None`.
    pub work: Option<PathBuf>,
    /// How many times to take each measurement.
    pub runs: usize,
    /// Keep the scratch directory afterwards.
    pub keep: bool,
}

pub fn build_cost(opts: &Options) -> ExitCode {
    report(with_work(opts, "build-cost", |work| {
        run_build_cost(opts, work)
    }))
}

pub fn scale_build(opts: &Options, entries: usize, release: bool, clean: bool) -> ExitCode {
    report(with_work(opts, "scale-build", |work| {
        run_scale_build(opts, work, entries, release, clean)
    }))
}

fn report(result: Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn with_work(opts: &Options, name: &str, f: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let work = opts.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("errcat-{name}-{}", std::process::id()))
    });
    if work.exists() {
        files::remove_dir_all(&work)?;
    }
    files::create_dir_all(&work)?;
    eprintln!("scratch directory: {}", work.display());
    let result = f(&work);
    if opts.keep || result.is_err() {
        eprintln!("kept {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    result
}

// ---------------------------------------------------------------------------------------------
// build-cost

/// The dependent: the kind of integration crate errcat is for, using the three crates the
/// issue names, with a little code of its own so its build is not only its dependencies.
const DEPENDENT_LIB: &str = r#"//! An API client's error handling, the way an integration crate might write it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct WireError {
    pub code: Option<String>,
    pub message: Option<String>,
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("HTTP {status}: {message}")]
    Api { status: u16, message: String },
    #[error("bad response body: {0}")]
    Body(#[from] serde_json::Error),
}

pub fn parse(status: u16, body: &[u8]) -> ClientError {
    match serde_json::from_slice::<WireError>(body) {
        Ok(w) => ClientError::Api { status, message: w.message.unwrap_or_default() },
        Err(e) => ClientError::Body(e),
    }
}
"#;

/// Appended to the dependent that uses errcat: one call into each part of the API.
const DEPENDENT_ERRCAT: &str = r#"
pub fn what_to_do(status: u16, body: &[u8]) -> Vec<&'static str> {
    let found = errcat::classify(errcat::Vendor::IrisHr, status, body);
    let by_code = errcat::lookup("401-001-0003").map(|c| c.action().as_str());
    found.errors().iter().map(|e| e.action().as_str()).chain(by_code).collect()
}
"#;

/// Appended to the dependent that compiles a catalog of its own: its build script, and one
/// call into the generated module.
const DEPENDENT_CATALOG: &str = r#"
errcat::include_catalog!("acme_billing");

pub fn acme(status: u16, body: &[u8]) -> Option<&'static str> {
    let found = acme_billing::CATALOG.classify(status, body);
    let code: Option<acme_billing::Code> = "ACME-400-001".parse().ok();
    found.errors().first().map(|e| e.title()).or(code.map(|c| c.title()))
}
"#;

const DEPENDENT_BUILD_RS: &str = r#"fn main() {
    if let Err(e) = errcat_codegen::Config::new().catalog("errors/acme_billing.yaml").compile() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
"#;

/// How many entries the dependent's own catalog has (the issue's figure).
const OWN_CATALOG_ENTRIES: usize = 50;

/// A user's spec of [`OWN_CATALOG_ENTRIES`] entries with a declarative envelope: codes, plain
/// messages, templates and properties in turn, as a real API's catalog mixes them.
fn own_catalog_spec() -> String {
    let mut s = String::from(
        "vendor:\n  id: acme_billing\n  name: Acme Billing\n  envelope:\n    errors: /errors\n    \
         code: /code\n    message: /detail\n    title: /title\n    property: /field\n    \
         trace_id: /meta/request_id\n  trace_headers:\n  - X-Acme-Request-Id\nentries:\n",
    );
    let statuses = [400, 401, 403, 404, 409, 422, 429, 500, 503];
    for i in 0..OWN_CATALOG_ENTRIES {
        let status = statuses[i % statuses.len()];
        s.push_str(&format!(
            "- id: acme_error_{i}\n  code: ACME-{status}-{i:03}\n  http_status: {status}\n  \
             title: Acme error number {i}\n"
        ));
        match i % 3 {
            0 => s.push_str(&format!("  message: The request failed for reason {i}.\n")),
            1 => s.push_str(&format!(
                "  property: field_{i}\n  message: 'The value {{value}} of field {i} is not allowed.'\n"
            )),
            _ => {}
        }
        s.push_str("  category: invalid_request\n  action: fix_request\n");
    }
    s
}

/// What the dependent depends on: nothing of errcat, errcat, or errcat and its generator for
/// a catalog of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Uses<'a> {
    Nothing,
    Errcat(&'a Path),
    OwnCatalog(&'a Path),
}

fn dependent_manifest(name: &str, uses: Uses) -> String {
    let (errcat, build) = match uses {
        Uses::Nothing => (String::new(), String::new()),
        Uses::Errcat(p) => (
            format!("errcat = {{ path = {:?} }}\n", p.display().to_string()),
            String::new(),
        ),
        Uses::OwnCatalog(p) => (
            format!("errcat = {{ path = {:?} }}\n", p.display().to_string()),
            format!(
                "\n[build-dependencies]\nerrcat-codegen = {{ path = {:?} }}\n",
                p.join("codegen").display().to_string()
            ),
        ),
    };
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\nthiserror = \"2\"\n{errcat}{build}\n\
         # Not part of any enclosing workspace.\n[workspace]\n"
    )
}

fn write_dependent(dir: &Path, name: &str, uses: Uses, lock: &Path) -> Result<()> {
    files::create_dir_all(&dir.join("src"))?;
    files::write(&dir.join("Cargo.toml"), &dependent_manifest(name, uses))?;
    let mut lib = DEPENDENT_LIB.to_string();
    if uses != Uses::Nothing {
        lib.push_str(DEPENDENT_ERRCAT);
    }
    if let Uses::OwnCatalog(_) = uses {
        lib.push_str(DEPENDENT_CATALOG);
        files::write(&dir.join("build.rs"), DEPENDENT_BUILD_RS)?;
        files::create_dir_all(&dir.join("errors"))?;
        files::write(&dir.join("errors/acme_billing.yaml"), &own_catalog_spec())?;
    }
    files::write(&dir.join("src/lib.rs"), &lib)?;
    // errcat's own lock file pins both crates to the same versions of the shared dependencies
    // (cargo drops what a crate does not use), so the comparison is like for like.
    files::copy(lock, &dir.join("Cargo.lock"))?;
    Ok(())
}

fn run_build_cost(opts: &Options, work: &Path) -> Result<()> {
    let specs = work.join("specs");
    copy_specs(&opts.root.join("specs"), &specs)?;
    let lock = opts.root.join("Cargo.lock");
    let alone = work.join("alone");
    let with = work.join("with-errcat");
    let own = work.join("with-own-catalog");
    write_dependent(&alone, "dependent_alone", Uses::Nothing, &lock)?;
    write_dependent(
        &with,
        "dependent_with_errcat",
        Uses::Errcat(&opts.root),
        &lock,
    )?;
    write_dependent(
        &own,
        "dependent_with_own_catalog",
        Uses::OwnCatalog(&opts.root),
        &lock,
    )?;
    for dir in [&alone, &with, &own] {
        run(cargo(dir, &work.join("target-fetch"), &specs).arg("fetch"))?;
    }

    eprintln!("clean debug builds, {} run(s) each, alternating", opts.runs);
    let target_with = |i: usize| work.join(format!("target-with-{i}"));
    let (mut t_alone, mut t_with, mut t_own) = (Vec::new(), Vec::new(), Vec::new());
    let (mut cpu_alone, mut cpu_with) = (Vec::new(), Vec::new());
    for i in 0..opts.runs {
        let ta = work.join(format!("target-alone-{i}"));
        let tw = target_with(i);
        let to = work.join(format!("target-own-{i}"));
        let before = children_cpu_ticks();
        t_alone.push(timed(cargo(&alone, &ta, &specs).arg("build"))?);
        let middle = children_cpu_ticks();
        t_with.push(timed(cargo(&with, &tw, &specs).arg("build"))?);
        let after = children_cpu_ticks();
        if let (Some(b), Some(m), Some(a)) = (before, middle, after) {
            cpu_alone.push(m - b);
            cpu_with.push(a - m);
        }
        t_own.push(timed(cargo(&own, &to, &specs).arg("build"))?);
        eprintln!(
            "  run {}: alone {:.2} s, with errcat {:.2} s, with its own {OWN_CATALOG_ENTRIES}-entry catalog {:.2} s",
            i + 1,
            secs(t_alone[i]),
            secs(t_with[i]),
            secs(t_own[i])
        );
        // Each clean build needs a fresh directory; the old ones only cost disk.
        let _ = std::fs::remove_dir_all(&to);
        if i + 1 < opts.runs {
            let _ = std::fs::remove_dir_all(&ta);
        }
    }
    let keep_target = target_with(opts.runs - 1);

    eprintln!("rebuilds of the dependent with errcat");
    let spec_file = specs.join("adp.yaml");
    let (mut noop, mut edit) = (Vec::new(), Vec::new());
    for i in 0..opts.runs.max(3) {
        noop.push(timed(cargo(&with, &keep_target, &specs).arg("build"))?);
        append_to_notes(
            &spec_file,
            &format!(" Edited for the rebuild measurement ({i})."),
        )?;
        edit.push(timed(cargo(&with, &keep_target, &specs).arg("build"))?);
    }

    // What the catalog adds beyond errcat itself, free of the clean builds' noise: errcat and
    // every dependency built, the dependent's own units (its build script, the generated
    // module, its code) rebuilt from nothing, with and without a catalog of its own.
    eprintln!("the dependent's own units, everything else built");
    run(cargo(&own, &keep_target, &specs).arg("build"))?;
    let (mut own_units, mut plain_units) = (Vec::new(), Vec::new());
    for _ in 0..opts.runs.max(3) {
        for (dir, name, times) in [
            (&with, "dependent_with_errcat", &mut plain_units),
            (&own, "dependent_with_own_catalog", &mut own_units),
        ] {
            run(cargo(dir, &keep_target, &specs).args(["clean", "-p", name]))?;
            times.push(timed(cargo(dir, &keep_target, &specs).arg("build"))?);
        }
    }
    let (own_units, plain_units) = (median(&mut own_units), median(&mut plain_units));

    let tree = dependency_report(&opts.root, &with, &keep_target, &specs)?;

    let (a, w, o) = (min(&t_alone), min(&t_with), min(&t_own));
    let (n, e) = (median(&mut noop), median(&mut edit));
    println!("\n| build | time | ratio | target |");
    println!("|---|---:|---:|---|");
    println!(
        "| clean debug build, thiserror + serde + serde_json dependent alone | {:.2} s | 1.00× | |",
        secs(a)
    );
    println!(
        "| same dependent with errcat (path dependency) | {:.2} s | {:.2}× | ≤ 1.35× {} |",
        secs(w),
        secs(w) / secs(a),
        tick(secs(w) / secs(a) <= 1.35)
    );
    // CPU time does not depend on how busy the machine is, as wall-clock time does; it is the
    // better guide when the runs disagree (it counts every core, so it is not the wall ratio).
    if let (Some(ca), Some(cw)) = (cpu_alone.iter().min(), cpu_with.iter().min()) {
        println!(
            "| CPU time (user + sys, all processes) of the same two builds | {:.2} s vs {:.2} s | {:.2}× | |",
            *ca as f64 / TICKS_PER_SECOND,
            *cw as f64 / TICKS_PER_SECOND,
            *cw as f64 / (*ca).max(1) as f64
        );
    }
    println!(
        "| same with its own {OWN_CATALOG_ENTRIES}-entry catalog (build.rs, include_catalog!) | {:.2} s | {:+.2} s (clean builds: noisy) | |",
        secs(o),
        secs(o) - secs(w)
    );
    let added = secs(own_units) - secs(plain_units);
    println!(
        "| the dependent's own units, dependencies built: with errcat / with its own catalog | {:.2} s / {:.2} s | +{added:.2} s for the catalog | < 1 s {} |",
        secs(plain_units),
        secs(own_units),
        tick(added < 1.0)
    );
    println!("| no-op rebuild | {:.2} s | 1.00× | |", secs(n));
    println!(
        "| rebuild after editing a spec's notes | {:.2} s | {:.1}× the no-op | |",
        secs(e),
        secs(e) / secs(n)
    );
    println!("\n{tree}");
    Ok(())
}

/// Appends text to the vendor header's `notes`, as a person editing the YAML would; the
/// notes reach the generated docs, so the catalog really changes.
fn append_to_notes(path: &Path, text: &str) -> Result<()> {
    let mut spec = read_spec(path)?;
    spec.vendor.notes = Some(spec.vendor.notes.unwrap_or_default() + text);
    Ok(write_spec(path, &spec)?)
}

/// errcat's runtime graph, and whether the dependent builds one syn or two.
fn dependency_report(root: &Path, with: &Path, target: &Path, specs: &Path) -> Result<String> {
    let normal = output(
        cargo_in(root)
            .args([
                "tree",
                "-p",
                "errcat",
                // What ends up in a user's binary: proc macros (serde_derive, thiserror-impl)
                // run in the compiler and are shared with the user's own crates anyway.
                "-e",
                "normal,no-proc-macro",
                "--prefix",
                "none",
                "--format",
                "{p}",
            ])
            .env("ERRCAT_SPECS_DIR", specs),
    )?;
    let mut runtime: Vec<&str> = normal
        .lines()
        .map(|l| l.trim().trim_end_matches(" (*)"))
        .filter(|l| !l.is_empty())
        .collect();
    runtime.sort();
    runtime.dedup();
    let heavy: Vec<&&str> = runtime
        .iter()
        .filter(|p| {
            ["clap", "syn ", "strsim", "proc-macro2", "serde_norway"]
                .iter()
                .any(|h| p.starts_with(h))
        })
        .collect();
    let dup = output(cargo(with, target, specs).args([
        "tree",
        "--duplicates",
        "-e",
        "normal,build",
        "--prefix",
        "none",
    ]))?;
    let syn = output(cargo(with, target, specs).args([
        "tree",
        "-e",
        "normal,build",
        "-i",
        "syn",
        "--prefix",
        "none",
        "--depth",
        "1",
    ]))
    // Which crates pull in syn is a detail of the report, not a reason to lose the timings.
    .unwrap_or_else(|e| e.to_string());
    let mut s = format!(
        "`cargo tree -p errcat -e normal,no-proc-macro`: {} packages ({})\n",
        runtime.len(),
        runtime.join(", ")
    );
    s.push_str(&if heavy.is_empty() {
        "no clap, strsim, syn, proc-macro2 or serde_norway at runtime ✓\n".to_string()
    } else {
        format!("heavy packages at runtime ✗: {heavy:?}\n")
    });
    s.push_str("dependent with errcat, `cargo tree -i syn` (depth 1):\n");
    for l in syn.lines().filter(|l| !l.trim().is_empty()) {
        s.push_str(&format!("  {}\n", l.trim()));
    }
    s.push_str(&if dup.trim().is_empty() {
        "no duplicated packages in the dependent's graph (one syn, shared with serde_derive) ✓"
            .to_string()
    } else {
        format!("duplicated packages in the dependent's graph:\n{dup}")
    });
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// scale-build

fn run_scale_build(
    opts: &Options,
    work: &Path,
    entries: usize,
    release: bool,
    clean: bool,
) -> Result<()> {
    let real = work.join("specs-real");
    let synth = work.join("specs-synth");
    copy_specs(&opts.root.join("specs"), &real)?;
    crate::synth::generate(&crate::synth::Options {
        entries,
        out: synth.clone(),
        specs: opts.root.join("specs"),
    })?;
    let target = work.join("target");
    let build = |specs: &Path, target: &Path| {
        let mut c = cargo(&opts.root, target, specs);
        // Incremental caches would let one catalog's rebuild reuse work from the last time
        // that same catalog was built; each build here must do the whole job.
        c.args(["build", "-p", "errcat"])
            .env("CARGO_INCREMENTAL", "0");
        if release {
            c.arg("--release");
        }
        c
    };
    let (mut t_real, mut t_synth) = (Vec::new(), Vec::new());
    if clean {
        // The whole build from an empty target directory, dependencies included: what a
        // user's first build or a CI run without a cache pays.
        eprintln!("clean builds, {} run(s) each, alternating", opts.runs);
        for i in 0..opts.runs {
            let (ts, tr) = (
                work.join(format!("target-synth-{i}")),
                work.join(format!("target-real-{i}")),
            );
            t_synth.push(timed(&mut build(&synth, &ts))?);
            t_real.push(timed(&mut build(&real, &tr))?);
            eprintln!(
                "  run {}: real {:.2} s, synthetic {:.2} s",
                i + 1,
                secs(t_real[i]),
                secs(t_synth[i])
            );
            let _ = std::fs::remove_dir_all(&ts);
            let _ = std::fs::remove_dir_all(&tr);
        }
    } else {
        eprintln!("building errcat's dependencies once (not timed)");
        run(&mut build(&real, &target))?;
        // Switching ERRCAT_SPECS_DIR reruns the build script (it declares
        // rerun-if-env-changed) and so regenerates and recompiles the crate, and nothing else.
        eprintln!("errcat alone, {} run(s) each, alternating", opts.runs);
        for i in 0..opts.runs {
            t_synth.push(timed(&mut build(&synth, &target))?);
            t_real.push(timed(&mut build(&real, &target))?);
            eprintln!(
                "  run {}: real {:.2} s, synthetic {:.2} s",
                i + 1,
                secs(t_real[i]),
                secs(t_synth[i])
            );
        }
    }
    let size = |dir: &Path| -> Result<(usize, usize)> {
        let mut config = errcat_codegen::Config::new();
        config.specs_dir(dir).errcat_builtin();
        let specs = config.read()?;
        let generated = config.generate(&specs)?;
        let mut entries = 0;
        for s in &specs {
            let spec = errcat_codegen::parse_text(&s.path.display().to_string(), &s.text)
                .map_err(errcat_codegen::Error::Spec)?;
            entries += spec.entries.len();
        }
        Ok((entries, generated.files.iter().map(|f| f.code.len()).sum()))
    };
    let ((n_real, b_real), (n_synth, b_synth)) = (size(&real)?, size(&synth)?);
    let (r, s) = (min(&t_real), min(&t_synth));
    let profile = if release { "release" } else { "debug" };
    let what = if clean {
        "clean build of errcat, dependencies included"
    } else {
        "errcat's own build: build script + crate"
    };
    println!("\n| {what} ({profile}) | entries | generated catalog | time | ratio | target |");
    println!("|---|---:|---:|---:|---:|---|");
    println!(
        "| real specs | {n_real} | {} KiB | {:.2} s | 1.00× | |",
        b_real / 1024,
        secs(r)
    );
    println!(
        "| synthetic specs | {n_synth} | {} KiB | {:.2} s | {:.2}× | ≤ 3× {} |",
        b_synth / 1024,
        secs(s),
        secs(s) / secs(r),
        tick(secs(s) / secs(r) <= 3.0)
    );
    println!(
        "\nlookup at this size: ERRCAT_SPECS_DIR={} CARGO_TARGET_DIR={} cargo bench --bench lookup, then cargo xtask bench-report {}/criterion",
        synth.display(),
        target.display(),
        target.display()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// helpers

fn cargo(dir: &Path, target: &Path, specs: &Path) -> Command {
    let mut c = cargo_in(dir);
    c.env("CARGO_TARGET_DIR", target)
        .env("ERRCAT_SPECS_DIR", specs);
    c
}

/// The cargo that runs us, in `dir`, without the variables `cargo xtask` set for the xtask
/// package: they must not leak into what we run or measure.
fn cargo_in(dir: &Path) -> Command {
    let mut c = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    c.current_dir(dir)
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CARGO_PKG_NAME")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    c
}

fn run(cmd: &mut Command) -> Result<()> {
    output(cmd).map(|_| ())
}

fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd.output().map_err(|source| BuildCostError::Spawn {
        command: format!("{cmd:?}"),
        source,
    })?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(BuildCostError::Failed {
            command: format!("{cmd:?}"),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        })
    }
}

/// Linux's `USER_HZ`, the unit of `/proc/self/stat`'s times (100 on every Linux platform).
const TICKS_PER_SECOND: f64 = 100.0;

/// The CPU time (user + system, in clock ticks) of every child this process has waited for,
/// and theirs (cargo waits for its rustc processes): `cutime` + `cstime` of `/proc/self/stat`.
/// `None` where there is no procfs.
fn children_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, in parentheses, may hold spaces; the fields after it do not.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // Fields 16 and 17 of proc(5), counted from the pid as 1; `fields[0]` is field 3.
    let cutime: u64 = fields.get(13)?.parse().ok()?;
    let cstime: u64 = fields.get(14)?.parse().ok()?;
    Some(cutime + cstime)
}

fn timed(cmd: &mut Command) -> Result<Duration> {
    let start = Instant::now();
    run(cmd)?;
    Ok(start.elapsed())
}

fn copy_specs(from: &Path, to: &Path) -> Result<()> {
    files::create_dir_all(to)?;
    for f in errcat_codegen::spec_files(from)? {
        files::copy(&f, &to.join(f.file_name().unwrap_or_default()))?;
    }
    Ok(())
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn min(v: &[Duration]) -> Duration {
    v.iter().copied().min().unwrap_or_default()
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn tick(ok: bool) -> &'static str {
    if ok {
        "✓"
    } else {
        "✗"
    }
}

#[cfg(test)]
mod cpu_tests {
    use super::*;

    /// A child that burns CPU shows up in the children's CPU time once it has been waited for.
    #[test]
    fn a_waited_for_child_adds_its_cpu_time() {
        let Some(before) = children_cpu_ticks() else {
            return; // no procfs: the measurement reports no CPU row either
        };
        let status = Command::new("sh")
            .args(["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"])
            .status()
            .expect("sh runs");
        assert!(status.success());
        let after = children_cpu_ticks().expect("procfs is still there");
        assert!(after > before, "{before} -> {after}");
    }
}
