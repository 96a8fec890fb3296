//! The response head: what the status line and headers add to a classification.
//!
//! - **The retry delay the server asks for.** `Retry-After` (delta-seconds or an HTTP-date),
//!   and when the response says a rate limit is spent, the reset headers `RateLimit-Reset`,
//!   `X-RateLimit-Reset` and the IETF draft's `RateLimit` (`t=` of an item with `r=0`).
//! - **The trace id** when the vendor sends it as a header (the header names come from the
//!   vendor's spec, `trace_headers`, see [`Catalog::trace_headers`](crate::Catalog::trace_headers)).
//! - **A documented wait** (the spec's `rate_limit_wait_s`), when no header says otherwise.
//!
//! The spec data reaches the reader as [`HeadRules`]: [`Catalog::head_rules`](crate::Catalog::head_rules)
//! gives a catalog's own, and a caller may extend or replace them.
//!
//! Header values are untrusted bytes. Nothing here panics, every value is read in one pass,
//! and no delay is ever negative or larger than [`MAX_RETRY_AFTER`]: a date in the past is
//! "now" (zero), a number too large for any clock is the cap, and anything that is not a
//! valid value (a sign, a fraction in `Retry-After`, non-ASCII bytes, a date with the wrong
//! weekday or a year after 9999) is ignored as if the header were absent.

mod date;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::classify::{cap, MAX_ID};
use crate::{Category, Classification, ErrorCode, Vendor};

/// The longest delay read from a header or given by [`HeadRules`]: one day.
///
/// A day covers the longest window the five vendors document (IRIS HR's daily quota); a
/// header asking for more is either a bug or a date read in the wrong unit, and a caller
/// should then decide for itself rather than schedule a resend a year out.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(86_400);

/// `X-RateLimit-Reset` values from here up are Unix times in seconds, below it delays.
///
/// The header means a delay for some servers and an epoch time for others (GitHub), and
/// the two ranges do not overlap in practice: 10^9 seconds as a delay is 31 years, no rate
/// limit's window; as a Unix time it is September 2001, before any server now running.
const EPOCH_SECONDS_FROM: u64 = 1_000_000_000;
/// Values from here up are Unix times in milliseconds (10^12 seconds would be 31,000 years).
const EPOCH_MILLIS_FROM: u64 = 1_000_000_000_000;

/// One header: a name/value pair such as `(&str, &str)`, `(String, Vec<u8>)`, a reference
/// to one (`&Vec<(String, String)>` iterates those), or `http`'s
/// `(&HeaderName, &HeaderValue)` as a `&HeaderMap` gives them.
pub trait HeaderField {
    /// The header's name, in any case.
    fn name(&self) -> &str;
    /// The header's value, as received.
    fn value(&self) -> &[u8];
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderField for (K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderField for &(K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

/// What a vendor's spec says about its response heads: the inputs the head reader cannot
/// find in the headers themselves.
///
/// Each catalog's spec declares its own (`trace_headers`, `rate_limit_wait_s` in the vendor
/// header): [`Catalog::head_rules`](crate::Catalog::head_rules) gives them, and
/// [`classify_response`] uses them. [`HeadRules::new`] declares nothing, for a caller who
/// wants only the standard headers to count, and callers who know more (a gateway's request
/// id header) build their own and pass them to [`classify_response_with`].
///
/// ```
/// use std::time::Duration;
/// use errcat::{HeadRules, Vendor};
/// let ixon = Vendor::IxonCloud.catalog().head_rules();
/// assert_eq!(ixon.rate_limited_wait_of(), Some(Duration::from_secs(600)));
/// let rules = HeadRules::new()
///     .trace_headers(&["ADP-CorrelationID", "X-Request-Id"])
///     .rate_limited_wait(Some(Duration::from_secs(600)));
/// assert_eq!(rules.trace_header_names(), &["ADP-CorrelationID", "X-Request-Id"]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct HeadRules<'a> {
    trace_headers: &'a [&'a str],
    rate_limited_wait: Option<Duration>,
    entry_wait: fn(ErrorCode) -> Option<Duration>,
}

impl Default for HeadRules<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> HeadRules<'a> {
    /// No trace-id headers and no documented waits: only the standard headers count.
    pub const fn new() -> Self {
        HeadRules {
            trace_headers: &[],
            rate_limited_wait: None,
            entry_wait: |_| None,
        }
    }

