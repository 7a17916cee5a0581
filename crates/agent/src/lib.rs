//! The agent's intent pipeline. `parse` is pure: text in, action out, offline, and it
//! never fails (an unintelligible message is `unknown`).

use std::collections::BTreeMap;

use sonic_types::{action::Action, action::Intent, Address};

/// An address book for the parser: lowercase names to addresses.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    map: BTreeMap<String, Address>,
}

impl Contacts {
    /// Adds a name (case-insensitive).
    pub fn insert(&mut self, name: &str, address: Address) {
        self.map.insert(name.trim().to_lowercase(), address);
    }
    /// Looks a name up (case-insensitive).
    pub fn get(&self, name: &str) -> Option<Address> {
        self.map.get(&name.trim().to_lowercase()).copied()
    }
}

/// Parses a chat message into an action.
pub fn parse(_text: &str, _contacts: &Contacts) -> Action {
    Action::new(Intent::Unknown)
}
