//! Amounts for display: rounded half up to a few decimals, the exact value kept for
//! the `title` (shown on hover). Display only: what is sent is never this text.

use sonic_types::{format_units, parse_units, U256};

/// Decimals shown in lists (balances).
pub(crate) const SHOWN_DECIMALS: u8 = 4;

/// `exact` (a decimal string) rounded half up to `places` decimals, trailing zeros
/// dropped; `exact` itself when it has no more decimals than that or is not a number.
/// An amount that is not zero never shows as 0: below the last place it reads
/// `<0.0001` (for 4 places), the exact value on hover.
pub(crate) fn rounded(exact: &str, places: u8) -> String {
    let Some((int, frac)) = exact.split_once('.') else { return exact.to_string() };
    let p = usize::from(places);
    if frac.len() <= p || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return exact.to_string();
    }
    let Ok(kept) = parse_units(&format!("{int}.{}", &frac[..p]), places) else { return exact.to_string() };
    let up = frac.as_bytes()[p] >= b'5';
    let shown = if up { kept.saturating_add(U256::from(1u8)) } else { kept };
    if shown.is_zero() && frac.bytes().any(|b| b != b'0') {
        return format!("<{}", format_units(U256::from(1u8), places));
    }
    format_units(shown, places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_up_for_display() {
        assert_eq!(rounded("10000", 4), "10000");
        assert_eq!(rounded("1.5", 4), "1.5");
        assert_eq!(rounded("9998.499999979", 4), "9998.5");
        assert_eq!(rounded("9998.43212", 4), "9998.4321");
        assert_eq!(rounded("0.00004", 4), "<0.0001", "not zero, so never shown as 0");
        assert_eq!(rounded("0.00000", 4), "0");
        assert_eq!(rounded("0.000000", 4), "0");
        assert_eq!(rounded("0.00005", 4), "0.0001");
        assert_eq!(rounded("9.99996", 4), "10");
    }
}
