//! Fuzzes keystore v3 import (`sonic_vault::keystore::decrypt`): the JSON envelope, the
//! hex fields, the KDF parameter checks, and, for the seed files whose password is
//! the fixed one below, the MAC check and decryption.
#![no_main]

use serde_json::Value;

/// The password of the seed keystores.
const PASSWORD: &[u8] = b"fuzz-password";

/// Whether deriving the key would take more than a few milliseconds: scrypt above
/// N=2^12 (or N*r*p above 2^15), PBKDF2 above 4096 rounds. Those inputs are skipped,
/// not run: the parameter bounds themselves have unit tests in keystore.rs.
fn costly(json: &Value) -> bool {
    let num = |p: &Value, k: &str| p.get(k).and_then(Value::as_u64).unwrap_or(0);
    ["crypto", "Crypto"].iter().filter_map(|k| json.get(k)?.get("kdfparams")).any(|p| {
        let (n, r, pp) = (num(p, "n"), num(p, "r").max(1), num(p, "p").max(1));
        n > 1 << 12 || n.saturating_mul(r).saturating_mul(pp) > 1 << 15 || num(p, "c") > 4096
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if serde_json::from_str::<Value>(text).is_ok_and(|v| costly(&v)) {
        return;
    }
    let _ = sonic_vault::keystore::decrypt(text, PASSWORD);
});
