//! The wallet: creating, importing, unlocking and locking the vault, accounts, the
//! default account, export, backup and restore. Every scrypt run goes through
//! [`derive`], off the runtime threads and outside the vault's lock.

use std::path::Path;

use sonic_store::settings::DEFAULT_ACCOUNT;
use sonic_types::{checksum, dto::AccountInfo, parse_address, Event};
use sonic_vault::{KeystoreKdf, Vault, WordCount};
use zeroize::Zeroizing;

use crate::{engine::Engine, error::invalid, Error, Result};

/// A copy of a password for a blocking task (zeroized on drop).
fn secret(bytes: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(bytes.to_vec())
}

/// Runs key derivation (scrypt) on tokio's blocking pool: never on a runtime thread.
async fn derive<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(|e| Error::Io(format!("key derivation stopped: {e}")))?
}

impl Engine {
    /// Whether a wallet exists in the data directory.
    pub fn wallet_exists(&self) -> bool {
        Vault::exists(&self.vault_path())
    }

    // Every scrypt run (hundreds of milliseconds at full strength) goes through
    // `derive`: on tokio's blocking pool, never on a runtime thread, and never while
    // holding `self.vault`, so `is_unlocked`, `accounts` and the UI's other reads keep
    // answering. A vault is unlocked off-lock and then installed in one short step.

    /// Installs an unlocked vault (the lock is held only for the swap).
    pub(crate) async fn install(&self, mut vault: Vault) -> Result<()> {
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
        self.watched_set_changed(Event::AccountsChanged);
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
        self.watched_set_changed(Event::AccountsChanged);
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
        let added = self.with_vault(|v| Ok(v.import_private_key(key_hex, None)?)).await?;
        self.watched_set_changed(Event::AccountsChanged);
        Ok(added)
    }

    /// Imports a keystore v3 JSON into the wallet (created if needed).
    /// The keystore is decrypted first, so a wrong keystore password creates nothing.
    pub async fn import_keystore(&self, password: &[u8], json: &str, keystore_password: &[u8]) -> Result<AccountInfo> {
        let (json, keystore_password) = (json.to_string(), secret(keystore_password));
        let key = derive(move || Ok(Vault::decrypt_keystore(&json, &keystore_password)?)).await?;
        self.vault_for_import(password).await?;
        let added = self.with_vault(|v| Ok(v.import_keystore_key(key, None)?)).await?;
        self.watched_set_changed(Event::AccountsChanged);
        Ok(added)
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

    /// Runs `f` on the open vault; `Locked` when there is none (the idle timer applies).
    pub(crate) async fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
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
        let added = self.with_vault(|v| Ok(v.add_derived_account(name)?)).await?;
        // The watcher follows the new account from now on.
        self.watched_set_changed(Event::AccountsChanged);
        Ok(added)
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

    /// Checks the wallet password against the vault file (the open vault is not
    /// touched): `WrongPassword` when it does not open it.
    pub async fn check_password(&self, password: &[u8]) -> Result<()> {
        let (path, password) = (self.vault_path(), secret(password));
        derive(move || Ok(Vault::open(&path)?.unlock(&password)?)).await
    }

    /// Writes an encrypted backup to a new file (a full path), once the password
    /// entered again opens the vault. An existing file is never replaced.
    pub async fn backup_with_password(&self, password: &[u8], dest: &Path) -> Result<()> {
        new_file(dest)?;
        self.check_password(password).await?;
        self.backup(dest).await
    }

    /// Writes an account's keystore v3 (with its own password) to a new file (a full
    /// path, 0600), once the wallet password entered again opens the vault.
    pub async fn export_keystore_file(
        &self,
        password: &[u8],
        account: &str,
        keystore_password: &[u8],
        dest: &Path,
    ) -> Result<()> {
        new_file(dest)?;
        if keystore_password.is_empty() {
            return Err(Error::Invalid("give the exported keystore a password".into()));
        }
        self.check_password(password).await?;
        let json = Zeroizing::new(self.export_keystore(account, keystore_password).await?);
        Ok(sonic_vault::fsutil::write_new(dest, json.as_bytes())?)
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
        self.install(v).await?;
        self.watched_set_changed(Event::AccountsChanged);
        Ok(())
    }

    /// Restores a backup given as the file's bytes (the desktop's file input reads it;
    /// the webview never sees a path): the bytes go to a private file in the data
    /// directory for [`Engine::restore`] with `force`, so the replaced vault is kept as
    /// a dated `.bak` copy, and that file is removed afterwards. Only while the wallet
    /// is unlocked: whoever replaces it is someone who could open it.
    pub async fn restore_bytes(&self, backup: &[u8], password: &[u8]) -> Result<()> {
        if !self.is_unlocked().await {
            return Err(sonic_vault::Error::Locked.into());
        }
        /// A vault file is a few KiB; more is not a backup.
        const MAX_BACKUP: usize = 4 << 20;
        if backup.is_empty() || backup.len() > MAX_BACKUP {
            return Err(Error::Invalid("this file is not a Smart Sonic backup".into()));
        }
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let src = self.data_dir().join(format!("restore-{}-{nanos}.json", std::process::id()));
        sonic_vault::fsutil::write_new(&src, backup)?;
        let result = self.restore(&src, password, true).await;
        let _ = std::fs::remove_file(&src);
        result
    }

    /// Resolves an account given as an address, a position (0-based) or a name; the
    /// default account when `None`.
    pub async fn resolve_account(&self, spec: Option<&str>) -> Result<AccountInfo> {
        let accounts = self.accounts().await?;
        let spec = match spec {
            Some(s) => s.trim().to_string(),
            None => match self.store.setting(&DEFAULT_ACCOUNT)? {
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
        self.store.set_setting(&DEFAULT_ACCOUNT, &checksum(&a.address))?;
        Ok(a)
    }
}

/// A file the desktop writes must be a full path to a file that does not exist yet.
fn new_file(dest: &Path) -> Result<()> {
    if !dest.is_absolute() {
        return Err(Error::Invalid(format!("'{}' is not a full path (start it with /)", dest.display())));
    }
    if dest.exists() {
        return Err(Error::Invalid(format!("{} already exists; choose a new file", dest.display())));
    }
    Ok(())
}
