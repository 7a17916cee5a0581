//! Stage 4: recognise the intent from the sentence's structure (verb, mood, negation,
//! question form, reported speech), then fill its slots (stage 3) and decide whether
//! it is ready or needs a clarification.

use serde_json::Value;
use sonic_types::action::{Action, Intent, Status};

use crate::{
    entities::{self, amounts, asset_of, assets, party_at, single_amount, vague_amount, Slot},
    lexicon::*,
    msg::Msg,
    tokens::Kind,
    Contacts,
};

/// Builds an action: sets slots and missing, then the status.
struct Builder {
    action: Action,
}

impl Builder {
    fn new(intent: Intent) -> Self {
        Self { action: Action::new(intent) }
    }
    fn set(&mut self, key: &str, v: impl Into<Value>) {
        self.action.slots.insert(key.to_string(), v.into());
    }
    fn need(&mut self, key: &str) {
        if !self.action.missing.iter().any(|k| k == key) {
            self.action.missing.push(key.to_string());
        }
    }
    /// Sets a required slot from a reading, or records it as missing.
    fn require(&mut self, key: &str, slot: &Slot) {
        match slot {
            Slot::Valid(v) => self.set(key, v.clone()),
            _ => self.need(key),
        }
    }
    fn done(mut self) -> Action {
        self.action.status = if self.action.missing.is_empty() { Status::Ready } else { Status::NeedsClarification };
        self.action
    }
}

fn unknown(note: &str) -> Action {
    let mut a = Action::new(Intent::Unknown);
    a.note = Some(note.to_string());
    a
}

/// Position of the first money verb used as a verb (not "a transfer", "the payment").
fn money_verb(m: &Msg) -> Option<usize> {
    (0..m.len()).find(|&i| {
        let w = m.word(i);
        MONEY_VERBS.contains(&w)
            && !(i > 0 && matches!(m.word(i - 1), "a" | "the" | "my" | "an" | "this" | "that" | "your"))
    })
}

/// A `to` that introduces a recipient, not an infinitive ("want to send").
fn recipient_to(m: &Msg, from: usize) -> Option<usize> {
    (from..m.len()).find(|&i| {
        let infinitive = i > 0
            && matches!(
                m.word(i - 1),
                "want"
                    | "need"
                    | "like"
                    | "going"
                    | "have"
                    | "able"
                    | "wish"
                    | "try"
                    | "trying"
                    | "how"
                    | "ready"
                    | "used"
                    | "plan"
                    | "love"
            )
            && party_at(m, i + 1, &Contacts::default()).is_none();
        m.word(i) == "to" && !infinitive && !(m.word(i + 1) == "the" && matches!(m.word(i + 2), "contract" | "pool"))
    })
}

fn is_how_to(m: &Msg) -> bool {
    [
        &["how", "do", "i"][..],
        &["how", "can", "i"],
        &["how", "could", "i"],
        &["how", "should", "i"],
        &["how", "would", "i"],
        &["how", "to"],
        &["how", "does"],
        &["how", "do", "you"],
        &["how", "do", "we"],
        &["how", "is", "it", "done"],
        &["how", "long", "does"],
        &["how", "long", "will"],
        &["how", "many", "confirmations"],
    ]
    .iter()
    .any(|s| m.has_seq(s))
}

fn is_what_if(m: &Msg) -> bool {
    m.has_seq(&["what", "happens"])
        || m.has_seq(&["what", "would", "happen"])
        || m.has_seq(&["what", "will", "happen"])
        || m.has_seq(&["what", "if"])
        || m.has_seq(&["what", "would"]) && m.has("if")
        || m.has_seq(&["would", "it"]) && m.has("if")
        || m.has_any(&["hypothetically", "theoretically", "suppose", "supposing", "imagine"])
        || (m.word(0) == "if" && m.qmark)
}

fn is_cost_question(m: &Msg) -> bool {
    let fee = m.has_any(&["fee", "fees", "gas", "charges", "commission"]);
    let cost = m.has_any(&["cost", "costs", "charge", "expensive", "cheap"]);
    let action = money_verb(m).is_some()
        || m.has_any(&[
            "mint",
            "minting",
            "transaction",
            "tx",
            "transfer",
            "transfers",
            "subscription",
            "premium",
            "sending",
            "swapping",
            "staking",
            "nft",
        ]);
    (m.is_question() || m.has_any(&["fee", "fees"])) && (fee || (cost && action))
}

fn is_ability_question(m: &Msg) -> bool {
    let opener = [
        &["can", "i"][..],
        &["could", "i"],
        &["may", "i"],
        &["should", "i"],
        &["am", "i", "able"],
        &["is", "it", "possible"],
        &["is", "it", "safe"],
        &["is", "it", "a", "good"],
        &["do", "i", "need"],
        &["why", "can", "not", "i"],
        &["why", "can", "i", "not"],
        &["is", "there", "a", "way"],
        &["is", "there", "a", "limit"],
    ];
    opener.iter().any(|s| m.seq(s).is_some_and(|p| p <= 1))
}

