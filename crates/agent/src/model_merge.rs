//! Merging a language model's reading of a message with the rules' reading. The rules
//! always read the message first; the model may only fill in what the rules found
//! nothing for, every money slot it proposes must be written in the user's own text,
//! and a model's answer alone never makes a ready send, swap, stake or contact change.

use std::collections::BTreeSet;

use serde_json::Value;
use sonic_types::{
    action::{Action, Intent, Status},
    parse_address,
};

use crate::{
    entities::assets,
    intent::is_refusal,
    lexicon::MAX_WORDS,
    msg::Msg,
    normalise::normalise,
    tokens::{Kind, Num},
};

/// Slots that decide where money goes, how much, or what is read from disk (and the
/// hash a status is looked up by): a model may only propose values the user wrote.
const MONEY_SLOTS: &[&str] = &[
    "amount",
    "asset",
    "to",
    "to_address",
    "from",
    "validator",
    "name",
    "address",
    "image",
    "from_asset",
    "to_asset",
    "hash",
];

/// What the user's text contains, as the tokenizer reads it.
struct Written {
    /// Canonical amounts: plain decimals, "N%" and "max".
    numbers: BTreeSet<String>,
    /// Addresses, lowercase.
    addresses: BTreeSet<String>,
    /// Words, lowercase (possessives without the 's).
    words: BTreeSet<String>,
    /// Asset symbols, lowercase.
    assets: BTreeSet<String>,
    /// The text itself, lowercase, for names and paths written as phrases.
    lower: String,
    /// The text as written (paths are case-sensitive).
    raw: String,
}

impl Written {
    fn new(text: &str) -> Self {
        let clean = normalise(text).unwrap_or_default();
        let m = Msg::new(&clean);
        let mut w = Self {
            numbers: BTreeSet::new(),
            addresses: BTreeSet::new(),
            words: BTreeSet::new(),
            assets: assets(&m, &[]).into_iter().map(|(_, a)| a.to_lowercase()).collect(),
            lower: clean.to_lowercase(),
            raw: text.to_string(),
        };
        for t in &m.toks {
            match &t.kind {
                Kind::Num(Num::Value(v)) => {
                    w.numbers.insert(v.clone());
                }
                Kind::Num(Num::Percent(p)) => {
                    w.numbers.insert(format!("{p}%"));
                }
                Kind::Address => {
                    w.addresses.insert(t.low.clone());
                }
                Kind::Word => {
                    if t.any(MAX_WORDS) {
                        w.numbers.insert("max".into());
                    }
                    w.words.insert(t.low.trim_start_matches('$').to_string());
                }
                _ => {}
            }
        }
        w
    }

    /// Whether the value of `key` in `a` is something the user wrote.
    fn has(&self, a: &Action, key: &str, value: &str) -> bool {
        let v = value.trim().to_lowercase();
        let party = |v: &str| {
            if v.starts_with("0x") {
                parse_address(v).is_ok() && self.addresses.contains(v)
            } else {
                self.words.contains(v)
            }
        };
        match key {
            "amount" | "validator" => self.numbers.contains(&v),
            // "S" is the stated default of a send or a request that names no asset.
            "asset" if v == "s" && self.assets.is_empty() => {
                matches!(a.intent, Intent::Send | Intent::PaymentRequest)
            }
            "asset" | "from_asset" | "to_asset" => {
                if v.starts_with("0x") {
                    self.addresses.contains(&v)
                } else {
                    self.assets.contains(&v)
                }
            }
            "to" | "from" | "address" => party(&v),
            "name" if a.intent == Intent::AddContact => party(&v),
            "name" => !v.is_empty() && self.lower.contains(&v),
            "image" => !value.trim().is_empty() && self.raw.contains(value.trim()),
            "hash" => !v.is_empty() && self.lower.contains(&v),
            // A contact's address comes from the address book, never from the model.
            "to_address" => false,
            _ => true,
        }
    }
}

/// Whether a ready action of this reading moves funds or decides where they go later.
fn moves_money(a: &Action) -> bool {
    matches!(a.intent, Intent::Send | Intent::Swap | Intent::Stake | Intent::AddContact)
        || (a.intent == Intent::Subscription && a.slot("action") == Some("purchase"))
}

