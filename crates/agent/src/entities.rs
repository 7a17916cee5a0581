//! Stage 3: entities. Amounts, assets, recipients, periods, limits, hashes, paths,
//! names and validator ids, each found by its role in the sentence.

use sonic_types::{checksum, parse_address};

use crate::{
    lexicon::{CAPS_NOT_ASSETS, HISTORY_NOUNS, KNOWN_ASSETS, MAX_WORDS, NATIVE_NAMES, STOP},
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

const TIME_UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes", "min",
    "mins", "second", "seconds", "h", "d", "times", "am", "pm", "words", "word",
];

/// Whether the number at `i` is a count, an id or a duration rather than an amount.
fn is_non_amount_number(m: &Msg, i: usize) -> bool {
    let prev = if i > 0 { m.word(i - 1) } else { "" };
    let next = m.word(i + 1);
    matches!(prev, "validator" | "#" | "id" | "node" | "number" | "no" | "index" | "account" | "validators")
        || m.toks[i].raw.starts_with('#')
        || TIME_UNITS.contains(&next)
        || HISTORY_NOUNS.contains(&next)
        || matches!(
            next,
            "transaction" | "tx" | "transfer" | "payment" | "nft" | "nfts" | "things" | "items" | "ones" | "entries"
        )
        || (matches!(prev, "last" | "past" | "latest" | "recent" | "first" | "top" | "previous")
            && !m.toks.get(i + 1).is_some_and(|t| asset_of(m, i + 1).is_some() && t.is_word()))
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
            Kind::Word if t.any(&["some", "few", "bit", "little", "several", "much", "more", "less", "lot"]) => {}
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
    m.has_any(&["some", "few", "bit", "little", "several", "money", "lot", "bunch", "amount", "anything", "something"])
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
        && !crate::lexicon::MONEY_VERBS.contains(&low)
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
        && !["times", "of", "percent", "people", "friends", "nft", "nfts", "validator", "validators"].contains(&low);
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
    t.is_word()
        && !STOP.contains(&t.low.as_str())
        && !crate::lexicon::MONEY_VERBS.contains(&t.low.as_str())
        && t.low.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
        && t.low.chars().any(|c| c.is_alphabetic())
        && !NATIVE_NAMES.contains(&t.low.as_str())
        && !KNOWN_ASSETS.contains(&t.low.as_str())
        && !TIME_UNITS.contains(&t.low.as_str())
        && !matches!(
            t.low.as_str(),
            "last"
                | "past"
                | "week"
                | "month"
                | "year"
                | "today"
                | "day"
                | "days"
                | "validator"
                | "everything"
                | "max"
                | "everyone"
                | "everybody"
                | "people"
                | "them"
                | "myself"
                | "yourself"
                | "self"
                | "mine"
                | "savings"
                | "nft"
                | "premium"
        )
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
        Kind::Word if t.low.ends_with(".eth") || t.low.ends_with(".sonic") => Some((Slot::Invalid, None)),
        Kind::Word if t.any(&["me", "myself", "self", "yourself"]) => Some((Slot::Invalid, None)),
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
        if matches!(w, "today" | "tonight") || (w == "24" && m.word(i + 1).starts_with("hour")) || w == "yesterday" {
            return Some(1);
        }
        if matches!(w, "last" | "past" | "this" | "previous" | "recent" | "within" | "in" | "over" | "during") {
            // "last 5 days", "past week", "this month", "in the last 3 weeks".
            let mut j = i + 1;
            if m.word(j) == "the" {
                j += 1;
            }
            if matches!(m.word(j), "last" | "past") {
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
        if matches!(w, "weekly") {
            return Some(7);
        }
        if matches!(w, "monthly") {
            return Some(30);
        }
    }
    None
}

/// Limit ("last 5 transactions" -> 5, "my last transaction" -> 1).
pub(crate) fn limit(m: &Msg) -> Option<u64> {
    for i in 0..m.len() {
        if let Some(Num::Value(v)) = m.toks[i].num() {
            let next = m.word(i + 1);
            let next2 = m.word(i + 2);
            let is_list = HISTORY_NOUNS.contains(&next)
                || matches!(
                    next,
                    "tx" | "transaction" | "transfer" | "payment" | "things" | "items" | "ones" | "entries"
                )
                || (matches!(next, "most" | "latest" | "recent" | "last")
                    && (HISTORY_NOUNS.contains(&next2) || HISTORY_NOUNS.contains(&m.word(i + 3))));
            if is_list {
                return v.parse().ok();
            }
        }
    }
    let last = m.pos_any(&["last", "latest", "previous", "most"])?;
    let mut j = last + 1;
    if m.word(j) == "recent" {
        j += 1;
    }
    if matches!(m.word(j), "transaction" | "tx" | "transfer" | "payment") {
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
            let prev = if i > 0 { m.word(i - 1) } else { "" };
            let prev2 = if i > 1 { m.word(i - 2) } else { "" };
            let hashed = m.toks[i].raw.starts_with('#');
            let after_validator = matches!(prev, "validator" | "node" | "#")
                || (matches!(prev, "id" | "number" | "no" | "num") && prev2 == "validator")
                || (hashed && m.has("validator"));
            if after_validator && v.chars().all(|c| c.is_ascii_digit()) {
                return Some(v.clone());
            }
        }
    }
    None
}
