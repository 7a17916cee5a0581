//! Indexing: block ranges fetched as JSON-RPC batches (several in flight), token
//! transfers through eth_getLogs over each range, records and cursor written in one
//! store transaction per range, reorganisations rolled back to the fork point.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
    time::Duration,
};

use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, Bytes, B256, U256},
    rpc::types::{Block, BlockTransactions, Filter, Log, TransactionReceipt},
};
use futures::{stream, StreamExt};
use sonic_bus::Bus;
use sonic_store::{settings::genesis, Store};
use sonic_types::{
    checksum,
    dto::{TokenInfo, TxRecord, TxState},
    format_units, Event, NATIVE_DECIMALS, NATIVE_SYMBOL,
};

use crate::{rpc::RpcPool, Result};

/// keccak256("Transfer(address,address,uint256)").
pub(crate) const TRANSFER: B256 =
    alloy::primitives::b256!("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
/// How many recent block hashes are kept to detect a reorganisation.
const REORG_WINDOW: u64 = 128;
/// Sonic mainnet and testnet: chains whose block 0 never changes.
const SONIC_CHAINS: [u64; 2] = [146, 14601];
/// Blocks asked per pass of `Watcher::sync_to` at most: a far head is followed in
/// bounded steps.
const MAX_STEP: u64 = 10_000;
/// Passes in a row without progress before `Watcher::sync_to` gives up.
const MAX_STALLS: u32 = 8;
/// First wait after a pass without progress (doubled each time).
const STALL_DELAY: Duration = Duration::from_millis(50);
/// Longest wait between passes without progress.
const MAX_STALL_DELAY: Duration = Duration::from_secs(2);

/// What to watch and how hard to pull.
#[derive(Debug, Clone)]
pub struct WatcherConfig {
    /// Network name (for events).
    pub network: String,
    /// Chain id the RPC was checked against.
    pub chain_id: u64,
    /// RPC URLs, first preferred.
    pub urls: Vec<String>,
    /// The user's accounts.
    pub accounts: Vec<Address>,
    /// Registered tokens (transfers of others are marked untrusted).
    pub tokens: Vec<TokenInfo>,
    /// Blocks per JSON-RPC batch.
    pub batch_blocks: u64,
    /// Batches in flight.
    pub concurrency: usize,
    /// Pause between polls when following the head.
    pub poll: Duration,
    /// WebSocket endpoint: new blocks by subscription instead of polling.
    pub ws_url: Option<String>,
}

impl WatcherConfig {
    /// Sensible defaults for a network.
    pub fn new(
        network: &str,
        chain_id: u64,
        urls: Vec<String>,
        accounts: Vec<Address>,
        tokens: Vec<TokenInfo>,
    ) -> Self {
        Self {
            network: network.into(),
            chain_id,
            urls,
            accounts,
            tokens,
            batch_blocks: 100,
            concurrency: 4,
            poll: Duration::from_secs(1),
            ws_url: None,
        }
    }
}

/// One fetched range: its blocks, the token logs in it, and receipts of the matched
/// transactions that need one.
struct Fetched {
    blocks: Vec<Block>,
    logs: Vec<Log>,
    receipts: HashMap<B256, TransactionReceipt>,
}

/// Fetches ranges; cheap to clone, so each range is fetched by its own task and keeps
/// progressing while earlier ranges are written to the store.
#[derive(Clone)]
struct Fetcher {
    rpc: Arc<RpcPool>,
    watched: Arc<HashSet<Address>>,
    topics: Vec<B256>,
    code: Arc<tokio::sync::Mutex<HashMap<Address, bool>>>,
}

/// The watcher of one network.
pub struct Watcher {
    cfg: WatcherConfig,
    rpc: Arc<RpcPool>,
    fetcher: Fetcher,
    store: Store,
    bus: Bus,
    watched: Arc<HashSet<Address>>,
    tokens: HashMap<Address, TokenInfo>,
    subscribed: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher").field("network", &self.cfg.network).finish()
    }
}

fn topic(a: &Address) -> B256 {
    B256::left_padding_from(a.as_slice())
}

