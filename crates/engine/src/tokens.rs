//! Tokens and assets: the ERC-20 registry per chain, the registered tokens the user hid
//! from balances, and what an asset named by the user (`S`, a registered symbol, a
//! token address) resolves to.

use alloy::primitives::Address;
use sonic_store::Setting;
use sonic_types::{
    checksum, dto::TokenInfo, parse_address, tokens::shipped_tokens, Event, NATIVE_DECIMALS, NATIVE_SYMBOL,
};

use crate::{engine::Engine, error::invalid, Error, Result};

/// The registered tokens hidden from balances on a chain (kept across restarts).
fn hidden_setting(chain_id: u64) -> Setting<Vec<Address>> {
    Setting::keyed("hidden_tokens", chain_id)
}

/// What is being sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    /// Native S.
    Native,
    /// A registered or addressed ERC-20 token.
    Token(TokenInfo),
}

impl Asset {
    /// The symbol shown (`S` for the native coin).
    pub(crate) fn symbol(&self) -> &str {
        match self {
            Asset::Native => NATIVE_SYMBOL,
            Asset::Token(t) => &t.symbol,
        }
    }

    /// Decimals of the asset's base unit.
    pub(crate) fn decimals(&self) -> u8 {
        match self {
            Asset::Native => NATIVE_DECIMALS,
            Asset::Token(t) => t.decimals,
        }
    }

    /// The token contract, `None` for S.
    pub(crate) fn token(&self) -> Option<Address> {
        match self {
            Asset::Native => None,
            Asset::Token(t) => Some(t.address),
        }
    }
}

impl Engine {
    /// Registers a token on the active network, reading its symbol and decimals.
    pub async fn add_token(&self, address: &str) -> Result<TokenInfo> {
        let a = parse_address(address).map_err(invalid)?;
        let chain = self.chain().await?;
        let info = chain.token_info(a).await?;
        self.store.put_token(chain.chain_id(), &info)?;
        // The watcher trusts its transfers from now on.
        self.bus.publish(Event::TokensChanged);
        Ok(info)
    }

    /// Tokens registered on the active network.
    pub async fn tokens(&self) -> Result<Vec<TokenInfo>> {
        let chain = self.chain().await?;
        Ok(self.store.tokens(chain.chain_id())?)
    }

    /// The registered tokens the user hid from balances on the active network.
    pub async fn hidden_tokens(&self) -> Result<Vec<Address>> {
        let chain = self.chain().await?;
        Ok(self.store.setting(&hidden_setting(chain.chain_id()))?.unwrap_or_default())
    }

    /// Hides a registered token from balances, or shows it again. The token stays
    /// registered: its transfers are still trusted and it can still be sent.
    pub async fn set_token_hidden(&self, address: &str, hidden: bool) -> Result<()> {
        let a = parse_address(address).map_err(invalid)?;
        let chain_id = self.chain().await?.chain_id();
        if !self.store.tokens(chain_id)?.iter().any(|t| t.address == a) {
            return Err(Error::NotFound(format!("no token {} registered on this network", checksum(&a))));
        }
        let key = hidden_setting(chain_id);
        let mut list = self.store.setting(&key)?.unwrap_or_default();
        list.retain(|x| *x != a);
        if hidden {
            list.push(a);
        }
        self.store.set_setting(&key, &list)?;
        Ok(())
    }

    /// The tokens known on `chain_id` without asking a node: the registry, then the
    /// tokens shipped with the app (`sonic_types::tokens`) that it does not hold.
    pub(crate) fn known_tokens(&self, chain_id: u64) -> Result<Vec<TokenInfo>> {
        let mut known = self.store.tokens(chain_id)?;
        for t in shipped_tokens(chain_id) {
            if !known.iter().any(|k| k.address == t.address) {
                known.push(t);
            }
        }
        Ok(known)
    }

    /// Resolves `S`, a registered or shipped symbol, or a token address. A network with
    /// a fixed chain id resolves known symbols without a node; only an unknown address
    /// is read from the chain.
    pub async fn resolve_asset(&self, spec: Option<&str>) -> Result<Asset> {
        let spec = match spec.map(str::trim) {
            None | Some("") => return Ok(Asset::Native),
            Some(s) => s,
        };
        if spec.eq_ignore_ascii_case(NATIVE_SYMBOL) || spec.eq_ignore_ascii_case("sonic") {
            return Ok(Asset::Native);
        }
        let chain_id = self.active_chain_id().await?;
        let known = self.known_tokens(chain_id)?;
        if spec.starts_with("0x") {
            let a = parse_address(spec).map_err(invalid)?;
            if let Some(t) = known.into_iter().find(|t| t.address == a) {
                return Ok(Asset::Token(t));
            }
            return Ok(Asset::Token(self.chain().await?.token_info(a).await?));
        }
        let matches: Vec<TokenInfo> = known.into_iter().filter(|t| t.symbol.eq_ignore_ascii_case(spec)).collect();
        match matches.len() {
            0 => Err(Error::NotFound(format!(
                "no token '{spec}' registered on this network (add it with `sonic tokens add ADDRESS`)"
            ))),
            1 => Ok(Asset::Token(matches.into_iter().next().ok_or_else(|| Error::NotFound(spec.into()))?)),
            _ => Err(Error::Invalid(format!(
                "several known tokens are called '{spec}': {}; give the contract address",
                matches.iter().map(|t| checksum(&t.address)).collect::<Vec<_>>().join(", ")
            ))),
        }
    }
}
