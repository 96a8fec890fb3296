//! `cargo xtask msrv`: every package a claimed minimum Rust version has to build is allowed to
//! build on it.
//!
//! Cargo refuses to compile a package whose `rust-version` is newer than the toolchain, so a
//! claim is only true if no package in its graph asks for more. With `cargo metadata`'s
//! resolved graph (all features, so `cli`'s clap counts):
//!
//! - each workspace package's `rust-version` covers its normal and build dependencies,
//!   transitively: what a dependent, or `cargo install`, compiles;
//! - errcat's `[package.metadata.errcat] tests-rust-version` covers that plus its
//!   dev-dependencies: what `cargo test` and `cargo bench` compile.
//!
//! The other half of the claim, that our own code uses nothing newer from std, is clippy's
//! `incompatible_msrv` lint, which reads the same `rust-version` (CI runs clippy on all
//! targets). Neither checks language features; only a build with that toolchain would.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, ExitCode};

use serde_json::Value;

/// A `major.minor[.patch]` version, compared numerically.
type Version = (u64, u64, u64);

fn parse(v: &str) -> Option<Version> {
    let mut parts = v.split('.').map(|p| p.parse::<u64>());
    let major = parts.next()?.ok()?;
    let minor = parts.next().unwrap_or(Ok(0)).ok()?;
    let patch = parts.next().unwrap_or(Ok(0)).ok()?;
    Some((major, minor, patch))
}

fn shown(v: Version) -> String {
    format!("{}.{}.{}", v.0, v.1, v.2)
}

/// One claim: a workspace package, which dependency kinds of it count, and the version.
struct Claim {
    what: String,
    root: String,
    with_dev: bool,
    version: Version,
    /// The feature of the package the claim is about, if any.
    feature: Option<String>,
}

pub fn main(root: &Path) -> ExitCode {
    match run(root) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path) -> Result<bool, String> {
    // Each claim against the graph it is about: a dependent builds errcat with its default
    // features, CI tests the workspace with all of them, and each feature is a claim of its own.
    let default = metadata(root, &[])?;
    let all = metadata(root, &["--all-features"])?;
    let member_claims = claims(&default)?;
    let (tests, members): (Vec<Claim>, Vec<Claim>) =
        member_claims.into_iter().partition(|c| c.with_dev);
    let mut ok = verify(&default, &members)?;
    ok &= verify(&all, &tests)?;
    for claim in feature_claims(&default)? {
        let feature = claim.feature.clone().unwrap_or_default();
        let meta = metadata(root, &["--features", &format!("errcat/{feature}")])?;
        ok &= verify(&meta, &[claim])?;
    }
    Ok(ok)
}

fn metadata(root: &Path, args: &[&str]) -> Result<Value, String> {
    let out = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root)
        .args(["metadata", "--format-version", "1"])
        .args(args)
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))
}

/// One claim per feature of the `errcat` package: `[package.metadata.errcat.feature-rust-version]`
/// where a feature needs more than the package's `rust-version`, that otherwise.
fn feature_claims(meta: &Value) -> Result<Vec<Claim>, String> {
    let packages = meta["packages"].as_array().ok_or("no packages")?;
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .ok_or("no workspace_members")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let errcat = packages
        .iter()
        .find(|p| p["name"] == "errcat" && p["id"].as_str().is_some_and(|id| members.contains(&id)))
        .ok_or("no errcat package in the workspace")?;
    let base = errcat["rust_version"]
        .as_str()
        .and_then(parse)
        .ok_or("errcat has no rust-version")?;
    let own = &errcat["metadata"]["errcat"]["feature-rust-version"];
    let mut out = Vec::new();
    for feature in errcat["features"]
        .as_object()
        .into_iter()
        .flat_map(|f| f.keys())
    {
        if feature == "default" {
            continue;
        }
        let version = match own[feature.as_str()].as_str() {
            Some(v) => parse(v).ok_or_else(|| format!("feature {feature}: bad version {v}"))?,
            None => base,
        };
        out.push(Claim {
            what: format!("errcat --features {feature}"),
            root: errcat["id"].as_str().unwrap_or_default().to_string(),
            with_dev: false,
            version,
            feature: Some(feature.clone()),
        });
    }
    Ok(out)
}

/// Checks every member claim in `meta` (cargo metadata's JSON); prints one line per claim.
#[cfg(test)]
fn check(meta: &Value) -> Result<bool, String> {
    verify(meta, &claims(meta)?)
}

/// The claims the workspace members make: `rust-version`, and errcat's tests-rust-version.
fn claims(meta: &Value) -> Result<Vec<Claim>, String> {
    let packages = meta["packages"].as_array().ok_or("no packages")?;
    let by_id: BTreeMap<&str, &Value> = packages
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let members: BTreeSet<&str> = meta["workspace_members"]
        .as_array()
        .ok_or("no workspace_members")?
        .iter()
        .filter_map(Value::as_str)
        .collect();

    let mut claims = Vec::new();
    for id in &members {
        let p = by_id.get(id).ok_or("a member without a package")?;
        let name = p["name"].as_str().unwrap_or("?");
        if let Some(v) = p["rust_version"].as_str() {
            claims.push(Claim {
                what: format!("{name} (rust-version)"),
                root: (*id).to_string(),
                with_dev: false,
                version: parse(v).ok_or_else(|| format!("{name}: bad rust-version {v}"))?,
                feature: None,
            });
        }
        if let Some(v) = p["metadata"]["errcat"]["tests-rust-version"].as_str() {
            claims.push(Claim {
                what: format!("{name} tests and benches (metadata.errcat.tests-rust-version)"),
                root: (*id).to_string(),
                with_dev: true,
                version: parse(v).ok_or_else(|| format!("{name}: bad tests-rust-version {v}"))?,
                feature: None,
            });
        }
    }

    Ok(claims)
}

