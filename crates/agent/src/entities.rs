//! Stage 3: entities. Amounts, assets, recipients, periods, limits, hashes, paths,
//! names and validator ids, each found by its role in the sentence.

use sonic_types::{checksum, parse_address};

use crate::{
    lexicon::{
        is_money_slang, is_money_verb, ACCOUNT_NOUNS, ACCOUNT_USE_PHRASES, CAPS_NOT_ASSETS, COUNTED_TX_NOUNS,
        COUNT_MARKERS, DETERMINERS, FROM_FILLERS, FROM_PHRASES, HISTORY_NOUNS, ID_MARKERS, KNOWN_ASSETS,
        LIST_ADJECTIVES, LIST_NOUNS, MAX_WORDS, NAME_SERVICE_SUFFIXES, NATIVE_NAMES, NFT_NOUNS, NOT_NAMES, NOT_SYMBOLS,
        ONE_DAY, ORDINALS, PERIODICALS, PERIOD_LEADS, PERIOD_MARKERS, POLITENESS, RECENT_WORDS, RECIPIENT_FILLERS,
        REFERENCE_MARKERS, REFERENCE_NOUNS, ROLE_NOUNS, SELF_WORDS, STOP, TIME_UNITS, VAGUE_AMOUNTS,
        VALIDATOR_ID_WORDS, VALIDATOR_MARKERS,
    },
    msg::Msg,
    tokens::{Kind, Num},
    Contacts,
};

/// Result of reading one slot: absent, present and valid, or present but invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    Absent,
    Valid(String),
    Invalid,
}

impl Slot {
    pub(crate) fn is_absent(&self) -> bool {
        *self == Slot::Absent
    }
}

/// Whether the number at `i` is a count, an id or a duration rather than an amount.
fn is_non_amount_number(m: &Msg, i: usize) -> bool {
    let prev = m.prev(i);
    let next = m.word(i + 1);
    ID_MARKERS.contains(&prev)
        || m.toks[i].raw.starts_with('#')
        || is_reference_number(m, i)
        || TIME_UNITS.contains(&next)
        || is_count_of_list(m, i)
        || (COUNT_MARKERS.contains(&prev)
            && !m.toks.get(i + 1).is_some_and(|t| asset_of(m, i + 1).is_some() && t.is_word()))
}

/// Whether the number at `i` names a document rather than an amount: right after a
/// reference noun, maybe behind "#", "no." or "number" ("invoice #7", "order no. 55",
/// "ticket number 3"), and with no asset after it ("order 5 S" stays an amount).
pub(crate) fn is_reference_number(m: &Msg, i: usize) -> bool {
    if m.toks.get(i).is_none_or(|t| t.num().is_none()) {
        return false;
    }
    let mut k = i;
    while k > 0 && (REFERENCE_MARKERS.contains(&m.word(k - 1)) || m.toks[k - 1].raw == "#") && k + 2 > i {
        k -= 1;
    }
    let asset_next = m.toks.get(i + 1).is_some_and(|t| t.is_word() && asset_of(m, i + 1).is_some());
    k > 0 && REFERENCE_NOUNS.contains(&m.word(k - 1)) && !asset_next
}

/// Whether the number at `i` counts listed transactions: a history or transaction noun
/// after it, maybe behind list adjectives and an asset ("10 most recent USDC
/// transfers", "last 5 ones").
fn is_count_of_list(m: &Msg, i: usize) -> bool {
    for j in i + 1..m.len().min(i + 5) {
        let t = &m.toks[j];
        if t.any(HISTORY_NOUNS) || t.any(COUNTED_TX_NOUNS) || t.any(LIST_NOUNS) || t.any(NFT_NOUNS) {
            return true;
        }
        if !(t.any(LIST_ADJECTIVES) || (t.is_word() && asset_of(m, j).is_some())) {
            return false;
        }
    }
    false
}

