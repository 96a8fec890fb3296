//! `errcat::classify` against `serde_json::from_slice::<serde_json::Value>` of the same bodies:
//! the least a user would do with an error body without errcat (parse it, then dig).
//!
//! The bodies are listed in `benches/bodies/manifest.tsv`: the classifier's own wire fixtures,
//! a sample of ADP's published error payloads (`confirmMessage`, `_confirmMessage`,
//! `messageList`, gateway envelopes), and more of every vendor's shapes (IXON multi-error
//! bodies, Akamai `stat: error` with HTTP 200, OAuth errors, HTML gateway pages, plain text,
//! an empty body), the real-world bodies of issue 9 (`tests/fixtures/real/`) and hand-made
//! bodies of its classes without public evidence. Each iteration classifies (or parses) all
//! of them; then each vendor's bodies alone, in a group of their own.

use std::borrow::Borrow;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use errcat::{Catalog, Vendor};

// Declarative mirrors of Lerian and IXON: their real entries under an `envelope` of JSON
// Pointers, generated from the real specs by errcat-codegen's golden test.
mod mirrors {
    include!("../codegen/tests/golden/mirror_lerian.rs");
    include!("../codegen/tests/golden/mirror_ixon.rs");
}

struct Body {
    path: String,
    vendor: Vendor,
    status: u16,
    bytes: Vec<u8>,
}

fn bodies() -> Vec<Body> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("benches/bodies/manifest.tsv"))
        .expect("benches/bodies/manifest.tsv is readable");
    manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let mut f = line.split('\t');
            let (Some(vendor), Some(status), Some(path)) = (f.next(), f.next(), f.next()) else {
                panic!("manifest line is not vendor<TAB>status<TAB>path: {line:?}");
            };
            Body {
                path: path.to_string(),
                vendor: vendor.parse().expect("a vendor id"),
                status: status.parse().expect("an HTTP status"),
                bytes: std::fs::read(root.join(path)).expect("the body file is readable"),
            }
        })
        .collect()
}

// `Borrow`: the whole set is owned bodies, a vendor's share is references to them.
/// The timed errcat side: every body classified, the errors counted so nothing is optimised out.
fn classify_all<B: Borrow<Body>>(bodies: &[B]) -> usize {
    let mut found = 0usize;
    for body in bodies.iter().map(Borrow::borrow) {
        let c = errcat::classify(body.vendor, black_box(body.status), black_box(&body.bytes));
        found += c.errors().len();
    }
    black_box(found)
}

/// The named baseline: every body parsed into a `serde_json::Value`.
fn parse_all<B: Borrow<Body>>(bodies: &[B]) -> usize {
    let mut parsed = 0usize;
    for body in bodies.iter().map(Borrow::borrow) {
        let v = serde_json::from_slice::<serde_json::Value>(black_box(&body.bytes));
        parsed += v.is_ok() as usize;
        black_box(v).ok();
    }
    black_box(parsed)
}

fn bench_classify(c: &mut Criterion) {
    let bodies = bodies();
    let (mut errors, mut bytes) = (0, 0);
    for b in &bodies {
        errors += errcat::classify(b.vendor, b.status, &b.bytes)
            .errors()
            .len();
        bytes += b.bytes.len();
    }
    eprintln!(
        "classify: {} bodies ({} bytes), {} errors found",
        bodies.len(),
        bytes,
        errors
    );

    if std::env::var_os("ERRCAT_BENCH_PER_BODY").is_some() {
        per_body(&bodies);
    }

    let mut g = c.benchmark_group("classify");
    g.throughput(Throughput::Elements(bodies.len() as u64));
    g.bench_function("errcat", |b| b.iter(|| classify_all(&bodies)));
    g.bench_function("serde_json_value", |b| b.iter(|| parse_all(&bodies)));
    // Not a baseline but a floor: reading every byte of the JSON bodies and keeping nothing,
    // which any classifier that parses JSON must do.
    g.bench_function("floor_ignored_any", |b| {
        b.iter(|| {
            let mut parsed = 0usize;
            for body in &bodies {
                let v = serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body.bytes));
                parsed += v.is_ok() as usize;
            }
            black_box(parsed)
        })
    });
    g.finish();

    // The declarative reader against the built-in readers on the same bodies: every Lerian
    // and IXON body of the manifest, through the vendor's own reader (the baseline) and
    // through the mirror catalog's envelope (`errcat`, the numerator of bench-report's ratio).
    let mirrored: Vec<(&Body, &'static Catalog)> = bodies
        .iter()
        .filter_map(|b| match b.vendor {
            Vendor::LerianAccessManager => Some((b, &mirrors::mirror_lerian::CATALOG)),
            Vendor::IxonCloud => Some((b, &mirrors::mirror_ixon::CATALOG)),
            _ => None,
        })
        .collect();
    if std::env::var_os("ERRCAT_BENCH_PER_BODY").is_some() {
        per_body_declarative(&mirrored);
    }
    let mut g = c.benchmark_group("classify_declarative");
    g.throughput(Throughput::Elements(mirrored.len() as u64));
    g.bench_function("errcat", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for (body, mirror) in &mirrored {
                let c = mirror.classify(black_box(body.status), black_box(&body.bytes));
                found += c.errors().len();
            }
            black_box(found)
        })
    });
    g.bench_function("builtin_reader", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for (body, _) in &mirrored {
                let c = body
                    .vendor
                    .catalog()
                    .classify(black_box(body.status), black_box(&body.bytes));
                found += c.errors().len();
            }
            black_box(found)
        })
    });
    g.finish();
    // The same two, one group per vendor (`classify_<vendor id>`), for the per-vendor ratios
    // of `cargo xtask bench-report`.
    for vendor in Vendor::ALL.iter().copied() {
        let mine: Vec<&Body> = bodies.iter().filter(|b| b.vendor == vendor).collect();
        let mut g = c.benchmark_group(format!("classify_{}", vendor.id()));
        g.throughput(Throughput::Elements(mine.len() as u64));
        g.bench_function("errcat", |b| b.iter(|| classify_all(&mine)));
        g.bench_function("serde_json_value", |b| b.iter(|| parse_all(&mine)));
        g.finish();
    }
}