fn is_explain(m: &Msg) -> bool {
    let defi_words =
        m.has_any(&["best", "price", "yield", "apr", "apy", "rate", "rates", "fee", "fees", "rewards", "pools"]);
    let what_is_a =
        (m.has_seq(&["what", "is", "a"]) || m.has_seq(&["what", "is", "an"])) && !m.has("my") && !defi_words
            || m.has_seq(&["what", "are"]) && !m.has("my") && !defi_words && !m.has_any(STAKING_WORDS);
    let what_is_thing = m.seq(&["what", "is"]).is_some_and(|p| {
        p == 0
            && m.len() <= 4
            && matches!(
                m.word(p + 2),
                "s" | "sonic"
                    | "staking"
                    | "gas"
                    | "ws"
                    | "defi"
                    | "nft"
                    | "premium"
                    | "slippage"
                    | "apr"
                    | "apy"
                    | "yield"
                    | "delegation"
                    | "ens"
                    | "eip-681"
            )
    });
    what_is_a
        || what_is_thing
        || m.has_any(&["explain", "tutorial", "guide", "documentation", "docs", "faq", "difference", "meaning"])
        || m.has_seq(&["tell", "me", "about"])
        || (m.has_seq(&["what", "does"]) && m.has("mean"))
        || m.has_seq(&["what", "is", "the", "difference"])
}

fn is_help_request(m: &Msg) -> bool {
    let first = m.word(0);
    (first == "help" && m.len() <= 3)
        || (m.has("help") && m.len() <= 3)
        || m.has_any(&["commands", "capabilities", "features", "usage", "manual", "instructions"])
        || m.has_seq(&["what", "can", "you", "do"])
        || m.has_seq(&["what", "do", "you", "do"])
        || m.has_seq(&["what", "can", "i", "do"])
        || m.has_seq(&["what", "can", "you", "help"])
        || (m.has_seq(&["what", "can", "this"]) && m.has("do"))
        || (m.has_seq(&["what", "can", "it"]) && m.has("do"))
        || (m.has_seq(&["what", "does", "this"]) && m.has("do"))
        || m.has_seq(&["what", "are", "you"])
        || m.has_seq(&["who", "are", "you"])
        || m.has_seq(&["how", "does", "this", "work"])
        || m.has_seq(&["how", "do", "you", "work"])
        || m.has_seq(&["what", "should", "i", "ask"])
        || m.has_seq(&["what", "can", "i", "ask"])
        || m.has_seq(&["what", "can", "i", "say"])
        || m.has_seq(&["help", "me", "out"])
        || (m.len() <= 3 && m.has_any(&["hi", "hello", "hey", "hiya", "howdy", "gm", "start", "menu", "options"]))
}

/// Whether a negation governs the order ("don't send", "never pay", "send nothing").
fn is_negated(m: &Msg, verb: usize) -> bool {
    let before = (0..verb).any(|i| NEGATIONS.contains(&m.word(i)) || (m.word(i) == "no" && i == 0));
    let after = (verb..m.len()).any(|i| matches!(m.word(i), "nothing" | "never" | "not"));
    before || after
}

fn is_reported(m: &Msg, verb: usize) -> bool {
    let speech_before = (0..verb).any(|i| {
        SPEECH_VERBS.contains(&m.word(i))
            && !(i > 0 && matches!(m.word(i - 1), "i" | "you" | "we"))
            && !(m.word(i) == "want" && i > 0 && m.word(i - 1) == "i")
    });
    speech_before
        || m.has_any(REPORTED)
        || m.has_seq(&["wants", "me"])
        || m.has_seq(&["want", "me"])
        || m.has_seq(&["told", "me"])
        || m.has_seq(&["asked", "me"])
        || m.has_seq(&["says", "to"])
        || m.has_seq(&["said", "to"])
        || m.toks.iter().any(|t| t.kind == Kind::Quoted) && !m.has_any(&["mint", "nft", "called", "named"])
}

fn is_conditional(m: &Msg, verb: usize) -> bool {
    let opener = CONDITIONAL_OPENERS.iter().any(|s| m.seq(s) == Some(0));
    opener
        || (0..m.len()).any(|i| {
            let w = m.word(i);
            CONDITIONALS.contains(&w) && !(w == "after" && i > verb && m.word(i + 1) == "fees")
                || (w == "when" && i > 0 && !m.is_question())
                || (w == "when" && i == 0 && verb > 0 && !m.qmark && m.word(1) != "did")
        })
}

const NEGATED: &str = "that reads as a negation, so nothing is planned";
const REPORTED_SPEECH: &str = "that reads as someone else's instruction; I only act on your own orders";
const CONDITION: &str = "I cannot act on a condition; ask again when you want it done";

/// Whether the rules read a message as unknown on purpose: a negation, someone else's
/// words or a condition, which no other reading may turn into an order.
pub(crate) fn is_refusal(a: &Action) -> bool {
    a.intent == Intent::Unknown && a.note.as_deref().is_some_and(|n| [NEGATED, REPORTED_SPEECH, CONDITION].contains(&n))
}

/// Why the order at `verb` is not the user's own order to act now: it is negated,
/// someone else's words, or waits on a condition. Applies to every action that moves
/// money or decides where it goes (send, swap, stake, contacts).
fn not_own_order(m: &Msg, verb: usize) -> Option<Action> {
    if is_negated(m, verb) {
        return Some(unknown(NEGATED));
    }
    if is_reported(m, verb) {
        return Some(unknown(REPORTED_SPEECH));
    }
    if is_conditional(m, verb) && !m.qmark {
        return Some(unknown(CONDITION));
    }
    None
}