/// Checks a canonical amount: positive, at most 18 decimals.
pub(crate) fn check_amount(v: &str) -> Slot {
    if v.starts_with('-') {
        return Slot::Invalid;
    }
    let frac = v.split_once('.').map(|(_, f)| f.len()).unwrap_or(0);
    if frac > 18 || v.chars().all(|c| c == '0' || c == '.') {
        return Slot::Invalid;
    }
    Slot::Valid(v.to_string())
}

fn check_percent(v: &str) -> Slot {
    match v.parse::<f64>() {
        // Only the bound check uses a float; the value is passed on as written.
        Ok(p) if p > 0.0 && p <= 100.0 && !v.starts_with('-') => Slot::Valid(format!("{v}%")),
        _ => Slot::Invalid,
    }
}

/// The amounts in the message (positions and values), ignoring counts, ids and
/// durations. "everything"-style words give "max".
pub(crate) fn amounts(m: &Msg) -> Vec<(usize, Slot)> {
    let mut out = Vec::new();
    for (i, t) in m.toks.iter().enumerate() {
        match &t.kind {
            Kind::Num(_) if is_non_amount_number(m, i) => {}
            Kind::Num(Num::Value(v)) => {
                if t.dollar {
                    // "$5" is a dollar value, which the wallet cannot convert exactly.
                    out.push((i, Slot::Invalid));
                } else {
                    out.push((i, check_amount(v)));
                }
            }
            Kind::Num(Num::Percent(v)) => out.push((i, check_percent(v))),
            Kind::Num(Num::Ambiguous) => out.push((i, Slot::Invalid)),
            Kind::Word if t.any(MAX_WORDS) => out.push((i, Slot::Valid("max".into()))),
            Kind::Word
                if t.w("all")
                    && !m.word(i + 1).starts_with("transaction")
                    && !HISTORY_NOUNS.contains(&m.word(i + 1))
                    && m.word(i + 1) != "of"
                    || (t.w("all") && m.word(i + 1) == "of" && m.word(i + 2) != "them") =>
            {
                out.push((i, Slot::Valid("max".into())))
            }
            _ => {}
        }
    }
    // "all of it" / "all my S" / "every last" are one amount: keep the first of
    // adjacent max words.
    out.dedup_by(|b, a| a.1 == Slot::Valid("max".into()) && b.1 == a.1);
    out
}

/// One amount, or invalid when several different amounts are given.
pub(crate) fn single_amount(m: &Msg) -> (Slot, Option<usize>) {
    let list = amounts(m);
    match list.len() {
        0 => {
            // Vague quantities are a missing amount, not an absent one.
            (Slot::Absent, None)
        }
        1 => (list[0].1.clone(), Some(list[0].0)),
        _ => {
            let first = &list[0].1;
            if list.iter().all(|(_, s)| s == first) {
                (first.clone(), Some(list[0].0))
            } else {
                (Slot::Invalid, Some(list[0].0))
            }
        }
    }
}

/// Whether the message has a vague quantity word ("some S") where an amount belongs.
pub(crate) fn vague_amount(m: &Msg) -> bool {
    m.has_any(VAGUE_AMOUNTS)
}

