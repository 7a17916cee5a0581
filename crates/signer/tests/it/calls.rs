//! Contract calls over `eth_sendTransaction`: the calldata decoded on the card (an
//! ERC-20 transfer with its token amount, an unlimited approval flagged), and a call
//! that would revert refused with its reason before any card.

use std::time::Duration;

use alloy::{
    network::EthereumWallet,
    primitives::{Address, U256},
    providers::ProviderBuilder,
    signers::local::PrivateKeySigner,
    sol_types::SolCall,
};
use serde_json::{json, Value};
use sonic_testkit::TestToken;
use sonic_types::dto::{PlanKind, Risk};

use crate::support::{code, proposed, setup, Setup, OUTSIDER};

/// Deploys a 6-decimal token and mints 100 of it to the wallet's first account.
async fn token(s: &Setup) -> Address {
    let key: PrivateKeySigner = s.node.keys()[5].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(s.node.endpoint_url());
    let t = TestToken::deploy(&p, "Test".into(), "TT".into(), 6).await.expect("deploy");
    let owner: Address = s.account().await.parse().expect("address");
    t.mint(owner, U256::from(100_000_000u64)).send().await.expect("mint").get_receipt().await.expect("mined");
    *t.address()
}

fn send(url: String, tx: Value) -> tokio::task::JoinHandle<Value> {
    tokio::spawn(async move {
        reqwest::Client::new()
            .post(url)
            .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "eth_sendTransaction", "params": [tx]}))
            .send()
            .await
            .expect("post")
            .json()
            .await
            .expect("json")
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn token_calls_are_decoded_and_approvals_flagged() {
    let s = setup().await;
    let token = token(&s).await;
    let acct = s.account().await;
    let outsider: Address = OUTSIDER.parse().expect("address");

    let data = TestToken::transferCall { to: outsider, value: U256::from(2_500_000u64) }.abi_encode();
    let asked = send(s.signer.url(), json!({"from": acct, "to": token, "data": alloy::hex::encode_prefixed(&data)}));
    let plan = proposed(&s.engine, "signer").await;
    let PlanKind::DappCall { method, decoded, .. } = &plan.kind else { panic!("{:?}", plan.kind) };
    assert_eq!(method, "transfer");
    assert!(decoded.contains("2.5 TT") && decoded.contains(OUTSIDER), "{decoded}");
    assert_eq!((plan.to, plan.asset.as_str(), plan.amount.as_str()), (outsider, "TT", "2.5"));
    assert!(!plan.risks.contains(&Risk::ContractRecipient), "a person is paid: {:?}", plan.risks);
    s.engine.confirm_plan(&plan.id, Some(Duration::from_secs(20))).await.expect("confirm");
    let hash = asked.await.expect("join");
    assert!(hash["result"].as_str().is_some_and(|h| h.len() == 66), "{hash}");

    let data = TestToken::approveCall { spender: outsider, value: U256::MAX }.abi_encode();
    let asked = send(s.signer.url(), json!({"from": acct, "to": token, "data": alloy::hex::encode_prefixed(&data)}));
    let plan = proposed(&s.engine, "signer").await;
    assert!(matches!(&plan.kind, PlanKind::DappCall { method, .. } if method == "approve"), "{:?}", plan.kind);
    assert!(plan.risks.contains(&Risk::UnlimitedApproval { spender: OUTSIDER.into() }), "{:?}", plan.risks);
    assert!(
        plan.risks.iter().any(|r| matches!(r, Risk::SpendingApproval { amount, token, .. }
            if amount == "unlimited" && token.starts_with("TT ("))),
        "{:?}",
        plan.risks
    );
    assert!(s.engine.reject_plan(&plan.id).await);
    assert_eq!(code(&asked.await.expect("join")), 4001);

    // More than the balance: the simulation reverts, the reason comes back, no card.
    let data = TestToken::transferCall { to: outsider, value: U256::from(10u64.pow(12)) }.abi_encode();
    let r = send(s.signer.url(), json!({"from": acct, "to": token, "data": alloy::hex::encode_prefixed(&data)}))
        .await
        .expect("join");
    assert!(
        r["error"]["message"].as_str().is_some_and(|m| m.contains("ERC20InsufficientBalance") || m.contains("revert")),
        "{r}"
    );
    assert!(s.engine.pending_plans().await.is_empty());

    // Calldata the wallet cannot read is shown by its selector and flagged.
    let asked = send(s.signer.url(), json!({"from": acct, "to": OUTSIDER, "data": "0x12345678"}));
    let plan = proposed(&s.engine, "signer").await;
    assert!(matches!(&plan.kind, PlanKind::DappCall { method, .. } if method == "0x12345678"), "{:?}", plan.kind);
    assert!(plan.risks.contains(&Risk::UnknownCall { selector: "0x12345678".into() }), "{:?}", plan.risks);
    assert!(s.engine.reject_plan(&plan.id).await);
    assert_eq!(code(&asked.await.expect("join")), 4001);
}
