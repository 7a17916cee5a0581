//! The encrypted vault file and its in-memory unlocked state.
//!
//! On disk (`vault.json`): public account metadata in clear, and every secret (the
//! mnemonic, each imported key) sealed with XChaCha20-Poly1305 under a key derived from
//! the password by scrypt. Each secret is bound to what it belongs to through the AEAD's
//! associated data, so a damaged or swapped entry fails alone and the other accounts
//! stay usable.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use alloy::{
    primitives::{Address, B256},
    signers::local::{
        coins_bip39::{English, Mnemonic},
        MnemonicBuilder, PrivateKeySigner,
    },
};
use chacha20poly1305::{
    aead::{Aead, KeyInit, Payload},
    XChaCha20Poly1305, XNonce,
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sonic_types::{
    dto::{AccountInfo, AccountKind},
    redact::scrub,
};
use zeroize::{Zeroize, Zeroizing};

use crate::{
    fsutil,
    kdf::{self, MIN_VAULT_LOG_N, MIN_VAULT_R},
    keystore, Error, KeystoreKdf, Result,
};

const FORMAT_VERSION: u32 = 1;
const CHECK_PLAINTEXT: &[u8] = b"smart-sonic vault v1";
const DERIVATION_PREFIX: &str = "m/44'/60'/0'/0/0";

/// scrypt parameters for the vault's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// log2 of N.
    pub log_n: u8,
    /// Block size.
    pub r: u32,
    /// Parallelism.
    pub p: u32,
}

impl Default for KdfParams {
    /// geth's standard strength: N=2^18, r=8, p=1 (256 MiB, ~0.65 s here).
    fn default() -> Self {
        Self { log_n: 18, r: 8, p: 1 }
    }
}

impl KdfParams {
    /// Light parameters for tests: the floor, N=2^15, r=8, p=1 (32 MiB, a few tens of
    /// milliseconds). Only in builds with debug assertions: a release build gets
    /// [`KdfParams::default`], so a test switch left on cannot weaken a real wallet.
    pub fn insecure_for_tests() -> Self {
        if cfg!(debug_assertions) {
            Self { log_n: MIN_VAULT_LOG_N, r: MIN_VAULT_R, p: 1 }
        } else {
            Self::default()
        }
    }

    /// These parameters raised to the floor every vault is written with (N=2^15, r=8).
    pub fn floored(self) -> Self {
        Self { log_n: self.log_n.max(MIN_VAULT_LOG_N), r: self.r.max(MIN_VAULT_R), p: self.p.max(1) }
    }

    fn below_floor(&self) -> bool {
        self.log_n < MIN_VAULT_LOG_N || self.r < MIN_VAULT_R
    }
}

/// Length of a new mnemonic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordCount {
    /// 12 words, 128 bits.
    Twelve,
    /// 24 words, 256 bits.
    TwentyFour,
}

#[derive(Clone, Serialize, Deserialize)]
struct Sealed {
    nonce: String,
    ct: String,
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredKdf {
    #[serde(flatten)]
    params: KdfParams,
    salt: String,
}

impl StoredKdf {
    /// Fresh salt for `params` raised to the floor.
    fn fresh(params: KdfParams) -> Self {
        let mut salt = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut salt);
        Self { params: params.floored(), salt: hex::encode(salt) }
    }

    /// The salt, checked; the cost bounded ([`kdf::check_scrypt`]) before anything is
    /// derived, so a tampered file cannot make the machine hang or run out of memory.
    fn checked_salt(&self) -> Result<Vec<u8>, String> {
        let p = self.params;
        kdf::check_scrypt(p.log_n, p.r, p.p)?;
        match hex::decode(&self.salt) {
            Ok(salt) if (16..=64).contains(&salt.len()) => Ok(salt),
            _ => Err("the key derivation salt is not 16 to 64 bytes of hex".into()),
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredAccount {
    name: String,
    address: Address,
    kind: AccountKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret: Option<Sealed>,
}

#[derive(Clone, Serialize, Deserialize)]
struct VaultFile {
    version: u32,
    kdf: StoredKdf,
    check: Sealed,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<Sealed>,
    accounts: Vec<StoredAccount>,
    /// Other secrets by name (API keys), each sealed with its name as associated data.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    secrets: std::collections::BTreeMap<String, Sealed>,
}

/// The decrypted mnemonic and its optional BIP-39 passphrase.
#[derive(Serialize, Deserialize, Zeroize)]
#[zeroize(drop)]
struct Seed {
    phrase: String,
    passphrase: String,
}

struct Unlocked {
    key: Zeroizing<[u8; 32]>,
    // Dropping a k256 signing key zeroizes it.
    signers: HashMap<Address, PrivateKeySigner>,
    damaged: Vec<Address>,
}

/// A password change prepared by [`Vault::prepare_password_change`], to be applied by
/// [`Vault::apply_password_change`]. Holds derived keys (zeroized on drop); its
/// `Debug` shows none of them.
pub struct PasswordChange {
    old_salt: String,
    old_key: Zeroizing<[u8; 32]>,
    kdf: StoredKdf,
    new_key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for PasswordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordChange").finish_non_exhaustive()
    }
}

/// A key decrypted from a keystore by [`Vault::decrypt_keystore`] and not yet imported
/// with [`Vault::import_keystore_key`]. Opaque (a k256 key zeroizes itself on drop);
/// its `Debug` shows the address only.
pub struct KeystoreKey {
    signer: PrivateKeySigner,
}

impl std::fmt::Debug for KeystoreKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeystoreKey").field("address", &self.signer.address()).finish_non_exhaustive()
    }
}