/// The canonical asset symbol of the token at `i`, if it names one.
pub(crate) fn asset_of(m: &Msg, i: usize) -> Option<String> {
    let t = m.toks.get(i)?;
    if t.kind == Kind::Address && i > 0 && m.word(i - 1) != "to" {
        return parse_address(&t.raw).ok().map(|a| checksum(&a));
    }
    if !t.is_word() {
        return None;
    }
    let low = t.low.trim_start_matches('$');
    if NATIVE_NAMES.contains(&low) || (t.dollar && low == "s") {
        return Some("S".into());
    }
    let canonical = |s: &str| match s {
        "ws" => "wS".to_string(),
        "sts" => "stS".to_string(),
        "wos" => "wOS".to_string(),
        other => other.to_uppercase(),
    };
    if KNOWN_ASSETS.contains(&low) {
        return Some(canonical(low));
    }
    let raw = t.raw.trim_start_matches('$');
    // Capitals read as a symbol ("SHIB"), unless the whole message is in capitals.
    let shouting = !m.toks.iter().any(|t| t.is_word() && t.raw.chars().any(|c| c.is_lowercase()));
    let caps = !shouting
        && !STOP.contains(&low)
        && !is_money_verb(low)
        && !is_money_slang(low)
        && raw.len() >= 2
        && raw.len() <= 8
        && raw.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && raw.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && !CAPS_NOT_ASSETS.contains(&low);
    // A lowercase word right after an amount is read as a symbol too ("10 shib").
    let after_amount = i > 0
        && matches!(m.toks[i - 1].kind, Kind::Num(Num::Value(_)))
        && low.len() <= 6
        && low.chars().all(|c| c.is_ascii_alphanumeric())
        && !STOP.contains(&low)
        && !POLITENESS.contains(&low)
        && !LIST_ADJECTIVES.contains(&low)
        && !NOT_SYMBOLS.contains(&low)
        && !is_money_verb(low)
        && !is_money_slang(low)
        && !LIST_NOUNS.contains(&low)
        && !HISTORY_NOUNS.contains(&low)
        && !COUNTED_TX_NOUNS.contains(&low);
    if caps || after_amount {
        return Some(canonical(low));
    }
    None
}

/// Every asset mentioned, in order, skipping positions in `skip`.
pub(crate) fn assets(m: &Msg, skip: &[usize]) -> Vec<(usize, String)> {
    (0..m.len()).filter(|i| !skip.contains(i)).filter_map(|i| asset_of(m, i).map(|a| (i, a))).collect()
}

/// Whether the word can be a person's name in the address book.
pub(crate) fn is_name_word(m: &Msg, i: usize) -> bool {
    let Some(t) = m.toks.get(i) else { return false };
    is_name_like(m, i) && !NOT_NAMES.contains(&t.low.as_str())
}

/// Whether the word could name a person or an account: a word that is no filler, verb,
/// asset symbol or time word.
fn is_name_like(m: &Msg, i: usize) -> bool {
    let Some(t) = m.toks.get(i) else { return false };
    let low = t.low.as_str();
    t.is_word()
        && !STOP.contains(&low)
        && !POLITENESS.contains(&low)
        && !is_money_verb(low)
        && !is_money_slang(low)
        && low.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
        && low.chars().any(|c| c.is_alphabetic())
        && !NATIVE_NAMES.contains(&low)
        && !KNOWN_ASSETS.contains(&low)
        && !TIME_UNITS.contains(&low)
}

/// Where the party written from `j` starts: past fillers ("to the address …", "to my
/// wallet …") and a kinship or role noun followed by a name ("my nephew Thomas", "my
/// boss Carol"); a role noun with no name after it is the name ("to my son").
pub(crate) fn recipient_start(m: &Msg, mut j: usize) -> usize {
    while RECIPIENT_FILLERS.contains(&m.word(j)) && m.toks.get(j + 1).is_some() {
        j += 1;
    }
    past_role(m, j)
}

/// `j + 1` when the word at `j` is a role noun after a determiner and followed by a
/// name ("my nephew Thomas"); "from mom yet" keeps "mom".
pub(crate) fn past_role(m: &Msg, j: usize) -> usize {
    let named = ROLE_NOUNS.contains(&m.word(j))
        && DETERMINERS.contains(&m.prev(j))
        && !m.toks[j].possessive
        && is_name_word(m, j + 1)
        && !ROLE_NOUNS.contains(&m.word(j + 1));
    if named {
        j + 1
    } else {
        j
    }
}

