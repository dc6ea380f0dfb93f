//! Amounts in whole tokens with decimals (as `spl-token` shows them), durations and times.

use crate::error::{ClientError, Result};

/// Reads `12`, `12.5` or `0.000001` as base units of a token with `decimals` decimals.
pub fn parse_amount(text: &str, decimals: u8) -> Result<u64> {
    let invalid = || {
        ClientError::refused(format!(
            "\"{text}\" is not an amount of tokens: write a number such as 12 or 12.5 (at most {decimals} decimals)"
        ))
    };
    let text = text.trim().replace('_', "");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if (whole.is_empty() && fraction.is_empty())
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return Err(invalid());
    }
    if fraction.len() > usize::from(decimals) {
        return Err(ClientError::refused(format!(
            "{text} has more decimals than the token's {decimals}"
        )));
    }
    let scale = 10u64.pow(u32::from(decimals));
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| invalid())?
    };
    let padded = format!("{fraction:0<width$}", width = usize::from(decimals));
    let fraction: u64 = if padded.is_empty() {
        0
    } else {
        padded.parse().map_err(|_| invalid())?
    };
    whole
        .checked_mul(scale)
        .and_then(|units| units.checked_add(fraction))
        .ok_or_else(|| ClientError::refused(format!("{text} is more tokens than can exist")))
}

/// Like [`parse_amount`], but zero is refused: nobody pays, bids or rewards nothing.
pub fn parse_positive_amount(text: &str, decimals: u8) -> Result<u64> {
    match parse_amount(text, decimals)? {
        0 => Err(ClientError::refused("The amount must be more than zero")),
        amount => Ok(amount),
    }
}

/// Base units as whole tokens: `12500000` with 6 decimals is `12.5`.
pub fn format_amount(units: u64, decimals: u8) -> String {
    let scale = 10u64.pow(u32::from(decimals));
    let (whole, fraction) = (units / scale, units % scale);
    if fraction == 0 {
        return whole.to_string();
    }
    let fraction = format!("{fraction:0>width$}", width = usize::from(decimals));
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

/// Reads `90s`, `45m`, `12h`, `3d`, `2w` or a plain number of seconds.
pub fn parse_duration(text: &str) -> Result<i64> {
    let text = text.trim();
    let invalid = || {
        ClientError::refused(format!(
            "\"{text}\" is not a duration: write e.g. 90s, 45m, 12h, 3d or 2w"
        ))
    };
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().map_err(|_| invalid())?;
    let unit_secs = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return Err(invalid()),
    };
    number.checked_mul(unit_secs).ok_or_else(invalid)
}

/// Seconds as the largest whole unit: `3d`, `90m`, `45s`.
pub fn format_duration(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let secs = secs.unsigned_abs();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] {
        if secs >= size && secs.is_multiple_of(size) {
            return format!("{sign}{}{unit}", secs / size);
        }
    }
    format!("{sign}{secs}s")
}

/// Time left until `end`, roughly, for listings: `2d 3h`, `14m`, `ended`.
pub fn format_time_left(now: i64, end: i64) -> String {
    let left = end - now;
    if left <= 0 {
        return "ended".into();
    }
    let (days, hours, minutes) = (left / 86_400, left % 86_400 / 3_600, left % 3_600 / 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{left}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// A unix time as `2026-11-20 14:03 UTC`.
pub fn format_time(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| unix.to_string())
}

/// Reads a share of members as `50%`, `66.67%` or `5000bps`; returns basis points.
pub fn parse_share(text: &str) -> Result<u16> {
    let invalid = || {
        ClientError::refused(format!(
            "\"{text}\" is not a share of members: write e.g. 50% or 5000bps"
        ))
    };
    let text = text.trim();
    let bps = if let Some(bps) = text.strip_suffix("bps") {
        bps.trim().parse::<u32>().map_err(|_| invalid())?
    } else {
        let percent = text.strip_suffix('%').unwrap_or(text);
        let hundredths = parse_amount(percent, 2).map_err(|_| invalid())?;
        u32::try_from(hundredths).map_err(|_| invalid())?
    };
    match u16::try_from(bps) {
        Ok(bps) if (1..=10_000).contains(&bps) => Ok(bps),
        _ => Err(ClientError::refused(format!(
            "{text} is not between 0.01% and 100%"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_and_print_in_whole_tokens() {
        assert_eq!(parse_amount("12.5", 6), Ok(12_500_000));
        assert_eq!(parse_amount("0.000001", 6), Ok(1));
        assert_eq!(parse_amount("7", 0), Ok(7));
        assert_eq!(parse_amount(".5", 6), Ok(500_000));
        assert_eq!(format_amount(12_500_000, 6), "12.5");
        assert_eq!(format_amount(1, 6), "0.000001");
        assert_eq!(format_amount(40_000_000, 6), "40");
        assert_eq!(format_amount(7, 0), "7");
    }

    #[test]
    fn malformed_or_too_precise_amounts_are_refused() {
        for bad in ["", ".", "-3", "1.2.3", "ten", "1e6", "0.0000001"] {
            assert!(parse_amount(bad, 6).is_err(), "{bad} should be refused");
        }
        assert!(parse_amount("18446744073709.551616", 6).is_err());
        assert!(parse_positive_amount("0", 6).is_err());
    }

    #[test]
    fn durations_and_shares_read_as_people_write_them() {
        assert_eq!(parse_duration("3d"), Ok(259_200));
        assert_eq!(parse_duration("90"), Ok(90));
        assert_eq!(parse_duration("45m"), Ok(2_700));
        assert!(parse_duration("3 days").is_err());
        assert_eq!(format_duration(259_200), "3d");
        assert_eq!(format_duration(604_800), "7d");
        assert_eq!(format_duration(5_400), "90m");
        assert_eq!(parse_share("50%"), Ok(5_000));
        assert_eq!(parse_share("66.67%"), Ok(6_667));
        assert_eq!(parse_share("7500bps"), Ok(7_500));
        assert!(parse_share("0%").is_err());
        assert!(parse_share("101%").is_err());
        assert_eq!(format_time_left(0, 90_000), "1d 1h");
        assert_eq!(format_time_left(10, 5), "ended");
    }
}
