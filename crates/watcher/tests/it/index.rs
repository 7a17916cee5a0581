//! Exactly-once indexing and reorganisations.

use alloy::{
    primitives::U256,
    providers::{Provider, ProviderBuilder},
};
use sonic_store::Store;

use crate::support::{accounts, anvil, pay, snapshot, token, token_transfer, watcher};

#[tokio::test(flavor = "multi_thread")]
async fn native_and_erc20_both_ways_exactly_once() {
    let node = anvil(&[]);
    let (me, other) = accounts(&node);
    let tusd = token(&node).await;
    pay(&node, 0, other, 1_000).await; // out
    pay(&node, 1, me, 2_000).await; // in
    pay(&node, 1, me, 0).await; // zero-value lure: untrusted
    token_transfer(&node, tusd.address, 0, other, 5).await; // token out
    token_transfer(&node, tusd.address, 1, me, 7).await; // token in
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = watcher(&node.endpoint(), &store, me, vec![tusd.clone()], 3);
    w.start_at(0).expect("start");
    let head = w.head().await.expect("head");
    w.sync_to(head, false).await.expect("sync");
    let first = snapshot(&store);
    // Running again over the same blocks adds nothing.
    store.rollback(31337, 0).expect("rewind");
    w.sync_to(head, false).await.expect("sync again");
    assert_eq!(snapshot(&store), first, "no duplicates");

    let visible: Vec<_> = first.iter().filter(|r| !r.6).collect();
    let native_out = visible.iter().filter(|r| r.4 == "S" && r.2 == me && r.3 == other).count();
    let native_in = visible.iter().filter(|r| r.4 == "S" && r.3 == me && r.5 == U256::from(2_000u64)).count();
    let token_out = visible.iter().filter(|r| r.4 == "TUSD" && r.2 == me && r.5 == U256::from(5u64)).count();
    let token_in = visible.iter().filter(|r| r.4 == "TUSD" && r.3 == me && r.5 == U256::from(7u64)).count();
    // The mint to `me` is a token transfer in from the zero address.
    let mint_in = visible.iter().filter(|r| r.4 == "TUSD" && r.3 == me && r.5 == U256::from(1_000_000_000u64)).count();
    assert_eq!((native_out, native_in, token_out, token_in, mint_in), (1, 1, 1, 1, 1), "{first:#?}");
    let untrusted: Vec<_> = first.iter().filter(|r| r.6).collect();
    assert_eq!(untrusted.len(), 1, "the zero-value transfer is recorded, marked untrusted");
    assert_eq!(store.cursor(31337).expect("cursor"), Some(head));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reorg_is_rolled_back_and_reindexed() {
    let node = anvil(&[]);
    let (me, other) = accounts(&node);
    pay(&node, 1, me, 111).await; // block 1
    pay(&node, 1, me, 222).await; // block 2
    pay(&node, 1, me, 333).await; // block 3
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = watcher(&node.endpoint(), &store, me, vec![], 2);
    w.start_at(0).expect("start");
    w.sync_to(3, false).await.expect("sync");
    let amounts = |s: &Store| -> Vec<u64> { snapshot(s).iter().map(|r| r.5.to::<u64>()).collect::<Vec<_>>() };
    let mut before = amounts(&store);
    before.sort();
    assert_eq!(before, [111, 222, 333]);

    // Replace blocks 2 and 3 with blocks carrying other transactions.
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let tx = |value: u64, offset: u64| serde_json::json!([{"from": other, "to": me, "value": format!("0x{value:x}"), "gas": "0x5208"}, offset]);
    let _: serde_json::Value =
        p.raw_request("anvil_reorg".into(), (2u64, vec![tx(444, 0), tx(555, 1)])).await.expect("anvil_reorg");
    let head = w.head().await.expect("head");
    w.sync_to(head, false).await.expect("sync after reorg");
    let mut after = amounts(&store);
    after.sort();
    assert_eq!(after, [111, 444, 555], "old records gone, new ones present");
}

/// A watcher of `me` that follows new heads by WebSocket subscription and polls only
/// every 30 s: what it indexes within seconds came through the subscription.
fn ws_watcher(
    node: &alloy::node_bindings::AnvilInstance,
    store: &Store,
    me: alloy::primitives::Address,
) -> sonic_watcher::Watcher {
    let mut cfg = sonic_watcher::WatcherConfig::new("local", 31337, vec![node.endpoint()], vec![me], vec![]);
    cfg.ws_url = Some(node.ws_endpoint());
    cfg.poll = std::time::Duration::from_secs(30);
    sonic_watcher::Watcher::new(cfg, store.clone(), sonic_bus::Bus::new()).expect("watcher")
}

#[tokio::test(flavor = "multi_thread")]
async fn new_blocks_arrive_by_websocket_subscription() {
    let node = anvil(&[]);
    let (me, _) = accounts(&node);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = std::sync::Arc::new(ws_watcher(&node, &store, me));
    w.start_at(1).expect("start");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let runner = {
        let w = w.clone();
        tokio::spawn(async move {
            w.run(async move {
                let _ = rx.await;
            })
            .await
        })
    };
    for _ in 0..100 {
        if w.subscribed() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(w.subscribed(), "subscribed to new heads");
    pay(&node, 1, me, 4_242).await;
    // Polling is every 30 s here, so a record within 5 s came through the subscription.
    let mut found = false;
    for _ in 0..100 {
        if snapshot(&store).iter().any(|r| r.5 == U256::from(4_242u64)) {
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(found, "the new block was indexed from its head notification");
    let _ = tx.send(());
    runner.await.expect("join").expect("run");
}

/// A devnet started again under the same chain id (another anvil, the store kept) is
/// another chain: what was indexed from the old one goes and the new one is indexed
/// from its start, found while following a head below the index's cursor.
#[tokio::test(flavor = "multi_thread")]
async fn a_devnet_started_again_is_indexed_afresh() {
    let old = anvil(&[]);
    let (me, _) = accounts(&old);
    for wei in [111, 222, 333] {
        pay(&old, 1, me, wei).await;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let amounts = |s: &Store| -> Vec<u64> {
        let mut v: Vec<u64> = snapshot(s).iter().map(|r| r.5.to::<u64>()).collect();
        v.sort();
        v
    };
    let w = watcher(&old.endpoint(), &store, me, vec![], 2);
    assert!(!w.replaced_chain().await.expect("first look"), "the first look records block 0");
    w.start_at(0).expect("start");
    w.sync_to(3, false).await.expect("sync");
    assert_eq!(amounts(&store), [111, 222, 333]);
    assert!(!w.replaced_chain().await.expect("same chain"), "the same chain is not replaced");

    // Started again (another block 0: another genesis time), one payment so far.
    let new = anvil(&["--timestamp", "1700000000"]);
    pay(&new, 1, me, 444).await;
    let w = watcher(&new.endpoint(), &store, me, vec![], 2);
    let head = w.head().await.expect("head");
    assert_eq!(head, 1);
    w.sync_to(head, true).await.expect("follow");
    assert_eq!(amounts(&store), [444], "the old chain's records are gone, the new one's indexed");
    assert_eq!(store.cursor(31337).expect("cursor"), Some(1));
    assert!(!w.replaced_chain().await.expect("recorded"), "the new block 0 is the recorded one now");
}

/// A block mined before the subscription took effect (while the watcher restarted) is
/// indexed at once, not at the next head, which a devnet may never make.
#[tokio::test(flavor = "multi_thread")]
async fn a_block_mined_before_the_subscription_is_indexed_without_a_next_one() {
    let node = anvil(&[]);
    let (me, _) = accounts(&node);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = std::sync::Arc::new(ws_watcher(&node, &store, me));
    w.start_at(1).expect("start");
    pay(&node, 1, me, 777).await;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let runner = {
        let w = w.clone();
        tokio::spawn(async move {
            w.run(async move {
                let _ = rx.await;
            })
            .await
        })
    };
    // Polling is every 30 s and no block follows: only the catch-up can index it.
    let mut found = false;
    for _ in 0..100 {
        if snapshot(&store).iter().any(|r| r.5 == U256::from(777u64)) {
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(found, "the block mined before the subscription was indexed");
    let _ = tx.send(());
    runner.await.expect("join").expect("run");
}

/// A watcher asked to stop before its subscription is up returns, having indexed
/// nothing more (a stop future is never polled again once done).
#[tokio::test(flavor = "multi_thread")]
async fn a_stop_already_done_ends_the_subscription_at_once() {
    let node = anvil(&[]);
    let (me, _) = accounts(&node);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = ws_watcher(&node, &store, me);
    w.start_at(1).expect("start");
    pay(&node, 1, me, 5).await;
    let ran = tokio::time::timeout(std::time::Duration::from_secs(10), w.run(async {})).await;
    assert!(matches!(ran, Ok(Ok(()))), "returned at once: {ran:?}");
    assert!(snapshot(&store).is_empty(), "nothing indexed after the stop");
}
