//! History from the store (filled by the watcher and by the wallet's own sends) and
//! the watcher itself, configured from the active network, accounts and tokens, and
//! started again on the new ones when they change.

use std::{collections::HashSet, future::Future};

use sonic_store::settings::{EXPLORER_URL, WATCH_SINCE};
use sonic_types::{
    checksum,
    dto::{TxRecord, TxState},
    event::NetStatus,
    parse_address, Address, Event,
};
use sonic_watcher::{explorer::Explorer, Watcher, WatcherConfig};
use tokio::sync::broadcast;

use crate::{engine::Engine, error::invalid, plan::now_secs, Error, Result};

const EXPLORER_SECRET: &str = "explorer_key";

/// What `history` selects.
#[derive(Debug, Clone, Default)]
pub struct HistoryFilter {
    /// Account (address, position or name); the default account when `None`.
    pub account: Option<String>,
    /// Asset symbol or token address.
    pub asset: Option<String>,
    /// `in` or `out`.
    pub direction: Option<String>,
    /// The other party: address or contact name.
    pub counterparty: Option<String>,
    /// Only the last N days.
    pub days: Option<u64>,
    /// At most N records, newest first.
    pub limit: Option<usize>,
    /// Include everything (`--all`): untrusted records (zero-value and
    /// unregistered-token transfers) and transactions replaced by a speed-up or a
    /// cancel, which otherwise are neither shown nor counted.
    pub include_untrusted: bool,
}

/// Whether an asset (its symbol, or its token's address) is the one `wanted` names,
/// as a history filter and the chat's totals read it.
pub(crate) fn is_asset(symbol: &str, token: Option<Address>, wanted: &str) -> bool {
    symbol.eq_ignore_ascii_case(wanted) || token.is_some_and(|a| checksum(&a).eq_ignore_ascii_case(wanted))
}

impl Engine {
    /// An address from an address or a contact name.
    pub(crate) async fn resolve_party(&self, who: &str) -> Result<Address> {
        if who.starts_with("0x") {
            return parse_address(who).map_err(invalid);
        }
        self.store().contact(who)?.map(|c| c.address).ok_or_else(|| Error::NotFound(format!("no contact '{who}'")))
    }

    /// Records of an account on the active network, newest first, filtered.
    pub async fn history(&self, f: &HistoryFilter) -> Result<Vec<TxRecord>> {
        let me = self.resolve_account(f.account.as_deref()).await?.address;
        // The local index answers with the node down too.
        let chain_id = self.chain_id_for_reading().await?;
        let counterparty = match &f.counterparty {
            Some(c) => Some(self.resolve_party(c).await?),
            None => None,
        };
        if let Some(d) = &f.direction {
            if d != "in" && d != "out" {
                return Err(Error::Invalid(format!("direction must be in or out, not '{d}'")));
            }
        }
        let since = f.days.map(|d| now_secs().saturating_sub(d.saturating_mul(86_400)));
        let asset = f.asset.as_deref();
        let mine: Vec<TxRecord> = self.store().txs_for(&me)?.into_iter().filter(|t| t.chain_id == chain_id).collect();
        // Transactions whose token transfers are indexed: each Transfer log is a record
        // of its own, so the transaction's record (no value, to the token contract, or
        // the wallet's own record of a token send) would say the same thing again.
        let with_logs: HashSet<String> =
            mine.iter().filter(|t| t.log_index.is_some()).map(|t| t.hash.clone()).collect();
        // A swap's own record carries both legs: its Transfer logs would repeat them.
        let swaps: HashSet<String> =
            mine.iter().filter(|t| t.log_index.is_none() && t.received.is_some()).map(|t| t.hash.clone()).collect();
        let mut txs: Vec<TxRecord> = mine
            .into_iter()
            .filter(|t| !(t.log_index.is_some() && swaps.contains(&t.hash)))
            .filter(|t| {
                !(t.log_index.is_none()
                    && t.received.is_none()
                    && with_logs.contains(&t.hash)
                    && (t.token.is_some() || t.raw.is_zero()))
            })
            .filter(|t| f.include_untrusted || !t.untrusted)
            // A replaced transaction never happened: its replacement is the spend.
            .filter(|t| f.include_untrusted || t.state != TxState::Replaced)
            .filter(|t| match f.direction.as_deref() {
                Some("out") => t.from == me,
                Some("in") => t.to == me || t.received.is_some(),
                _ => true,
            })
            .filter(|t| counterparty.is_none_or(|c| (t.from == c && t.to == me) || (t.to == c && t.from == me)))
            .filter(|t| {
                asset.is_none_or(|s| {
                    is_asset(&t.asset, t.token, s)
                        || t.received.as_ref().is_some_and(|r| is_asset(&r.asset, r.token, s))
                })
            })
            .filter(|t| since.is_none_or(|s| t.timestamp >= s))
            .collect();
        txs.sort_by(|a, b| {
            b.block.unwrap_or(u64::MAX).cmp(&a.block.unwrap_or(u64::MAX)).then(b.timestamp.cmp(&a.timestamp))
        });
        if let Some(l) = f.limit {
            txs.truncate(l);
        }
        Ok(txs)
    }

