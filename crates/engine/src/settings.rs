//! Settings: the auto-lock time, and the settings keys whose value types the engine
//! owns (the others are declared in [`sonic_store::settings`]).

use std::time::Duration;

use sonic_agent::Conversation;
use sonic_llm::ProviderConfig;
use sonic_store::{settings::AUTO_LOCK_MINUTES, Setting};
use sonic_types::{checksum, dto::LastBalances, Address};

use crate::{
    defi::{CachedPools, CachedPrice},
    engine::Engine,
    portfolio::CachedHistory,
    ContractAddresses, Error, Result,
};

/// Auto-lock time when none is set.
const DEFAULT_AUTO_LOCK_MINUTES: u64 = 15;

/// The chat's conversation state (pending questions, the plan last shown).
pub(crate) const CONVERSATION: Setting<Conversation> = Setting::new("conversation");
/// The optional language-model provider (`None`: the rules engine only).
pub(crate) const AGENT_PROVIDER: Setting<Option<ProviderConfig>> = Setting::new("agent_provider");

/// Cache: the last quote of a coin (`coingecko:sonic-3`, `sonic:0x…`).
pub(crate) fn price_cache(coin: &str) -> Setting<CachedPrice> {
    Setting::keyed("price", coin)
}
/// Cache: daily prices of a set of coins (keys joined by commas) over `days` days.
pub(crate) fn price_history_cache(days: u32, coins: &str) -> Setting<CachedHistory> {
    Setting::keyed("price_history", format!("{days}:{coins}"))
}
/// Cache: the Sonic pools last read from the yields source.
pub(crate) const YIELDS_CACHE: Setting<CachedPools> = Setting::new("yields_cache");

/// Cache: an account's balances as last read on a network, so they can be shown (with
/// their time) when the node does not answer, also after a restart.
pub(crate) fn balances_cache(network: &str, account: &Address) -> Setting<LastBalances> {
    Setting::keyed("balances", format!("{network}:{}", checksum(account)))
}

/// The chain id a network's node last answered with: which records are that network's
/// when the node does not answer (history offline).
pub(crate) fn network_chain_id(network: &str) -> Setting<u64> {
    Setting::keyed("network-chain", network)
}

/// Smart Sonic's contract addresses on one chain.
pub(crate) fn contracts(chain_id: u64) -> Setting<ContractAddresses> {
    Setting::keyed("contracts", chain_id)
}

impl Engine {
    /// Minutes of inactivity before the vault locks itself.
    pub fn auto_lock(&self) -> Result<Duration> {
        let m = self.store.setting(&AUTO_LOCK_MINUTES)?.unwrap_or(DEFAULT_AUTO_LOCK_MINUTES);
        Ok(Duration::from_secs(m.max(1) * 60))
    }

    /// Sets the auto-lock time in minutes (1 to 1440).
    pub fn set_auto_lock_minutes(&self, minutes: u64) -> Result<()> {
        if !(1..=1440).contains(&minutes) {
            return Err(Error::Invalid("auto-lock must be between 1 and 1440 minutes".into()));
        }
        Ok(self.store.set_setting(&AUTO_LOCK_MINUTES, &minutes)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_strings_older_versions_wrote() {
        assert_eq!(CONVERSATION.name(), "conversation");
        assert_eq!(AGENT_PROVIDER.name(), "agent_provider");
        assert_eq!(contracts(146).name(), "contracts:146");
        assert_eq!(price_cache("coingecko:sonic-3").name(), "price:coingecko:sonic-3");
        assert_eq!(YIELDS_CACHE.name(), "yields_cache");
        assert_eq!(
            balances_cache("local", &Address::with_last_byte(1)).name(),
            "balances:local:0x0000000000000000000000000000000000000001"
        );
    }
}
