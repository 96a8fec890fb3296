//! Property test of the response-head reader over generated header lists: the bad inputs of
//! issue 10 (non-ASCII values, huge and negative numbers, dates before 1970 and after 9999,
//! duplicated headers) never panic and never give a delay outside 0..=MAX_RETRY_AFTER; and
//! the valid ones give exactly the delay they mean, HTTP-dates checked against `httpdate`.
//!
//! Deterministic (splitmix64 from fixed seeds), like classify_props.rs;
//! `ERRCAT_PROP_CASES` runs it longer.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use errcat::{classify_response_with, Head, HeadRules, Vendor, MAX_RETRY_AFTER};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    /// A signed number of seconds from year 0 to 9999.
    fn unix(&mut self) -> i64 {
        const FIRST: i64 = -62_167_219_200; // 0000-01-01
        const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59
        FIRST + self.below((LAST - FIRST + 1) as u64) as i64
    }
}

fn cases() -> usize {
    std::env::var("ERRCAT_PROP_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000)
}

fn at(unix: i64) -> SystemTime {
    if unix >= 0 {
        UNIX_EPOCH + Duration::from_secs(unix as u64)
    } else {
        UNIX_EPOCH - Duration::from_secs(unix.unsigned_abs())
    }
}

/// (year, month, day) of days since 1970-01-01 (Hinnant), for dates httpdate cannot write.
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// An IMF-fixdate for any year 0..=9999, with the right weekday unless `shift_day`.
fn imf(unix: i64, shift_day: bool) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil(days);
    let w = (days + i64::from(shift_day)).rem_euclid(7) as usize;
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} GMT",
        DAYS[w],
        MONTHS[(m - 1) as usize],
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

const NAMES: &[&str] = &[
    "Retry-After",
    "retry-after",
    "RETRY-AFTER",
    "RateLimit-Reset",
    "X-RateLimit-Reset",
    "x-ratelimit-remaining",
    "RateLimit-Remaining",
    "RateLimit",
    "ADP-CorrelationID",
    "X-Request-Id",
    "Content-Type",
];

/// A header value from the bad-input list, or a valid one.
fn value(rng: &mut Rng) -> Vec<u8> {
    match rng.below(14) {
        0 => rng.below(200_000).to_string().into_bytes(),
        1 => "9".repeat(1 + rng.below(400) as usize).into_bytes(),
        2 => format!("-{}", rng.below(1_000_000)).into_bytes(),
        3 => format!("{}.{}", rng.below(1 << 40), rng.below(1_000_000_000_000)).into_bytes(),
        4 => imf(rng.unix(), false).into_bytes(),
        5 => imf(rng.unix(), true).into_bytes(),
        // After 9999: no longer a 4-digit year.
        6 => format!("Fri, 31 Dec {} 23:59:59 GMT", 10_000 + rng.below(90_000)).into_bytes(),
        7 => (0..rng.below(40)).map(|_| rng.next() as u8).collect(),
        8 => "１２０ 秒".as_bytes().to_vec(),
        9 => format!("{}, {}, x", rng.below(100), rng.below(100)).into_bytes(),
        10 => format!("\"p\";r={};t={}", rng.below(3), rng.below(u64::MAX)).into_bytes(),
        11 => b" \t\x1b[31m\r\nInjected: header\x00".to_vec(),
        12 => (1_000_000_000 + rng.below(1 << 42))
            .to_string()
            .into_bytes(),
        _ => "x".repeat(rng.below(20_000) as usize).into_bytes(),
    }
}

