//! RFC 3339 timestamps from the feed, as milliseconds since the Unix epoch.
//!
//! The widget only needs an instant: the browser's `Intl` shows it in the
//! reader's language and time zone, so no calendar tables ship in the wasm.
//! Parsing is strict (RFC 3339 §5.6, with the lower-case `t`/`z` and the space
//! separator it allows) so a bad date is reported instead of guessed.

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type EpochMillis = i64;

/// Parses an RFC 3339 date-time such as `2024-06-09T08:52:00+08:00`.
pub fn parse_rfc3339(text: &str) -> Option<EpochMillis> {
    let b = text.trim().as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    let at = |i: usize| b.get(i).copied();
    if at(4)? != b'-' || at(7)? != b'-' || !matches!(at(10)?, b'T' | b't' | b' ') {
        return None;
    }
    if at(13)? != b':' || at(16)? != b':' {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // RFC 3339 allows a leap second (60); it is clamped to 59.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if at(i) == Some(b'.') {
        i += 1;
        let start = i;
        while at(i).is_some_and(|d| d.is_ascii_digit()) {
            i += 1;
        }
        if i == start {
            return None;
        }
        // Keep milliseconds; finer digits are irrelevant for display.
        let ms_digits = num(start..(start + 3).min(i))?;
        millis = ms_digits * 10i64.pow(3 - ((i - start).min(3) as u32));
    }
    let offset_minutes = match at(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && at(i + 3)? == b':' => {
            let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

/// How long ago a date was, for "3 小时前" / "3 hours ago"; older than a week
/// (or in the future by more than a minute, or unknown) shows the full date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// Less than a minute ago.
    JustNow,
    /// This many minutes ago (under an hour).
    Minutes(u32),
    /// This many hours ago (under a day).
    Hours(u32),
    /// This many days ago (under a week).
    Days(u32),
    /// Older, or in the future: shown as a full date.
    Absolute,
}

/// The [`Age`] of `then` seen at `now`.
pub fn age(now: EpochMillis, then: EpochMillis) -> Age {
    const MINUTE: i64 = 60_000;
    let elapsed = now.saturating_sub(then);
    let whole = |unit: i64| u32::try_from(elapsed / unit).unwrap_or(u32::MAX);
    match elapsed {
        e if e < -MINUTE => Age::Absolute,
        e if e < MINUTE => Age::JustNow,
        e if e < 60 * MINUTE => Age::Minutes(whole(MINUTE)),
        e if e < 24 * 60 * MINUTE => Age::Hours(whole(60 * MINUTE)),
        e if e < 7 * 24 * 60 * MINUTE => Age::Days(whole(24 * 60 * MINUTE)),
        _ => Age::Absolute,
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_date_with_its_offset() {
        // 2024-06-09 08:52 in China is 00:52 UTC.
        assert_eq!(
            parse_rfc3339("2024-06-09T08:52:00+08:00"),
            Some(1_717_894_320_000)
        );
        assert_eq!(
            parse_rfc3339("2024-06-09T00:52:00Z"),
            Some(1_717_894_320_000)
        );
    }

    #[test]
    fn accepts_fractions_lowercase_and_space_separator() {
        assert_eq!(parse_rfc3339("1970-01-01t00:00:01.5z"), Some(1500));
        assert_eq!(
            parse_rfc3339("1970-01-01 00:00:00.123456-00:30"),
            Some(1_800_123)
        );
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59Z"), Some(-1000));
    }

    #[test]
    fn recent_dates_are_relative_for_a_week() {
        let now = 1_717_894_320_000;
        let minute = 60_000;
        assert_eq!(age(now, now), Age::JustNow);
        assert_eq!(age(now, now + 30_000), Age::JustNow, "small clock skew");
        assert_eq!(age(now, now + 5 * minute), Age::Absolute, "the future");
        assert_eq!(age(now, now - 59 * 1000), Age::JustNow);
        assert_eq!(age(now, now - 3 * minute), Age::Minutes(3));
        assert_eq!(age(now, now - 59 * minute), Age::Minutes(59));
        assert_eq!(age(now, now - 3 * 60 * minute), Age::Hours(3));
        assert_eq!(age(now, now - 24 * 60 * minute), Age::Days(1));
        assert_eq!(age(now, now - 6 * 24 * 60 * minute), Age::Days(6));
        assert_eq!(age(now, now - 7 * 24 * 60 * minute), Age::Absolute);
        assert_eq!(age(i64::MAX, i64::MIN), Age::Absolute);
    }

    #[test]
    fn knows_leap_years() {
        assert!(parse_rfc3339("2024-02-29T00:00:00Z").is_some());
        assert!(parse_rfc3339("2000-02-29T00:00:00Z").is_some());
        assert_eq!(parse_rfc3339("2023-02-29T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("1900-02-29T00:00:00Z"), None);
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in [
            "",
            "2024-06-09",
            "2024-06-09T08:52:00",
            "2024-06-09T08:52+08:00",
            "2024/06/09T08:52:00Z",
            "2024-13-09T08:52:00Z",
            "2024-06-31T08:52:00Z",
            "2024-06-09T24:00:00Z",
            "2024-06-09T08:52:00.Z",
            "2024-06-09T08:52:00+0800",
            "2024-06-09T08:52:00+24:00",
            "2024-06-09T08:52:00Zjunk",
            "Sun, 09 Jun 2024 08:52:00 +0800",
            "２０２４-06-09T08:52:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }
}
