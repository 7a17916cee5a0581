//! The agent's action: what a chat message means, as `sonic agent parse` prints it
//! (see shared/docs/agent-actions.md).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What the user wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// Show balances.
    Balance,
    /// Move funds to someone.
    Send,
    /// Ask about past transactions.
    History,
    /// Status of one transaction.
    TxStatus,
    /// Mint an NFT.
    NftMint,
    /// Yield, staking, price or pool questions.
    DefiQuery,
    /// Subscription status or purchase.
    Subscription,
    /// Save an address book entry.
    AddContact,
    /// Receive: show the address or a payment link.
    PaymentRequest,
    /// Swap one asset for another.
    Swap,
    /// Stake (delegate) S.
    Stake,
    /// What the agent can do, how things work.
    Help,
    /// Not understood, off-topic, or not the user's own order.
    Unknown,
}

impl Intent {
    /// Whether a ready action of this intent would move funds.
    pub fn moves_funds(self) -> bool {
        matches!(self, Intent::Send | Intent::Swap | Intent::Stake)
    }
}

/// Whether an action can be planned as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every required slot is present and valid.
    Ready,
    /// Something is absent, invalid or ambiguous; see `missing`.
    NeedsClarification,
}

/// The parsed meaning of one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Action {
    /// The intent.
    pub intent: Intent,
    /// Ready or not.
    pub status: Status,
    /// Slots absent or invalid, by name.
    pub missing: Vec<String>,
    /// Slot values (strings, or integers for `limit` and `period_days`).
    #[cfg_attr(feature = "specta", specta(type = BTreeMap<String, SlotValue>))]
    pub slots: BTreeMap<String, serde_json::Value>,
    /// A short explanation of what was understood or what is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Action {
    /// An action of `intent` with no slots, ready.
    pub fn new(intent: Intent) -> Self {
        Self { intent, status: Status::Ready, missing: Vec::new(), slots: BTreeMap::new(), note: None }
    }

    /// A string slot, if present.
    pub fn slot(&self, key: &str) -> Option<&str> {
        self.slots.get(key).and_then(|v| v.as_str())
    }
}

/// A slot value as the TypeScript bindings describe it: a string, or a number for
/// `limit` and `period_days`.
#[cfg(feature = "specta")]
#[derive(specta::Type, Serialize)]
#[serde(untagged)]
pub enum SlotValue {
    /// Text slots.
    Text(String),
    /// Counts.
    Number(f64),
}