impl Fetcher {
    async fn is_contract(&self, a: Address) -> Result<bool> {
        if let Some(c) = self.code.lock().await.get(&a) {
            return Ok(*c);
        }
        let code: Bytes = self.rpc.call("eth_getCode", (a, BlockNumberOrTag::Latest)).await?;
        self.code.lock().await.insert(a, !code.is_empty());
        Ok(!code.is_empty())
    }

    /// Fetches `from..=to` and keeps the longest prefix the node answered fully and
    /// consistently: each block present, with the number asked for, full transactions,
    /// linked to the one before; its token logs from the same blocks; a receipt of the
    /// same block for every matched transaction whose success is not certain. A block
    /// past that prefix (a lagging backend's `null`, a garbage field) is not indexed
    /// now and is asked again.
    async fn fetch(self, from: u64, to: u64) -> Result<Fetched> {
        let numbers: Vec<(BlockNumberOrTag, bool)> = (from..=to).map(|n| (BlockNumberOrTag::Number(n), true)).collect();
        let answered = self.rpc.batch::<_, Option<Block>>("eth_getBlockByNumber", &numbers).await?;
        let mut blocks: Vec<Block> = Vec::with_capacity(answered.len());
        for (expected, b) in (from..=to).zip(answered) {
            let Some(b) = b else { break };
            let linked = blocks.last().is_none_or(|p: &Block| p.header.hash == b.header.parent_hash);
            if b.header.number != expected || !linked || !matches!(b.transactions, BlockTransactions::Full(_)) {
                tracing::debug!("block {expected}: inconsistent answer, asked again");
                break;
            }
            blocks.push(b);
        }
        let Some(last) = blocks.last().map(|b| b.header.number) else {
            return Ok(Fetched { blocks, logs: Vec::new(), receipts: HashMap::new() });
        };
        let hashes: HashMap<u64, B256> = blocks.iter().map(|b| (b.header.number, b.header.hash)).collect();
        let watched = self.topics.clone();
        let base = Filter::new().from_block(from).to_block(last).event_signature(TRANSFER);
        let filters = [(base.clone().topic1(watched.clone()),), (base.topic2(watched),)];
        let logs: Vec<Vec<Log>> = self.rpc.batch("eth_getLogs", &filters[..]).await?;
        // The first block whose answers disagree with each other; it and those after
        // it are asked again.
        let mut bad = u64::MAX;
        let mut seen = HashSet::new();
        let mut kept = Vec::new();
        for l in logs.into_iter().flatten() {
            let Some(n) = l.block_number.filter(|n| (from..=last).contains(n)) else { continue };
            if l.block_hash.is_some_and(|h| hashes.get(&n) != Some(&h)) {
                // A log of another version of that block (another backend's view).
                bad = bad.min(n);
                continue;
            }
            if seen.insert((l.transaction_hash, l.log_index)) {
                kept.push(l);
            }
        }
        // Receipts only where success is not certain: a plain value transfer to an
        // account without code always succeeds once included; anything else may
        // have reverted.
        let mut need: Vec<(B256, u64)> = Vec::new();
        for b in &blocks {
            if let BlockTransactions::Full(txs) = &b.transactions {
                for tx in txs {
                    let from_w = self.watched.contains(&tx.inner.signer());
                    let to = alloy::consensus::Transaction::to(tx);
                    let to_w = to.is_some_and(|t| self.watched.contains(&t));
                    if !(from_w || to_w) {
                        continue;
                    }
                    let input_empty = alloy::consensus::Transaction::input(tx).is_empty();
                    let plain = input_empty
                        && match to {
                            Some(t) => !self.is_contract(t).await?,
                            None => false,
                        };
                    if !plain {
                        need.push((*tx.inner.tx_hash(), b.header.number));
                    }
                }
            }
        }
        let asked: Vec<(B256,)> = need.iter().map(|(h, _)| (*h,)).collect();
        let answers: Vec<Option<TransactionReceipt>> = self.rpc.batch("eth_getTransactionReceipt", &asked).await?;
        let mut receipts = HashMap::new();
        for ((hash, n), r) in need.into_iter().zip(answers) {
            // A missing receipt is not a success: the block is asked again.
            match r {
                Some(r)
                    if r.transaction_hash == hash
                        && r.block_number == Some(n)
                        && r.block_hash.is_none_or(|h| hashes.get(&n) == Some(&h)) =>
                {
                    receipts.insert(hash, r);
                }
                _ => bad = bad.min(n),
            }
        }
        if bad != u64::MAX {
            blocks.retain(|b| b.header.number < bad);
            kept.retain(|l| l.block_number.is_some_and(|n| n < bad));
        }
        Ok(Fetched { blocks, logs: kept, receipts })
    }
}

