//! Fuzzes EIP-712 typed data as the signer takes it from a dapp or a local program:
//! JSON that passes `sonic_types::eip712::check_shape` is parsed and hashed as
//! `plan_sign_message` does, on a thread with the 2 MiB stack of the wallet's worker
//! threads. An error is the expected answer to nonsense; a stack overflow (an abort),
//! a panic or a hang is a finding: the bounds did not hold.
#![no_main]

use alloy::dyn_abi::TypedData;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    if sonic_types::eip712::check_shape(&json).is_err() {
        return;
    }
    let worker = std::thread::Builder::new().stack_size(2 * 1024 * 1024).spawn(move || {
        if let Ok(typed) = serde_json::from_value::<TypedData>(json) {
            let _ = typed.eip712_signing_hash();
        }
    });
    worker.expect("thread").join().expect("hashing panicked");
});
