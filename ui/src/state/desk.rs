//! The desk: what outlives a page. The chat's conversation, the confirmation cards
//! waiting for the user's answer (one per page, shown on that page only), and the
//! payment links queued behind them. A card leaves only when confirmed, cancelled or
//! expired.

use std::{collections::VecDeque, rc::Rc};

use sonic_types::dto::Plan;
use yew::prelude::*;

/// The page a card belongs to: it is shown there and nowhere else.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Slot {
    /// Asked for in the chat.
    Chat,
    /// The send form, or a payment link.
    Wallet,
    /// A speed-up or cancellation of a pending transaction.
    Activity,
    /// Saving a contact or changing its address.
    Contacts,
}

/// One chat line.
#[derive(Clone, PartialEq)]
pub(crate) struct Line {
    /// Typed by the user (else the agent's answer).
    pub(crate) from_user: bool,
    /// The text.
    pub(crate) text: String,
}

impl Line {
    /// A line typed by the user.
    pub(crate) fn user(text: impl Into<String>) -> Self {
        Self { from_user: true, text: text.into() }
    }

    /// A line from the agent.
    pub(crate) fn agent(text: impl Into<String>) -> Self {
        Self { from_user: false, text: text.into() }
    }
}

/// The desk's state.
#[derive(Clone, PartialEq)]
pub(crate) struct Desk {
    /// The chat's conversation.
    pub(crate) lines: Vec<Line>,
    /// The cards waiting for an answer, at most one per page.
    cards: Vec<(Slot, Plan)>,
    /// Payment links waiting until no card is pending.
    pub(crate) links: VecDeque<String>,
    /// A link taken from the queue whose plan is being made.
    pub(crate) link_in_flight: Option<String>,
    /// Why the last payment link was refused.
    pub(crate) link_error: Option<String>,
}

impl Default for Desk {
    fn default() -> Self {
        Self {
            lines: vec![Line::agent(
                "Hi! Ask me for your balance, to send S, or what you spent last week. Say \"help\" for more.",
            )],
            cards: Vec::new(),
            links: VecDeque::new(),
            link_in_flight: None,
            link_error: None,
        }
    }
}

impl Desk {
    /// The card waiting on a page.
    pub(crate) fn card(&self, slot: Slot) -> Option<&Plan> {
        self.cards.iter().find(|(s, _)| *s == slot).map(|(_, p)| p)
    }

    /// Whether any card waits for an answer, on any page.
    pub(crate) fn any_card(&self) -> bool {
        !self.cards.is_empty()
    }

    /// The next payment link to show, when nothing else is on a card or being planned.
    pub(crate) fn next_link(&self) -> Option<&String> {
        if self.any_card() || self.link_in_flight.is_some() {
            return None;
        }
        self.links.front()
    }
}

/// Changes to the desk.
pub(crate) enum DeskAction {
    /// Adds a line to the conversation.
    Say(Line),
    /// Puts a card on its page, in place of the one there (the caller cancels that one).
    Show(Slot, Box<Plan>),
    /// Takes a card off its page (confirmed, cancelled or expired); only if it is still
    /// the one with this id.
    Done(Slot, String),
    /// Queues a payment link.
    QueueLink(String),
    /// Takes this link, the first of the queue, to plan it.
    TakeLink(String),
    /// The link being planned was refused, with this message.
    LinkRefused(String),
    /// Clears the message of a refused link.
    ClearLinkError,
}

impl Reducible for Desk {
    type Action = DeskAction;

    fn reduce(self: Rc<Self>, action: DeskAction) -> Rc<Self> {
        let mut d = (*self).clone();
        match action {
            DeskAction::Say(line) => d.lines.push(line),
            DeskAction::Show(slot, plan) => {
                if slot == Slot::Wallet {
                    d.link_in_flight = None;
                    d.link_error = None;
                }
                d.cards.retain(|(s, _)| *s != slot);
                d.cards.push((slot, *plan));
            }
            DeskAction::Done(slot, id) => d.cards.retain(|(s, p)| !(*s == slot && p.id == id)),
            DeskAction::QueueLink(uri) => d.links.push_back(uri),
            DeskAction::TakeLink(uri) => {
                if d.next_link() != Some(&uri) {
                    return self;
                }
                d.links.pop_front();
                d.link_in_flight = Some(uri);
            }
            DeskAction::LinkRefused(message) => {
                d.link_in_flight = None;
                d.link_error = Some(message);
            }
            DeskAction::ClearLinkError => d.link_error = None,
        }
        Rc::new(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(id: &str) -> Plan {
        Plan {
            id: id.into(),
            kind: Default::default(),
            network: "local".into(),
            chain_id: 31337,
            from: Default::default(),
            to: Default::default(),
            to_label: None,
            asset: "S".into(),
            token: None,
            amount: "1".into(),
            raw: Default::default(),
            decimals: 18,
            gas_limit: 21_000,
            max_fee_per_gas: 0,
            max_priority_fee_per_gas: 0,
            max_fee: Default::default(),
            expected_fee: Default::default(),
            risks: Vec::new(),
            summary: String::new(),
            expires_at: 0,
            origin: None,
        }
    }

    fn apply(d: Desk, a: DeskAction) -> Desk {
        (*Rc::new(d).reduce(a)).clone()
    }

    #[test]
    fn links_wait_for_every_card_and_are_taken_once() {
        let mut d = Desk::default();
        d = apply(d, DeskAction::Show(Slot::Chat, Box::new(plan("a"))));
        d = apply(d, DeskAction::QueueLink("ethereum:1".into()));
        d = apply(d, DeskAction::QueueLink("ethereum:2".into()));
        assert_eq!(d.next_link(), None, "a card on any page holds links back");
        d = apply(d, DeskAction::Done(Slot::Chat, "a".into()));
        assert_eq!(d.next_link().map(String::as_str), Some("ethereum:1"));
        d = apply(d, DeskAction::TakeLink("ethereum:1".into()));
        d = apply(d, DeskAction::TakeLink("ethereum:1".into()));
        assert_eq!(d.links.len(), 1, "a link is taken once");
        assert_eq!(d.next_link(), None, "one link planned at a time");
        d = apply(d, DeskAction::Show(Slot::Wallet, Box::new(plan("b"))));
        assert_eq!(d.next_link(), None, "the link's card holds the next one back");
        d = apply(d, DeskAction::Done(Slot::Wallet, "other".into()));
        assert!(d.card(Slot::Wallet).is_some(), "only the card with that id leaves");
        d = apply(d, DeskAction::Done(Slot::Wallet, "b".into()));
        assert_eq!(d.next_link().map(String::as_str), Some("ethereum:2"));
    }
}
