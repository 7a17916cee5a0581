//! Stage 4: recognise the intent from the sentence's structure (verb, mood, negation,
//! question form, reported speech), then fill its slots (stage 3) and decide whether
//! it is ready or needs a clarification. Every word the rules look for comes from the
//! lexicon, by the role it plays.

use serde_json::Value;
use sonic_types::action::{Action, Intent, Status};

use crate::{
    entities::{self, amounts, asset_of, assets, party_at, single_amount, vague_amount, Slot},
    lexicon::*,
    msg::Msg,
    tokens::{Kind, Num},
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

// ---------------------------------------------------------------- verbs and their objects

/// Whether the token after `i` can be what a slang verb moves: an amount, a share, an
/// address, an asset, or a name followed by an amount ("shoot alice 3 S").
fn has_object(m: &Msg, i: usize) -> bool {
    let Some(next) = m.toks.get(i + 1) else { return false };
    matches!(next.kind, Kind::Num(_) | Kind::Address)
        || next.any(OBJECT_STARTERS)
        || asset_of(m, i + 1).is_some()
        || (entities::is_name_word(m, i + 1) && m.toks.get(i + 2).is_some_and(|t| t.num().is_some()))
}

/// Whether the word at `i` is a money verb used as a verb: not a noun after a
/// determiner ("a transfer"), and slang only with an object.
fn is_money_verb_at(m: &Msg, i: usize) -> bool {
    let w = m.word(i);
    let verb = (is_money_verb(w) || (is_money_slang(w) && has_object(m, i))) && !is_noun_position(m, i);
    verb || is_light_verb_object(m, i)
}

/// Whether the word at `i` is an action named by a light verb: "make a payment of 10 S
/// to bob", "make transfer of 20 S", "do the swap".
fn is_light_verb_object(m: &Msg, i: usize) -> bool {
    let w = m.word(i);
    let noun = SEND_NOUNS.contains(&w) || SWAP_VERBS.contains(&w);
    let k = if DETERMINERS.contains(&m.prev(i)) { i.saturating_sub(1) } else { i };
    noun && k > 0 && LIGHT_VERBS.contains(&m.prev(k))
}

/// Whether the word at `i` stands where a noun stands: after a determiner or a
/// possessive ("a transfer", "bob's stake").
fn is_noun_position(m: &Msg, i: usize) -> bool {
    DETERMINERS.contains(&m.prev(i)) || (i > 0 && m.toks[i - 1].possessive)
}

/// Position of the first money verb used as a verb.
fn money_verb(m: &Msg) -> Option<usize> {
    (0..m.len()).find(|&i| is_money_verb_at(m, i))
}

/// Position of the first verb of a group (slang of the group only with an object).
fn verb_of(m: &Msg, plain: &[&str], slang: &[&str]) -> Option<usize> {
    (0..m.len()).find(|&i| {
        let w = m.word(i);
        let verb = (plain.contains(&w) || (slang.contains(&w) && has_object(m, i))) && !is_noun_position(m, i);
        verb || (plain.contains(&w) && is_light_verb_object(m, i))
    })
}

/// Whether the `to` at `i` is an infinitive ("want to send", "just to test", "to
/// verify my wallet") rather than a recipient.
fn is_infinitive_to(m: &Msg, i: usize) -> bool {
    let after_marker = INFINITIVE_MARKERS.contains(&m.prev(i)) && party_at(m, i + 1, &Contacts::default()).is_none();
    let next = m.word(i + 1);
    after_marker || PURPOSE_VERBS.contains(&next) || is_money_verb(next) || is_money_slang(next)
}

/// A `to` that introduces a recipient, not an infinitive or a contract.
fn recipient_to(m: &Msg, from: usize) -> Option<usize> {
    (from..m.len()).find(|&i| {
        TO.contains(&m.word(i))
            && !is_infinitive_to(m, i)
            && !(m.word(i + 1) == "the" && CONTRACT_DESTINATIONS.contains(&m.word(i + 2)))
    })
}

/// "put 75 S in staking", "add 50 S to my stake", "lock 100 S with validator 5": funds
/// placed into staking or with a validator. The position of the placing verb.
fn stake_placement(m: &Msg) -> Option<usize> {
    let v = m.pos_any(PLACE_VERBS)?;
    let into_staking = (v + 1..m.len()).any(|j| {
        INTO_PREPOSITIONS.contains(&m.word(j))
            && (STAKE_DESTINATIONS.contains(&m.word(j + 1))
                || (DETERMINERS.contains(&m.word(j + 1)) && STAKE_DESTINATIONS.contains(&m.word(j + 2))))
    });
    let with_validator = entities::validator(m).is_some() && !amounts(m).is_empty();
    (into_staking || with_validator).then_some(v)
}

// ---------------------------------------------------------------- questions that ask for help

fn is_how_to(m: &Msg) -> bool {
    m.has_any_seq(HOW_TO_PHRASES) || (m.has("how") && m.has_any(WORK_VERBS))
}

fn is_what_if(m: &Msg) -> bool {
    // "what happens", "what would happen", "what is happen" (a learner's wording).
    let happen = (0..m.len())
        .any(|i| HAPPEN_VERBS.contains(&m.word(i)) && (i.saturating_sub(3)..i).any(|k| m.word(k) == "what"));
    // "would sending 5 S to this address get my funds unlocked?"
    let would = m.qmark
        && WOULD_MODALS.contains(&m.word(0))
        && !ASSISTANT_WORDS.contains(&m.word(1))
        && (money_verb(m).is_some() || m.has_any(MONEY_GERUNDS));
    happen
        || would
        || m.has_any_seq(WHAT_IF_PHRASES)
        || (m.has_any_seq(HYPOTHETICAL_PHRASES) && m.has("if"))
        || m.has_any(HYPOTHETICAL_WORDS)
        || (m.word(0) == "if" && m.qmark)
}

fn is_cost_question(m: &Msg) -> bool {
    let fee = m.has_any(FEE_NOUNS);
    let cost = m.has_any(COST_WORDS);
    let action = money_verb(m).is_some() || m.has_any(COSTED_ACTIONS) || m.has_any_seq(COST_PHRASES);
    // "do I have to pay anything to receive S?": whether an action costs anything.
    let pays_for = m.is_question() && m.has_any_seq(PAY_SOMETHING_PHRASES);
    (m.is_question() || m.has_any(FEE_WORDS)) && (fee || (cost && action)) || pays_for
}

/// "what address do I have for alice?", "remind me of bob's address?": a question about
/// the address saved for someone, which is the address book's to answer, not an order.
fn is_contact_address_question(m: &Msg, contacts: &Contacts) -> bool {
    let named = |i: usize| {
        m.toks.get(i).is_some_and(|t| {
            if contacts.provided() {
                contacts.get(&t.low).is_some()
            } else {
                entities::is_name_word(m, i)
            }
        })
    };
    m.qmark
        && (0..m.len()).any(|a| {
            ADDRESS.contains(&m.word(a))
                && m.prev(a) != "my"
                && ((a + 1..m.len()).any(|k| ADDRESS_OWNER_PREPOSITIONS.contains(&m.word(k)) && named(k + 1))
                    || (a > 0 && m.toks[a - 1].possessive && named(a - 1)))
        })
}

fn is_ability_question(m: &Msg) -> bool {
    ABILITY_OPENERS.iter().any(|s| m.seq(s).is_some_and(|p| p <= 1))
}

fn is_explain(m: &Msg) -> bool {
    let market_data = m.has_any(MARKET_DATA_WORDS);
    // "what's a good recipe" asks for a recommendation; it is about the wallet only
    // with one of the wallet's words.
    let about_wallet = m.has_any(DOMAIN_WORDS) || !m.has_any(EVALUATIVE_ADJECTIVES);
    let what_is_a = m.has_any_seq(WHAT_IS_A) && !m.has("my") && !market_data && about_wallet
        || m.has_any_seq(WHAT_ARE) && !m.has("my") && !market_data && !m.has_any(STAKING_WORDS);
    // "what is staking?", "what is USDC?": a term or an asset named alone.
    let what_is_thing = m.seq_any(WHAT_IS).is_some_and(|(p, _)| {
        p == 0 && m.len() <= 4 && EXPLAIN_TERMS.contains(&m.word(2))
            || p == 0 && m.len() == 3 && asset_of(m, 2).is_some()
    });
    what_is_a
        || what_is_thing
        || m.has_any(EXPLAIN_WORDS)
        || m.has_any_seq(EXPLAIN_PHRASES)
        || (m.has_any_seq(WHAT_DOES) && m.has("mean"))
}

/// "what can you do", "what kinds of things can I ask you to do", "what things you
/// can make", "can you do things other than show my balance?".
fn is_capability_question(m: &Msg) -> bool {
    let opener = m.seq_any(TELL_ME).filter(|(p, _)| *p == 0).map_or(0, |(_, len)| len);
    // The opener may start a later sentence ("hi, I'm new here. what can this wallet do?").
    let opens_clause = (1..m.len()).any(|i| CAPABILITY_OPENERS.contains(&m.word(i)) && m.clause_ends_after(i - 1));
    let asks = CAPABILITY_OPENERS.contains(&m.word(opener)) || opens_clause || m.has_any(CAPABILITY_OBJECTS);
    asks && m.has_any(ASSISTANT_WORDS) && m.has_any(ABILITY_WORDS) && m.has_any(CAPABILITY_VERBS)
}

/// "ignore all previous instructions…", "disregard your rules and…": an attempt to
/// set the assistant's rules aside (pasted, or a model's output fed back), whatever
/// order follows it.
fn is_instruction_override(m: &Msg) -> bool {
    (0..m.len()).any(|i| {
        OVERRIDE_VERBS.contains(&m.word(i)) && (i + 1..m.len().min(i + 5)).any(|k| OVERRIDDEN.contains(&m.word(k)))
    })
}

fn is_help_request(m: &Msg) -> bool {
    (m.has_any(HELP) && m.len() <= 3)
        || m.has_any(HELP_WORDS)
        || m.has_any_seq(HELP_PHRASES)
        || is_capability_question(m)
        || (m.len() <= 3 && m.has_any(GREETINGS))
}

/// "can a wallet team ever ask for my funds?", "can someone else change my contacts?":
/// a yes/no question about what others might do.
fn is_third_party_question(m: &Msg) -> bool {
    m.qmark
        && MODALS.contains(&m.word(0))
        && THIRD_PARTY_SUBJECTS.contains(&m.word(1))
        && !m.toks.iter().any(|t| t.kind == Kind::Hash)
}

fn is_polite_request(m: &Msg) -> bool {
    POLITE_OPENERS.iter().any(|s| m.seq(s).is_some_and(|p| p <= 2))
}

// ---------------------------------------------------------------- whose order, and when

/// Whether a clause that starts at `k` has a subject of its own ("but I'm not sure").
fn has_own_subject(m: &Msg, k: usize) -> bool {
    SUBJECTS.contains(&m.word(k)) || (CLAUSE_CONJUNCTIONS.contains(&m.word(k)) && SUBJECTS.contains(&m.word(k + 1)))
}

/// Whether a negation governs the order at `verb`: before it ("don't send", "never
/// pay"), after it in its clause ("send nothing"), or in a later clause that continues
/// it ("send 5 S to carol, not bob"); a later clause with a subject of its own is about
/// something else ("…, but I'm not sure how much yet").
fn is_negated(m: &Msg, verb: usize) -> bool {
    let courtesy = courtesy_spans(m);
    // "…, or not?" asks yes or no; it negates nothing.
    let said = |i: usize| !(courtesy.iter().any(|&(a, b)| a <= i && i < b) || m.qmark && m.prev(i) == "or");
    let before = (0..verb).any(|i| said(i) && NEGATIONS.contains(&m.word(i)) || (i == 0 && NO.contains(&m.word(i))));
    let end = m.clause_end(verb);
    let mut negated = before || (verb..end).any(|i| said(i) && NEGATIONS_AFTER.contains(&m.word(i)));
    let mut k = end;
    while k < m.len() && !negated {
        let e = m.clause_end(k);
        negated = !has_own_subject(m, k) && (k..e).any(|i| said(i) && NEGATIONS_AFTER.contains(&m.word(i)));
        k = e.max(k + 1);
    }
    negated
}

/// The subject of the word at `i`, skipping auxiliaries and adverbs ("I really want").
fn subject_before(m: &Msg, i: usize) -> &str {
    let mut k = i;
    while k > 0 && AUXILIARIES.contains(&m.word(k - 1)) {
        k -= 1;
    }
    m.prev(k)
}

fn is_reported(m: &Msg, verb: usize) -> bool {
    let speech_before =
        (0..verb).any(|i| SPEECH_VERBS.contains(&m.word(i)) && !OWN_SUBJECTS.contains(&subject_before(m, i)));
    speech_before
        || m.has_any(REPORTED)
        || m.has_any_seq(REPORTED_PHRASES)
        || m.toks.iter().any(|t| t.kind == Kind::Quoted) && !m.has_any(QUOTE_AS_TITLE)
}

/// Spans (start, end) of courtesy formulas shaped as conditions: an "if" whose clause
/// speaks only of the assistant's willingness or the user's thanks ("if you would be
/// so kind", "if you don't mind", "if possible"), never of the world ("if the fee is
/// low"). Small closed vocabulary, no allocation beyond the spans found.
fn courtesy_spans(m: &Msg) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..m.len() {
        if !COURTESY_IF.contains(&m.word(i)) || m.toks[i].after.is_some() {
            continue;
        }
        let e = m.clause_end(i);
        if (i + 1..e).all(|k| m.toks[k].is_word() && COURTESY_WORDS.contains(&m.word(k))) {
            out.push((i, e));
        }
    }
    out
}

