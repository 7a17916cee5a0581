//! What the engine says as it happens: whether the node answers (an `unreachable`
//! error from any command, or the engine's network status) and a counter of changes
//! (balances, transactions) that pages reload on.

use std::rc::Rc;

use yew::prelude::*;

/// The live state.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct Live {
    /// Why the node is thought unreachable; `None` while it answers.
    pub(crate) offline: Option<String>,
    /// Bumped by every engine event that may change balances or history.
    pub(crate) changes: u32,
}

/// Changes to the live state.
#[derive(Debug)]
pub(crate) enum LiveAction {
    /// The node did not answer, with the error's message.
    Offline(String),
    /// The node answered.
    Online,
    /// Balances or history may have changed.
    Changed,
}

impl Reducible for Live {
    type Action = LiveAction;

    fn reduce(self: Rc<Self>, action: LiveAction) -> Rc<Self> {
        let mut l = (*self).clone();
        match action {
            LiveAction::Offline(why) => l.offline = Some(why),
            LiveAction::Online if l.offline.is_none() => return self,
            LiveAction::Online => l.offline = None,
            LiveAction::Changed => l.changes = l.changes.wrapping_add(1),
        }
        Rc::new(l)
    }
}
