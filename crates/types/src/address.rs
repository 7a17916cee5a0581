//! Address parsing with EIP-55 checksum verification.

use alloy_primitives::Address;

/// Why an address string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Not `0x` followed by 40 hexadecimal digits.
    #[error("'{0}' is not an address (expected 0x followed by 40 hex digits)")]
    Malformed(String),
    /// Mixed case that does not match the EIP-55 checksum: likely a typo.
    #[error("'{0}' has a wrong EIP-55 checksum (check for a typo)")]
    BadChecksum(String),
    /// An ENS-style name, which Sonic does not support.
    #[error("'{0}' looks like an ENS name; ENS names are not supported on Sonic")]
    EnsNotSupported(String),
}

/// Parses `0x` + 40 hex digits. All-lowercase and all-uppercase are accepted as
/// unchecksummed; mixed case must verify as EIP-55.
pub fn parse_address(text: &str) -> Result<Address, AddressError> {
    let s = text.trim();
    if s.ends_with(".eth") || s.ends_with(".sonic") {
        return Err(AddressError::EnsNotSupported(s.to_string()));
    }
    let hex =
        s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")).ok_or_else(|| AddressError::Malformed(s.to_string()))?;
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AddressError::Malformed(s.to_string()));
    }
    let mut bytes = [0u8; 20];
    for (i, chunk) in hex.as_bytes().chunks(2).enumerate() {
        let hi = (chunk[0] as char).to_digit(16).unwrap_or(0);
        let lo = (chunk[1] as char).to_digit(16).unwrap_or(0);
        bytes[i] = (hi * 16 + lo) as u8;
    }
    let address = Address::from(bytes);
    let has_lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper && checksum(&address)[2..] != *hex {
        return Err(AddressError::BadChecksum(s.to_string()));
    }
    Ok(address)
}

/// The EIP-55 checksummed form of an address.
pub fn checksum(address: &Address) -> String {
    address.to_checksum(None)
}

/// A short display form, `0x7099…79C8`.
pub fn short(address: &Address) -> String {
    let c = checksum(address);
    format!("{}…{}", &c[..6], &c[c.len() - 4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_checksummed_and_single_case() {
        let c = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        let a = parse_address(c).expect("checksummed");
        assert_eq!(checksum(&a), c);
        assert_eq!(parse_address(&c.to_lowercase()).expect("lower"), a);
        assert_eq!(parse_address(&format!("0x{}", c[2..].to_uppercase())).expect("upper"), a);
    }

    #[test]
    fn refuses_bad_checksum_and_length() {
        assert!(matches!(
            parse_address("0x70997970C51812DC3a010c7d01b50e0d17dc79C8"),
            Err(AddressError::BadChecksum(_))
        ));
        assert!(matches!(parse_address("0x70997970c51812dc3a010c7d01b50e0d17dc79c"), Err(AddressError::Malformed(_))));
        assert!(matches!(parse_address("alice.eth"), Err(AddressError::EnsNotSupported(_))));
        assert!(matches!(parse_address("0xzz997970c51812dc3a010c7d01b50e0d17dc79c8"), Err(AddressError::Malformed(_))));
    }

    #[test]
    fn short_form() {
        let a = parse_address("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").expect("valid");
        assert_eq!(short(&a), "0x7099…79C8");
    }
}
