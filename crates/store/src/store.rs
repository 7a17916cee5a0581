//! The `Store` handle and its typed accessors.

use std::path::{Path, PathBuf};

use serde::{de::DeserializeOwned, Serialize};
use sonic_types::{
    dto::{Contact, TokenInfo, TxRecord},
    Address, Network,
};

use crate::{migrate, settings::Setting, Error, Result};

const CONTACTS: &str = "contacts";
const TOKENS: &str = "tokens";
const TXS: &str = "txs";
const TXS_BY_ACCOUNT: &str = "txs_by_account";
const TXS_BY_BLOCK: &str = "txs_by_block";
const WATCH: &str = "watch";
const BALANCES: &str = "balances";
const NETWORKS: &str = "networks";
const SETTINGS: &str = "settings";
pub(crate) const SENT: &str = "sent";

/// How many times a locked store is tried again, and how long apart.
const BUSY_RETRIES: u32 = 15;
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// An open store. Cheap to clone (sled handles are reference counted).
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn encode<T: Serialize>(tree: &str, v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| Error::Decode { tree: tree.into(), reason: e.to_string() })
}

fn decode<T: DeserializeOwned>(tree: &str, bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|e| Error::Decode { tree: tree.into(), reason: e.to_string() })
}

fn is_lock_error(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => io.kind() == std::io::ErrorKind::WouldBlock || io.to_string().contains("lock"),
        _ => false,
    }
}

impl Store {
    /// Opens (or creates) the store in `dir`, migrating it to the current schema.
    pub fn open(dir: &Path) -> Result<Self> {
        // sled releases its file lock from a background thread after the last handle
        // is dropped: a store closed a moment ago in this process (a restore, a
        // reopen) may still be locked for a short while. Another process holding it
        // stays Busy after the retries.
        let mut tries = 0;
        let db = loop {
            match sled::Config::new().path(dir).open() {
                Ok(db) => break db,
                Err(e) if is_lock_error(&e) && tries < BUSY_RETRIES => {
                    tries += 1;
                    std::thread::sleep(BUSY_WAIT);
                }
                Err(e) if is_lock_error(&e) => return Err(Error::Busy(dir.to_path_buf())),
                Err(e) => return Err(Error::Sled(e)),
            }
        };
        let store = Self { db, path: dir.to_path_buf() };
        match migrate::stored_version(&store.db)? {
            Some(v) => migrate::migrate(&store.db, v, dir)?,
            None if store.db.open_tree(CONTACTS)?.is_empty() => {
                migrate::set_version(&store.db, migrate::SCHEMA_VERSION)?
            }
            None => migrate::migrate(&store.db, 0, dir)?,
        }
        Ok(store)
    }