    /// The headers that carry the vendor's trace id, in order of preference (matched
    /// without regard to case). The first listed name present with a non-empty value wins;
    /// of several instances of that header, the first.
    pub const fn trace_headers(mut self, names: &'a [&'a str]) -> Self {
        self.trace_headers = names;
        self
    }

    /// A wait the vendor documents for all its rate-limited responses (IXON blocks a client
    /// for 10 minutes after a 429): used for a 429 or a `rate_limited` error when no header
    /// gives a delay. Capped at [`MAX_RETRY_AFTER`].
    pub const fn rate_limited_wait(mut self, wait: Option<Duration>) -> Self {
        self.rate_limited_wait = wait;
        self
    }

    /// The wait the vendor documents for one entry, if any: used when no header gives a
    /// delay, before [`rate_limited_wait`](Self::rate_limited_wait). Of several errors, the
    /// longest wait counts.
    pub const fn entry_wait(mut self, wait: fn(ErrorCode) -> Option<Duration>) -> Self {
        self.entry_wait = wait;
        self
    }

    /// The trace-id header names.
    pub const fn trace_header_names(&self) -> &'a [&'a str] {
        self.trace_headers
    }

    /// The vendor's documented wait after a rate-limited response.
    pub const fn rate_limited_wait_of(&self) -> Option<Duration> {
        self.rate_limited_wait
    }
}

/// What the headers of one response say, read once.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
/// let head = errcat::Head::read(
///     [("retry-after", "Sun, 06 Nov 1994 08:50:07 GMT"), ("X-Request-Id", "abc")],
///     &["x-request-id"],
///     now,
/// );
/// assert_eq!(head.retry_after(), Some(Duration::from_secs(30)));
/// assert_eq!(head.trace_id(), Some("abc"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Head {
    retry_after: Option<Duration>,
    reset: Option<Duration>,
    exhausted: bool,
    trace_id: Option<String>,
}

impl Head {
    /// Reads `headers` (name/value pairs, names in any case), with `trace_headers` the names
    /// that carry a trace id and `now` the time the response arrived (for HTTP-dates and
    /// epoch-based reset times).
    pub fn read<I>(headers: I, trace_headers: &[&str], now: SystemTime) -> Head
    where
        I: IntoIterator,
        I::Item: HeaderField,
    {
        let now = Now::of(now);
        let mut head = Head::default();
        // (rank in `trace_headers`, value): replaced only by a better-ranked name, so at
        // most one copy per listed name is ever made.
        let mut trace: Option<(usize, Vec<u8>)> = None;
        for field in headers {
            let (name, value) = (field.name(), field.value());
            if name.eq_ignore_ascii_case("retry-after") {
                if let Some(d) = retry_after(value, now) {
                    head.retry_after = Some(head.retry_after.map_or(d, |old| old.max(d)));
                }
            } else if name.eq_ignore_ascii_case("ratelimit-reset")
                || name.eq_ignore_ascii_case("x-ratelimit-reset")
            {
                head.reset_at_least(reset_delay(value, now));
            } else if name.eq_ignore_ascii_case("ratelimit-remaining")
                || name.eq_ignore_ascii_case("x-ratelimit-remaining")
            {
                head.exhausted |= delta_seconds(trim_ows(value)) == Some(0);
            } else if name.eq_ignore_ascii_case("ratelimit") {
                let (exhausted, reset) = ratelimit_field(value);
                head.exhausted |= exhausted;
                head.reset_at_least(reset);
            }
            if let Some(rank) = trace_headers
                .iter()
                .position(|t| t.eq_ignore_ascii_case(name))
            {
                let value = trim_ows(value);
                if !value.is_empty() && trace.as_ref().is_none_or(|(best, _)| rank < *best) {
                    // A few times the kept length, so that a megabyte header costs no more.
                    trace = Some((rank, value[..value.len().min(4 * MAX_ID)].to_vec()));
                }
            }
        }
        head.trace_id = trace.map(|(_, v)| cap(&String::from_utf8_lossy(&v), MAX_ID));
        head
    }

