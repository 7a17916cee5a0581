//! Fuzzes the payment-link parser (deep links come from outside the app): any text
//! gives a link or an error, never a panic, and an EIP-681 link the app writes back
//! for a parsed one (`eip681`) parses to the same link.
#![no_main]

use sonic_types::payreq::{eip681, parse_link, LinkAmount, LinkToken};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let Ok(link) = parse_link(s) else { return };
    let Some(chain) = link.chain_id else { return };
    let token = match &link.token {
        LinkToken::Native => None,
        LinkToken::Address(t) => Some(t),
        LinkToken::Symbol(_) => return,
    };
    let raw = match &link.amount {
        None => None,
        Some(LinkAmount::Raw(v)) => Some(*v),
        Some(LinkAmount::Decimal(_)) => return,
    };
    let written = eip681(&link.to, chain, token, raw);
    assert_eq!(parse_link(&written).as_ref(), Ok(&link), "{written} does not read back as {s}");
});