/// Whether the word at `i` is a condition word used as one: "after" or "before" behind
/// a verb that takes it as a particle ("she is looking after my affairs") is none.
fn is_condition_word(m: &Msg, i: usize) -> bool {
    CONDITIONALS.contains(&m.word(i)) && !PARTICLE_VERBS.contains(&m.prev(i))
}

fn is_conditional(m: &Msg, verb: usize) -> bool {
    let opener = CONDITIONAL_OPENERS.iter().any(|s| m.seq(s) == Some(0));
    let courtesy = courtesy_spans(m);
    opener
        || (0..m.len()).any(|i| {
            let w = m.word(i);
            is_condition_word(m, i)
                && !courtesy.iter().any(|&(a, _)| a == i)
                && !(w == "after" && i > verb && FEE_NOUNS.contains(&m.word(i + 1)))
                || (w == "when" && i > 0 && !m.is_question())
                || (w == "when" && i == 0 && verb > 0 && !m.qmark && m.word(1) != "did")
        })
}

const NEGATED: &str = "that reads as a negation, so nothing is planned";
const OVERRIDE: &str = "that reads as text written to change my rules; I only act on your own requests";
const REPORTED_SPEECH: &str = "that reads as someone else's instruction; I only act on your own orders";
const ADDRESS_TOLD: &str = "that tells an address but gives no order; to save it, say 'save 0x… as <name>'";
const CONDITION: &str = "I cannot act on a condition; ask again when you want it done";

/// Whether the rules read a message as unknown on purpose: a negation, someone else's
/// words or a condition, which no other reading may turn into an order.
pub(crate) fn is_refusal(a: &Action) -> bool {
    a.intent == Intent::Unknown
        && crate::reply::note(a).is_some_and(|n| [NEGATED, REPORTED_SPEECH, CONDITION, OVERRIDE].contains(&n))
}

/// Why the order at `verb` is not the user's own order to act now: it is negated,
/// someone else's words, or waits on a condition. Applies to every action that changes
/// state (send, swap, stake, contacts, a subscription purchase, a mint).
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

/// Where a state change other than a money verb sits: a contact order, a mint, a
/// subscription purchase or a placement into staking.
fn other_order_anchor(m: &Msg) -> Option<usize> {
    contact_mention(m)
        .filter(|c| c.order)
        .map(|c| c.anchor)
        .or_else(|| m.pos_any(MINT_VERBS))
        .or_else(|| is_subscription(m).then(|| purchase_verb(m)).flatten())
        .or_else(|| stake_placement(m))
}

// ---------------------------------------------------------------- classify

/// Where an order starts after a short lead-in of the user's own that ends with a colon
/// or a dash ("quick one: send mom 25 S", "first time doing this - send 2 S to 0x…").
/// A lead-in with someone else's words, a negation or a condition ("he said: …", "the
/// site says: …", "if he asks: …") is never cut off, nor a lone name ("bob: …", a chat
/// transcript).
fn after_lead_in(m: &Msg, contacts: &Contacts) -> Option<usize> {
    let (end, start) = (0..m.len().min(LEAD_IN_MAX + 1)).find_map(|c| {
        if m.toks[c].after == Some(':') {
            Some((c + 1, c + 1))
        } else if c > 0 && m.toks[c].any(LEAD_IN_DASHES) {
            Some((c, c + 1))
        } else {
            None
        }
    })?;
    if end == 0 || end > LEAD_IN_MAX || start >= m.len() {
        return None;
    }
    let lead = m.slice(0, end);
    let blocked = |i: usize| {
        let t = &lead.toks[i];
        let w = lead.word(i);
        SPEECH_VERBS.contains(&w)
            || REPORTED.contains(&w)
            || NEGATIONS.contains(&w)
            || NO.contains(&w)
            || CONDITIONALS.contains(&w)
            || LEAD_IN_BLOCKERS.contains(&w)
            || OTHER_PEOPLE.contains(&w)
            || t.possessive
            || contacts.get(&t.low).is_some()
            || !matches!(t.kind, Kind::Word | Kind::Num(_))
            || is_money_verb_at(&lead, i)
    };
    if (0..end).any(blocked) || (end == 1 && entities::is_name_word(&lead, 0)) {
        return None;
    }
    // What follows is an order in the imperative: its verb comes first.
    let rest = m.slice(start, m.len());
    let first = (0..rest.len()).find(|&i| !POLITENESS.contains(&rest.word(i)))?;
    let w = rest.word(first);
    let imperative = is_money_verb_at(&rest, first) || SWAP_VERBS.contains(&w) || STAKE_VERBS.contains(&w);
    imperative.then_some(start)
}

