//! `cargo xtask bench-report [DIR]…`: the ratios of the last `cargo bench` run.
//!
//! Reads criterion's `<group>/<function>/new/estimates.json` (and `benchmark.json` for the
//! element count) under each criterion directory and prints, per group, errcat's time over
//! each baseline's. Every ratio divides two estimates of the same run, so it holds across
//! machines better than any absolute time; nothing here asserts a time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use crate::files::{self, FileError};

/// What stops reading a criterion directory.
#[derive(Debug, thiserror::Error)]
pub enum BenchReportError {
    /// A directory could not be listed.
    #[error(transparent)]
    File(#[from] FileError),
    /// An `estimates.json` that is not JSON.
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: String,
        /// serde_json's error.
        #[source]
        source: serde_json::Error,
    },
    /// An `estimates.json` without a mean and its confidence interval.
    #[error("{dir}: no mean estimate")]
    NoMean {
        /// The `new/` directory the file is in.
        dir: String,
    },
}

/// The function whose time is the numerator in every ratio.
const ERRCAT: &str = "errcat";

/// The targets: (group prefix, baseline, ratio at the real catalog's size, ratio at
/// 10,000 entries). A group with at least `SCALE_KEYS` elements is judged by the second.
const TARGETS: &[(&str, &str, f64, f64)] = &[
    ("lookup_hits", "phf", 0.5, 1.0),
    ("lookup_misses", "phf", 0.5, 1.0),
    ("classify", "serde_json_value", 0.5, 0.5),
    // Issue 11: a declarative envelope within 1.5× the built-in readers on the same bodies.
    ("classify_declarative", "builtin_reader", 1.5, 1.5),
];
const SCALE_KEYS: u64 = 5_000;

struct Estimate {
    /// Mean time per iteration, in nanoseconds, and its 95% confidence bounds.
    mean: f64,
    lower: f64,
    upper: f64,
    /// Elements per iteration (keys or bodies), when the bench declared a throughput.
    elements: Option<u64>,
}

pub fn main(dirs: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for dir in dirs {
        match read_dir(dir) {
            Ok(groups) if groups.is_empty() => {
                eprintln!(
                    "bench-report: no criterion estimates under {}",
                    dir.display()
                );
                failed = true;
            }
            Ok(groups) => print_table(dir, &groups),
            Err(e) => {
                eprintln!("bench-report: {e}");
                failed = true;
            }
        }
    }
    // Without a failure every directory printed a table, so only an empty list printed none.
    if failed || dirs.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

type Groups = BTreeMap<String, BTreeMap<String, Estimate>>;

fn read_dir(dir: &Path) -> Result<Groups, BenchReportError> {
    let mut groups = Groups::new();
    let entries = std::fs::read_dir(dir).map_err(FileError::at(dir, "list"))?;
    for group in entries.flatten().filter(|e| e.path().is_dir()) {
        let name = group.file_name().to_string_lossy().into_owned();
        if name == "report" {
            continue;
        }
        let group_dir = group.path();
        for function in std::fs::read_dir(&group_dir)
            .map_err(FileError::at(&group_dir, "list"))?
            .flatten()
        {
            let new = function.path().join("new");
            let path = new.join("estimates.json");
            // A function directory without estimates is a bench that has not run yet.
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let estimates: Value =
                serde_json::from_str(&text).map_err(|source| BenchReportError::Json {
                    path: files::shown(&path),
                    source,
                })?;
            let mean = &estimates["mean"];
            let (Some(point), Some(lower), Some(upper)) = (
                mean["point_estimate"].as_f64(),
                mean["confidence_interval"]["lower_bound"].as_f64(),
                mean["confidence_interval"]["upper_bound"].as_f64(),
            ) else {
                return Err(BenchReportError::NoMean {
                    dir: files::shown(&new),
                });
            };
            let elements = std::fs::read_to_string(new.join("benchmark.json"))
                .ok()
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .and_then(|b| b["throughput"]["Elements"].as_u64());
            let fname = function.file_name().to_string_lossy().into_owned();
            groups.entry(name.clone()).or_default().insert(
                fname,
                Estimate {
                    mean: point,
                    lower,
                    upper,
                    elements,
                },
            );
        }
    }
    Ok(groups)
}

fn print_table(dir: &Path, groups: &Groups) {
    println!("criterion results in {}\n", dir.display());
    println!("| benchmark | n | errcat / call | baseline | baseline / call | ratio (95% range) | target |");
    println!("|---|---:|---:|---|---:|---:|---|");
    for (group, functions) in groups {
        let Some(ours) = functions.get(ERRCAT) else {
            continue;
        };
        let n = ours.elements.unwrap_or(1).max(1);
        for (name, base) in functions.iter().filter(|(f, _)| f.as_str() != ERRCAT) {
            let ratio = ours.mean / base.mean;
            // The extremes of the two intervals: a conservative range, not a statistical one.
            let (lo, hi) = (ours.lower / base.upper, ours.upper / base.lower);
            let target = TARGETS
                .iter()
                .find(|(g, b, _, _)| group.starts_with(g) && b == name)
                .map(|&(_, _, small, large)| if n >= SCALE_KEYS { large } else { small });
            let verdict = match target {
                Some(t) if ratio <= t => format!("≤ {t} ✓"),
                Some(t) => format!("≤ {t} ✗"),
                None => "—".to_string(),
            };
            println!(
                "| {group} | {n} | {} | {name} | {} | {ratio:.2}× ({lo:.2}–{hi:.2}) | {verdict} |",
                time(ours.mean / n as f64),
                time(base.mean / n as f64),
            );
        }
    }
    println!();
}

fn time(ns: f64) -> String {
    if ns >= 1_000_000.0 {
        format!("{:.2} ms", ns / 1_000_000.0)
    } else if ns >= 1_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{ns:.1} ns")
    }
}
