//! Fuzzes the explorer backfill on Etherscan v2 replies: the input is the reply body a
//! fake explorer gives to the first page of `txlist` and of `tokentx`, through the
//! reply and row decoding, the hash and address checks, the confirmation of each row
//! against the (seed) chain's receipts, transactions and blocks, and the store write.
#![no_main]

use sonic_fuzz::{harness, Replies};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let h = harness();
    h.reset(Replies { explorer: text.into(), ..Replies::default() });
    // An error reply is retried, then an error naming it; only a panic, a hang or a
    // store failure is a finding.
    if let Err(e @ sonic_watcher::Error::Store(_)) = h.run(|h| h.explorer().backfill(h.watcher(), 100)) {
        panic!("the backfill's store write failed: {e}");
    }
});
