//! Pending transactions: an answer is matched to the transaction it is for.

use alloy::{
    primitives::U256,
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
};
use sonic_store::Store;
use sonic_types::dto::{TxRecord, TxState};

use crate::support::{accounts, anvil, wallet, watcher};

fn pending(hash: &str, from: alloy::primitives::Address, nonce: u64) -> TxRecord {
    TxRecord {
        hash: hash.into(),
        log_index: None,
        chain_id: 31337,
        from,
        to: from,
        asset: "S".into(),
        token: None,
        raw: U256::from(1u8),
        decimals: 18,
        nonce,
        state: TxState::Pending,
        block: None,
        timestamp: 1,
        untrusted: false,
        replaced_by: None,
        reason: None,
        received: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_receipt_is_applied_to_its_own_transaction_only() {
    let node = anvil(&[]);
    let (me, other) = accounts(&node);
    let p = ProviderBuilder::new().wallet(wallet(&node, 0)).connect_http(node.endpoint_url());
    let sent = p.send_transaction(TransactionRequest::default().to(other).value(U256::from(5u8))).await.expect("send");
    let receipt = sent.get_receipt().await.expect("mined");
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    // A damaged record (its hash is not a hash) next to the real one; it sorts first.
    let damaged = "0x00not-a-hash";
    store.put_tx(&pending(damaged, me, 7)).expect("put");
    store.put_tx(&pending(&receipt.transaction_hash.to_string(), me, 0)).expect("put");
    let w = watcher(&node.endpoint(), &store, me, vec![], 10);
    w.check_pending().await.expect("check");
    let real = store.tx(&receipt.transaction_hash.to_string()).expect("get").expect("record");
    assert_eq!(real.state, TxState::Confirmed, "the mined transaction is confirmed");
    assert_eq!(real.block, receipt.block_number);
    let other = store.tx(damaged).expect("get").expect("record");
    assert_eq!(other.state, TxState::Pending, "no other transaction's receipt is applied to it");
}
