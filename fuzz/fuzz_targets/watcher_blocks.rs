//! Fuzzes the watcher on `eth_getBlockByNumber` replies: the input is a JSON array of
//! blocks (results for blocks 1, 2, ...) that a fake node serves to the real
//! `Watcher::sync_to`, through alloy's decoding, the range linkage and completeness
//! checks, the stalls and rollbacks on a mismatch, record extraction and the live announcements.
#![no_main]

use alloy::rpc::types::Block;
use serde_json::value::RawValue;
use sonic_fuzz::{harness, Replies};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Only what the watcher can decode reaches it: an undecodable reply is retried 16
    // times by design, which says nothing new and slows the fuzzer down.
    let Ok(raw) = serde_json::from_slice::<Vec<Box<RawValue>>>(data) else { return };
    if raw.is_empty() || raw.len() > 16 || raw.iter().any(|b| serde_json::from_str::<Option<Block>>(b.get()).is_err()) {
        return;
    }
    let h = harness();
    let target = raw.len() as u64;
    h.reset(Replies { blocks: raw.iter().map(|b| b.get().to_string()).collect(), ..Replies::default() });
    check(h.run(|h| h.watcher().sync_to(target, true)));
});

/// A store error on a reply the watcher could decode is a finding; giving up on a
/// block the node answers inconsistently (`BlockUnavailable`) is the design.
fn check(out: Result<(), sonic_watcher::Error>) {
    if let Err(e @ sonic_watcher::Error::Store(_)) = out {
        panic!("the watcher's store failed on a reply: {e}");
    }
}
