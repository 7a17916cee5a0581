//! Backfill from an Etherscan-compatible explorer (Etherscan API v2, `chainid=146` or
//! `14601`): scanning tens of millions of blocks over RPC is not practical, so an
//! imported account's past comes from `account/txlist` and `account/tokentx`.
//!
//! The explorer only says which transactions to look at: a row becomes history once
//! the chain confirms it. Every hash is asked over the RPC (receipts and transactions
//! in batches, block headers for the times) and the record is built from the chain's
//! answer: sender, recipient, amount, nonce, block, success and time are the chain's,
//! a token transfer gets its log index from the receipt (the same id the RPC watcher
//! writes), and a row the chain does not know, or knows otherwise, is dropped. Nothing
//! is written before that. Paging is bounded: at most `MAX_PAGES` pages of `PAGE` rows
//! per list (Etherscan's own window), newest first, each reply body at most
//! `MAX_BODY` bytes.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    time::Duration,
};

use alloy::{
    consensus::Transaction as _,
    eips::BlockNumberOrTag,
    primitives::{Address, B256, U256},
    rpc::types::{Block, Transaction, TransactionReceipt},
};
use serde::Deserialize;
use sonic_types::dto::TxRecord;

use crate::{
    sync::{native_record, Watcher},
    Error, Result,
};

/// Etherscan's v2 endpoint.
pub const ETHERSCAN_V2: &str = "https://api.etherscan.io/v2/api";
/// Rows per page.
const PAGE: usize = 1000;
/// Pages per list at most: Etherscan serves at most 10 000 rows of a list (page ×
/// offset), so a server that always answers a full page is cut off there.
const MAX_PAGES: usize = 10;
/// Largest reply body read (a full page is about 1 MB).
const MAX_BODY: usize = 16 << 20;
/// Hashes asked per JSON-RPC batch when confirming rows.
const CONFIRM_BATCH: usize = 100;

/// An explorer API client.
#[derive(Debug, Clone)]
pub struct Explorer {
    base_url: String,
    api_key: String,
    http: alloy::transports::http::reqwest::Client,
}

#[derive(Deserialize)]
struct Reply {
    status: String,
    message: String,
    result: serde_json::Value,
}

/// One row of `txlist` or `tokentx`: only what says which transfer to look at on
/// chain is read (the chain gives the rest).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    #[serde(default)]
    hash: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    contract_address: String,
}