/// The action for a normalised message.
pub(crate) fn classify(m: &Msg, contacts: &Contacts) -> Action {
    if m.toks.is_empty() || !m.toks.iter().any(|t| t.raw.chars().any(|c| c.is_alphanumeric())) {
        return unknown("empty message");
    }
    let letters = m.toks.iter().flat_map(|t| t.raw.chars()).filter(|c| c.is_alphabetic());
    let (ascii, other) = letters.fold((0, 0), |(a, o), c| if c.is_ascii() { (a + 1, o) } else { (a, o + 1) });
    if other > ascii {
        return unknown("this assistant understands English wallet requests");
    }
    let verb = money_verb(m);
    let q = m.is_question();

    if is_help_request(m) && verb.is_none() {
        return Action::new(Intent::Help);
    }
    if is_how_to(m) || is_what_if(m) || is_cost_question(m) || is_explain(m) {
        return Action::new(Intent::Help);
    }
    // "how many S can I send at most?", "should I pay bob?": advice, not orders
    // ("which validator should I delegate to?" asks for staking data instead).
    if m.qmark
        && verb.is_some()
        && !m.has_any(STAKING_WORDS)
        && (m.has_seq(&["can", "i"]) || m.has_seq(&["could", "i"]) || m.has_seq(&["should", "i"]))
    {
        return Action::new(Intent::Help);
    }
    if m.is_question()
        && m.has_any(&["wise", "safe", "smart", "advisable", "recommended", "risky", "idea", "worth"])
        && (verb.is_some() || m.has_any(&["sending", "paying", "transferring", "swapping", "staking", "delegating"]))
    {
        return Action::new(Intent::Help);
    }
    if is_ability_question(m)
        && (verb.is_some()
            || m.has_any(&[
                "mint",
                "import",
                "export",
                "subscribe",
                "receive",
                "add",
                "cancel",
                "undo",
                "reverse",
                "recover",
                "restore",
                "backup",
                "speed",
                "change",
                "delete",
                "remove",
                "transaction",
                "transactions",
                "tx",
                "use",
                "connect",
                "create",
            ]))
    {
        return Action::new(Intent::Help);
    }
    // Earnings questions are about rates, whatever verb they use ("if I stake").
    if q && m.has_any(&["earn", "earning", "earnings", "apr", "apy", "yield", "rewards", "returns", "interest"])
        && !m.has_any(&["did", "have", "earned"])
    {
        return defi(m);
    }
    if let Some(v) = verb {
        if is_negated(m, v) {
            return unknown(NEGATED);
        }
        // "ask alice to pay me": the user asks to be paid; nothing leaves the wallet.
        if is_pay_me(m) && !m.has_any(REPORTED) {
            return payment_request(m);
        }
        if let Some(a) = not_own_order(m, v) {
            return a;
        }
    }
    if m.toks.iter().any(|t| t.kind == Kind::Hash) {
        return tx_status(m);
    }
    if m.has_any(&["subscription", "subscriptions", "subscribed", "subscribe", "premium", "membership", "unsubscribe"])
    {
        return subscription(m);
    }
    let nft_word = m.has_any(&["nft", "nfts", "collectible", "erc721", "erc-721"]);
    if m.has("mint")
        || (nft_word && m.has_any(&["create", "make", "generate", "issue", "design", "craft", "build", "new", "turn"]))
    {
        return nft_mint(m);
    }
    // A contact's address decides where later sends go, so a contact change passes the
    // same gates as a send: only the user's own order, now, saves or changes one.
    if let Some(c) = contact_mention(m) {
        if let Some(a) = not_own_order(m, c.anchor) {
            return a;
        }
        if m.is_question() && !is_polite_request(m) {
            return Action::new(Intent::Help);
        }
        if c.order {
            return add_contact(m);
        }
    }
    if m.has_any(SWAP_VERBS) || (m.has_any(&["buy", "sell", "change"]) && assets(m, &[]).len() >= 2) {
        return swap(m);
    }
    if m.has_any(STAKE_VERBS) && !q {
        return stake(m);
    }
    if m.has_any(STAKING_WORDS)
        || m.has_any(YIELD_WORDS)
        || m.has_any(POOL_WORDS)
        || is_price_question(m)
        || (q && m.has_any(STAKE_VERBS))
    {
        return defi(m);
    }
    if is_tx_status(m) {
        return tx_status(m);
    }
    if is_pay_me(m) || is_own_address_question(m) {
        return payment_request(m);
    }
    if is_history(m) {
        return history(m);
    }
    if is_payment_request(m) {
        return payment_request(m);
    }
    if verb.is_some_and(|v| SEND_VERBS.contains(&m.word(v))) {
        if q && is_balance(m) {
            return balance(m);
        }
        if q && !is_polite_request(m) {
            return history(m);
        }
        return send(m, contacts);
    }
    if is_balance(m) {
        return balance(m);
    }
    // A verbless order: "5 S to bob please" (an amount first, then to someone).
    if !q && verb.is_none() && m.toks.first().is_some_and(|t| matches!(t.kind, Kind::Num(_))) {
        if let Some(t) = recipient_to(m, 1) {
            // Only the bare form: nothing after the recipient but politeness.
            let bare = (t + 2..m.len()).all(|i| matches!(m.word(i), "please" | "now" | "thanks" | "asap" | "thx"));
            if bare && party_at(m, t + 1, &Contacts::default()).is_some() {
                return send(m, contacts);
            }
        }
    }
    if nft_word {
        return unknown("I can mint NFTs; listing them is in the app's NFT page");
    }
    if m.has("help") {
        return Action::new(Intent::Help);
    }
    unknown("not a wallet request I know")
}

