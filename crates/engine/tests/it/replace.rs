//! Speed-up and cancel rebuild a replacement from what this wallet signed, never from
//! what a node says it signed: a node that reports other calldata is refused.

use std::sync::Arc;

use alloy::{
    consensus::Transaction as _,
    providers::{Provider, ProviderBuilder},
};
use serde_json::Value;
use sonic_engine::{AmountSpec, SendRequest};
use sonic_testkit::rewriting_proxy;

use crate::support::{anvil, engine, OUTSIDER};

fn one_s() -> SendRequest {
    SendRequest { from: None, to: OUTSIDER.into(), amount: AmountSpec::parse("1").expect("amount"), asset: None }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_node_that_rewrites_the_stuck_transaction_is_refused() {
    let node = anvil(&["--no-mining"]);
    // A hostile node: its copy of any transaction carries other calldata and value.
    let hostile = rewriting_proxy(
        node.endpoint(),
        Arc::new(|req: &Value, resp: &mut Value| {
            if req["method"] == "eth_getTransactionByHash" && resp["result"].is_object() {
                resp["result"]["input"] = Value::from(format!("0xa9059cbb{}", "11".repeat(64)));
                resp["result"]["value"] = Value::from("0x0");
            }
        }),
    )
    .await;
    let (e, _d) = engine(&hostile, 1).await;
    let plan = e.plan_send(one_s()).await.expect("plan");
    let sent = e.confirm(&plan.id, None).await.expect("sent");
    let err = e.plan_speed_up(&sent.hash).await.expect_err("refused");
    let msg = err.to_string();
    assert!(msg.contains("differs from what this wallet signed") && msg.contains("calldata"), "{msg}");
    assert!(e.plan_cancel(&sent.hash).await.is_err(), "cancel reads the same local record and check");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_speed_up_resends_exactly_what_was_signed() {
    let node = anvil(&["--no-mining"]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let plan = e.plan_send(one_s()).await.expect("plan");
    let sent = e.confirm(&plan.id, None).await.expect("sent");
    let faster = e.plan_speed_up(&sent.hash).await.expect("speed-up plan");
    assert!(faster.max_fee_per_gas > plan.max_fee_per_gas, "higher fees");
    let replacement = e.confirm(&faster.id, None).await.expect("replacement sent");
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let new = p.get_transaction_by_hash(replacement.hash.parse().expect("h")).await.expect("rpc").expect("known");
    assert_eq!(new.to(), Some(OUTSIDER.parse().expect("a")));
    assert_eq!(new.value(), plan.raw);
    assert_eq!(new.nonce(), 0);
    assert!(new.input().is_empty());
    let _: String = p.raw_request("evm_mine".into(), ()).await.expect("mine");
    let r = p.get_transaction_receipt(replacement.hash.parse().expect("h")).await.expect("rpc");
    assert!(r.is_some(), "the replacement is mined");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sped_up_token_send_is_still_the_token_send() {
    use alloy::{network::EthereumWallet, signers::local::PrivateKeySigner};
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let key: PrivateKeySigner = node.keys()[0].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let token = sonic_testkit::TestToken::deploy(&p, "Test".into(), "TT".into(), 6).await.expect("deploy");
    token
        .mint(me, alloy::primitives::U256::from(1_000_000_000u64))
        .send()
        .await
        .expect("mint")
        .watch()
        .await
        .expect("mined");
    let _: serde_json::Value = p.raw_request("evm_setAutomine".into(), (false,)).await.expect("no mining");
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_token(&token.address().to_checksum(None)).await.expect("token");
    let req = SendRequest {
        from: None,
        to: OUTSIDER.into(),
        amount: AmountSpec::parse("12").expect("a"),
        asset: Some("TT".into()),
    };
    let plan = e.plan_send(req).await.expect("plan");
    let sent = e.confirm(&plan.id, None).await.expect("sent");
    let faster = e.plan_speed_up(&sent.hash).await.expect("speed-up plan");
    assert_eq!((faster.asset.as_str(), faster.amount.as_str()), ("TT", "12"), "the card shows the token send");
    assert_eq!(faster.to, OUTSIDER.parse::<alloy::primitives::Address>().expect("a"));
    let replacement = e.confirm(&faster.id, None).await.expect("replacement");
    let rec = e.tx(&replacement.hash).expect("store").expect("recorded");
    assert_eq!((rec.asset.as_str(), rec.token), ("TT", Some(*token.address())), "{rec:?}");
    assert_eq!(rec.raw, plan.raw);
}
