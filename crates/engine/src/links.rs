//! Payment links (deep links and QR codes): resolved against the active network, then
//! turned into an ordinary plan for the user to confirm. A link never sends anything
//! by itself.

use serde::{Deserialize, Serialize};
use sonic_types::{
    checksum,
    dto::Plan,
    parse_units,
    payreq::{eip681, parse_link, LinkAmount, LinkToken, PaymentLink},
    Address, NATIVE_DECIMALS, NATIVE_SYMBOL, U256,
};

use crate::{engine::Engine, error::invalid, AmountSpec, Asset, Error, Result, SendRequest};

/// A link with its token and amount made exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedLink {
    /// Chain id named by the link.
    pub chain_id: Option<u64>,
    /// Payee, checksummed.
    pub to: String,
    /// Token contract, `None` for S.
    pub token: Option<Address>,
    /// Amount in base units, if the link gives one.
    pub raw: Option<U256>,
    /// The asset's symbol.
    pub symbol: String,
    /// The asset's decimals.
    pub decimals: u8,
}

impl Engine {
    /// Parses a link as written, with no network: the payee, chain, token (address or
    /// symbol) and amount (base units or a decimal) the link gives.
    pub fn parse_link(&self, uri: &str) -> Result<PaymentLink> {
        parse_link(uri).map_err(invalid)
    }

    /// Parses and resolves a link: a token symbol against the registry, a decimal
    /// amount with the token's decimals. Native links need no network.
    pub async fn resolve_link(&self, uri: &str) -> Result<ResolvedLink> {
        let link = self.parse_link(uri)?;
        let (token, symbol, decimals) = match &link.token {
            LinkToken::Native => (None, NATIVE_SYMBOL.to_string(), NATIVE_DECIMALS),
            LinkToken::Address(a) => asset_parts(self.resolve_asset(Some(&checksum(a))).await?),
            LinkToken::Symbol(s) => asset_parts(self.resolve_asset(Some(s)).await?),
        };
        let raw = match &link.amount {
            None => None,
            Some(LinkAmount::Raw(v)) => Some(*v),
            Some(LinkAmount::Decimal(d)) => {
                Some(parse_units(d, decimals).map_err(|e| Error::Invalid(format!("amount: {e}")))?)
            }
        };
        Ok(ResolvedLink { chain_id: link.chain_id, to: checksum(&link.to), token, raw, symbol, decimals })
    }

    /// Plans the payment a link asks for, after checking it is for this network.
    pub async fn plan_link(&self, uri: &str) -> Result<Plan> {
        let r = self.resolve_link(uri).await?;
        let chain = self.chain().await?;
        if let Some(id) = r.chain_id {
            if id != chain.chain_id() {
                return Err(Error::Invalid(format!(
                    "this payment link is for chain {id}, but the wallet is on {} (chain {}); switch networks first",
                    chain.network().name,
                    chain.chain_id()
                )));
            }
        }
        let raw = r.raw.ok_or_else(|| Error::Invalid("the link has no amount; enter one in the send form".into()))?;
        self.plan_send(SendRequest {
            from: None,
            to: r.to,
            amount: AmountSpec::Raw(raw),
            asset: r.token.map(|t| checksum(&t)),
        })
        .await
    }

    /// An EIP-681 link asking for `amount` of `token` (S when `None`) to the default
    /// account.
    pub async fn payment_request_uri(&self, amount: Option<&str>, token: Option<&str>) -> Result<String> {
        let me = self.resolve_account(None).await?.address;
        let chain = self.chain().await?;
        let asset = self.resolve_asset(token).await?;
        let (token, decimals) = match &asset {
            Asset::Native => (None, NATIVE_DECIMALS),
            Asset::Token(t) => (Some(t.address), t.decimals),
        };
        let raw = amount.map(|a| parse_units(a, decimals).map_err(invalid)).transpose()?;
        if raw.is_some_and(|r| r.is_zero()) {
            return Err(Error::Invalid("the amount must be more than zero".into()));
        }
        Ok(eip681(&me, chain.chain_id(), token.as_ref(), raw))
    }
}

/// A resolved asset's contract (`None` for S), symbol and decimals.
fn asset_parts(asset: Asset) -> (Option<Address>, String, u8) {
    match asset {
        Asset::Token(t) => (Some(t.address), t.symbol, t.decimals),
        Asset::Native => (None, NATIVE_SYMBOL.to_string(), NATIVE_DECIMALS),
    }
}
