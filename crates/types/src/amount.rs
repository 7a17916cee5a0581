//! Exact decimal <-> base-unit conversion for token amounts. No floats, ever.

use alloy_primitives::U256;

/// Why a decimal amount string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// The text was empty.
    #[error("amount is empty")]
    Empty,
    /// The text is not a plain decimal number.
    #[error("'{0}' is not a decimal amount (use digits and at most one '.')")]
    Invalid(String),
    /// The amount was negative.
    #[error("amount must not be negative")]
    Negative,
    /// More fractional digits than the token has decimals.
    #[error("'{amount}' has more than {decimals} decimals")]
    TooManyDecimals {
        /// The offending text.
        amount: String,
        /// The token's decimals.
        decimals: u8,
    },
    /// The value does not fit in 256 bits.
    #[error("amount is too large")]
    Overflow,
}

/// Parses a plain decimal (`"1.5"`, `"1000"`, `".5"`) into base units of a token with
/// `decimals` decimals. Exponents, separators and signs are refused; zero is allowed
/// here (callers decide whether zero makes sense).
pub fn parse_units(text: &str, decimals: u8) -> Result<U256, AmountError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    if s.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits_ok(int) || !digits_ok(frac) {
        return Err(AmountError::Invalid(s.to_string()));
    }
    let frac_trimmed = frac.trim_end_matches('0');
    if frac_trimmed.len() > usize::from(decimals) {
        return Err(AmountError::TooManyDecimals { amount: s.to_string(), decimals });
    }
    let ten = U256::from(10u8);
    let mut value = U256::ZERO;
    let padded = frac_trimmed.chars().chain(std::iter::repeat('0')).take(usize::from(decimals));
    for c in int.chars().chain(padded) {
        let d = U256::from(c as u8 - b'0');
        value = value.checked_mul(ten).and_then(|v| v.checked_add(d)).ok_or(AmountError::Overflow)?;
    }
    Ok(value)
}

/// Formats base units as an exact decimal with no trailing zeros (`1500000000000000000`
/// with 18 decimals is `"1.5"`).
pub fn format_units(value: U256, decimals: u8) -> String {
    let digits = value.to_string();
    let d = usize::from(decimals);
    if d == 0 {
        return digits;
    }
    let padded = if digits.len() <= d { format!("{}{}", "0".repeat(d + 1 - digits.len()), digits) } else { digits };
    let (int, frac) = padded.split_at(padded.len() - d);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// Formats base units for display only, rounding down: at most 4 fractional digits
/// for amounts of 1 or more, else 3 significant digits (`0.00105`, `0.000042`). Never
/// used for a value that is signed or sent.
pub fn format_units_short(value: U256, decimals: u8) -> String {
    let full = format_units(value, decimals);
    let Some((int, frac)) = full.split_once('.') else { return full };
    let keep = if int != "0" {
        frac.len().min(4)
    } else {
        let zeros = frac.len() - frac.trim_start_matches('0').len();
        frac.len().min(zeros + 3)
    };
    let frac = frac[..keep].trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, decimals: u8, expected: Result<&str, AmountError>) {
        let got = parse_units(text, decimals).map(|v| v.to_string());
        assert_eq!(got, expected.map(str::to_string), "parse_units({text:?}, {decimals})");
    }

    #[test]
    fn parses_exact_decimals() {
        check("1.5", 18, Ok("1500000000000000000"));
        check("0.000000000000000001", 18, Ok("1"));
        check("1000", 6, Ok("1000000000"));
        check(".5", 1, Ok("5"));
        check("5.", 0, Ok("5"));
        check("1.000", 0, Ok("1"));
        check("0", 18, Ok("0"));
    }

    #[test]
    fn refuses_bad_amounts() {
        check("", 18, Err(AmountError::Empty));
        check("-1", 18, Err(AmountError::Negative));
        check("1e18", 18, Err(AmountError::Invalid("1e18".into())));
        check("1,5", 18, Err(AmountError::Invalid("1,5".into())));
        check(".", 18, Err(AmountError::Invalid(".".into())));
        check("1.2.3", 18, Err(AmountError::Invalid("1.2.3".into())));
        check("0.0000001", 6, Err(AmountError::TooManyDecimals { amount: "0.0000001".into(), decimals: 6 }));
        let huge = "9".repeat(80);
        check(&huge, 0, Err(AmountError::Overflow));
    }

    #[test]
    fn formats_without_trailing_zeros() {
        assert_eq!(format_units(U256::from(1_500_000_000_000_000_000u128), 18), "1.5");
        assert_eq!(format_units(U256::from(1u8), 18), "0.000000000000000001");
        assert_eq!(format_units(U256::ZERO, 18), "0");
        assert_eq!(format_units(U256::from(123u8), 0), "123");
        assert_eq!(format_units(U256::MAX, 18).len(), 78 + 1);
    }

    #[test]
    fn round_trips() {
        for s in ["0", "1", "0.1", "123.456", "99999999999.000000000000000001"] {
            let v = parse_units(s, 18).expect("valid");
            assert_eq!(format_units(v, 18), s);
        }
    }

    #[test]
    fn short_format_rounds_down_for_display() {
        assert_eq!(format_units_short(U256::from(1_123_456_000_000_000u64), 18), "0.00112");
        assert_eq!(format_units_short(U256::from(42_000_000_000_000u64), 18), "0.000042");
        assert_eq!(format_units_short(U256::from(1u8), 18), "0.000000000000000001");
        assert_eq!(format_units_short(U256::from(2_000_000_000_000_000_000u128), 18), "2");
        assert_eq!(format_units_short(U256::from(1_234_567_800_000_000_000u128), 18), "1.2345");
    }
}
