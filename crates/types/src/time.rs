//! Calendar dates from Unix seconds, for messages (no time-zone database: UTC only).

/// The UTC calendar date of a Unix time: (year, month, day, seconds into the day).
fn civil(secs: u64) -> (i64, i64, i64, u64) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil-from-days algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem)
}

/// `2026-11-26 05:12` for a Unix time, in UTC.
pub fn utc_date_time(secs: u64) -> String {
    let (y, m, d, rem) = civil(secs);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", rem / 3600, (rem % 3600) / 60)
}

/// `2026-11-27T071200Z` for a Unix time: a UTC stamp with no colon, for file names.
pub fn utc_file_stamp(secs: u64) -> String {
    let (y, m, d, rem) = civil(secs);
    format!("{y:04}-{m:02}-{d:02}T{:02}{:02}{:02}Z", rem / 3600, (rem % 3600) / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(utc_date_time(0), "1970-01-01 00:00");
        assert_eq!(utc_date_time(1_700_000_000), "2023-11-14 22:13");
        assert_eq!(utc_date_time(951_782_400), "2000-02-29 00:00");
        assert_eq!(utc_date_time(4_102_444_800), "2100-01-01 00:00");
    }

    #[test]
    fn file_stamps() {
        assert_eq!(utc_file_stamp(0), "1970-01-01T000000Z");
        assert_eq!(utc_file_stamp(1_700_000_007), "2023-11-14T221327Z");
        assert_eq!(utc_file_stamp(951_782_399), "2000-02-28T235959Z");
    }
}
