//! Fuzzes the agent's parser: any text gives an action, never a panic, with and
//! without an address book, and the action serialises as the JSON contract says.
#![no_main]

use alloy::primitives::address;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = sonic_agent::parse(s, &sonic_agent::Contacts::default());
    let mut contacts = sonic_agent::Contacts::new();
    contacts.insert("alice", address!("f39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
    contacts.insert("bob", address!("70997970c51812dc3a010c7d01b50e0d17dc79c8"));
    let action = sonic_agent::parse(s, &contacts);
    serde_json::to_string(&action).expect("an action always serialises");
});