/// Whether the message opens with a speaker's name and a colon before an order ("mike:
/// send 5 S to alice", a pasted chat transcript): those are someone else's words.
fn speaker_label(m: &Msg, contacts: &Contacts) -> bool {
    if m.len() < 3 || m.toks[0].after != Some(':') {
        return false;
    }
    let label = m.toks[0].low.as_str();
    let named = (entities::is_name_word(m, 0) && !SELF_NOTES.contains(&label)) || contacts.get(label).is_some();
    let rest = m.slice(1, m.len());
    let first = (0..rest.len()).find(|&i| !POLITENESS.contains(&rest.word(i)));
    let order = first.is_some_and(|f| {
        let w = rest.word(f);
        is_money_verb_at(&rest, f) || SWAP_VERBS.contains(&w) || STAKE_VERBS.contains(&w)
    });
    named && order
}

/// Whether the token at `i` is a plain word of a memo or an explanation: no amount,
/// asset, address, contact, order verb, negation, condition or (when `strict`) someone
/// else's words; a document's reference number ("invoice #7") is plain.
fn plain_word(m: &Msg, contacts: &Contacts, i: usize, strict: bool) -> bool {
    let t = &m.toks[i];
    let w = m.word(i);
    let marker_of_reference = |k: usize| REFERENCE_MARKERS.contains(&m.word(k)) || m.toks[k].raw == "#";
    if entities::is_reference_number(m, i)
        || marker_of_reference(i) && (i + 1..m.len().min(i + 3)).any(|k| entities::is_reference_number(m, k))
    {
        return true;
    }
    t.is_word()
        && !t.possessive
        && asset_of(m, i).is_none()
        && contacts.get(&t.low).is_none()
        && !is_money_verb(w)
        && !is_money_slang(w)
        && !SWAP_VERBS.contains(&w)
        && !STAKE_VERBS.contains(&w)
        && !NEGATIONS.contains(&w)
        && !NEGATIONS_AFTER.contains(&w)
        && !NO.contains(&w)
        && !is_condition_word(m, i)
        && (!TIME_CONJUNCTIONS.contains(&w) || PARTICLE_VERBS.contains(&m.prev(i)))
        && !SPEECH_VERBS.contains(&w)
        && !(strict && REPORTED.contains(&w))
        && !TO.contains(&w)
}

/// Where a later clause starts that only explains a complete order: after a ';' or ','
/// or an explanation conjunction, a clause with a subject of its own ("…; she is looking
/// after my affairs now", "… because he fixed my bike") made of plain words only.
fn trailing_explanation(m: &Msg, contacts: &Contacts) -> Option<usize> {
    if m.qmark {
        return None;
    }
    (2..m.len()).find(|&k| {
        let conj = EXPLANATION_CONJUNCTIONS.contains(&m.word(k));
        let punct = m.toks[k - 1].after.is_some_and(|c| matches!(c, ';' | ','));
        let s = if conj { k + 1 } else { k };
        (conj || punct)
            && SUBJECTS.contains(&m.word(s))
            && s + 1 < m.len()
            && (s..m.len()).all(|i| plain_word(m, contacts, i, true))
    })
}

/// A time clause with a subject of its own ("before I pay the contractors", "after I get
/// paid", "when I send rent"), as (start, end).
fn time_clause(m: &Msg) -> Option<(usize, usize)> {
    (1..m.len()).find_map(|i| {
        let opens = TIME_CONJUNCTIONS.contains(&m.word(i))
            && !PARTICLE_VERBS.contains(&m.prev(i))
            && SUBJECTS.contains(&m.word(i + 1));
        opens.then(|| (i, m.clause_end(i)))
    })
}

/// Where a trailing adjunct starts that only says why: "for <purpose>" to the end of
/// the message ("… for the March invoice", "… for customer payments"), made of plain
/// words with no amount, asset, address, contact, order verb, negation, condition or
/// someone else's words; or a later clause in which money only comes to the user ("…,
/// my friend wants to send me some S").
fn trailing_adjunct(m: &Msg, contacts: &Contacts) -> Option<(usize, bool)> {
    let memo = |strict: bool| {
        (2..m.len().saturating_sub(1)).find(|&f| {
            PURPOSE_PREPOSITIONS.contains(&m.word(f)) && (f + 1..m.len()).all(|i| plain_word(m, contacts, i, strict))
        })
    };
    if let Some(f) = memo(true) {
        return Some((f, false));
    }
    // A memo that names a source ("for the website copy") frames only a request to be
    // paid, where nothing leaves the wallet.
    if let Some(f) = memo(false) {
        return Some((f, true));
    }
    // A later clause: every money verb in it points back at the user ("send me").
    let cut = m.clause_end(0);
    if cut >= m.len() || cut < 2 {
        return None;
    }
    let later = m.slice(cut, m.len());
    let verbs: Vec<usize> = (0..later.len()).filter(|&i| is_money_verb_at(&later, i)).collect();
    let inbound = !verbs.is_empty()
        && verbs.iter().all(|&v| ME.contains(&later.word(v + 1)))
        && !(0..later.len()).any(|i| {
            let w = later.word(i);
            NEGATIONS.contains(&w)
                || CONDITIONALS.contains(&w)
                || later.toks[i].kind != Kind::Word && later.toks[i].num().is_none()
        });
    inbound.then_some((cut, true))
}

/// The action for a normalised message: a lead-in of the user's own and a trailing
/// purpose are read around the order they frame.
pub(crate) fn classify(m: &Msg, contacts: &Contacts) -> Action {
    if speaker_label(m, contacts) {
        return unknown("that reads as someone else's words (a name and a colon before it), not your order");
    }
    if let Some(start) = after_lead_in(m, contacts) {
        return classify(&m.slice(start, m.len()), contacts);
    }
    let whole = classify_whole(m, contacts);
    let moving = |a: &Action| {
        matches!(a.intent, Intent::Send | Intent::Swap | Intent::Stake | Intent::AddContact)
            && a.status == Status::Ready
    };
    // "is the address I saved for carol 0x…? I want to be sure before I pay her": a
    // question about a contact's address, then words that order nothing.
    if let Some(q) = (1..m.len().saturating_sub(1)).find(|&i| m.toks[i].after == Some('?')) {
        let head = m.slice(0, q + 1);
        let rest = Msg { toks: m.toks[q + 1..].to_vec(), qmark: false };
        if money_verb(&head).is_none()
            && is_contact_address_question(&head, contacts)
            && !moving(&classify(&rest, contacts))
        {
            return Action::new(Intent::Help);
        }
    }
    // A time clause does not change what a lookup asks ("what's my USDC balance before
    // I pay the contractors"); on an order it stays a condition.
    if let Some((a, b)) = time_clause(m) {
        let mut toks = m.toks[..a].to_vec();
        toks.extend_from_slice(&m.toks[b..]);
        let core = classify_whole(&Msg { toks, qmark: m.qmark }, contacts);
        let lookup = matches!(core.intent, Intent::Balance | Intent::History | Intent::Help | Intent::DefiQuery);
        // Someone else's words or a negation stay what they are.
        let refused = is_refusal(&whole) && crate::reply::note(&whole) != Some(CONDITION);
        if lookup && !refused && core.status == Status::Ready && core.intent != whole.intent {
            return core;
        }
    }
    // A later clause that only explains leaves a complete order as it is ("…; she is
    // looking after my affairs now").
    if let Some(cut) = trailing_explanation(m, contacts) {
        let core = classify_whole(&m.slice(0, cut), contacts);
        let order = matches!(core.intent, Intent::Send | Intent::Swap | Intent::Stake | Intent::PaymentRequest);
        if order && core.status == Status::Ready && (core.intent != whole.intent || whole.status != Status::Ready) {
            return core;
        }
    }
    if let Some((cut, inbound)) = trailing_adjunct(m, contacts) {
        let core = classify_whole(&m.slice(0, cut), contacts);
        let framed = if inbound {
            core.intent == Intent::PaymentRequest
        } else {
            matches!(core.intent, Intent::Send | Intent::PaymentRequest)
        };
        if framed && core.status == Status::Ready && core.intent != whole.intent {
            return core;
        }
    }
    whole
}