impl Watcher {
    /// A watcher writing to `store` and publishing on `bus`.
    pub fn new(cfg: WatcherConfig, store: Store, bus: Bus) -> Result<Self> {
        let rpc = Arc::new(RpcPool::new(&cfg.network, &cfg.urls, bus.clone())?);
        let watched: Arc<HashSet<Address>> = Arc::new(cfg.accounts.iter().copied().collect());
        let tokens = cfg.tokens.iter().map(|t| (t.address, t.clone())).collect();
        let fetcher = Fetcher {
            rpc: rpc.clone(),
            watched: watched.clone(),
            topics: cfg.accounts.iter().map(topic).collect(),
            code: Default::default(),
        };
        Ok(Self { cfg, rpc, fetcher, store, bus, watched, tokens, subscribed: Default::default() })
    }

    /// The RPC pool (for pending-transaction checks).
    pub(crate) fn rpc(&self) -> &RpcPool {
        &self.rpc
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn bus(&self) -> &Bus {
        &self.bus
    }

    /// The chain id of the network followed (its cursor's key).
    pub fn chain_id(&self) -> u64 {
        self.cfg.chain_id
    }

    /// The watched accounts.
    pub fn accounts(&self) -> Vec<Address> {
        self.cfg.accounts.clone()
    }

    /// The registered tokens whose transfers are trusted.
    pub fn tokens(&self) -> Vec<Address> {
        self.tokens.keys().copied().collect()
    }

    pub(crate) fn watches(&self, a: &Address) -> bool {
        self.watched.contains(a)
    }

    /// The record of one ERC-20 Transfer log: trusted only for a registered token and
    /// a non-zero amount.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn token_record(
        &self,
        hash: B256,
        index: u64,
        token: Address,
        from: Address,
        to: Address,
        raw: U256,
        block: u64,
    ) -> TxRecord {
        let known = self.tokens.get(&token);
        TxRecord {
            hash: hash.to_string(),
            log_index: Some(index),
            chain_id: self.cfg.chain_id,
            from,
            to,
            asset: known.map(|t| t.symbol.clone()).unwrap_or_else(|| checksum(&token)),
            token: Some(token),
            raw,
            decimals: known.map(|t| t.decimals).unwrap_or(0),
            nonce: 0,
            state: TxState::Confirmed,
            block: Some(block),
            timestamp: 0,
            untrusted: known.is_none() || raw.is_zero(),
            replaced_by: None,
            reason: None,
            received: None,
        }
    }

    /// The head block number.
    pub async fn head(&self) -> Result<u64> {
        let n: alloy::primitives::U64 = self.rpc.call("eth_blockNumber", ()).await?;
        Ok(n.to())
    }

    /// The head block number, checked: the head is the lower of `eth_blockNumber` and
    /// the latest block's own number, and the node must give the block of that number
    /// (asked again with backoff, as a missing block is). A new index starts here, so a
    /// head beyond the node's chain is never taken as a starting point.
    pub async fn verified_head(&self) -> Result<u64> {
        let reported = self.head().await?;
        let latest: Option<Block> = self.rpc.call("eth_getBlockByNumber", (BlockNumberOrTag::Latest, false)).await?;
        let head = latest.map_or(reported, |b| b.header.number.min(reported));
        let mut stalls = 0;
        loop {
            let b: Option<Block> =
                self.rpc.call("eth_getBlockByNumber", (BlockNumberOrTag::Number(head), false)).await?;
            if b.is_some_and(|b| b.header.number == head) {
                return Ok(head);
            }
            self.stalled(&mut stalls, head).await?;
        }
    }