/// Checks `claims` against the resolved graph of `meta`; prints one line per claim.
fn verify(meta: &Value, claims: &[Claim]) -> Result<bool, String> {
    let packages = meta["packages"].as_array().ok_or("no packages")?;
    let by_id: BTreeMap<&str, &Value> = packages
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let nodes: BTreeMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .ok_or("no resolve graph")?
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();

    let mut ok = true;
    for claim in claims {
        let graph = closure(&nodes, &claim.root, claim.with_dev);
        let mut too_new: Vec<String> = Vec::new();
        let mut newest: Option<(Version, String)> = None;
        for id in graph.iter().filter(|id| **id != claim.root) {
            let Some(p) = by_id.get(id.as_str()) else {
                continue;
            };
            let Some(v) = p["rust_version"].as_str().and_then(parse) else {
                continue;
            };
            let label = format!("{} {}", p["name"].as_str().unwrap_or("?"), shown(v));
            if v > claim.version {
                too_new.push(label.clone());
            }
            if newest.as_ref().is_none_or(|(n, _)| v > *n) {
                newest = Some((v, label));
            }
        }
        let newest = newest.map_or_else(|| "none declares one".to_string(), |(_, l)| l);
        if too_new.is_empty() {
            println!(
                "{} = {}: {} packages, the newest asks for {newest} ✓",
                claim.what,
                shown(claim.version),
                graph.len()
            );
        } else {
            ok = false;
            println!(
                "{} = {}: needs a newer toolchain for {} ✗",
                claim.what,
                shown(claim.version),
                too_new.join(", ")
            );
        }
    }
    Ok(ok)
}

/// The packages reachable from `root` through normal and build edges, and through `root`'s own
/// dev edges when `with_dev` (dev-dependencies of dependencies are never built).
fn closure(nodes: &BTreeMap<&str, &Value>, root: &str, with_dev: bool) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![(root.to_string(), true)];
    while let Some((id, is_root)) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(node) = nodes.get(id.as_str()) else {
            continue;
        };
        for dep in node["deps"].as_array().into_iter().flatten() {
            let kinds = dep["dep_kinds"].as_array().into_iter().flatten();
            let counts = kinds.into_iter().any(|k| match k["kind"].as_str() {
                None | Some("build") => true,
                Some("dev") => is_root && with_dev,
                Some(_) => false,
            });
            if let (true, Some(pkg)) = (counts, dep["pkg"].as_str()) {
                stack.push((pkg.to_string(), false));
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn package(id: &str, rust_version: Option<&str>, metadata: Value) -> Value {
        json!({ "id": id, "name": id, "rust_version": rust_version, "metadata": metadata })
    }

    fn dep(pkg: &str, kind: Option<&str>) -> Value {
        json!({ "pkg": pkg, "dep_kinds": [{ "kind": kind }] })
    }

    /// A crate claiming 1.80, with a normal dependency (1.77), a build dependency of that
    /// (1.85) and a dev-dependency (1.90), and a tests claim of 1.90.
    fn meta(lib_claim: &str, build_dep: &str) -> Value {
        json!({
            "workspace_members": ["lib"],
            "packages": [
                package("lib", Some(lib_claim), json!({ "errcat": { "tests-rust-version": "1.90" } })),
                package("dep", Some("1.77"), Value::Null),
                package("builddep", Some(build_dep), Value::Null),
                package("devdep", Some("1.90"), Value::Null),
                package("devdep_dev", Some("1.99"), Value::Null),
            ],
            "resolve": { "nodes": [
                { "id": "lib", "deps": [dep("dep", None), dep("devdep", Some("dev"))] },
                { "id": "dep", "deps": [dep("builddep", Some("build"))] },
                { "id": "builddep", "deps": [] },
                // A dev-dependency of a dependency is never built for us.
                { "id": "devdep", "deps": [dep("devdep_dev", Some("dev"))] },
                { "id": "devdep_dev", "deps": [] },
            ]},
        })
    }

    #[test]
    fn a_claim_holds_when_nothing_in_its_graph_asks_for_more() {
        assert_eq!(check(&meta("1.85", "1.85")), Ok(true));
    }

    #[test]
    fn a_transitive_build_dependency_newer_than_the_claim_fails_it() {
        assert_eq!(check(&meta("1.85", "1.86")), Ok(false));
    }

    #[test]
    fn dev_dependencies_count_for_the_tests_claim_only() {
        let nodes_meta = meta("1.85", "1.85");
        let nodes: BTreeMap<&str, &Value> = nodes_meta["resolve"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| Some((n["id"].as_str()?, n)))
            .collect();
        let lib = closure(&nodes, "lib", false);
        assert!(!lib.contains("devdep"), "{lib:?}");
        let tests = closure(&nodes, "lib", true);
        assert!(
            tests.contains("devdep") && !tests.contains("devdep_dev"),
            "{tests:?}"
        );
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(parse("1.100").unwrap_or_default() > parse("1.85.1").unwrap_or_default());
        assert_eq!(parse("1.71.1"), Some((1, 71, 1)));
        assert_eq!(parse("one"), None);
    }
}
