//! A hand-written HTTP-date parser (RFC 9110 §5.6.7), so that the default build needs no
//! date crate. It reads the three formats a recipient must accept and answers in seconds
//! since the Unix epoch, negative before 1970, in constant time and without allocating.
//!
//! It agrees with the `httpdate` crate (hyper's) wherever that crate has an answer, which the
//! property test below checks on generated dates; where it differs it does so on purpose:
//! - years 0000..=1969 parse (to a negative time) instead of failing: a `Retry-After` date in
//!   the past means "now", however far in the past;
//! - a leap second (`23:59:60`) parses, as RFC 9110's grammar allows (`00-60`);
//! - an RFC 850 two-digit year is read with RFC 9110's rule, relative to "now": the latest
//!   year with those digits that is at most 50 years ahead (`httpdate` pivots at 70).

/// Seconds from 1970-01-01 to 0000-03-01 and back are computed with i64; every value an
/// HTTP-date can hold (years 0..=9999) fits with room to spare.
const SECS_PER_DAY: i64 = 86_400;

/// `value` as an HTTP-date: seconds since the Unix epoch (negative before 1970), or `None`
/// when it is not a valid date in any of the three formats. `now_unix` only matters for an
/// RFC 850 date's two-digit year. Surrounding spaces and tabs are ignored.
pub(crate) fn parse(value: &[u8], now_unix: i64) -> Option<i64> {
    let s = super::trim_ows(value);
    match s.len() {
        29 => imf_fixdate(s),
        24 => asctime(s),
        _ => rfc850(s, now_unix),
    }
}

/// The year that `now_unix` falls in (UTC).
pub(crate) fn year_of(now_unix: i64) -> i64 {
    civil_from_days(now_unix.div_euclid(SECS_PER_DAY)).0
}

