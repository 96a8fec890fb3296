//! Property test of `classify` over arbitrary bytes and over mutated real bodies (the
//! fixtures and ADP's samples), for every vendor and a spread of statuses: no panic, and the
//! invariants below. It runs on stable with a modest case count in the normal suite;
//! `ERRCAT_PROP_CASES=1000000` runs it longer. The coverage-guided version is the cargo-fuzz
//! target in fuzz/ (nightly, not run by CI).
//!
//! A small deterministic generator (xorshift) keeps failures reproducible from the printed
//! seed without a dependency.

mod common;

use errcat::{classify, ApiError, MatchKind, Vendor};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"\"",
    b"null",
    b"true",
    b"1e999",
    b"-0",
    b"\\u0000",
    b"\\ud800",
    b"\"code\"",
    b"\"message\"",
    b"\"stat\"",
    b"\"error\"",
    b"\"data\"",
    b"\"results\"",
    b"\"confirmMessage\"",
    b"\"processMessages\"",
    b"\"userMessage\"",
    b"\"messageTxt\"",
    b"\"response\"",
    b"\"applicationCode\"",
    b"\"log_trace: rrt-\"",
    b"500-001-0014",
    b"\"343\"",
    b"<html>",
    b"<title>",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\n",
    b"\x1b[31m",
    b"Code: 401-001-0003",
    // Issue 9's shapes: problem documents, nested holders, labels, rules' phrases.
    b"\"detail\"",
    b"\"title\"",
    b"\"status\"",
    b"\"errorCode\"",
    b"\"traceId\"",
    b"\"errors\"",
    b"\"messageTypeCode\"",
    b"\"codeValue\"",
    b"\"messageText\"",
    b"\"_confirmMessage\"",
    b"\"messages\"",
    b"\"timestamp\"",
    b"\"path\"",
    b"\"AUT-0007\"",
    b"\"invalid_grant\"",
    b"insufficient privileges",
    b"RoleCode",
    b"Quota exceeded.",
    b"\\u00e9",
];

/// Every classify fixture, every real-world fixture and every tenth ADP sample; a missing or unreadable one fails the
/// test instead of silently shrinking the seed set.
fn seeds() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = common::classify_fixture_names()
        .iter()
        .map(|name| common::classify_fixture(name))
        .collect();
    let fixtures = out.len();
    let real: Vec<Vec<u8>> = common::real_manifest()
        .iter()
        .map(|row| common::real_fixture(&row.file))
        .collect();
    assert!(!real.is_empty(), "seeds from the real-world fixtures");
    out.extend(real);
    out.extend(
        common::adp_corpus_manifest()
            .iter()
            .step_by(10)
            .map(|(file, _)| common::adp_corpus_file(file)),
    );
    assert!(
        fixtures > 0 && out.len() > fixtures,
        "seeds from both sources"
    );
    out
}

fn mutate(rng: &mut Rng, mut b: Vec<u8>) -> Vec<u8> {
    for _ in 0..=rng.below(8) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            1 => b
                .splice(at..at, TOKENS[rng.below(TOKENS.len())].iter().copied())
                .for_each(drop),
            2 if at < b.len() => {
                let end = (at + 1 + rng.below(16)).min(b.len());
                b.drain(at..end);
            }
            3 => b.truncate(at),
            4 if at < b.len() => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                let span = b[at..end].to_vec();
                b.splice(at..at, span).for_each(drop);
            }
            _ => b.insert(at.min(b.len()), rng.next() as u8),
        }
    }
    b
}

fn arbitrary(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(512);
    if rng.below(2) == 0 {
        (0..len).map(|_| rng.next() as u8).collect()
    } else {
        let mut b = Vec::new();
        while b.len() < len {
            b.extend_from_slice(TOKENS[rng.below(TOKENS.len())]);
        }
        b
    }
}

fn check(vendor: Vendor, status: u16, body: &[u8]) {
    let c = classify(vendor, status, body);
    if status >= 400 {
        assert!(
            c.is_error(),
            "{vendor} {status} {:?}",
            String::from_utf8_lossy(body)
        );
    }
    assert!(c.errors().len() <= 100);
    for e in c.errors() {
        match e.match_kind() {
            MatchKind::Fallback => assert!(e.code().is_none() && e.rule().is_none()),
            // An inferred error may keep the entry its code named; it always names its rule.
            MatchKind::Inferred => assert!(e.rule().is_some()),
            _ => assert!(e.code().is_some() && e.rule().is_none()),
        }
        assert!(e.detail().map_or(0, str::len) <= 1024 + 3);
        assert!(e.wire_code().map_or(0, str::len) <= 128 + 3);
        if e.match_kind() == MatchKind::CatchAll {
            assert!(e.wire_code().is_some());
        }
    }
    assert!(c.trace_id().map_or(0, str::len) <= 128 + 3);
    serde_json::to_string(&c).unwrap();
    if let Ok(err) = ApiError::try_from(c) {
        let shown = err.to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
    }
}

#[test]
fn classify_never_panics_and_keeps_its_invariants() {
    let cases: usize = std::env::var("ERRCAT_PROP_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let seed = std::env::var("ERRCAT_PROP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x005e_ede7_7ca7_u64);
    let mut rng = Rng(seed);
    let seeds = seeds();
    assert!(!seeds.is_empty());
    let statuses = [
        200, 202, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504, 207, 302,
    ];
    let mut runs = 0u64;
    for _ in 0..cases {
        let body = if rng.below(3) == 0 {
            arbitrary(&mut rng)
        } else {
            let seed_body = seeds[rng.below(seeds.len())].clone();
            mutate(&mut rng, seed_body)
        };
        let status = statuses[rng.below(statuses.len())];
        for vendor in Vendor::ALL.iter().copied() {
            check(vendor, status, &body);
            runs += 1;
        }
    }
    eprintln!("classify property test: {cases} bodies, {runs} classify calls, seed {seed}");
}
