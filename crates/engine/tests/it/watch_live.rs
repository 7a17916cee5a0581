//! The running watcher follows the wallet as it changes, without a restart: a new
//! account (its balance at once, its transfers from then on), a newly registered
//! token, and a switch to another network (each chain with its own cursor).

use std::{sync::Arc, time::Duration};

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    node_bindings::AnvilInstance,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use sonic_engine::{Config, Engine, HistoryFilter, KdfParams};
use sonic_testkit::TestToken;
use tokio::{sync::oneshot, task::JoinHandle};

use crate::support::{anvil, engine, MNEMONIC};

/// How long a live change may take to show.
const PATIENCE: Duration = Duration::from_secs(30);

/// Starts `watch(None, false, stop)` in a task; the sender stops it.
fn spawn_watch(e: &Arc<Engine>) -> (oneshot::Sender<()>, JoinHandle<sonic_engine::Result<()>>) {
    let (tx, rx) = oneshot::channel::<()>();
    let e = e.clone();
    let task = tokio::spawn(async move {
        e.watch(None, false, async {
            let _ = rx.await;
        })
        .await
    });
    (tx, task)
}

/// Waits until `check` holds, or fails with `what`.
async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !check().await {
        assert!(tokio::time::Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Sends `value` wei from anvil's account `from` on `node` to `to`; the hash.
async fn send_native(node: &AnvilInstance, from: usize, to: Address, value: u64) -> String {
    let key: PrivateKeySigner = node.keys()[from].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let tx = TransactionRequest::default().with_to(to).with_value(U256::from(value));
    let r = p.send_transaction(tx).await.expect("send").get_receipt().await.expect("mined");
    r.transaction_hash.to_string()
}

/// Whether `account`'s history on the active network holds `hash` (trusted records).
async fn has_record(e: &Engine, account: Address, hash: &str, asset: Option<&str>) -> bool {
    let f = HistoryFilter {
        account: Some(account.to_checksum(None)),
        asset: asset.map(str::to_string),
        ..Default::default()
    };
    e.history(&f).await.is_ok_and(|h| h.iter().any(|t| t.hash == hash))
}

async fn stop(tx: oneshot::Sender<()>, task: JoinHandle<sonic_engine::Result<()>>) {
    let _ = tx.send(());
    tokio::time::timeout(PATIENCE, task).await.expect("watcher stops").expect("task").expect("watcher ran");
}

/// A wallet (anvil's mnemonic) with the networks "one" (chain 31337 on `one`) and
/// "two" (31338 on `two`), "one" in use; its data directory.
async fn two_networks(one: &AnvilInstance, two: &AnvilInstance) -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: None,
        rpc: None,
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    e.import_mnemonic(b"pw", MNEMONIC, "", 1).await.expect("import");
    for (name, id, node) in [("one", 31337, one), ("two", 31338, two)] {
        e.add_network(sonic_types::Network {
            name: name.into(),
            chain_id: Some(id),
            rpc_urls: vec![node.endpoint()],
            explorer_url: None,
            mainnet: false,
            ws_url: None,
        })
        .expect("network");
    }
    e.set_network("one").expect("one");
    (e, dir)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_added_account_is_followed_live() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let e = Arc::new(e);
    let (tx, task) = spawn_watch(&e);
    until("the watcher to start", async || e.store().cursor(31337).ok().flatten().is_some()).await;

    let added = e.add_account(None).await.expect("account").address;
    assert_eq!(added, node.addresses()[1], "the mnemonic's second account");
    // Its balance is read without a transfer to it.
    until("the new account's balance", async || e.store().balance(31337, &added, None).ok().flatten().is_some()).await;
    let hash = send_native(&node, 2, added, 1_000_000_000).await;
    until("the transfer in the new account's history", async || has_record(&e, added, &hash, None).await).await;
    stop(tx, task).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_registered_token_is_followed_live() {
    let node = anvil(&[]);
    let other: PrivateKeySigner = node.keys()[2].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(other.clone())).connect_http(node.endpoint_url());
    let token = TestToken::deploy(&p, "Test".into(), "TT".into(), 6).await.expect("deploy");
    token.mint(other.address(), U256::from(1_000_000u64)).send().await.expect("mint").watch().await.expect("mined");
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let e = Arc::new(e);
    let me = node.addresses()[0];
    let (tx, task) = spawn_watch(&e);
    until("the watcher to start", async || e.store().cursor(31337).ok().flatten().is_some()).await;

    let mut events = e.bus().subscribe();
    e.add_token(&token.address().to_checksum(None)).await.expect("token");
    // At once: mined while the watcher restarts for the token, or just after.
    let sent = token.transfer(me, U256::from(2_500u64)).send().await.expect("transfer");
    let hash = sent.watch().await.expect("mined").to_string();
    until("the token transfer in history", async || has_record(&e, me, &hash, Some("TT")).await).await;
    // And announced (the notification), whichever side of the restart it was mined on.
    let mut announced = false;
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !announced && tokio::time::Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_millis(500), events.recv()).await {
            Ok(Ok(sonic_types::Event::IncomingTransfer { hash: h, .. })) => announced = h == hash,
            Ok(Err(tokio::sync::broadcast::error::RecvError::Closed)) => break,
            _ => {}
        }
    }
    assert!(announced, "the token transfer was announced");
    stop(tx, task).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_network_switch_moves_the_watcher_to_the_new_chain() {
    let (one, two) = (anvil(&[]), anvil(&["--chain-id", "31338"]));
    let (e, _dir) = two_networks(&one, &two).await;
    let e = Arc::new(e);
    let me = one.addresses()[0];
    let (tx, task) = spawn_watch(&e);
    until("the watcher on chain one", async || e.store().cursor(31337).ok().flatten().is_some()).await;
    let on_one = send_native(&one, 2, me, 1_000).await;
    until("chain one's transfer", async || has_record(&e, me, &on_one, None).await).await;

    e.set_network("two").expect("two");
    until("the watcher on chain two", async || e.store().cursor(31338).ok().flatten().is_some()).await;
    let cursor_one = e.store().cursor(31337).expect("cursor");
    let on_two = send_native(&two, 2, me, 2_000).await;
    // Chain one goes on without being followed.
    let late_on_one = send_native(&one, 2, me, 3_000).await;
    until("chain two's transfer", async || has_record(&e, me, &on_two, None).await).await;

    let records = e.store().txs_for(&me).expect("records");
    let of = |h: &str| records.iter().filter(|t| t.hash == h).map(|t| t.chain_id).collect::<Vec<_>>();
    assert_eq!(of(&on_one), [31337], "{records:#?}");
    assert_eq!(of(&on_two), [31338], "{records:#?}");
    assert!(of(&late_on_one).is_empty(), "chain one is no longer followed: {records:#?}");
    assert_eq!(e.store().cursor(31337).expect("cursor"), cursor_one, "chain one's cursor stays where it was");
    stop(tx, task).await;
}

/// A payment made on the new network between a switch and the watcher's first look
/// at that chain is indexed (the new index starts at the switch, not at the head the
/// watcher finds); one mined before the switch is not.
#[tokio::test(flavor = "multi_thread")]
async fn a_payment_made_before_the_watcher_reaches_a_new_network_is_indexed() {
    let (one, two) = (anvil(&[]), anvil(&["--chain-id", "31338"]));
    let (e, _dir) = two_networks(&one, &two).await;
    let me = one.addresses()[0];
    let before = send_native(&two, 2, me, 1_000).await;
    // Block times are whole seconds: the switch comes in a later second.
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    e.set_network("two").expect("two");
    // No watcher runs yet: this payment is mined before it looks at chain two.
    let after = send_native(&two, 2, me, 2_000).await;
    let e = Arc::new(e);
    let (tx, task) = spawn_watch(&e);
    until("the payment made after the switch", async || has_record(&e, me, &after, None).await).await;
    assert!(!has_record(&e, me, &before, None).await, "a payment from before the switch is not in the new index");
    stop(tx, task).await;
}