    fn reset_at_least(&mut self, d: Option<Duration>) {
        if let Some(d) = d {
            self.reset = Some(self.reset.map_or(d, |old| old.max(d)));
        }
    }

    /// The delay `Retry-After` asks for, capped at [`MAX_RETRY_AFTER`]; a past date is zero.
    /// Of several valid `Retry-After` headers the longest wins: the server asked for at
    /// least that.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The time until the rate-limit window resets, from `RateLimit-Reset`,
    /// `X-RateLimit-Reset` (a delay below 10^9, a Unix time in seconds from 10^9, in
    /// milliseconds from 10^12; fractions allowed) or the draft `RateLimit` field; capped,
    /// and the longest of several.
    pub fn rate_limit_reset(&self) -> Option<Duration> {
        self.reset
    }

    /// Whether a `RateLimit-Remaining` / `X-RateLimit-Remaining` / `RateLimit` `r=` says
    /// that nothing is left.
    pub fn rate_limit_exhausted(&self) -> bool {
        self.exhausted
    }

    /// The trace id from the first of the trace headers present, trimmed, lossily decoded
    /// as UTF-8 and capped at 128 bytes: escape it before logging, as
    /// [`ApiError`](crate::ApiError)'s `Display` does.
    pub fn trace_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }

    /// The delay before sending again that this head and `rules` give `classification`:
    /// 1. `Retry-After`;
    /// 2. the rate-limit reset, when the limit is spent: a `remaining` of 0, a 429, or a
    ///    `rate_limited` / `quota_exceeded` error (other responses carry the reset
    ///    headers too, where they say nothing about this failure);
    /// 3. the longest documented wait of the errors' entries ([`HeadRules::entry_wait`]);
    /// 4. the vendor's documented wait after a 429 or a `rate_limited` error;
    /// 5. else nothing.
    pub fn delay_for(&self, c: &Classification, rules: &HeadRules<'_>) -> Option<Duration> {
        let throttled = c.status() == 429
            || c.errors()
                .iter()
                .any(|e| e.category() == Category::RateLimited);
        let spent = throttled
            || self.exhausted
            || c.errors()
                .iter()
                .any(|e| e.category() == Category::QuotaExceeded);
        self.retry_after
            .or(self.reset.filter(|_| spent))
            .or_else(|| {
                c.errors()
                    .iter()
                    .filter_map(|e| e.code().and_then(rules.entry_wait))
                    .max()
            })
            .or(rules.rate_limited_wait.filter(|_| throttled))
            .map(|d| d.min(MAX_RETRY_AFTER))
    }
}

/// Classifies a whole response: [`classify`](crate::classify) on the body, plus what the
/// headers say (see [`Head`]): the retry delay ([`Classification::retry_after`]) and a trace
/// id when the body has none. The same as `vendor.catalog().classify_response(status,
/// headers, body)`, with the vendor's spec data ([`Catalog::head_rules`](crate::Catalog::head_rules)):
/// its trace-id headers (ADP's `ADP-CorrelationID`) and its documented wait after a 429
/// (IXON's 10 minutes), which applies when no header gives a delay.
///
/// `headers` are name/value pairs of anything that reads as `str` / bytes ([`HeaderField`]):
/// `[(&str, &str)]`, `&Vec<(String, Vec<u8>)>`, or an `http::HeaderMap` by reference (as
/// reqwest and hyper give it), without the `http` feature. "Now" is the system clock; use
/// [`classify_response_with`] to fix it, or to pass other [`HeadRules`].
///
/// When both the body and a header carry a trace id, **the body's wins**: it is the id the
/// vendor's application wrote next to the error code, while a header may come from a
/// gateway in front of it; the header's id fills in when the body has none (ADP's OAuth
/// errors, an HTML gateway page).
///
/// ```
/// use std::time::Duration;
/// use errcat::{classify_response, Vendor};
/// let body = br#"{"type":"Error","data":[{"message":"Too many requests"}],"status":"error"}"#;
/// let c = classify_response(Vendor::IxonCloud, 429, [("Retry-After", "120")], body);
/// assert_eq!(c.retry_after(), Some(Duration::from_secs(120)));
/// // No header says: IXON's documented 10-minute block.
/// let c = classify_response(Vendor::IxonCloud, 429, [("Content-Type", "application/json")], body);
/// assert_eq!(c.retry_after(), Some(Duration::from_secs(600)));
/// ```
pub fn classify_response<I>(vendor: Vendor, status: u16, headers: I, body: &[u8]) -> Classification
where
    I: IntoIterator,
    I::Item: HeaderField,
{
    vendor.catalog().classify_response(status, headers, body)
}

