//! Anvil, an engine with anvil's accounts on a temporary data directory, and a host
//! serving it.

use std::sync::Arc;

use alloy::{
    node_bindings::AnvilInstance,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
};
use sonic_engine::{Config, Engine, KdfParams};
use sonic_host::{Host, HostHandle};

pub(crate) const MNEMONIC: &str = "test test test test test test test test test test test junk";
pub(crate) const PASSWORD: &str = "correct horse";
pub(crate) const OUTSIDER: &str = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

/// A host on a fresh data directory, its engine (locked unless `unlocked`) and anvil.
pub(crate) struct Served {
    pub(crate) node: AnvilInstance,
    pub(crate) engine: Arc<Engine>,
    pub(crate) host: Option<HostHandle>,
    pub(crate) dir: tempfile::TempDir,
}

impl Served {
    pub(crate) async fn new(unlocked: bool) -> Served {
        Served::with(&[], unlocked, None).await
    }

    /// A host on anvil started with `anvil_args`, closing idle connections after
    /// `idle` (the default when `None`).
    pub(crate) async fn with(anvil_args: &[&str], unlocked: bool, idle: Option<std::time::Duration>) -> Served {
        let node = sonic_testkit::anvil(anvil_args);
        let dir = tempfile::tempdir().expect("tempdir");
        let engine = Engine::open(Config {
            data_dir: dir.path().join("data"),
            network: Some("local".into()),
            rpc: Some(node.endpoint()),
            kdf: KdfParams::insecure_for_tests(),
        })
        .expect("engine");
        engine.import_mnemonic(PASSWORD.as_bytes(), MNEMONIC, "", 2).await.expect("import");
        if !unlocked {
            engine.lock().await;
        }
        let engine = Arc::new(engine);
        let host = match idle {
            Some(idle) => Host::serve_with_idle(engine.clone(), &dir.path().join("data"), idle).await,
            None => Host::serve(engine.clone(), &dir.path().join("data")).await,
        }
        .expect("serve");
        Served { node, engine, host: Some(host), dir }
    }

    pub(crate) fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    pub(crate) async fn client(&self) -> sonic_host::HostClient {
        sonic_host::HostClient::connect(&self.data()).await.expect("a host answers")
    }

    /// The balance of `who` on anvil, in wei.
    pub(crate) async fn chain_balance(&self, who: &str) -> U256 {
        let p = ProviderBuilder::new().connect_http(self.node.endpoint_url());
        p.get_balance(who.parse::<Address>().expect("address")).await.expect("balance")
    }
}
