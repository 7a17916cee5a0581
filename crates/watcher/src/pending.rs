//! Pending transactions: each of the user's transactions is checked until it is mined
//! (confirmed or reverted, with the reason when the node gives one), dropped, or
//! replaced (its nonce mined by another hash).

use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, B256, U64},
    rpc::types::{Transaction, TransactionReceipt},
};
use sonic_types::{dto::TxState, Event};

use crate::{sync::Watcher, Result};

impl Watcher {
    /// Checks every pending record once.
    pub async fn check_pending(&self) -> Result<()> {
        let pending = self.store().pending(self.chain_id())?;
        if pending.is_empty() {
            return Ok(());
        }
        // Only records with a readable hash are asked about, and each answer is
        // matched to the hash it was asked for: a receipt of another transaction (a
        // broken node) is no answer.
        let pending: Vec<(B256, _)> = pending.into_iter().filter_map(|p| p.hash.parse().ok().map(|h| (h, p))).collect();
        let hashes: Vec<(B256,)> = pending.iter().map(|(h, _)| (*h,)).collect();
        let receipts: Vec<Option<TransactionReceipt>> = self.rpc().batch("eth_getTransactionReceipt", &hashes).await?;
        // Mined ones first, so a replacement is known before the one it replaced.
        let mut work: Vec<_> = pending
            .into_iter()
            .zip(receipts)
            .map(|((h, p), r)| (p, r.filter(|r| r.transaction_hash == h && r.block_number.is_some())))
            .collect();
        work.sort_by_key(|(_, r)| r.is_none());
        for (mut rec, receipt) in work {
            match receipt {
                Some(r) => {
                    rec.block = r.block_number;
                    rec.state = if r.status() { TxState::Confirmed } else { TxState::Failed };
                    if !r.status() {
                        rec.reason = Some("reverted".into());
                    }
                    self.store().put_tx(&rec)?;
                    self.bus().publish(if r.status() {
                        Event::TxConfirmed { hash: rec.hash.clone(), block: rec.block.unwrap_or_default() }
                    } else {
                        Event::TxFailed { hash: rec.hash.clone(), reason: "reverted on chain".into() }
                    });
                }
                None => {
                    let known: Option<Transaction> =
                        self.rpc().call("eth_getTransactionByHash", (rec.hash.clone(),)).await?;
                    if known.is_some() {
                        continue;
                    }
                    let used: U64 =
                        self.rpc().call("eth_getTransactionCount", (rec.from, BlockNumberOrTag::Latest)).await?;
                    if used.to::<u64>() <= rec.nonce {
                        // Unknown to the node and its nonce still free: dropped.
                        rec.state = TxState::Dropped;
                        self.store().put_tx(&rec)?;
                        self.bus().publish(Event::TxDropped { hash: rec.hash.clone() });
                        continue;
                    }
                    // Its nonce is used: by this very transaction if its receipt shows up
                    // now (the first answer came from a node that was behind).
                    let again: Option<TransactionReceipt> =
                        self.rpc().call("eth_getTransactionReceipt", (rec.hash.clone(),)).await?;
                    if again.is_some_and(|r| rec.hash.parse() == Ok(r.transaction_hash)) {
                        continue;
                    }
                    let by = self.mined_with_nonce(rec.from, rec.nonce, &rec.hash)?;
                    rec.state = TxState::Replaced;
                    rec.replaced_by = by.clone();
                    self.store().put_tx(&rec)?;
                    self.bus().publish(Event::TxReplaced { hash: rec.hash.clone(), by: by.unwrap_or_default() });
                }
            }
        }
        Ok(())
    }

    /// The indexed transaction that used `nonce` of `from`, other than `hash`.
    fn mined_with_nonce(&self, from: Address, nonce: u64, hash: &str) -> Result<Option<String>> {
        Ok(self
            .store()
            .txs_for(&from)?
            .into_iter()
            .find(|t| t.from == from && t.nonce == nonce && t.log_index.is_none() && t.hash != hash)
            .map(|t| t.hash))
    }
}