/// [`classify_response`] with the given [`HeadRules`] in place of the vendor's own, and the
/// time the response arrived: `vendor.catalog().classify_response_with(…)`.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use errcat::{classify_response_with, HeadRules, Vendor};
/// let rules = Vendor::Adp.catalog().head_rules();
/// let body = br#"{"error":"invalid_request","error_description":"proper client ssl certificate was not presented"}"#;
/// let headers = [("adp-correlationid", "7a3c-11")];
/// let c = classify_response_with(Vendor::Adp, 401, headers, body, &rules, SystemTime::UNIX_EPOCH);
/// assert_eq!(c.trace_id(), Some("7a3c-11"));
/// assert_eq!(c.retry_after(), None);
/// ```
pub fn classify_response_with<I>(
    vendor: Vendor,
    status: u16,
    headers: I,
    body: &[u8],
    rules: &HeadRules<'_>,
    now: SystemTime,
) -> Classification
where
    I: IntoIterator,
    I::Item: HeaderField,
{
    vendor
        .catalog()
        .classify_response_with(status, headers, body, rules, now)
}

/// `c` with what `head` adds to it under `rules`.
pub(crate) fn with_head(c: Classification, head: &Head, rules: &HeadRules<'_>) -> Classification {
    let delay = head.delay_for(&c, rules);
    c.with_head(head.trace_id(), delay)
}

/// A point in time with nanosecond precision, as signed nanoseconds since the Unix epoch
/// (an `i128` holds any `SystemTime` and any HTTP-date, so no arithmetic here overflows).
#[derive(Clone, Copy)]
struct Now(i128);

impl Now {
    fn of(t: SystemTime) -> Now {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => Now(d.as_nanos() as i128),
            Err(e) => Now(-(e.duration().as_nanos() as i128)),
        }
    }
    fn unix_seconds(self) -> i64 {
        let s = self.0.div_euclid(1_000_000_000);
        i64::try_from(s).unwrap_or(if s < 0 { i64::MIN } else { i64::MAX })
    }
    /// The delay from now until `at_nanos` (Unix nanoseconds): zero if past, capped.
    fn until(self, at_nanos: i128) -> Duration {
        let d = (at_nanos - self.0).clamp(0, MAX_RETRY_AFTER.as_nanos() as i128);
        Duration::from_nanos(d as u64)
    }
}

/// `value` without the optional whitespace (spaces and tabs) HTTP allows around it.
fn trim_ows(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(start, |e| e + 1);
    &s[start..end.max(start)]
}

/// `1*DIGIT`, saturating at `u64::MAX` (a huge number is "as long as possible", which the
/// cap then bounds) rather than failing.
fn delta_seconds(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.iter().try_fold(0u64, |n, &b| {
        b.is_ascii_digit()
            .then(|| n.saturating_mul(10).saturating_add(u64::from(b - b'0')))
    })
}

/// A `Retry-After` value: delta-seconds or an HTTP-date. A proxy that merged duplicates
/// into one line (`120, 120`) gives the longest of the numbers.
fn retry_after(value: &[u8], now: Now) -> Option<Duration> {
    let v = trim_ows(value);
    let cap = |secs: u64| Duration::from_secs(secs.min(MAX_RETRY_AFTER.as_secs()));
    if let Some(secs) = delta_seconds(v) {
        return Some(cap(secs));
    }
    if let Some(at) = date::parse(v, now.unix_seconds()) {
        return Some(now.until(i128::from(at) * 1_000_000_000));
    }
    v.split(|&b| b == b',')
        .map(|part| delta_seconds(trim_ows(part)))
        .try_fold(None, |max: Option<u64>, n| n.map(|n| max.max(Some(n))))
        .flatten()
        .map(cap)
}

