//! Payment links: `ethereum:` URIs (EIP-681) and `smartsonic://pay?...`, parsed into a
//! [`PaymentLink`] that a confirmation card shows; never an automatic send.

use alloy_primitives::{Address, U256};
use serde::{Deserialize, Serialize};

use crate::{address::parse_address, amount::parse_units, checksum};

/// The asset of a payment link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LinkToken {
    /// Native S.
    Native,
    /// A token contract.
    Address(#[cfg_attr(feature = "specta", specta(type = String))] Address),
    /// A token symbol, to resolve against the registry of the link's network.
    Symbol(String),
}

/// The amount of a payment link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LinkAmount {
    /// Base units (EIP-681 values).
    Raw(#[cfg_attr(feature = "specta", specta(type = String))] U256),
    /// A decimal in the token's units (smartsonic:// amounts), converted once the
    /// token's decimals are known.
    Decimal(String),
}

/// A parsed payment link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentLink {
    /// Chain id, if the link names one.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub chain_id: Option<u64>,
    /// The payee.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub to: Address,
    /// What to pay.
    pub token: LinkToken,
    /// How much, if given.
    pub amount: Option<LinkAmount>,
}

/// Why a link was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not an `ethereum:` or `smartsonic://` link.
    #[error("not a payment link (expected ethereum: or smartsonic://pay)")]
    Scheme,
    /// The payee is missing or not a valid address.
    #[error("invalid payee: {0}")]
    Payee(String),
    /// ENS names do not exist on Sonic.
    #[error("'{0}' is an ENS name; ENS names are not supported on Sonic")]
    Ens(String),
    /// The chain id is not a number.
    #[error("invalid chain id '{0}'")]
    Chain(String),
    /// A value that is not a whole, non-negative number of base units within 256 bits.
    #[error("invalid amount '{0}': {1}")]
    Amount(String, String),
    /// A function other than `transfer`, or missing transfer parameters.
    #[error("unsupported link: {0}")]
    Unsupported(String),
}

fn percent_decode(s: &str) -> Result<String, LinkError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let h = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match h {
                    Some(b) => out.push(b),
                    None => return Err(LinkError::Unsupported("bad percent-encoding".into())),
                }
                i += 3;
            }
            b'%' => return Err(LinkError::Unsupported("bad percent-encoding".into())),
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| LinkError::Unsupported("not UTF-8".into()))
}

fn params(query: &str) -> Result<Vec<(String, String)>, LinkError> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

/// An EIP-681 number: digits with an optional fraction and exponent (`2.014e18`),
/// which must come out as a whole number of base units.
pub fn parse_eip681_number(s: &str) -> Result<U256, LinkError> {
    let bad = |why: &str| LinkError::Amount(s.to_string(), why.to_string());
    let t = s.trim();
    if t.starts_with('-') {
        return Err(bad("negative"));
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return U256::from_str_radix(hex, 16).map_err(|_| bad("not a number"));
    }
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(p) => {
            let e: u32 = t[p + 1..].trim_start_matches('+').parse().map_err(|_| bad("bad exponent"))?;
            (&t[..p], e)
        }
        None => (t, 0),
    };
    if mantissa.is_empty() || exp > 77 {
        return Err(bad("not a number"));
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) || (int.is_empty() && frac.is_empty()) {
        return Err(bad("not a number"));
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > exp as usize {
        return Err(bad("not a whole number of base units"));
    }
    let digits = format!("{int}{frac}{}", "0".repeat(exp as usize - frac.len()));
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(U256::ZERO);
    }
    U256::from_str_radix(digits, 10).map_err(|_| bad("above 2^256-1"))
}

fn payee(s: &str) -> Result<Address, LinkError> {
    if s.is_empty() {
        return Err(LinkError::Payee("missing".into()));
    }
    if !s.starts_with("0x") && s.contains('.') {
        return Err(LinkError::Ens(s.to_string()));
    }
    parse_address(s).map_err(|e| LinkError::Payee(e.to_string()))
}