impl Explorer {
    /// A client for `base_url` (normally [`ETHERSCAN_V2`]) with an API key.
    pub fn new(base_url: &str, api_key: &str) -> Result<Self> {
        let http = alloy::transports::http::reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| Error::Config(e.to_string()))?;
        Ok(Self { base_url: base_url.to_string(), api_key: api_key.to_string(), http })
    }

    async fn page(
        &self,
        chain_id: u64,
        action: &str,
        address: Address,
        to_block: u64,
        page: usize,
    ) -> Result<Vec<Row>> {
        let query = [
            ("chainid", chain_id.to_string()),
            ("module", "account".into()),
            ("action", action.into()),
            ("address", format!("{address:#x}")),
            ("startblock", "0".into()),
            ("endblock", to_block.to_string()),
            ("page", page.to_string()),
            ("offset", PAGE.to_string()),
            ("sort", "desc".into()),
            ("apikey", self.api_key.clone()),
        ];
        let url = alloy::transports::http::reqwest::Url::parse_with_params(&self.base_url, &query)
            .map_err(|_| Error::Config(format!("'{}' is not a valid explorer URL", self.base_url)))?;
        let mut last = String::new();
        for attempt in 0..6u32 {
            match self.get(&url).await {
                Ok(reply) if reply.status == "1" => {
                    let mut rows: Vec<Row> = serde_json::from_value(reply.result)
                        .map_err(|e| Error::Unavailable(format!("explorer rows: {e}")))?;
                    // A server that ignores `offset` gets no more than a page read.
                    rows.truncate(PAGE);
                    return Ok(rows);
                }
                // "No transactions found" is an empty answer, not an error.
                Ok(reply) if reply.message.starts_with("No transactions") => return Ok(Vec::new()),
                Ok(reply) => last = format!("{}: {}", reply.message, reply.result),
                Err(e) => last = e,
            }
            if last.contains("Invalid API Key") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250 << attempt)).await;
        }
        Err(Error::Unavailable(format!("explorer {action}: {last}")))
    }

    /// One reply, its body read up to [`MAX_BODY`] bytes.
    async fn get(&self, url: &alloy::transports::http::reqwest::Url) -> Result<Reply, String> {
        let resp = self.http.get(url.clone()).send().await.map_err(|e| e.to_string())?;
        if !resp.status().is_success() {
            return Err(format!("HTTP {}", resp.status()));
        }
        let body = sonic_net::read_capped(resp, MAX_BODY).await.map_err(|e| e.to_string())?;
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }

    /// Every row of a list, newest first, at most [`MAX_PAGES`] pages.
    async fn all(&self, chain_id: u64, action: &str, address: Address, to_block: u64) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        for page in 1..=MAX_PAGES {
            let rows = self.page(chain_id, action, address, to_block, page).await?;
            let n = rows.len();
            out.extend(rows);
            if n < PAGE {
                return Ok(out);
            }
        }
        tracing::warn!("explorer {action} of {address}: more than {} rows; only the newest are backfilled", out.len());
        Ok(out)
    }

    /// Records every native and token transfer of the watched accounts up to
    /// `to_block` that the chain confirms, then sets the watcher's cursor there, in one
    /// store transaction. Returns the number of records written.
    pub async fn backfill(&self, watcher: &Watcher, to_block: u64) -> Result<usize> {
        let records = self.confirmed_records(watcher, to_block).await?;
        let n = records.len();
        watcher.store().apply(Some((watcher.chain_id(), to_block)), &records, &[])?;
        Ok(n)
    }

    /// Fills in an existing index: the confirmed transfers of the watched accounts up
    /// to `to_block` that the store does not hold yet (what came before the index
    /// began, or before an account was added), leaving the cursor and every record
    /// already there as they are. Returns the number of records written.
    pub async fn fill_in(&self, watcher: &Watcher, to_block: u64) -> Result<usize> {
        let mut records = self.confirmed_records(watcher, to_block).await?;
        let store = watcher.store();
        let mut fresh = Vec::with_capacity(records.len());
        for r in records.drain(..) {
            if store.tx(&r.id())?.is_none() {
                fresh.push(r);
            }
        }
        store.apply(None, &fresh, &[])?;
        Ok(fresh.len())
    }

    /// What the explorer lists for the watched accounts up to `to_block`, as records
    /// of what the chain confirms.
    async fn confirmed_records(&self, watcher: &Watcher, to_block: u64) -> Result<Vec<TxRecord>> {
        let chain_id = watcher.chain_id();
        let mut claims = Claims::default();
        for account in watcher.accounts() {
            for row in self.all(chain_id, "txlist", account, to_block).await? {
                match row.hash.parse::<B256>() {
                    Ok(h) => {
                        claims.natives.insert(h);
                    }
                    Err(_) => tracing::debug!("explorer {account} txlist: a row without a valid hash, skipped"),
                }
            }
            for row in self.all(chain_id, "tokentx", account, to_block).await? {
                match TokenClaim::read(&row) {
                    Some(c) => claims.tokens.push(c),
                    None => tracing::debug!("explorer {account} tokentx: an unreadable row, skipped"),
                }
            }
        }
        confirm(watcher, &claims, to_block).await
    }
}

/// What the explorer claims: hashes of transactions of the watched accounts, and token
/// transfers.
#[derive(Default)]
struct Claims {
    natives: HashSet<B256>,
    tokens: Vec<TokenClaim>,
}

/// One token transfer as the explorer lists it.
struct TokenClaim {
    hash: B256,
    token: Address,
    from: Address,
    to: Address,
    value: U256,
}

impl TokenClaim {
    fn read(row: &Row) -> Option<Self> {
        Some(Self {
            hash: row.hash.parse().ok()?,
            token: row.contract_address.parse().ok()?,
            from: row.from.parse().ok()?,
            to: row.to.parse().ok()?,
            value: row.value.parse().ok()?,
        })
    }
}

/// What the chain says about one transaction: its receipt, and the transaction itself
/// when asked.
struct Confirmed {
    receipt: TransactionReceipt,
    tx: Option<Transaction>,
}

