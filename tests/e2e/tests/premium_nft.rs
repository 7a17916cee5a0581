//! Premium and NFTs in the app, against the canonical contracts deployed through the
//! CREATE2 factory (found by their code; nothing recorded): the chat names the pages,
//! the Premium page buys a period through a card (its end date read back on chain),
//! and the NFTs page mints "Dawn" with a PNG chosen in the system's file dialog (the
//! real GTK dialog, driven by xdotool as a user's keyboard would), then shows it in
//! the gallery with its image from the local content store (`ownerOf`/`tokenURI` read
//! on chain).

use std::time::Duration;

use alloy::{
    primitives::{address, Address, U256},
    providers::ProviderBuilder,
};
use sonic_e2e::*;
use sonic_engine::{Config, ContractAddresses, Engine, KdfParams};

alloy::sol!(
    #[sol(rpc)]
    SmartSonicSubscription,
    "../../contracts/artifacts/SmartSonicSubscription.json"
);

alloy::sol!(
    #[sol(rpc)]
    SmartSonicNFT,
    "../../contracts/artifacts/SmartSonicNFT.json"
);

/// anvil's account 0, the wallet's first account.
const ACCOUNT0: Address = address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

/// Deploys the canonical contracts through the factory with an engine of its own (on
/// another data directory, before the app starts).
async fn deploy_canonical(rpc: &str) -> ContractAddresses {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("local".into()),
        rpc: Some(rpc.into()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    e.import_mnemonic(b"pw", MNEMONIC, "", 2).await.expect("import");
    for p in e.plan_deploy_create2().await.expect("create2 plans") {
        e.confirm(&p.id, Some(Duration::from_secs(30))).await.expect("deployed");
    }
    e.contract_addresses().await.expect("addresses")
}

#[tokio::test(flavor = "multi_thread")]
async fn premium_purchase_then_mint_dawn_and_see_it_in_the_gallery() {
    let node = anvil();
    let addrs = deploy_canonical(&node.endpoint()).await;
    let (sub_addr, nft_addr) = (addrs.subscription.expect("subscription"), addrs.nft.expect("nft"));
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let sub = SmartSonicSubscription::new(sub_addr, &p);
    let nft = SmartSonicNFT::new(nft_addr, &p);

    let mut s = Session::start("premium-nft", &node.endpoint()).await;
    s.onboard().await;

    // The chat points to the page, not to a CLI command.
    s.click("#tab-chat").await;
    s.say("mint an NFT called Dawn").await;
    let said = s.text_until("#messages", |t| t.contains("Premium page")).await;
    assert!(!said.contains("sonic subscription"), "{said}");

    // Premium: not subscribed, price and period from the contract, then a purchase.
    s.click("#tab-premium").await;
    s.text_until("#premium-state", |t| t == "Not subscribed").await;
    assert_eq!(s.find("#premium-price").await.text().await.expect("price"), "1 S per 30 days");
    s.shot("premium-before").await;
    s.click("#premium-purchase").await;
    s.text_until("#plan-amount", |t| t == "1 S").await;
    s.shot("premium-card").await;
    s.click("#confirm-plan").await;
    s.text_until("#premium-state", |t| t.starts_with("Active until")).await;
    let end: u64 = s.text_until("#premium-end", |t| !t.is_empty()).await.parse().expect("end");
    assert!(sub.isSubscriptionActive(ACCOUNT0).call().await.expect("active"), "active on chain");
    assert_eq!(
        sub.subscriptionEnd(ACCOUNT0).call().await.expect("end"),
        U256::from(end),
        "the end shown is the chain's"
    );
    s.shot("premium-active").await;

    // NFTs: "Dawn" with a PNG chosen in the file dialog, a card with name and size.
    s.click("#tab-nfts").await;
    s.text_until("#nft-empty", |t| t.contains("No NFTs")).await;
    let png = root().join("tests/e2e/fixtures/dawn.png");
    let size = std::fs::metadata(&png).expect("png").len();
    s.type_in("#nft-name", "Dawn").await;
    s.type_in("#nft-description", "first light").await;
    s.click("#nft-image-choose").await;
    s.choose_in_file_dialog("Choose the NFT's image", &png).await;
    s.text_until("#nft-image-picked", |t| t == format!("dawn.png ({size} bytes)")).await;
    s.shot("nft-image-chosen").await;
    s.click("#nft-review").await;
    s.text_until("#plan-nft-name", |t| t == "Dawn").await;
    assert_eq!(s.find("#plan-nft-image").await.text().await.expect("image"), format!("dawn.png ({size} bytes)"));
    s.shot("nft-card").await;
    s.click("#confirm-plan").await;
    let item = s.text_until("#nft-gallery", |t| t.contains("Dawn")).await;
    assert!(item.contains("#1") && item.contains("first light"), "{item}");
    // The image, from the local content store, as the user sees it.
    let img = s.find("#nft-1 img.nft-image").await;
    let src = img.attr("src").await.expect("src").expect("a src");
    assert!(src.starts_with("data:image/png;base64,"), "{}", &src[..40.min(src.len())]);
    let loaded = s
        .client
        .execute("return document.querySelector('#nft-1 img.nft-image').naturalWidth", vec![])
        .await
        .expect("width");
    assert_eq!(loaded, serde_json::json!(16), "the PNG decoded in the webview");
    let _ = s.client.execute("document.querySelector('#nft-gallery').scrollIntoView()", vec![]).await;
    s.shot("nft-gallery").await;

    // On chain: the token is the user's, with the metadata URI the gallery shows.
    assert_eq!(nft.ownerOf(U256::from(1)).call().await.expect("owner"), ACCOUNT0);
    let uri = nft.tokenURI(U256::from(1)).call().await.expect("uri");
    assert!(uri.starts_with("ipfs://") && item.contains(&uri), "{uri} / {item}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_code_at_the_addresses_both_pages_say_not_deployed_yet() {
    let node = anvil();
    let mut s = Session::start("premium-nft-missing", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-premium").await;
    s.text_until("#premium-not-deployed", |t| t.contains("not deployed on this network yet")).await;
    // And how to deploy them, factory included.
    s.text_until("#premium-how-to-deploy", |t| {
        t.contains("sonic contracts deploy --create2") && t.contains("deterministic-deployment-proxy")
    })
    .await;
    assert!(!s.present("#premium-purchase").await, "nothing to buy");
    s.shot("premium-not-deployed").await;
    s.click("#tab-nfts").await;
    s.text_until("#nft-not-deployed", |t| t.contains("not deployed on this network yet")).await;
    s.stop().await;
}