fn is_polite_request(m: &Msg) -> bool {
    [&["can", "you"][..], &["could", "you"], &["would", "you"], &["will", "you"], &["can", "we"]]
        .iter()
        .any(|s| m.seq(s).is_some_and(|p| p <= 2))
}

fn is_price_question(m: &Msg) -> bool {
    let price_word = m.has_any(&["price", "prices", "worth", "valued", "trading", "chart", "marketcap"])
        || m.has_seq(&["market", "cap"]);
    let value_of = m.has_seq(&["value", "of"]) && !m.has_any(&["my", "portfolio"]);
    let one = |i: usize| matches!(m.toks.get(i).and_then(|t| t.num()), Some(crate::tokens::Num::Value(v)) if v == "1");
    let how_much_is = m
        .seq(&["how", "much", "is"])
        .is_some_and(|p| asset_of(m, p + 3).is_some() || (one(p + 3) && asset_of(m, p + 4).is_some()));
    let movement = (m.has_seq(&["going", "up"])
        || m.has_seq(&["going", "down"])
        || m.has_any(&["pumping", "dumping", "rising", "falling", "dropping", "mooning", "crashing"]))
        && !assets(m, &[]).is_empty();
    let usd = m.has_any(&["usd", "dollars", "dollar", "eur", "euro"])
        && m.has_seq(&["how", "much"])
        && !m.has_any(&["have", "my"]);
    (price_word && !m.has_any(&["my", "portfolio"]))
        || value_of
        || how_much_is
        || usd
        || movement
        || (price_word && m.has_any(&["s", "sonic", "ws"]))
}

fn is_tx_status(m: &Msg) -> bool {
    let single_tx = m
        .toks
        .iter()
        .enumerate()
        .any(|(i, t)| t.any(TX_NOUNS) && !(i > 0 && m.word(i - 1) == "a" && m.word(i + 1) != "status"));
    let status = m.has_any(STATUS_WORDS) || m.has_seq(&["go", "through"]) || m.has_seq(&["went", "through"]);
    let bad_hash = m.toks.iter().any(|t| t.kind == Kind::BadHex)
        && !m.has_any(MONEY_VERBS)
        && !m.has_any(&["save", "add", "contact"]);
    (single_tx && status && !m.has_any(HISTORY_NOUNS) && !m.has_any(&["all", "every"])) || bad_hash && status
}

fn is_history(m: &Msg) -> bool {
    let aux_past = (0..m.len()).any(|i| {
        let aux = m.word(i);
        matches!(aux, "did" | "have" | "has" | "had")
            && (i + 1..m.len().min(i + 6)).any(|j| {
                let w = m.word(j);
                let past = SENT_PAST.contains(&w) || RECEIVED_PAST.contains(&w);
                let base = SEND_VERBS.contains(&w) || matches!(w, "receive" | "spend" | "get");
                past || (aux == "did" && base)
            })
    });
    m.has_any(HISTORY_NOUNS)
        || aux_past
        || m.has_seq(&["came", "in"])
        || (m.has_seq(&["i", "got"]) && !m.has("have"))
        || m.has_seq(&["got", "from"])
        || m.has_any(SENT_PAST)
        || m.has_any(RECEIVED_PAST) && !m.has_seq(&["got", "to"])
        || (m.has_seq(&["how", "much"]) && m.has_any(&["spend", "spending", "sent", "received"]))
        || m.has_seq(&["who", "paid"])
        || m.has_seq(&["who", "sent"])
        || (m.has_any(&["last", "latest", "recent", "previous"])
            && m.has_any(&["transaction", "tx", "transfer", "payment"]))
}

/// Someone else paying the user: "have carol pay me", "get paid", "bob owes me".
fn is_pay_me(m: &Msg) -> bool {
    let third_party = (1..m.len()).any(|i| {
        matches!(m.word(i), "pay" | "send" | "give" | "transfer" | "owes" | "owe")
            && matches!(m.word(i + 1), "me" | "us")
            && !(0..i)
                .any(|k| matches!(m.word(k), "did" | "has" | "had") || (m.word(k) == "have" && m.word(k + 1) == "i"))
    });
    third_party || m.has_seq(&["get", "paid"]) || m.has_seq(&["getting", "paid"])
}

/// "what address can people send S to", "where can others pay me".
fn is_own_address_question(m: &Msg) -> bool {
    m.has_any(&["people", "others", "friends", "someone", "anyone", "they"])
        && (m.has("address") || m.has_seq(&["where", "can"]))
        && m.has_any(&["send", "pay", "transfer", "deposit"])
        && !m.has_any(SENT_PAST)
}

fn is_payment_request(m: &Msg) -> bool {
    let third_party_pay_me = is_pay_me(m);
    m.has_any(&[
        "request",
        "invoice",
        "bill",
        "charge",
        "receive",
        "receiving",
        "deposit",
        "qr",
        "collect",
        "requesting",
    ]) && !m.has_any(&["received", "deposits"])
        || third_party_pay_me
        || m.has_seq(&["my", "address"])
        || m.has_seq(&["my", "wallet", "address"])
        || m.has_seq(&["my", "public", "address"])
        || m.has_seq(&["payment", "link"])
        || m.has_seq(&["pay", "link"])
        || m.has_seq(&["get", "paid"])
        || m.has_seq(&["payment", "request"])
        || m.has_seq(&["where", "can", "people", "send"])
}

