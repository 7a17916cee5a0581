//! Validation of an action that did not come from the rules engine (a language model's
//! function call): every slot goes through the same checks as parsed text, and the
//! status and missing list are recomputed from scratch. Nothing the model says is
//! trusted as is.

use std::collections::BTreeMap;

use serde_json::Value;
use sonic_types::{
    action::{Action, Intent, Status},
    checksum, parse_address,
};

use crate::{
    entities::{check_amount, Slot},
    tokens::{parse_number, Num},
    Contacts,
};

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads an amount the way the parser does: a plain decimal, "max", or "N%".
fn amount(v: &str) -> Slot {
    let t = v.trim().to_lowercase();
    if matches!(t.as_str(), "max" | "all" | "everything") {
        return Slot::Valid("max".into());
    }
    match parse_number(&t) {
        Some((Num::Value(n), "")) => check_amount(&n),
        Some((Num::Percent(p), "")) => match p.parse::<f64>() {
            // The bound check reads a float; the value is passed on as written.
            Ok(x) if x > 0.0 && x <= 100.0 => Slot::Valid(format!("{p}%")),
            _ => Slot::Invalid,
        },
        _ => Slot::Invalid,
    }
}

fn party(v: &str, contacts: &Contacts, strict: bool) -> Slot {
    if v.starts_with("0x") || v.starts_with("0X") {
        return match parse_address(v) {
            Ok(a) => Slot::Valid(checksum(&a)),
            Err(_) => Slot::Invalid,
        };
    }
    let name = v.to_lowercase();
    let ok = !name.is_empty() && name.len() <= 64 && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if !ok || (strict && contacts.provided() && contacts.get(&name).is_none()) {
        return Slot::Invalid;
    }
    Slot::Valid(name)
}

fn asset(v: &str) -> Option<String> {
    let t = v.trim().trim_start_matches('$');
    if t.eq_ignore_ascii_case("s") || t.eq_ignore_ascii_case("sonic") {
        return Some("S".into());
    }
    if t.starts_with("0x") {
        return parse_address(t).ok().map(|a| checksum(&a));
    }
    let ok = !t.is_empty() && t.len() <= 12 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    ok.then(|| t.to_string())
}

