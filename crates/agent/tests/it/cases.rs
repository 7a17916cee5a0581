//! Runs every case file through `parse` and judges it as shared/eval/score_agent.py
//! does: intent, status, missing (as a set) and every expected slot must match, and a
//! ready send/swap/stake must never differ from the expectation (unsafe).

use std::collections::BTreeSet;

use serde_json::Value;
use sonic_agent::{parse, Contacts};
use sonic_types::{action::Status, parse_address};

/// The slots that decide where money goes, as in the scorer.
const MONEY_SLOTS: [&str; 8] = ["amount", "asset", "to", "from_asset", "to_asset", "validator", "name", "address"];

fn contacts() -> Contacts {
    let text = include_str!("../cases/contacts.json");
    let map: serde_json::Map<String, Value> = serde_json::from_str(text).expect("contacts json");
    let mut book = Contacts::new();
    for (name, addr) in map {
        book.insert(&name, parse_address(addr.as_str().expect("string")).expect("address"));
    }
    book
}

fn norm(key: &str, v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    };
    match key {
        "image" => s,
        "amount" => s.to_lowercase(),
        _ => s.to_lowercase(),
    }
}

/// How a case file scored.
struct Score {
    total: usize,
    unsafe_count: usize,
    failures: Vec<String>,
}

impl Score {
    fn correct(&self) -> usize {
        self.total - self.failures.len()
    }
    fn line(&self, file: &str) -> String {
        format!("{file}: {}/{} correct, {} unsafe", self.correct(), self.total, self.unsafe_count)
    }
}

fn score(text: &str) -> Score {
    let book = contacts();
    let mut failures = Vec::new();
    let mut unsafe_count = 0;
    let mut total = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        total += 1;
        let case: Value = serde_json::from_str(line).expect("case json");
        let msg = case["text"].as_str().expect("text");
        let want = &case["expect"];
        let got = serde_json::to_value(parse(msg, &book)).expect("serialise");
        let mut why = Vec::new();
        if got["intent"] != want["intent"] {
            why.push(format!("intent {} != {}", got["intent"], want["intent"]));
        }
        if got["status"] != want["status"] {
            why.push(format!("status {} != {}", got["status"], want["status"]));
        }
        if let Some(m) = want.get("missing") {
            let set = |v: &Value| -> BTreeSet<String> {
                v.as_array().map(|a| a.iter().map(|x| x.to_string()).collect()).unwrap_or_default()
            };
            if set(m) != set(&got["missing"]) {
                why.push(format!("missing {} != {}", got["missing"], m));
            }
        }
        for (k, v) in want["slots"].as_object().expect("slots") {
            let g = got["slots"].get(k);
            if g.map(|g| norm(k, g)) != Some(norm(k, v)) {
                why.push(format!("{k} {g:?} != {v}"));
            }
        }
        // As the scorer: a ready money action (add_contact decides where later sends go)
        // whose money slots differ from the expectation is unsafe.
        let moving = matches!(got["intent"].as_str(), Some("send" | "swap" | "stake" | "add_contact"));
        if moving && got["status"] == serde_json::to_value(Status::Ready).expect("status") {
            let same = got["intent"] == want["intent"] && want["status"] == "ready";
            let slots_same = MONEY_SLOTS.iter().all(|k| {
                let w = want["slots"].get(*k).map(|v| norm(k, v)).or_else(|| (*k == "asset").then(|| "s".to_string()));
                let g = got["slots"].get(*k).map(|v| norm(k, v));
                w == g || (want["slots"].get(*k).is_none() && g.is_none())
            });
            if !same || !slots_same {
                unsafe_count += 1;
                why.push("UNSAFE".into());
            }
        }
        if !why.is_empty() {
            failures.push(format!("{msg:?}: {}", why.join("; ")));
        }
    }
    Score { total, unsafe_count, failures }
}

/// Every case of the file must pass.
fn run(file: &str, text: &str) {
    let s = score(text);
    assert_eq!(s.unsafe_count, 0, "{}:\n{}", s.line(file), s.failures.join("\n"));
    assert!(s.failures.is_empty(), "{}:\n{}", s.line(file), s.failures.join("\n"));
}

#[test]
fn public_cases_all_pass() {
    run("public.jsonl", include_str!("../cases/public.jsonl"));
}

#[test]
fn own_cases_all_pass() {
    let text = include_str!("../cases/own.jsonl");
    assert!(text.lines().count() >= 300, "at least 300 own cases");
    run("own.jsonl", text);
}

#[test]
fn contacts_from_chat_cases_all_pass() {
    run("contacts_chat.jsonl", include_str!("../cases/contacts_chat.jsonl"));
}

#[test]
fn own_cases_cover_every_intent() {
    let text = include_str!("../cases/own.jsonl");
    let intents: BTreeSet<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|c| c["expect"]["intent"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(intents.len(), 13, "{intents:?}");
}

#[test]
fn own_issue10_cases_all_pass() {
    run("own_issue10.jsonl", include_str!("../cases/own_issue10.jsonl"));
}

/// The blind cases (tests/cases/blind/, written by someone who never saw the parser):
/// the score is reported, no answer may be unsafe, and the score may not fall below
/// what the parser reached when they were wired in.
#[test]
fn blind_cases_score_and_are_never_unsafe() {
    const FILES: [(&str, &str); 6] = [
        ("batch1_phone_typist", include_str!("../cases/blind/batch1_phone_typist.jsonl")),
        ("batch2_non_native", include_str!("../cases/blind/batch2_non_native.jsonl")),
        ("batch3_cautious_beginner", include_str!("../cases/blind/batch3_cautious_beginner.jsonl")),
        ("batch4_trader", include_str!("../cases/blind/batch4_trader.jsonl")),
        ("batch5_being_scammed", include_str!("../cases/blind/batch5_being_scammed.jsonl")),
        ("batch6_mixed_multiturn_free", include_str!("../cases/blind/batch6_mixed_multiturn_free.jsonl")),
    ];
    /// The score reached when these cases were wired in; it may only go up.
    const AT_LEAST: usize = 448;
    let (mut correct, mut total, mut unsafe_count) = (0, 0, 0);
    for (file, text) in FILES {
        let s = score(text);
        println!("{}", s.line(file));
        for f in &s.failures {
            println!("  {f}");
        }
        correct += s.correct();
        total += s.total;
        unsafe_count += s.unsafe_count;
    }
    println!("blind: {correct}/{total} correct, {unsafe_count} unsafe");
    assert_eq!(unsafe_count, 0, "blind cases: {unsafe_count} unsafe");
    assert!(correct >= AT_LEAST, "blind cases: {correct}/{total}, below {AT_LEAST}");
}