fn is_balance(m: &Msg) -> bool {
    m.has_any(BALANCE_WORDS)
        || (m.has_seq(&["how", "much"]) && m.has_any(&["have", "has", "own", "hold", "left", "got"]))
        || (m.has_seq(&["how", "many"]) && m.has_any(&["have", "has", "own", "hold"]))
        || m.has_seq(&["what", "do", "i", "have"])
        || m.has_seq(&["do", "i", "have"])
        || (m.word(0) == "does" && m.has_any(&["have", "hold", "own"]))
        || (m.has("my") && m.has_any(&["worth", "value"]) && !assets(m, &[]).is_empty())
        || m.has_seq(&["do", "i", "still", "have"])
        || m.has_seq(&["what", "do", "i", "own"])
        || m.has_seq(&["in", "my", "wallet"])
        || m.has_seq(&["in", "my", "account"])
        || (m.len() <= 3 && m.has("my") && assets(m, &[]).len() == 1)
        || m.has_seq(&["how", "rich"])
        || m.has_seq(&["net", "worth"])
        || m.has_seq(&["am", "i", "broke"])
        || (m.len() <= 3 && m.has_any(&["wallet", "money"]))
}

// ---------------------------------------------------------------- builders

fn send(m: &Msg, contacts: &Contacts) -> Action {
    let mut b = Builder::new(Intent::Send);
    let verb = money_verb(m).unwrap_or(0);
    let (amount, _) = single_amount(m);
    let mut recipient_idx = None;
    let mut to = Slot::Absent;
    let mut to_address = None;
    if let Some(t) = recipient_to(m, verb + 1).or_else(|| recipient_to(m, 0).filter(|&t| t < verb)) {
        let mut j = t + 1;
        while RECIPIENT_FILLERS.contains(&m.word(j)) && m.toks.get(j + 1).is_some() {
            j += 1;
        }
        if let Some((slot, addr)) = party_at(m, j, contacts) {
            recipient_idx = Some(j);
            to = slot;
            to_address = addr;
        } else if m.toks.get(j).is_some() {
            to = Slot::Invalid;
        }
    } else if let Some((slot, addr)) = party_at(m, verb + 1, contacts) {
        // Double object: "pay alice 12.5", "send bob 5 S".
        recipient_idx = Some(verb + 1);
        to = slot;
        to_address = addr;
    }
    if let Some(r) = recipient_idx {
        // "to alice and bob", "to alice or bob": two recipients is a question.
        let k = if m.word(r + 1) == "or" || m.word(r + 1) == "and" { r + 2 } else { r + 1 };
        if k != r + 1 && party_at(m, k, &Contacts::default()).is_some() {
            to = Slot::Invalid;
            to_address = None;
        }
        if m.word(r + 1) == "or" {
            to = Slot::Invalid;
        }
        // "to bob and 5 S to alice": a second recipient further on.
        if let Some(t2) = recipient_to(m, r + 1) {
            if party_at(m, t2 + 1, &Contacts::default()).is_some() {
                to = Slot::Invalid;
                to_address = None;
            }
        }
    }
    let mut skip = vec![];
    if let Some(r) = recipient_idx {
        skip.push(r);
        // One payment has one recipient: any other party the message names for it
        // ("send bob 5 S to 0x…", "pay alice 3 S to carol", "to bob at 0x…") makes
        // the recipient a question, never a choice between them.
        let others = other_recipients(m, r, contacts);
        skip.extend(others.iter().map(|o| o.0));
        // The same party named twice (a contact and its address) is one recipient.
        let same = |o: &(usize, Slot, Option<String>)| match (&to, &o.1) {
            (Slot::Valid(a), Slot::Valid(b)) => {
                a == b || to_address.as_deref().unwrap_or(a) == o.2.as_deref().unwrap_or(b)
            }
            _ => false,
        };
        if !others.iter().all(same) {
            to = Slot::Invalid;
            to_address = None;
        }
    }
    let mut found: Vec<String> = assets(m, &skip).into_iter().map(|(_, a)| a).collect();
    found.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    match found.len() {
        0 => b.set("asset", "S"),
        1 => b.set("asset", found[0].clone()),
        _ => b.need("asset"),
    }
    if amount.is_absent() && vague_amount(m) {
        b.need("amount");
    } else {
        b.require("amount", &amount);
    }
    b.require("to", &to);
    if let (Slot::Valid(_), Some(a)) = (&to, to_address) {
        b.set("to_address", a);
    }
    b.done()
}

/// Every party, other than the one at `recipient`, that the message names as a
/// receiver: the object of a send verb ("pay alice …"), a party after a recipient "to",
/// an address not used as a token ("… at 0x…"), or a known contact after "for" (a
/// possessive there is a purpose, "for bob's birthday"). Positions, readings and
/// resolved addresses.
fn other_recipients(m: &Msg, recipient: usize, contacts: &Contacts) -> Vec<(usize, Slot, Option<String>)> {
    let mut at: Vec<usize> = Vec::new();
    for i in 0..m.len() {
        let w = m.word(i);
        let verb = SEND_VERBS.contains(&w) && !(i > 0 && matches!(m.word(i - 1), "a" | "the" | "my" | "an" | "this"));
        // The object of a send verb: an address, a contact, or a name before an
        // amount ("pay dave 3 S"); not a token written after the verb ("send S5").
        let object = m.toks.get(i + 1).is_some_and(|t| {
            t.kind == Kind::Address
                || (t.is_word() && contacts.get(&t.low).is_some())
                || (asset_of(m, i + 1).is_none() && m.toks.get(i + 2).is_some_and(|n| n.num().is_some()))
        });
        if verb && object {
            at.push(i + 1);
        }
        if w == "to" && recipient_to(m, i) == Some(i) {
            let mut j = i + 1;
            while RECIPIENT_FILLERS.contains(&m.word(j)) && m.toks.get(j + 1).is_some() {
                j += 1;
            }
            at.push(j);
        }
        if w == "for" {
            let named = m
                .toks
                .get(i + 1)
                .is_some_and(|t| t.is_word() && !t.possessive && contacts.provided() && contacts.get(&t.low).is_some());
            if named {
                at.push(i + 1);
            }
        }
        let token_use = i > 0 && (matches!(m.toks[i - 1].kind, Kind::Num(_)) || m.toks[i - 1].any(ADDRESS_AS_TOKEN));
        if m.toks[i].kind == Kind::Address && !token_use {
            at.push(i);
        }
    }
    at.sort_unstable();
    at.dedup();
    at.into_iter()
        .filter(|&j| j != recipient)
        .filter_map(|j| party_at(m, j, contacts).map(|(slot, addr)| (j, slot, addr)))
        .collect()
}

