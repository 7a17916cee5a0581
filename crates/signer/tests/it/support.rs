//! Anvil, an engine on anvil's mnemonic, a signer on a free port, and small clients.

use std::{sync::Arc, time::Duration};

use alloy::node_bindings::AnvilInstance;
use serde_json::{json, Value};
use sonic_engine::{Config, Engine, KdfParams};
use sonic_signer::{loopback, serve, SignerHandle};
use sonic_types::dto::Plan;

pub(crate) const MNEMONIC: &str = "test test test test test test test test test test test junk";
/// Anvil's account 5: not in the wallet (which holds accounts 0 and 1).
pub(crate) const OUTSIDER: &str = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

/// A chain, an engine with its first two accounts (unlocked), and a signer on it.
pub(crate) struct Setup {
    pub(crate) node: AnvilInstance,
    pub(crate) engine: Arc<Engine>,
    pub(crate) signer: SignerHandle,
    _dir: tempfile::TempDir,
}

pub(crate) async fn setup() -> Setup {
    setup_with_ttl(Duration::from_secs(120)).await
}

/// [`setup`] with plans that expire after `ttl`.
pub(crate) async fn setup_with_ttl(ttl: Duration) -> Setup {
    let node = sonic_testkit::anvil(&[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("local".into()),
        rpc: Some(node.endpoint()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine")
    .with_plan_ttl(ttl);
    engine.import_mnemonic(b"pw", MNEMONIC, "", 2).await.expect("import");
    let engine = Arc::new(engine);
    let signer = serve(engine.clone(), loopback(0)).await.expect("serve");
    Setup { node, engine, signer, _dir: dir }
}

impl Setup {
    /// The wallet's first account, checksummed.
    pub(crate) async fn account(&self) -> String {
        let a = self.engine.accounts().await.expect("accounts");
        sonic_types::checksum(&a[0].address)
    }

    /// POSTs `body` (with `Origin: origin` if given); the status, the CORS header and
    /// the JSON reply.
    pub(crate) async fn post(&self, origin: Option<&str>, body: Value) -> (u16, Option<String>, Value) {
        let mut req = reqwest::Client::new().post(self.signer.url()).json(&body);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        let resp = req.send().await.expect("post");
        let status = resp.status().as_u16();
        let cors = resp.headers().get("access-control-allow-origin").map(|v| v.to_str().unwrap_or("?").to_owned());
        let text = resp.text().await.expect("body");
        (status, cors, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// One call's JSON reply.
    pub(crate) async fn call(&self, origin: Option<&str>, method: &str, params: Value) -> Value {
        self.post(origin, json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params})).await.2
    }

    /// The native balance of `who` on anvil, wei.
    pub(crate) async fn balance(&self, who: &str) -> alloy::primitives::U256 {
        use alloy::providers::{Provider, ProviderBuilder};
        let p = ProviderBuilder::new().connect_http(self.node.endpoint_url());
        p.get_balance(who.parse().expect("address")).await.expect("balance")
    }

    /// The number of transactions `who` sent.
    pub(crate) async fn nonce(&self, who: &str) -> u64 {
        use alloy::providers::{Provider, ProviderBuilder};
        let p = ProviderBuilder::new().connect_http(self.node.endpoint_url());
        p.get_transaction_count(who.parse().expect("address")).await.expect("nonce")
    }
}

/// Waits (up to 60 s) for a pending plan proposed by `origin` (`signer`,
/// `signer:<web origin>`), as the app's card queue would see it.
pub(crate) async fn proposed(engine: &Engine, origin: &str) -> Plan {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(p) = engine.pending_plans().await.into_iter().find(|p| p.origin.as_deref() == Some(origin)) {
            return p;
        }
        assert!(tokio::time::Instant::now() < deadline, "no plan from {origin} was proposed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The error code of a JSON-RPC reply (panics on a result).
pub(crate) fn code(reply: &Value) -> i64 {
    reply["error"]["code"].as_i64().unwrap_or_else(|| panic!("an error was expected: {reply}"))
}
