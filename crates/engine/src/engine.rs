//! The `Engine` type: what it holds, how it is opened, and its accessors. Its
//! operations live in one file per domain (`wallet.rs`, `networks.rs`, `send.rs`...).

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use sonic_bus::Bus;
use sonic_chain::{Chain, NonceManager};
use sonic_store::Store;
use sonic_vault::{fsutil, KdfParams, Vault};
use tokio::sync::Mutex;

use crate::{
    plan::{Plans, PLAN_TTL},
    Result,
};

/// How the engine is set up by its shell.
#[derive(Debug, Clone)]
pub struct Config {
    /// Data directory (vault file and store).
    pub data_dir: PathBuf,
    /// Network name overriding the saved one.
    pub network: Option<String>,
    /// RPC URL overriding the network's.
    pub rpc: Option<String>,
    /// scrypt strength for new vaults.
    pub kdf: KdfParams,
}

impl Config {
    /// The OS-conventional data directory (`~/.local/share/smart-sonic` on Linux).
    pub fn default_data_dir() -> PathBuf {
        dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("smart-sonic")
    }
}

/// The engine. All methods take `&self`; interior state is behind async mutexes so the
/// desktop shell can share one engine between commands.
pub struct Engine {
    /// The data directory (vault file, store, IPFS content).
    pub(crate) data_dir: PathBuf,
    /// The sled store.
    pub(crate) store: Store,
    /// Engine events.
    pub(crate) bus: Bus,
    /// The vault, once created or opened (`wallet.rs` owns every use of it).
    pub(crate) vault: Mutex<Option<Vault>>,
    /// The chain connection, made on first use (`networks.rs`).
    pub(crate) chain: Mutex<Option<Chain>>,
    /// Nonces handed out in this process.
    pub(crate) nonces: NonceManager,
    /// Plans awaiting confirmation.
    pub(crate) plans: Mutex<Plans>,
    /// The network named by the shell, over the saved choice, until the user picks
    /// one ([`Engine::use_saved_network`]).
    pub(crate) network_override: std::sync::RwLock<Option<String>>,
    /// The RPC URL named by the shell, over the network's, until the user picks a
    /// network or saves an RPC URL.
    pub(crate) rpc_override: std::sync::RwLock<Option<String>>,
    /// scrypt strength for new vaults and keystores.
    pub(crate) kdf: KdfParams,
    /// How long a new plan stays confirmable.
    plan_ttl: Duration,
    /// Whether file paths written in the chat may be read.
    chat_paths: bool,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("data_dir", &self.data_dir).finish_non_exhaustive()
    }
}

impl Engine {
    /// Opens the data directory (created 0700 if missing) and its store. Fails with a
    /// clear error when another process has it open.
    pub fn open(config: Config) -> Result<Self> {
        fsutil::create_private_dir(&config.data_dir)?;
        let store = Store::open(&config.data_dir.join("store"))?;
        Ok(Self {
            data_dir: config.data_dir,
            store,
            bus: Bus::new(),
            vault: Mutex::new(None),
            chain: Mutex::new(None),
            nonces: NonceManager::default(),
            plans: Mutex::new(Plans::default()),
            network_override: std::sync::RwLock::new(config.network),
            rpc_override: std::sync::RwLock::new(config.rpc),
            kdf: config.kdf,
            plan_ttl: PLAN_TTL,
            chat_paths: true,
        })
    }

    /// Refuses file paths written in chat messages: the desktop picks files only
    /// through its own file dialog, so a path typed (or made up by a model) in the
    /// chat is never read.
    pub fn without_chat_file_paths(mut self) -> Self {
        self.chat_paths = false;
        self
    }

    /// Whether a file path written in a chat message may be used (for an NFT image).
    pub(crate) fn chat_file_paths(&self) -> bool {
        self.chat_paths
    }

    /// Whether the engine runs in the desktop app: the desktop is the one that refuses
    /// chat file paths ([`Engine::without_chat_file_paths`]), and it has pages for
    /// Premium and NFTs that its replies name instead of CLI commands.
    pub(crate) fn in_desktop(&self) -> bool {
        !self.chat_paths
    }

    /// Changes how long a new plan stays confirmable (default 2 minutes).
    pub fn with_plan_ttl(mut self, ttl: Duration) -> Self {
        self.plan_ttl = ttl;
        self
    }

    /// How long a new plan stays confirmable.
    pub(crate) fn plan_ttl(&self) -> Duration {
        self.plan_ttl
    }

    /// The pending plans (crate-internal, for the plan kinds kept in other modules).
    pub(crate) async fn plans_mut(&self) -> tokio::sync::MutexGuard<'_, Plans> {
        self.plans.lock().await
    }

    /// The event bus.
    pub fn bus(&self) -> &Bus {
        &self.bus
    }

    /// The store (read access for shells that list things).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The vault file.
    pub(crate) fn vault_path(&self) -> PathBuf {
        Vault::file_in(&self.data_dir)
    }
}