    /// The first of the blocks up to `head` mined at or after `since` (unix seconds),
    /// looking back at most `max_back` blocks: where a new index starts when the wallet
    /// or network it follows came in at `since`, so a payment made between that moment
    /// and the watcher's start is not skipped. `None` when the head itself is older.
    /// The walk is bounded, so a node reporting odd timestamps costs at most `max_back`
    /// calls and cannot move the start further back.
    pub async fn first_block_since(&self, head: u64, since: u64, max_back: u64) -> Result<Option<u64>> {
        let mut first = None;
        for b in (head.saturating_sub(max_back.saturating_sub(1))..=head).rev() {
            let block: Option<Block> =
                self.rpc.call("eth_getBlockByNumber", (BlockNumberOrTag::Number(b), false)).await?;
            match block {
                Some(block) if block.header.number == b && block.header.timestamp >= since => first = Some(b),
                _ => break,
            }
        }
        Ok(first)
    }

    /// Whether the node's chain is not the one indexed under this chain id (a devnet
    /// started again): its block 0 is not the one recorded when the index began (the
    /// first call records it). Never on Sonic's own chains, whose block 0 does not
    /// change: a node claiming otherwise there is not believed.
    pub async fn replaced_chain(&self) -> Result<bool> {
        let id = self.cfg.chain_id;
        if SONIC_CHAINS.contains(&id) {
            return Ok(false);
        }
        let first: Option<Block> = self.rpc.call("eth_getBlockByNumber", (BlockNumberOrTag::Number(0), false)).await?;
        let Some(first) = first.filter(|b| b.header.number == 0) else { return Ok(false) };
        let hash = first.header.hash.to_string();
        match self.store.setting(&genesis(id))? {
            Some(known) => Ok(known != hash),
            None => {
                self.store.set_setting(&genesis(id), &hash)?;
                Ok(false)
            }
        }
    }

    /// Starts the index of a replaced chain over: everything indexed under this chain
    /// id is undone (records, block hashes; the cursor back to block 0) and the new
    /// block 0 recorded, so the new chain is indexed from its start. Returns the number
    /// of records undone.
    pub async fn start_over(&self) -> Result<usize> {
        let id = self.cfg.chain_id;
        let first: Option<Block> = self.rpc.call("eth_getBlockByNumber", (BlockNumberOrTag::Number(0), false)).await?;
        let removed = self.store.rollback(id, 0)?;
        if let Some(first) = first {
            self.store.set_setting(&genesis(id), &first.header.hash.to_string())?;
        }
        tracing::warn!(
            "chain {id} was replaced (a devnet started again?): its index starts over, {removed} records undone"
        );
        Ok(removed)
    }

    /// The last indexed block, if any.
    pub fn cursor(&self) -> Result<Option<u64>> {
        Ok(self.store.cursor(self.cfg.chain_id)?)
    }

    /// Starts indexing at `block` (a new wallet starts at the head) unless a cursor
    /// exists already.
    pub fn start_at(&self, block: u64) -> Result<()> {
        if self.cursor()?.is_none() {
            self.store.apply(Some((self.cfg.chain_id, block.saturating_sub(1))), &[], &[])?;
        }
        Ok(())
    }

    fn records(&self, f: &Fetched) -> Vec<TxRecord> {
        let chain_id = self.cfg.chain_id;
        let times: HashMap<u64, u64> = f.blocks.iter().map(|b| (b.header.number, b.header.timestamp)).collect();
        let mut out = Vec::new();
        for b in &f.blocks {
            let BlockTransactions::Full(txs) = &b.transactions else { continue };
            for tx in txs {
                let from = tx.inner.signer();
                let to = alloy::consensus::Transaction::to(tx);
                let from_w = self.watched.contains(&from);
                let to_w = to.is_some_and(|t| self.watched.contains(&t));
                if !(from_w || to_w) {
                    continue;
                }
                let hash = *tx.inner.tx_hash();
                let value = alloy::consensus::Transaction::value(tx);
                let ok = f.receipts.get(&hash).is_none_or(|r| r.status());
                let nonce = alloy::consensus::Transaction::nonce(tx);
                let state = if ok { TxState::Confirmed } else { TxState::Failed };
                if let Some(mut own) = self.own_token_send(&hash, from, to, value, nonce) {
                    // A token transfer this wallet sent: the chain's transaction carries
                    // no value to the contract; the record keeps what was signed for
                    // (the holder, the token, its amount) and takes the chain's state.
                    own.state = state;
                    own.block = Some(b.header.number);
                    own.timestamp = b.header.timestamp;
                    out.push(own);
                    continue;
                }
                out.push(native_record(&hash, tx, chain_id, ok, b.header.number, b.header.timestamp, from_w));
            }
        }
        for l in &f.logs {
            if l.topics().len() != 3 || l.removed {
                continue;
            }
            let (Some(hash), Some(index), Some(block)) = (l.transaction_hash, l.log_index, l.block_number) else {
                continue;
            };
            let from = Address::from_word(l.topics()[1]);
            let to = Address::from_word(l.topics()[2]);
            let raw = U256::try_from_be_slice(&l.data().data).unwrap_or_default();
            let mut rec = self.token_record(hash, index, l.address(), from, to, raw, block);
            rec.timestamp = times.get(&block).copied().unwrap_or_default();
            out.push(rec);
        }
        out
    }

