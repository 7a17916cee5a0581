//! Staking in the chat, against the SFC stand-in installed at the SFC's address: a
//! stake with a validator becomes a delegate plan, one without asks which validator,
//! and one with an inactive validator makes no plan.

use alloy::{
    network::EthereumWallet,
    primitives::{address, Address, U256},
    providers::ProviderBuilder,
    signers::local::PrivateKeySigner,
};

use crate::support::{anvil, engine};

use sonic_testkit::{SfcStandIn, SFC_ADDRESS as SFC};
const ACCOUNT0: Address = address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

#[tokio::test(flavor = "multi_thread")]
async fn chat_stake_plans_a_delegate() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let r = e.agent_turn("stake 100 S with validator 1").await.expect("reply");
    assert!(r.plan.is_none() && r.text.contains("no staking contract"), "{}", r.text);

    sonic_testkit::install_sfc(&node).await;
    let sfc = SfcStandIn::new(SFC, &p);
    sfc.addValidator().send().await.expect("send").watch().await.expect("mined");
    sfc.deactivateValidator(U256::from(2)).send().await.expect("send").watch().await.expect("mined");

    let r = e.agent_turn("stake 100 S with validator 2").await.expect("reply");
    assert!(r.plan.is_none(), "no plan for an inactive validator");
    assert!(r.text.contains("validator 2 is not active"), "{}", r.text);

    let r = e.agent_turn("stake 100 S").await.expect("reply");
    assert!(r.plan.is_none(), "{}", r.text);
    assert!(r.text.starts_with("Which validator") && r.text.contains("include 1."), "{}", r.text);

    let r = e.agent_turn("stake 100 S with validator 1").await.expect("reply");
    let plan = r.plan.expect("a delegate plan");
    assert!(plan.summary.starts_with("Delegate 100 S to validator 1"), "{}", plan.summary);
    assert!(r.text.contains("Delegate 100 S to validator 1"), "{}", r.text);
    assert_eq!(plan.to, SFC);
    assert_eq!(plan.amount, "100");
    let r = e.agent_turn("how much have I staked?").await.expect("reply");
    assert!(r.text.starts_with("You have no S staked"), "before the confirmation: {}", r.text);
    e.agent_turn_with("yes", Some(&plan.id)).await.expect("confirm");
    let staked = sfc.getStake(ACCOUNT0, U256::from(1)).call().await.expect("stake");
    assert_eq!(staked, U256::from(100u128 * 10u128.pow(18)));
    // Questions about the stake are answered from the SFC, as `sonic stake status` is.
    for asked in ["how much have I staked?", "what are my rewards"] {
        let r = e.agent_turn(asked).await.expect("reply");
        assert!(r.plan.is_none(), "{asked}");
        assert!(r.text.contains("validator 1: 100 S staked, 0 S of rewards to claim"), "{asked}: {}", r.text);
    }
}