fn history(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::History);
    let strong_out = m.has_any(SENT_PAST)
        || m.has_any(&[
            "send",
            "spend",
            "spending",
            "pay",
            "outgoing",
            "sends",
            "expenses",
            "withdrawals",
            "purchases",
        ]);
    // "payments" alone leans outgoing; "payments from bob" is incoming.
    let weak_out = m.has("payments") && !m.has("from") && !m.has_any(&["incoming", "received", "receive", "deposits"]);
    let out_words = strong_out || weak_out;
    let in_words = m.has_any(RECEIVED_PAST)
        || m.has_any(&["receive", "incoming", "deposits", "receipts"])
        || m.has_seq(&["came", "in"])
        || m.has_seq(&["i", "got"])
        || m.has_seq(&["got", "from"])
        || (m.has("get") && m.has("did"));
    let to_me = (0..m.len()).any(|i| {
        (SENT_PAST.contains(&m.word(i)) || SEND_VERBS.contains(&m.word(i))) && matches!(m.word(i + 1), "me" | "us")
    });
    let direction = match (out_words && !to_me, in_words || to_me) {
        (true, false) => Some("out"),
        (false, true) => Some("in"),
        _ => None,
    };
    // Counterparty: after to/from/with, or the object of "pay"/"paid".
    let none = Contacts::default();
    let mut party = None;
    for i in 0..m.len() {
        let w = m.word(i);
        let preposition = matches!(w, "to" | "from" | "with" | "by")
            && !matches!(m.word(i + 1), "the" | "last" | "past" | "this" | "me" | "my");
        let at = (preposition || matches!(w, "pay" | "paid" | "tip" | "tipped")).then_some(i + 1);
        if let Some(j) = at {
            if asset_of(m, j).is_some() && m.toks[j].kind != Kind::Address {
                continue;
            }
            if let Some((Slot::Valid(p), _)) = party_at(m, j, &none) {
                party = Some((j, p, w));
                break;
            }
        }
    }
    // "did alice send me anything": the subject is the counterparty.
    if party.is_none() && to_me {
        if let Some(i) = (1..m.len()).find(|&i| SENT_PAST.contains(&m.word(i)) || SEND_VERBS.contains(&m.word(i))) {
            if let Some((Slot::Valid(p), _)) = party_at(m, i - 1, &none) {
                party = Some((i - 1, p, "from"));
            }
        }
    }
    let direction = direction.or(match party {
        Some((_, _, "to")) => Some("out"),
        Some((_, _, "from")) => Some("in"),
        _ => None,
    });
    if let Some(d) = direction {
        b.set("direction", d);
    }
    let skip: Vec<usize> = party.iter().map(|p| p.0).collect();
    if let Some((_, p, _)) = party {
        b.set("counterparty", p);
    }
    if let Some((_, a)) = assets(m, &skip).into_iter().next() {
        b.set("asset", a);
    }
    if let Some(d) = entities::period_days(m) {
        b.set("period_days", d);
    }
    if let Some(l) = entities::limit(m) {
        b.set("limit", l);
    }
    b.done()
}

fn tx_status(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::TxStatus);
    match entities::hash(m) {
        Some(h) => b.set("hash", h),
        None => b.need("hash"),
    }
    b.done()
}

