//! Fuzzes opening a vault file: the input is written as `vault.json`, then
//! `Vault::open` and `unlock` with the fixed password below. For the seed vault (made
//! with that password and light scrypt parameters) a mutated file gets past the key
//! check, and then every account (derived from the sealed mnemonic or imported) is
//! decrypted, checked against its address, listed, exported and asked for its signer.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;
use sonic_vault::{KeystoreKdf, Vault};

/// The password of the seed vault.
const PASSWORD: &[u8] = b"fuzz-password";

fn path() -> &'static PathBuf {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| {
        let dir = sonic_fuzz::scratch().join(format!("vault-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("vault dir");
        dir.join("vault.json")
    })
}

/// Whether unlocking would run scrypt above N=2^12 (or N*r*p above 2^15). Skipped, not
/// run: the parameter bounds have their own tests.
fn costly(v: &Value) -> bool {
    let Some(kdf) = v.get("kdf") else { return false };
    let num = |k: &str| kdf.get(k).and_then(Value::as_u64).unwrap_or(0);
    let (log_n, r, p) = (num("log_n"), num("r").max(1), num("p").max(1));
    log_n > 12 || (1u64 << log_n.min(63)).saturating_mul(r).saturating_mul(p) > 1 << 15
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    match serde_json::from_slice::<Value>(data) {
        Ok(v) if costly(&v) => return,
        Ok(_) => {}
        // Not JSON: open must say so (cheap, no key derivation).
        Err(_) => {}
    }
    let path = path();
    std::fs::write(path, data).expect("write the vault file");
    let Ok(mut vault) = Vault::open(path) else { return };
    let _ = format!("{vault:?}");
    let accounts = vault.accounts();
    if vault.unlock(PASSWORD).is_err() {
        return;
    }
    let _ = vault.damaged_accounts();
    let _ = vault.has_mnemonic();
    for a in &accounts {
        let _ = vault.signer(a.address);
    }
    if let Some(a) = accounts.first() {
        let _ = vault.export_keystore(a.address, b"pw", KeystoreKdf { log_n: 1, r: 1, p: 1 });
    }
    let _ = vault.secret("etherscan");
    let _ = vault.reveal_mnemonic(PASSWORD);
});
