//! The agent's intent pipeline: normalise -> tokens -> typo reading -> intent and
//! entities -> action. [`parse`] is pure (text in, action out), offline, and never
//! fails: a message it does not understand is `unknown`, one it half understands asks
//! for what is missing, and a misspelt word it read as another says so in the note
//! ([`reply::read_as`]).
//!
//! Invariant: a message that is not the user's own order to move funds never becomes a
//! `ready` send, swap, stake or contact change, and [`merge_model`] keeps a language
//! model's reading from making one either.

use std::collections::BTreeMap;

use sonic_types::{
    action::{Action, Intent},
    Address,
};

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
mod typo;
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

/// Parses a chat message into an action. Misspelt words it read as lexicon words are
/// named at the head of the action's note ([`reply::read_as`]).
pub fn parse(text: &str, contacts: &Contacts) -> Action {
    match normalise::normalise(text) {
        Some(clean) => read(&clean, contacts),
        None => {
            let mut a = Action::new(Intent::Unknown);
            a.note = Some("that message is too long to be a wallet request".into());
            a
        }
    }
}

/// Whether a ready action of this reading would change anything (funds, contacts, the
/// subscription, a new NFT).
fn changes_state(a: &Action) -> bool {
    matches!(a.intent, Intent::Send | Intent::Swap | Intent::Stake | Intent::AddContact | Intent::NftMint)
        || (a.intent == Intent::Subscription && a.slot("action") == Some("purchase"))
}

fn read(clean: &str, contacts: &Contacts) -> Action {
    let mut m = msg::Msg::new(clean);
    m.mark_bare_possessives(contacts);
    let mut fixes = typo::correct(&mut m, contacts);
    let mut a = intent::classify(&m, contacts);
    if fixes.is_empty() {
        return a;
    }
    // A verb of an order read into a place where the sentence has no order's shape
    // ("my sedn phrase") would make an order the user did not give: typed as it was.
    if changes_state(&a) {
        let (unshaped, kept): (Vec<typo::Fix>, Vec<typo::Fix>) =
            fixes.into_iter().partition(|f| typo::reads_order_verb(f) && !typo::order_shaped(&m, f.at));
        if !unshaped.is_empty() {
            for f in &unshaped {
                typo::undo(&mut m, f);
            }
            a = intent::classify(&m, contacts);
        }
        fixes = kept;
    }
    // Corrections that lead to no reading are not offered as one.
    if a.intent == Intent::Unknown && !intent::is_refusal(&a) {
        for f in &fixes {
            typo::undo(&mut m, f);
        }
        return intent::classify(&m, contacts);
    }
    let pairs: Vec<(String, String)> = fixes.into_iter().map(|f| (f.typed, f.read.to_string())).collect();
    reply::add_read_as(&mut a, &pairs);
    a
}