/// One account's key taken out by [`Vault::keystore_export`], to be written as a
/// keystore by [`KeystoreExport::encrypt`] (the slow part) away from any lock. Opaque,
/// zeroized on drop; its `Debug` shows the address only.
pub struct KeystoreExport {
    key: Zeroizing<[u8; 32]>,
    address: Address,
}

impl std::fmt::Debug for KeystoreExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeystoreExport").field("address", &self.address).finish_non_exhaustive()
    }
}

impl KeystoreExport {
    /// The keystore v3 JSON of the key under `password` (one scrypt run with `kdf`).
    pub fn encrypt(&self, password: &[u8], kdf: KeystoreKdf) -> Result<String> {
        keystore::encrypt(&self.key, self.address, password, kdf)
    }
}

/// An opened vault, locked or unlocked.
pub struct Vault {
    path: PathBuf,
    file: VaultFile,
    unlocked: Option<Unlocked>,
    idle_timeout: Option<Duration>,
    last_used: Instant,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print secrets: only the path, the account count and the lock state.
        f.debug_struct("Vault")
            .field("path", &self.path)
            .field("accounts", &self.file.accounts.len())
            .field("unlocked", &self.unlocked.is_some())
            .finish()
    }
}

/// The slow part of everything here: scrypt. Files are checked when opened
/// ([`Vault::open`]); the check is repeated so no path derives unbounded.
fn derive_key(password: &[u8], kdf: &StoredKdf) -> Result<Zeroizing<[u8; 32]>> {
    let salt = kdf.checked_salt().map_err(Error::Crypto)?;
    let p = kdf.params;
    let params = scrypt::Params::new(p.log_n, p.r, p.p, 32).map_err(|e| Error::Crypto(e.to_string()))?;
    let mut key = Zeroizing::new([0u8; 32]);
    scrypt::scrypt(password, &salt, &params, key.as_mut()).map_err(|e| Error::Crypto(e.to_string()))?;
    Ok(key)
}

fn seal(key: &[u8; 32], aad: &[u8], plaintext: &[u8]) -> Result<Sealed> {
    let cipher = XChaCha20Poly1305::new(key.into());
    let mut nonce = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut nonce);
    let ct = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad })
        .map_err(|_| Error::Crypto("encryption failed".into()))?;
    Ok(Sealed { nonce: hex::encode(nonce), ct: hex::encode(ct) })
}

/// Opens a sealed secret; `None` when it does not authenticate.
fn open(key: &[u8; 32], aad: &[u8], sealed: &Sealed) -> Option<Zeroizing<Vec<u8>>> {
    let nonce = hex::decode(&sealed.nonce).ok().filter(|n| n.len() == 24)?;
    let ct = hex::decode(&sealed.ct).ok()?;
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &ct, aad }).ok().map(Zeroizing::new)
}

fn account_aad(address: &Address) -> Vec<u8> {
    [b"key:".as_slice(), address.as_slice()].concat()
}

fn signer_from_bytes(bytes: &[u8]) -> Result<PrivateKeySigner> {
    PrivateKeySigner::from_slice(bytes).map_err(|_| Error::PrivateKey("not a valid secp256k1 private key".into()))
}

/// A mnemonic error with a fixed text: the BIP-39 library's own messages quote the
/// phrase or the mistyped word, which must never reach a screen or a log.
fn mnemonic_error(what: &str) -> Error {
    Error::Mnemonic(what.to_string())
}