fn nft_mint(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::NftMint);
    let desc_marker = m.pos_any(&["description", "described", "desc", "caption", "about"]);
    let quoted: Vec<(usize, &str)> =
        m.toks.iter().enumerate().filter(|(_, t)| t.kind == Kind::Quoted).map(|(i, t)| (i, t.raw.as_str())).collect();
    let mut name: Option<String> = None;
    let mut description: Option<String> = None;
    for &(i, text) in &quoted {
        let after_desc = desc_marker.is_some_and(|d| d < i && (i - d) <= 3);
        if after_desc && description.is_none() {
            description = Some(text.to_string());
        } else if name.is_none() {
            name = Some(text.to_string());
        }
    }
    let stop = |i: usize| {
        let t = &m.toks[i];
        t.kind == Kind::Path
            || t.kind == Kind::Quoted
            || t.any(&[
                "from",
                "with",
                "using",
                "and",
                "image",
                "picture",
                "photo",
                "file",
                "description",
                "described",
                "that",
                "which",
                "on",
                "for",
                "as",
                "in",
                "to",
                "please",
                "desc",
                "caption",
                "about",
                "by",
            ])
    };
    if name.is_none() {
        if let Some(p) = m.pos_any(&["called", "named", "titled", "name", "title"]) {
            let mut j = p + 1;
            if matches!(m.word(j), "it" | "is") {
                j += 1;
            }
            let words: Vec<&str> = (j..m.len()).take_while(|&k| !stop(k)).map(|k| m.toks[k].raw.as_str()).collect();
            if !words.is_empty() {
                name = Some(words.join(" "));
            }
        }
    }
    if name.is_none() {
        // "mint Dawn as an NFT", "mint a Dawn NFT": capitalised words are a title.
        if let Some(v) = m.pos_any(&["mint", "create", "make"]) {
            let mut j = v + 1;
            while matches!(m.word(j), "a" | "an" | "the" | "my" | "new") {
                j += 1;
            }
            let words: Vec<&str> = (j..m.len())
                .take_while(|&k| {
                    !stop(k)
                        && !m.toks[k].any(&["nft", "nfts", "token", "collectible"])
                        && m.toks[k].raw.starts_with(|c: char| c.is_uppercase())
                })
                .map(|k| m.toks[k].raw.as_str())
                .collect();
            if !words.is_empty() {
                name = Some(words.join(" "));
            }
        }
    }
    if description.is_none() {
        if let Some(d) = desc_marker {
            let mut j = d + 1;
            if matches!(m.word(j), "as" | "of" | "is" | ":") {
                j += 1;
            }
            let words: Vec<&str> = (j..m.len())
                .take_while(|&k| m.toks[k].kind != Kind::Path && !m.toks[k].any(&["from", "using", "image", "with"]))
                .map(|k| m.toks[k].raw.as_str())
                .collect();
            if !words.is_empty() && m.word(d) != "about" {
                description = Some(words.join(" "));
            }
        }
    }
    match name.filter(|n| !n.trim().is_empty()) {
        Some(n) => b.set("name", n.trim().to_string()),
        None => b.need("name"),
    }
    if let Some(p) = m.toks.iter().find(|t| t.kind == Kind::Path) {
        b.set("image", p.raw.clone());
    }
    if let Some(d) = description {
        b.set("description", d);
    }
    b.done()
}

fn defi(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::DefiQuery);
    let topic = if m.has_any(STAKING_WORDS) || m.has_any(STAKE_VERBS) {
        "staking"
    } else if m.has_any(YIELD_WORDS) {
        "yield"
    } else if m.has_any(POOL_WORDS) {
        "pool"
    } else {
        "price"
    };
    b.set("topic", topic);
    let found = assets(m, &[]);
    if let Some((_, a)) = found.into_iter().find(|(_, a)| !matches!(a.as_str(), "USD" | "EUR")) {
        b.set("asset", a);
    }
    b.done()
}

fn subscription(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::Subscription);
    let purchase_verb = (0..m.len()).any(|i| {
        PURCHASE_VERBS.contains(&m.word(i)) && !(i > 0 && matches!(m.word(i - 1), "did" | "does" | "will" | "when"))
    });
    let question = m.is_question() && !is_polite_request(m);
    let action = if m.has("unsubscribe") || m.has_seq(&["cancel", "my"]) {
        "status"
    } else if purchase_verb && !question {
        "purchase"
    } else {
        "status"
    };
    b.set("action", action);
    b.done()
}

/// A message about a contact's address: where its order sits (the contact verb, else
/// the address of a statement like "dave's address is 0x…"), and whether it can be an
/// order at all (a past event, "was bob saved as 0x…", only asks or tells).
struct ContactMention {
    anchor: usize,
    order: bool,
}

fn contact_mention(m: &Msg) -> Option<ContactMention> {
    if m.has_any(NOT_CONTACT_NOUNS) || money_verb(m).is_some() {
        return None;
    }
    let addr_i = m.toks.iter().position(|t| matches!(t.kind, Kind::Address | Kind::BadHex));
    let verb = m.pos_any(CONTACT_VERBS).or_else(|| {
        // "call 0x… frank": naming an address.
        m.pos_any(NAMING_VERBS)
            .filter(|&p| matches!(m.toks.get(p + 1).map(|t| &t.kind), Some(Kind::Address | Kind::BadHex)))
    });
    let contact_word = m.has_any(CONTACT_NOUNS) || m.has_seq(&["address", "book"]);
    let possessive_address = m
        .toks
        .iter()
        .enumerate()
        .any(|(i, t)| t.possessive && !t.w("my") && m.toks[i + 1..].iter().take(2).any(|n| n.w("address")));
    let about_contact = addr_i.is_some() || contact_word || possessive_address;
    let is_statement = addr_i.is_some() && (m.has_seq(&["address", "is"]) || possessive_address);
    if (verb.is_some() && about_contact) || is_statement || contact_word && addr_i.is_some() {
        let anchor = verb.or(addr_i).unwrap_or(0);
        return Some(ContactMention { anchor, order: true });
    }
    let past = m.pos_any(CONTACT_VERBS_PAST).filter(|_| about_contact);
    if past.is_some() || possessive_address {
        return Some(ContactMention { anchor: past.unwrap_or(0), order: false });
    }
    None
}

