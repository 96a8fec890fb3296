//! `cargo +nightly fuzz run classify`: arbitrary bytes as the body of every vendor's response.
//! The first two bytes pick the HTTP status, so all statuses are explored.
#![no_main]

use errcat::{classify, MatchKind, Vendor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (100 + (u16::from_le_bytes([*a, *b]) % 500), rest),
        _ => (400, data),
    };
    for vendor in Vendor::ALL.iter().copied() {
        for status in [status, 200, 400] {
            let c = classify(vendor, status, body);
            if status >= 400 {
                assert!(!c.errors().is_empty());
            }
            assert!(c.errors().len() <= 100);
            for e in c.errors() {
                match e.match_kind() {
                    MatchKind::Fallback => assert!(e.code().is_none() && e.rule().is_none()),
                    MatchKind::Inferred => assert!(e.rule().is_some()),
                    MatchKind::Exact | MatchKind::Template | MatchKind::CatchAll => {
                        assert!(e.code().is_some() && e.rule().is_none())
                    }
                    // A kind added later must be given its invariant here.
                    other => panic!("match kind {other:?} unknown to the fuzz target"),
                }
                assert!(e.detail().map_or(0, str::len) <= 1024 + 3);
            }
            let _ = serde_json::to_string(&c).unwrap();
            if let Some(err) = c.into_error() {
                let shown = err.to_string();
                assert!(!shown.chars().any(char::is_control), "{shown:?}");
            }
        }
    }
});
