//! Fuzzes the watcher on `eth_getLogs` replies: the input is the JSON array of logs a
//! fake node answers for the ERC-20 Transfer filters while serving the seed chain's
//! blocks, through alloy's decoding, the checks against the blocks, the de-duplication, the token records (trusted or
//! not) and their announcements and balance refreshes.
#![no_main]

use alloy::rpc::types::Log;
use sonic_fuzz::{harness, Replies, SEED_BLOCKS};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Only decodable replies reach the watcher (it retries the others 16 times).
    if serde_json::from_str::<Vec<Log>>(text).is_err() {
        return;
    }
    let h = harness();
    h.reset(Replies { logs: text.into(), ..Replies::default() });
    check(h.run(|h| h.watcher().sync_to(SEED_BLOCKS.len() as u64, true)));
});

/// A store error on a reply the watcher could decode is a finding; giving up on a
/// block the node answers inconsistently (`BlockUnavailable`) is the design.
fn check(out: Result<(), sonic_watcher::Error>) {
    if let Err(e @ sonic_watcher::Error::Store(_)) = out {
        panic!("the watcher's store failed on a reply: {e}");
    }
}