/// `123` or `123.456`: whole seconds (saturating) and nanoseconds (extra digits dropped).
fn decimal(s: &[u8]) -> Option<(u64, u32)> {
    let (int, frac) = match s.iter().position(|&b| b == b'.') {
        Some(dot) => (&s[..dot], Some(&s[dot + 1..])),
        None => (s, None),
    };
    let whole = delta_seconds(int)?;
    let nanos = match frac {
        None => 0,
        Some(f) if f.is_empty() || !f.iter().all(u8::is_ascii_digit) => return None,
        Some(f) => f
            .iter()
            .take(9)
            .chain(std::iter::repeat(&b'0'))
            .take(9)
            .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0')),
    };
    Some((whole, nanos))
}

/// A `RateLimit-Reset` / `X-RateLimit-Reset` value as a delay from now (see
/// [`EPOCH_SECONDS_FROM`] for how a delay and a Unix time are told apart).
fn reset_delay(value: &[u8], now: Now) -> Option<Duration> {
    let (whole, nanos) = decimal(trim_ows(value))?;
    let at = |unit_nanos: i128| i128::from(whole) * unit_nanos;
    Some(if whole >= EPOCH_MILLIS_FROM {
        now.until(at(1_000_000) + i128::from(nanos) / 1_000)
    } else if whole >= EPOCH_SECONDS_FROM {
        now.until(at(1_000_000_000) + i128::from(nanos))
    } else {
        Duration::new(whole, nanos).min(MAX_RETRY_AFTER)
    })
}