    /// The record this wallet wrote when it sent `hash` as a token transfer (the
    /// holder as recipient, the token's amount), if the chain's transaction is that
    /// call: from the same sender with the same nonce, to the token contract, with no
    /// native value; or as a swap (both legs), to the same router with the S sold.
    fn own_token_send(
        &self,
        hash: &B256,
        from: Address,
        to: Option<Address>,
        value: U256,
        nonce: u64,
    ) -> Option<TxRecord> {
        let own = self.store.tx(&hash.to_string()).ok().flatten()?;
        let token_send = own.token.is_some() && own.token == to && value.is_zero();
        // A swap (or wrap) this wallet sent: to the router it signed for, with the S
        // it sold as value (none when it sold a token); the record keeps both legs.
        let sold_value = if own.token.is_none() { own.raw } else { U256::ZERO };
        let swap = own.received.is_some() && Some(own.to) == to && value == sold_value;
        (own.log_index.is_none()
            && own.chain_id == self.cfg.chain_id
            && own.from == from
            && own.nonce == nonce
            && (token_send || swap))
            .then_some(own)
    }

    /// Finds where the stored chain and the node's agree, going back from `below`.
    async fn fork_point(&self, below: u64) -> Result<u64> {
        let floor = below.saturating_sub(REORG_WINDOW);
        let mut k = below;
        while k > floor {
            k -= 1;
            let stored = self.store.block_hash(self.cfg.chain_id, k)?;
            let canonical: Option<Block> =
                self.rpc.call("eth_getBlockByNumber", (BlockNumberOrTag::Number(k), false)).await?;
            match (stored, canonical) {
                (Some(s), Some(c)) if s == c.header.hash.to_string() => return Ok(k),
                (None, _) => return Ok(k),
                _ => {}
            }
        }
        Ok(floor)
    }

