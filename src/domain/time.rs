//! Server timestamps ("2026-11-22T13:07:16.999503", UTC without a zone) and
//! how long ago they were (worded by `i18n::relative_time`).

/// Milliseconds since 1970 for an ISO date-time; UTC unless it says otherwise.
pub fn timestamp_ms(text: &str) -> Option<f64> {
    let (date, time) = text.trim().split_once(['T', ' ']).unwrap_or((text.trim(), "00:00:00"));
    let mut ymd = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (ymd.next()??, ymd.next()??, ymd.next()??);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // An explicit offset ("+02:00", "-05:00" or "Z") moves the clock back to UTC.
    let (clock, offset_min) = match time.find(['+', '-', 'Z']) {
        Some(i) => (&time[..i], offset_minutes(&time[i..])?),
        None => (time, 0),
    };
    let mut hms = clock.split(':');
    let hour: i64 = hms.next()?.parse().ok()?;
    let minute: i64 = hms.next().unwrap_or("0").parse().ok()?;
    let seconds: f64 = hms.next().unwrap_or("0").parse().ok()?;
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3_600 + (minute - offset_min) * 60;
    Some(secs as f64 * 1000.0 + (seconds * 1000.0).floor())
}

/// Milliseconds since 1970 for an HTTP `Date` header ("Tue, 01 Dec 2026 11:43:26 GMT").
pub fn http_date_ms(text: &str) -> Option<f64> {
    let mut parts = text.split_once(',').map_or(text, |(_, rest)| rest).split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].iter().position(|m| *m == name)?;
    let year: i64 = parts.next()?.parse().ok()?;
    let clock = parts.next()?;
    if parts.next() != Some("GMT") {
        return None;
    }
    timestamp_ms(&format!("{year:04}-{:02}-{day:02}T{clock}", month + 1))
}

fn offset_minutes(zone: &str) -> Option<i64> {
    if zone == "Z" {
        return Some(0);
    }
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let (h, m) = zone[1..].split_once(':').unwrap_or((&zone[1..], "0"));
    Some(sign * (h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?))
}

/// Days since 1970-01-01 (Howard Hinnant's civil-date algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// How long ago `then_ms` was, rounded as people say it, for
/// `Intl.RelativeTimeFormat`: (-8, "minute"), (-1, "day") for yesterday,
/// (0, "second") for just now (also for a time a little ahead: clocks differ).
pub fn elapsed(then_ms: f64, now_ms: f64) -> (f64, &'static str) {
    let seconds = ((now_ms - then_ms) / 1000.0).max(0.0) as u64;
    let (count, unit) = match seconds {
        0..=44 => return (0.0, "second"),
        45..=3_599 => ((seconds + 30) / 60, "minute"),
        3_600..=86_399 => ((seconds + 1_800) / 3_600, "hour"),
        86_400..=172_799 => (1, "day"),
        172_800..=2_591_999 => (seconds / 86_400, "day"),
        2_592_000..=31_535_999 => (seconds / 2_592_000, "month"),
        _ => (seconds / 31_536_000, "year"),
    };
    (-(count.max(1) as f64), unit)
}

/// What `Intl.RelativeTimeFormat("en", {numeric: "auto"})` says, for native tests.
pub fn english_relative(value: f64, unit: &str) -> String {
    let count = -value as u64;
    match (count, unit) {
        (0, _) => "now".to_owned(),
        (1, "day") => "yesterday".to_owned(),
        (1, _) => format!("1 {unit} ago"),
        _ => format!("{count} {unit}s ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: f64 = 60_000.0;

    #[test]
    fn an_http_date_is_read_as_utc() {
        assert_eq!(http_date_ms("Tue, 01 Dec 2026 11:43:26 GMT"), timestamp_ms("2026-12-01T11:43:26"));
        assert_eq!(http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777_000.0));
        assert_eq!(http_date_ms("Tue, 01 Foo 2026 11:43:26 GMT"), None);
        assert_eq!(http_date_ms("Tue, 01 Dec 2026 11:43:26 CET"), None);
        assert_eq!(http_date_ms(""), None);
    }

    #[test]
    fn reads_server_timestamps_as_utc() {
        assert_eq!(timestamp_ms("1970-01-01T00:00:00"), Some(0.0));
        assert_eq!(timestamp_ms("1970-01-02T00:00:01.5"), Some(86_401_500.0));
        // 2026-11-22 is day 20,779 after 1970-01-01.
        assert_eq!(timestamp_ms("2026-11-22T13:07:16.999503"), Some((20_779.0 * 86_400.0 + 13.0 * 3600.0 + 7.0 * 60.0 + 16.0) * 1000.0 + 999.0));
        assert_eq!(timestamp_ms("2024-02-29"), Some(19_782.0 * 86_400_000.0));
    }

    #[test]
    fn honours_an_explicit_offset() {
        assert_eq!(timestamp_ms("1970-01-01T02:00:00+02:00"), Some(0.0));
        assert_eq!(timestamp_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(timestamp_ms("1969-12-31T19:00:00-05:00"), Some(0.0));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert_eq!(timestamp_ms(""), None);
        assert_eq!(timestamp_ms("yesterday"), None);
        assert_eq!(timestamp_ms("2026-13-01T00:00:00"), None);
        assert_eq!(timestamp_ms("2026-01-01Tnoon"), None);
    }

    #[test]
    fn says_how_long_ago_in_words() {
        let relative_time = |then, now| english_relative(elapsed(then, now).0, elapsed(then, now).1);
        let now = 1_000_000_000_000.0;
        assert_eq!(relative_time(now, now), "now");
        assert_eq!(relative_time(now + 5_000.0, now), "now", "a clock slightly ahead");
        assert_eq!(relative_time(now - 44_000.0, now), "now");
        assert_eq!(relative_time(now - 50_000.0, now), "1 minute ago");
        assert_eq!(relative_time(now - 8.0 * MINUTE, now), "8 minutes ago");
        assert_eq!(relative_time(now - 89.0 * MINUTE, now), "1 hour ago");
        assert_eq!(relative_time(now - 91.0 * MINUTE, now), "2 hours ago");
        assert_eq!(relative_time(now - 30.0 * 60.0 * MINUTE, now), "yesterday");
        assert_eq!(relative_time(now - 3.0 * 1440.0 * MINUTE, now), "3 days ago");
        assert_eq!(relative_time(now - 65.0 * 1440.0 * MINUTE, now), "2 months ago");
        assert_eq!(relative_time(now - 800.0 * 1440.0 * MINUTE, now), "2 years ago");
    }
}
