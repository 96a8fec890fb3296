//! `errcat::lookup` against the maps a user would otherwise build: a `phf` map and a std
//! `HashMap`, both holding the same keys (every code and alias of the catalog) mapped to the
//! same `ErrorCode` values.
//!
//! Works for any catalog the crate was built with, so the 10,000-entry scale run is this same
//! bench built with `ERRCAT_SPECS_DIR` pointing at `cargo xtask synth` output.
//!
//! Each iteration looks up the whole key set, so criterion's per-iteration overhead is spread
//! over hundreds (or tens of thousands) of calls; the reported throughput is per lookup.
//!
//! The phf map is built at bench start-up with `phf_generator` (the solver `phf_codegen` and
//! `phf_map!` run at compile time) and assembled into a real `phf::Map` from leaked slices, so
//! the timed code is `phf::Map::get` exactly as a generated map would run it. Building it
//! here rather than in a build script keeps the bench independent of which specs the crate
//! was built from.

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use errcat::ErrorCode;

/// Every code and alias in the catalog, each with the entry it names (first one wins, as in
/// `errcat::lookup`).
fn catalog_keys() -> Vec<(&'static str, ErrorCode)> {
    let mut seen = HashSet::new();
    let mut keys = Vec::new();
    for code in ErrorCode::all() {
        let entry = code.entry();
        for key in entry
            .code()
            .into_iter()
            .chain(entry.aliases().iter().copied())
        {
            if seen.insert(key) {
                keys.push((key, code));
            }
        }
    }
    keys
}

/// One near-miss per key: the last character changed, the ASCII case flipped, or a character
/// dropped, taking the first of those (rotating which comes first) that is not itself a key.
fn near_misses(keys: &[(&'static str, ErrorCode)]) -> Vec<&'static str> {
    let known: HashSet<&str> = keys.iter().map(|(k, _)| *k).collect();
    let mut misses = Vec::with_capacity(keys.len());
    for (i, (key, _)) in keys.iter().enumerate() {
        let candidates = [last_changed(key), case_flipped(key), middle_dropped(key)];
        let found = (0..candidates.len())
            .map(|j| &candidates[(i + j) % candidates.len()])
            .find_map(|c| c.as_ref().filter(|c| !known.contains(c.as_str())));
        if let Some(miss) = found {
            misses.push(&*Box::leak(miss.clone().into_boxed_str()));
        }
    }
    misses
}

fn last_changed(key: &str) -> Option<String> {
    let mut bytes = key.as_bytes().to_vec();
    let last = bytes.last_mut()?;
    *last = match *last {
        b'9' => b'0',
        b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => *last + 1,
        b'z' => b'a',
        b'Z' => b'A',
        _ => b'x',
    };
    String::from_utf8(bytes).ok()
}

fn case_flipped(key: &str) -> Option<String> {
    let flipped: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    (flipped != key).then_some(flipped)
}

fn middle_dropped(key: &str) -> Option<String> {
    let mid = key.char_indices().nth(key.chars().count() / 2)?.0;
    let mut s = key.to_string();
    s.remove(mid);
    Some(s)
}

fn phf_map(keys: &[(&'static str, ErrorCode)]) -> phf::Map<&'static str, ErrorCode> {
    let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
    let state = phf_generator::generate_hash(&names);
    let entries: Vec<(&'static str, ErrorCode)> = state.map.iter().map(|&i| keys[i]).collect();
    phf::Map {
        key: state.key,
        disps: Box::leak(state.disps.into_boxed_slice()),
        entries: Box::leak(entries.into_boxed_slice()),
    }
}

fn bench_lookup(c: &mut Criterion) {
    let keys = catalog_keys();
    let misses = near_misses(&keys);
    let hits: Vec<&'static str> = keys.iter().map(|(k, _)| *k).collect();
    let phf = phf_map(&keys);
    let std: HashMap<&'static str, ErrorCode> = keys.iter().copied().collect();

    // The three maps must agree before their speed means anything.
    for (key, code) in &keys {
        assert_eq!(errcat::lookup(key), Some(*code), "errcat misses {key:?}");
        assert_eq!(phf.get(key), Some(code), "phf misses {key:?}");
    }
    for key in &misses {
        assert_eq!(errcat::lookup(key), None, "near-miss {key:?} is a hit");
        assert!(phf.get(key).is_none() && !std.contains_key(key));
    }
    eprintln!(
        "lookup: {} entries, {} keys (codes and aliases), {} near-misses",
        ErrorCode::all().count(),
        hits.len(),
        misses.len()
    );

    for (group, set) in [("lookup_hits", &hits), ("lookup_misses", &misses)] {
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Elements(set.len() as u64));
        g.bench_function("errcat", |b| {
            b.iter(|| {
                let mut found = 0usize;
                for key in set.iter() {
                    found += errcat::lookup(black_box(key)).is_some() as usize;
                }
                black_box(found)
            })
        });
        g.bench_function("phf", |b| {
            b.iter(|| {
                let mut found = 0usize;
                for key in set.iter() {
                    found += phf.get(black_box(*key)).is_some() as usize;
                }
                black_box(found)
            })
        });
        g.bench_function("std_hashmap", |b| {
            b.iter(|| {
                let mut found = 0usize;
                for key in set.iter() {
                    found += std.contains_key(black_box(*key)) as usize;
                }
                black_box(found)
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench_lookup
}
criterion_main!(benches);
