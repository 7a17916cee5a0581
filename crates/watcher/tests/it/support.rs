//! Anvil, a store, a watcher, and helpers to make transfers.

use alloy::{
    network::EthereumWallet,
    node_bindings::AnvilInstance,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use sonic_bus::Bus;
use sonic_store::Store;
use sonic_types::dto::{TokenInfo, TxRecord};
use sonic_watcher::{Watcher, WatcherConfig};

pub(crate) use sonic_testkit::anvil;
use sonic_testkit::TestToken;

/// The watched account (anvil's first) and a stranger (anvil's second).
pub(crate) fn accounts(node: &AnvilInstance) -> (Address, Address) {
    (node.addresses()[0], node.addresses()[1])
}

pub(crate) fn wallet(node: &AnvilInstance, i: usize) -> EthereumWallet {
    let key: PrivateKeySigner = node.keys()[i].clone().into();
    EthereumWallet::from(key)
}

/// Sends `wei` from anvil account `from` to `to` and waits for it.
pub(crate) async fn pay(node: &AnvilInstance, from: usize, to: Address, wei: u64) {
    let p = ProviderBuilder::new().wallet(wallet(node, from)).connect_http(node.endpoint_url());
    let tx = TransactionRequest::default().to(to).value(U256::from(wei));
    p.send_transaction(tx).await.expect("send").watch().await.expect("mined");
}

/// Deploys a 6-decimal token, mints to both accounts; returns its info.
pub(crate) async fn token(node: &AnvilInstance) -> TokenInfo {
    let p = ProviderBuilder::new().wallet(wallet(node, 1)).connect_http(node.endpoint_url());
    let t = TestToken::deploy(&p, "Test USD".into(), "TUSD".into(), 6).await.expect("deploy");
    for a in [node.addresses()[0], node.addresses()[1]] {
        t.mint(a, U256::from(1_000_000_000u64)).send().await.expect("mint").watch().await.expect("mined");
    }
    TokenInfo { address: *t.address(), symbol: "TUSD".into(), decimals: 6 }
}

/// Transfers `amount` of `token` from anvil account `from` to `to`.
pub(crate) async fn token_transfer(node: &AnvilInstance, token: Address, from: usize, to: Address, amount: u64) {
    let p = ProviderBuilder::new().wallet(wallet(node, from)).connect_http(node.endpoint_url());
    let t = TestToken::new(token, &p);
    t.transfer(to, U256::from(amount)).send().await.expect("transfer").watch().await.expect("mined");
}

/// Sends a transfer of `amount` of `token` that reverts (more than the sender holds),
/// with a fixed gas limit so that it is mined anyway.
pub(crate) async fn token_transfer_reverting(node: &AnvilInstance, token: Address, from: usize, to: Address) {
    let p = ProviderBuilder::new().wallet(wallet(node, from)).connect_http(node.endpoint_url());
    let t = TestToken::new(token, &p);
    let receipt =
        t.transfer(to, U256::MAX).gas(100_000).send().await.expect("transfer").get_receipt().await.expect("mined");
    assert!(!receipt.status(), "the transfer reverted");
}

pub(crate) fn watcher(url: &str, store: &Store, watched: Address, tokens: Vec<TokenInfo>, batch: u64) -> Watcher {
    let mut cfg = WatcherConfig::new("local", 31337, vec![url.to_string()], vec![watched], tokens);
    cfg.batch_blocks = batch;
    Watcher::new(cfg, store.clone(), Bus::new()).expect("watcher")
}

/// A record as a comparable tuple: (id, block, from, to, asset, raw, untrusted, state).
pub(crate) type Row = (String, Option<u64>, Address, Address, String, U256, bool, String);

/// Every record of the test chain, sorted.
pub(crate) fn snapshot(store: &Store) -> Vec<Row> {
    let mut v: Vec<_> = store
        .txs_on_chain(31337)
        .expect("records")
        .into_iter()
        .map(|t: TxRecord| {
            (t.id(), t.block, t.from, t.to, t.asset.clone(), t.raw, t.untrusted, format!("{:?}", t.state))
        })
        .collect();
    v.sort();
    v
}
