//! The `Engine` type.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use alloy::primitives::{Address, Bytes, U256};
use sonic_bus::Bus;
use sonic_chain::{Chain, NonceManager, TxSpec};
use sonic_store::Store;
use sonic_types::{
    address::short,
    amount::format_units_short,
    checksum,
    dto::{AccountInfo, Balance, Contact, Plan, PlanKind, Risk, SendResult, TokenInfo, TxRecord, TxState},
    format_units, parse_address, parse_units, Event, Network, NATIVE_DECIMALS, NATIVE_SYMBOL,
};
use sonic_vault::{fsutil, KdfParams, KeystoreKdf, Vault, WordCount};
use tokio::sync::Mutex;
use zeroize::Zeroizing;

use crate::{
    plan::{fee_bounds, high_fee_risk, now_secs, Exec, PendingPlan, PlanView, Plans, PLAN_TTL},
    Error, Result,
};

const SETTING_NETWORK: &str = "network";
const SETTING_DEFAULT_ACCOUNT: &str = "default_account";
const SETTING_AUTO_LOCK: &str = "auto_lock_minutes";
const DEFAULT_AUTO_LOCK_MINUTES: u64 = 15;

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

/// What is being sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    /// Native S.
    Native,
    /// A registered or addressed ERC-20 token.
    Token(TokenInfo),
}

impl Asset {
    fn symbol(&self) -> &str {
        match self {
            Asset::Native => NATIVE_SYMBOL,
            Asset::Token(t) => &t.symbol,
        }
    }
    fn decimals(&self) -> u8 {
        match self {
            Asset::Native => NATIVE_DECIMALS,
            Asset::Token(t) => t.decimals,
        }
    }
    fn token(&self) -> Option<Address> {
        match self {
            Asset::Native => None,
            Asset::Token(t) => Some(t.address),
        }
    }
}

/// How much to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountSpec {
    /// An exact decimal in the asset's units.
    Exact(String),
    /// All of the balance (minus the fee for S).
    Max,
    /// A percentage (1..=100) of the balance (minus the fee for S).
    Percent(u8),
    /// Exact base units (from a payment link).
    Raw(U256),
}

impl AmountSpec {
    /// Reads `"1.5"`, `"max"` or `"50%"`.
    pub fn parse(text: &str) -> Result<Self> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("max") || t.eq_ignore_ascii_case("all") {
            return Ok(Self::Max);
        }
        if let Some(p) = t.strip_suffix('%') {
            return match p.trim().parse::<u8>() {
                Ok(n) if (1..=100).contains(&n) => Ok(Self::Percent(n)),
                _ => Err(Error::Invalid(format!("'{t}' is not a percentage between 1% and 100%"))),
            };
        }
        Ok(Self::Exact(t.to_string()))
    }
}

/// A request to plan a transfer.
#[derive(Debug, Clone)]
pub struct SendRequest {
    /// Sender (address, position or name); default account when `None`.
    pub from: Option<String>,
    /// Recipient: an address or a contact name.
    pub to: String,
    /// Amount.
    pub amount: AmountSpec,
    /// Asset symbol or token address; S when `None`.
    pub asset: Option<String>,
}

/// The engine. All methods take `&self`; interior state is behind async mutexes so the
/// desktop shell can share one engine between commands.
pub struct Engine {
    data_dir: PathBuf,
    store: Store,
    bus: Bus,
    vault: Mutex<Option<Vault>>,
    chain: Mutex<Option<Chain>>,
    nonces: NonceManager,
    plans: Mutex<Plans>,
    network_override: Option<String>,
    rpc_override: Option<String>,
    kdf: KdfParams,
    plan_ttl: Duration,
    chat_paths: bool,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("data_dir", &self.data_dir).finish_non_exhaustive()
    }
}

/// Whether a chain id is Sonic mainnet's (real value).
fn is_sonic_mainnet(chain_id: Option<u64>) -> bool {
    chain_id == Some(sonic_types::network::SONIC_MAINNET)
}

/// A built-in network with the endpoints of a saved override: the chain id (when the
/// built-in has one) and the mainnet label stay the built-in's.
fn over_builtin(builtin: &Network, saved: Network) -> Network {
    Network {
        name: builtin.name.clone(),
        chain_id: builtin.chain_id.or(saved.chain_id),
        rpc_urls: saved.rpc_urls,
        explorer_url: saved.explorer_url.or_else(|| builtin.explorer_url.clone()),
        mainnet: builtin.mainnet,
        ws_url: saved.ws_url,
    }
}

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::Invalid(e.to_string())
}

/// A copy of a password for a blocking task (zeroized on drop).
fn secret(bytes: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(bytes.to_vec())
}

