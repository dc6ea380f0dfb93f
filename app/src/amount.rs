//! Amounts in whole tokens with decimals (as `spl-token` shows them), durations and times.

use crate::error::{ClientError, Result};

/// Reads `12`, `12.5` or `0.000001` as base units of a token with `decimals` decimals.
///
/// Only digits and one dot: a separator, sign or exponent is refused rather than guessed at,
/// since a misread amount moves tokens that cannot be called back.
pub fn parse_amount(text: &str, decimals: u8) -> Result<u64> {
    let refused =
        |why: &str| ClientError::refused(format!("\"{text}\" is not an amount of tokens: {why}"));
    if text.contains(|c: char| c == '_' || c == ',' || c.is_whitespace()) {
        return Err(refused(
            "write it without separators or spaces, with a dot for decimals (e.g. 1000 or 12.5)",
        ));
    }
    if text.starts_with(['+', '-']) {
        return Err(refused(
            "write it without a sign (e.g. 5); amounts are never negative",
        ));
    }
    if text.contains(['e', 'E']) && text.chars().any(|c| c.is_ascii_digit()) {
        return Err(refused("write it out in full (e.g. 1000, not 1e3)"));
    }
    let invalid = || {
        refused(&format!(
            "write a number such as 12 or 12.5 (at most {decimals} decimals)"
        ))
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
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
        whole
            .parse()
            .map_err(|_| ClientError::refused(format!("{text} is more tokens than can exist")))?
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

/// The longest span any duration may have: the program's longest period (voting, issuance),
/// which is also longer than any auction or anti-sniping window it accepts. Past it a duration
/// is a typo, and adding it to a time could overflow.
pub const MAX_DURATION_SECS: i64 = ampled::state::MAX_PERIOD_SECS;

/// Reads `90s`, `45m`, `12h`, `3d` or `2w`. The unit is required (a bare `90` could mean
/// seconds or days); only `0` needs none.
pub fn parse_duration(text: &str) -> Result<i64> {
    let invalid = || {
        ClientError::refused(format!(
            "\"{text}\" is not a duration: write e.g. 90s, 45m, 12h, 3d or 2w"
        ))
    };
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    if number.is_empty() {
        return Err(invalid());
    }
    let unit_secs: i64 = match unit {
        "" if number.bytes().all(|b| b == b'0') => 1,
        "" => {
            return Err(ClientError::refused(format!(
                "\"{text}\" needs a unit: write {text}s for seconds, or e.g. 45m, 12h, 3d or 2w"
            )))
        }
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return Err(invalid()),
    };
    let too_long = || {
        ClientError::refused(format!(
            "\"{text}\" is too long: no period ampled accepts is longer than {}",
            format_duration(MAX_DURATION_SECS)
        ))
    };
    let number: i64 = number.parse().map_err(|_| too_long())?;
    match number.checked_mul(unit_secs) {
        Some(secs) if secs <= MAX_DURATION_SECS => Ok(secs),
        _ => Err(too_long()),
    }
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

/// Reads a share of members as `50%`, `66.67%` or `5000bps`; returns basis points. A bare number
/// is refused: `0.5` and `50` both look like half, and one of them would mean 0.5%.
pub fn parse_share(text: &str) -> Result<u16> {
    let invalid = || {
        ClientError::refused(format!(
            "\"{text}\" is not a share of members: write a percentage such as 50% or 66.67% (or 5000bps)"
        ))
    };
    let bps = if let Some(bps) = text.strip_suffix("bps") {
        if bps.is_empty() || !bps.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        bps.parse::<u32>().map_err(|_| invalid())?
    } else if let Some(percent) = text.strip_suffix('%') {
        let hundredths = parse_amount(percent, 2).map_err(|_| invalid())?;
        u32::try_from(hundredths).map_err(|_| invalid())?
    } else if parse_amount(text, 2).is_ok() {
        return Err(ClientError::refused(format!(
            "\"{text}\" needs a % sign: write the share as a percentage, e.g. 50% for half of the members"
        )));
    } else {
        return Err(invalid());
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
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("45m"), Ok(2_700));
        assert_eq!(parse_duration("12h"), Ok(43_200));
        assert_eq!(parse_duration("2w"), Ok(1_209_600));
        assert_eq!(parse_duration("0"), Ok(0));
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

    fn refusal<T: std::fmt::Debug>(result: Result<T>) -> String {
        match result {
            Err(ClientError::Refused(message)) => message,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn amounts_with_separators_spaces_signs_or_exponents_are_refused_not_guessed() {
        let separators =
            "write it without separators or spaces, with a dot for decimals (e.g. 1000 or 12.5)";
        for (text, why) in [
            ("1_000", separators),
            ("1 000", separators),
            ("1,5", separators),
            (" 5", separators),
            ("5\n", separators),
            (
                "+5",
                "write it without a sign (e.g. 5); amounts are never negative",
            ),
            (
                "-5",
                "write it without a sign (e.g. 5); amounts are never negative",
            ),
            ("1e3", "write it out in full (e.g. 1000, not 1e3)"),
            ("1E3", "write it out in full (e.g. 1000, not 1e3)"),
            ("2.5e-1", "write it out in full (e.g. 1000, not 1e3)"),
        ] {
            assert_eq!(
                refusal(parse_amount(text, 6)),
                format!("\"{text}\" is not an amount of tokens: {why}"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn an_amount_more_precise_than_the_token_is_refused_even_when_its_digits_are_zero() {
        assert_eq!(
            refusal(parse_amount("1.0000000", 6)),
            "1.0000000 has more decimals than the token's 6"
        );
        assert_eq!(
            refusal(parse_amount("1.5", 0)),
            "1.5 has more decimals than the token's 0"
        );
        assert_eq!(
            refusal(parse_amount("99999999999999999999", 6)),
            "99999999999999999999 is more tokens than can exist"
        );
    }

    #[test]
    fn a_duration_without_a_unit_is_refused_with_an_example() {
        assert_eq!(
            refusal(parse_duration("90")),
            "\"90\" needs a unit: write 90s for seconds, or e.g. 45m, 12h, 3d or 2w"
        );
        for text in [
            "", "d", "-5m", "+5m", "1_000s", "1e3s", "3 d", " 3d", "3D", "1d12h",
        ] {
            assert_eq!(
                refusal(parse_duration(text)),
                format!("\"{text}\" is not a duration: write e.g. 90s, 45m, 12h, 3d or 2w"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_duration_longer_than_any_period_the_program_accepts_is_refused() {
        assert_eq!(parse_duration("366d"), Ok(ampled::state::MAX_PERIOD_SECS));
        for text in [
            "367d",
            "53w",
            "99999999999999999999w",
            "9223372036854775807w",
        ] {
            assert_eq!(
                refusal(parse_duration(text)),
                format!("\"{text}\" is too long: no period ampled accepts is longer than 366d"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_threshold_without_a_percent_sign_is_refused_with_an_example() {
        for text in ["0.5", "50", "66.67"] {
            assert_eq!(
                refusal(parse_share(text)),
                format!(
                    "\"{text}\" needs a % sign: write the share as a percentage, e.g. 50% for half of the members"
                )
            );
        }
        for text in ["half", "50 %", "5e1%", "-50%", "66.667%", "bps", "+5000bps"] {
            assert_eq!(
                refusal(parse_share(text)),
                format!(
                    "\"{text}\" is not a share of members: write a percentage such as 50% or 66.67% (or 5000bps)"
                ),
                "{text:?}"
            );
        }
        assert_eq!(parse_share("100%"), Ok(10_000));
        assert_eq!(parse_share("0.01%"), Ok(1));
    }
}