    /// Uses an Etherscan-compatible explorer for backfills on Sonic mainnet and testnet
    /// (`url`, default Etherscan v2), with its API key kept in the vault; `None` turns
    /// it off.
    pub async fn set_explorer(&self, url: Option<&str>, key: Option<&str>) -> Result<()> {
        self.with_vault_mut(|v| Ok(v.set_secret(EXPLORER_SECRET, key)?)).await?;
        Ok(self.store().set_setting(&EXPLORER_URL, &url.map(str::to_string))?)
    }

    /// Fills in the history the index does not hold (what came before it began, or
    /// before an account was added) from the explorer, every row confirmed on chain,
    /// up to the index's cursor (the head for a chain not indexed yet); the cursor and
    /// the records already there stay. Returns the number of transfers added.
    pub async fn backfill_history(&self) -> Result<usize> {
        let x = self
            .explorer()
            .await
            .ok_or_else(|| Error::Invalid("no explorer API key is set (Networks page, or `sonic settings`)".into()))?;
        let w = self.watcher().await?;
        self.fill_in(&x, &w).await
    }

    /// Tells the lists that `n` records came from before the index began (none: says
    /// nothing).
    fn announce_filled_in(&self, n: usize) {
        if n > 0 {
            self.bus().publish(Event::HistoryFilledIn { records: u32::try_from(n).unwrap_or(u32::MAX) });
        }
    }

    /// [`Engine::backfill_history`] with the explorer and a watcher at hand.
    async fn fill_in(&self, x: &Explorer, w: &Watcher) -> Result<usize> {
        let to = match w.cursor()? {
            Some(c) => c,
            None => w.verified_head().await?,
        };
        let n = x.fill_in(w, to).await?;
        tracing::info!("explorer fill-in: {n} records up to block {to}");
        self.announce_filled_in(n);
        Ok(n)
    }

    /// Whether an explorer is configured (its key needs the vault unlocked).
    pub fn explorer_configured(&self) -> bool {
        matches!(self.store().setting(&EXPLORER_URL), Ok(Some(Some(_))))
    }

    async fn explorer(&self) -> Option<Explorer> {
        let url = self.store().setting(&EXPLORER_URL).ok().flatten().flatten()?;
        let key = self.with_vault_mut(|v| Ok(v.secret(EXPLORER_SECRET)?)).await.ok().flatten()?;
        Explorer::new(&url, &key).ok()
    }

    /// A watcher for the active network, its accounts and registered tokens.
    pub async fn watcher(&self) -> Result<Watcher> {
        let chain = self.chain().await?;
        let net = chain.network().clone();
        let accounts = self.accounts().await?.into_iter().map(|a| a.address).collect();
        let tokens = self.store().tokens(chain.chain_id())?;
        // With an RPC override, only that endpoint; else every URL of the network.
        let urls = if net.rpc_urls.iter().any(|u| u == chain.url()) {
            net.rpc_urls.clone()
        } else {
            vec![chain.url().to_string()]
        };
        let mut cfg = WatcherConfig::new(&net.name, chain.chain_id(), urls, accounts, tokens);
        // New blocks by subscription where offered; a local node (anvil) serves
        // WebSocket on its HTTP port.
        cfg.ws_url = net.ws_url.clone().or_else(|| {
            (net.name == "local")
                .then(|| chain.url().replacen("http://", "ws://", 1))
                .filter(|u| u.starts_with("ws://"))
        });
        // Tuning knob (and a way for tests to make many small batches).
        if let Some(n) = std::env::var("SONIC_WATCH_BATCH").ok().and_then(|v| v.parse().ok()) {
            cfg.batch_blocks = n;
        }
        Ok(Watcher::new(cfg, self.store().clone(), self.bus().clone())?)
    }