/// Runs key derivation (scrypt) on tokio's blocking pool: never on a runtime thread.
async fn derive<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(|e| Error::Io(format!("key derivation stopped: {e}")))?
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
            network_override: config.network,
            rpc_override: config.rpc,
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

    fn vault_path(&self) -> PathBuf {
        Vault::file_in(&self.data_dir)
    }

    // ---------------------------------------------------------------- wallet

    /// Whether a wallet exists in the data directory.
    pub fn wallet_exists(&self) -> bool {
        Vault::exists(&self.vault_path())
    }

    // Every scrypt run (hundreds of milliseconds at full strength) goes through
    // `derive`: on tokio's blocking pool, never on a runtime thread, and never while
    // holding `self.vault`, so `is_unlocked`, `accounts` and the UI's other reads keep
    // answering. A vault is unlocked off-lock and then installed in one short step.

    /// Installs an unlocked vault (the lock is held only for the swap).
    async fn install(&self, mut vault: Vault) -> Result<()> {
        vault.set_idle_timeout(Some(self.auto_lock()?));
        *self.vault.lock().await = Some(vault);
        self.bus.publish(Event::Unlocked);
        Ok(())
    }

    /// Creates a wallet with a new mnemonic; returns the phrase to show once.
    pub async fn create_wallet(&self, password: &[u8], words: WordCount) -> Result<Zeroizing<String>> {
        let (path, password, kdf) = (self.vault_path(), secret(password), self.kdf);
        let (vault, phrase) = derive(move || Ok(Vault::create(&path, &password, words, kdf)?)).await?;
        self.install(vault).await?;
        Ok(phrase)
    }

    /// Creates a wallet from a mnemonic with `count` accounts.
    pub async fn import_mnemonic(
        &self,
        password: &[u8],
        phrase: &str,
        passphrase: &str,
        count: u32,
    ) -> Result<Vec<AccountInfo>> {
        let (path, password, kdf) = (self.vault_path(), secret(password), self.kdf);
        let (phrase, passphrase) = (Zeroizing::new(phrase.to_string()), Zeroizing::new(passphrase.to_string()));
        let vault =
            derive(move || Ok(Vault::import_mnemonic(&path, &password, &phrase, &passphrase, count, kdf)?)).await?;
        let accounts = vault.accounts();
        self.install(vault).await?;
        Ok(accounts)
    }

    /// Opens the vault and unlocks it, or creates an empty one if there is none.
    async fn vault_for_import(&self, password: &[u8]) -> Result<()> {
        if self.wallet_exists() {
            self.unlock(password).await
        } else {
            let (path, password, kdf) = (self.vault_path(), secret(password), self.kdf);
            let v = derive(move || Ok(Vault::create_empty(&path, &password, kdf)?)).await?;
            self.install(v).await
        }
    }

    /// Imports a raw private key (hex) into the wallet (created if needed).
    pub async fn import_private_key(&self, password: &[u8], key_hex: &str) -> Result<AccountInfo> {
        self.vault_for_import(password).await?;
        self.with_vault(|v| Ok(v.import_private_key(key_hex, None)?)).await
    }

    /// Imports a keystore v3 JSON into the wallet (created if needed).
    /// The keystore is decrypted first, so a wrong keystore password creates nothing.
    pub async fn import_keystore(&self, password: &[u8], json: &str, keystore_password: &[u8]) -> Result<AccountInfo> {
        let (json, keystore_password) = (json.to_string(), secret(keystore_password));
        let key = derive(move || Ok(Vault::decrypt_keystore(&json, &keystore_password)?)).await?;
        self.vault_for_import(password).await?;
        self.with_vault(|v| Ok(v.import_keystore_key(key, None)?)).await
    }

    /// Unlocks the vault with the password.
    pub async fn unlock(&self, password: &[u8]) -> Result<()> {
        let (path, password) = (self.vault_path(), secret(password));
        let vault = derive(move || {
            let mut vault = Vault::open(&path)?;
            vault.unlock(&password)?;
            Ok(vault)
        })
        .await?;
        self.install(vault).await
    }

    /// Locks: every decrypted key is dropped and zeroized.
    pub async fn lock(&self) {
        if let Some(v) = self.vault.lock().await.as_mut() {
            v.lock();
        }
        self.bus.publish(Event::Locked);
    }

    /// Whether the vault is unlocked now (the idle timer applies).
    pub async fn is_unlocked(&self) -> bool {
        let mut guard = self.vault.lock().await;
        match guard.as_mut() {
            Some(v) => {
                let was_locked_now = v.check_idle();
                if was_locked_now {
                    self.bus.publish(Event::Locked);
                }
                v.is_unlocked()
            }
            None => false,
        }
    }

    /// Runs `f` on the open vault (crate-internal helper for other engine modules).
    pub(crate) async fn with_vault_mut<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        self.with_vault(f).await
    }

    async fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        let mut guard = self.vault.lock().await;
        let vault = guard.as_mut().ok_or(sonic_vault::Error::Locked)?;
        if vault.check_idle() {
            self.bus.publish(Event::Locked);
        }
        f(vault)
    }

    /// The accounts (readable while locked).
    pub async fn accounts(&self) -> Result<Vec<AccountInfo>> {
        if let Some(v) = self.vault.lock().await.as_ref() {
            return Ok(v.accounts());
        }
        Ok(Vault::open(&self.vault_path())?.accounts())
    }

    /// Derives the next account.
    pub async fn add_account(&self, name: Option<String>) -> Result<AccountInfo> {
        self.with_vault(|v| Ok(v.add_derived_account(name)?)).await
    }

    /// Renames an account.
    pub async fn rename_account(&self, account: &str, name: &str) -> Result<()> {
        let a = self.resolve_account(Some(account)).await?;
        if name.trim().is_empty() {
            return Err(Error::Invalid("an account name cannot be empty".into()));
        }
        let mut guard = self.vault.lock().await;
        match guard.as_mut() {
            Some(v) => v.rename(a.address, name)?,
            // Names are public metadata: renaming needs no password.
            None => Vault::open(&self.vault_path())?.rename(a.address, name)?,
        }
        Ok(())
    }

    /// Exports an account as keystore v3 JSON with its own password.
    pub async fn export_keystore(&self, account: &str, keystore_password: &[u8]) -> Result<String> {
        let a = self.resolve_account(Some(account)).await?;
        let kdf = self.kdf.floored();
        let kdf = KeystoreKdf { log_n: kdf.log_n, r: kdf.r, p: kdf.p };
        // The key is taken out under the lock; the slow encryption runs without it.
        let export = self.with_vault(|v| Ok(v.keystore_export(a.address)?)).await?;
        let keystore_password = secret(keystore_password);
        derive(move || Ok(export.encrypt(&keystore_password, kdf)?)).await
    }

    /// Shows the mnemonic again (password required even when unlocked).
    pub async fn reveal_mnemonic(&self, password: &[u8]) -> Result<Zeroizing<String>> {
        let (path, password) = (self.vault_path(), secret(password));
        derive(move || Ok(Vault::open(&path)?.reveal_mnemonic(&password)?)).await
    }

    /// Changes the vault password. Both keys are derived from a copy of the file,
    /// off-lock; the re-sealing is then applied to the open vault (which stays locked
    /// or unlocked as it was) under the lock, so nothing written meanwhile is lost.
    pub async fn change_password(&self, old: &[u8], new: &[u8]) -> Result<()> {
        let (path, old, new) = (self.vault_path(), secret(old), secret(new));
        let change = derive(move || Ok(Vault::open(&path)?.prepare_password_change(&old, &new, None)?)).await?;
        let mut guard = self.vault.lock().await;
        match guard.as_mut() {
            Some(v) => v.apply_password_change(change)?,
            None => {
                let mut v = Vault::open(&self.vault_path())?;
                v.apply_password_change(change)?;
                v.set_idle_timeout(Some(self.auto_lock()?));
                *guard = Some(v);
            }
        }
        Ok(())
    }

    /// Writes an encrypted backup of the vault.
    pub async fn backup(&self, dest: &Path) -> Result<()> {
        Ok(Vault::open(&self.vault_path())?.backup(dest)?)
    }

    /// Restores a backup: `password` must open it and every entry in it must decrypt.
    /// An existing wallet is replaced only with `force`, and kept beside it as a dated
    /// `.bak` copy; otherwise this fails with the vault's `AlreadyExists`.
    pub async fn restore(&self, src: &Path, password: &[u8], force: bool) -> Result<()> {
        let (src, path, password) = (src.to_path_buf(), self.vault_path(), secret(password));
        let v = derive(move || Ok(Vault::restore(&src, &path, &password, force)?)).await?;
        self.install(v).await
    }

    /// Resolves an account given as an address, a position (0-based) or a name; the
    /// default account when `None`.
    pub async fn resolve_account(&self, spec: Option<&str>) -> Result<AccountInfo> {
        let accounts = self.accounts().await?;
        let spec = match spec {
            Some(s) => s.trim().to_string(),
            None => match self.store.setting::<String>(SETTING_DEFAULT_ACCOUNT)? {
                Some(s) => s,
                None => {
                    return accounts
                        .into_iter()
                        .next()
                        .ok_or_else(|| Error::NotFound("the wallet has no account".into()))
                }
            },
        };
        let found = if spec.starts_with("0x") {
            let a = parse_address(&spec).map_err(invalid)?;
            accounts.into_iter().find(|x| x.address == a)
        } else if let Ok(i) = spec.parse::<u32>() {
            accounts.into_iter().find(|x| x.position == i)
        } else {
            accounts.into_iter().find(|x| x.name.eq_ignore_ascii_case(&spec))
        };
        found.ok_or_else(|| Error::NotFound(format!("no account '{spec}' in this wallet")))
    }

    /// Sets the default account.
    pub async fn set_default_account(&self, spec: &str) -> Result<AccountInfo> {
        let a = self.resolve_account(Some(spec)).await?;
        self.store.set_setting(SETTING_DEFAULT_ACCOUNT, &checksum(&a.address))?;
        Ok(a)
    }

    // ---------------------------------------------------------------- settings

    /// Minutes of inactivity before the vault locks itself.
    pub fn auto_lock(&self) -> Result<Duration> {
        let m = self.store.setting::<u64>(SETTING_AUTO_LOCK)?.unwrap_or(DEFAULT_AUTO_LOCK_MINUTES);
        Ok(Duration::from_secs(m.max(1) * 60))
    }

    /// Sets the auto-lock time in minutes (1 to 1440).
    pub fn set_auto_lock_minutes(&self, minutes: u64) -> Result<()> {
        if !(1..=1440).contains(&minutes) {
            return Err(Error::Invalid("auto-lock must be between 1 and 1440 minutes".into()));
        }
        Ok(self.store.set_setting(SETTING_AUTO_LOCK, &minutes)?)
    }

    // ---------------------------------------------------------------- networks

    /// Built-in and custom networks. A saved override of a built-in network changes
    /// only its endpoints (and explorer, if it names one): its chain id and mainnet
    /// label stay the built-in's, whatever was saved (older versions saved whole
    /// networks). A custom network is mainnet exactly when its chain id is Sonic
    /// mainnet's.
    pub fn networks(&self) -> Result<Vec<Network>> {
        let mut nets = Network::builtins();
        for n in self.store.custom_networks()? {
            match nets.iter_mut().find(|b| b.name == n.name) {
                Some(b) => *b = over_builtin(b, n),
                None => nets.push(Network { mainnet: is_sonic_mainnet(n.chain_id), ..n }),
            }
        }
        Ok(nets)
    }

    /// The active network: the override, else the saved choice, else Sonic mainnet.
    pub fn active_network(&self) -> Result<Network> {
        let name = match &self.network_override {
            Some(n) => n.clone(),
            None => self.store.setting::<String>(SETTING_NETWORK)?.unwrap_or_else(|| "sonic".into()),
        };
        self.networks()?
            .into_iter()
            .find(|n| n.name == name)
            .ok_or_else(|| Error::NotFound(format!("no network '{name}' (see `sonic network list`)")))
    }

    /// Saves the active network.
    pub fn set_network(&self, name: &str) -> Result<()> {
        if !self.networks()?.iter().any(|n| n.name == name) {
            return Err(Error::NotFound(format!("no network '{name}'")));
        }
        Ok(self.store.set_setting(SETTING_NETWORK, &name.to_string())?)
    }

    /// Adds or replaces a custom network (or overrides a built-in's RPC). A built-in
    /// network keeps its chain id (another one is refused; none means the built-in's)
    /// and its mainnet label; a custom network is mainnet exactly when its chain id is
    /// Sonic mainnet's, whatever `mainnet` says.
    pub fn add_network(&self, mut net: Network) -> Result<()> {
        let name_ok =
            !net.name.is_empty() && net.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !name_ok {
            return Err(Error::Invalid(format!(
                "'{}' is not a valid network name (letters, digits, - and _)",
                net.name
            )));
        }
        for url in &net.rpc_urls {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(Error::Invalid(format!("'{url}' is not an http(s) RPC URL")));
            }
        }
        if net.rpc_urls.is_empty() {
            return Err(Error::Invalid("a network needs an RPC URL".into()));
        }
        if let Some(ws) = &net.ws_url {
            if !(ws.starts_with("ws://") || ws.starts_with("wss://")) {
                return Err(Error::Invalid(format!("'{ws}' is not a ws(s) URL")));
            }
        }
        match Network::builtins().into_iter().find(|b| b.name == net.name) {
            Some(b) => {
                if let (Some(want), Some(got)) = (b.chain_id, net.chain_id) {
                    if want != got {
                        return Err(Error::Invalid(format!(
                            "'{}' is chain {want}; an RPC override cannot make it chain {got} (add a network with \
                             another name instead)",
                            b.name
                        )));
                    }
                }
                net = over_builtin(&b, net);
            }
            None => net.mainnet = is_sonic_mainnet(net.chain_id),
        }
        Ok(self.store.put_network(&net)?)
    }

    /// The chain connection, made (and checked) on first use.
    pub async fn chain(&self) -> Result<Chain> {
        let mut guard = self.chain.lock().await;
        if let Some(c) = guard.as_ref() {
            return Ok(c.clone());
        }
        let net = self.active_network()?;
        let c = Chain::connect(&net, self.rpc_override.as_deref()).await?;
        *guard = Some(c.clone());
        Ok(c)
    }

    // ---------------------------------------------------------------- contacts & tokens

    /// Saves a contact directly: for the user's own typed command only (`sonic contacts
    /// add`). Chat, payment links and the desktop go through [`Engine::plan_contact`].
    pub fn add_contact(&self, name: &str, address: &str) -> Result<Contact> {
        let name = &crate::contacts::valid_name(name)?;
        let a = parse_address(address).map_err(invalid)?;
        if a.is_zero() {
            return Err(Error::Invalid("the zero address cannot be a contact".into()));
        }
        let now = now_secs();
        let key = format!("contact_added:{}", name.trim().to_lowercase());
        if self.store.setting::<u64>(&key)?.is_none() {
            self.store.set_setting(&key, &now)?;
        }
        let previous = self.store.put_contact(name, a, now)?;
        if previous.is_some_and(|p| p != a) {
            // Kept apart from `updated_at`, so a change made the same second as the
            // first save is still a change.
            self.store.set_setting(&format!("contact_changed:{name}"), &now)?;
        }
        self.store.contact(name)?.ok_or_else(|| Error::NotFound(name.into()))
    }

    /// The address book.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        Ok(self.store.contacts()?)
    }

    /// Removes a contact.
    pub fn remove_contact(&self, name: &str) -> Result<()> {
        if self.store.remove_contact(name)? {
            Ok(())
        } else {
            Err(Error::NotFound(format!("no contact '{name}'")))
        }
    }

    /// Registers a token on the active network, reading its symbol and decimals.
    pub async fn add_token(&self, address: &str) -> Result<TokenInfo> {
        let a = parse_address(address).map_err(invalid)?;
        let chain = self.chain().await?;
        let info = chain.token_info(a).await?;
        self.store.put_token(chain.chain_id(), &info)?;
        Ok(info)
    }

    /// Tokens registered on the active network.
    pub async fn tokens(&self) -> Result<Vec<TokenInfo>> {
        let chain = self.chain().await?;
        Ok(self.store.tokens(chain.chain_id())?)
    }

    /// Resolves `S`, a registered symbol, or a token address.
    pub async fn resolve_asset(&self, spec: Option<&str>) -> Result<Asset> {
        let spec = match spec.map(str::trim) {
            None | Some("") => return Ok(Asset::Native),
            Some(s) => s,
        };
        if spec.eq_ignore_ascii_case(NATIVE_SYMBOL) || spec.eq_ignore_ascii_case("sonic") {
            return Ok(Asset::Native);
        }
        let chain = self.chain().await?;
        if spec.starts_with("0x") {
            let a = parse_address(spec).map_err(invalid)?;
            if let Some(t) = self.store.tokens(chain.chain_id())?.into_iter().find(|t| t.address == a) {
                return Ok(Asset::Token(t));
            }
            return Ok(Asset::Token(chain.token_info(a).await?));
        }
        let matches: Vec<TokenInfo> =
            self.store.tokens(chain.chain_id())?.into_iter().filter(|t| t.symbol.eq_ignore_ascii_case(spec)).collect();
        match matches.len() {
            0 => Err(Error::NotFound(format!(
                "no token '{spec}' registered on this network (add it with `sonic tokens add ADDRESS`)"
            ))),
            1 => Ok(Asset::Token(matches.into_iter().next().ok_or_else(|| Error::NotFound(spec.into()))?)),
            _ => Err(Error::Invalid(format!(
                "several registered tokens are called '{spec}': {}; give the contract address",
                matches.iter().map(|t| checksum(&t.address)).collect::<Vec<_>>().join(", ")
            ))),
        }
    }

    // ---------------------------------------------------------------- balances

    /// Balance of one asset for an account.
    pub async fn balance(&self, account: Option<&str>, asset: Option<&str>) -> Result<Balance> {
        let acct = self.resolve_account(account).await?;
        let asset = self.resolve_asset(asset).await?;
        self.balance_of(acct.address, &asset).await
    }

    async fn balance_of(&self, account: Address, asset: &Asset) -> Result<Balance> {
        let chain = self.chain().await?;
        let raw = match asset {
            Asset::Native => chain.native_balance(account).await?,
            Asset::Token(t) => chain.token_balance(t.address, account).await?,
        };
        Ok(Balance {
            account,
            asset: asset.symbol().to_string(),
            token: asset.token(),
            amount: format_units(raw, asset.decimals()),
            raw,
            decimals: asset.decimals(),
        })
    }

    /// S and every registered token for an account.
    pub async fn balances(&self, account: Option<&str>) -> Result<Vec<Balance>> {
        let acct = self.resolve_account(account).await?;
        let mut out = vec![self.balance_of(acct.address, &Asset::Native).await?];
        for t in self.tokens().await? {
            out.push(self.balance_of(acct.address, &Asset::Token(t)).await?);
        }
        Ok(out)
    }

    // ---------------------------------------------------------------- send: plan

    async fn resolve_recipient(&self, to: &str) -> Result<(Address, Option<String>)> {
        let to = to.trim();
        if to.starts_with("0x") || to.starts_with("0X") || to.ends_with(".eth") {
            let a = parse_address(to).map_err(invalid)?;
            let label = self.store.contacts()?.into_iter().find(|c| c.address == a).map(|c| c.name);
            return Ok((a, label));
        }
        match self.store.contact(to)? {
            Some(c) => Ok((c.address, Some(c.name))),
            None => Err(Error::NotFound(format!("'{to}' is neither an address nor a contact"))),
        }
    }

    /// Builds a plan for a transfer: resolves the recipient and the asset, checks the
    /// chain id, simulates, estimates gas and fees, checks the balance, and flags risks.
    /// Nothing is signed; [`Engine::confirm`] with the plan's id does that.
    pub async fn plan_send(&self, req: SendRequest) -> Result<Plan> {
        let from = self.resolve_account(req.from.as_deref()).await?;
        let (to, to_label) = self.resolve_recipient(&req.to).await?;
        if to.is_zero() {
            return Err(Error::Invalid("refusing to send to the zero address (funds would be lost)".into()));
        }
        let asset = self.resolve_asset(req.asset.as_deref()).await?;
        if asset.token() == Some(to) {
            return Err(Error::Invalid(format!(
                "refusing to send {} to its own token contract (funds would be lost)",
                asset.symbol()
            )));
        }
        let chain = self.chain().await?;
        let network = chain.network().clone();
        let decimals = asset.decimals();
        let native = chain.native_balance(from.address).await?;
        let held = match &asset {
            Asset::Native => native,
            Asset::Token(t) => chain.token_balance(t.address, from.address).await?,
        };
        let fees = chain.fees().await?;

        // For the estimate, "max" and percentages use a placeholder of 1 base unit;
        // the gas of a transfer does not depend on its amount.
        let exact = match &req.amount {
            AmountSpec::Raw(v) if v.is_zero() => {
                return Err(Error::Invalid("the amount must be more than zero".into()))
            }
            AmountSpec::Raw(v) => Some(*v),
            AmountSpec::Exact(s) => {
                let v = parse_units(s, decimals).map_err(invalid)?;
                if v.is_zero() {
                    return Err(Error::Invalid("the amount must be more than zero".into()));
                }
                Some(v)
            }
            _ => None,
        };
        let probe = exact.unwrap_or(U256::from(1u8));
        let (call_to, value, data) = match &asset {
            Asset::Native => (to, probe, Bytes::new()),
            Asset::Token(t) => {
                (t.address, U256::ZERO, Chain::erc20_transfer_data(to, probe.min(held.max(U256::from(1u8)))))
            }
        };
        // Simulate with the real amount when it is affordable; an unaffordable amount
        // is reported below with the numbers instead of as a node error.
        let affordable_probe = match &asset {
            Asset::Native => probe <= native,
            Asset::Token(_) => probe <= held,
        };
        let gas_limit = if affordable_probe {
            chain.simulate_and_estimate(from.address, Some(call_to), value, &data).await?
        } else if matches!(asset, Asset::Native) {
            21_000
        } else {
            65_000
        };
        let max_fee = U256::from(gas_limit) * U256::from(fees.max_fee);
        let expected_fee =
            U256::from(gas_limit) * U256::from(fees.base_fee.saturating_add(fees.priority_fee.min(fees.max_fee)));

        let spendable = match &asset {
            Asset::Native => native.saturating_sub(max_fee),
            Asset::Token(_) => held,
        };
        let raw = match (&req.amount, exact) {
            (_, Some(v)) => v,
            (AmountSpec::Max, _) => spendable,
            (AmountSpec::Percent(p), _) => spendable * U256::from(*p) / U256::from(100u8),
            (AmountSpec::Exact(_) | AmountSpec::Raw(_), None) => unreachable!("exact amounts are parsed above"),
        };
        let sym = asset.symbol().to_string();
        if raw.is_zero() {
            return Err(Error::InsufficientFunds(format!(
                "nothing to send: balance {} {sym}, fee up to {} S",
                format_units(held, decimals),
                format_units(max_fee, NATIVE_DECIMALS)
            )));
        }
        match &asset {
            Asset::Native if raw.saturating_add(max_fee) > native => {
                return Err(Error::InsufficientFunds(format!(
                    "sending {} S needs up to {} S with the fee, but the balance is {} S",
                    format_units(raw, decimals),
                    format_units(raw.saturating_add(max_fee), decimals),
                    format_units(native, decimals)
                )))
            }
            Asset::Token(_) if raw > held => {
                return Err(Error::InsufficientFunds(format!(
                    "sending {} {sym} needs more than the balance of {} {sym}",
                    format_units(raw, decimals),
                    format_units(held, decimals)
                )))
            }
            Asset::Token(_) if max_fee > native => {
                return Err(Error::InsufficientFunds(format!(
                    "the fee needs up to {} S, but the balance is {} S",
                    format_units(max_fee, NATIVE_DECIMALS),
                    format_units(native, NATIVE_DECIMALS)
                )))
            }
            _ => {}
        }
        let data = match &asset {
            Asset::Native => Bytes::new(),
            Asset::Token(_) => Chain::erc20_transfer_data(to, raw),
        };
        let value = if matches!(asset, Asset::Native) { raw } else { U256::ZERO };

        let risks = self.risks(&chain, &network, from.address, to, raw, held, fees).await?;
        let amount = format_units(raw, decimals);
        let who = match &to_label {
            Some(name) => format!("{name} ({})", short(&to)),
            None => short(&to),
        };
        // Paying from an account the user named: the card says which.
        let from_part = match &req.from {
            Some(_) if from.name.is_empty() => format!(" from {}", short(&from.address)),
            Some(_) => format!(" from {} ({})", from.name, short(&from.address)),
            None => String::new(),
        };
        let summary = format!(
            "Send {amount} {sym}{from_part} to {who}, fee about {} S",
            format_units_short(expected_fee, NATIVE_DECIMALS)
        );
        let spec = TxSpec { from: from.address, to: Some(call_to), value, data, gas_limit, fees, nonce: None };
        let view = PlanView {
            kind: PlanKind::Transfer,
            to,
            to_label,
            asset: sym,
            token: asset.token(),
            raw,
            decimals,
            risks,
            summary,
        };
        let plan = self.make_plan(&chain, spec, view).await;
        Ok(plan)
    }

    #[allow(clippy::too_many_arguments)]
    async fn risks(
        &self,
        chain: &Chain,
        network: &Network,
        from: Address,
        to: Address,
        raw: U256,
        held: U256,
        fees: sonic_chain::Fees,
    ) -> Result<Vec<Risk>> {
        let mut risks = Vec::new();
        let own = self.accounts().await?.iter().any(|a| a.address == to);
        if own {
            risks.push(Risk::OwnAccount);
        } else if !self.store.has_paid(chain.chain_id(), &from, &to)? {
            risks.push(Risk::FirstPayment);
        }
        if raw.saturating_mul(U256::from(2u8)) > held {
            risks.push(Risk::LargeShare);
        }
        if chain.is_contract(to).await? {
            risks.push(Risk::ContractRecipient);
        }
        // A contact whose address changed in the last week, when paying that contact.
        if let Some(c) = self.store.contacts()?.into_iter().find(|c| c.address == to) {
            let changed = self.store.setting::<u64>(&format!("contact_changed:{}", c.name))?;
            let first = self.store.setting::<u64>(&format!("contact_added:{}", c.name))?;
            let changed_at = changed.or(first.filter(|f| c.updated_at > *f).map(|_| c.updated_at));
            if changed_at.is_some_and(|t| now_secs().saturating_sub(t) < 7 * 86_400) {
                risks.push(Risk::ContactChangedRecently { contact: c.name });
            }
        }
        let hex_of = |a: &Address| checksum(a)[2..].to_lowercase();
        let t = hex_of(&to);
        for c in self.store.contacts()? {
            let h = hex_of(&c.address);
            if c.address != to && h[..4] == t[..4] && h[36..] == t[36..] {
                risks.push(Risk::LookalikeContact { contact: c.name });
            }
        }
        risks.extend(high_fee_risk(&fees));
        if !network.mainnet {
            risks.push(Risk::NotMainnet { network: network.name.clone() });
        }
        Ok(risks)
    }

    /// Plans a contract deployment (`to: None`) or call, with `value` in wei. Checked
    /// like a transfer: simulation (revert reasons shown), gas, fees, balance, risks.
    pub(crate) async fn plan_contract_tx(
        &self,
        to: Option<Address>,
        value: U256,
        data: Bytes,
        kind: PlanKind,
        what: String,
    ) -> Result<Plan> {
        self.plan_contract_tx_with(to, value, data, kind, what, Exec::Tx).await
    }

    /// Like [`Engine::plan_contract_tx`], with what confirming it does made from the
    /// planned transaction by `exec`.
    pub(crate) async fn plan_contract_tx_with(
        &self,
        to: Option<Address>,
        value: U256,
        data: Bytes,
        kind: PlanKind,
        what: String,
        exec: impl FnOnce(TxSpec) -> Exec,
    ) -> Result<Plan> {
        let from = self.resolve_account(None).await?;
        let chain = self.chain().await?;
        let network = chain.network().clone();
        let native = chain.native_balance(from.address).await?;
        let fees = chain.fees().await?;
        let gas_limit = chain.simulate_and_estimate(from.address, to, value, &data).await?;
        let (max_fee, expected_fee) = fee_bounds(gas_limit, &fees);
        if value.saturating_add(max_fee) > native {
            return Err(Error::InsufficientFunds(format!(
                "this needs up to {} S with the fee, but the balance is {} S",
                format_units(value.saturating_add(max_fee), NATIVE_DECIMALS),
                format_units(native, NATIVE_DECIMALS)
            )));
        }
        let mut risks: Vec<Risk> = high_fee_risk(&fees).into_iter().collect();
        if !network.mainnet {
            risks.push(Risk::NotMainnet { network: network.name.clone() });
        }
        let summary = format!("{what}, fee about {} S", format_units_short(expected_fee, NATIVE_DECIMALS));
        let spec = TxSpec { from: from.address, to, value, data, gas_limit, fees, nonce: None };
        let view = PlanView {
            kind,
            to: to.unwrap_or(Address::ZERO),
            to_label: None,
            asset: NATIVE_SYMBOL.into(),
            token: None,
            raw: value,
            decimals: NATIVE_DECIMALS,
            risks,
            summary,
        };
        let plan = self.make_plan_with(&chain, spec.clone(), view, exec(spec)).await;
        Ok(plan)
    }

    /// Keeps `spec` as a pending plan described by `view` (fees, gas, network and
    /// expiry come from the transaction and the connection); returns the plan.
    pub(crate) async fn make_plan(&self, chain: &Chain, spec: TxSpec, view: PlanView) -> Plan {
        self.make_plan_with(chain, spec.clone(), view, Exec::Tx(spec)).await
    }

    /// Like [`Engine::make_plan`], with what confirming it does given explicitly.
    pub(crate) async fn make_plan_with(&self, chain: &Chain, spec: TxSpec, view: PlanView, exec: Exec) -> Plan {
        let (max_fee, expected_fee) = fee_bounds(spec.gas_limit, &spec.fees);
        let plan = Plan {
            id: uuid::Uuid::new_v4().to_string(),
            kind: view.kind,
            network: chain.network().name.clone(),
            chain_id: chain.chain_id(),
            from: spec.from,
            to: view.to,
            to_label: view.to_label,
            asset: view.asset,
            token: view.token,
            amount: format_units(view.raw, view.decimals),
            raw: view.raw,
            decimals: view.decimals,
            gas_limit: spec.gas_limit,
            max_fee_per_gas: spec.fees.max_fee,
            max_priority_fee_per_gas: spec.fees.priority_fee,
            max_fee,
            expected_fee,
            risks: view.risks,
            summary: view.summary,
            expires_at: now_secs() + self.plan_ttl.as_secs(),
        };
        self.plans.lock().await.insert(PendingPlan { plan: plan.clone(), exec });
        plan
    }

    /// Keeps a plan that needs no transaction (a contact change).
    pub(crate) async fn keep_plan(&self, plan: Plan, exec: Exec) {
        self.plans.lock().await.insert(PendingPlan { plan, exec });
    }

    /// The kind of a pending, unexpired plan (`None`: no such plan).
    pub async fn plan_kind(&self, id: &str) -> Option<PlanKind> {
        self.plans.lock().await.peek(id).map(|p| p.plan.kind.clone())
    }

    /// Drops a pending plan.
    pub async fn cancel_plan(&self, id: &str) -> bool {
        self.plans.lock().await.cancel(id)
    }

    // ---------------------------------------------------------------- send: confirm

    /// Executes a plan: the only path to a signature. The plan must exist, be unused
    /// and unexpired; the vault must be unlocked; the chain must still be the plan's.
    /// With `wait`, waits for the receipt (up to `wait` long).
    pub async fn confirm(&self, plan_id: &str, wait: Option<Duration>) -> Result<SendResult> {
        Ok(self.confirm_tx(plan_id, wait).await?.0)
    }

    /// Executes a transaction plan (a transfer, a contract call or deployment, a
    /// replacement, a mint); returns what was sent and, for a mint, the content made.
    pub(crate) async fn confirm_tx(
        &self,
        plan_id: &str,
        wait: Option<Duration>,
    ) -> Result<(SendResult, Option<crate::nft::NftDraft>)> {
        let pending = {
            let mut plans = self.plans.lock().await;
            match plans.peek(plan_id).map(|p| &p.exec) {
                Some(Exec::Contact { .. }) => {
                    return Err(Error::Plan("this plan saves a contact; it signs no transaction".into()))
                }
                _ => plans.take(plan_id)?,
            }
        };
        let PendingPlan { plan, exec } = pending;
        let (spec, draft) = match exec {
            Exec::Tx(spec) => (spec, None),
            Exec::NftMint { spec, contract, name, description, image } => {
                let (spec, draft) = self.prepare_mint(spec, contract, &name, &description, image).await?;
                (spec, Some(draft))
            }
            Exec::Contact { .. } => return Err(Error::Plan("this plan signs no transaction".into())),
        };
        Ok((self.sign_and_record(plan, spec, wait).await?, draft))
    }

    /// Signs `spec` for `plan`, broadcasts it, records it (history and the exact sent
    /// transaction), and waits for the receipt when asked.
    async fn sign_and_record(&self, plan: Plan, spec: TxSpec, wait: Option<Duration>) -> Result<SendResult> {
        let signer = self.with_vault(|v| Ok(v.signer(plan.from)?)).await?;
        let chain = self.chain().await?;
        if chain.chain_id() != plan.chain_id {
            return Err(Error::Plan("the network changed since the plan was made; make a new plan".into()));
        }
        let nonce = match spec.nonce {
            Some(n) => n,
            None => {
                let pending = chain.pending_nonce(plan.from).await?;
                self.nonces.reserve(plan.chain_id, plan.from, pending).await
            }
        };
        let hash = match chain.sign_and_send(&signer, &spec, nonce).await {
            Ok(h) => h,
            Err(e) => {
                self.nonces.reset(plan.chain_id, plan.from).await;
                return Err(e.into());
            }
        };
        drop(signer);
        let hash_s = hash.to_string();
        let mut record = TxRecord {
            hash: hash_s.clone(),
            log_index: None,
            untrusted: false,
            replaced_by: None,
            reason: None,
            chain_id: plan.chain_id,
            from: plan.from,
            to: plan.to,
            asset: plan.asset.clone(),
            token: plan.token,
            raw: plan.raw,
            decimals: plan.decimals,
            nonce,
            state: TxState::Pending,
            block: None,
            timestamp: now_secs(),
        };
        self.store.put_tx(&record)?;
        self.store.put_sent(
            &hash_s,
            &sonic_store::SentTx {
                chain_id: plan.chain_id,
                from: plan.from,
                to: spec.to,
                value: spec.value,
                input: spec.data.to_string(),
                gas_limit: spec.gas_limit,
                max_fee: spec.fees.max_fee,
                priority_fee: spec.fees.priority_fee,
                nonce,
            },
        )?;
        self.bus.publish(Event::TxSent { hash: hash_s.clone(), summary: plan.summary.clone() });
        let mut result =
            SendResult { hash: hash_s.clone(), status: TxState::Pending, block: None, contract_address: None };
        if let Some(timeout) = wait {
            if let Some(mined) = chain.wait_mined(hash, timeout).await? {
                let (ok, block) = (mined.success, mined.block);
                result.contract_address = mined.contract_address;
                record.state = if ok { TxState::Confirmed } else { TxState::Failed };
                record.block = Some(block);
                self.store.put_tx(&record)?;
                self.bus.publish(if ok {
                    Event::TxConfirmed { hash: hash_s, block }
                } else {
                    Event::TxFailed { hash: hash_s, reason: "reverted on chain".into() }
                });
                result.status = record.state;
                result.block = Some(block);
            }
        }
        Ok(result)
    }

    /// A recorded transaction.
    pub fn tx(&self, hash: &str) -> Result<Option<TxRecord>> {
        Ok(self.store.tx(hash)?)
    }
}
