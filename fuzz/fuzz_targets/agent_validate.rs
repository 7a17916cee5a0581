//! Fuzzes what the agent does with a language model's function call (outside bytes
//! too): `validate` rebuilds the action from the model's intent and arguments, and
//! `merge_model` merges it with the rules' reading of the user's text. The input is
//! `{"text": ..., "intent": ..., "args": {...}}`. Checked: no panic, and a model's
//! reading never turns what the rules did not read as a ready send, swap or stake into
//! one (the invariant in ARCHITECTURE.md).
#![no_main]

use std::collections::BTreeMap;

use alloy::primitives::address;
use serde::Deserialize;
use sonic_types::action::Status;

#[derive(Deserialize)]
struct Call {
    #[serde(default)]
    text: String,
    #[serde(default)]
    intent: String,
    #[serde(default)]
    args: BTreeMap<String, serde_json::Value>,
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(call) = serde_json::from_slice::<Call>(data) else { return };
    let mut contacts = sonic_agent::Contacts::new();
    contacts.insert("alice", address!("f39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
    let model = sonic_agent::validate(&call.intent, &call.args, &contacts);
    let rules = sonic_agent::parse(&call.text, &contacts);
    let merged = sonic_agent::merge_model(&call.text, &rules, model);
    if merged.status == Status::Ready && merged.intent.moves_funds() {
        assert!(
            rules.status == Status::Ready && rules.intent == merged.intent,
            "the model made a ready {:?} of text the rules read as {:?} ({:?})",
            merged.intent,
            rules.intent,
            rules.status
        );
    }
});