/// Rebuilds an action from an intent name and raw slots, applying the parser's rules.
pub fn validate(intent: &str, raw: &BTreeMap<String, Value>, contacts: &Contacts) -> Action {
    let intent: Intent = serde_json::from_value(Value::String(intent.to_string())).unwrap_or(Intent::Unknown);
    let mut a = Action::new(intent);
    let get = |k: &str| raw.get(k).and_then(text);
    let mut need = |a: &mut Action, k: &str| a.missing.push(k.to_string());
    let set = |a: &mut Action, k: &str, v: Value| {
        a.slots.insert(k.to_string(), v);
    };
    let required_amount =
        |a: &mut Action, need: &mut dyn FnMut(&mut Action, &str)| match get("amount").map(|v| amount(&v)) {
            Some(Slot::Valid(v)) => {
                a.slots.insert("amount".into(), v.into());
            }
            _ => need(a, "amount"),
        };
    match intent {
        Intent::Send => {
            required_amount(&mut a, &mut need);
            match get("asset").map(|v| asset(&v)) {
                None => set(&mut a, "asset", "S".into()),
                Some(Some(s)) => set(&mut a, "asset", s.into()),
                Some(None) => need(&mut a, "asset"),
            }
            match get("to").map(|v| party(&v, contacts, true)) {
                Some(Slot::Valid(t)) => {
                    if !t.starts_with("0x") {
                        if let Some(addr) = contacts.get(&t) {
                            set(&mut a, "to_address", checksum(&addr).into());
                        }
                    }
                    set(&mut a, "to", t.into());
                }
                _ => need(&mut a, "to"),
            }
        }
        Intent::Swap => {
            required_amount(&mut a, &mut need);
            let from = get("from_asset").and_then(|v| asset(&v));
            let to = get("to_asset").and_then(|v| asset(&v));
            match &from {
                Some(f) => set(&mut a, "from_asset", f.clone().into()),
                None => need(&mut a, "from_asset"),
            }
            match to {
                Some(t) if from.as_deref().is_none_or(|f| !f.eq_ignore_ascii_case(&t)) => {
                    set(&mut a, "to_asset", t.into())
                }
                _ => need(&mut a, "to_asset"),
            }
        }
        Intent::Stake => {
            required_amount(&mut a, &mut need);
            if let Some(v) = get("validator") {
                if v.chars().all(|c| c.is_ascii_digit()) {
                    set(&mut a, "validator", v.into());
                } else {
                    need(&mut a, "validator");
                }
            }
        }
        Intent::TxStatus => match get("hash") {
            Some(h) if h.len() == 66 && h.starts_with("0x") && h[2..].chars().all(|c| c.is_ascii_hexdigit()) => {
                set(&mut a, "hash", h.to_lowercase().into())
            }
            _ => need(&mut a, "hash"),
        },
        Intent::NftMint => {
            match get("name") {
                Some(n) if n.len() <= 100 => set(&mut a, "name", n.into()),
                _ => need(&mut a, "name"),
            }
            for k in ["image", "description"] {
                if let Some(v) = get(k) {
                    set(&mut a, k, v.into());
                }
            }
        }
        Intent::AddContact => {
            match get("name").map(|v| party(&v, contacts, false)) {
                Some(Slot::Valid(n)) if !n.starts_with("0x") => set(&mut a, "name", n.into()),
                _ => need(&mut a, "name"),
            }
            match get("address").map(|v| party(&v, contacts, false)) {
                Some(Slot::Valid(ad)) if ad.starts_with("0x") => set(&mut a, "address", ad.into()),
                _ => need(&mut a, "address"),
            }
        }
        Intent::Balance | Intent::History | Intent::DefiQuery | Intent::Subscription | Intent::PaymentRequest => {
            for k in ["asset", "account", "counterparty", "direction", "topic", "action"] {
                if let Some(v) = get(k) {
                    let ok = match k {
                        "asset" => asset(&v).map(Value::from),
                        "account" | "counterparty" => party(&v, contacts, false).clone_valid().map(Value::from),
                        "direction" => matches!(v.as_str(), "in" | "out").then(|| v.clone().into()),
                        "topic" => {
                            matches!(v.as_str(), "yield" | "staking" | "price" | "pool").then(|| v.clone().into())
                        }
                        "action" => matches!(v.as_str(), "status" | "purchase").then(|| v.clone().into()),
                        _ => None,
                    };
                    if let Some(ok) = ok {
                        set(&mut a, k, ok);
                    }
                }
            }
            for k in ["period_days", "limit"] {
                if let Some(n) = raw.get(k).and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))
                {
                    if n > 0 && n <= 36_500 {
                        set(&mut a, k, n.into());
                    }
                }
            }
            if intent == Intent::PaymentRequest {
                if let Some(v) = get("amount") {
                    match amount(&v) {
                        Slot::Valid(x) if !x.ends_with('%') && x != "max" => {
                            set(&mut a, "amount", x.into());
                            a.slots.entry("asset".into()).or_insert_with(|| "S".into());
                        }
                        _ => need(&mut a, "amount"),
                    }
                }
            }
            if intent == Intent::DefiQuery && !a.slots.contains_key("topic") {
                need(&mut a, "topic");
            }
            if intent == Intent::Subscription && !a.slots.contains_key("action") {
                need(&mut a, "action");
            }
        }
        Intent::Help | Intent::Unknown => {}
    }
    a.status = if a.missing.is_empty() { Status::Ready } else { Status::NeedsClarification };
    a
}

impl Slot {
    fn clone_valid(&self) -> Option<String> {
        match self {
            Slot::Valid(v) => Some(v.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sonic_types::Address;

    fn raw(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn model_output_gets_the_parser_checks() {
        let mut c = Contacts::new();
        c.insert("alice", Address::repeat_byte(0xaa));
        let ok = validate("send", &raw(&[("amount", "1,000".into()), ("to", "Alice".into())]), &c);
        assert_eq!(ok.status, Status::Ready);
        assert_eq!(ok.slot("amount"), Some("1000"));
        assert_eq!(ok.slot("asset"), Some("S"));
        assert!(ok.slot("to_address").is_some());
        let bad = validate("send", &raw(&[("amount", "1,5".into()), ("to", "mallory".into())]), &c);
        assert_eq!(bad.missing, ["amount", "to"]);
        let checksum = validate(
            "send",
            &raw(&[("amount", 2.into()), ("to", "0x70997970C51812DC3a010c7d01b50e0d17dc79C8".into())]),
            &c,
        );
        assert_eq!(checksum.missing, ["to"]);
        let exp = validate("send", &raw(&[("amount", "1e18".into()), ("to", "alice".into())]), &c);
        assert_eq!(exp.missing, ["amount"]);
        assert_eq!(validate("launch_missiles", &raw(&[]), &c).intent, Intent::Unknown);
    }
}
