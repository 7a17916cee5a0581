//! History as the user reads it: a token transfer sent from the app is one outgoing
//! record of the token (never "0 S to the token contract"), and a sped-up
//! transaction's replaced original is not counted again.

use alloy::{
    network::EthereumWallet,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
};
use sonic_engine::{AmountSpec, HistoryFilter, SendRequest};
use sonic_testkit::TestToken;
use sonic_types::dto::TxState;

use crate::support::{anvil, engine, OUTSIDER};

#[tokio::test(flavor = "multi_thread")]
async fn a_token_send_is_one_outgoing_token_record() {
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let key: PrivateKeySigner = node.keys()[0].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let token = TestToken::deploy(&p, "Test".into(), "TT".into(), 6).await.expect("deploy");
    token.mint(me, U256::from(1_000_000_000u64)).send().await.expect("mint").watch().await.expect("mined");
    let token_addr = *token.address();
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_token(&token_addr.to_checksum(None)).await.expect("token");
    let plan = e
        .plan_send(SendRequest {
            from: None,
            to: OUTSIDER.into(),
            amount: AmountSpec::parse("12.5").expect("amount"),
            asset: Some("TT".into()),
        })
        .await
        .expect("plan");
    let sent = e.confirm(&plan.id, Some(std::time::Duration::from_secs(30))).await.expect("sent");
    assert_eq!(sent.status, TxState::Confirmed);
    e.watch(Some(1), true, std::future::pending()).await.expect("index");

    let outsider: Address = OUTSIDER.parse().expect("address");
    let all = e.history(&HistoryFilter { include_untrusted: true, ..Default::default() }).await.expect("history");
    assert!(
        !all.iter().any(|t| t.to == token_addr && t.token.is_none()),
        "no native record to the token contract: {all:#?}"
    );
    let out: Vec<_> = all.iter().filter(|t| t.hash == sent.hash).collect();
    assert_eq!(out.len(), 1, "one record of the send: {out:#?}");
    let by_token = e
        .history(&HistoryFilter { asset: Some("TT".into()), direction: Some("out".into()), ..Default::default() })
        .await
        .expect("history");
    assert_eq!(by_token.len(), 1, "{by_token:#?}");
    let t = &by_token[0];
    assert_eq!((t.hash.as_str(), t.from, t.to), (sent.hash.as_str(), me, outsider));
    assert_eq!((t.asset.as_str(), t.token, t.raw, t.decimals), ("TT", Some(token_addr), U256::from(12_500_000u64), 6));
    assert_eq!(t.state, TxState::Confirmed);
    let by_address = e
        .history(&HistoryFilter { asset: Some(token_addr.to_checksum(None)), ..Default::default() })
        .await
        .expect("history");
    assert!(by_address.iter().any(|r| r.hash == sent.hash), "found by the token's address too");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_replaced_original_is_not_counted_again() {
    let node = anvil(&["--no-mining"]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let one = SendRequest { from: None, to: OUTSIDER.into(), amount: AmountSpec::parse("1").expect("a"), asset: None };
    let plan = e.plan_send(one).await.expect("plan");
    let original = e.confirm(&plan.id, None).await.expect("sent");
    let faster = e.plan_speed_up(&original.hash).await.expect("speed-up plan");
    let replacement = e.confirm(&faster.id, None).await.expect("replacement");
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: String = p.raw_request("evm_mine".into(), ()).await.expect("mine");
    e.watch(Some(1), true, std::future::pending()).await.expect("index");
    assert_eq!(e.tx(&original.hash).expect("tx").expect("recorded").state, TxState::Replaced);

    let out = HistoryFilter { direction: Some("out".into()), days: Some(1), ..Default::default() };
    let shown = e.history(&out).await.expect("history");
    let hashes: Vec<&str> = shown.iter().map(|t| t.hash.as_str()).collect();
    assert_eq!(hashes, [replacement.hash.as_str()], "{shown:#?}");
    let total: U256 = shown.iter().map(|t| t.raw).sum();
    assert_eq!(total, U256::from(10u64).pow(U256::from(18u64)));
    let reply = e.agent_turn("how much did I send today?").await.expect("reply");
    assert!(reply.text.starts_with("You sent 1 S") && reply.text.contains("in 1 transaction"), "{}", reply.text);

    // With everything shown, the original is there, marked replaced by the other.
    let all = e.history(&HistoryFilter { include_untrusted: true, ..out }).await.expect("history");
    let old = all.iter().find(|t| t.hash == original.hash).expect("the original, with --all");
    assert_eq!(old.state, TxState::Replaced);
    assert_eq!(old.replaced_by.as_deref(), Some(replacement.hash.as_str()));
}