/// The add_contact action of a message that [`contact_mention`] read as an order.
fn add_contact(m: &Msg) -> Action {
    let addr_i = m.toks.iter().position(|t| matches!(t.kind, Kind::Address | Kind::BadHex));
    let mut b = Builder::new(Intent::AddContact);
    let none = Contacts::default();
    // The name: after as/named/called, a possessive, or a name next to the address.
    let mut name: Option<String> = None;
    if let Some(p) = m.pos_any(&["as", "named", "called", "name", "for", "under"]) {
        let mut j = p + 1;
        while matches!(m.word(j), "a" | "the" | "my" | "contact" | "name" | "named" | "called") {
            j += 1;
        }
        if let Some((Slot::Valid(n), _)) = party_at(m, j, &none) {
            if !n.starts_with("0x") {
                name = Some(n);
            }
        }
    }
    if name.is_none() {
        name = m
            .toks
            .iter()
            .enumerate()
            .find(|(i, t)| t.possessive && !t.w("my") && entities::is_name_word(m, *i))
            .map(|(_, t)| t.low.clone());
    }
    if name.is_none() {
        let candidates = (0..m.len()).filter(|&i| {
            Some(i) != addr_i
                && entities::is_name_word(m, i)
                && !m.toks[i].any(CONTACT_VERBS)
                && !m.toks[i].any(NAMING_VERBS)
                && !m.toks[i].any(CONTACT_NOUNS)
                && !m.toks[i].any(&["book", "is"])
        });
        name = candidates.map(|i| m.toks[i].low.clone()).next();
    }
    match name {
        Some(n) => b.set("name", n),
        None => b.need("name"),
    }
    match addr_i.map(|i| party_at(m, i, &none)) {
        Some(Some((Slot::Valid(a), _))) => b.set("address", a),
        _ => b.need("address"),
    }
    b.done()
}

fn payment_request(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::PaymentRequest);
    let (amount, _) = single_amount(m);
    match amount {
        Slot::Valid(v) => {
            b.set("amount", v);
            let found = assets(m, &[]);
            b.set("asset", found.into_iter().next().map(|(_, a)| a).unwrap_or_else(|| "S".into()));
        }
        Slot::Invalid => b.need("amount"),
        Slot::Absent => {
            if let Some((_, a)) = assets(m, &[]).into_iter().next() {
                b.set("asset", a);
            }
        }
    }
    b.done()
}

fn swap(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::Swap);
    let verb = m.pos_any(&["swap", "exchange", "convert", "trade", "buy", "sell", "change"]).unwrap_or(0);
    let buying = m.word(verb) == "buy";
    let sep =
        (verb + 1..m.len()).find(|&i| matches!(m.word(i), "for" | "to" | "into" | "with" | "->" | "=>" | "using"));
    let found = assets(m, &[]);
    let before: Vec<&(usize, String)> = found.iter().filter(|(i, _)| *i > verb && sep.is_none_or(|s| *i < s)).collect();
    let after: Vec<&(usize, String)> = found.iter().filter(|(i, _)| sep.is_some_and(|s| *i > s)).collect();
    let (mut from, mut to) = (before.first().map(|x| x.1.clone()), after.first().map(|x| x.1.clone()));
    if buying {
        std::mem::swap(&mut from, &mut to);
    }
    let list = amounts(m);
    let amount = match list.as_slice() {
        [] => Slot::Absent,
        [(i, s)] => {
            // The amount counts the asset given away; "buy 10 USDC with S" counts the
            // asset received, which a swap cannot be planned from.
            let of_received = if buying { sep.is_none_or(|s| *i < s) } else { sep.is_some_and(|s| *i > s) };
            if of_received {
                Slot::Invalid
            } else {
                s.clone()
            }
        }
        _ => Slot::Invalid,
    };
    b.require("amount", &amount);
    match from {
        Some(f) => b.set("from_asset", f),
        None => b.need("from_asset"),
    }
    match to {
        Some(t) if b.action.slot("from_asset").is_none_or(|f| !f.eq_ignore_ascii_case(&t)) => b.set("to_asset", t),
        _ => b.need("to_asset"),
    }
    b.done()
}

fn stake(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::Stake);
    let (amount, _) = single_amount(m);
    b.require("amount", &amount);
    if let Some(v) = entities::validator(m) {
        b.set("validator", v);
    }
    let non_native = assets(m, &[]).into_iter().any(|(_, a)| a != "S");
    if non_native {
        b.need("asset");
    }
    b.done()
}

fn balance(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::Balance);
    let none = Contacts::default();
    let mut account = None;
    for (i, t) in m.toks.iter().enumerate() {
        if t.possessive && entities::is_name_word(m, i) {
            account = Some((i, t.low.clone()));
            break;
        }
    }
    if account.is_none() {
        for i in 0..m.len() {
            let w = m.word(i);
            let j = if matches!(w, "of" | "for") || (w == "does" && m.has_any(&["have", "hold", "own"])) {
                i + 1
            } else {
                continue;
            };
            if asset_of(m, j).is_some() && m.toks[j].kind != Kind::Address {
                continue;
            }
            if let Some((Slot::Valid(p), _)) = party_at(m, j, &none) {
                account = Some((j, p));
                break;
            }
        }
    }
    if account.is_none() {
        if let Some(t) = m.toks.iter().position(|t| t.kind == Kind::Address) {
            if let Some((Slot::Valid(p), _)) = party_at(m, t, &none) {
                account = Some((t, p));
            }
        }
    }
    let skip: Vec<usize> = account.iter().map(|a| a.0).collect();
    if let Some((_, a)) = account {
        b.set("account", a);
    }
    if let Some((_, a)) = assets(m, &skip).into_iter().next() {
        b.set("asset", a);
    }
    b.done()
}
