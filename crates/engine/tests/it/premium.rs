//! The canonical CREATE2 deployment: the addresses are the offline-computed constants on
//! every chain, the engine finds them by their code, Premium and minting work against
//! them, and the desktop's replies name its pages rather than CLI commands.

use std::time::Duration;

use alloy::{
    primitives::{Address, Bytes},
    providers::{Provider, ProviderBuilder},
};
use sonic_chain::contracts::{
    SmartSonicNFT, SmartSonicSubscription, CANONICAL_NFT, CANONICAL_OWNER, CANONICAL_SUBSCRIPTION, CREATE2_FACTORY,
};
use sonic_engine::{Config, ContractAddresses, Engine, Error, KdfParams, NOT_DEPLOYED};

use crate::support::{anvil, MNEMONIC};

const WAIT: Option<Duration> = Some(Duration::from_secs(30));

async fn engine_on(network: &str, rpc: &str, desktop: bool) -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some(network.into()),
        rpc: Some(rpc.into()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    let e = if desktop { e.without_chat_file_paths() } else { e };
    e.import_mnemonic(b"pw", MNEMONIC, "", 1).await.expect("import");
    (e, dir)
}

/// Deploys both canonical contracts through the factory and returns the addresses the
/// engine then uses.
async fn deploy_create2(e: &Engine) -> ContractAddresses {
    let plans = e.plan_deploy_create2().await.expect("plans");
    assert_eq!(plans.len(), 2, "one plan per missing contract");
    for p in &plans {
        assert_eq!(p.to, CREATE2_FACTORY, "each plan calls the factory");
        e.confirm(&p.id, WAIT).await.expect("deployed");
    }
    assert!(e.plan_deploy_create2().await.expect("nothing left").is_empty(), "both are there now");
    e.contract_addresses().await.expect("addresses")
}

#[tokio::test(flavor = "multi_thread")]
async fn create2_gives_the_shipped_addresses_on_every_chain_and_premium_and_mint_work() {
    let local = anvil(&[]);
    let (e, dir) = engine_on("local", &local.endpoint(), false).await;
    // Before: no code there, and the app says so.
    assert_eq!(e.contract_addresses().await.expect("addresses"), ContractAddresses::default());
    match e.subscription_status().await {
        Err(Error::NotFound(m)) => assert!(m.contains(NOT_DEPLOYED), "{m}"),
        other => panic!("expected not deployed, got {other:?}"),
    }
    let addrs = deploy_create2(&e).await;
    assert_eq!(addrs, ContractAddresses { subscription: Some(CANONICAL_SUBSCRIPTION), nft: Some(CANONICAL_NFT) });

    // The canonical owner is the constant, not the deploying account.
    let p = ProviderBuilder::new().connect_http(local.endpoint_url());
    let sub = SmartSonicSubscription::new(CANONICAL_SUBSCRIPTION, &p);
    assert_eq!(sub.owner().call().await.expect("owner"), CANONICAL_OWNER);

    // Premium, then a mint with an image, against the canonical contracts.
    let plan = e.plan_subscription_purchase().await.expect("purchase plan");
    e.confirm(&plan.id, WAIT).await.expect("purchased");
    let me = e.accounts().await.expect("accounts")[0].address;
    assert!(sub.isSubscriptionActive(me).call().await.expect("active"), "active on chain");
    let status = e.subscription_status().await.expect("status");
    assert!(status.active && status.end.is_some() && status.contract == CANONICAL_SUBSCRIPTION);

    let image = dir.path().join("dawn.png");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\nnot really an image").expect("image");
    let plan = e.plan_nft_mint("Dawn", "first light", Some(&image)).await.expect("mint plan");
    let minted = e.confirm_nft_mint(&plan.id).await.expect("minted");
    let nft = SmartSonicNFT::new(CANONICAL_NFT, &p);
    assert_eq!(nft.ownerOf(minted.token_id).call().await.expect("owner"), me);
    assert_eq!(nft.tokenURI(minted.token_id).call().await.expect("uri"), minted.token_uri);
    let list = e.nft_list().await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name.as_deref(), Some("Dawn"));

    // A second chain with another id (Sonic testnet's): the very same addresses.
    let testnet = anvil(&["--chain-id", "14601"]);
    let (t, _d) = engine_on("testnet", &testnet.endpoint(), false).await;
    assert_eq!(
        deploy_create2(&t).await,
        ContractAddresses { subscription: Some(CANONICAL_SUBSCRIPTION), nft: Some(CANONICAL_NFT) },
        "the same addresses on chain 14601"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn without_the_factory_create2_deployment_says_how_to_get_it() {
    let node = anvil(&[]);
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: serde_json::Value =
        p.raw_request("anvil_setCode".into(), (CREATE2_FACTORY, Bytes::new())).await.expect("remove the factory");
    assert!(p.get_code_at(CREATE2_FACTORY).await.expect("code").is_empty());
    let (e, _d) = engine_on("local", &node.endpoint(), false).await;
    let err = e.plan_deploy_create2().await.expect_err("refused");
    let m = err.to_string();
    assert!(m.contains("not on this network") && m.contains("Arachnid/deterministic-deployment-proxy"), "{m}");
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_deployment_is_owned_by_the_user() {
    let node = anvil(&[]);
    let (e, _d) = engine_on("local", &node.endpoint(), false).await;
    let plan = e.plan_deploy_subscription().await.expect("plan");
    let r = e.confirm(&plan.id, WAIT).await.expect("deployed");
    let at: Address = r.contract_address.expect("address");
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let me = e.accounts().await.expect("accounts")[0].address;
    assert_eq!(SmartSonicSubscription::new(at, &p).owner().call().await.expect("owner"), me);
}

#[tokio::test(flavor = "multi_thread")]
async fn desktop_replies_about_premium_and_nfts_name_the_pages() {
    let node = anvil(&[]);
    let (cli, _c) = engine_on("local", &node.endpoint(), false).await;
    deploy_create2(&cli).await;
    let r = cli.agent_turn("mint an NFT called Dawn").await.expect("reply");
    assert!(
        r.plan.is_none() && r.text.contains("`sonic subscription purchase`"),
        "the CLI names its command: {}",
        r.text
    );

    let (desk, _d) = engine_on("local", &node.endpoint(), true).await;
    let r = desk.agent_turn("mint an NFT called Dawn").await.expect("reply");
    assert!(r.plan.is_none(), "no Premium, no plan");
    assert!(r.text.contains("Premium page") && !r.text.contains("sonic "), "the desktop names its page: {}", r.text);
}
