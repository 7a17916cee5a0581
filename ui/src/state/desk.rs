//! The desk: what outlives a page. The chat's conversation, the confirmation cards
//! waiting for the user's answer (one per page, shown on that page only), the payment
//! links queued behind them, and the plans other clients proposed (the CLI, the MCP
//! server, the signer RPC), shown one after another above every page. A card leaves
//! when confirmed, cancelled or expired, here or elsewhere (`Resolved`).

use std::{collections::VecDeque, rc::Rc};

use sonic_types::dto::{Plan, PlanOutcome};
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
    /// A staking move from the DeFi page.
    Defi,
    /// A Premium purchase from the Premium page.
    Premium,
    /// A mint from the NFTs page.
    Nfts,
    /// A plan another client proposed, or one still pending from before a reload:
    /// shown above every page.
    Outside,
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
    /// Plans proposed from outside, waiting behind the outside card on screen.
    pub(crate) proposed: VecDeque<Plan>,
    /// Plans this window is answering now (its own confirm or cancel): their end
    /// elsewhere is this answer, so the card leaves through its own `Done`.
    answering: Vec<String>,
    /// What happened to the last outside card that ended elsewhere.
    pub(crate) outside_note: Option<String>,
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
            proposed: VecDeque::new(),
            answering: Vec::new(),
            outside_note: None,
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

    /// Whether a plan is on a card or queued.
    fn holds(&self, id: &str) -> bool {
        self.cards.iter().any(|(_, p)| p.id == id) || self.proposed.iter().any(|p| p.id == id)
    }

    /// Shows the next proposed plan when no outside card is on screen.
    fn promote(&mut self) {
        if self.card(Slot::Outside).is_none() {
            if let Some(p) = self.proposed.pop_front() {
                self.cards.push((Slot::Outside, p));
            }
        }
    }
}

/// How a plan that ended elsewhere ended, in words.
fn ended(outcome: &PlanOutcome) -> &'static str {
    match outcome {
        PlanOutcome::Confirmed { .. } => "was confirmed elsewhere",
        PlanOutcome::Rejected => "was rejected elsewhere",
        PlanOutcome::Expired => "expired",
        PlanOutcome::Failed { .. } => "failed elsewhere",
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
    /// Queues a plan proposed from outside (or pending from before a reload); a plan
    /// already on a card or queued is not queued twice.
    Propose(Box<Plan>),
    /// A plan ended (here or elsewhere): it leaves the queue, and its card leaves the
    /// screen unless this window is answering it.
    Resolved(String, PlanOutcome),
    /// This window is confirming or cancelling the plan.
    Answering(String),
    /// Forgets how the last outside card ended elsewhere (a newer end is shown).
    ClearOutsideNote,
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
            DeskAction::Done(slot, id) => {
                d.cards.retain(|(s, p)| !(*s == slot && p.id == id));
                d.answering.retain(|a| *a != id);
                d.promote();
            }
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
            DeskAction::Propose(plan) => {
                if d.holds(&plan.id) {
                    return self;
                }
                d.outside_note = None;
                d.proposed.push_back(*plan);
                d.promote();
            }
            DeskAction::Resolved(id, outcome) => {
                d.proposed.retain(|p| p.id != id);
                if !d.answering.contains(&id) {
                    if let Some(p) = d.card(Slot::Outside).filter(|p| p.id == id) {
                        let who = sonic_types::market::origin_text(p.origin.as_deref())
                            .map(|o| o.replacen("Proposed by", "proposed by", 1))
                            .unwrap_or_else(|| "proposed here".into());
                        d.outside_note = Some(format!("The card {who} {}.", ended(&outcome)));
                    }
                    d.cards.retain(|(_, p)| p.id != id);
                }
                d.promote();
            }
            DeskAction::ClearOutsideNote => d.outside_note = None,
            DeskAction::Answering(id) => {
                if !d.answering.contains(&id) {
                    d.answering.push(id);
                }
            }
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

    fn outside(id: &str) -> Box<Plan> {
        Box::new(Plan { origin: Some("mcp".into()), ..plan(id) })
    }

    #[test]
    fn outside_plans_queue_one_after_another_and_leave_when_resolved_elsewhere() {
        let mut d = Desk::default();
        d = apply(d, DeskAction::Propose(outside("a")));
        d = apply(d, DeskAction::Propose(outside("b")));
        d = apply(d, DeskAction::Propose(outside("a")));
        assert_eq!(d.card(Slot::Outside).map(|p| p.id.as_str()), Some("a"));
        assert_eq!(d.proposed.len(), 1, "a plan is queued once");
        d = apply(d, DeskAction::QueueLink("ethereum:1".into()));
        assert_eq!(d.next_link(), None, "an outside card holds links back");
        // Resolved elsewhere: the card leaves, the next one comes, a note says why.
        d = apply(d, DeskAction::Resolved("a".into(), PlanOutcome::Confirmed { hash: None, signature: None }));
        assert_eq!(d.card(Slot::Outside).map(|p| p.id.as_str()), Some("b"));
        assert_eq!(d.outside_note.as_deref(), Some("The card proposed by MCP assistant was confirmed elsewhere."));
        // Answered here: the end event does not take the card; its own Done does.
        d = apply(d, DeskAction::Answering("b".into()));
        d = apply(d, DeskAction::Resolved("b".into(), PlanOutcome::Rejected));
        assert!(d.card(Slot::Outside).is_some());
        d = apply(d, DeskAction::Done(Slot::Outside, "b".into()));
        assert!(d.card(Slot::Outside).is_none());
        assert_eq!(d.next_link().map(String::as_str), Some("ethereum:1"));
    }

    #[test]
    fn a_page_card_resolved_elsewhere_leaves_and_a_queued_one_is_dropped() {
        let mut d = Desk::default();
        d = apply(d, DeskAction::Show(Slot::Chat, Box::new(plan("c"))));
        d = apply(d, DeskAction::Propose(outside("x")));
        d = apply(d, DeskAction::Propose(outside("y")));
        d = apply(d, DeskAction::Resolved("y".into(), PlanOutcome::Expired));
        assert!(d.proposed.is_empty());
        d = apply(d, DeskAction::Resolved("c".into(), PlanOutcome::Confirmed { hash: None, signature: None }));
        assert!(d.card(Slot::Chat).is_none());
        assert_eq!(d.card(Slot::Outside).map(|p| p.id.as_str()), Some("x"));
    }
}
