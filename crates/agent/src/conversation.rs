//! Stage 6: the conversation. Answers to a clarification ("send 5 S" / "to alice"),
//! follow-ups ("and the same to bob", "make it 10"), and yes/no to a pending plan.
//! Pure like the parser: the state is a value the engine persists between turns.

use serde::{Deserialize, Serialize};
use sonic_types::action::{Action, Intent, Status};

use crate::{parse, Contacts};

/// What the wallet remembers between two messages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    /// An action waiting for the slots in its `missing`.
    pub pending: Option<Action>,
    /// The last ready action, for follow-ups.
    pub last: Option<Action>,
    /// The plan shown to the user and not yet confirmed or rejected.
    pub plan_id: Option<String>,
}

/// What a message means in the conversation.
#[derive(Debug, Clone, PartialEq)]
pub enum Turn {
    /// An action to answer or plan.
    Act(Action),
    /// "yes" to the pending plan.
    Confirm,
    /// "no" to the pending plan or question; carries the plan to drop, if any.
    Reject(Option<String>),
}

const YES: &[&str] = &[
    "yes",
    "y",
    "yep",
    "yeah",
    "confirm",
    "confirmed",
    "sure",
    "ok",
    "okay",
    "do it",
    "go ahead",
    "send it",
    "approve",
];
const NO: &[&str] = &["no", "n", "nope", "cancel", "stop", "abort", "never mind", "nevermind", "don't", "do not"];

fn clean(text: &str) -> String {
    text.trim().trim_end_matches(['.', '!', '?']).trim().to_lowercase()
}

fn slot(a: &Action, key: &str) -> String {
    a.slot(key).unwrap_or_default().to_string()
}

fn fewer_missing(candidate: &Action, than: &Action) -> bool {
    candidate.intent == than.intent && candidate.missing.len() < than.missing.len()
}

/// Rebuilds a full sentence from a pending action and the user's answer, so the answer
/// goes through the same parser (and the same checks) as any message.
fn complete(pending: &Action, answer: &str) -> Option<String> {
    let a = answer.trim();
    let has = |k: &str| pending.missing.iter().all(|m| m != k) && pending.slot(k).is_some();
    let starts_to = a.to_lowercase().starts_with("to ");
    Some(match pending.intent {
        Intent::Send => {
            let amount = if has("amount") { slot(pending, "amount") } else { String::new() };
            let asset = slot(pending, "asset");
            let to = if has("to") { format!("to {}", slot(pending, "to")) } else { String::new() };
            match (has("amount"), has("to")) {
                (true, false) if starts_to => format!("send {amount} {asset} {a}"),
                (true, false) => format!("send {amount} {asset} to {a}"),
                (false, true) => format!("send {a} {to}"),
                _ => format!("send {a}"),
            }
        }
        Intent::TxStatus => format!("status of {a}"),
        Intent::NftMint => format!("mint an nft called \"{}\"", a.trim_matches('"')),
        Intent::Stake => format!("stake {a}"),
        Intent::Swap => {
            let amount = if has("amount") { slot(pending, "amount") } else { String::new() };
            let from = slot(pending, "from_asset");
            let to = slot(pending, "to_asset");
            match (has("amount"), has("to_asset")) {
                (true, false) => format!("swap {amount} {from} for {a}"),
                (false, true) => format!("swap {a} {from} for {to}"),
                _ => format!("swap {a}"),
            }
        }
        Intent::AddContact => {
            if has("name") {
                format!("save {a} as {}", slot(pending, "name"))
            } else if has("address") {
                format!("save {} as {a}", slot(pending, "address"))
            } else {
                format!("save {a}")
            }
        }
        Intent::PaymentRequest => format!("request {a}"),
        _ => return None,
    })
}

/// A follow-up to the last send: "and the same to bob", "make it 10".
fn follow_up(last: &Action, text: &str) -> Option<String> {
    if last.intent != Intent::Send {
        return None;
    }
    let t = clean(text);
    let amount = slot(last, "amount");
    let asset = slot(last, "asset");
    let to = slot(last, "to");
    if let Some(p) = t.find("same") {
        let rest = t[p + 4..].trim();
        let rest = rest.strip_prefix("amount").unwrap_or(rest).trim();
        if rest.starts_with("to ") {
            return Some(format!("send {amount} {asset} {rest}"));
        }
    }
    for prefix in ["make it ", "change it to ", "change the amount to ", "actually ", "instead "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return Some(format!("send {rest} to {to}"));
        }
    }
    None
}

impl Conversation {
    /// Reads the next message with the rules engine.
    pub fn next(&mut self, text: &str, contacts: &Contacts) -> Turn {
        self.next_with(text, contacts, |t| parse(t, contacts))
    }