    /// The folder holding the database.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version on disk.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(migrate::stored_version(&self.db)?.unwrap_or(0))
    }

    /// Writes everything to disk.
    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }

    /// Writes one JSON value under `key` in `tree` (crate-internal for typed modules).
    pub(crate) fn put_raw<T: Serialize>(&self, tree: &str, key: &[u8], value: &T) -> Result<()> {
        self.db.open_tree(tree)?.insert(key, encode(tree, value)?)?;
        Ok(())
    }

    /// Reads one JSON value under `key` in `tree`.
    pub(crate) fn get_raw<T: DeserializeOwned>(&self, tree: &str, key: &[u8]) -> Result<Option<T>> {
        self.db.open_tree(tree)?.get(key)?.map(|v| decode(tree, &v)).transpose()
    }

    // ---- settings ----

    /// A setting's value, if set (keys are declared in [`crate::settings`]).
    pub fn setting<T: DeserializeOwned>(&self, key: &Setting<T>) -> Result<Option<T>> {
        self.db.open_tree(SETTINGS)?.get(key.name())?.map(|v| decode(SETTINGS, &v)).transpose()
    }

    /// Sets a setting.
    pub fn set_setting<T: Serialize>(&self, key: &Setting<T>, value: &T) -> Result<()> {
        self.db.open_tree(SETTINGS)?.insert(key.name(), encode(SETTINGS, value)?)?;
        self.db.flush()?;
        Ok(())
    }

    // ---- contacts ----

    /// Adds or updates a contact (name lowercased). Returns the previous address when
    /// the name already existed with another address.
    pub fn put_contact(&self, name: &str, address: Address, now: u64) -> Result<Option<Address>> {
        let name = name.trim().to_lowercase();
        if name.is_empty() || name.len() > 64 || name.starts_with("0x") {
            return Err(Error::Invalid(format!("'{name}' is not a usable contact name")));
        }
        let tree = self.db.open_tree(CONTACTS)?;
        let old: Option<Contact> = tree.get(&name)?.map(|v| decode(CONTACTS, &v)).transpose()?;
        let updated_at = match &old {
            Some(c) if c.address == address => c.updated_at,
            _ => now,
        };
        let contact = Contact { name: name.clone(), address, updated_at };
        tree.insert(name.as_bytes(), encode(CONTACTS, &contact)?)?;
        self.db.flush()?;
        Ok(old.filter(|c| c.address != address).map(|c| c.address))
    }

    /// One contact by name (case-insensitive).
    pub fn contact(&self, name: &str) -> Result<Option<Contact>> {
        let key = name.trim().to_lowercase();
        self.db.open_tree(CONTACTS)?.get(key)?.map(|v| decode(CONTACTS, &v)).transpose()
    }

    /// All contacts, by name.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        self.db.open_tree(CONTACTS)?.iter().values().map(|v| decode(CONTACTS, &v?)).collect()
    }

    /// Removes a contact; whether it existed.
    pub fn remove_contact(&self, name: &str) -> Result<bool> {
        let removed = self.db.open_tree(CONTACTS)?.remove(name.trim().to_lowercase())?.is_some();
        self.db.flush()?;
        Ok(removed)
    }

    // ---- tokens ----

    fn token_key(chain_id: u64, address: &Address) -> Vec<u8> {
        [chain_id.to_be_bytes().as_slice(), address.as_slice()].concat()
    }

    /// Registers a token on a chain.
    pub fn put_token(&self, chain_id: u64, token: &TokenInfo) -> Result<()> {
        self.db.open_tree(TOKENS)?.insert(Self::token_key(chain_id, &token.address), encode(TOKENS, token)?)?;
        self.db.flush()?;
        Ok(())
    }

    /// Tokens registered on a chain.
    pub fn tokens(&self, chain_id: u64) -> Result<Vec<TokenInfo>> {
        self.db.open_tree(TOKENS)?.scan_prefix(chain_id.to_be_bytes()).values().map(|v| decode(TOKENS, &v?)).collect()
    }

    /// Removes a token; whether it was registered.
    pub fn remove_token(&self, chain_id: u64, address: &Address) -> Result<bool> {
        let r = self.db.open_tree(TOKENS)?.remove(Self::token_key(chain_id, address))?.is_some();
        self.db.flush()?;
        Ok(r)
    }

    // ---- transactions ----

    fn account_key(account: &Address, timestamp: u64, id: &str) -> Vec<u8> {
        [account.as_slice(), &timestamp.to_be_bytes(), id.as_bytes()].concat()
    }

    fn block_key(chain_id: u64, block: u64, id: &str) -> Vec<u8> {
        [&chain_id.to_be_bytes()[..], &block.to_be_bytes(), id.as_bytes()].concat()
    }

    /// Inserts or updates one record and its indexes, in one sled transaction, and
    /// flushes: a transaction the user sent is on disk before anything else happens.
    pub fn put_tx(&self, tx: &TxRecord) -> Result<()> {
        self.apply(None, std::slice::from_ref(tx), &[])?;
        self.db.flush()?;
        Ok(())
    }

    /// Writes records, their indexes (by account and time, by block), new block hashes
    /// and the watcher's cursor atomically: after a crash either all of a batch is in
    /// the store or none of it is. Not flushed here (sled flushes in the background):
    /// a batch lost to a crash is indexed again from the cursor, which moved with it.
    pub fn apply(&self, cursor: Option<(u64, u64)>, records: &[TxRecord], hashes: &[(u64, u64, String)]) -> Result<()> {
        use sled::Transactional;
        let txs = self.db.open_tree(TXS)?;
        let by_account = self.db.open_tree(TXS_BY_ACCOUNT)?;
        let by_block = self.db.open_tree(TXS_BY_BLOCK)?;
        let watch = self.db.open_tree(WATCH)?;
        let mut rows = Vec::with_capacity(records.len());
        for tx in records {
            let id = tx.id();
            let bytes = encode(TXS, tx)?;
            let keys = [Self::account_key(&tx.from, tx.timestamp, &id), Self::account_key(&tx.to, tx.timestamp, &id)];
            let block = tx.block.map(|b| Self::block_key(tx.chain_id, b, &id));
            rows.push((id, bytes, keys, block));
        }
        (&txs, &by_account, &by_block, &watch)
            .transaction(|(t, a, b, w)| {
                for (id, bytes, keys, block) in &rows {
                    t.insert(id.as_bytes(), bytes.as_slice())?;
                    for k in keys {
                        a.insert(k.as_slice(), &[])?;
                    }
                    if let Some(k) = block {
                        b.insert(k.as_slice(), &[])?;
                    }
                }
                for (chain, number, hash) in hashes {
                    w.insert(Self::hash_key(*chain, *number), hash.as_bytes())?;
                }
                if let Some((chain, block)) = cursor {
                    w.insert(Self::cursor_key(chain), &block.to_be_bytes())?;
                }
                Ok::<_, sled::transaction::ConflictableTransactionError<()>>(())
            })
            .map_err(|e| Error::Invalid(format!("cannot record transactions: {e:?}")))?;
        Ok(())
    }

    /// A record by id (a transaction hash, or `hash-logIndex`).
    pub fn tx(&self, id: &str) -> Result<Option<TxRecord>> {
        self.db.open_tree(TXS)?.get(id)?.map(|v| decode(TXS, &v)).transpose()
    }

    /// Records touching `account`, newest first.
    pub fn txs_for(&self, account: &Address) -> Result<Vec<TxRecord>> {
        let idx = self.db.open_tree(TXS_BY_ACCOUNT)?;
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for item in idx.scan_prefix(account.as_slice()).rev() {
            let (key, _) = item?;
            let id = String::from_utf8_lossy(&key[28..]).into_owned();
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(tx) = self.tx(&id)? {
                out.push(tx);
            }
        }
        Ok(out)
    }

    /// Every record on a chain, by block (for tests and exports).
    pub fn txs_on_chain(&self, chain_id: u64) -> Result<Vec<TxRecord>> {
        let idx = self.db.open_tree(TXS_BY_BLOCK)?;
        let mut out = Vec::new();
        for item in idx.scan_prefix(chain_id.to_be_bytes()) {
            let (key, _) = item?;
            if let Some(tx) = self.tx(&String::from_utf8_lossy(&key[16..]))? {
                out.push(tx);
            }
        }
        Ok(out)
    }

    /// Pending records of a chain (the user's transactions not mined yet).
    pub fn pending(&self, chain_id: u64) -> Result<Vec<TxRecord>> {
        let mut out = Vec::new();
        for v in self.db.open_tree(TXS)?.iter().values() {
            let tx: TxRecord = decode(TXS, &v?)?;
            if tx.chain_id == chain_id && tx.state == sonic_types::dto::TxState::Pending {
                out.push(tx);
            }
        }
        Ok(out)
    }

    /// Whether `from` ever paid `to` on `chain_id`: a confirmed, trusted record only. A
    /// pending, failed, dropped or replaced transaction, or an untrusted record (a lure,
    /// an unregistered token), does not make a payee known.
    pub fn has_paid(&self, chain_id: u64, from: &Address, to: &Address) -> Result<bool> {
        Ok(self.txs_for(from)?.iter().any(|t| {
            t.chain_id == chain_id
                && t.from == *from
                && t.to == *to
                && !t.untrusted
                && t.state == sonic_types::dto::TxState::Confirmed
                // "0 S to a contract" (a call, a token transfer's own transaction) pays
                // nobody.
                && !(t.token.is_none() && t.raw.is_zero())
        }))
    }

    // ---- watcher state ----

    fn cursor_key(chain_id: u64) -> Vec<u8> {
        [b"cursor".as_slice(), &chain_id.to_be_bytes()].concat()
    }

    fn hash_key(chain_id: u64, block: u64) -> Vec<u8> {
        [b"hash".as_slice(), &chain_id.to_be_bytes(), &block.to_be_bytes()].concat()
    }

    /// The last block the watcher indexed on a chain.
    pub fn cursor(&self, chain_id: u64) -> Result<Option<u64>> {
        let v = self.db.open_tree(WATCH)?.get(Self::cursor_key(chain_id))?;
        Ok(v.and_then(|b| b.as_ref().try_into().ok().map(u64::from_be_bytes)))
    }

    /// The hash the watcher saw for a block.
    pub fn block_hash(&self, chain_id: u64, block: u64) -> Result<Option<String>> {
        let v = self.db.open_tree(WATCH)?.get(Self::hash_key(chain_id, block))?;
        Ok(v.map(|b| String::from_utf8_lossy(&b).into_owned()))
    }

    /// Forgets block hashes below `keep_from` (the reorg window).
    pub fn prune_hashes(&self, chain_id: u64, keep_from: u64) -> Result<()> {
        let w = self.db.open_tree(WATCH)?;
        let start = Self::hash_key(chain_id, 0);
        let end = Self::hash_key(chain_id, keep_from);
        for k in w.range(start..end).keys() {
            w.remove(k?)?;
        }
        Ok(())
    }

    /// Undoes everything indexed above `fork` (a reorganisation): records, their
    /// indexes and block hashes go, and the cursor moves back to `fork`, atomically.
    pub fn rollback(&self, chain_id: u64, fork: u64) -> Result<usize> {
        use sled::Transactional;
        let by_block = self.db.open_tree(TXS_BY_BLOCK)?;
        let mut doomed = Vec::new();
        for item in by_block.range(Self::block_key(chain_id, fork + 1, "")..Self::block_key(chain_id + 1, 0, "")) {
            let (key, _) = item?;
            let id = String::from_utf8_lossy(&key[16..]).into_owned();
            if let Some(tx) = self.tx(&id)? {
                doomed.push((key.to_vec(), tx));
            }
        }
        let w = self.db.open_tree(WATCH)?;
        let hashes: Vec<_> = w
            .range(Self::hash_key(chain_id, fork + 1)..Self::hash_key(chain_id, u64::MAX))
            .keys()
            .collect::<std::result::Result<_, _>>()?;
        let txs = self.db.open_tree(TXS)?;
        let by_account = self.db.open_tree(TXS_BY_ACCOUNT)?;
        (&txs, &by_account, &by_block, &w)
            .transaction(|(t, a, b, wt)| {
                for (bkey, tx) in &doomed {
                    let id = tx.id();
                    t.remove(id.as_bytes())?;
                    a.remove(Self::account_key(&tx.from, tx.timestamp, &id))?;
                    a.remove(Self::account_key(&tx.to, tx.timestamp, &id))?;
                    b.remove(bkey.as_slice())?;
                }
                for h in &hashes {
                    wt.remove(h)?;
                }
                wt.insert(Self::cursor_key(chain_id), &fork.to_be_bytes())?;
                Ok::<_, sled::transaction::ConflictableTransactionError<()>>(())
            })
            .map_err(|e| Error::Invalid(format!("cannot roll back: {e:?}")))?;
        self.db.flush()?;
        Ok(doomed.len())
    }

    // ---- balance cache ----

    fn balance_key(chain_id: u64, account: &Address, token: Option<&Address>) -> Vec<u8> {
        [&chain_id.to_be_bytes()[..], account.as_slice(), token.map(|t| t.as_slice()).unwrap_or(&[0u8; 20])].concat()
    }

    /// Caches a balance with the block it was read at.
    pub fn put_balance(
        &self,
        chain_id: u64,
        account: &Address,
        token: Option<&Address>,
        raw: &sonic_types::U256,
        block: u64,
    ) -> Result<()> {
        let v = serde_json::json!({"raw": raw.to_string(), "block": block});
        self.db.open_tree(BALANCES)?.insert(Self::balance_key(chain_id, account, token), encode(BALANCES, &v)?)?;
        Ok(())
    }

    /// A cached balance and its block.
    pub fn balance(
        &self,
        chain_id: u64,
        account: &Address,
        token: Option<&Address>,
    ) -> Result<Option<(sonic_types::U256, u64)>> {
        let Some(v) = self.db.open_tree(BALANCES)?.get(Self::balance_key(chain_id, account, token))? else {
            return Ok(None);
        };
        let v: serde_json::Value = decode(BALANCES, &v)?;
        let raw = v["raw"].as_str().and_then(|s| s.parse().ok());
        Ok(raw.zip(v["block"].as_u64()))
    }

    // ---- networks ----

    /// User-added networks.
    pub fn custom_networks(&self) -> Result<Vec<Network>> {
        self.db.open_tree(NETWORKS)?.iter().values().map(|v| decode(NETWORKS, &v?)).collect()
    }

    /// Adds or replaces a user network.
    pub fn put_network(&self, net: &Network) -> Result<()> {
        self.db.open_tree(NETWORKS)?.insert(net.name.as_bytes(), encode(NETWORKS, net)?)?;
        self.db.flush()?;
        Ok(())
    }

    /// Removes a user network.
    pub fn remove_network(&self, name: &str) -> Result<bool> {
        let r = self.db.open_tree(NETWORKS)?.remove(name)?.is_some();
        self.db.flush()?;
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sonic_types::{dto::TxState, U256};

    fn addr(b: u8) -> Address {
        Address::repeat_byte(b)
    }

    #[test]
    fn contacts_are_lowercase_and_track_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        assert_eq!(s.put_contact("Alice", addr(1), 10).expect("put"), None);
        assert_eq!(s.contact("ALICE").expect("get").expect("some").address, addr(1));
        assert_eq!(s.put_contact("alice", addr(2), 20).expect("put"), Some(addr(1)));
        assert_eq!(s.contact("alice").expect("get").expect("some").updated_at, 20);
        assert!(s.put_contact("0xabc", addr(3), 1).is_err());
        assert!(s.remove_contact("Alice").expect("rm"));
        assert!(s.contacts().expect("list").is_empty());
    }

    #[test]
    fn txs_indexed_by_account() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        for (i, h) in ["0xa", "0xb"].iter().enumerate() {
            s.put_tx(&TxRecord {
                hash: h.to_string(),
                chain_id: 1,
                from: addr(1),
                to: addr(2),
                asset: "S".into(),
                token: None,
                raw: U256::from(5u8),
                decimals: 18,
                nonce: i as u64,
                state: TxState::Pending,
                block: None,
                timestamp: 100 + i as u64,
                log_index: None,
                untrusted: false,
                replaced_by: None,
                reason: None,
                received: None,
            })
            .expect("put");
        }
        let mine = s.txs_for(&addr(1)).expect("list");
        assert_eq!(mine.iter().map(|t| t.hash.as_str()).collect::<Vec<_>>(), ["0xb", "0xa"]);
        assert_eq!(s.txs_for(&addr(2)).expect("list").len(), 2);
    }

    #[test]
    fn only_a_confirmed_trusted_payment_makes_a_payee_known() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let rec = |hash: &str, state: TxState, untrusted: bool| TxRecord {
            hash: hash.into(),
            chain_id: 1,
            from: addr(1),
            to: addr(2),
            asset: "S".into(),
            token: None,
            raw: U256::from(5u8),
            decimals: 18,
            nonce: 0,
            state,
            block: Some(1),
            timestamp: 100,
            log_index: None,
            untrusted,
            replaced_by: None,
            reason: None,
            received: None,
        };
        for (i, state) in
            [TxState::Pending, TxState::Failed, TxState::Dropped, TxState::Replaced].into_iter().enumerate()
        {
            s.put_tx(&rec(&format!("0xa{i}"), state, false)).expect("put");
        }
        s.put_tx(&rec("0xb", TxState::Confirmed, true)).expect("put");
        assert!(!s.has_paid(1, &addr(1), &addr(2)).expect("q"), "nothing confirmed and trusted yet");
        s.put_tx(&rec("0xc", TxState::Confirmed, false)).expect("put");
        assert!(s.has_paid(1, &addr(1), &addr(2)).expect("q"));
        assert!(!s.has_paid(1, &addr(2), &addr(1)).expect("q"));
        assert!(!s.has_paid(2, &addr(1), &addr(2)).expect("q"), "another chain");
        // "0 S" to a contract (a call, a token transfer's own transaction) pays nobody.
        let zero = TxRecord { to: addr(3), raw: U256::ZERO, ..rec("0xd", TxState::Confirmed, false) };
        s.put_tx(&zero).expect("put");
        assert!(!s.has_paid(1, &addr(1), &addr(3)).expect("q"));
    }

    #[test]
    fn second_open_is_busy_not_corrupt() {
        let dir = tempfile::tempdir().expect("tempdir");
        let _first = Store::open(dir.path()).expect("open");
        // sled locks the folder per process with flock; a second handle in the same
        // process gets the same error a second process would.
        match Store::open(dir.path()) {
            Err(Error::Busy(p)) => assert_eq!(p, dir.path()),
            other => panic!("expected Busy, got {other:?}"),
        }
    }

    #[test]
    fn migrates_v0_contacts() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let db = sled::open(dir.path()).expect("raw");
            let c = serde_json::json!({"name": "Alice", "address": addr(1), "updated_at": 1});
            db.open_tree(CONTACTS).expect("t").insert("Alice", serde_json::to_vec(&c).expect("ser")).expect("ins");
            db.flush().expect("flush");
        }
        let s = Store::open(dir.path()).expect("open");
        assert_eq!(s.schema_version().expect("v"), crate::SCHEMA_VERSION);
        assert_eq!(s.contact("alice").expect("get").expect("migrated").name, "alice");
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let db = sled::open(dir.path()).expect("raw");
            crate::migrate::set_version(&db, 99).expect("set");
            db.flush().expect("flush");
        }
        assert!(matches!(Store::open(dir.path()), Err(Error::TooNew { found: 99, .. })));
    }
}
