//! Staking through the CLI on anvil, with the SFC stand-in installed at the SFC's
//! address: validators, delegate (read back with `cast call`), undelegate with its
//! lock end date, a withdrawal refused before the lock ends and paid after it, and
//! claiming rewards.

use std::process::Command;

use alloy::{
    network::EthereumWallet,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
};

use crate::support::{anvil, tool, Sonic, ACCOUNT0};

use sonic_testkit::{install_sfc, SfcStandIn, SFC_ADDRESS as SFC};
const S: u128 = 1_000_000_000_000_000_000;

/// `cast call` of the SFC's getStake for account 0 with `validator`.
pub(crate) fn cast_stake(rpc: &str, validator: u64) -> U256 {
    let out = Command::new(tool("cast"))
        .args(["call", &SFC.to_string(), "getStake(address,uint256)(uint256)", ACCOUNT0, &validator.to_string()])
        .args(["--rpc-url", rpc])
        .output()
        .expect("cast call");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf8");
    text.split_whitespace().next().expect("a number").parse().expect("u256")
}

#[tokio::test(flavor = "multi_thread")]
async fn delegate_undelegate_withdraw_and_claim() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let err = s.fails(&["stake", "validators"]);
    assert!(err.contains("no staking contract"), "{err}");
    install_sfc(&node).await;

    let vals = s.json(&["stake", "validators"]);
    assert_eq!(vals.len(), 1, "{vals:?}");
    assert_eq!(vals[0]["id"], 1);
    assert_eq!(vals[0]["active"], true);

    let d = s.json(&["stake", "delegate", "--validator", "1", "--amount", "100", "--yes"]);
    assert_eq!(d[0]["amount"], "100");
    assert_eq!(cast_stake(&node.endpoint(), 1), U256::from(100 * S));

    // An unknown validator gets no plan.
    let err = s.fails(&["stake", "delegate", "--validator", "9", "--amount", "1", "--yes"]);
    assert!(err.contains("no validator 9"), "{err}");

    // Undelegating makes request 0; its lock end is shown.
    let out = s.ok(&["stake", "undelegate", "--validator", "1", "--amount", "40", "--yes"]);
    let st = s.json(&["stake", "status", "--validator", "1"]);
    assert_eq!(st[0]["stake"], "60");
    let req = &st[0]["requests"][0];
    assert_eq!(req["request"], 0);
    assert_eq!(req["amount"], "40");
    let requested = req["requested_at"].as_u64().expect("time");
    assert_eq!(req["withdrawable_at"].as_u64().expect("time"), requested + 14 * 86_400);
    let date = req["withdrawable_date"].as_str().expect("date");
    assert!(out.contains("request 0") && out.contains(date), "the lock end date is shown: {out}");
    assert_eq!(cast_stake(&node.endpoint(), 1), U256::from(60 * S));

    // Before the lock ends the simulation refuses, readably, and nothing is signed.
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let me: Address = ACCOUNT0.parse().expect("address");
    let nonce = p.get_transaction_count(me).await.expect("nonce");
    let err = s.fails(&["stake", "withdraw", "--validator", "1", "--request", "0", "--yes"]);
    assert!(err.contains("lock period of this request is not over") && err.contains(date), "{err}");
    assert_eq!(p.get_transaction_count(me).await.expect("nonce"), nonce, "nothing signed");

    let _: serde_json::Value =
        p.raw_request("evm_increaseTime".into(), (14 * 86_400u64,)).await.expect("increase time");
    let _: String = p.raw_request("evm_mine".into(), ()).await.expect("mine");
    let before = p.get_balance(me).await.expect("balance");
    s.json(&["stake", "withdraw", "--validator", "1", "--request", "0", "--yes"]);
    let gained = p.get_balance(me).await.expect("balance") - before;
    assert!(gained > U256::from(39 * S) && gained < U256::from(40 * S), "40 S back, less the fee: {gained}");
    let st = s.json(&["stake", "status", "--validator", "1"]);
    assert_eq!(st[0]["requests"].as_array().expect("list").len(), 0);

    // Rewards: none to claim is refused; funded rewards are claimed, then restaked.
    let err = s.fails(&["stake", "claim", "--validator", "1", "--yes"]);
    assert!(err.contains("no rewards"), "{err}");
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let funder = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let sfc = SfcStandIn::new(SFC, &funder);
    sfc.addRewards(me, U256::from(1))
        .value(U256::from(3 * S))
        .send()
        .await
        .expect("send")
        .watch()
        .await
        .expect("mined");
    let st = s.json(&["stake", "status"]);
    assert_eq!(st[0]["pending_rewards"], "3");
    s.json(&["stake", "claim", "--validator", "1", "--yes"]);
    sfc.addRewards(me, U256::from(1))
        .value(U256::from(2 * S))
        .send()
        .await
        .expect("send")
        .watch()
        .await
        .expect("mined");
    s.json(&["stake", "restake", "--validator", "1", "--yes"]);
    assert_eq!(cast_stake(&node.endpoint(), 1), U256::from(62 * S));
}
