//! Fuzzes the KyberSwap aggregator's replies as the swap planner reads them: the input
//! is a routes reply (read for 10 S and for the amount it names itself) and a build
//! reply. An error is the expected answer to nonsense; only a panic, a hang or a
//! route accepted for another amount than asked is a finding.
#![no_main]

use alloy::primitives::U256;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let asked = U256::from(10_000_000_000_000_000_000u128);
    if let Ok(route) = sonic_defi::swap::parse_route(data, asked) {
        assert_eq!(route.amount_in, asked, "a route for another amount than asked was accepted");
    }
    let _ = sonic_defi::swap::parse_build(data);
});
