//! Engine errors: each keeps its source and knows its IPC [`ErrorCode`], so a node
//! outage reaches the UI as `unreachable`, never as "invalid input".

use alloy::{contract::Error as ContractError, transports::TransportError};
use sonic_types::{redact::scrub, ErrorCode, IpcError};

/// Everything the engine can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// From the vault.
    #[error(transparent)]
    Vault(#[from] sonic_vault::Error),
    /// From the store.
    #[error(transparent)]
    Store(#[from] sonic_store::Error),
    /// From the chain connection (already scrubbed of RPC URLs and keys).
    #[error(transparent)]
    Chain(#[from] sonic_chain::Error),
    /// From the history watcher or the explorer.
    #[error(transparent)]
    Watcher(#[from] sonic_watcher::Error),
    /// From the IPFS content store or Pinata.
    #[error(transparent)]
    Ipfs(#[from] sonic_ipfs::Error),
    /// From the language-model provider's settings.
    #[error(transparent)]
    Llm(#[from] sonic_llm::Error),
    /// From a market-data source (prices, yields).
    #[error(transparent)]
    Defi(#[from] sonic_defi::Error),
    /// A call to one of Smart Sonic's own contracts failed (its text is scrubbed: a
    /// transport error may quote the RPC URL and its key).
    #[error("the {contract} contract did not answer: {}", scrub(&.source.to_string()))]
    Contract {
        /// Which contract ("subscription", "NFT").
        contract: &'static str,
        /// What alloy reported (boxed: it is large, and rare).
        #[source]
        source: Box<ContractError>,
    },
    /// A direct RPC read failed (its text is scrubbed like [`Error::Contract`]'s).
    #[error("{what}: {}", scrub(&.source.to_string()))]
    Rpc {
        /// What was being read.
        what: String,
        /// What the transport reported (boxed like [`Error::Contract`]'s).
        #[source]
        source: Box<TransportError>,
    },
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
    /// Filesystem or a background task.
    #[error("{0}")]
    Io(String),
}

impl Error {
    /// A failed call to Smart Sonic's `contract` ("subscription", "NFT").
    pub(crate) fn contract(contract: &'static str, source: ContractError) -> Self {
        Error::Contract { contract, source: Box::new(source) }
    }

    /// A failed RPC read of `what`.
    pub(crate) fn rpc(what: impl Into<String>, source: TransportError) -> Self {
        Error::Rpc { what: what.into(), source: Box::new(source) }
    }

    /// The category a UI or a script matches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Vault(e) => vault_code(e),
            Error::Store(e) => store_code(e),
            Error::Chain(e) => chain_code(e),
            Error::Watcher(e) => watcher_code(e),
            Error::Ipfs(e) => ipfs_code(e),
            Error::Llm(e) => llm_code(e),
            Error::Defi(e) => defi_code(e),
            Error::Contract { source, .. } => contract_code(source),
            Error::Rpc { source, .. } => transport_code(source),
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InsufficientFunds(_) => ErrorCode::InsufficientFunds,
            Error::Plan(_) => ErrorCode::PlanInvalid,
            Error::Io(_) => ErrorCode::Internal,
        }
    }

    /// The IPC form of this error (the same as `IpcError::from(error)`).
    pub fn to_ipc(&self) -> IpcError {
        IpcError::new(self.code(), self.to_string())
    }
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        e.to_ipc()
    }
}

// The matches below name every variant of the crates the workspace owns, so a new
// variant there does not compile until someone decides what the UI is told about it.

fn vault_code(e: &sonic_vault::Error) -> ErrorCode {
    use sonic_vault::Error as V;
    match e {
        V::WrongPassword => ErrorCode::WrongPassword,
        V::Locked => ErrorCode::Locked,
        V::NoWallet(_) => ErrorCode::NoWallet,
        V::Corrupt { .. } | V::AccountDamaged(_) | V::Keystore(_) => ErrorCode::Corrupt,
        V::NoAccount(_) => ErrorCode::NotFound,
        V::Mnemonic(_) | V::PrivateKey(_) | V::DuplicateAccount(_) | V::AlreadyExists(_) | V::NoMnemonic => {
            ErrorCode::InvalidInput
        }
        V::Io { .. } | V::Crypto(_) => ErrorCode::Internal,
    }
}

fn store_code(e: &sonic_store::Error) -> ErrorCode {
    use sonic_store::Error as S;
    match e {
        S::Busy(_) => ErrorCode::Busy,
        S::Invalid(_) => ErrorCode::InvalidInput,
        S::TooNew { .. } | S::Decode { .. } | S::Sled(_) => ErrorCode::Internal,
    }
}

fn chain_code(e: &sonic_chain::Error) -> ErrorCode {
    use sonic_chain::Error as C;
    match e {
        C::Unreachable { .. } | C::Timeout(_) => ErrorCode::Unreachable,
        C::ChainMismatch { .. } => ErrorCode::ChainMismatch,
        C::BadUrl(_) | C::BadContract(_) => ErrorCode::InvalidInput,
        C::Reverted(_) | C::Rejected(_) => ErrorCode::Rejected,
        C::Rpc(_) => ErrorCode::Internal,
    }
}

fn watcher_code(e: &sonic_watcher::Error) -> ErrorCode {
    use sonic_watcher::Error as W;
    match e {
        // Every URL failed past the retries, or the node could not serve a block it
        // announced: either way the node, not the user, is at fault, and trying later
        // (or another RPC) is the remedy.
        W::Unavailable(_) | W::BlockUnavailable { .. } => ErrorCode::Unreachable,
        W::Store(s) => store_code(s),
        W::Config(_) => ErrorCode::InvalidInput,
    }
}

fn ipfs_code(e: &sonic_ipfs::Error) -> ErrorCode {
    use sonic_ipfs::Error as I;
    match e {
        I::TooLarge(_) | I::Empty => ErrorCode::InvalidInput,
        I::Io(_) => ErrorCode::Internal,
        // Pinata's errors do not say whether it was down or refused; both are a remote
        // service failing, which trying again later may cure.
        I::Pinata(_) => ErrorCode::Unreachable,
        I::CidMismatch { .. } => ErrorCode::Rejected,
    }
}

fn llm_code(e: &sonic_llm::Error) -> ErrorCode {
    use sonic_llm::Error as L;
    match e {
        L::Unreachable(..) => ErrorCode::Unreachable,
        L::Http { .. } => ErrorCode::Rejected,
        L::NoFunctionCall(_) => ErrorCode::Internal,
        L::InsecureUrl(_) | L::Config(_) => ErrorCode::InvalidInput,
    }
}

/// A source that does not answer, or answers an HTTP error, is unreachable; a reply
/// that does not decode is internal.
fn defi_code(e: &sonic_defi::Error) -> ErrorCode {
    use sonic_defi::Error as D;
    match e {
        D::Unreachable { .. } | D::Http { .. } => ErrorCode::Unreachable,
        D::TooLarge { .. } | D::Malformed { .. } => ErrorCode::Internal,
        D::Config(_) => ErrorCode::InvalidInput,
    }
}

/// A transport failure (the node is down, times out, or answers with an HTTP error)
/// is `Unreachable`; an error the node answered with is a refusal; anything else (a
/// reply that does not decode) is internal.
fn transport_code(e: &TransportError) -> ErrorCode {
    use alloy::transports::RpcError;
    match e {
        RpcError::Transport(_) => ErrorCode::Unreachable,
        RpcError::ErrorResp(_) => ErrorCode::Rejected,
        _ => ErrorCode::Internal,
    }
}

fn contract_code(e: &ContractError) -> ErrorCode {
    match e {
        ContractError::TransportError(t) => transport_code(t),
        // No code at the recorded address, or an answer of another shape: the
        // contract addresses set for this network are wrong.
        ContractError::ZeroData(..) | ContractError::AbiError(_) => ErrorCode::InvalidInput,
        _ => ErrorCode::Internal,
    }
}

/// Engine result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The user gave something unreadable (an address, an amount): the parser's own
/// message, as [`Error::Invalid`].
pub(crate) fn invalid(e: impl std::fmt::Display) -> Error {
    Error::Invalid(e.to_string())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use alloy::{
        rpc::json_rpc::ErrorPayload,
        transports::{RpcError, TransportErrorKind},
    };

    use super::*;

    fn check(e: Error, want: ErrorCode) {
        let text = e.to_string();
        assert_eq!(e.code(), want, "{text}");
        let ipc = IpcError::from(e);
        assert_eq!((ipc.code, ipc.message.as_str()), (want, text.as_str()));
    }

    fn refused() -> TransportError {
        TransportErrorKind::custom_str("error sending request for url (http://127.0.0.1:9/?apikey=s3cr3t-value)")
    }

    fn answered() -> TransportError {
        RpcError::ErrorResp(ErrorPayload { code: -32000, message: "nonce too low".into(), data: None })
    }

    #[test]
    fn each_failure_has_its_code() {
        use ErrorCode as C;
        let cases: Vec<(Error, ErrorCode)> = vec![
            // The node.
            (
                sonic_chain::Error::Unreachable { url: "http://127.0.0.1:9".into(), reason: "refused".into() }.into(),
                C::Unreachable,
            ),
            (sonic_chain::Error::Timeout("0xab".into()).into(), C::Unreachable),
            (
                sonic_chain::Error::ChainMismatch { network: "local".into(), url: "u".into(), expected: 1, actual: 2 }
                    .into(),
                C::ChainMismatch,
            ),
            (sonic_chain::Error::Reverted("no".into()).into(), C::Rejected),
            (sonic_chain::Error::Rejected("underpriced".into()).into(), C::Rejected),
            (sonic_chain::Error::BadUrl("ftp://x".into()).into(), C::InvalidInput),
            (sonic_chain::Error::BadContract("0x12".into()).into(), C::InvalidInput),
            (sonic_chain::Error::Rpc("odd".into()).into(), C::Internal),
            (sonic_watcher::Error::Unavailable("all URLs failed".into()).into(), C::Unreachable),
            (sonic_watcher::Error::BlockUnavailable { block: 7 }.into(), C::Unreachable),
            (sonic_watcher::Error::Config("no RPC URL".into()).into(), C::InvalidInput),
            (sonic_watcher::Error::Store(sonic_store::Error::Busy(PathBuf::from("d"))).into(), C::Busy),
            (Error::rpc("cannot read 0xab", refused()), C::Unreachable),
            (Error::rpc("cannot read 0xab", answered()), C::Rejected),
            (Error::contract("NFT", ContractError::TransportError(refused())), C::Unreachable),
            (Error::contract("NFT", ContractError::TransportError(answered())), C::Rejected),
            (Error::contract("NFT", ContractError::NotADeploymentTransaction), C::Internal),
            // Remote services.
            (sonic_llm::Error::Unreachable("http://localhost:1".into(), "refused".into()).into(), C::Unreachable),
            (sonic_llm::Error::Http { status: 401, message: "bad key".into() }.into(), C::Rejected),
            (sonic_llm::Error::InsecureUrl("http://example.com".into()).into(), C::InvalidInput),
            (sonic_llm::Error::Config("no model".into()).into(), C::InvalidInput),
            (sonic_ipfs::Error::Pinata("cannot reach".into()).into(), C::Unreachable),
            (sonic_ipfs::Error::TooLarge(60_000_000).into(), C::InvalidInput),
            (sonic_ipfs::Error::Empty.into(), C::InvalidInput),
            (sonic_ipfs::Error::CidMismatch { ours: "a".into(), theirs: "b".into() }.into(), C::Rejected),
            (sonic_ipfs::Error::Io("disk full".into()).into(), C::Internal),
            // The vault.
            (sonic_vault::Error::Locked.into(), C::Locked),
            (sonic_vault::Error::WrongPassword.into(), C::WrongPassword),
            (sonic_vault::Error::NoWallet(PathBuf::from("v")).into(), C::NoWallet),
            (sonic_vault::Error::AccountDamaged("0x1".into()).into(), C::Corrupt),
            (sonic_vault::Error::NoAccount("bob".into()).into(), C::NotFound),
            (sonic_vault::Error::Mnemonic("bad word".into()).into(), C::InvalidInput),
            (sonic_vault::Error::Crypto("aead".into()).into(), C::Internal),
            // The store.
            (sonic_store::Error::Busy(PathBuf::from("d")).into(), C::Busy),
            (sonic_store::Error::Invalid("name".into()).into(), C::InvalidInput),
            (sonic_store::Error::Decode { tree: "t".into(), reason: "r".into() }.into(), C::Internal),
            // The engine's own refusals.
            (Error::Invalid("'0x12' is not an address".into()), C::InvalidInput),
            (Error::NotFound("no contact 'bob'".into()), C::NotFound),
            (Error::InsufficientFunds("balance 0 S".into()), C::InsufficientFunds),
            (Error::Plan("expired".into()), C::PlanInvalid),
            (Error::Io("task stopped".into()), C::Internal),
        ];
        for (e, want) in cases {
            check(e, want);
        }
    }

    #[test]
    fn a_bad_address_is_invalid_input() {
        let e = sonic_types::parse_address("0x1234").map_err(|e| Error::Invalid(e.to_string()));
        check(e.expect_err("not an address"), ErrorCode::InvalidInput);
    }

    #[test]
    fn foreign_text_is_scrubbed() {
        let e = Error::rpc("cannot read 0xab", refused());
        let text = e.to_string();
        assert!(text.starts_with("cannot read 0xab: "), "{text}");
        assert!(!text.contains("s3cr3t-value"), "{text}");
        let e = Error::contract("subscription", ContractError::TransportError(refused()));
        assert!(!e.to_string().contains("s3cr3t-value"), "{e}");
    }
}