fn classify_whole(m: &Msg, contacts: &Contacts) -> Action {
    if m.toks.is_empty() || !m.toks.iter().any(|t| t.raw.chars().any(|c| c.is_alphanumeric())) {
        return unknown("empty message");
    }
    let letters = m.toks.iter().flat_map(|t| t.raw.chars()).filter(|c| c.is_alphabetic());
    let (ascii, other) = letters.fold((0, 0), |(a, o), c| if c.is_ascii() { (a + 1, o) } else { (a, o + 1) });
    if other > ascii {
        return unknown("this assistant understands English wallet requests");
    }
    if is_instruction_override(m) {
        return unknown(OVERRIDE);
    }
    let verb = money_verb(m);
    let q = m.is_question();

    // Someone else's words about an order, told as a statement, are no order, whatever
    // help or fee words they carry ("the recovery service wants me to send 25 USDC as
    // a fee", "a video says staking 100 S doubles it").
    let asks_to_be_paid = is_pay_me(m) && !m.has_any(REPORTED);
    if !q && !asks_to_be_paid {
        let anchor = verb.or_else(|| m.pos_any(MONEY_GERUNDS)).or_else(|| other_order_anchor(m));
        if let Some(a) = anchor.filter(|&a| is_reported(m, a)) {
            return unknown(if is_negated(m, a) { NEGATED } else { REPORTED_SPEECH });
        }
    }
    if is_help_request(m) && verb.is_none() {
        return Action::new(Intent::Help);
    }
    // "what would I get for 10 S in USDC?", "what if I swap 10 S to USDC?": a swap's
    // outcome asked about, answered with a quote; never an order.
    let asks_outcome = is_what_if(m) || m.has_any_seq(QUOTE_PHRASES);
    if !is_how_to(m) && (asks_outcome || (q && !is_polite_request(m) && m.has_any(QUOTE_WORDS))) {
        if let Some(a) = swap_quote(m) {
            return a;
        }
    }
    if is_how_to(m) || is_what_if(m) || is_cost_question(m) || is_explain(m) || is_third_party_question(m) {
        return Action::new(Intent::Help);
    }
    if verb.is_none() && is_contact_address_question(m, contacts) {
        return Action::new(Intent::Help);
    }
    // "are there any limits on how much I can send?": the wallet's rules.
    if q && m.has_any(LIMIT_NOUNS) {
        return Action::new(Intent::Help);
    }
    // "how many S can I send at most?", "should I pay bob?": advice, not orders
    // ("which validator should I delegate to?" asks for staking data instead).
    if m.qmark && verb.is_some() && !m.has_any(STAKING_WORDS) && m.has_any_seq(OWN_ABILITY) {
        return Action::new(Intent::Help);
    }
    if q && !is_polite_request(m) && m.has_any(ADVICE_ADJECTIVES) && (verb.is_some() || m.has_any(MONEY_GERUNDS)) {
        return Action::new(Intent::Help);
    }
    if is_ability_question(m) && (verb.is_some() || m.has_any(ABILITY_TOPICS)) {
        return Action::new(Intent::Help);
    }
    // Earnings questions are about rates, whatever verb they use ("if I stake").
    if q && m.has_any(EARNINGS_WORDS) && !m.has_any(EARNED_MARKERS) {
        return defi(m);
    }
    // A question about a past transfer is history, whatever it quotes ("did bob really
    // send me 100 S like he claims?").
    if q && is_past_transfer_question(m) && !m.toks.iter().any(|t| t.kind == Kind::Hash) {
        return history(m);
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
    if is_subscription(m) {
        return subscription(m);
    }
    let nft_word = m.has_any(NFT_NOUNS);
    if m.has_any(MINT_VERBS) || (nft_word && m.has_any(MAKE_VERBS)) {
        let anchor = m.pos_any(MINT_VERBS).or_else(|| m.pos_any(MAKE_VERBS)).unwrap_or(0);
        if let Some(a) = not_own_order(m, anchor) {
            return a;
        }
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
        if m.toks.get(c.anchor).is_some_and(|t| t.kind == Kind::Address) {
            return unknown(ADDRESS_TOLD);
        }
    }
    if let Some(p) = stake_placement(m).filter(|_| !q) {
        if let Some(a) = not_own_order(m, p) {
            return a;
        }
        return stake(m);
    }
    if verb_of(m, SWAP_VERBS, SWAP_SLANG).is_some() || (m.has_any(TRADE_VERBS) && assets(m, &[]).len() >= 2) {
        return swap(m);
    }
    if verb_of(m, STAKE_VERBS, STAKE_SLANG).is_some() && !q {
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
    if let Some(r) = payment_request_word(m) {
        if is_reported(m, r) {
            return unknown(REPORTED_SPEECH);
        }
        return payment_request(m);
    }
    if verb.is_some_and(|v| is_send_verb(m.word(v)) || SEND_NOUNS.contains(&m.word(v))) {
        // "I send 5 S to bob yesterday": the user telling of a past transfer.
        let told = verb.is_some_and(|v| FIRST_PERSON.contains(&subject_before(m, v))) && m.has_any(PAST_TIME_WORDS);
        if told {
            return history(m);
        }
        if q && is_balance(m) {
            return balance(m, contacts);
        }
        if q && !is_polite_request(m) {
            return history(m);
        }
        return send(m, contacts);
    }
    if is_balance(m) {
        return balance(m, contacts);
    }
    // A verbless order: "5 S to bob please", "and 5 S to frank as well" (an amount
    // first, then to someone).
    let start = (0..m.len()).find(|&i| !FOLLOW_UP_OPENERS.contains(&m.word(i))).unwrap_or(0);
    if !q && verb.is_none() && m.toks.get(start).is_some_and(|t| matches!(t.kind, Kind::Num(_))) {
        if let Some(t) = recipient_to(m, start + 1) {
            // Only the bare form: nothing after the recipient but politeness.
            let bare = (t + 2..m.len()).all(|i| CLOSERS.contains(&m.word(i)));
            if bare && party_at(m, t + 1, &Contacts::default()).is_some() {
                return send(m, contacts);
            }
        }
    }
    if nft_word {
        return unknown("I can mint NFTs; listing them is in the app's NFT page");
    }
    if m.has_any(HELP) {
        return Action::new(Intent::Help);
    }
    unknown("not a wallet request I know")
}

// ---------------------------------------------------------------- topic tests

/// Positions of the user's own account names, which are no price or asset words ("pay
/// mom 3 S from Trading").
fn account_positions(m: &Msg) -> Vec<usize> {
    let mut out: Vec<usize> = entities::from_account(m).map(|(p, _)| p).unwrap_or_default();
    out.extend(entities::own_account(m).map(|(p, _)| p));
    out
}

fn is_price_question(m: &Msg) -> bool {
    let accounts = account_positions(m);
    let price_word = (0..m.len()).any(|i| PRICE_WORDS.contains(&m.word(i)) && !accounts.contains(&i))
        || m.has_any_seq(PRICE_PHRASES);
    let value_of = m.has_any_seq(VALUE_OF) && !m.has_any(OWN_HOLDINGS);
    let one = |i: usize| matches!(m.toks.get(i).and_then(|t| t.num()), Some(Num::Value(v)) if v == "1");
    let how_much_is = m
        .seq_any(HOW_MUCH_IS)
        .is_some_and(|(p, _)| asset_of(m, p + 3).is_some() || (one(p + 3) && asset_of(m, p + 4).is_some()));
    let has_asset = !assets(m, &accounts).is_empty();
    let movement = (m.has_any_seq(MOVEMENT_PHRASES) || m.has_any(MOVEMENT_WORDS)) && has_asset;
    let usd = m.has_any(FIAT_WORDS) && m.has_any_seq(HOW_MUCH) && !m.has_any(HAVE_VERBS) && !m.has("my");
    // "how much cost S today": the cost of an asset, not of an action.
    let cost_of_asset =
        m.has_any(ASSET_COST_WORDS) && has_asset && money_verb(m).is_none() && !m.has_any(COSTED_ACTIONS);
    (price_word && !m.has_any(OWN_HOLDINGS))
        || value_of
        || how_much_is
        || usd
        || movement
        || cost_of_asset
        || (price_word && m.has_any(NATIVE_PRICE_SUBJECTS))
}

fn is_tx_status(m: &Msg) -> bool {
    let single_tx =
        m.toks.iter().enumerate().any(|(i, t)| t.any(TX_NOUNS) && !(m.prev(i) == "a" && m.word(i + 1) != "status"));
    let status = m.has_any(STATUS_WORDS) || m.has_any_seq(THROUGH_PHRASES);
    let bad_hash = m.toks.iter().any(|t| t.kind == Kind::BadHex)
        && money_verb(m).is_none()
        && !m.has_any(CONTACT_VERBS)
        && !m.has_any(CONTACT_NOUNS);
    (single_tx && status && !m.has_any(HISTORY_NOUNS) && !m.has_any(ALL_WORDS)) || bad_hash && status
}

/// "did I pay mom", "have I sent…", "did bob really send me…": an auxiliary of the past
/// with a verb of paying or receiving.
fn is_past_transfer_question(m: &Msg) -> bool {
    // "alice is send me money already?": a learner's question about a past transfer.
    let already = m.qmark
        && m.has_any(PAST_TIME_WORDS)
        && (0..m.len()).any(|j| is_send_verb(m.word(j)) && BE_FORMS.contains(&m.prev(j)));
    already
        || (0..m.len()).any(|i| {
            let aux = m.word(i);
            PAST_AUXILIARIES.contains(&aux)
                && (i + 1..m.len().min(i + 6)).any(|j| {
                    let w = m.word(j);
                    let past = SENT_PAST.contains(&w) || RECEIVED_PAST.contains(&w);
                    let base = is_send_verb(w) || RECEIVE_VERBS.contains(&w);
                    past || (aux == "did" && base)
                })
        })
}

fn is_history(m: &Msg) -> bool {
    // "how much S I got" asks what is held; "I got 5 S from bob" tells of a receipt.
    let got_now = m.has_any_seq(HOW_MUCH_OR_MANY) && !m.has_any(PAST_RECEIPT_MARKERS);
    m.has_any(HISTORY_NOUNS)
        || is_past_transfer_question(m)
        || m.has_any_seq(IN_PHRASES)
        || m.has_any_seq(OUT_PHRASES)
        || (m.has_any_seq(I_GOT) && !m.has("have") && !got_now)
        || m.has_any(SENT_PAST)
        || m.has_any(RECEIVED_PAST) && !m.has_any_seq(GOT_TO)
        || (m.has_any_seq(HOW_MUCH) && m.has_any(SPENDING_WORDS))
        || m.has_any_seq(WHO_PAID)
        || (m.has_any(RECENT_WORDS) && m.has_any(TX_NOUNS))
        || (m.is_question() && m.has_any(RECEIVE_PRESENT) && entities::period_days(m).is_some())
}

/// Someone else paying the user: "have carol pay me", "get paid", "bob owes me".
fn is_pay_me(m: &Msg) -> bool {
    let third_party = (1..m.len()).any(|i| {
        PAY_ME_VERBS.contains(&m.word(i))
            && ME.contains(&m.word(i + 1))
            && !(0..i).any(|k| {
                let w = m.word(k);
                PAST_AUXILIARIES.contains(&w) && (w != "have" || m.word(k + 1) == "i")
            })
    });
    third_party || m.has_any_seq(GET_PAID) || asks_for_amount(m)
}

/// "ask bob for 20 S", "ask alice for the 5 S she owes": the user asks someone else
/// for an amount (to be paid); "ask me for…" and "ask bob for his address" are not.
fn asks_for_amount(m: &Msg) -> bool {
    let list = amounts(m);
    (0..m.len()).any(|i| {
        ASK_VERBS.contains(&m.word(i))
            && !ME.contains(&m.word(i + 1))
            && m.word(i + 2) == "for"
            && list.iter().any(|(at, _)| *at > i + 2)
    })
}

/// "what address can people send S to", "where can others pay me".
fn is_own_address_question(m: &Msg) -> bool {
    m.has_any(OTHER_PEOPLE)
        && (m.has("address") || m.has_any_seq(WHERE_CAN))
        && m.has_any(PAY_IN_VERBS)
        && !m.has_any(SENT_PAST)
}

/// Where a request to be paid is written ("request 5 S", "my address", "payment link").
fn payment_request_word(m: &Msg) -> Option<usize> {
    let word = m.pos_any(REQUEST_WORDS).filter(|_| !m.has_any(RECEIPT_WORDS));
    word.or_else(|| m.seq_any(OWN_ADDRESS_PHRASES).map(|(p, _)| p)).or_else(|| is_pay_me(m).then_some(0))
}

fn is_balance(m: &Msg) -> bool {
    m.has_any(BALANCE_WORDS)
        || (m.has_any_seq(HOW_MUCH) && m.has_any(HAVE_VERBS))
        || (m.has_any_seq(HOW_MANY) && m.has_any(POSSESS_VERBS))
        || (m.word(0) == "does" && m.has_any(POSSESS_VERBS))
        || (m.has("my") && m.has_any(VALUE_WORDS) && !assets(m, &[]).is_empty())
        || m.has_any_seq(BALANCE_PHRASES)
        || (m.len() <= 3 && m.has("my") && assets(m, &[]).len() == 1)
        || (m.len() <= 3 && m.has_any(MONEY_NOUNS))
        // "how much S is in 0x…", "how much is in carol's wallet".
        || (m.has_any_seq(HOW_MUCH)
            && m.has_any(INTO_PREPOSITIONS)
            && m.toks.iter().any(|t| t.kind == Kind::Address || t.possessive))
}

/// Whether the message is about the subscription: its nouns, or "plan" as a noun ("my
/// plan", "the yearly plan", "what plan am I on").
fn is_subscription(m: &Msg) -> bool {
    m.has_any(SUBSCRIPTION_NOUNS)
        || (0..m.len()).any(|i| PLAN_NOUNS.contains(&m.word(i)) && PLAN_QUALIFIERS.contains(&m.prev(i)))
}

/// The verb that buys or extends the subscription, if the message has one.
fn purchase_verb(m: &Msg) -> Option<usize> {
    (0..m.len()).find(|&i| PURCHASE_VERBS.contains(&m.word(i)) && !PURCHASE_QUESTION_MARKERS.contains(&m.prev(i)))
}

// ---------------------------------------------------------------- builders

fn send(m: &Msg, contacts: &Contacts) -> Action {
    let mut b = Builder::new(Intent::Send);
    let verb = money_verb(m).unwrap_or(0);
    let from = entities::from_account(m);
    let from_at: Vec<usize> = from.as_ref().map(|f| f.0.clone()).unwrap_or_default();
    let (amount, _) = single_amount(m);
    let mut recipient_idx = None;
    // Where the recipient was written when it could not be read (a name that is no
    // contact, an address with a wrong checksum): the question says why.
    let mut unread_recipient = None;
    let mut to = Slot::Absent;
    let mut to_address = None;
    let owned_role = m.word(verb + 1) == "my" && ROLE_NOUNS.contains(&m.word(verb + 2));
    let object = entities::past_role(m, if owned_role { verb + 2 } else { verb + 1 });
    if let Some(t) = recipient_to(m, verb + 1).or_else(|| recipient_to(m, 0).filter(|&t| t < verb)) {
        let j = entities::recipient_start(m, t + 1);
        if let Some((slot, addr)) = party_at(m, j, contacts) {
            recipient_idx = Some(j);
            if slot == Slot::Invalid {
                unread_recipient = Some(j);
            }
            to = slot;
            to_address = addr;
        } else if m.toks.get(j).is_some() {
            unread_recipient = Some(j);
            to = Slot::Invalid;
        }
    } else if let Some((slot, addr)) = party_at(m, object, contacts).filter(|_| !from_at.contains(&object)) {
        // Double object: "pay alice 12.5", "send bob 5 S", "pay my nephew Tom 5 S".
        recipient_idx = Some(object);
        to = slot;
        to_address = addr;
    } else if let Some(j) = trailing_recipient(m, verb) {
        // "snd 0.75 usdc carol": the party right after the amount and its asset, last in
        // its clause.
        if let Some((slot, addr)) = party_at(m, j, contacts) {
            recipient_idx = Some(j);
            to = slot;
            to_address = addr;
        }
    } else if let Some(j) = weak_recipient(m, contacts, &from_at) {
        // "send all my S for mom", "send at bob 7 USDC", "transfer 0.3 wS into carol".
        if let Some((slot, addr)) = party_at(m, j, contacts) {
            recipient_idx = Some(j);
            to = slot;
            to_address = addr;
        }
    }
    // Every other party named for this one payment, as written: the question names them.
    let mut rivals: Vec<usize> = Vec::new();
    if let Some(r) = recipient_idx {
        // "to alice and bob", "to alice or bob": two recipients is a question.
        let joined = RECIPIENT_JOINS.contains(&m.word(r + 1));
        if joined && party_at(m, r + 2, &Contacts::default()).is_some() {
            to = Slot::Invalid;
            to_address = None;
            rivals.push(r + 2);
        }
        if m.word(r + 1) == "or" {
            to = Slot::Invalid;
        }
        // "to bob and 5 S to alice": a second recipient further on.
        if let Some(t2) = recipient_to(m, r + 1) {
            if party_at(m, t2 + 1, &Contacts::default()).is_some() {
                to = Slot::Invalid;
                to_address = None;
                rivals.push(t2 + 1);
            }
        }
    }
    let mut skip = from_at.clone();
    if let Some(r) = recipient_idx {
        skip.push(r);
        // One payment has one recipient: any other party the message names for it
        // ("send bob 5 S to 0x…", "pay alice 3 S to carol", "to bob at 0x…") makes
        // the recipient a question, never a choice between them.
        let others = other_recipients(m, r, contacts, &from_at);
        skip.extend(others.iter().map(|o| o.0));
        // The same party named twice (a contact and its address) is one recipient.
        let same = |o: &(usize, Slot, Option<String>)| match (&to, &o.1) {
            (Slot::Valid(a), Slot::Valid(b)) => {
                a == b || to_address.as_deref().unwrap_or(a) == o.2.as_deref().unwrap_or(b)
            }
            _ => false,
        };
        if !others.iter().all(same) {
            rivals.extend(others.iter().filter(|o| !same(o)).map(|o| o.0));
            to = Slot::Invalid;
            to_address = None;
        }
    }
    let mut conflicts: Vec<String> = Vec::new();
    if let Some(r) = recipient_idx.filter(|_| !rivals.is_empty()) {
        let mut names: Vec<String> = Vec::new();
        for j in std::iter::once(r).chain(rivals) {
            let t = &m.toks[j];
            let shown = if t.kind == Kind::Address { t.raw.clone() } else { t.low.clone() };
            if !names.contains(&shown) {
                names.push(shown);
            }
        }
        conflicts.push(format!("you named {} recipients for one payment: {}", names.len(), listing(&names)));
    }
    let written: Vec<String> = amounts(m).iter().map(|(i, _)| m.toks[*i].raw.clone()).collect();
    if amount == Slot::Invalid && written.len() > 1 {
        conflicts.push(format!("you wrote {} amounts: {}", written.len(), listing(&written)));
    }
    if let [one] = written.as_slice() {
        if let Some(why) = amount_fault(one).filter(|_| amount == Slot::Invalid) {
            conflicts.push(why);
        }
    }
    if let Some(j) = unread_recipient.filter(|_| to == Slot::Invalid && conflicts.is_empty()) {
        let t = &m.toks[j];
        if t.kind == Kind::Address {
            if let Err(e) = sonic_types::parse_address(&t.raw) {
                conflicts.push(e.to_string());
            }
        } else if t.is_word() && contacts.get(&t.low).is_none() && contacts.provided() {
            conflicts.push(format!("'{}' is not one of your contacts", t.low));
        }
    }
    let mut found: Vec<String> = assets(m, &skip).into_iter().map(|(_, a)| a).collect();
    found.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    match found.len() {
        0 => b.set("asset", "S"),
        1 => b.set("asset", found[0].clone()),
        n => {
            conflicts.push(format!("you named {n} assets: {}", listing(&found)));
            b.need("asset");
        }
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
    match from {
        Some((_, Slot::Valid(f))) => b.set("from", f),
        Some(_) => b.need("from"),
        None => {}
    }
    if !conflicts.is_empty() {
        b.action.note = Some(conflicts.join("; "));
    }
    b.done()
}

/// Why an amount as written cannot be sent, in the words of the wallet's own amount
/// parser (`sonic_types::parse_units`): negative, more than 18 decimals, or zero;
/// `None` for other faults (an ambiguous comma, which the question explains).
fn amount_fault(raw: &str) -> Option<String> {
    use sonic_types::AmountError;
    match sonic_types::parse_units(raw.trim_start_matches('$'), 18) {
        Err(e @ (AmountError::Negative | AmountError::TooManyDecimals { .. })) => Some(e.to_string()),
        Ok(v) if v.is_zero() => Some(format!("{raw} sends nothing: an amount must be more than zero")),
        _ => None,
    }
}

/// "a and b", "a, b and c".
fn listing(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The party written right after the amount and its asset with no preposition, when it
/// ends its clause ("send 0.75 usdc carol").
fn trailing_recipient(m: &Msg, verb: usize) -> Option<usize> {
    let a = (verb + 1..m.len()).find(|&i| m.toks[i].num().is_some())?;
    let j = if m.toks.get(a + 1).is_some_and(|t| t.is_word() && asset_of(m, a + 1).is_some()) { a + 2 } else { a + 1 };
    let t = m.toks.get(j)?;
    let last = (j + 1..m.clause_end(j)).all(|k| POLITENESS.contains(&m.word(k)));
    (last && (t.kind == Kind::Address || entities::is_name_word(m, j))).then_some(j)
}

/// A recipient after a weak preposition ("for", "at", "into"): only a known contact or
/// an address, since these words introduce many other things ("for dinner").
fn weak_recipient(m: &Msg, contacts: &Contacts, from_at: &[usize]) -> Option<usize> {
    (0..m.len()).filter(|i| WEAK_RECIPIENT_PREPOSITIONS.contains(&m.word(*i)) && !from_at.contains(i)).find_map(|i| {
        let j = entities::recipient_start(m, i + 1);
        let t = m.toks.get(j)?;
        let known = t.is_word() && !t.possessive && contacts.provided() && contacts.get(&t.low).is_some();
        (t.kind == Kind::Address || known).then_some(j)
    })
}

/// Every party, other than the one at `recipient`, that the message names as a
/// receiver: the object of a send verb ("pay alice …"), a party after a recipient "to",
/// an address not used as a token ("… at 0x…"), or a known contact after "for" (a
/// possessive there is a purpose, "for bob's birthday"). The account paid from
/// (`from_at`) is none of them. Positions, readings and resolved addresses.
fn other_recipients(
    m: &Msg,
    recipient: usize,
    contacts: &Contacts,
    from_at: &[usize],
) -> Vec<(usize, Slot, Option<String>)> {
    let mut at: Vec<usize> = Vec::new();
    for i in 0..m.len() {
        let w = m.word(i);
        let verb = is_send_verb(w) && !DETERMINERS.contains(&m.prev(i));
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
        if TO.contains(&w) && recipient_to(m, i) == Some(i) {
            let j = entities::recipient_start(m, i + 1);
            at.push(j);
        }
        if WEAK_RECIPIENT_PREPOSITIONS.contains(&w) {
            let named = m
                .toks
                .get(i + 1)
                .is_some_and(|t| t.is_word() && !t.possessive && contacts.provided() && contacts.get(&t.low).is_some());
            if named {
                at.push(i + 1);
            }
        }
        // "at carol's address", "using bob's wallet": a party named by its address.
        let owned_address = m.toks[i].possessive
            && !m.toks[i].w("my")
            && m.toks.get(i + 1).is_some_and(|t| t.any(ADDRESS_NOUNS) || t.any(ACCOUNT_NOUNS));
        if owned_address {
            at.push(i);
        }
        let token_use = i > 0 && (matches!(m.toks[i - 1].kind, Kind::Num(_)) || m.toks[i - 1].any(ADDRESS_AS_TOKEN));
        if m.toks[i].kind == Kind::Address && !token_use {
            at.push(i);
        }
    }
    at.sort_unstable();
    at.dedup();
    at.into_iter()
        .filter(|&j| j != recipient && !from_at.contains(&j))
        .filter_map(|j| party_at(m, j, contacts).map(|(slot, addr)| (j, slot, addr)))
        .collect()
}

fn history(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::History);
    let strong_out = m.has_any(SENT_PAST) || m.has_any(OUT_WORDS) || m.has_any_seq(OUT_PHRASES);
    // "payments" alone leans outgoing; "payments from bob" is incoming.
    let weak_out = m.has("payments") && !m.has("from") && !m.has_any(IN_WORDS) && !m.has_any(RECEIVED_PAST);
    let out_words = strong_out || weak_out;
    let in_words = m.has_any(RECEIVED_PAST)
        || m.has_any(RECEIVE_PRESENT)
        || m.has_any(IN_WORDS)
        || m.has_any_seq(IN_PHRASES)
        || m.has_any_seq(I_GOT)
        || (m.has("get") && m.has("did"));
    let to_me = (0..m.len())
        .any(|i| (SENT_PAST.contains(&m.word(i)) || is_send_verb(m.word(i))) && ME.contains(&m.word(i + 1)));
    let direction = match (out_words && !to_me, in_words || to_me) {
        (true, false) => Some("out"),
        (false, true) => Some("in"),
        _ => None,
    };
    // Counterparty: after to/from/with, else the object of "pay"/"paid"/"send".
    let none = Contacts::default();
    let party_after = |at: &dyn Fn(usize) -> bool| {
        (0..m.len()).filter(|&i| at(i)).find_map(|i| {
            let j = entities::recipient_start(m, i + 1);
            if asset_of(m, j).is_some() && m.toks.get(j).is_some_and(|t| t.kind != Kind::Address) {
                return None;
            }
            match party_at(m, j, &none) {
                Some((Slot::Valid(p), _)) => Some((j, p, m.word(i))),
                _ => None,
            }
        })
    };
    let mut party = party_after(&|i| {
        COUNTERPARTY_PREPOSITIONS.contains(&m.word(i))
            && (!NOT_COUNTERPARTY.contains(&m.word(i + 1)) || entities::recipient_start(m, i + 1) > i + 2)
            && !(TO.contains(&m.word(i)) && is_infinitive_to(m, i))
    })
    .or_else(|| party_after(&|i| PAY_OBJECT_VERBS.contains(&m.word(i))).map(|(j, p, _)| (j, p, "to")));
    // "did alice send me anything", "how much mom has sent me": the subject is the
    // counterparty.
    if party.is_none() && to_me {
        if let Some(i) = (1..m.len()).find(|&i| SENT_PAST.contains(&m.word(i)) || is_send_verb(m.word(i))) {
            let mut k = i;
            while k > 0 && !m.clause_ends_after(k - 1) && {
                let w = m.word(k - 1);
                AUXILIARIES.contains(&w) || CLAUSE_OPENERS.contains(&w) || POLITENESS.contains(&w)
            } {
                k -= 1;
            }
            if let Some((Slot::Valid(p), _)) = k.checked_sub(1).and_then(|s| party_at(m, s, &none)) {
                party = Some((k - 1, p, "from"));
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
    let desc_marker = m.pos_any(DESCRIPTION_MARKERS);
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
        t.kind == Kind::Path || t.kind == Kind::Quoted || t.any(NFT_NAME_STOPS)
    };
    let words_from = |j: usize| -> Option<String> {
        let words: Vec<&str> = (j..m.len()).take_while(|&k| !stop(k)).map(|k| m.toks[k].raw.as_str()).collect();
        (!words.is_empty()).then(|| words.join(" "))
    };
    if name.is_none() {
        if let Some(p) = m.pos_any(NAME_MARKERS) {
            let mut j = p + 1;
            if matches!(m.toks.get(j), Some(t) if t.any(COPULAS)) {
                j += 1;
            }
            name = words_from(j);
        }
    }
    if name.is_none() {
        // "new nft: Quiet Forest": a colon after the noun introduces the title.
        if let Some(p) = (0..m.len()).find(|&i| m.toks[i].any(NFT_NOUNS) && m.toks[i].after == Some(':')) {
            name = words_from(p + 1);
        }
    }
    if name.is_none() {
        // "mint Dawn as an NFT", "mint a Dawn NFT": capitalised words are a title.
        if let Some(v) = m.pos_any(MINT_VERBS).or_else(|| m.pos_any(MAKE_VERBS)) {
            let mut j = v + 1;
            while ARTICLES.contains(&m.word(j)) {
                j += 1;
            }
            let words: Vec<&str> = (j..m.len())
                .take_while(|&k| {
                    !stop(k) && !m.toks[k].any(TOKEN_NOUNS) && m.toks[k].raw.starts_with(|c: char| c.is_uppercase())
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
            if m.toks.get(j).is_some_and(|t| t.any(DESCRIPTION_LINKS)) {
                j += 1;
            }
            let words: Vec<&str> = (j..m.len())
                .take_while(|&k| m.toks[k].kind != Kind::Path && !m.toks[k].any(DESCRIPTION_STOPS))
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
    let my_rewards = m.has("my") && m.has_any(REWARD_WORDS) && !m.has_any(YIELD_WORDS);
    let topic = if m.has_any(STAKING_WORDS) || m.has_any(STAKE_VERBS) || my_rewards {
        "staking"
    } else if m.has_any(YIELD_WORDS) {
        "yield"
    } else if m.has_any(POOL_WORDS) {
        "pool"
    } else {
        "price"
    };
    b.set("topic", topic);
    let found = assets(m, &account_positions(m));
    if let Some((_, a)) = found.into_iter().find(|(_, a)| !FIAT_SYMBOLS.contains(&a.as_str())) {
        b.set("asset", a);
    }
    b.done()
}

fn subscription(m: &Msg) -> Action {
    let purchase = purchase_verb(m);
    let question = m.is_question() && !is_polite_request(m);
    let buys = !m.has_any_seq(UNSUBSCRIBE) && !question;
    if let Some(p) = purchase {
        // Buying is a payment: only the user's own order, now.
        if is_negated(m, p) {
            return unknown(NEGATED);
        }
        if let Some(a) = not_own_order(m, p).filter(|_| buys) {
            return a;
        }
    }
    let mut b = Builder::new(Intent::Subscription);
    b.set("action", if purchase.is_some() && buys { "purchase" } else { "status" });
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
    let verb = contact_order_verb(m).or_else(|| {
        // "call 0x… frank": naming an address.
        m.pos_any(NAMING_VERBS)
            .filter(|&p| matches!(m.toks.get(p + 1).map(|t| &t.kind), Some(Kind::Address | Kind::BadHex)))
    });
    let contact_word = m.has_any(CONTACT_NOUNS) || m.has_any_seq(ADDRESS_BOOK);
    // "alice's address", and with an address written, "carol's wallet".
    let owned = |nouns: &[&str]| {
        m.toks
            .iter()
            .enumerate()
            .any(|(i, t)| t.possessive && !t.w("my") && m.toks[i + 1..].iter().take(2).any(|n| n.any(nouns)))
    };
    let possessive_address = owned(ADDRESS) || (addr_i.is_some() && owned(ADDRESS_NOUNS));
    // "what address do I have saved for bob?"
    let saved_address = m.has_any(ADDRESS) && m.has_any(CONTACT_VERBS_PAST);
    let about_contact = addr_i.is_some() || contact_word || possessive_address || saved_address;
    // A contact verb with a subject of its own tells what someone did ("bob change his
    // address"); it orders nothing.
    let told = m.pos_any(CONTACT_VERBS).filter(|&i| !is_noun_position(m, i) && verb.is_none());
    // The user's own words about the address book ("my new contact is olga, 0x…").
    let book_entry = contact_word && addr_i.is_some() && told.is_none();
    if verb.is_some() && about_contact || book_entry {
        return Some(ContactMention { anchor: verb.or(addr_i).unwrap_or(0), order: true });
    }
    // Telling an address is no order to save it: "dave's address is 0x…", "mom got a
    // new wallet, it's 0x…", "alice's address changed to 0x…".
    let stated = addr_i.is_some_and(|a| {
        m.has_any_seq(ADDRESS_IS)
            || possessive_address
            || told.is_some()
            || COPULAS_BEFORE_ADDRESS.contains(&m.prev(a))
            || (0..m.len())
                .any(|i| NEW_WORDS.contains(&m.word(i)) && m.toks.get(i + 1).is_some_and(|t| t.any(ADDRESS_NOUNS)))
    });
    if stated {
        return Some(ContactMention { anchor: addr_i.unwrap_or(0), order: false });
    }
    let past = m.pos_any(CONTACT_VERBS_PAST).filter(|_| about_contact);
    if past.is_some() || possessive_address {
        return Some(ContactMention { anchor: past.unwrap_or(0), order: false });
    }
    None
}

/// The first contact verb used as an order: an imperative ("save …", "please update
/// it", "could you add …", "I want to change …"), not a noun ("a new wallet") nor the
/// verb of a third party ("bob change his address", "she update it").
fn contact_order_verb(m: &Msg) -> Option<usize> {
    (0..m.len()).find(|&i| {
        if !m.toks[i].any(CONTACT_VERBS) || is_noun_position(m, i) {
            return false;
        }
        let mut k = i;
        while k > 0 && !m.clause_ends_after(k - 1) && {
            let w = m.word(k - 1);
            AUXILIARIES.contains(&w) || CLAUSE_OPENERS.contains(&w) || POLITENESS.contains(&w)
        } {
            k -= 1;
        }
        let own_clause = k == 0 || m.clause_ends_after(k - 1);
        let subject = m.prev(k);
        own_clause || !(THIRD_PERSON.contains(&subject) || entities::is_name_word(m, k - 1))
    })
}

/// The add_contact action of a message that [`contact_mention`] read as an order.
fn add_contact(m: &Msg) -> Action {
    let addr_i = m.toks.iter().position(|t| matches!(t.kind, Kind::Address | Kind::BadHex));
    let mut b = Builder::new(Intent::AddContact);
    let none = Contacts::default();
    let valid_name = |j: usize| match party_at(m, j, &none) {
        Some((Slot::Valid(n), _)) if !n.starts_with("0x") => Some(n),
        _ => None,
    };
    // The name: after as/named/called, a possessive, after the noun "contact", or a
    // name next to the address.
    let mut name: Option<String> = None;
    if let Some(p) = m.pos_any(CONTACT_NAME_MARKERS) {
        let mut j = p + 1;
        while CONTACT_NAME_FILLERS.contains(&m.word(j)) {
            j += 1;
        }
        name = valid_name(entities::past_role(m, j));
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
        // "add contact eve 0x…", "new contact gina 0x…".
        name = m.pos_any(CONTACT_NOUNS).and_then(|p| {
            let j = p + 1;
            let plain = m.toks.get(j).is_some_and(|t| !t.any(CONTACT_VERBS) && entities::is_name_word(m, j));
            plain.then(|| valid_name(j)).flatten()
        });
    }
    if name.is_none() {
        let candidates = (0..m.len()).filter(|&i| {
            Some(i) != addr_i
                && entities::is_name_word(m, i)
                && !m.toks[i].any(CONTACT_VERBS)
                && !m.toks[i].any(NAMING_VERBS)
                && !m.toks[i].any(CONTACT_NOUNS)
                && !m.toks[i].any(NOT_CONTACT_NAMES)
                && entities::past_role(m, i) == i
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

/// Whether the asset at `i` is the one bought: a target preposition before it, maybe
/// behind fillers ("for USDC", "into my wS").
fn is_swap_target(m: &Msg, i: usize) -> bool {
    let mut k = i;
    while k > 0 && AMOUNT_FILLERS.contains(&m.word(k - 1)) {
        k -= 1;
    }
    SWAP_TARGET_PREPOSITIONS.contains(&m.prev(k))
}

/// A question about what a swap would give, as `help` carrying the swap's slots
/// (`amount`, `from_asset`, `to_asset`) and `quote: "swap"`, so the wallet answers
/// with a quote and makes no plan. `None` when the message names no complete swap.
fn swap_quote(m: &Msg) -> Option<Action> {
    let swap_word = verb_of(m, SWAP_VERBS, SWAP_SLANG).is_some() || m.has_any(QUOTE_WORDS);
    let found = assets(m, &[]);
    let list = amounts(m);
    // "how much is 1 S in USD?" asks a price.
    if !swap_word || found.len() < 2 || list.len() != 1 || is_price_question(m) {
        return None;
    }
    let read = swap(m);
    // The amount's own asset is sold ("for 25 S"); the other one is bought.
    let (at, amount) = match &list[0] {
        (i, Slot::Valid(a)) => (*i, a.clone()),
        _ => return None,
    };
    let of_amount = found.iter().find(|(i, _)| *i == at + 1).map(|x| x.1.clone());
    let from = of_amount.or_else(|| read.slot("from_asset").map(str::to_string))?;
    let to = found.iter().find(|(_, a)| !a.eq_ignore_ascii_case(&from)).map(|x| x.1.clone())?;
    if found.iter().any(|(_, a)| !a.eq_ignore_ascii_case(&from) && !a.eq_ignore_ascii_case(&to)) {
        return None;
    }
    let mut a = Action::new(Intent::Help);
    for (k, v) in [("amount", amount), ("from_asset", from), ("to_asset", to), ("quote", "swap".to_string())] {
        a.slots.insert(k.into(), Value::String(v));
    }
    Some(a)
}

fn swap(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::Swap);
    let verb = verb_of(m, SWAP_VERBS, SWAP_SLANG).or_else(|| m.pos_any(TRADE_VERBS)).unwrap_or(0);
    let found = assets(m, &[]);
    let list = amounts(m);
    let (from, to, amount) = if m.word(verb) == "buy" {
        // "buy 10 USDC with S": the asset before the separator is bought.
        let sep = (verb + 1..m.len()).find(|&i| BUY_WITH.contains(&m.word(i)));
        let bought = found.iter().find(|(i, _)| *i > verb && sep.is_none_or(|s| *i < s)).map(|x| x.1.clone());
        let paid = found.iter().find(|(i, _)| sep.is_some_and(|s| *i > s)).map(|x| x.1.clone());
        let amount = match list.as_slice() {
            [] => Slot::Absent,
            // The amount counts the asset given away; "buy 10 USDC with S" counts the
            // asset received, which a swap cannot be planned from.
            [(i, s)] if sep.is_some_and(|p| *i > p) => s.clone(),
            [_] => Slot::Invalid,
            _ => Slot::Invalid,
        };
        (paid, bought, amount)
    } else {
        // The asset sold is the amount's ("10 S", "all my wS", "my USDC 50"), else the
        // first one not after a target preposition; the asset bought follows one
        // ("for USDC", "into wS", "-> USDC"), wherever the verb stands ("take 1k S and
        // swap it into wS").
        let bought = found.iter().find(|(i, _)| is_swap_target(m, *i));
        let amount_at = match list.as_slice() {
            [(i, _)] => Some(*i),
            _ => None,
        };
        let of_amount = amount_at.and_then(|a| {
            let mut j = a + 1;
            while AMOUNT_FILLERS.contains(&m.word(j)) {
                j += 1;
            }
            found.iter().find(|(i, _)| *i == j).or_else(|| found.iter().find(|(i, _)| *i + 1 == a))
        });
        let sold = of_amount
            .filter(|(i, _)| !is_swap_target(m, *i))
            .or_else(|| found.iter().find(|(i, _)| !is_swap_target(m, *i)));
        let amount = match list.as_slice() {
            [] => Slot::Absent,
            // An amount of the asset bought ("swap S for 10 USDC") cannot be planned.
            [(_, s)] if of_amount.is_none_or(|(i, _)| !is_swap_target(m, *i)) => s.clone(),
            _ => Slot::Invalid,
        };
        (sold.map(|x| x.1.clone()), bought.map(|x| x.1.clone()), amount)
    };
    // "wrap 5 S" names one side: wrapping turns S into wS, unwrapping wS into S. A side
    // that is named otherwise ("wrap 5 USDC") is left for a question.
    let (from, to) = match m.word(verb) {
        "wrap" => wrap_sides(from, to, "S", "wS"),
        "unwrap" => wrap_sides(from, to, "wS", "S"),
        _ => (from, to),
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

/// The two sides of a wrap (`plain` to `wrapped`) or an unwrap, filled in where the
/// message left one out and the other is the expected one.
fn wrap_sides(
    from: Option<String>,
    to: Option<String>,
    plain: &str,
    wrapped: &str,
) -> (Option<String>, Option<String>) {
    let is = |a: &Option<String>, s: &str| a.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(s));
    match (&from, &to) {
        (None, None) => (Some(plain.into()), Some(wrapped.into())),
        (None, Some(_)) if is(&to, wrapped) => (Some(plain.into()), to),
        (Some(_), None) if is(&from, plain) => (from, Some(wrapped.into())),
        _ => (from, to),
    }
}

fn stake(m: &Msg) -> Action {
    let mut b = Builder::new(Intent::Stake);
    let (mut amount, _) = single_amount(m);
    let mut validator = entities::validator(m);
    // "delegate 20 S to 7": a whole number after "to" that follows the amount is the
    // validator's id.
    if let ([(_, first), (i, _)], None) = (amounts(m).as_slice(), &validator) {
        let id = m.toks[*i].num().and_then(|n| match n {
            Num::Value(v) if v.chars().all(|c| c.is_ascii_digit()) => Some(v.clone()),
            _ => None,
        });
        if let Some(id) = id.filter(|_| VALIDATOR_PREPOSITIONS.contains(&m.prev(*i)) && m.toks.len() == i + 1) {
            amount = first.clone();
            validator = Some(id);
        }
    }
    b.require("amount", &amount);
    if let Some(v) = validator {
        b.set("validator", v);
    }
    let non_native = assets(m, &[]).into_iter().any(|(_, a)| a != "S");
    if non_native {
        b.need("asset");
    }
    b.done()
}

fn balance(m: &Msg, contacts: &Contacts) -> Action {
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
        account = entities::own_account(m);
    }
    if account.is_none() {
        for i in 0..m.len() {
            let w = m.word(i);
            let j = if ACCOUNT_OF.contains(&w) || (w == "does" && m.has_any(POSSESS_VERBS)) {
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
    // "alice balance", "what's alice holding": a contact named in a balance question.
    if account.is_none() && contacts.provided() {
        account = (0..m.len())
            .find(|&i| m.toks[i].is_word() && entities::is_name_word(m, i) && contacts.get(&m.toks[i].low).is_some())
            .map(|i| (i, m.toks[i].low.clone()));
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