/// The draft IETF `RateLimit` field (draft-ietf-httpapi-ratelimit-headers-08 and later):
/// a list of items such as `"default";r=0;t=30`, `r` the quota left and `t` the seconds
/// until it resets. Answers whether an item is spent, and the longest `t` of the items that
/// are spent or do not say (an item with quota left says nothing about this wait).
fn ratelimit_field(value: &[u8]) -> (bool, Option<Duration>) {
    let mut exhausted = false;
    let mut reset: Option<Duration> = None;
    for item in value.split(|&b| b == b',') {
        let (mut r, mut t) = (None, None);
        for param in item.split(|&b| b == b';').skip(1) {
            let Some(eq) = param.iter().position(|&b| b == b'=') else {
                continue;
            };
            let (key, val) = (trim_ows(&param[..eq]), trim_ows(&param[eq + 1..]));
            match key {
                b"r" => r = delta_seconds(val),
                b"t" => t = delta_seconds(val),
                _ => {}
            }
        }
        exhausted |= r == Some(0);
        if let (Some(t), None | Some(0)) = (t, r) {
            let t = Duration::from_secs(t.min(MAX_RETRY_AFTER.as_secs()));
            reset = Some(reset.map_or(t, |old| old.max(t)));
        }
    }
    (exhausted, reset)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: u64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn head(headers: &[(&str, &[u8])]) -> Head {
        Head::read(headers, &["x-trace", "x-other"], at(T0))
    }

    #[test]
    fn retry_after_forms() {
        let d = |h: &[u8]| head(&[("Retry-After", h)]).retry_after();
        assert_eq!(d(b"120"), Some(Duration::from_secs(120)));
        assert_eq!(d(b" 0 "), Some(Duration::ZERO));
        assert_eq!(d(b"120, 30"), Some(Duration::from_secs(120)));
        assert_eq!(
            d(b"Thu, 01 Jan 2026 00:00:30 GMT"),
            Some(Duration::from_secs(30))
        );
        // In the past, even before 1970: now.
        assert_eq!(d(b"Sun, 06 Nov 1994 08:49:37 GMT"), Some(Duration::ZERO));
        assert_eq!(d(b"Wed, 01 Jan 1000 00:00:00 GMT"), Some(Duration::ZERO));
        // Far ahead: the cap.
        assert_eq!(d(b"Fri, 31 Dec 9999 23:59:59 GMT"), Some(MAX_RETRY_AFTER));
        assert_eq!(d(b"99999999999999999999999999"), Some(MAX_RETRY_AFTER));
        for garbage in [
            &b"-5"[..],
            b"+5",
            b"1.5",
            b"",
            b"soon",
            b"\xff\xfe",
            "１２".as_bytes(),
            b"120, soon",
        ] {
            assert_eq!(d(garbage), None, "{garbage:?}");
        }
    }

    #[test]
    fn duplicated_retry_after_takes_the_longest_valid_one() {
        let h = head(&[
            ("retry-after", b"5"),
            ("Retry-After", b"garbage"),
            ("RETRY-AFTER", b"40"),
        ]);
        assert_eq!(h.retry_after(), Some(Duration::from_secs(40)));
    }

    #[test]
    fn reset_headers_tell_delays_from_epoch_times() {
        let r = |h: &[u8]| head(&[("X-RateLimit-Reset", h)]).rate_limit_reset();
        assert_eq!(r(b"30"), Some(Duration::from_secs(30)));
        assert_eq!(r(b"1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(r(b"1767225660"), Some(Duration::from_secs(60))); // epoch seconds
        assert_eq!(r(b"1767225600500"), Some(Duration::from_millis(500))); // epoch ms
        assert_eq!(r(b"1767225000"), Some(Duration::ZERO)); // an epoch time just past
        assert_eq!(r(b"1000000000"), Some(Duration::ZERO)); // 2001: long past
        assert_eq!(r(b"999999999"), Some(MAX_RETRY_AFTER)); // a 31-year delay: capped
        assert_eq!(r(b"-1"), None);
        assert_eq!(r(b"1."), None);
        assert_eq!(r(b"1.x"), None);
        let h = head(&[("RateLimit-Reset", b"10"), ("ratelimit-remaining", b"0")]);
        assert_eq!(h.rate_limit_reset(), Some(Duration::from_secs(10)));
        assert!(h.rate_limit_exhausted());
        assert!(!head(&[("X-RateLimit-Remaining", b"4")]).rate_limit_exhausted());
    }

    #[test]
    fn draft_ratelimit_field() {
        let h = head(&[("RateLimit", br#""burst";r=5;t=1, "daily";r=0;t=3600"#)]);
        assert!(h.rate_limit_exhausted());
        assert_eq!(h.rate_limit_reset(), Some(Duration::from_secs(3600)));
        let h = head(&[("RateLimit", br#""default";r=50;t=30"#)]);
        assert!(!h.rate_limit_exhausted());
        assert_eq!(h.rate_limit_reset(), None);
    }

    #[test]
    fn trace_header_preference_and_duplicates() {
        let h = head(&[
            ("X-Other", b"second-choice"),
            ("X-Trace", b"  "),
            ("x-trace", b"first"),
            ("X-TRACE", b"duplicate"),
        ]);
        assert_eq!(h.trace_id(), Some("first"));
        let h = head(&[("x-other", b"caf\xe9\x1b[31m")]);
        assert_eq!(h.trace_id(), Some("caf\u{fffd}\u{1b}[31m"));
        assert_eq!(head(&[("x-unrelated", b"id")]).trace_id(), None);
    }

    #[test]
    fn now_before_the_epoch_and_far_ahead_never_panics() {
        for now in [
            UNIX_EPOCH - Duration::from_secs(10_000_000_000),
            UNIX_EPOCH + Duration::from_secs(u64::MAX / 4),
        ] {
            let h = Head::read(
                [
                    ("Retry-After", &b"Fri, 31 Dec 9999 23:59:59 GMT"[..]),
                    ("X-RateLimit-Reset", b"99999999999999999999"),
                ],
                &[],
                now,
            );
            assert!(h.retry_after().is_some_and(|d| d <= MAX_RETRY_AFTER));
            assert!(h.rate_limit_reset().is_some_and(|d| d <= MAX_RETRY_AFTER));
        }
    }
}