fn parse_ethereum(rest: &str) -> Result<PaymentLink, LinkError> {
    let rest = rest.strip_prefix("pay-").unwrap_or(rest);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (target_chain, function) = path.split_once('/').unwrap_or((path, ""));
    let (target, chain) = match target_chain.split_once('@') {
        Some((t, c)) => (t, Some(c.parse::<u64>().map_err(|_| LinkError::Chain(c.to_string()))?)),
        None => (target_chain, None),
    };
    let target = payee(target)?;
    let params = params(query)?;
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    match function {
        "" => Ok(PaymentLink {
            chain_id: chain,
            to: target,
            token: LinkToken::Native,
            amount: get("value").map(parse_eip681_number).transpose()?.map(LinkAmount::Raw),
        }),
        "transfer" => {
            let to = payee(get("address").ok_or_else(|| LinkError::Unsupported("transfer without address".into()))?)?;
            Ok(PaymentLink {
                chain_id: chain,
                to,
                token: LinkToken::Address(target),
                amount: get("uint256").map(parse_eip681_number).transpose()?.map(LinkAmount::Raw),
            })
        }
        other => Err(LinkError::Unsupported(format!("function '{other}' (only transfer)"))),
    }
}

fn parse_smartsonic(rest: &str) -> Result<PaymentLink, LinkError> {
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.trim_end_matches('/') != "pay" {
        return Err(LinkError::Unsupported(format!("smartsonic://{path}")));
    }
    let params = params(query)?;
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let to = payee(get("to").unwrap_or(""))?;
    let chain_id = get("chain").map(|c| c.parse::<u64>().map_err(|_| LinkError::Chain(c.to_string()))).transpose()?;
    let token = match get("token") {
        None | Some("") => LinkToken::Native,
        Some(t) if t.eq_ignore_ascii_case("s") => LinkToken::Native,
        Some(t) if t.starts_with("0x") => LinkToken::Address(payee(t)?),
        Some(t) if t.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') && t.len() <= 12 => {
            LinkToken::Symbol(t.to_string())
        }
        Some(t) => return Err(LinkError::Unsupported(format!("token '{t}'"))),
    };
    let amount = match get("amount") {
        None => None,
        Some(a) => {
            // Checked now with 18 decimals (the most any amount may have); converted
            // with the token's own decimals once known.
            parse_units(a, 18).map_err(|e| LinkError::Amount(a.to_string(), e.to_string()))?;
            Some(LinkAmount::Decimal(a.to_string()))
        }
    };
    Ok(PaymentLink { chain_id, to, token, amount })
}

/// Parses a payment link.
pub fn parse_link(uri: &str) -> Result<PaymentLink, LinkError> {
    let uri = uri.trim();
    if let Some(rest) = uri.strip_prefix("ethereum:") {
        return parse_ethereum(rest);
    }
    if let Some(rest) = uri.strip_prefix("smartsonic://") {
        return parse_smartsonic(rest);
    }
    Err(LinkError::Scheme)
}