/// A recipient or counterparty at `i`: an address (checksum verified) or a name.
pub(crate) fn party_at(m: &Msg, i: usize, contacts: &Contacts) -> Option<(Slot, Option<String>)> {
    let t = m.toks.get(i)?;
    match t.kind {
        Kind::Address => Some(match parse_address(&t.raw) {
            Ok(a) => (Slot::Valid(checksum(&a)), None),
            Err(_) => (Slot::Invalid, None),
        }),
        Kind::BadHex => Some((Slot::Invalid, None)),
        Kind::Word if NAME_SERVICE_SUFFIXES.iter().any(|s| t.low.ends_with(s)) => Some((Slot::Invalid, None)),
        Kind::Word if t.any(SELF_WORDS) => Some((Slot::Invalid, None)),
        Kind::Word if is_name_word(m, i) => {
            let name = t.low.clone();
            if contacts.provided() {
                match contacts.get(&name) {
                    Some(a) => Some((Slot::Valid(name), Some(checksum(&a)))),
                    None => Some((Slot::Invalid, None)),
                }
            } else {
                Some((Slot::Valid(name), None))
            }
        }
        _ => None,
    }
}

/// Period in days ("last week" -> 7).
pub(crate) fn period_days(m: &Msg) -> Option<u64> {
    let unit_days = |w: &str| -> Option<u64> {
        Some(match w {
            "day" | "days" | "d" => 1,
            "week" | "weeks" | "wk" | "wks" => 7,
            "fortnight" => 14,
            "month" | "months" | "mo" => 30,
            "year" | "years" | "yr" => 365,
            "hour" | "hours" | "h" | "hrs" => 0,
            _ => return None,
        })
    };
    for i in 0..m.len() {
        let w = m.word(i);
        if ONE_DAY.contains(&w) || (m.toks[i].raw == "24" && m.word(i + 1).starts_with("hour")) {
            return Some(1);
        }
        if PERIOD_MARKERS.contains(&w) {
            // "last 5 days", "past week", "this month", "in the last 3 weeks".
            let mut j = i + 1;
            if m.word(j) == "the" {
                j += 1;
            }
            if PERIOD_LEADS.contains(&m.word(j)) {
                j += 1;
            }
            let n = match m.toks.get(j).and_then(|t| t.num()) {
                Some(Num::Value(v)) => {
                    j += 1;
                    v.parse::<u64>().ok()
                }
                _ => Some(1),
            };
            if let (Some(n), Some(d)) = (n, unit_days(m.word(j))) {
                return Some(if d == 0 { n.div_ceil(24).max(1) } else { n.saturating_mul(d) });
            }
        }
        if let Some((_, d)) = PERIODICALS.iter().find(|(p, _)| *p == w) {
            return Some(*d);
        }
    }
    None
}

/// Limit ("last 5 transactions" -> 5, "my last transaction" -> 1).
pub(crate) fn limit(m: &Msg) -> Option<u64> {
    for i in 0..m.len() {
        if let Some(Num::Value(v)) = m.toks[i].num() {
            if is_count_of_list(m, i) {
                return v.parse().ok();
            }
        }
    }
    let last = m.pos_any(RECENT_WORDS)?;
    let mut j = last + 1;
    if m.word(j) == "recent" {
        j += 1;
    }
    if COUNTED_TX_NOUNS.contains(&m.word(j)) {
        return Some(1);
    }
    None
}

/// The first `0x` + 64 hex token.
pub(crate) fn hash(m: &Msg) -> Option<String> {
    m.toks.iter().find(|t| t.kind == Kind::Hash).map(|t| t.low.clone())
}

/// The validator id: the number after "validator" (or "#").
pub(crate) fn validator(m: &Msg) -> Option<String> {
    for i in 0..m.len() {
        if let Some(Num::Value(v)) = m.toks[i].num() {
            let prev = m.prev(i);
            let prev2 = if i > 1 { m.word(i - 2) } else { "" };
            let hashed = m.toks[i].raw.starts_with('#');
            let after_validator = VALIDATOR_MARKERS.contains(&prev)
                || (VALIDATOR_ID_WORDS.contains(&prev) && prev2 == "validator")
                || (hashed && m.has("validator"));
            if after_validator && v.chars().all(|c| c.is_ascii_digit()) {
                return Some(v.clone());
            }
        }
    }
    None
}