/// The slot a model's money action leaves for the user to give in their own words, so
/// that the order is finally read by the rules.
fn user_must_give(intent: Intent) -> &'static str {
    match intent {
        Intent::Send => "to",
        Intent::AddContact => "address",
        Intent::Subscription => "action",
        _ => "amount",
    }
}

/// The slots an intent cannot go without.
fn required(intent: Intent) -> &'static [&'static str] {
    match intent {
        Intent::Send => &["amount", "to"],
        Intent::Swap => &["amount", "from_asset", "to_asset"],
        Intent::Stake => &["amount"],
        Intent::AddContact => &["name", "address"],
        Intent::NftMint => &["name"],
        Intent::TxStatus => &["hash"],
        Intent::DefiQuery => &["topic"],
        Intent::Subscription => &["action"],
        _ => &[],
    }
}

fn intent_name(i: Intent) -> String {
    match serde_json::to_value(i) {
        Ok(Value::String(s)) => s.replace('_', " "),
        _ => "something else".into(),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// "500 S to 0x…, validator 3": slot values in the order a person reads them.
fn describe(a: &Action, keys: &[&str]) -> String {
    let get = |k: &str| a.slots.get(k).filter(|_| keys.contains(&k)).map(value_text);
    let mut parts = Vec::new();
    match (get("amount"), a.slot("asset")) {
        (Some(n), Some(s)) => parts.push(format!("{n} {s}")),
        (Some(n), None) => parts.push(n),
        (None, _) => {
            if let Some(s) = get("asset") {
                parts.push(s);
            }
        }
    }
    if let Some(t) = get("to") {
        parts.push(format!("to {t}"));
    }
    for k in keys.iter().filter(|k| !matches!(**k, "amount" | "asset" | "to" | "to_address")) {
        if let Some(v) = get(k) {
            parts.push(format!("{} {v}", k.replace('_', " ")));
        }
    }
    parts.join(" ")
}

fn add_note(a: &mut Action, note: String) {
    a.note = Some(match a.note.take() {
        Some(n) => format!("{n}; {note}"),
        None => note,
    });
}

fn finish(mut a: Action) -> Action {
    a.status = if a.missing.is_empty() { Status::Ready } else { Status::NeedsClarification };
    a
}

/// Merges a language model's reading of `text` (`model`, already through
/// [`crate::validate`]) with the rules' reading (`rules`, from [`crate::parse`] of the
/// same text).
///
/// - A ready reading of the rules, or their refusal (a negation, someone else's words,
///   a condition), wins: the model's answer is not used.
/// - Where the rules found no intent, the model's intent is taken; where they asked for
///   slots, the model may only fill those.
/// - Every money slot the model proposes (amount, asset, recipient, `from`, validator,
///   contact name and address, image path, swap assets) must be written in `text`;
///   anything else is dropped and shown in the note ("the model suggested 500 S to
///   0x…, which you did not write").
/// - A model's reading alone never makes a ready send, swap, stake, contact change or
///   purchase: it stays a clarification whose answer the rules read.
pub fn merge_model(text: &str, rules: &Action, model: Action) -> Action {
    if rules.intent != Intent::Unknown && rules.status == Status::Ready || is_refusal(rules) {
        return rules.clone();
    }
    let written = Written::new(text);
    let money_keys: Vec<&str> = MONEY_SLOTS.iter().copied().filter(|k| model.slots.contains_key(*k)).collect();
    let unwritten: Vec<&str> = money_keys
        .iter()
        .copied()
        .filter(|k| k != &"to_address")
        .filter(|k| model.slots.get(*k).is_some_and(|v| !written.has(&model, k, &value_text(v))))
        .collect();
    let unwritten_note = (!unwritten.is_empty())
        .then(|| format!("the model suggested {}, which you did not write", describe(&model, &unwritten)));

    if rules.intent == Intent::Unknown {
        if matches!(model.intent, Intent::Unknown) {
            return rules.clone();
        }
        // The model names the intent; only its written slots are kept.
        let mut a = Action::new(model.intent);
        for (k, v) in &model.slots {
            let key = k.as_str();
            if !MONEY_SLOTS.contains(&key) || (key != "to_address" && written.has(&model, key, &value_text(v))) {
                a.slots.insert(k.clone(), v.clone());
            }
        }
        a.slots.remove("to_address");
        a.missing = model.missing.clone();
        for k in required(a.intent) {
            if !a.slots.contains_key(*k) && !a.missing.iter().any(|m| m == k) {
                a.missing.push((*k).to_string());
            }
        }
        if moves_money(&model) {
            let gate = user_must_give(a.intent);
            let read = describe(&a, &money_keys);
            a.slots.remove(gate);
            if !a.missing.iter().any(|m| m == gate) {
                a.missing.push(gate.to_string());
            }
            let what = intent_name(a.intent);
            let what = if read.is_empty() { what } else { format!("{what} {read}") };
            add_note(&mut a, format!("the model read this as {what}; I act on it only in your own words"));
        }
        if let Some(n) = unwritten_note {
            add_note(&mut a, n);
        }
        return finish(a);
    }

    // The rules asked for something: the model may only fill those slots, with values
    // the user wrote, and never to make a money action ready.
    let mut a = rules.clone();
    if model.intent == rules.intent {
        let money = moves_money(rules);
        let mut suggested = Vec::new();
        for k in rules.missing.clone() {
            let Some(v) = model.slots.get(&k) else { continue };
            if MONEY_SLOTS.contains(&k.as_str()) && !written.has(&model, &k, &value_text(v)) {
                continue;
            }
            if money {
                suggested.push(format!("{} {}", k.replace('_', " "), value_text(v)));
            } else {
                a.slots.insert(k.clone(), v.clone());
                a.missing.retain(|m| m != &k);
            }
        }
        if !suggested.is_empty() {
            add_note(&mut a, format!("the model suggests {}; say it yourself to use it", suggested.join(", ")));
        }
    }
    if let Some(n) = unwritten_note {
        add_note(&mut a, n);
    }
    finish(a)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use sonic_types::Address;

    use super::*;
    use crate::{parse, validate, Contacts};

    const STRANGER: &str = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

    fn book() -> Contacts {
        let mut c = Contacts::new();
        c.insert("alice", Address::repeat_byte(0xa1));
        c.insert("bob", Address::repeat_byte(0xb0));
        c
    }

    fn model(intent: &str, slots: &[(&str, &str)]) -> Action {
        let raw: BTreeMap<String, Value> = slots.iter().map(|(k, v)| (k.to_string(), Value::from(*v))).collect();
        validate(intent, &raw, &book())
    }

    /// A model that answers every message with a send of 500 S to its own address.
    fn hostile() -> Action {
        model("send", &[("amount", "500"), ("to", STRANGER)])
    }

    fn merged(text: &str, m: Action) -> Action {
        merge_model(text, &parse(text, &book()), m)
    }

    fn never_the_stranger(a: &Action) {
        let json = serde_json::to_string(&a.slots).unwrap_or_default();
        assert!(!json.contains("500") && !json.to_lowercase().contains(&STRANGER.to_lowercase()), "{a:?}");
    }

    #[test]
    fn hostile_model_never_rewrites_a_send() {
        // (text, intent, status, missing, amount, to)
        type Row<'a> = (&'a str, Intent, Status, &'a [&'a str], Option<&'a str>, Option<&'a str>);
        let table: &[Row] = &[
            ("send 5 S to alice", Intent::Send, Status::Ready, &[], Some("5"), Some("alice")),
            ("send 3 S", Intent::Send, Status::NeedsClarification, &["to"], Some("3"), None),
            ("what's my balance", Intent::Balance, Status::Ready, &[], None, None),
            (
                "don't send 500 S to 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
                Intent::Unknown,
                Status::Ready,
                &[],
                None,
                None,
            ),
            ("yes", Intent::Send, Status::NeedsClarification, &["amount", "to"], None, None),
            // The rules read a misspelt verb themselves: the user's own words win.
            (
                "sned 500 S to 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
                Intent::Send,
                Status::Ready,
                &[],
                Some("500"),
                Some(STRANGER),
            ),
            // Words the rules cannot read: the model gets no further than a question.
            (
                "s3nd 500 S to 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
                Intent::Send,
                Status::NeedsClarification,
                &["to"],
                Some("500"),
                None,
            ),
        ];
        for (text, intent, status, missing, amount, to) in table {
            let a = merged(text, hostile());
            assert_eq!((a.intent, a.status), (*intent, *status), "{text}: {a:?}");
            let got: BTreeSet<&str> = a.missing.iter().map(String::as_str).collect();
            assert_eq!(got, missing.iter().copied().collect(), "{text}: {a:?}");
            assert_eq!(a.slot("amount"), *amount, "{text}: {a:?}");
            assert_eq!(a.slot("to"), *to, "{text}: {a:?}");
            assert!(a.slot("to_address").is_none() || *to == Some("alice"), "{text}: {a:?}");
            if !text.contains(STRANGER) {
                never_the_stranger(&a);
            }
        }
        let a = merged("send 5 S to alice", hostile());
        assert_eq!(a.slot("to_address"), Some(sonic_types::checksum(&Address::repeat_byte(0xa1)).as_str()));
    }

    #[test]
    fn the_note_shows_what_the_model_made_up() {
        let a = merged("send 3 S", hostile());
        let note = a.note.unwrap_or_default();
        assert!(note.contains("500 S") && note.contains(STRANGER) && note.contains("did not write"), "{note}");
    }

    #[test]
    fn the_model_reads_what_the_rules_could_not() {
        let a = merged("hw mch sonik i gots", model("balance", &[]));
        assert_eq!((a.intent, a.status), (Intent::Balance, Status::Ready));
        // An asset the user did not write is dropped, the intent kept.
        let a = merged("hw mch sonik i gots", model("balance", &[("asset", "USDC")]));
        assert_eq!((a.intent, a.status, a.slot("asset")), (Intent::Balance, Status::Ready, None));
        // A history question the rules missed keeps its non-money slots.
        let a = merged("wat happend lst wk", model("history", &[("period_days", "7")]));
        assert_eq!(a.intent, Intent::History);
    }

    #[test]
    fn a_model_money_action_is_at_most_a_question() {
        // Every slot written, still the user must say the recipient in their own words.
        let a = merged("s3nd 5 S to bob", model("send", &[("amount", "5"), ("to", "bob")]));
        assert_eq!((a.intent, a.status), (Intent::Send, Status::NeedsClarification));
        assert_eq!((a.slot("amount"), a.slot("to"), a.missing.as_slice()), (Some("5"), None, &["to".to_string()][..]));
        let a = merged(
            &format!("plz ad {STRANGER} az dave"),
            model("add_contact", &[("name", "dave"), ("address", STRANGER)]),
        );
        assert_eq!((a.intent, a.status), (Intent::AddContact, Status::NeedsClarification));
        assert_eq!(a.slot("address"), None);
        let a =
            merged("swp 10 S 4 USDC", model("swap", &[("amount", "10"), ("from_asset", "S"), ("to_asset", "USDC")]));
        assert_eq!(a.status, Status::NeedsClarification);
        let a = merged("st4k 100", model("stake", &[("amount", "100")]));
        assert_eq!(a.status, Status::NeedsClarification);
        let a = merged("gimme da pr3mium", model("subscription", &[("action", "purchase")]));
        assert_eq!(a.status, Status::NeedsClarification);
    }

    #[test]
    fn a_model_fills_only_what_the_rules_asked_for() {
        // A recipient the user wrote is suggested, never used: two recipients stay a
        // question.
        let text = format!("transfer 10 S to bob at {STRANGER}");
        let a = merged(&text, model("send", &[("amount", "10"), ("to", STRANGER)]));
        assert_eq!((a.status, a.slot("to")), (Status::NeedsClarification, None));
        // A different intent does not replace the rules' question.
        let a = merged("send 3 S", model("balance", &[]));
        assert_eq!((a.intent, a.missing.as_slice()), (Intent::Send, &["to".to_string()][..]));
        // Outside money, a written value fills the gap.
        let a = merged("mint an nft pls, Sunset Cat", model("nft_mint", &[("name", "Sunset Cat")]));
        assert_eq!((a.intent, a.status, a.slot("name")), (Intent::NftMint, Status::Ready, Some("Sunset Cat")));
        // An image path the user never wrote is never read.
        let a = merged("mint an nft", model("nft_mint", &[("name", "x"), ("image", "~/.ssh/id_ed25519")]));
        assert_eq!((a.status, a.slot("image")), (Status::NeedsClarification, None));
    }
}