    /// Reads the next message, reading fresh text with `interpret` (the rules engine, or
    /// a validated language-model answer). Answers and follow-ups are rebuilt as text
    /// and read by the rules engine.
    pub fn next_with(&mut self, text: &str, contacts: &Contacts, interpret: impl FnOnce(&str) -> Action) -> Turn {
        let t = clean(text);
        if self.plan_id.is_some() || self.pending.is_some() {
            if YES.contains(&t.as_str()) && self.plan_id.is_some() {
                return Turn::Confirm;
            }
            if NO.contains(&t.as_str()) {
                self.pending = None;
                // The caller must drop the plan itself, not just forget its id.
                return Turn::Reject(self.plan_id.take());
            }
        }
        let fresh = interpret(text);
        // A complete request always wins over an old question.
        let mut action = fresh.clone();
        if fresh.intent == Intent::Unknown || fresh.status == Status::NeedsClarification {
            if let Some(p) = &self.pending {
                if let Some(full) = complete(p, text) {
                    let merged = parse(&full, contacts);
                    // An answer that fills a slot moves on; one that does not, when the
                    // message meant nothing else, keeps the question open.
                    if fewer_missing(&merged, p) || (fresh.intent == Intent::Unknown && merged.intent == p.intent) {
                        action = merged;
                    }
                }
            }
            if action == fresh {
                if let Some(l) = &self.last {
                    if let Some(full) = follow_up(l, text) {
                        let merged = parse(&full, contacts);
                        if merged.intent == Intent::Send {
                            action = merged;
                        }
                    }
                }
            }
        }
        self.plan_id = None;
        match action.status {
            Status::NeedsClarification => self.pending = Some(action.clone()),
            Status::Ready => {
                self.pending = None;
                if action.intent != Intent::Unknown {
                    self.last = Some(action.clone());
                }
            }
        }
        Turn::Act(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sonic_types::Address;

    fn book() -> Contacts {
        let mut c = Contacts::new();
        c.insert("alice", Address::repeat_byte(0xa1));
        c.insert("bob", Address::repeat_byte(0xb0));
        c
    }

    fn act(t: Turn) -> Action {
        match t {
            Turn::Act(a) => a,
            other => panic!("expected an action, got {other:?}"),
        }
    }

    #[test]
    fn answer_fills_the_missing_recipient() {
        let mut c = Conversation::default();
        let a = act(c.next("send 5 S", &book()));
        assert_eq!(a.missing, ["to"]);
        let a = act(c.next("to alice", &book()));
        assert_eq!((a.intent, a.status), (Intent::Send, Status::Ready));
        assert_eq!(a.slot("amount"), Some("5"));
        assert_eq!(a.slot("to"), Some("alice"));
    }

    #[test]
    fn answer_fills_the_missing_amount() {
        let mut c = Conversation::default();
        act(c.next("pay bob", &book()));
        let a = act(c.next("12.5", &book()));
        assert_eq!(a.status, Status::Ready);
        assert_eq!(a.slot("amount"), Some("12.5"));
        assert_eq!(a.slot("to"), Some("bob"));
    }

    #[test]
    fn unknown_name_answer_still_asks() {
        let mut c = Conversation::default();
        act(c.next("send 5 S", &book()));
        let a = act(c.next("zed", &book()));
        assert_eq!(a.status, Status::NeedsClarification);
    }

    #[test]
    fn same_to_and_make_it() {
        let mut c = Conversation::default();
        act(c.next("send 5 S to alice", &book()));
        let a = act(c.next("and the same to bob", &book()));
        assert_eq!((a.slot("amount"), a.slot("to")), (Some("5"), Some("bob")));
        let a = act(c.next("make it 10", &book()));
        assert_eq!((a.slot("amount"), a.slot("to")), (Some("10"), Some("bob")));
    }

    #[test]
    fn yes_and_no_only_with_something_pending() {
        let mut c = Conversation::default();
        assert_eq!(act(c.next("yes", &book())).intent, Intent::Unknown, "nothing to confirm");
        act(c.next("send 5 S to alice", &book()));
        c.plan_id = Some("p1".into());
        assert_eq!(c.next("Yes!", &book()), Turn::Confirm);
        assert_eq!(c.next("no", &book()), Turn::Reject(Some("p1".into())));
        assert_eq!(c.plan_id, None);
    }

    #[test]
    fn a_new_request_replaces_an_old_question() {
        let mut c = Conversation::default();
        act(c.next("send 5 S", &book()));
        let a = act(c.next("what's my balance", &book()));
        assert_eq!(a.intent, Intent::Balance);
        assert!(c.pending.is_none());
    }

    #[test]
    fn state_round_trips_as_json() {
        let mut c = Conversation::default();
        act(c.next("send 5 S", &book()));
        let json = serde_json::to_string(&c).expect("ser");
        let back: Conversation = serde_json::from_str(&json).expect("de");
        assert_eq!(back, c);
    }
}
