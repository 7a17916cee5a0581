//! The engine as managed Tauri state, configured from the same environment variables
//! as the CLI (SONIC_DATA_DIR, SONIC_NETWORK, SONIC_RPC).

use sonic_engine::{Config, Engine, KdfParams};
use sonic_types::{ErrorCode, IpcError};

/// What the commands share.
pub(crate) struct AppState {
    /// The engine, or why it could not open (shown in the UI, never a crash).
    pub(crate) engine: Result<Engine, IpcError>,
}

impl AppState {
    pub(crate) fn from_env() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let config = Config {
            data_dir: var("SONIC_DATA_DIR").map(Into::into).unwrap_or_else(Config::default_data_dir),
            network: var("SONIC_NETWORK"),
            rpc: var("SONIC_RPC"),
            kdf: KdfParams::default(),
        };
        let engine = Engine::open(config).map_err(|e| {
            let ipc = e.to_ipc();
            IpcError::new(if ipc.code == ErrorCode::Busy { ErrorCode::Busy } else { ipc.code }, ipc.message)
        });
        Self { engine }
    }
}