#[test]
fn bad_input_never_panics_and_stays_in_range() {
    const RULES: HeadRules<'static> = HeadRules::new()
        .trace_headers(&["adp-correlationid", "x-request-id"])
        .rate_limited_wait(Some(Duration::from_secs(600)));
    let mut rng = Rng(0x00E4_4CA7);
    for case in 0..cases() {
        let n = rng.below(8) as usize;
        let headers: Vec<(String, Vec<u8>)> = (0..n)
            .map(|_| (rng.pick(NAMES).to_string(), value(&mut rng)))
            .collect();
        let now = at(rng.unix() + rng.below(1 << 20) as i64 - (1 << 19));
        let head = Head::read(&headers, RULES.trace_header_names(), now);
        for d in [head.retry_after(), head.rate_limit_reset()]
            .into_iter()
            .flatten()
        {
            assert!(d <= MAX_RETRY_AFTER, "case {case}: {d:?} from {headers:?}");
        }
        if let Some(t) = head.trace_id() {
            assert!(t.len() <= 128 + '…'.len_utf8(), "case {case}");
        }
        let status = *rng.pick(&[200, 401, 429, 500, 503]);
        let c = classify_response_with(Vendor::IxonCloud, status, &headers, b"", &RULES, now);
        assert!(c.retry_after().is_none_or(|d| d <= MAX_RETRY_AFTER));
        let json = serde_json::to_value(&c).expect("serializes");
        let secs = &json["retry_after_s"];
        assert!(
            secs.is_null() || secs.as_u64().is_some_and(|s| s <= 86_400),
            "{secs}"
        );
    }
}

#[test]
fn valid_values_give_exactly_what_they_mean() {
    let mut rng = Rng(42);
    for _ in 0..cases() {
        // An HTTP-date that httpdate writes (1970..=9999), seen k seconds before and after.
        let date = rng.below(253_402_300_800);
        let text = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(date));
        let k = rng.below(MAX_RETRY_AFTER.as_secs() + 1);
        let before = at(date as i64 - k as i64);
        let head = Head::read([("Retry-After", &text)], &[], before);
        assert_eq!(head.retry_after(), Some(Duration::from_secs(k)), "{text}");
        let after = at(date as i64 + k as i64);
        let head = Head::read([("Retry-After", &text)], &[], after);
        assert_eq!(head.retry_after(), Some(Duration::ZERO), "{text}");
        // Dates before 1970, which httpdate cannot write: the past, so now.
        let old = imf(-1 - rng.below(62_167_219_200) as i64, false);
        let head = Head::read([("Retry-After", &old)], &[], before);
        assert_eq!(head.retry_after(), Some(Duration::ZERO), "{old}");
        // Delta-seconds, and a Unix-time reset seen k seconds before it.
        let delta = rng.below(100_000);
        let head = Head::read([("retry-after", delta.to_string())], &[], before);
        assert_eq!(
            head.retry_after(),
            Some(Duration::from_secs(delta.min(86_400)))
        );
        let epoch = 1_000_000_000 + rng.below(1 << 36);
        let head = Head::read(
            [("X-RateLimit-Reset", epoch.to_string())],
            &[],
            at(epoch as i64 - k as i64),
        );
        assert_eq!(head.rate_limit_reset(), Some(Duration::from_secs(k)));
    }
}

#[test]
fn duplicates_take_the_longest_valid_retry_after_and_the_first_trace_id() {
    let mut rng = Rng(9);
    for _ in 0..cases() / 10 {
        let values: Vec<u64> = (0..1 + rng.below(6)).map(|_| rng.below(90_000)).collect();
        let mut headers: Vec<(&str, String)> = values
            .iter()
            .map(|v| ("Retry-After", v.to_string()))
            .collect();
        headers.insert(
            rng.below(headers.len() as u64) as usize,
            ("retry-after", "-1".into()),
        );
        headers.push(("X-Request-Id", "first".into()));
        headers.push(("x-request-id", "second".into()));
        let head = Head::read(&headers, &["X-Request-Id"], UNIX_EPOCH);
        let longest = values.iter().max().copied().unwrap_or(0).min(86_400);
        assert_eq!(head.retry_after(), Some(Duration::from_secs(longest)));
        assert_eq!(head.trace_id(), Some("first"));
    }
}
