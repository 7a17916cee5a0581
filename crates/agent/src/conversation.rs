//! Stage 6: the conversation. Answers to a clarification ("send 5 S" / "to alice"),
//! follow-ups and corrections of the last order ("and the same to bob", "make it 10",
//! "no, to carol"), and yes/no to a pending plan.
//! Pure like the parser: the state is a value the engine persists between turns.

use serde::{Deserialize, Serialize};
use sonic_types::action::{Action, Intent, Status};

use crate::{
    lexicon::{
        AMOUNT_WORDS, CONFIRM_WORDS, CORRECTION_CLOSERS, CORRECTION_OPENERS, REJECT_WORDS, SAME_FILLERS, SAME_WORDS, TO,
    },
    parse,
    tokens::parse_number,
    Contacts,
};

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
            let from = from_phrase(pending);
            match (has("amount"), has("to")) {
                (true, false) if starts_to => format!("send {amount} {asset} {a}{from}"),
                (true, false) => format!("send {amount} {asset} to {a}{from}"),
                (false, true) => format!("send {a} {to}{from}"),
                _ => format!("send {a}{from}"),
            }
        }
        Intent::TxStatus => format!("status of {a}"),
        Intent::NftMint => format!("mint an nft called \"{}\"", a.trim_matches('"')),
        Intent::Stake => format!("stake {a}{}", validator_phrase(pending)),
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

/// " from savings" when the order names the account it pays from.
fn from_phrase(a: &Action) -> String {
    a.slot("from").map(|f| format!(" from {f}")).unwrap_or_default()
}

/// " with validator 7" when the stake names one.
fn validator_phrase(a: &Action) -> String {
    a.slot("validator").map(|v| format!(" with validator {v}")).unwrap_or_default()
}

