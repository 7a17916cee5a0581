//! Fuzzes the payment-link parser (deep links come from outside the app).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = sonic_types::payreq::parse_link(s);
    }
});
