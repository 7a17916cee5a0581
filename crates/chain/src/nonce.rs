//! Nonces for several sends in a row without waiting for each to be mined.

use std::collections::HashMap;

use alloy::primitives::Address;
use tokio::sync::Mutex;

/// Hands out consecutive nonces per sender: the larger of the node's pending count and
/// the next one we handed out, so back-to-back sends never reuse a nonce.
#[derive(Debug, Default)]
pub struct NonceManager {
    next: Mutex<HashMap<(u64, Address), u64>>,
}

impl NonceManager {
    /// Reserves the next nonce, given the node's pending transaction count.
    pub async fn reserve(&self, chain_id: u64, from: Address, node_pending: u64) -> u64 {
        let mut map = self.next.lock().await;
        let slot = map.entry((chain_id, from)).or_insert(node_pending);
        let n = (*slot).max(node_pending);
        *slot = n + 1;
        n
    }

    /// Forgets what we handed out for a sender (after a failed broadcast), so the next
    /// reservation follows the node again.
    pub async fn reset(&self, chain_id: u64, from: Address) {
        self.next.lock().await.remove(&(chain_id, from));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn consecutive_and_follows_node() {
        let m = NonceManager::default();
        let a = Address::repeat_byte(1);
        assert_eq!(m.reserve(1, a, 5).await, 5);
        assert_eq!(m.reserve(1, a, 5).await, 6, "node has not seen 5 yet");
        assert_eq!(m.reserve(1, a, 9).await, 9, "node moved ahead (another wallet)");
        assert_eq!(m.reserve(2, a, 0).await, 0, "per chain");
        m.reset(1, a).await;
        assert_eq!(m.reserve(1, a, 7).await, 7);
    }
}
