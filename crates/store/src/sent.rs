//! What this wallet signed and broadcast, exactly: the local record that speed-up and
//! cancel rebuild a replacement from, so that no RPC node decides what a replacement
//! sends.

use serde::{Deserialize, Serialize};
use sonic_types::{Address, U256};

use crate::{store::SENT, Result, Store};

/// The fields of one signed transaction that a replacement must keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentTx {
    /// Chain id it was signed for.
    pub chain_id: u64,
    /// Sender.
    pub from: Address,
    /// Called contract or recipient; `None` for a deployment.
    pub to: Option<Address>,
    /// Native value, wei.
    pub value: U256,
    /// Calldata, 0x-prefixed hex.
    pub input: String,
    /// Gas limit.
    pub gas_limit: u64,
    /// EIP-1559 max fee per gas, wei.
    pub max_fee: u128,
    /// EIP-1559 priority fee per gas, wei.
    pub priority_fee: u128,
    /// Nonce.
    pub nonce: u64,
}

impl Store {
    /// Records what was signed under `hash` (lowercase 0x hex), flushed to disk.
    pub fn put_sent(&self, hash: &str, tx: &SentTx) -> Result<()> {
        self.put_raw(SENT, hash.to_lowercase().as_bytes(), tx)?;
        self.flush()
    }

    /// What this wallet signed under `hash`, if it did.
    pub fn sent(&self, hash: &str) -> Result<Option<SentTx>> {
        self.get_raw(SENT, hash.to_lowercase().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sent_transactions_round_trip_by_hash_in_any_case() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let tx = SentTx {
            chain_id: 31337,
            from: Address::repeat_byte(1),
            to: Some(Address::repeat_byte(2)),
            value: U256::from(5u8),
            input: "0xa9059cbb".into(),
            gas_limit: 65_000,
            max_fee: 2_000_000_000,
            priority_fee: 1,
            nonce: 7,
        };
        let h = format!("0xAB{}", "cd".repeat(31));
        store.put_sent(&h, &tx).expect("put");
        assert_eq!(store.sent(&h.to_lowercase()).expect("get"), Some(tx));
        assert_eq!(store.sent("0x00").expect("get"), None);
    }
}
