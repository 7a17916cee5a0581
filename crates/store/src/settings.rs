//! Typed settings: every key of the settings tree is declared once, with the type of
//! its value, so a caller can neither misspell a key nor read it as another type.
//!
//! The names are the strings earlier versions wrote, so existing data directories
//! keep their settings. The engine declares the few whose value types it owns (the
//! conversation, the model provider, the contract addresses per chain) the same way.

use std::{borrow::Cow, fmt, marker::PhantomData};

use sonic_types::{checksum, Address};

/// A key of the settings tree and the type of the value stored under it (as JSON).
pub struct Setting<T> {
    name: Cow<'static, str>,
    value: PhantomData<fn() -> T>,
}

impl<T> Setting<T> {
    /// A fixed key.
    pub const fn new(name: &'static str) -> Self {
        Self { name: Cow::Borrowed(name), value: PhantomData }
    }

    /// One key of a family: `family:part` (for values kept per contact, per CID...).
    pub fn keyed(family: &'static str, part: impl fmt::Display) -> Self {
        Self { name: Cow::Owned(format!("{family}:{part}")), value: PhantomData }
    }

    /// The key as stored.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl<T> fmt::Debug for Setting<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Setting").field(&self.name).finish()
    }
}

/// The chosen network's name.
pub const NETWORK: Setting<String> = Setting::new("network");
/// The default account, checksummed.
pub const DEFAULT_ACCOUNT: Setting<String> = Setting::new("default_account");
/// Minutes of inactivity before the vault locks itself.
pub const AUTO_LOCK_MINUTES: Setting<u64> = Setting::new("auto_lock_minutes");
/// The Etherscan-compatible explorer's base URL (`None`: off; its key is in the vault).
pub const EXPLORER_URL: Setting<Option<String>> = Setting::new("explorer_url");
/// Pinata's base URL (`None`: pinning off; the JWT is in the vault).
pub const PINATA_URL: Setting<Option<String>> = Setting::new("pinata_url");
/// When the watched set last came in (Unix seconds): a wallet created or imported, a
/// network switched to. A new index on a chain starts at the first block mined since,
/// not at the head the watcher sees when it gets there.
pub const WATCH_SINCE: Setting<u64> = Setting::new("watch_since");
/// The web origins the user let connect to the signer RPC (revocable in Settings).
pub const SIGNER_ORIGINS: Setting<Vec<sonic_types::dto::ApprovedOrigin>> = Setting::new("signer_origins");

/// When a contact name was first saved (Unix seconds). Names are compared trimmed
/// and in lower case, as the contacts tree keeps them.
pub fn contact_added(name: &str) -> Setting<u64> {
    Setting::keyed("contact_added", name.trim().to_lowercase())
}

/// When a contact's address last changed (Unix seconds).
pub fn contact_changed(name: &str) -> Setting<u64> {
    Setting::keyed("contact_changed", name.trim().to_lowercase())
}

/// The hash of block 0 of the chain indexed under `chain_id`: a devnet started again
/// under the same id has another one, and its index starts over.
pub fn genesis(chain_id: u64) -> Setting<String> {
    Setting::keyed("genesis", chain_id)
}

/// Whether the content under `cid` (an NFT's metadata) is pinned to Pinata.
pub fn pinned(cid: &str) -> Setting<bool> {
    Setting::keyed("pinned", cid)
}

/// Cache: the end of an active Premium subscription of `account` on `chain_id` (Unix
/// seconds); `None` once it was read as inactive.
pub fn premium_until(chain_id: u64, account: &Address) -> Setting<Option<u64>> {
    Setting::keyed("premium_until", format!("{chain_id}:{}", checksum(account)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn keys_are_the_strings_older_versions_wrote() {
        let a: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8".parse().expect("address");
        let cases = [
            (NETWORK.name().to_string(), "network"),
            (DEFAULT_ACCOUNT.name().to_string(), "default_account"),
            (AUTO_LOCK_MINUTES.name().to_string(), "auto_lock_minutes"),
            (EXPLORER_URL.name().to_string(), "explorer_url"),
            (PINATA_URL.name().to_string(), "pinata_url"),
            (contact_added(" Alice ").name().to_string(), "contact_added:alice"),
            (contact_changed("bob").name().to_string(), "contact_changed:bob"),
            (pinned("bafk").name().to_string(), "pinned:bafk"),
            (premium_until(146, &a).name().to_string(), "premium_until:146:0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn values_written_by_older_versions_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            // What the untyped API wrote: JSON under the plain key.
            let db = sled::open(dir.path()).expect("raw");
            let t = db.open_tree("settings").expect("tree");
            t.insert("network", br#""testnet""#.as_slice()).expect("ins");
            t.insert("auto_lock_minutes", b"5".as_slice()).expect("ins");
            t.insert("contact_added:alice", b"1700000000".as_slice()).expect("ins");
            t.insert("pinata_url", b"null".as_slice()).expect("ins");
            db.flush().expect("flush");
        }
        let s = Store::open(dir.path()).expect("open");
        assert_eq!(s.setting(&NETWORK).expect("get").as_deref(), Some("testnet"));
        assert_eq!(s.setting(&AUTO_LOCK_MINUTES).expect("get"), Some(5));
        assert_eq!(s.setting(&contact_added("Alice")).expect("get"), Some(1_700_000_000));
        assert_eq!(s.setting(&PINATA_URL).expect("get"), Some(None));
        assert_eq!(s.setting(&DEFAULT_ACCOUNT).expect("get"), None);
        s.set_setting(&pinned("bafk"), &true).expect("set");
        assert_eq!(s.setting(&pinned("bafk")).expect("get"), Some(true));
    }
}