    /// Runs the watcher: indexes from `from_block` (or the stored cursor, or the head for
    /// a new wallet), then follows new blocks until `stop`, or returns at the head when
    /// `until_head`.
    ///
    /// The watcher follows changes live: an account added, a token registered
    /// ([`Event::AccountsChanged`], [`Event::TokensChanged`]) or a network switch
    /// ([`Event::NetworkChanged`]) stops it before the next head and starts it again
    /// from the cursor of the (maybe new) chain with the new watched set. An account
    /// is followed from then on (its past is not indexed again) and its balances are
    /// read at once; every chain keeps its own cursor.
    pub async fn watch(&self, from_block: Option<u64>, until_head: bool, stop: impl Future<Output = ()>) -> Result<()> {
        tokio::pin!(stop);
        let mut from_block = from_block;
        // The chain and watched set of the previous run, to read the balances of what
        // is new in this one.
        let mut before: Option<(u64, HashSet<Address>, HashSet<Address>)> = None;
        loop {
            // Subscribed before the watched set is read: a change made after the read is
            // an event here, seen before any block mined after it is indexed.
            let mut changes = self.bus().subscribe();
            // A node that cannot even be connected to has no RPC pool to say so: the
            // tray and the window learn it here.
            let w = match self.watcher().await {
                Ok(w) => w,
                Err(e) => {
                    if e.to_ipc().code == sonic_types::ErrorCode::Unreachable {
                        if let Ok(net) = self.active_network() {
                            self.bus().publish(Event::NetworkStatus { network: net.name, status: NetStatus::Offline });
                        }
                    }
                    return Err(e);
                }
            };
            let head = self.start_watcher(&w, from_block.take()).await?;
            if changed(&mut changes) {
                continue;
            }
            // After a restart for a change (not at the first start, which may catch up
            // on a long time away), blocks mined meanwhile are news: announced, as the
            // running watcher would have.
            w.sync_to(head, before.is_some()).await?;
            if until_head {
                return Ok(w.check_pending().await?);
            }
            let now = (w.chain_id(), w.accounts().into_iter().collect(), w.tokens().into_iter().collect());
            if let Some(old) = &before {
                refresh_new_balances(&w, old, &now, head).await;
                // An account that came in on the same chain (imported, derived) has a
                // past the index never saw: filled in from the explorer, where one is set.
                let grew = old.0 == now.0 && now.1.iter().any(|a| !old.1.contains(a));
                let explorer = if grew { self.explorer().await } else { None };
                if let Some(x) = explorer {
                    match self.fill_in(&x, &w).await {
                        Ok(n) => tracing::info!("explorer fill-in for the new account: {n} records"),
                        Err(e) => tracing::warn!("explorer fill-in for the new account failed: {e}"),
                    }
                }
            }
            before = Some(now);
            let mut stopped = false;
            let until = async {
                tokio::select! {
                    biased;
                    _ = &mut stop => stopped = true,
                    _ = next_change(&mut changes) => {}
                }
            };
            w.run(until).await?;
            if stopped {
                return Ok(());
            }
            tracing::info!("accounts, tokens or network changed: the watcher starts again");
        }
    }

