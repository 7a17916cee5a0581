//! Anvil and an engine with anvil's accounts.

use sonic_engine::{Config, Engine, KdfParams};

pub(crate) const MNEMONIC: &str = "test test test test test test test test test test test junk";
pub(crate) const OUTSIDER: &str = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

pub(crate) use sonic_testkit::anvil;

/// An engine on a fresh data dir, pointed at `rpc`, with anvil's first `count` accounts.
pub(crate) async fn engine(rpc: &str, count: u32) -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("local".into()),
        rpc: Some(rpc.into()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    engine.import_mnemonic(b"pw", MNEMONIC, "", count).await.expect("import");
    (engine, dir)
}

/// Held by every test that points `SONIC_PRICES_URL` (process-wide) at its own fake.
pub(crate) static PRICES_ENV: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