const DAYS: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
const LONG_DAYS: [&[u8]; 7] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
];
const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// `Sun, 06 Nov 1994 08:49:37 GMT`
fn imf_fixdate(s: &[u8]) -> Option<i64> {
    if &s[3..5] != b", " || s[7] != b' ' || s[11] != b' ' || s[16] != b' ' || &s[25..] != b" GMT" {
        return None;
    }
    let wday = day_name(&s[..3])?;
    let day = digits(&s[5..7])?;
    let month = month(&s[8..11])?;
    let year = digits(&s[12..16])?;
    let secs = time_of_day(&s[17..25])?;
    assemble(year, month, day, secs, wday)
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`
fn rfc850(s: &[u8], now_unix: i64) -> Option<i64> {
    let comma = s.iter().position(|&b| b == b',')?;
    let wday = LONG_DAYS.iter().position(|d| *d == &s[..comma])?;
    let rest = &s[comma..];
    // ", 06-Nov-94 08:49:37 GMT"
    if rest.len() != 24
        || &rest[..2] != b", "
        || rest[4] != b'-'
        || rest[8] != b'-'
        || rest[11] != b' '
        || &rest[20..] != b" GMT"
    {
        return None;
    }
    let day = digits(&rest[2..4])?;
    let month = month(&rest[5..8])?;
    let yy = digits(&rest[9..11])?;
    let secs = time_of_day(&rest[12..20])?;
    assemble(
        two_digit_year(yy, year_of(now_unix)),
        month,
        day,
        secs,
        wday,
    )
}

/// `Sun Nov  6 08:49:37 1994` (the day is space-padded)
fn asctime(s: &[u8]) -> Option<i64> {
    if s[3] != b' ' || s[7] != b' ' || s[10] != b' ' || s[19] != b' ' {
        return None;
    }
    let wday = day_name(&s[..3])?;
    let month = month(&s[4..7])?;
    let day = match s[8] {
        b' ' => digits(&s[9..10])?,
        _ => digits(&s[8..10])?,
    };
    let secs = time_of_day(&s[11..19])?;
    let year = digits(&s[20..24])?;
    assemble(year, month, day, secs, wday)
}

/// RFC 9110: a two-digit year that would be more than 50 years in the future is the most
/// recent past year with the same last two digits.
fn two_digit_year(yy: i64, current: i64) -> i64 {
    let mut year = current - current.rem_euclid(100) + yy;
    if year > current + 50 {
        year -= 100;
    } else if year + 100 <= current + 50 {
        year += 100;
    }
    year
}

fn day_name(s: &[u8]) -> Option<usize> {
    DAYS.iter().position(|d| d.as_slice() == s)
}

fn month(s: &[u8]) -> Option<i64> {
    MONTHS
        .iter()
        .position(|m| m.as_slice() == s)
        .map(|m| m as i64 + 1)
}

/// `08:49:37` as seconds into the day; a leap second `60` is allowed.
fn time_of_day(s: &[u8]) -> Option<i64> {
    if s[2] != b':' || s[5] != b':' {
        return None;
    }
    let (h, m, sec) = (digits(&s[..2])?, digits(&s[3..5])?, digits(&s[6..8])?);
    (h < 24 && m < 60 && sec <= 60).then_some(h * 3600 + m * 60 + sec)
}

/// ASCII digits only (no sign, no spaces) as a number; at most four here, so no overflow.
fn digits(s: &[u8]) -> Option<i64> {
    s.iter().try_fold(0i64, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
    })
}

/// The date's Unix time, if the day exists in that month and the day name is that date's.
fn assemble(year: i64, month: i64, day: i64, secs: i64, wday: usize) -> Option<i64> {
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday, index 3 with Monday as 0.
    if (days + 3).rem_euclid(7) != wday as i64 {
        return None;
    }
    Some(days * SECS_PER_DAY + secs)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a day count since 1970-01-01, the inverse of `days_from_civil`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    /// 2026-01-01T00:00:00Z: a fixed "now" for the two-digit years.
    const NOW: i64 = 1_767_225_600;
    /// 9999-12-31T23:59:59Z, the last second `httpdate` can hold.
    const LAST: u64 = 253_402_300_799;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            // splitmix64: every seed gives a full-period, well-mixed sequence.
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
    }

    fn reference(s: &str) -> Option<i64> {
        httpdate::parse_http_date(s).ok().map(|t| {
            t.duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
    }

    /// The three formats of one instant, written by hand from its civil fields.
    fn formats(unix: i64) -> [String; 3] {
        let days = unix.div_euclid(SECS_PER_DAY);
        let secs = unix.rem_euclid(SECS_PER_DAY);
        let (y, m, d) = civil_from_days(days);
        let w = (days + 3).rem_euclid(7) as usize;
        let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
        let day = std::str::from_utf8(DAYS[w]).unwrap();
        let long = std::str::from_utf8(LONG_DAYS[w]).unwrap();
        let mon = std::str::from_utf8(MONTHS[(m - 1) as usize]).unwrap();
        [
            format!("{day}, {d:02} {mon} {y:04} {hh:02}:{mm:02}:{ss:02} GMT"),
            format!(
                "{long}, {d:02}-{mon}-{:02} {hh:02}:{mm:02}:{ss:02} GMT",
                y % 100
            ),
            format!("{day} {mon} {d:>2} {hh:02}:{mm:02}:{ss:02} {y:04}"),
        ]
    }

    #[test]
    fn the_rfc_examples() {
        for s in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "  Sun, 06 Nov 1994 08:49:37 GMT\t",
        ] {
            assert_eq!(parse(s.as_bytes(), NOW), Some(784_111_777), "{s}");
        }
    }

    #[test]
    fn agrees_with_httpdate_on_generated_dates() {
        let mut rng = Rng(0x5EED);
        for _ in 0..20_000 {
            let unix = (rng.next() % (LAST + 1)) as i64;
            let time = UNIX_EPOCH + Duration::from_secs(unix as u64);
            let [imf, rfc850, asctime] = formats(unix);
            // httpdate's own formatter writes IMF-fixdate: the exact bytes servers send.
            assert_eq!(httpdate::fmt_http_date(time), imf);
            assert_eq!(parse(imf.as_bytes(), NOW), Some(unix), "{imf}");
            assert_eq!(reference(&imf), Some(unix), "{imf}");
            assert_eq!(parse(asctime.as_bytes(), NOW), Some(unix), "{asctime}");
            assert_eq!(reference(&asctime), Some(unix), "{asctime}");
            // Two-digit years: both rules agree outside 1970..=1976 when "now" is 2026.
            let year = civil_from_days(unix.div_euclid(SECS_PER_DAY)).0;
            let ours = parse(rfc850.as_bytes(), NOW);
            if (1977..=2076).contains(&year) {
                assert_eq!(ours, Some(unix), "{rfc850}");
            }
            if (1977..=2069).contains(&year) {
                assert_eq!(reference(&rfc850), ours, "{rfc850}");
            }
        }
    }

    #[test]
    fn agrees_with_httpdate_on_mutated_dates() {
        // One byte changed in a valid date: both parsers must accept and reject the same
        // strings, and agree on the time, wherever httpdate has an answer (1970..=9999,
        // no leap second) and the mutation is not leading or trailing whitespace.
        const ALPHABET: &[u8] = b"0123456789 ,:-GMTSunMonFebDecaday\t\xff";
        let mut rng = Rng(7);
        let mut accepted = 0;
        for _ in 0..50_000 {
            let unix = (rng.next() % (LAST + 1)) as i64;
            let which = (rng.next() % 3) as usize;
            let mut bytes = formats(unix)[which].clone().into_bytes();
            let at = (rng.next() % bytes.len() as u64) as usize;
            bytes[at] = ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize];
            let ours = parse(&bytes, NOW);
            let Ok(text) = std::str::from_utf8(&bytes) else {
                assert_eq!(ours, None);
                continue;
            };
            if text.trim() != text || text.contains(":60") {
                continue;
            }
            let theirs = reference(text);
            if which == 1 {
                // RFC 850: compare only where the two-digit-year rules coincide.
                let y = ours
                    .or(theirs)
                    .map(|t| civil_from_days(t.div_euclid(SECS_PER_DAY)).0);
                if !y.is_some_and(|y| (1977..=2069).contains(&y)) {
                    continue;
                }
            }
            if ours.is_some_and(|t| t < 0) {
                assert_eq!(theirs, None, "{text:?}");
                continue;
            }
            if let (None, Some(t)) = (ours, theirs) {
                // httpdate skips a few separators it does not check (RFC 850's space before
                // the time): it accepted a string that is not the date written out. That is
                // its leniency, not a date we miss.
                if formats(t)[which] != text {
                    continue;
                }
            }
            assert_eq!(ours, theirs, "{text:?}");
            accepted += usize::from(ours.is_some());
        }
        // Not vacuous: many mutations (a digit for a digit) still make valid dates.
        assert!(accepted > 1_000, "{accepted}");
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in [
            "",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Mon, 06 Nov 1994 08:49:37 GMT", // wrong weekday
            "Sun, 31 Nov 1994 08:49:37 GMT", // no such day
            "Tue, 29 Feb 2100 00:00:00 GMT", // not a leap year
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49:61 GMT",
            "Sun, 06 Nov 10000 08:49:37 GMT", // after 9999: not a 4DIGIT year
            "Sun, 06 Nov -994 08:49:37 GMT",
            "sun, 06 nov 1994 08:49:37 gmt", // names are case-sensitive
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov 06 08:49:37 94",
            "Sun, 06 Nov 1994 08:49:37 GMT\u{0}",
            "Sun,\u{a0}06 Nov 1994 08:49:37 GMT",
            "120",
        ] {
            assert_eq!(parse(s.as_bytes(), NOW), None, "{s:?}");
        }
    }

    #[test]
    fn before_1970_is_negative_and_leap_seconds_roll_over() {
        assert_eq!(parse(b"Thu, 01 Jan 1970 00:00:00 GMT", NOW), Some(0));
        assert_eq!(parse(b"Wed, 31 Dec 1969 23:59:59 GMT", NOW), Some(-1));
        assert_eq!(
            parse(b"Sat, 01 Jan 0000 00:00:00 GMT", NOW),
            Some(-62_167_219_200)
        );
        assert_eq!(
            parse(b"Fri, 31 Dec 9999 23:59:59 GMT", NOW),
            Some(LAST as i64)
        );
        assert_eq!(
            parse(b"Sat, 31 Dec 2016 23:59:60 GMT", NOW),
            parse(b"Sun, 01 Jan 2017 00:00:00 GMT", NOW)
        );
    }

    #[test]
    fn two_digit_years_follow_rfc_9110() {
        assert_eq!(two_digit_year(94, 2026), 1994);
        assert_eq!(two_digit_year(76, 2026), 2076);
        assert_eq!(two_digit_year(77, 2026), 1977);
        assert_eq!(two_digit_year(0, 2099), 2100);
        assert_eq!(two_digit_year(50, 2099), 2050);
        assert_eq!(two_digit_year(26, 2026), 2026);
        let now_2026 = SystemTime::UNIX_EPOCH + Duration::from_secs(NOW as u64);
        assert_eq!(
            year_of(now_2026.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64),
            2026
        );
    }
}