    /// Indexes from the cursor up to `target`. `live` marks blocks as news (incoming
    /// transfers are announced); a backfill announces only progress.
    ///
    /// The node's word is checked, not trusted: at most 10 000 blocks are asked per
    /// pass, so a head far beyond the chain (a broken or hostile `eth_blockNumber`)
    /// costs nothing; a block the node does not give (a `null` from a lagging backend)
    /// or gives inconsistently is asked again with backoff, and the cursor never moves
    /// past a block that was not indexed. After 8 passes in a row without progress it
    /// returns [`Error::BlockUnavailable`](crate::Error::BlockUnavailable),
    /// everything before that block indexed.
    pub async fn sync_to(&self, target: u64, live: bool) -> Result<()> {
        let mut stalls = 0u32;
        let mut high = self.cursor()?.unwrap_or_default();
        'restart: loop {
            let Some(cursor) = self.cursor()? else {
                // A new index starts at the target, if the node has that block.
                let head = self.verified_head().await?;
                self.start_at(target.min(head))?;
                continue;
            };
            if cursor > high {
                high = cursor;
                stalls = 0;
            }
            if cursor >= target {
                // Nothing new: check that the last indexed block is still canonical
                // (a reorganisation can replace blocks without lengthening the chain).
                if let Some(stored) = self.store.block_hash(self.cfg.chain_id, cursor)? {
                    let canonical: Option<Block> =
                        self.rpc.call("eth_getBlockByNumber", (BlockNumberOrTag::Number(cursor), false)).await?;
                    // The node has no such block: a chain shorter than the index is a
                    // devnet started again (a node merely behind has the same block 0).
                    if canonical.is_none() && target < cursor && self.replaced_chain().await? {
                        self.start_over().await?;
                        continue 'restart;
                    }
                    if canonical.is_some_and(|c| c.header.hash.to_string() != stored) {
                        self.stalled(&mut stalls, cursor).await?;
                        let fork = self.fork_point(cursor).await?;
                        self.store.rollback(self.cfg.chain_id, fork)?;
                        continue 'restart;
                    }
                }
                return Ok(());
            }
            // `cursor < target`, so neither addition overflows past `target`.
            let first = cursor.saturating_add(1);
            let step_end = target.min(cursor.saturating_add(MAX_STEP));
            let size = self.cfg.batch_blocks.clamp(1, MAX_STEP);
            let ranges = std::iter::successors(Some(first), move |a| a.checked_add(size).filter(|n| *n <= step_end))
                .map(move |a| (a, a.saturating_add(size - 1).min(step_end)));
            let mut fetched = stream::iter(ranges)
                .map(|(a, b)| {
                    let f = self.fetcher.clone();
                    tokio::spawn(async move { (a, b, f.fetch(a, b).await) })
                })
                .buffered(self.cfg.concurrency.max(1));
            let mut prev_hash = self.store.block_hash(self.cfg.chain_id, cursor)?;
            while let Some(joined) = fetched.next().await {
                let (start, end, f) =
                    joined.map_err(|e| crate::Error::Unavailable(format!("fetch task failed: {e}")))?;
                let f = f?;
                let Some(first_block) = f.blocks.first() else {
                    // Not even the first block of the range: wait, then ask again.
                    drop(fetched);
                    self.stalled(&mut stalls, start).await?;
                    continue 'restart;
                };
                // The range must continue the chain we stored (it is linked within).
                if prev_hash.as_ref().is_some_and(|p| *p != first_block.header.parent_hash.to_string()) {
                    drop(fetched);
                    self.stalled(&mut stalls, start).await?;
                    let fork = self.fork_point(start).await?;
                    let removed = self.store.rollback(self.cfg.chain_id, fork)?;
                    tracing::info!("reorganisation: rolled back to block {fork} ({removed} records)");
                    continue 'restart;
                }
                let records = self.records(&f);
                let hashes: Vec<(u64, u64, String)> =
                    f.blocks.iter().map(|b| (self.cfg.chain_id, b.header.number, b.header.hash.to_string())).collect();
                let last = f.blocks.last().map(|b| b.header.number).unwrap_or(start);
                let fresh: Vec<&TxRecord> =
                    records.iter().filter(|r| self.store.tx(&r.id()).ok().flatten().is_none()).collect();
                let announce: Vec<TxRecord> = fresh.into_iter().cloned().collect();
                self.store.apply(Some((self.cfg.chain_id, last)), &records, &hashes)?;
                self.store.prune_hashes(self.cfg.chain_id, last.saturating_sub(REORG_WINDOW))?;
                if live {
                    self.announce(&announce, last).await?;
                }
                self.bus.publish(Event::SyncProgress { block: last, target });
                prev_hash = f.blocks.last().map(|b| b.header.hash.to_string());
                if last < end {
                    // The node gave only part of the range: the rest is asked again.
                    drop(fetched);
                    continue 'restart;
                }
            }
            if step_end >= target {
                return Ok(());
            }
        }
    }

    /// Counts one pass without progress and waits before the next (exponential
    /// backoff); past `MAX_STALLS`, gives up on `block`.
    async fn stalled(&self, stalls: &mut u32, block: u64) -> Result<()> {
        *stalls = stalls.saturating_add(1);
        if *stalls > MAX_STALLS {
            return Err(crate::Error::BlockUnavailable { block });
        }
        let delay = STALL_DELAY.saturating_mul(1 << (*stalls).min(6)).min(MAX_STALL_DELAY);
        tokio::time::sleep(delay).await;
        Ok(())
    }

    /// [`Self::sync_to`] for a follower: a block the node does not give yet is not an
    /// error (the next head tries again).
    async fn follow_to(&self, target: u64) -> Result<()> {
        match self.sync_to(target, true).await {
            Err(crate::Error::BlockUnavailable { block }) => {
                tracing::warn!("block {block} is not available from the node yet; trying again on the next head");
                Ok(())
            }
            other => other,
        }
    }

    async fn announce(&self, records: &[TxRecord], block: u64) -> Result<()> {
        let mut touched: HashSet<(Address, Option<Address>)> = HashSet::new();
        for r in records.iter().filter(|r| !r.untrusted && r.state == TxState::Confirmed) {
            if self.watched.contains(&r.to) && !self.watched.contains(&r.from) {
                self.bus.publish(Event::IncomingTransfer {
                    hash: r.hash.clone(),
                    from: checksum(&r.from),
                    to: checksum(&r.to),
                    asset: r.asset.clone(),
                    amount: format_units(r.raw, r.decimals),
                });
            }
            for a in [r.from, r.to] {
                if self.watched.contains(&a) {
                    touched.insert((a, r.token));
                    touched.insert((a, None));
                }
            }
        }
        for (account, token) in touched {
            self.refresh_balance(account, token, block).await?;
        }
        Ok(())
    }

    /// Indexes on every new head from a WebSocket subscription; pending transactions
    /// are still checked every `poll`. Returns `Ok(true)` when stopped, `Ok(false)`
    /// when the subscription ended.
    async fn follow_subscription(
        &self,
        ws: &str,
        poll: Duration,
        stop: &mut std::pin::Pin<&mut impl std::future::Future<Output = ()>>,
    ) -> Result<bool> {
        use alloy::providers::{Provider, ProviderBuilder, WsConnect};
        let provider = ProviderBuilder::new()
            .connect_ws(WsConnect::new(ws))
            .await
            .map_err(|e| crate::Error::Unavailable(e.to_string()))?;
        let sub = provider.subscribe_blocks().await.map_err(|e| crate::Error::Unavailable(e.to_string()))?;
        let mut heads = sub.into_stream();
        self.subscribed.store(true, std::sync::atomic::Ordering::Relaxed);
        // Blocks mined before the subscription took effect are announced by nobody:
        // caught up once now (a token transfer mined while the watcher restarted for
        // that token waited for the next block, which a devnet may never make).
        // (A `stop` already done ends here: a finished future is never polled again.)
        if futures::FutureExt::now_or_never(&mut *stop).is_some() {
            self.subscribed.store(false, std::sync::atomic::Ordering::Relaxed);
            return Ok(true);
        }
        let head = self.head().await?;
        self.follow_to(head).await?;
        let result = loop {
            // `stop` first: a head announced after `stop` became ready is left to
            // whoever stopped the watcher (the engine restarts it with a new watched
            // set, which must index that block).
            tokio::select! {
                biased;
                _ = &mut *stop => break Ok(true),
                head = heads.next() => match head {
                    Some(h) => {
                        if futures::FutureExt::now_or_never(&mut *stop).is_some() {
                            break Ok(true);
                        }
                        self.follow_to(h.number).await?;
                        self.check_pending().await?;
                    }
                    None => break Ok(false),
                },
                _ = tokio::time::sleep(poll) => self.check_pending().await?,
            }
        };
        self.subscribed.store(false, std::sync::atomic::Ordering::Relaxed);
        result
    }

    /// Half the chain's recent block time (from the last 20 blocks), between 250 ms
    /// and 5 s: Sonic makes a block about every second, a local node when asked.
    async fn poll_interval(&self) -> Result<Duration> {
        let head = self.head().await?;
        if head < 20 {
            return Ok(self.cfg.poll);
        }
        let at = |n: u64| async move {
            let b: Option<Block> = self.rpc.call("eth_getBlockByNumber", (BlockNumberOrTag::Number(n), false)).await?;
            Ok::<_, crate::Error>(b.map(|b| b.header.timestamp).unwrap_or_default())
        };
        let (newest, oldest) = (at(head).await?, at(head - 20).await?);
        let per_block_ms = newest.saturating_sub(oldest).saturating_mul(1000) / 20;
        Ok(Duration::from_millis((per_block_ms / 2).clamp(250, 5_000)))
    }

    /// Reads a balance at `block`, caches it, and announces a change.
    pub async fn refresh_balance(&self, account: Address, token: Option<Address>, block: u64) -> Result<()> {
        let at = BlockNumberOrTag::Number(block);
        let (raw, symbol, decimals) = match token {
            None => (
                self.rpc.call::<_, U256>("eth_getBalance", (account, at)).await?,
                NATIVE_SYMBOL.to_string(),
                NATIVE_DECIMALS,
            ),
            Some(t) => {
                let Some(info) = self.tokens.get(&t) else { return Ok(()) };
                let call = alloy::rpc::types::TransactionRequest::default().to(t).input(
                    Bytes::from([&[0x70, 0xa0, 0x82, 0x31][..], &[0u8; 12], account.as_slice()].concat()).into(),
                );
                let out: Bytes = self.rpc.call("eth_call", (call, at)).await?;
                (U256::try_from_be_slice(&out).unwrap_or_default(), info.symbol.clone(), info.decimals)
            }
        };
        let old = self.store.balance(self.cfg.chain_id, &account, token.as_ref())?;
        self.store.put_balance(self.cfg.chain_id, &account, token.as_ref(), &raw, block)?;
        if old.map(|o| o.0) != Some(raw) {
            self.bus.publish(Event::BalanceChanged {
                account: checksum(&account),
                asset: symbol,
                amount: format_units(raw, decimals),
            });
        }
        Ok(())
    }

    /// Whether new blocks currently come from a WebSocket subscription.
    pub fn subscribed(&self) -> bool {
        self.subscribed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Follows the head until `stop` resolves: by WebSocket subscription when the
    /// network offers one (falling back to polling if it drops), else by polling at
    /// half the block time; each new head is indexed, then pending transactions are
    /// checked. `stop` is checked before each new head is indexed, so a head learned
    /// after it resolved is never indexed by this watcher.
    pub async fn run(&self, stop: impl std::future::Future<Output = ()>) -> Result<()> {
        tokio::pin!(stop);
        let poll = self.poll_interval().await.unwrap_or(self.cfg.poll);
        if let Some(ws) = self.cfg.ws_url.clone() {
            match self.follow_subscription(&ws, poll, &mut stop).await {
                Ok(true) => return Ok(()),
                Ok(false) => tracing::warn!("the block subscription ended; polling instead"),
                Err(e) => tracing::warn!("no block subscription at {ws} ({e}); polling instead"),
            }
        }
        loop {
            let head = self.head().await?;
            // A head learned after `stop` became ready is not indexed here (see above).
            if futures::FutureExt::now_or_never(&mut stop).is_some() {
                return Ok(());
            }
            self.follow_to(head).await?;
            self.check_pending().await?;
            tokio::select! {
                _ = &mut stop => return Ok(()),
                _ = tokio::time::sleep(poll) => {}
            }
        }
    }
}

/// The record of a watched account's transaction `hash` as the chain has it: its native value
/// (maybe zero) from sender to recipient, mined in `block` at `timestamp`, confirmed or
/// failed. An incoming zero-value transaction (`from_watched` false) is a classic
/// address-poisoning lure, so it is marked untrusted. Used by the block indexer and by
/// the explorer backfill's confirmation alike.
pub(crate) fn native_record(
    hash: &B256,
    tx: &alloy::rpc::types::Transaction,
    chain_id: u64,
    success: bool,
    block: u64,
    timestamp: u64,
    from_watched: bool,
) -> TxRecord {
    use alloy::consensus::Transaction as _;
    let value = tx.value();
    TxRecord {
        hash: hash.to_string(),
        log_index: None,
        chain_id,
        from: tx.inner.signer(),
        to: tx.to().unwrap_or(Address::ZERO),
        asset: NATIVE_SYMBOL.into(),
        token: None,
        raw: value,
        decimals: NATIVE_DECIMALS,
        nonce: tx.nonce(),
        state: if success { TxState::Confirmed } else { TxState::Failed },
        block: Some(block),
        timestamp,
        untrusted: value.is_zero() && !from_watched,
        replaced_by: None,
        reason: None,
        received: None,
    }
}