fn derive_signers(seed: &Seed, indices: &[u32]) -> Result<HashMap<u32, PrivateKeySigner>> {
    if indices.is_empty() {
        return Ok(HashMap::new());
    }
    let parent = MnemonicBuilder::<English>::default()
        .phrase(seed.phrase.as_str())
        .derivation_path(DERIVATION_PREFIX)
        .map_err(|_| mnemonic_error("bad derivation path"))?
        .password(seed.passphrase.as_str())
        .build_parent_key()
        .map_err(|_| mnemonic_error("the accounts cannot be derived from this phrase"))?;
    indices
        .iter()
        .map(|&i| {
            let child = parent.child(i).map_err(|_| mnemonic_error("an account cannot be derived"))?;
            Ok((i, child.signer()))
        })
        .collect()
}

/// Normalises a mnemonic as typed (extra spaces, capitals) and checks it. Errors name
/// a word by its position, never by its text.
fn normalise_phrase(phrase: &str) -> Result<String> {
    use alloy::signers::local::coins_bip39::Wordlist;
    let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
    if ![12, 15, 18, 21, 24].contains(&words.len()) {
        return Err(Error::Mnemonic(format!("expected 12, 15, 18, 21 or 24 words, got {}", words.len())));
    }
    if let Some(i) = words.iter().position(|w| English::get_index(w).is_err()) {
        return Err(Error::Mnemonic(format!("word {} is not in the BIP-39 English word list", i + 1)));
    }
    let joined = words.join(" ");
    Mnemonic::<English>::new_from_phrase(&joined)
        .map_err(|_| mnemonic_error("the checksum does not match: a word is mistyped or out of order"))?;
    Ok(joined)
}

/// Parses a hex private key (with or without 0x, surrounding whitespace ignored).
pub(crate) fn parse_private_key(text: &str) -> Result<Zeroizing<[u8; 32]>> {
    let t = text.trim();
    let t = t.strip_prefix("0x").unwrap_or(t);
    if t.len() != 64 {
        return Err(Error::PrivateKey("expected 64 hex digits".into()));
    }
    let mut out = Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(t, out.as_mut()).map_err(|_| Error::PrivateKey("expected 64 hex digits".into()))?;
    signer_from_bytes(out.as_ref())?;
    Ok(out)
}

impl Vault {
    /// The vault file inside a data directory.
    pub fn file_in(data_dir: &Path) -> PathBuf {
        data_dir.join("vault.json")
    }

    /// Whether a vault file exists at `path`.
    pub fn exists(path: &Path) -> bool {
        path.is_file()
    }

