//! Pasted secrets: a message that may hold a private key must not go to a language
//! model, an RPC node or the store. A 64-hex-digit run is a key unless it is written
//! as a transaction hash (`0x` + 64 digits) in a message about a transaction's status.

use sonic_types::action::{Action, Intent};

/// Whether `text` holds something that could be a private key, given how the rules
/// read it (`rules`).
pub fn may_hold_private_key(text: &str, rules: &Action) -> bool {
    let lower = text.to_lowercase();
    let about_keys = KEY_WORDS.iter().any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|t| t == *w));
    scan(text)
        .into_iter()
        .any(|(digits, has_0x)| digits == 64 && (about_keys || !(has_0x && rules.intent == Intent::TxStatus)))
}

/// Words that make a 64-digit run a key even when written like a hash.
const KEY_WORDS: &[&str] = &["key", "keys", "private", "secret", "import", "pk", "privkey", "seed", "restore"];

/// Every run of hex digits in `text`: its length, and whether it was written after `0x`.
fn scan(text: &str) -> Vec<(usize, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let has_0x = b[i] == b'0' && i + 1 < b.len() && (b[i + 1] == b'x' || b[i + 1] == b'X');
        let start = if has_0x { i + 2 } else { i };
        let mut j = start;
        while j < b.len() && b[j].is_ascii_hexdigit() {
            j += 1;
        }
        // A run glued to other letters or digits is a word, not a key.
        let glued = (i > 0 && b[i - 1].is_ascii_alphanumeric()) || (j < b.len() && b[j].is_ascii_alphanumeric());
        if j > start && !glued {
            out.push((j - start, has_0x));
        }
        i = j.max(i + 1);
    }
    out
}

/// The reply to a message that may hold a private key.
pub fn private_key_warning() -> String {
    "That looks like a private key. Never paste a private key or recovery phrase into a chat, a website or a \
     message: anyone who has it can take your funds. I did not send it anywhere or keep it. If it is a key \
     you use, move its funds to a new account."
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: bool) {
        let rules = crate::parse(text, &crate::Contacts::default());
        assert_eq!(may_hold_private_key(text, &rules), expected, "{text}");
    }

    #[test]
    fn keys_are_recognised_and_hashes_in_status_questions_are_not() {
        let k = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
        check(k, true);
        check(&format!("here is my key: {k}"), true);
        check(&format!("import 0x{k} please"), true);
        check(&format!("send 5 S to alice, my key is {}", k.to_uppercase()), true);
        check(&format!("status of 0x{k}?"), false);
        check(&format!("did 0x{k} go through"), false);
        check("send 5 S to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8", false);
        check(&format!("x{k}y"), false);
        check(&k[..63], false);
        check("what's my balance", false);
    }
}
