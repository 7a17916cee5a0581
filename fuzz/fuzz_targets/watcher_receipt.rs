//! Fuzzes the watcher on `eth_getTransactionReceipt` replies: the input is the receipt
//! a fake node gives for every hash, used while indexing the seed chain (the watched
//! account's payment to a contract needs one) and by the pending-transaction check
//! (mined, failed, dropped or replaced).
#![no_main]

use alloy::rpc::types::TransactionReceipt;
use sonic_fuzz::{harness, Replies, CHAIN_ID, OTHER, SEED_BLOCKS, WATCHED};
use sonic_types::dto::{TxRecord, TxState};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Only decodable replies reach the watcher (it retries the others 16 times).
    let Ok(receipt) = serde_json::from_str::<Option<TransactionReceipt>>(text) else { return };
    let h = harness();
    h.reset(Replies { receipt: Some(text.into()), ..Replies::default() });
    // One of the user's transactions waiting to be mined: the receipt's, if any. Its
    // nonce is below or above the node's count (5), for the dropped and replaced paths.
    let hash = receipt.as_ref().map(|r| r.transaction_hash.to_string()).unwrap_or_else(|| format!("0x{:064x}", 7));
    let pending = TxRecord {
        hash,
        log_index: None,
        chain_id: CHAIN_ID,
        from: WATCHED,
        to: OTHER,
        asset: "S".into(),
        token: None,
        raw: alloy::primitives::U256::from(7u64),
        decimals: 18,
        nonce: if data.len() % 2 == 0 { 3 } else { 9 },
        state: TxState::Pending,
        block: None,
        timestamp: 1,
        untrusted: false,
        replaced_by: None,
        reason: None,
        received: None,
    };
    h.store().put_tx(&pending).expect("store the pending record");
    let (synced, pending) = h.run(|h| async move {
        let synced = h.watcher().sync_to(SEED_BLOCKS.len() as u64, true).await;
        (synced, h.watcher().check_pending().await)
    });
    check(synced);
    check(pending);
});

/// A store error on a reply the watcher could decode is a finding; giving up on a
/// block the node answers inconsistently (`BlockUnavailable`) is the design.
fn check(out: Result<(), sonic_watcher::Error>) {
    if let Err(e @ sonic_watcher::Error::Store(_)) = out {
        panic!("the watcher's store failed on a reply: {e}");
    }
}
