//! Market data through the engine and the chat, against a local fake DefiLlama: the
//! agent answers with the source's figure, its source and age, and says so when the
//! source is down. Shipped mainnet tokens resolve without a node.

use sonic_defi::fake::{dead_url, llama_server, sample_pools, sample_prices};
use sonic_engine::{Asset, Config, Engine, KdfParams};

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs()
}

/// An engine on Sonic mainnet whose RPC does not answer: nothing here may need it.
fn mainnet_engine(dir: &tempfile::TempDir) -> Engine {
    Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("sonic".into()),
        rpc: Some(dead_url()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine")
}

// One test sets the source URLs (process-wide environment) for all the steps.
#[tokio::test(flavor = "multi_thread")]
async fn the_agent_answers_price_and_yield_questions_from_the_source() {
    let _env = crate::support::PRICES_ENV.lock().await;
    let fake = llama_server(sample_prices(0.4321, now() - 120), sample_pools());
    std::env::set_var("SONIC_PRICES_URL", &fake.url);
    std::env::set_var("SONIC_YIELDS_URL", &fake.url);
    let dir = tempfile::tempdir().expect("tempdir");
    let e = mainnet_engine(&dir);

    let r = e.agent_turn("what's the price of S").await.expect("reply");
    assert_eq!(r.text, "S is $0.4321 (source: DefiLlama, 2 min old).");

    let r = e.agent_turn("what's the best yield for USDC?").await.expect("reply");
    assert!(r.text.contains("source: DefiLlama"), "{}", r.text);
    assert!(r.text.contains("beets WS-USDC: 18.40% APY (3.40% base + 15.00% reward), TVL $1.25M"), "{}", r.text);
    assert!(!r.text.contains("sonic-tiny") && !r.text.contains("lido"), "{}", r.text);

    // A cold cache and a source that is down: said so, with no figure.
    std::env::set_var("SONIC_PRICES_URL", dead_url());
    std::env::set_var("SONIC_YIELDS_URL", dead_url());
    let dir = tempfile::tempdir().expect("tempdir");
    let e = mainnet_engine(&dir);
    let r = e.agent_turn("what's the price of S").await.expect("reply");
    assert!(r.text.contains("can't reach DefiLlama"), "{}", r.text);
    assert!(!r.text.chars().any(|c| c.is_ascii_digit()), "{}", r.text);
    let r = e.agent_turn("show me yields on S").await.expect("reply");
    assert!(r.text.contains("can't reach DefiLlama"), "{}", r.text);
    std::env::remove_var("SONIC_PRICES_URL");
    std::env::remove_var("SONIC_YIELDS_URL");
}

#[tokio::test(flavor = "multi_thread")]
async fn shipped_tokens_resolve_on_mainnet_without_a_node() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = mainnet_engine(&dir);
    let Asset::Token(t) = e.resolve_asset(Some("usdc")).await.expect("USDC without a node") else { panic!("a token") };
    assert_eq!((t.symbol.as_str(), t.decimals), ("USDC", 6));
    let by_address = e.resolve_asset(Some("0x039e2fB66102314Ce7b64Ce5Ce3E5183bc94aD38")).await.expect("wS");
    assert!(matches!(by_address, Asset::Token(t) if t.symbol == "wS"));
    assert!(e.resolve_asset(Some("NOPE")).await.is_err());
}
