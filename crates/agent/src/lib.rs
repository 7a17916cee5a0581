//! The agent's intent pipeline: normalise -> tokens -> intent and entities -> action.
//! [`parse`] is pure (text in, action out), offline, and never fails: a message it
//! does not understand is `unknown`, one it half understands asks for what is missing.
//!
//! Invariant: a message that is not the user's own order to move funds never becomes a
//! `ready` send, swap, stake or contact change, and [`merge_model`] keeps a language
//! model's reading from making one either.

use std::collections::BTreeMap;

use sonic_types::{action::Action, Address};

mod conversation;
mod entities;
mod intent;
mod lexicon;
mod model_merge;
mod msg;
mod normalise;
pub mod reply;
mod secret;
mod tokens;
mod validate;

pub use conversation::{Conversation, Turn};
pub use model_merge::merge_model;
pub use secret::{may_hold_private_key, private_key_warning};
pub use validate::validate;

/// An address book for the parser: lowercase names to addresses.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    map: BTreeMap<String, Address>,
    provided: bool,
}

impl Contacts {
    /// An address book that is known to be complete: names not in it are unknown.
    pub fn new() -> Self {
        Self { map: BTreeMap::new(), provided: true }
    }
    /// Adds a name (case-insensitive).
    pub fn insert(&mut self, name: &str, address: Address) {
        self.provided = true;
        self.map.insert(name.trim().to_lowercase(), address);
    }
    /// Looks a name up (case-insensitive).
    pub fn get(&self, name: &str) -> Option<Address> {
        self.map.get(&name.trim().to_lowercase()).copied()
    }
    /// Whether this book is authoritative (given by the user or the store).
    pub fn provided(&self) -> bool {
        self.provided
    }
}

/// Parses a chat message into an action.
pub fn parse(text: &str, contacts: &Contacts) -> Action {
    match normalise::normalise(text) {
        Some(clean) => intent::classify(&msg::Msg::new(&clean), contacts),
        None => {
            let mut a = Action::new(sonic_types::action::Intent::Unknown);
            a.note = Some("that message is too long to be a wallet request".into());
            a
        }
    }
}