/// Asks the chain about every claimed hash, in batches, and builds the records of what
/// it confirms (mined at or before `to_block`, touching a watched account).
async fn confirm(watcher: &Watcher, claims: &Claims, to_block: u64) -> Result<Vec<TxRecord>> {
    let mut hashes: Vec<B256> = claims.natives.iter().copied().chain(claims.tokens.iter().map(|t| t.hash)).collect();
    hashes.sort();
    hashes.dedup();
    let mut known: HashMap<B256, Confirmed> = HashMap::new();
    for chunk in hashes.chunks(CONFIRM_BATCH) {
        let asked: Vec<(B256,)> = chunk.iter().map(|h| (*h,)).collect();
        let receipts: Vec<Option<TransactionReceipt>> =
            watcher.rpc().batch("eth_getTransactionReceipt", &asked).await?;
        let natives: Vec<(B256,)> = chunk.iter().filter(|h| claims.natives.contains(*h)).map(|h| (*h,)).collect();
        let txs: Vec<Option<Transaction>> = watcher.rpc().batch("eth_getTransactionByHash", &natives).await?;
        let mut txs: HashMap<B256, Transaction> = natives
            .iter()
            .zip(txs)
            .filter_map(|((h,), t)| t.filter(|t| *t.inner.tx_hash() == *h).map(|t| (*h, t)))
            .collect();
        for (h, r) in chunk.iter().zip(receipts) {
            let Some(r) = r else { continue };
            let mined = r.block_number.is_some_and(|n| n <= to_block);
            if r.transaction_hash == *h && mined && r.block_hash.is_some() {
                known.insert(*h, Confirmed { receipt: r, tx: txs.remove(h) });
            }
        }
    }
    // Times from the blocks themselves, which must be the blocks of the receipts.
    let mut blocks: Vec<u64> = known.values().filter_map(|c| c.receipt.block_number).collect();
    blocks.sort_unstable();
    blocks.dedup();
    let mut times: HashMap<u64, (B256, u64)> = HashMap::new();
    for chunk in blocks.chunks(CONFIRM_BATCH) {
        let asked: Vec<(BlockNumberOrTag, bool)> =
            chunk.iter().map(|n| (BlockNumberOrTag::Number(*n), false)).collect();
        let headers: Vec<Option<Block>> = watcher.rpc().batch("eth_getBlockByNumber", &asked).await?;
        for (n, b) in chunk.iter().zip(headers) {
            if let Some(b) = b.filter(|b| b.header.number == *n) {
                times.insert(*n, (b.header.hash, b.header.timestamp));
            }
        }
    }
    let chain_id = watcher.chain_id();
    let time_of = |r: &TransactionReceipt| {
        let n = r.block_number?;
        let (hash, time) = times.get(&n)?;
        (r.block_hash == Some(*hash)).then_some((n, *time))
    };
    let mut out: BTreeMap<String, TxRecord> = BTreeMap::new();
    for h in &claims.natives {
        let Some(Confirmed { receipt, tx: Some(tx) }) = known.get(h) else { continue };
        let Some((block, timestamp)) = time_of(receipt) else { continue };
        let from = tx.inner.signer();
        let to = tx.to();
        if tx.block_number != Some(block) || !(watcher.watches(&from) || to.is_some_and(|t| watcher.watches(&t))) {
            continue;
        }
        let rec = native_record(h, tx, chain_id, receipt.status(), block, timestamp, watcher.watches(&from));
        out.insert(rec.id(), rec);
    }
    // Each log of a receipt backs one row at most (a transaction may move the same
    // amount twice).
    let mut used: HashSet<(B256, u64)> = HashSet::new();
    for c in &claims.tokens {
        let Some(Confirmed { receipt, .. }) = known.get(&c.hash) else { continue };
        let Some((block, timestamp)) = time_of(receipt) else { continue };
        if !(watcher.watches(&c.from) || watcher.watches(&c.to)) {
            continue;
        }
        let index = receipt.inner.logs().iter().find_map(|l| {
            let index = l.log_index?;
            let matches = l.address() == c.token
                && l.topics().len() == 3
                && l.topics()[0] == crate::sync::TRANSFER
                && Address::from_word(l.topics()[1]) == c.from
                && Address::from_word(l.topics()[2]) == c.to
                && U256::try_from_be_slice(&l.data().data) == Some(c.value)
                && !used.contains(&(c.hash, index));
            matches.then_some(index)
        });
        let Some(index) = index else { continue };
        used.insert((c.hash, index));
        let mut rec = watcher.token_record(c.hash, index, c.token, c.from, c.to, c.value, block);
        rec.timestamp = timestamp;
        out.insert(rec.id(), rec);
    }
    Ok(out.into_values().collect())
}
