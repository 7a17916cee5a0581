//! Vault errors.

use std::path::PathBuf;

/// Everything that can go wrong in the vault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The password does not open the vault (or the file's header was modified).
    #[error("wrong password")]
    WrongPassword,
    /// The vault is locked.
    #[error("the wallet is locked")]
    Locked,
    /// No vault file exists yet.
    #[error("no wallet in {0} (create or import one first)")]
    NoWallet(PathBuf),
    /// A vault file already exists where a new one was to be created.
    #[error("a wallet already exists in {0}")]
    AlreadyExists(PathBuf),
    /// The vault file cannot be read as a vault.
    #[error("the wallet file {path} is damaged: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// One account's secret fails authentication; the other accounts are unaffected.
    #[error("the key of account {0} is damaged or was tampered with")]
    AccountDamaged(String),
    /// A keystore file is malformed or uses something unsupported.
    #[error("invalid keystore: {0}")]
    Keystore(String),
    /// The mnemonic phrase is not a valid English BIP-39 phrase.
    #[error("invalid mnemonic: {0}")]
    Mnemonic(String),
    /// A private key is not 32 bytes of hex or not a valid secp256k1 scalar.
    #[error("invalid private key: {0}")]
    PrivateKey(String),
    /// The account does not exist.
    #[error("no account {0}")]
    NoAccount(String),
    /// The account is already in the vault.
    #[error("account {0} is already in the wallet")]
    DuplicateAccount(String),
    /// The operation needs a mnemonic and the vault has none.
    #[error("this wallet has no mnemonic (it holds imported keys only)")]
    NoMnemonic,
    /// Filesystem error.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A cryptographic primitive failed (should not happen with valid parameters).
    #[error("crypto error: {0}")]
    Crypto(String),
}

impl Error {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }
}

/// Vault result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
