//! The tokens shipped with the app, per chain: the main Sonic mainnet tokens, so their
//! symbols resolve (and are priced) without asking a node. Addresses are EIP-55
//! checksummed and checked by the tests below.

use crate::{dto::TokenInfo, network::SONIC_MAINNET, parse_address};

/// A token known at build time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownToken {
    /// Contract address, EIP-55 checksummed.
    pub address: &'static str,
    /// The symbol users type.
    pub symbol: &'static str,
    /// Decimals of the base unit.
    pub decimals: u8,
}

const fn t(address: &'static str, symbol: &'static str, decimals: u8) -> KnownToken {
    KnownToken { address, symbol, decimals }
}

/// The main tokens of Sonic mainnet (chain id 146).
pub const SONIC_MAINNET_TOKENS: &[KnownToken] = &[
    t("0x039e2fB66102314Ce7b64Ce5Ce3E5183bc94aD38", "wS", 18),
    t("0x29219dd400f2Bf60E5a23d13Be72B486D4038894", "USDC", 6),
    t("0x6047828dc181963ba44974801FF68e538dA5eaF9", "USDT", 6),
    t("0x50c42dEAcD8Fc9773493ED674b675bE577f2634b", "WETH", 18),
    t("0x0555E30da8f98308EdB960aa94C0Db47230d2B9c", "WBTC", 8),
    t("0xE5DA20F15420aD15DE0fa650600aFc998bbE3955", "stS", 18),
    t("0xb1e25689D55734FD3ffFc939c4C3Eb52DFf8A794", "OS", 18),
    t("0xd3DCe716f3eF535C5Ff8d041c1A41C3bd89b97aE", "scUSD", 6),
    t("0x3bcE5CB273F0F148010BbEa2470e7b5df84C7812", "scETH", 18),
    t("0x2D0E0814E62D80056181F5cd932274405966e4f0", "BEETS", 18),
    t("0x3333b97138D4b086720b5aE8A7844b1345a33333", "SHADOW", 18),
];

/// The table of tokens shipped for `chain_id` (empty for other chains).
pub fn known_tokens(chain_id: u64) -> &'static [KnownToken] {
    match chain_id {
        SONIC_MAINNET => SONIC_MAINNET_TOKENS,
        _ => &[],
    }
}

/// The tokens shipped for `chain_id`, as registry entries.
pub fn shipped_tokens(chain_id: u64) -> Vec<TokenInfo> {
    known_tokens(chain_id)
        .iter()
        .filter_map(|k| {
            let address = parse_address(k.address).ok()?;
            Some(TokenInfo { address, symbol: k.symbol.to_string(), decimals: k.decimals })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_address_is_checksummed_and_unique() {
        let list = known_tokens(SONIC_MAINNET);
        assert_eq!(shipped_tokens(SONIC_MAINNET).len(), list.len(), "an address fails its EIP-55 check");
        for (i, a) in list.iter().enumerate() {
            assert!(list[i + 1..].iter().all(|b| b.address != a.address && !b.symbol.eq_ignore_ascii_case(a.symbol)));
        }
        assert!(shipped_tokens(14601).is_empty());
    }

    #[test]
    fn main_tokens_are_there() {
        let find = |s: &str| shipped_tokens(146).into_iter().find(|t| t.symbol == s).expect(s);
        assert_eq!(crate::checksum(&find("wS").address), "0x039e2fB66102314Ce7b64Ce5Ce3E5183bc94aD38");
        assert_eq!(find("USDC").decimals, 6);
    }
}