    /// A new vault's header and key. `params` below the floor are raised to it:
    /// nothing writes a vault with N below 2^15.
    fn new_empty(path: &Path, password: &[u8], params: KdfParams) -> Result<(Self, Zeroizing<[u8; 32]>)> {
        if path.exists() {
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        let kdf = StoredKdf::fresh(params);
        let key = derive_key(password, &kdf)?;
        let check = seal(&key, b"check", CHECK_PLAINTEXT)?;
        let file = VaultFile {
            version: FORMAT_VERSION,
            kdf,
            check,
            seed: None,
            accounts: vec![],
            secrets: Default::default(),
        };
        let vault = Self {
            path: path.to_path_buf(),
            file,
            unlocked: Some(Unlocked { key: key.clone(), signers: HashMap::new(), damaged: vec![] }),
            idle_timeout: None,
            last_used: Instant::now(),
        };
        Ok((vault, key))
    }

    /// Creates a vault holding no key yet (for importing keys one by one). Unlocked.
    pub fn create_empty(path: &Path, password: &[u8], params: KdfParams) -> Result<Self> {
        let (vault, _) = Self::new_empty(path, password, params)?;
        vault.save()?;
        Ok(vault)
    }

    /// Creates a vault with a fresh mnemonic and its first account. Returns the vault
    /// (unlocked) and the phrase, to be shown to the user once.
    pub fn create(
        path: &Path,
        password: &[u8],
        words: WordCount,
        params: KdfParams,
    ) -> Result<(Self, Zeroizing<String>)> {
        let count = match words {
            WordCount::Twelve => 12,
            WordCount::TwentyFour => 24,
        };
        let mnemonic = Mnemonic::<English>::new_with_count(&mut rand::thread_rng(), count)
            .map_err(|_| mnemonic_error("cannot generate a phrase"))?;
        let phrase = Zeroizing::new(mnemonic.to_phrase());
        let vault = Self::import_mnemonic(path, password, &phrase, "", 1, params)?;
        Ok((vault, phrase))
    }

    /// Creates a vault from an existing mnemonic (+ optional BIP-39 passphrase) with
    /// `count` derived accounts. Unlocked.
    pub fn import_mnemonic(
        path: &Path,
        password: &[u8],
        phrase: &str,
        passphrase: &str,
        count: u32,
        params: KdfParams,
    ) -> Result<Self> {
        let phrase = normalise_phrase(phrase)?;
        let seed = Seed { phrase, passphrase: passphrase.to_string() };
        let (mut vault, key) = Self::new_empty(path, password, params)?;
        let seed_json = Zeroizing::new(serde_json::to_vec(&seed).map_err(|e| Error::Crypto(e.to_string()))?);
        vault.file.seed = Some(seal(&key, b"seed", &seed_json)?);
        let indices: Vec<u32> = (0..count.max(1)).collect();
        let signers = derive_signers(&seed, &indices)?;
        for i in indices {
            let signer = &signers[&i];
            vault.push_account(signer.clone(), AccountKind::Derived { index: i }, None)?;
        }
        vault.save()?;
        Ok(vault)
    }

    /// Opens an existing vault, locked. The file's key derivation parameters are
    /// bounded here ([`kdf::check_scrypt`]): a file asking for too much is
    /// [`Error::Corrupt`] at once, before any derivation.
    pub fn open(path: &Path) -> Result<Self> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NoWallet(path.parent().unwrap_or(path).to_path_buf()))
            }
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        };
        let corrupt = |reason: String| Error::Corrupt { path: path.to_path_buf(), reason };
        // serde's message may quote the file: scrubbed.
        let file: VaultFile = serde_json::from_slice(&bytes).map_err(|e| corrupt(scrub(&e.to_string())))?;
        if file.version != FORMAT_VERSION {
            return Err(corrupt(format!("unknown format version {}", file.version)));
        }
        file.kdf.checked_salt().map_err(corrupt)?;
        Ok(Self { path: path.to_path_buf(), file, unlocked: None, idle_timeout: None, last_used: Instant::now() })
    }

    /// Locks automatically once `timeout` passes without use (checked on each use).
    pub fn set_idle_timeout(&mut self, timeout: Option<Duration>) {
        self.idle_timeout = timeout;
    }

    /// Unlocks with the password: derives the key, checks it, and decrypts every
    /// account's key. An account whose secret fails to authenticate is reported by
    /// [`Vault::damaged_accounts`] and cannot sign; the others work.
    ///
    /// A vault written below today's floor (N=2^15) by an older build is re-keyed at
    /// the floor on the way, with the same password; if that fails (a damaged entry, a
    /// read-only disk) the vault still unlocks as it is.
    pub fn unlock(&mut self, password: &[u8]) -> Result<()> {
        let key = self.unlock_only(password)?;
        self.raise_to_floor(password, &key);
        Ok(())
    }

    /// Unlocks without touching the file; returns the derived key.
    fn unlock_only(&mut self, password: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        let key = derive_key(password, &self.file.kdf)?;
        if open(&key, b"check", &self.file.check).as_deref().map(Vec::as_slice) != Some(CHECK_PLAINTEXT) {
            return Err(Error::WrongPassword);
        }
        self.unlock_with_key(key.clone())?;
        Ok(key)
    }

    /// Re-keys a vault whose parameters are below the floor (best effort, see
    /// [`Vault::unlock`]).
    fn raise_to_floor(&mut self, password: &[u8], key: &[u8; 32]) {
        if !self.file.kdf.params.below_floor() {
            return;
        }
        let kdf = StoredKdf::fresh(self.file.kdf.params);
        if let Ok(new_key) = derive_key(password, &kdf) {
            // Failure leaves the file and the unlocked state as they were.
            let _ = self.rekey(key, kdf, new_key);
        }
    }

    fn unlock_with_key(&mut self, key: Zeroizing<[u8; 32]>) -> Result<()> {
        let mut signers = HashMap::new();
        let mut damaged = Vec::new();
        let seed = match &self.file.seed {
            Some(sealed) => match open(&key, b"seed", sealed).and_then(|b| serde_json::from_slice::<Seed>(&b).ok()) {
                Some(seed) => Some(seed),
                None => {
                    damaged.extend(self.derived().map(|(_, a)| a.address));
                    None
                }
            },
            None => None,
        };
        if let Some(seed) = &seed {
            let indices: Vec<u32> = self.derived().map(|(i, _)| i).collect();
            let derived = derive_signers(seed, &indices)?;
            for (i, acct) in self.derived() {
                match derived.get(&i) {
                    Some(s) if s.address() == acct.address => {
                        signers.insert(acct.address, s.clone());
                    }
                    _ => damaged.push(acct.address),
                }
            }
        }
        for acct in self.file.accounts.iter().filter(|a| a.kind == AccountKind::Imported) {
            let signer = acct
                .secret
                .as_ref()
                .and_then(|s| open(&key, &account_aad(&acct.address), s))
                .and_then(|b| signer_from_bytes(&b).ok())
                .filter(|s| s.address() == acct.address);
            match signer {
                Some(s) => {
                    signers.insert(acct.address, s);
                }
                None => damaged.push(acct.address),
            }
        }
        self.unlocked = Some(Unlocked { key, signers, damaged });
        self.last_used = Instant::now();
        Ok(())
    }

    /// Locks: drops (and so zeroizes) the derived key and every decrypted key.
    pub fn lock(&mut self) {
        self.unlocked = None;
    }

    /// Whether the vault is unlocked (applies the idle timeout first).
    pub fn is_unlocked(&mut self) -> bool {
        self.check_idle();
        self.unlocked.is_some()
    }

    /// Locks if the idle timeout has passed; returns whether it locked now.
    pub fn check_idle(&mut self) -> bool {
        if let (Some(t), Some(_)) = (self.idle_timeout, &self.unlocked) {
            if self.last_used.elapsed() >= t {
                self.lock();
                return true;
            }
        }
        false
    }

    fn unlocked(&mut self) -> Result<&mut Unlocked> {
        self.check_idle();
        self.last_used = Instant::now();
        self.unlocked.as_mut().ok_or(Error::Locked)
    }

    fn derived(&self) -> impl Iterator<Item = (u32, &StoredAccount)> {
        self.file.accounts.iter().filter_map(|a| match a.kind {
            AccountKind::Derived { index } => Some((index, a)),
            AccountKind::Imported => None,
        })
    }

    /// The accounts, in order.
    pub fn accounts(&self) -> Vec<AccountInfo> {
        self.file
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| AccountInfo { position: i as u32, name: a.name.clone(), address: a.address, kind: a.kind })
            .collect()
    }

    /// Accounts whose secret failed to authenticate at the last unlock.
    pub fn damaged_accounts(&self) -> Vec<Address> {
        self.unlocked.as_ref().map(|u| u.damaged.clone()).unwrap_or_default()
    }

    /// Whether the vault holds a mnemonic.
    pub fn has_mnemonic(&self) -> bool {
        self.file.seed.is_some()
    }

    fn push_account(
        &mut self,
        signer: PrivateKeySigner,
        kind: AccountKind,
        name: Option<String>,
    ) -> Result<AccountInfo> {
        let address = signer.address();
        if self.file.accounts.iter().any(|a| a.address == address) {
            return Err(Error::DuplicateAccount(address.to_checksum(None)));
        }
        let u = self.unlocked()?;
        let secret = match kind {
            AccountKind::Imported => Some(seal(&u.key, &account_aad(&address), signer.to_bytes().as_slice())?),
            AccountKind::Derived { .. } => None,
        };
        u.signers.insert(address, signer);
        let position = self.file.accounts.len() as u32;
        let name = name.unwrap_or_else(|| format!("Account {}", position + 1));
        self.file.accounts.push(StoredAccount { name: name.clone(), address, kind, secret });
        Ok(AccountInfo { position, name, address, kind })
    }

    /// Derives the next account from the mnemonic.
    pub fn add_derived_account(&mut self, name: Option<String>) -> Result<AccountInfo> {
        let sealed = self.file.seed.clone().ok_or(Error::NoMnemonic)?;
        let next = self.derived().map(|(i, _)| i + 1).max().unwrap_or(0);
        let key = self.unlocked()?.key.clone();
        let seed: Seed = open(&key, b"seed", &sealed)
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| Error::AccountDamaged("mnemonic".into()))?;
        let signer = derive_signers(&seed, &[next])?.remove(&next).ok_or(Error::Crypto("derivation".into()))?;
        let info = self.push_account(signer, AccountKind::Derived { index: next }, name)?;
        self.save()?;
        Ok(info)
    }

    /// Imports a raw private key (hex).
    pub fn import_private_key(&mut self, hex_key: &str, name: Option<String>) -> Result<AccountInfo> {
        let key = parse_private_key(hex_key)?;
        let signer = signer_from_bytes(key.as_ref())?;
        let info = self.push_account(signer, AccountKind::Imported, name)?;
        self.save()?;
        Ok(info)
    }

    /// Imports a keystore v3 JSON, decrypted with its own password.
    pub fn import_keystore(
        &mut self,
        json: &str,
        keystore_password: &[u8],
        name: Option<String>,
    ) -> Result<AccountInfo> {
        self.unlocked()?;
        let key = Self::decrypt_keystore(json, keystore_password)?;
        self.import_keystore_key(key, name)
    }

    /// Decrypts a keystore v3 JSON with its own password (the slow half of
    /// [`Vault::import_keystore`]; needs no vault, so it can run away from any lock).
    pub fn decrypt_keystore(json: &str, keystore_password: &[u8]) -> Result<KeystoreKey> {
        let key = keystore::decrypt(json, keystore_password)?;
        Ok(KeystoreKey { signer: signer_from_bytes(key.as_ref())? })
    }

    /// Adds a key decrypted by [`Vault::decrypt_keystore`] (unlocked vault only).
    pub fn import_keystore_key(&mut self, key: KeystoreKey, name: Option<String>) -> Result<AccountInfo> {
        self.unlocked()?;
        let info = self.push_account(key.signer, AccountKind::Imported, name)?;
        self.save()?;
        Ok(info)
    }

    /// Exports one account as keystore v3 JSON under its own password.
    pub fn export_keystore(&mut self, address: Address, keystore_password: &[u8], kdf: KeystoreKdf) -> Result<String> {
        self.keystore_export(address)?.encrypt(keystore_password, kdf)
    }

    /// Takes one account's key out for [`KeystoreExport::encrypt`] (unlocked vault
    /// only): the fast half of [`Vault::export_keystore`].
    pub fn keystore_export(&mut self, address: Address) -> Result<KeystoreExport> {
        let signer = self.signer(address)?;
        Ok(KeystoreExport { key: Zeroizing::new(signer.to_bytes().0), address })
    }

    /// A signer for one account (unlocked vault only).
    pub fn signer(&mut self, address: Address) -> Result<PrivateKeySigner> {
        let known = self.file.accounts.iter().any(|a| a.address == address);
        let u = self.unlocked()?;
        match u.signers.get(&address) {
            Some(s) => Ok(s.clone()),
            None if known => Err(Error::AccountDamaged(address.to_checksum(None))),
            None => Err(Error::NoAccount(address.to_checksum(None))),
        }
    }

    /// Renames an account.
    pub fn rename(&mut self, address: Address, name: &str) -> Result<()> {
        let acct = self
            .file
            .accounts
            .iter_mut()
            .find(|a| a.address == address)
            .ok_or_else(|| Error::NoAccount(address.to_checksum(None)))?;
        acct.name = name.trim().to_string();
        self.save()
    }

    /// Shows the mnemonic again; asks for the password even when unlocked.
    pub fn reveal_mnemonic(&self, password: &[u8]) -> Result<Zeroizing<String>> {
        let sealed = self.file.seed.as_ref().ok_or(Error::NoMnemonic)?;
        let key = derive_key(password, &self.file.kdf)?;
        if open(&key, b"check", &self.file.check).is_none() {
            return Err(Error::WrongPassword);
        }
        let seed: Seed = open(&key, b"seed", sealed)
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| Error::AccountDamaged("mnemonic".into()))?;
        Ok(Zeroizing::new(seed.phrase.clone()))
    }

    /// Re-encrypts every secret under a new password (new salt, same KDF strength
    /// unless `params` is given, never below the floor). Written atomically: a crash
    /// leaves the old file.
    pub fn change_password(&mut self, old: &[u8], new: &[u8], params: Option<KdfParams>) -> Result<()> {
        let change = self.prepare_password_change(old, new, params)?;
        self.apply_password_change(change)
    }

    /// The slow half of [`Vault::change_password`]: checks `old` and derives both keys
    /// (two scrypt runs). It reads only the file's header, so it can run on a copy of
    /// the vault, away from any lock, while the vault itself stays in use.
    pub fn prepare_password_change(&self, old: &[u8], new: &[u8], params: Option<KdfParams>) -> Result<PasswordChange> {
        let old_key = derive_key(old, &self.file.kdf)?;
        if open(&old_key, b"check", &self.file.check).is_none() {
            return Err(Error::WrongPassword);
        }
        let kdf = StoredKdf::fresh(params.unwrap_or(self.file.kdf.params));
        let new_key = derive_key(new, &kdf)?;
        Ok(PasswordChange { old_salt: self.file.kdf.salt.clone(), old_key, kdf, new_key })
    }

    /// The fast half of [`Vault::change_password`]: re-seals every secret with the keys
    /// of `change` and writes the file. Refused with [`Error::WrongPassword`] when the
    /// password changed since `change` was prepared. An unlocked vault stays unlocked.
    pub fn apply_password_change(&mut self, change: PasswordChange) -> Result<()> {
        if change.old_salt != self.file.kdf.salt {
            return Err(Error::WrongPassword);
        }
        let PasswordChange { old_key, kdf, new_key, .. } = change;
        self.rekey(&old_key, kdf, new_key)
    }

    /// Re-seals every secret from `old_key` to `new_key` (derived with `kdf`) and writes.
    fn rekey(&mut self, old_key: &[u8; 32], kdf: StoredKdf, new_key: Zeroizing<[u8; 32]>) -> Result<()> {
        let mut file = self.file.clone();
        file.kdf = kdf;
        file.check = seal(&new_key, b"check", CHECK_PLAINTEXT)?;
        if let Some(sealed) = &self.file.seed {
            let plain = open(old_key, b"seed", sealed).ok_or_else(|| Error::AccountDamaged("mnemonic".into()))?;
            file.seed = Some(seal(&new_key, b"seed", &plain)?);
        }
        for acct in file.accounts.iter_mut() {
            if let Some(sealed) = &acct.secret {
                let aad = account_aad(&acct.address);
                let plain =
                    open(old_key, &aad, sealed).ok_or_else(|| Error::AccountDamaged(acct.address.to_checksum(None)))?;
                acct.secret = Some(seal(&new_key, &aad, &plain)?);
            }
        }
        for (name, sealed) in file.secrets.iter_mut() {
            let aad = format!("secret:{name}");
            let plain = open(old_key, aad.as_bytes(), sealed).ok_or_else(|| Error::AccountDamaged(name.clone()))?;
            *sealed = seal(&new_key, aad.as_bytes(), &plain)?;
        }
        write_file(&self.path, &file)?;
        self.file = file;
        if let Some(u) = self.unlocked.as_mut() {
            u.key = new_key;
        }
        Ok(())
    }

    /// Copies the encrypted vault to `dest` (atomically). The copy needs the same
    /// password to open.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        write_file(dest, &self.file)
    }

    /// Restores a backup made by [`Vault::backup`] to `path`. The password must open
    /// the backup and every sealed entry in it must decrypt; otherwise nothing is
    /// touched. A vault already at `path` is replaced only with `force`, and then kept
    /// beside it as `<name>.<UTC time>.bak` (0600) first. The new file is written
    /// atomically.
    pub fn restore(backup: &Path, path: &Path, password: &[u8], force: bool) -> Result<Self> {
        if path.exists() && !force {
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        let mut candidate = Self::open(backup)?;
        let key = candidate.unlock_only(password)?;
        candidate.verify_all(&key).map_err(|reason| Error::Corrupt { path: backup.to_path_buf(), reason })?;
        if path.exists() {
            keep_dated_copy(path)?;
        }
        write_file(path, &candidate.file)?;
        candidate.path = path.to_path_buf();
        candidate.raise_to_floor(password, &key);
        Ok(candidate)
    }

    /// Checks that every sealed entry decrypts under `key` (after an unlock, which
    /// already checked the accounts); says which one does not.
    fn verify_all(&self, key: &[u8; 32]) -> Result<(), String> {
        if let Some(sealed) = &self.file.seed {
            if open(key, b"seed", sealed).and_then(|b| serde_json::from_slice::<Seed>(&b).ok()).is_none() {
                return Err("the mnemonic does not decrypt".into());
            }
        }
        if let Some(a) = self.damaged_accounts().first() {
            return Err(format!("the key of account {} does not decrypt", a.to_checksum(None)));
        }
        for (name, sealed) in &self.file.secrets {
            if open(key, format!("secret:{name}").as_bytes(), sealed).is_none() {
                return Err(format!("the secret '{name}' does not decrypt"));
            }
        }
        Ok(())
    }

    /// Stores a named secret (an API key), or removes it with `None`.
    pub fn set_secret(&mut self, name: &str, value: Option<&str>) -> Result<()> {
        let key = self.unlocked()?.key.clone();
        match value {
            Some(v) => {
                let sealed = seal(&key, format!("secret:{name}").as_bytes(), v.as_bytes())?;
                self.file.secrets.insert(name.to_string(), sealed);
            }
            None => {
                self.file.secrets.remove(name);
            }
        }
        self.save()
    }

    /// A named secret, if set (unlocked vault only).
    pub fn secret(&mut self, name: &str) -> Result<Option<Zeroizing<String>>> {
        let key = self.unlocked()?.key.clone();
        let Some(sealed) = self.file.secrets.get(name) else { return Ok(None) };
        let plain = open(&key, format!("secret:{name}").as_bytes(), sealed)
            .ok_or_else(|| Error::AccountDamaged(name.to_string()))?;
        String::from_utf8(plain.to_vec())
            .map(|s| Some(Zeroizing::new(s)))
            .map_err(|_| Error::AccountDamaged(name.to_string()))
    }

    fn save(&self) -> Result<()> {
        write_file(&self.path, &self.file)
    }

    /// The private key as 32 bytes, for tests of the interop with other wallets.
    #[doc(hidden)]
    pub fn private_key_for_tests(&mut self, address: Address) -> Result<B256> {
        Ok(self.signer(address)?.to_bytes())
    }
}

