//! The README's screenshots: one of every page of the real app, each taken once the
//! page shows its main element (asserted), against a local anvil with the canonical
//! contracts, the SFC stand-in, a test token and a fake price source. Ignored by the test command, so it
//! never rewrites the files: run it with `-- --ignored`, and with
//! `SONIC_SCREENSHOTS_OUT=docs/screenshots` (relative to the workspace root) to copy
//! the PNGs there.

use std::{path::PathBuf, time::Duration};

use alloy::{network::EthereumWallet, providers::ProviderBuilder, signers::local::PrivateKeySigner};
use sonic_defi::fake::{llama_server, sample_pools, sample_prices};
use sonic_e2e::*;
use sonic_engine::{Config, Engine, KdfParams};
use sonic_testkit::TestToken;

/// Deploys the canonical contracts (Premium, NFTs) through the CREATE2 factory with an
/// engine of its own, before the app starts: the app finds them by their code.
async fn deploy_canonical(rpc: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("local".into()),
        rpc: Some(rpc.into()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    e.import_mnemonic(b"pw", MNEMONIC, "", 1).await.expect("import");
    for p in e.plan_deploy_create2().await.expect("create2 plans") {
        e.confirm(&p.id, Some(Duration::from_secs(30))).await.expect("deployed");
    }
}

/// Where the README's copies go, when asked.
fn out_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SONIC_SCREENSHOTS_OUT")?;
    let dir = PathBuf::from(dir);
    Some(if dir.is_absolute() { dir } else { root().join(dir) })
}

/// Opens a page by its tab, waits for its main element, and saves the window as
/// `<name>.png` (in `target/e2e-screenshots/readme/`, and in the README's folder when
/// asked).
async fn page(s: &Session, tab: &str, main: &str, name: &str) {
    s.click(tab).await;
    capture(s, main, name).await;
}

/// Waits for `main` and saves the window as `<name>.png`.
async fn capture(s: &Session, main: &str, name: &str) {
    s.find(main).await;
    // Let the page's reads settle (balances, lists) before the picture.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(s.present(main).await, "{name}: {main} is shown");
    let png = s.client.screenshot().await.unwrap_or_else(|e| panic!("{name}: screenshot: {e}"));
    assert!(png.starts_with(b"\x89PNG"), "{name}: a PNG");
    let dir = root().join("target/e2e-screenshots/readme");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    std::fs::write(dir.join(format!("{name}.png")), &png).expect("write screenshot");
    if let Some(out) = out_dir() {
        std::fs::create_dir_all(&out).expect("README screenshot dir");
        std::fs::write(out.join(format!("{name}.png")), &png).expect("copy screenshot");
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes the README's screenshots; run with -- --ignored"]
async fn every_page_for_the_readme() {
    let node = anvil();
    deploy_canonical(&node.endpoint()).await;
    sonic_testkit::install_sfc(&node).await;
    let key: PrivateKeySigner = node.keys()[5].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let usdc = TestToken::deploy(&p, "Test Dollar".into(), "TDOL".into(), 6).await.expect("deploy TDOL");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let fake = llama_server(sample_prices(0.5, now - 120), sample_pools());
    let env = [("SONIC_PRICES_URL", fake.url.as_str()), ("SONIC_YIELDS_URL", fake.url.as_str())];
    let mut s = Session::start_with("readme", &node.endpoint(), &env).await;
    s.onboard().await;

    s.click("#tab-wallet").await;
    // The contracts' deployment paid its fees from this account.
    s.text_until("#balance-S", |t| t.starts_with("9999")).await;
    capture(&s, "#send-form", "wallet").await;

    s.click("#tab-chat").await;
    s.say(&format!("send 1.5 S to {OUTSIDER}")).await;
    s.text_until("#plan-amount", |t| t == "1.5 S").await;
    capture(&s, "#plan-amount", "chat").await;
    s.click("#confirm-plan").await;
    s.text_until("#messages", |t| t.contains("Confirmed in block")).await;

    s.click("#tab-activity").await;
    s.text_until("#history", |t| t.contains("1.5 S") && t.contains("confirmed")).await;
    s.click(".tx-row .details").await;
    capture(&s, "#tx-details", "activity").await;

    s.click("#tab-contacts").await;
    s.type_in("#token-address", &usdc.address().to_checksum(None)).await;
    s.click("#token-add").await;
    s.text_until("#token-list", |t| t.contains("TDOL")).await;
    capture(&s, "#token-added", "contacts").await;

    s.click("#tab-defi").await;
    s.text_until("#yields-source", |t| t.contains("DefiLlama")).await;
    capture(&s, "#swap-form", "defi").await;

    page(&s, "#tab-accounts", "#accounts", "accounts").await;
    page(&s, "#tab-networks", "#networks", "networks").await;
    page(&s, "#tab-security", "#reveal-form", "security").await;
    page(&s, "#tab-settings", "#settings", "settings").await;
    s.click("#tab-premium").await;
    s.text_until("#premium-state", |t| !t.is_empty()).await;
    capture(&s, "#premium-state", "premium").await;
    page(&s, "#tab-nfts", "#nft-form", "nfts").await;
    s.click("#tab-diagnostics").await;
    s.text_until("#diag-head", |t| !t.is_empty()).await;
    capture(&s, "#diag-head", "diagnostics").await;
    s.stop().await;
}
