//! One transaction's status, and speeding up or cancelling a stuck one: a new
//! transaction with the same nonce and higher fees, planned and confirmed like any
//! other.

use alloy::{
    consensus::Transaction as _,
    primitives::{Bytes, B256, U256},
    providers::Provider,
};
use sonic_chain::{Fees, TxSpec};
use sonic_store::SentTx;
use sonic_types::{
    amount::format_units_short,
    dto::{Plan, PlanKind, Risk, TxRecord, TxState},
    format_units, NATIVE_DECIMALS,
};

use crate::{
    engine::Engine,
    plan::{fee_bounds, PlanView},
    Error, Result,
};

/// Replacement fees: at least 12.5% above the stuck transaction's (nodes want +10%),
/// and at least what the network asks now.
fn bump(old: u128, now: u128) -> u128 {
    old.saturating_add(old / 8).saturating_add(1).max(now)
}

impl Engine {
    /// The record of a transaction, brought up to date: a pending one is checked on
    /// chain (mined, dropped or replaced) first.
    pub async fn tx_status(&self, hash: &str) -> Result<Option<TxRecord>> {
        let hash = hash.trim().to_lowercase();
        if hash.len() != 66 || !hash.starts_with("0x") || !hash[2..].chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::Invalid(format!("'{hash}' is not a transaction hash (0x and 64 hex digits)")));
        }
        if self.tx(&hash)?.is_some_and(|t| t.state == TxState::Pending) {
            let w = self.watcher().await?;
            w.check_pending().await?;
        }
        self.tx(&hash)
    }

    /// The stuck transaction's record and exactly what this wallet signed for it. The
    /// node's copy is only compared, never used: a node that reports other calldata,
    /// value, recipient, nonce or chain is refused.
    async fn stuck(&self, hash: &str) -> Result<(TxRecord, SentTx)> {
        let rec = self
            .tx_status(hash)
            .await?
            .ok_or_else(|| Error::NotFound(format!("transaction {hash} was not sent from this wallet")))?;
        if rec.state != TxState::Pending {
            return Err(Error::Invalid(
                format!("transaction {hash} is no longer pending ({:?})", rec.state).to_lowercase(),
            ));
        }
        let sent = self.store().sent(&rec.hash)?.ok_or_else(|| {
            Error::NotFound(format!(
                "there is no local record of what was signed for {hash}, so it cannot be rebuilt safely"
            ))
        })?;
        let chain = self.chain().await?;
        if sent.chain_id != chain.chain_id() {
            return Err(Error::Plan(format!(
                "{hash} was signed for chain {}, but the network is chain {}",
                sent.chain_id,
                chain.chain_id()
            )));
        }
        let h: B256 = rec.hash.parse().map_err(|_| Error::Invalid(format!("bad hash {hash}")))?;
        let node = chain
            .provider()
            .get_transaction_by_hash(h)
            .await
            .map_err(|e| Error::rpc(format!("cannot read {hash}"), e))?;
        if let Some(tx) = node {
            let differs = differences(&sent, &tx);
            if !differs.is_empty() {
                return Err(Error::Plan(format!(
                    "the node's copy of {hash} differs from what this wallet signed ({}); refusing to replace it \
                     from that node",
                    differs.join(", ")
                )));
            }
        }
        Ok((rec, sent))
    }

    async fn plan_replacement(&self, hash: &str, cancel: bool) -> Result<Plan> {
        let (rec, sent) = self.stuck(hash).await?;
        let chain = self.chain().await?;
        let now = chain.fees().await?;
        let fees = Fees {
            base_fee: now.base_fee,
            max_fee: bump(sent.max_fee, now.max_fee),
            priority_fee: bump(sent.priority_fee, now.priority_fee),
        };
        let (to, value, data, gas_limit) = if cancel {
            (Some(rec.from), U256::ZERO, Bytes::new(), 21_000)
        } else {
            let input: Bytes = sent
                .input
                .parse()
                .map_err(|_| Error::Invalid(format!("the local record of {hash} has unreadable calldata")))?;
            (sent.to, sent.value, input, sent.gas_limit)
        };
        let (max_fee, _) = fee_bounds(gas_limit, &fees);
        let native = chain.native_balance(rec.from).await?;
        if value.saturating_add(max_fee) > native {
            return Err(Error::InsufficientFunds(format!(
                "the replacement needs up to {} S, the balance is {} S",
                format_units(value.saturating_add(max_fee), NATIVE_DECIMALS),
                format_units(native, NATIVE_DECIMALS)
            )));
        }
        let what = if cancel {
            format!("Cancel {} (nonce {}) with a 0 S transaction to yourself", short_hash(&rec.hash), rec.nonce)
        } else {
            format!("Speed up {} (nonce {})", short_hash(&rec.hash), rec.nonce)
        };
        let summary = format!("{what}, new fee cap {} S", format_units_short(max_fee, NATIVE_DECIMALS));
        let net = chain.network();
        let spec = TxSpec { from: rec.from, to, value, data, gas_limit, fees, nonce: Some(rec.nonce) };
        // What the replacement moves: a sped-up token transfer sends the same tokens to
        // the same holder (its calldata is the signed one, unchanged), so its card and
        // its history record say so; anything else shows its own native value.
        let (view_to, asset, token, raw, decimals) = match rec.token {
            Some(t) if !cancel => (rec.to, rec.asset.clone(), Some(t), rec.raw, rec.decimals),
            _ => (to.unwrap_or_default(), sonic_types::NATIVE_SYMBOL.to_string(), None, value, NATIVE_DECIMALS),
        };
        let view = PlanView {
            kind: PlanKind::Call {
                contract: "replacement".into(),
                function: if cancel { "cancel" } else { "speed_up" }.into(),
            },
            to: view_to,
            to_label: None,
            asset,
            token,
            raw,
            decimals,
            risks: if net.mainnet { vec![] } else { vec![Risk::NotMainnet { network: net.name.clone() }] },
            summary,
        };
        let plan = match rec.received.clone().filter(|_| !cancel) {
            // A sped-up swap stays the swap (one record, both legs), simulated again
            // before it is signed like any swap.
            Some(received) => {
                let x = crate::swap::SwapExec { approve: None, swap: spec.clone(), received, wrapped: None };
                self.make_plan_with(&chain, spec, view, crate::plan::Exec::Swap(Box::new(x))).await
            }
            None => self.make_plan(&chain, spec, view).await,
        };
        Ok(plan)
    }

    /// Plans the same transaction again with the same nonce and higher fees.
    pub async fn plan_speed_up(&self, hash: &str) -> Result<Plan> {
        self.plan_replacement(hash, false).await
    }

    /// Plans a 0 S transaction to yourself with the stuck one's nonce and higher fees.
    pub async fn plan_cancel(&self, hash: &str) -> Result<Plan> {
        self.plan_replacement(hash, true).await
    }

    /// The fee a mined transaction paid, in wei (gas used × effective gas price, from
    /// its receipt on the active chain); `None` while it has no receipt.
    pub async fn tx_fee(&self, hash: &str) -> Result<Option<U256>> {
        let h: B256 = hash
            .trim()
            .parse()
            .map_err(|_| Error::Invalid(format!("'{hash}' is not a transaction hash (0x and 64 hex digits)")))?;
        let chain = self.chain().await?;
        let receipt = chain
            .provider()
            .get_transaction_receipt(h)
            .await
            .map_err(|e| Error::rpc(format!("cannot read the receipt of {hash}"), e))?;
        Ok(receipt.map(|r| U256::from(r.gas_used).saturating_mul(U256::from(r.effective_gas_price))))
    }
}

/// The fields in which the node's copy of a transaction differs from what was signed.
fn differences(sent: &SentTx, tx: &alloy::rpc::types::Transaction) -> Vec<&'static str> {
    let mut d = Vec::new();
    if tx.to() != sent.to {
        d.push("recipient");
    }
    if tx.value() != sent.value {
        d.push("value");
    }
    if tx.input().to_string() != sent.input.to_lowercase() {
        d.push("calldata");
    }
    if tx.nonce() != sent.nonce {
        d.push("nonce");
    }
    if tx.chain_id().is_some_and(|c| c != sent.chain_id) {
        d.push("chain");
    }
    if tx.inner.signer() != sent.from {
        d.push("sender");
    }
    d
}

fn short_hash(h: &str) -> String {
    if h.len() > 12 {
        format!("{}…{}", &h[..8], &h[h.len() - 4..])
    } else {
        h.to_string()
    }
}