/// Copies the file at `path` to `<name>.<UTC time>.bak` beside it (0600), never over
/// an existing file; returns the copy's path.
fn keep_dated_copy(path: &Path) -> Result<PathBuf> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "vault.json".into());
    let stamp = sonic_types::time::utc_file_stamp(now);
    let mut last = None;
    for n in 1..=100 {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let copy = path.with_file_name(format!("{name}.{stamp}{suffix}.bak"));
        match fsutil::write_new(&copy, &bytes) {
            Ok(()) => return Ok(copy),
            Err(Error::Io { source, context }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
                last = Some(Error::Io { source, context });
            }
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| Error::Crypto("no name left for a copy".into())))
}

fn write_file(path: &Path, file: &VaultFile) -> Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !dir.exists() {
            fsutil::create_private_dir(dir)?;
        }
    }
    let json = serde_json::to_vec_pretty(file).map_err(|e| Error::Crypto(e.to_string()))?;
    fsutil::atomic_write(path, &json)
}

/// The BIP-39 seed of a phrase and passphrase (the phrase is normalised and checked
/// first). Used by tests against the published vectors.
pub fn mnemonic_seed(phrase: &str, passphrase: &str) -> Result<Zeroizing<[u8; 64]>> {
    let phrase = normalise_phrase(phrase)?;
    let m = Mnemonic::<English>::new_from_phrase(&phrase).map_err(|_| mnemonic_error("invalid phrase"))?;
    let seed = m.to_seed(Some(passphrase)).map_err(|_| mnemonic_error("cannot compute the seed"))?;
    Ok(Zeroizing::new(seed))
}

