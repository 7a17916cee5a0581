//! Balances and sends on a real anvil chain.

use alloy::{
    consensus::Transaction as _,
    network::EthereumWallet,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
};

use sonic_testkit::TestToken;

use crate::support::{anvil, Sonic, ACCOUNT0, ACCOUNT1, OUTSIDER};

const S: u128 = 1_000_000_000_000_000_000;

fn addr(s: &str) -> Address {
    s.parse().expect("address")
}

#[tokio::test(flavor = "multi_thread")]
async fn balance_and_send_with_exact_fee_accounting() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(2);
    let b = s.json(&["balance"]);
    assert_eq!(b[0]["account"], ACCOUNT0);
    assert_eq!(b[0]["asset"], "S");
    assert_eq!(b[0]["amount"], "10000");
    assert_eq!(b[0]["raw"], "10000000000000000000000");

    let provider = ProviderBuilder::new().connect_http(node.endpoint_url());
    let before_from = provider.get_balance(addr(ACCOUNT0)).await.expect("bal");
    let before_to = provider.get_balance(addr(OUTSIDER)).await.expect("bal");
    let sent = s.json(&["send", "--to", OUTSIDER, "--amount", "1.5", "--yes"]);
    assert_eq!(sent[0]["status"], "confirmed");
    let hash: alloy::primitives::B256 = sent[0]["hash"].as_str().expect("hash").parse().expect("b256");
    let receipt = provider.get_transaction_receipt(hash).await.expect("rpc").expect("mined");
    assert_eq!(sent[0]["block"], receipt.block_number.expect("block"));
    let fee = U256::from(receipt.gas_used) * U256::from(receipt.effective_gas_price);
    let after_from = provider.get_balance(addr(ACCOUNT0)).await.expect("bal");
    let after_to = provider.get_balance(addr(OUTSIDER)).await.expect("bal");
    let amount = U256::from(15 * S / 10);
    assert_eq!(after_to - before_to, amount, "recipient gets exactly 1.5 S");
    assert_eq!(before_from - after_from, amount + fee, "sender pays 1.5 S plus the fee");
    assert!(!fee.is_zero());
}

#[tokio::test(flavor = "multi_thread")]
async fn erc20_transfer_and_refusals() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let key: PrivateKeySigner = node.keys()[0].clone().into();
    let provider = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let token = TestToken::deploy(&provider, "Test USD".into(), "TUSD".into(), 6).await.expect("deploy");
    token.mint(addr(ACCOUNT0), U256::from(1_000_000_000u64)).send().await.expect("mint").watch().await.expect("mined");
    let token_addr = token.address().to_checksum(None);

    let added = s.json(&["tokens", "add", &token_addr]);
    assert_eq!(added[0]["symbol"], "TUSD");
    assert_eq!(added[0]["decimals"], 6);
    let b = s.json(&["balance", "--token", "TUSD"]);
    assert_eq!(b[0]["amount"], "1000");
    assert_eq!(b[0]["raw"], "1000000000");

    let sent = s.json(&["send", "--to", ACCOUNT1, "--amount", "12.345678", "--token", "tusd", "--yes"]);
    assert_eq!(sent[0]["status"], "confirmed");
    let got = token.balanceOf(addr(ACCOUNT1)).call().await.expect("balanceOf");
    assert_eq!(got, U256::from(12_345_678u64));
    let b = s.json(&["balance", "--token", &token_addr]);
    assert_eq!(b[0]["amount"], "987.654322");

    // More decimals than the token has, more than the balance, the token contract
    // itself, the zero address: all refused before signing.
    let nonce_before = provider.get_transaction_count(addr(ACCOUNT0)).await.expect("nonce");
    let err = s.fails(&["send", "--to", ACCOUNT1, "--amount", "0.0000001", "--token", "TUSD", "--yes"]);
    assert!(err.contains("more than 6 decimals"), "{err}");
    let err = s.fails(&["send", "--to", ACCOUNT1, "--amount", "5000", "--token", "TUSD", "--yes"]);
    assert!(err.contains("insufficient funds"), "{err}");
    let err = s.fails(&["send", "--to", &token_addr, "--amount", "1", "--token", "TUSD", "--yes"]);
    assert!(err.contains("own token contract"), "{err}");
    let err = s.fails(&["send", "--to", "0x0000000000000000000000000000000000000000", "--amount", "1", "--yes"]);
    assert!(err.contains("zero address"), "{err}");
    let err = s.fails(&["send", "--to", "0x70997970C51812DC3a010c7d01b50e0d17dc79C8", "--amount", "1", "--yes"]);
    assert!(err.contains("checksum"), "{err}");
    let err = s.fails(&["send", "--to", "nobody", "--amount", "1", "--yes"]);
    assert!(err.contains("neither an address nor a contact"), "{err}");
    let nonce = provider.get_transaction_count(addr(ACCOUNT0)).await.expect("nonce");
    assert_eq!(nonce, nonce_before, "nothing refused was signed");
}

#[tokio::test(flavor = "multi_thread")]
async fn insufficient_funds_refused_before_signing() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let err = s.fails(&["send", "--to", OUTSIDER, "--amount", "10000", "--yes"]);
    assert!(err.contains("insufficient funds") && err.contains("10000"), "{err}");
    let provider = ProviderBuilder::new().connect_http(node.endpoint_url());
    assert_eq!(provider.get_transaction_count(addr(ACCOUNT0)).await.expect("nonce"), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn three_sends_in_a_row_without_mining() {
    let node = anvil(&["--no-mining"]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let mut hashes = Vec::new();
    for amount in ["1", "2", "3"] {
        let r = s.json(&["send", "--to", OUTSIDER, "--amount", amount, "--yes", "--no-wait"]);
        assert_eq!(r[0]["status"], "pending");
        hashes.push(r[0]["hash"].as_str().expect("hash").parse::<alloy::primitives::B256>().expect("hash"));
    }
    let provider = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: String = provider.raw_request("evm_mine".into(), ()).await.expect("mine");
    let mut nonces = Vec::new();
    for h in &hashes {
        let r = provider.get_transaction_receipt(*h).await.expect("rpc").expect("mined together");
        assert!(r.status());
        nonces.push(provider.get_transaction_by_hash(*h).await.expect("rpc").expect("tx").nonce());
    }
    assert_eq!(nonces, [0, 1, 2]);
    assert_eq!(provider.get_balance(addr(OUTSIDER)).await.expect("bal") - U256::from(10_000 * S), U256::from(6 * S));
}

#[tokio::test(flavor = "multi_thread")]
async fn chain_id_mismatch_and_unreachable_rpc() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let out = s.run_on("testnet", &["send", "--to", OUTSIDER, "--amount", "1", "--yes"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chain id 31337") && err.contains("14601") && err.contains("refusing to sign"), "{err}");
    let provider = ProviderBuilder::new().connect_http(node.endpoint_url());
    assert_eq!(provider.get_transaction_count(addr(ACCOUNT0)).await.expect("nonce"), 0);

    let dead = Sonic::new("http://127.0.0.1:9");
    dead.import_anvil(1);
    let err = dead.fails(&["balance"]);
    assert!(err.contains("cannot reach the RPC at http://127.0.0.1:9"), "{err}");
    let err = dead.fails(&["balance", "--rpc", "not a url"]);
    assert!(err.contains("not a valid RPC URL") || err.contains("cannot be used multiple times"), "{err}");
}
