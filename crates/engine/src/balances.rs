//! Balances of S and registered tokens, read from the node.

use alloy::primitives::Address;
use sonic_types::{dto::Balance, format_units};

use crate::{engine::Engine, Asset, Result};

impl Engine {
    /// Balance of one asset for an account.
    pub async fn balance(&self, account: Option<&str>, asset: Option<&str>) -> Result<Balance> {
        let acct = self.resolve_account(account).await?;
        let asset = self.resolve_asset(asset).await?;
        self.balance_of(acct.address, &asset).await
    }

    async fn balance_of(&self, account: Address, asset: &Asset) -> Result<Balance> {
        let chain = self.chain().await?;
        let raw = match asset {
            Asset::Native => chain.native_balance(account).await?,
            Asset::Token(t) => chain.token_balance(t.address, account).await?,
        };
        Ok(Balance {
            account,
            asset: asset.symbol().to_string(),
            token: asset.token(),
            amount: format_units(raw, asset.decimals()),
            raw,
            decimals: asset.decimals(),
        })
    }

    /// S and every registered token for an account.
    pub async fn balances(&self, account: Option<&str>) -> Result<Vec<Balance>> {
        let acct = self.resolve_account(account).await?;
        let mut out = vec![self.balance_of(acct.address, &Asset::Native).await?];
        for t in self.tokens().await? {
            out.push(self.balance_of(acct.address, &Asset::Token(t)).await?);
        }
        Ok(out)
    }
}