/// The phrase encoding `entropy` (16 to 32 bytes).
pub fn mnemonic_from_entropy(entropy: &[u8]) -> Result<Zeroizing<String>> {
    let e = alloy::signers::local::coins_bip39::Entropy::from_slice(entropy)
        .map_err(|_| mnemonic_error("entropy must be 16, 20, 24, 28 or 32 bytes"))?;
    Ok(Zeroizing::new(Mnemonic::<English>::new_from_entropy(e).to_phrase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weak_vault_is_raised_to_the_floor_when_unlocked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("vault.json");
        // A vault written by an older build with N=2^10, bypassing today's floor.
        let kdf = StoredKdf { params: KdfParams { log_n: 10, r: 8, p: 1 }, salt: hex::encode([3u8; 32]) };
        let key = derive_key(b"pw", &kdf).expect("derive");
        let check = seal(&key, b"check", CHECK_PLAINTEXT).expect("seal");
        let file = VaultFile {
            version: FORMAT_VERSION,
            kdf,
            check,
            seed: None,
            accounts: vec![],
            secrets: Default::default(),
        };
        write_file(&path, &file).expect("write");
        let mut v = Vault::open(&path).expect("open");
        v.set_secret("k", None).expect_err("locked");
        v.unlock(b"pw").expect("unlock");
        v.set_secret("k", Some("v")).expect("usable");
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
        assert_eq!(json["kdf"]["log_n"], 15, "re-keyed at the floor");
        let mut again = Vault::open(&path).expect("open");
        again.unlock(b"pw").expect("same password");
        assert_eq!(again.secret("k").expect("secret").expect("some").as_str(), "v");
    }
}
