//! Engine errors and their mapping to the IPC error codes.

use sonic_types::{ErrorCode, IpcError};

/// Everything the engine can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// From the vault.
    #[error(transparent)]
    Vault(#[from] sonic_vault::Error),
    /// From the store.
    #[error(transparent)]
    Store(#[from] sonic_store::Error),
    /// From the chain.
    #[error(transparent)]
    Chain(#[from] sonic_chain::Error),
    /// Bad input from the user.
    #[error("{0}")]
    Invalid(String),
    /// Something named does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Amount plus fee exceeds the balance.
    #[error("insufficient funds: {0}")]
    InsufficientFunds(String),
    /// The plan is unknown, used or expired.
    #[error("{0}")]
    Plan(String),
    /// Filesystem.
    #[error("{0}")]
    Io(String),
}

impl Error {
    /// The IPC form of this error.
    pub fn to_ipc(&self) -> IpcError {
        use sonic_chain::Error as C;
        use sonic_vault::Error as V;
        let code = match self {
            Error::Vault(V::WrongPassword) => ErrorCode::WrongPassword,
            Error::Vault(V::Locked) => ErrorCode::Locked,
            Error::Vault(V::NoWallet(_)) => ErrorCode::NoWallet,
            Error::Vault(V::Corrupt { .. } | V::AccountDamaged(_) | V::Keystore(_)) => ErrorCode::Corrupt,
            Error::Vault(V::NoAccount(_)) => ErrorCode::NotFound,
            Error::Vault(
                V::Mnemonic(_) | V::PrivateKey(_) | V::DuplicateAccount(_) | V::AlreadyExists(_) | V::NoMnemonic,
            ) => ErrorCode::InvalidInput,
            Error::Vault(_) => ErrorCode::Internal,
            Error::Store(sonic_store::Error::Busy(_)) => ErrorCode::Busy,
            Error::Store(sonic_store::Error::Invalid(_)) => ErrorCode::InvalidInput,
            Error::Store(_) => ErrorCode::Internal,
            Error::Chain(C::Unreachable { .. } | C::Timeout(_)) => ErrorCode::Unreachable,
            Error::Chain(C::ChainMismatch { .. }) => ErrorCode::ChainMismatch,
            Error::Chain(C::BadUrl(_) | C::BadContract(_)) => ErrorCode::InvalidInput,
            Error::Chain(C::Reverted(_) | C::Rejected(_)) => ErrorCode::Rejected,
            Error::Chain(C::Rpc(_)) => ErrorCode::Internal,
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InsufficientFunds(_) => ErrorCode::InsufficientFunds,
            Error::Plan(_) => ErrorCode::PlanInvalid,
            Error::Io(_) => ErrorCode::Internal,
        };
        IpcError::new(code, self.to_string())
    }
}

/// Engine result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
