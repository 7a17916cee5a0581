//! Backfill from an Etherscan-compatible explorer (Etherscan API v2, `chainid=146` or
//! `14601`): scanning tens of millions of blocks over RPC is not practical, so an
//! imported account's past comes from `account/txlist` and `account/tokentx`. Token
//! transfers get their log index from the transaction's receipt, so that they have the
//! same ids as the records the RPC watcher writes.

use std::time::Duration;

use alloy::{
    primitives::{Address, B256, U256},
    rpc::types::TransactionReceipt,
};
use serde::Deserialize;
use sonic_types::{
    dto::{TxRecord, TxState},
    NATIVE_DECIMALS, NATIVE_SYMBOL,
};

use crate::{sync::Watcher, Error, Result};

/// Etherscan's v2 endpoint.
pub const ETHERSCAN_V2: &str = "https://api.etherscan.io/v2/api";
const PAGE: usize = 1000;

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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    block_number: String,
    time_stamp: String,
    hash: String,
    #[serde(default)]
    nonce: String,
    from: String,
    #[serde(default)]
    to: String,
    value: String,
    #[serde(default)]
    is_error: String,
    #[serde(default)]
    contract_address: String,
}

fn num<T: std::str::FromStr>(s: &str, what: &str) -> Result<T> {
    s.parse().map_err(|_| Error::Unavailable(format!("explorer sent a bad {what}: '{s}'")))
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
            ("sort", "asc".into()),
            ("apikey", self.api_key.clone()),
        ];
        let url = alloy::transports::http::reqwest::Url::parse_with_params(&self.base_url, &query)
            .map_err(|_| Error::Config(format!("'{}' is not a valid explorer URL", self.base_url)))?;
        let mut last = String::new();
        for attempt in 0..6u32 {
            let resp = self.http.get(url.clone()).send().await;
            match resp {
                Ok(r) if r.status().is_success() => match r.json::<Reply>().await {
                    Ok(reply) if reply.status == "1" => {
                        return serde_json::from_value(reply.result)
                            .map_err(|e| Error::Unavailable(format!("explorer rows: {e}")))
                    }
                    // "No transactions found" is an empty answer, not an error.
                    Ok(reply) if reply.message.starts_with("No transactions") => return Ok(Vec::new()),
                    Ok(reply) => last = format!("{}: {}", reply.message, reply.result),
                    Err(e) => last = e.to_string(),
                },
                Ok(r) => last = format!("HTTP {}", r.status()),
                Err(e) => last = e.to_string(),
            }
            if last.contains("Invalid API Key") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250 << attempt)).await;
        }
        Err(Error::Unavailable(format!("explorer {action}: {last}")))
    }

    async fn all(&self, chain_id: u64, action: &str, address: Address, to_block: u64) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        for page in 1.. {
            let rows = self.page(chain_id, action, address, to_block, page).await?;
            let n = rows.len();
            out.extend(rows);
            if n < PAGE {
                break;
            }
        }
        Ok(out)
    }

    /// Records every native and token transfer of the watched accounts up to
    /// `to_block`, then sets the watcher's cursor there, in one store transaction.
    pub async fn backfill(&self, watcher: &Watcher, to_block: u64) -> Result<usize> {
        let chain_id = watcher.chain_id();
        let mut records = Vec::new();
        for account in watcher.accounts() {
            for row in self.all(chain_id, "txlist", account, to_block).await? {
                let from: Address = num(&row.from, "address")?;
                let to: Address = if row.to.is_empty() { Address::ZERO } else { num(&row.to, "address")? };
                let value: U256 = num(&row.value, "value")?;
                records.push(TxRecord {
                    hash: row.hash.to_lowercase(),
                    log_index: None,
                    chain_id,
                    from,
                    to,
                    asset: NATIVE_SYMBOL.into(),
                    token: None,
                    raw: value,
                    decimals: NATIVE_DECIMALS,
                    nonce: num(&row.nonce, "nonce")?,
                    state: if row.is_error == "1" { TxState::Failed } else { TxState::Confirmed },
                    block: Some(num(&row.block_number, "block")?),
                    timestamp: num(&row.time_stamp, "time")?,
                    untrusted: value.is_zero() && !watcher.watches(&from),
                    replaced_by: None,
                    reason: None,
                });
            }
            for row in self.all(chain_id, "tokentx", account, to_block).await? {
                let token: Address = num(&row.contract_address, "token")?;
                let from: Address = num(&row.from, "address")?;
                let to: Address = num(&row.to, "address")?;
                let value: U256 = num(&row.value, "value")?;
                let hash: B256 = num(&row.hash, "hash")?;
                let receipt: Option<TransactionReceipt> =
                    watcher.rpc().call("eth_getTransactionReceipt", (hash,)).await?;
                let index = receipt.and_then(|r| {
                    r.inner
                        .logs()
                        .iter()
                        .find(|l| {
                            l.address() == token
                                && l.topics().len() == 3
                                && Address::from_word(l.topics()[1]) == from
                                && Address::from_word(l.topics()[2]) == to
                                && U256::try_from_be_slice(&l.data().data) == Some(value)
                        })
                        .and_then(|l| l.log_index)
                });
                let Some(index) = index else { continue };
                let mut rec =
                    watcher.token_record(hash, index, token, from, to, value, num(&row.block_number, "block")?);
                rec.timestamp = num(&row.time_stamp, "time")?;
                records.push(rec);
            }
        }
        records.sort_by_key(|r| (r.block, r.log_index));
        records.dedup_by_key(|r| r.id());
        let n = records.len();
        watcher.store().apply(Some((chain_id, to_block)), &records, &[])?;
        Ok(n)
    }
}
