//! The engine as managed Tauri state, configured from the same environment variables
//! as the CLI (SONIC_DATA_DIR, SONIC_NETWORK, SONIC_RPC); the payment links waiting for
//! the UI and the image last picked in the NFT page's file dialog.

use std::{
    collections::VecDeque,
    path::PathBuf,
    sync::{Arc, Mutex, PoisonError},
};

use sonic_engine::{Config, Engine, KdfParams};
use sonic_types::IpcError;

/// What the commands share.
pub(crate) struct AppState {
    /// The engine, or why it could not open (shown in the UI, never a crash).
    engine: Result<Arc<Engine>, IpcError>,
    /// Payment links not yet taken by the UI, oldest first.
    pub(crate) pending_links: Mutex<VecDeque<String>>,
    /// The image last picked in the NFT page's file dialog: its id and path.
    picked_image: Mutex<Option<(String, PathBuf)>>,
}

impl AppState {
    pub(crate) fn from_env() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let config = Config {
            data_dir: var("SONIC_DATA_DIR").map(Into::into).unwrap_or_else(Config::default_data_dir),
            network: var("SONIC_NETWORK"),
            rpc: var("SONIC_RPC"),
            kdf: if var("SONIC_INSECURE_KDF").is_some() {
                KdfParams::insecure_for_tests()
            } else {
                KdfParams::default()
            },
        };
        // The desktop reads files only through its own dialogs, never by a chat path.
        let data_dir = config.data_dir.clone();
        let engine = Engine::open(config).map(|e| Arc::new(e.without_chat_file_paths())).map_err(|e| e.to_ipc());
        match &engine {
            Ok(e) => {
                let network = e.active_network().map(|n| n.name).unwrap_or_default();
                tracing::info!(data_dir = %data_dir.display(), network, "engine opened");
            }
            Err(e) => {
                tracing::error!(data_dir = %data_dir.display(), code = ?e.code, "engine not opened: {}", e.message)
            }
        }
        Self { engine, pending_links: Mutex::new(VecDeque::new()), picked_image: Mutex::new(None) }
    }

    /// Keeps the image just picked in the file dialog (replacing the one before).
    pub(crate) fn set_picked_image(&self, id: String, path: PathBuf) {
        *self.picked_image.lock().unwrap_or_else(PoisonError::into_inner) = Some((id, path));
    }

    /// The path of the pick `id`, if it is the last one.
    pub(crate) fn picked_image(&self, id: &str) -> Option<PathBuf> {
        let last = self.picked_image.lock().unwrap_or_else(PoisonError::into_inner);
        last.as_ref().filter(|(i, _)| i == id).map(|(_, p)| p.clone())
    }

    /// The engine, or the error to show.
    pub(crate) fn engine(&self) -> Result<Arc<Engine>, IpcError> {
        self.engine.clone()
    }
}