    /// Where `w` starts: the explorer backfill of a new index on Sonic, then `from_block`
    /// (only past the cursor), the cursor, or the block after the head for a new index.
    /// Returns the node's head, checked.
    async fn start_watcher(&self, w: &Watcher, from_block: Option<u64>) -> Result<u64> {
        // The node's head is checked (it must have that block): a broken or hostile
        // `eth_blockNumber` is neither a backfill's end nor a new index's start.
        let head = w.verified_head().await?;
        let chain_id = w.chain_id();
        // A devnet started again under the same chain id is another chain.
        if w.replaced_chain().await? {
            w.start_over().await?;
        }
        if from_block.is_none() && w.cursor()?.is_none() && [146, 14601].contains(&chain_id) {
            if let Some(x) = self.explorer().await {
                // An imported account's past comes from the explorer, up to the head.
                let n = x.backfill(w, head).await?;
                tracing::info!("explorer backfill: {n} records up to block {head}");
                self.announce_filled_in(n);
            }
        }
        match (from_block, w.cursor()?) {
            (Some(b), None) => w.start_at(b)?,
            (Some(b), Some(c)) if b <= c => {
                return Err(Error::Invalid(format!(
                    "history is already indexed up to block {c}; --from-block only applies to a new index"
                )));
            }
            (Some(b), Some(_)) => w.start_at(b)?,
            (None, None) => {
                let next = head.checked_add(1).ok_or_else(|| {
                    sonic_chain::Error::Rpc(format!("the node reports an impossible head block {head}"))
                })?;
                // The blocks mined since the wallet or network came in (a payment made
                // before the watcher got here), if that was moments ago; else the next.
                let since =
                    self.store().setting(&WATCH_SINCE)?.filter(|t| now_secs().saturating_sub(*t) <= SINCE_MAX_AGE);
                let start = match since {
                    Some(t) => w.first_block_since(head, t, SINCE_MAX_BLOCKS).await?.unwrap_or(next),
                    None => next,
                };
                tracing::info!(chain_id, start, head, "a new index starts");
                w.start_at(start)?
            }
            (None, Some(_)) => {}
        }
        Ok(head)
    }
}

/// How old the moment the watched set came in may be for a new index to start there
/// (seconds); an older one starts at the head.
const SINCE_MAX_AGE: u64 = 600;
/// How many blocks back a new index may start.
const SINCE_MAX_BLOCKS: u64 = 64;

impl Engine {
    /// Publishes a change of the watched set (`AccountsChanged`, `NetworkChanged`) with
    /// the moment it came in (see [`WATCH_SINCE`]): the watcher picks it up a moment
    /// later, and what is mined meanwhile belongs to the new index.
    pub(crate) fn watched_set_changed(&self, ev: Event) {
        if let Err(e) = self.store().set_setting(&WATCH_SINCE, &now_secs()) {
            tracing::warn!("could not note when the watched set changed: {e}");
        }
        self.bus().publish(ev);
    }
}

/// Whether the watched set changed (an event already waiting).
fn is_change(ev: &Event) -> bool {
    matches!(ev, Event::AccountsChanged | Event::TokensChanged | Event::NetworkChanged { .. })
}

/// Whether a change is waiting on `rx` (a lost event may have been one).
fn changed(rx: &mut broadcast::Receiver<Event>) -> bool {
    loop {
        match rx.try_recv() {
            Ok(ev) if is_change(&ev) => return true,
            Ok(_) => {}
            Err(broadcast::error::TryRecvError::Lagged(_)) => return true,
            Err(_) => return false,
        }
    }
}

/// Resolves at the next change of the watched set (a lost event may have been one);
/// never once the bus is gone.
async fn next_change(rx: &mut broadcast::Receiver<Event>) {
    loop {
        match rx.recv().await {
            Ok(ev) if is_change(&ev) => return,
            Ok(_) => {}
            Err(broadcast::error::RecvError::Lagged(_)) => return,
            Err(broadcast::error::RecvError::Closed) => std::future::pending().await,
        }
    }
}

/// Reads the balances the watcher has not read yet: every one on a new chain, a new
/// account's, and a new token's. A failure is logged: the next transfer reads it.
async fn refresh_new_balances(
    w: &Watcher,
    (old_chain, old_accounts, old_tokens): &(u64, HashSet<Address>, HashSet<Address>),
    (chain, accounts, tokens): &(u64, HashSet<Address>, HashSet<Address>),
    head: u64,
) {
    let same_chain = old_chain == chain;
    for a in accounts {
        let new_account = !same_chain || !old_accounts.contains(a);
        let assets = std::iter::once(None).chain(tokens.iter().map(Some));
        for t in assets.filter(|t| new_account || t.is_some_and(|t| !old_tokens.contains(t))) {
            if let Err(e) = w.refresh_balance(*a, t.copied(), head).await {
                tracing::warn!("balance of {} not read: {e}", checksum(a));
            }
        }
    }
}