/// The user's own account a payment is made from ("from Savings", "from my Travel
/// account", "out of savings", "from account 2", "from my second account", "from
/// 0x…"): the positions it covers and its reading (a lowercased name, a position, or a
/// checksummed address).
pub(crate) fn from_account(m: &Msg) -> Option<(Vec<usize>, Slot)> {
    let strong = m.seq_any(FROM_PHRASES).map(|(p, len)| (p, len, true));
    let weak = m.seq_any(ACCOUNT_USE_PHRASES).map(|(p, len)| (p, len, false));
    let (p, len, strong) = strong.or(weak)?;
    let mut j = p + len;
    while FROM_FILLERS.contains(&m.word(j)) {
        j += 1;
    }
    let t = m.toks.get(j)?;
    if matches!(t.kind, Kind::Address | Kind::BadHex) {
        let slot = party_at(m, j, &Contacts::default()).map_or(Slot::Invalid, |(s, _)| s);
        return Some(((p..=j).collect(), slot));
    }
    let (end, name) = account_name_at(m, j)?;
    // After "using", only a name marked as an account's: "using my Savings account".
    let marked = end > j || t.raw.starts_with(|c: char| c.is_uppercase());
    (strong || marked).then(|| ((p..=end).collect(), Slot::Valid(name)))
}

/// One of the user's own accounts named in a balance question ("my Savings account",
/// "balance of account Savings", "my Trading account balance", "my second wallet"):
/// its position and its reading.
pub(crate) fn own_account(m: &Msg) -> Option<(usize, String)> {
    for i in 0..m.len() {
        // "my Savings account", "my second wallet".
        if m.word(i) == "my" && m.toks.get(i + 2).is_some_and(|t| t.any(ACCOUNT_NOUNS)) {
            if let Some((_, name)) = account_name_at(m, i + 1) {
                return Some((i + 1, name));
            }
        }
        // "account Savings", "account 2".
        if m.toks[i].any(ACCOUNT_NOUNS) && !m.prev(i).is_empty() && m.prev(i) != "my" {
            if let Some(Num::Value(v)) = m.toks.get(i + 1).and_then(|t| t.num()) {
                return Some((i + 1, v.clone()));
            }
            if m.toks.get(i + 1).is_some_and(|t| t.raw.starts_with(|c: char| c.is_uppercase())) {
                if let Some((_, name)) = account_name_at(m, i + 1) {
                    return Some((i + 1, name));
                }
            }
        }
    }
    None
}

/// An account's name or position at `j`, optionally followed by an account noun:
/// where it ends and its reading.
fn account_name_at(m: &Msg, j: usize) -> Option<(usize, String)> {
    let t = m.toks.get(j)?;
    let end = if m.toks.get(j + 1).is_some_and(|n| n.any(ACCOUNT_NOUNS)) { j + 1 } else { j };
    if let Some((_, pos)) = ORDINALS.iter().find(|(w, _)| t.w(w)) {
        return (end > j).then(|| (end, pos.to_string()));
    }
    if t.any(ACCOUNT_NOUNS) {
        if let Some(Num::Value(v)) = m.toks.get(j + 1).and_then(|n| n.num()) {
            return Some((j + 1, v.clone()));
        }
        return account_name_at(m, j + 1).filter(|_| m.toks.get(j + 1).is_some_and(|n| !n.any(ACCOUNT_NOUNS)));
    }
    let name_like = is_name_like(m, j)
        && asset_of(m, j).is_none()
        && !ONE_DAY.contains(&t.low.as_str())
        && !COUNT_MARKERS.contains(&t.low.as_str())
        && !TIME_UNITS.contains(&t.low.as_str());
    name_like.then(|| (end, t.low.clone()))
}