/// `ERRCAT_BENCH_PER_BODY=1`: a rough per-body table (errcat / Value), slowest ratio first, to
/// see which shapes dominate before profiling.
fn per_body(bodies: &[Body]) {
    const REPS: u32 = 20_000;
    let time = |f: &dyn Fn()| {
        let start = std::time::Instant::now();
        for _ in 0..REPS {
            f();
        }
        start.elapsed().as_nanos() as f64 / f64::from(REPS)
    };
    let mut rows: Vec<(f64, f64, &str)> = bodies
        .iter()
        .map(|b| {
            let ours = time(&|| {
                black_box(errcat::classify(b.vendor, b.status, black_box(&b.bytes)));
            });
            let value = time(&|| {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(&b.bytes)).ok());
            });
            (ours, value, b.path.as_str())
        })
        .collect();
    let mut per_vendor: Vec<(Vendor, f64, f64)> = Vec::new();
    for (b, &(ours, value, _)) in bodies.iter().zip(&rows) {
        match per_vendor.iter_mut().find(|(v, _, _)| *v == b.vendor) {
            Some((_, o, v)) => (*o, *v) = (*o + ours, *v + value),
            None => per_vendor.push((b.vendor, ours, value)),
        }
    }
    rows.sort_by(|a, b| (b.0 / b.1).total_cmp(&(a.0 / a.1)));
    for (ours, value, path) in rows {
        eprintln!("{ours:8.0} ns {value:8.0} ns {:5.2}x  {path}", ours / value);
    }
    for (vendor, ours, value) in per_vendor {
        eprintln!(
            "{ours:8.0} ns {value:8.0} ns {:5.2}x  all of {vendor}",
            ours / value
        );
    }
}

/// `ERRCAT_BENCH_PER_BODY=1`: the same for the declarative mirrors (mirror / built-in reader),
/// the two alternated body by body so that load drifts hit both.
fn per_body_declarative(mirrored: &[(&Body, &'static Catalog)]) {
    const REPS: u32 = 20_000;
    let time = |f: &dyn Fn()| {
        let start = std::time::Instant::now();
        for _ in 0..REPS {
            f();
        }
        start.elapsed().as_nanos() as f64 / f64::from(REPS)
    };
    let (mut ours_total, mut theirs_total) = (0.0, 0.0);
    for (b, mirror) in mirrored {
        let (mut ours, mut theirs) = (f64::MAX, f64::MAX);
        for _ in 0..5 {
            ours = ours.min(time(&|| {
                black_box(mirror.classify(b.status, black_box(&b.bytes)));
            }));
            theirs = theirs.min(time(&|| {
                black_box(b.vendor.catalog().classify(b.status, black_box(&b.bytes)));
            }));
        }
        ours_total += ours;
        theirs_total += theirs;
        eprintln!(
            "{ours:8.0} ns {theirs:8.0} ns {:5.2}x  {}",
            ours / theirs,
            b.path
        );
    }
    eprintln!(
        "declarative / built-in, sum of per-body minima: {:.2}x",
        ours_total / theirs_total
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench_classify
}
criterion_main!(benches);
