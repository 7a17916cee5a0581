//! Fuzzes the agent's parser: any text gives an action, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = sonic_agent::parse(s, &sonic_agent::Contacts::default());
    }
});
