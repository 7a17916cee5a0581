//! Balances of S and registered tokens (but those the user hid), read from the node;
//! the last read of each account is kept, to be shown with its time when the node does
//! not answer.

use alloy::primitives::Address;
use sonic_types::{
    dto::{Balance, LastBalances},
    format_units,
};

use crate::{engine::Engine, plan::now_secs, settings::balances_cache, Asset, Result};

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

    /// S and every registered token for an account, but those the user hid. What the
    /// node said is kept (see [`Engine::last_balances`]).
    pub async fn balances(&self, account: Option<&str>) -> Result<Vec<Balance>> {
        let acct = self.resolve_account(account).await?;
        let mut out = vec![self.balance_of(acct.address, &Asset::Native).await?];
        let hidden = self.hidden_tokens().await?;
        for t in self.tokens().await?.into_iter().filter(|t| !hidden.contains(&t.address)) {
            out.push(self.balance_of(acct.address, &Asset::Token(t)).await?);
        }
        let network = self.active_network()?.name;
        let last = LastBalances { balances: out.clone(), at: now_secs() };
        // A cache: failing to keep it does not fail the read.
        if let Err(e) = self.store.set_setting(&balances_cache(&network, &acct.address), &last) {
            tracing::warn!("balances not cached: {e}");
        }
        Ok(out)
    }

    /// An account's balances as last read on the active network, with when: what is
    /// shown while the node does not answer, also after a restart. No node is asked.
    pub async fn last_balances(&self, account: Option<&str>) -> Result<Option<LastBalances>> {
        let acct = self.resolve_account(account).await?;
        let network = self.active_network()?.name;
        Ok(self.store.setting(&balances_cache(&network, &acct.address))?)
    }
}