/// An EIP-681 link asking for `raw` base units of S (`token: None`) or of a token.
pub fn eip681(to: &Address, chain_id: u64, token: Option<&Address>, raw: Option<U256>) -> String {
    match token {
        None => match raw {
            Some(v) => format!("ethereum:{}@{chain_id}?value={v}", checksum(to)),
            None => format!("ethereum:{}@{chain_id}", checksum(to)),
        },
        Some(t) => match raw {
            Some(v) => format!("ethereum:{}@{chain_id}/transfer?address={}&uint256={v}", checksum(t), checksum(to)),
            None => format!("ethereum:{}@{chain_id}/transfer?address={}", checksum(t), checksum(to)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const T: &str = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

    fn raw(v: &str) -> Option<LinkAmount> {
        Some(LinkAmount::Raw(U256::from_str_radix(v, 10).expect("number")))
    }

    #[test]
    fn eip681_examples() {
        // The EIP's own examples, with a checksummed address.
        let l = parse_link(&format!("ethereum:{A}@1?value=2.014e18")).expect("value");
        assert_eq!(
            (l.chain_id, l.token.clone(), l.amount.clone()),
            (Some(1), LinkToken::Native, raw("2014000000000000000"))
        );
        let l = parse_link(&format!("ethereum:{T}/transfer?address={A}&uint256=1")).expect("transfer");
        assert_eq!(l.token, LinkToken::Address(parse_address(T).expect("t")));
        assert_eq!(l.to, parse_address(A).expect("a"));
        assert_eq!(l.amount, raw("1"));
        let l = parse_link(&format!("ethereum:pay-{A}@146")).expect("pay- prefix");
        assert_eq!((l.chain_id, l.amount), (Some(146), None));
        assert_eq!(
            parse_link(&format!("ethereum:{A}?value=1e18&gas=21000")).expect("gas ignored").amount,
            raw("1000000000000000000")
        );
    }

    #[test]
    fn table_of_bad_links() {
        let bad = [
            "bitcoin:abc".to_string(),
            "ethereum:".into(),
            "ethereum:vitalik.eth?value=1".into(),
            "ethereum:0x70997970C51812DC3a010c7d01b50e0d17dc79C8".into(),
            format!("ethereum:{A}@abc"),
            format!("ethereum:{A}?value=1.5"),
            format!("ethereum:{A}?value=-1"),
            format!("ethereum:{A}?value=1e78"),
            format!(
                "ethereum:{A}?value=115792089237316195423570985008687907853269984665640564039457584007913129639936"
            ),
            format!("ethereum:{A}/approve?address={T}&uint256=1"),
            format!("ethereum:{T}/transfer?uint256=1"),
            "smartsonic://pay?amount=1".into(),
            format!("smartsonic://pay?to={A}&amount=1,5"),
            format!("smartsonic://pay?to={A}&chain=x"),
            format!("smartsonic://send?to={A}"),
            format!("smartsonic://pay?to={A}&amount=%zz"),
        ];
        for b in bad {
            assert!(parse_link(&b).is_err(), "{b} should be refused");
        }
        assert!(matches!(parse_link("ethereum:alice.eth"), Err(LinkError::Ens(_))));
        let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        assert_eq!(parse_link(&format!("ethereum:{A}?value={max}")).expect("max").amount, raw(max));
    }

    #[test]
    fn smartsonic_links() {
        let l = parse_link(&format!("smartsonic://pay?to={A}&amount=2.5&token=USDC&chain=146")).expect("link");
        assert_eq!(l.chain_id, Some(146));
        assert_eq!(l.token, LinkToken::Symbol("USDC".into()));
        assert_eq!(l.amount, Some(LinkAmount::Decimal("2.5".into())));
        let l = parse_link(&format!("smartsonic://pay?to={A}")).expect("no amount");
        assert_eq!((l.token, l.amount), (LinkToken::Native, None));
    }

    #[test]
    fn round_trip_request_links() {
        let to = parse_address(A).expect("a");
        let uri = eip681(&to, 146, None, Some(U256::from(5u64)));
        let l = parse_link(&uri).expect("parse");
        assert_eq!((l.chain_id, l.to, l.amount), (Some(146), to, raw("5")));
        let t = parse_address(T).expect("t");
        let l = parse_link(&eip681(&to, 146, Some(&t), Some(U256::from(7u64)))).expect("parse");
        assert_eq!((l.token, l.amount), (LinkToken::Address(t), raw("7")));
    }

    #[test]
    fn random_input_never_panics() {
        let alphabet: Vec<char> =
            "ethereum:smartsonic://pay?&=@/0x1aF9.e-+%%_transferaddressuint256value ".chars().collect();
        let mut x: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 80) as usize;
            let s: String = (0..len)
                .map(|i| {
                    let k = (x.rotate_left(i as u32 * 7) % alphabet.len() as u64) as usize;
                    alphabet[k]
                })
                .collect();
            let _ = parse_link(&s);
            let _ = parse_link(&format!("ethereum:{A}?value={s}"));
        }
    }
}
