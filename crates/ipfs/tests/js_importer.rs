//! Our CIDs against an independent implementation: the IPFS JavaScript importer (npm
//! ipfs-unixfs-importer, tools/cid.mjs) configured as kubo's defaults, on the same
//! bytes: small, one exact chunk, two chunks, many chunks, and more than 174 chunks
//! (a two-level DAG).

use std::{path::Path, process::Command};

use sonic_ipfs::cid::cid_of;

fn js_cid(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("data.bin");
    std::fs::write(&file, bytes).expect("write");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/cid.mjs");
    let out = Command::new("node").arg(script).arg(&file).output().expect("node");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf8").trim().to_string()
}

/// Deterministic pseudo-random bytes (xorshift), so every run checks the same files.
fn bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn cids_match_the_js_importer() {
    const K: usize = 256 * 1024;
    for (len, seed) in [(1, 1), (1000, 2), (K, 3), (K + 1, 4), (3 * K + 17, 5), (40 * K, 6), (176 * K + 5, 7)] {
        let data = bytes(len, seed);
        assert_eq!(cid_of(&data), js_cid(&data), "{len} bytes");
    }
}