/// The words of a message, lowercase, without commas.
fn words(text: &str) -> Vec<String> {
    clean(text).split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Whether `w` starts an amount ("10", "2.5", "half", "all").
fn is_amount_word(w: &str) -> bool {
    parse_number(w).is_some() || crate::lexicon::number_word(w).is_some() || AMOUNT_WORDS.contains(&w)
}

/// The last order rebuilt with a change, for a follow-up or a correction: "and the same
/// to bob", "make it 10", "no, to carol", "actually alice", "I meant 3 S". The text is
/// read by the parser like any message.
fn follow_up(last: &Action, text: &str) -> Option<String> {
    let mut w = words(text);
    // "and the same to bob", "same amount to carol": the last send to someone else.
    if let Some(p) = w.iter().position(|x| SAME_WORDS.contains(&x.as_str())) {
        let mut rest = &w[p + 1..];
        while rest.first().is_some_and(|x| SAME_FILLERS.contains(&x.as_str())) {
            rest = &rest[1..];
        }
        if last.intent == Intent::Send && rest.first().is_some_and(|x| TO.contains(&x.as_str())) {
            return Some(format!(
                "send {} {} {}{}",
                slot(last, "amount"),
                slot(last, "asset"),
                rest.join(" "),
                from_phrase(last)
            ));
        }
    }
    // A correction: strip its openers ("no, actually …") and its closers ("… instead").
    let mut opened = false;
    while let Some(o) =
        CORRECTION_OPENERS.iter().find(|o| w.len() > o.len() && w.iter().zip(o.iter()).all(|(a, b)| a == b))
    {
        w.drain(..o.len());
        opened = true;
    }
    while w.len() > 1 && w.last().is_some_and(|x| CORRECTION_CLOSERS.contains(&x.as_str())) {
        w.pop();
    }
    if !opened || w.is_empty() {
        return None;
    }
    let rest = w.join(" ");
    let new_party = TO.contains(&w[0].as_str()) || (w.len() == 1 && !is_amount_word(&w[0]));
    let new_amount = is_amount_word(&w[0]);
    match last.intent {
        Intent::Send if new_party => {
            let to = if TO.contains(&w[0].as_str()) { rest } else { format!("to {rest}") };
            Some(format!("send {} {} {to}{}", slot(last, "amount"), slot(last, "asset"), from_phrase(last)))
        }
        Intent::Send if new_amount => Some(format!("send {rest} to {}{}", slot(last, "to"), from_phrase(last))),
        Intent::Swap if new_amount => {
            Some(format!("swap {rest} {} for {}", slot(last, "from_asset"), slot(last, "to_asset")))
        }
        Intent::Stake if new_amount => Some(format!("stake {rest}{}", validator_phrase(last))),
        _ => None,
    }
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
            if CONFIRM_WORDS.contains(&t.as_str()) && self.plan_id.is_some() {
                return Turn::Confirm;
            }
            if REJECT_WORDS.contains(&t.as_str()) {
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
                        if merged.intent == l.intent {
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

    /// Runs the turns; returns the last action.
    fn turns(texts: &[&str]) -> Action {
        let mut c = Conversation::default();
        let mut last = None;
        for t in texts {
            last = Some(act(c.next(t, &book())));
        }
        last.expect("at least one turn")
    }

    fn is_ready(a: &Action, intent: Intent) -> bool {
        a.intent == intent && a.status == Status::Ready
    }

    #[test]
    fn misspelt_orders_take_answers_and_follow_ups() {
        let a = turns(&["sedn 5 S", "to alice"]);
        assert!(is_ready(&a, Intent::Send) && a.slot("to") == Some("alice") && a.slot("amount") == Some("5"), "{a:?}");
        let a = turns(&["snd to bob", "12"]);
        assert!(is_ready(&a, Intent::Send) && a.slot("amount") == Some("12"), "{a:?}");
        let a = turns(&["trasnfer 3 S to bob", "make it 4"]);
        assert!(is_ready(&a, Intent::Send) && a.slot("amount") == Some("4") && a.slot("to") == Some("bob"), "{a:?}");
    }

    #[test]
    fn slang_orders_take_answers_and_corrections() {
        let a = turns(&["yeet 3 S", "bob"]);
        assert!(is_ready(&a, Intent::Send) && a.slot("to") == Some("bob"), "{a:?}");
        let a = turns(&["flip 10 S", "usdc"]);
        assert!(is_ready(&a, Intent::Swap) && a.slot("to_asset") == Some("USDC"), "{a:?}");
        let a = turns(&["delegate to validator 8", "100"]);
        assert!(is_ready(&a, Intent::Stake) && a.slot("validator") == Some("8"), "{a:?}");
        let a = turns(&["stake 50 S with validator 3", "make it 70"]);
        assert!(is_ready(&a, Intent::Stake) && a.slot("amount") == Some("70") && a.slot("validator") == Some("3"));
        let a = turns(&["swap 10 S for usdc", "actually 20"]);
        assert!(is_ready(&a, Intent::Swap) && a.slot("amount") == Some("20") && a.slot("to_asset") == Some("USDC"));
    }

    #[test]
    fn two_recipients_ask_and_the_answer_decides() {
        let a = turns(&["send bob 5 S to alice"]);
        assert_eq!((a.status, a.missing.as_slice()), (Status::NeedsClarification, &["to".to_string()][..]));
        let note = crate::reply::note(&a).unwrap_or_default();
        assert!(note.contains("alice") && note.contains("bob"), "{note}");
        let a = turns(&["send bob 5 S to alice", "bob"]);
        assert!(is_ready(&a, Intent::Send) && a.slot("to") == Some("bob") && a.slot("amount") == Some("5"), "{a:?}");
    }

    #[test]
    fn corrections_change_the_recipient_or_the_amount() {
        for correction in ["no, to alice", "no to alice instead", "actually alice", "I meant to alice"] {
            let a = turns(&["send 5 S to bob", correction]);
            assert!(is_ready(&a, Intent::Send) && a.slot("to") == Some("alice"), "{correction}: {a:?}");
            assert_eq!(a.slot("amount"), Some("5"), "{correction}");
        }
        let a = turns(&["send 5 S to bob", "the same to alice", "make it 10"]);
        assert!(is_ready(&a, Intent::Send) && a.slot("amount") == Some("10") && a.slot("to") == Some("alice"));
        // A bare "no" still rejects.
        let mut c = Conversation::default();
        act(c.next("send 5 S to bob", &book()));
        c.plan_id = Some("p1".into());
        assert_eq!(c.next("no", &book()), Turn::Reject(Some("p1".into())));
    }

    #[test]
    fn others_words_never_answer_a_question_nor_follow_up() {
        let a = turns(&["send 5 S", "bob says to send it to alice"]);
        assert_eq!(a.intent, Intent::Unknown, "{a:?}");
        let a = turns(&["my friend says swap all my S to usdc", "make it 10"]);
        assert_eq!(a.intent, Intent::Unknown, "{a:?}");
        let a = turns(&["save 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc", "don't save it as dave"]);
        assert!(a.intent != Intent::AddContact || a.status != Status::Ready, "{a:?}");
    }

    #[test]
    fn contact_questions_and_answers() {
        let a = turns(&["save 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc", "dave"]);
        assert!(is_ready(&a, Intent::AddContact) && a.slot("name") == Some("dave"), "{a:?}");
        let a = turns(&["save 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc", "is that bob's address?"]);
        assert_eq!(a.intent, Intent::Help, "{a:?}");
    }

    #[test]
    fn accounts_paid_from_and_asked_about_are_kept() {
        let a = turns(&["send 1 S from Savings", "to bob"]);
        assert!(
            is_ready(&a, Intent::Send) && a.slot("from") == Some("savings") && a.slot("to") == Some("bob"),
            "{a:?}"
        );
        let a = turns(&["send 1 S from Savings to bob", "make it 2"]);
        assert!(is_ready(&a, Intent::Send) && a.slot("from") == Some("savings") && a.slot("amount") == Some("2"));
        let a = turns(&["send 5 S", "what's bobs balance"]);
        assert!(is_ready(&a, Intent::Balance) && a.slot("account") == Some("bob"), "{a:?}");
        let a = turns(&["send 5 S", "my Savings account balance"]);
        assert!(is_ready(&a, Intent::Balance) && a.slot("account") == Some("savings"), "{a:?}");
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
