//! Masking of secrets in text that came from elsewhere (a library's error, a server's
//! reply) before it is shown or logged: private keys, API keys, bearer tokens, JWTs.

/// What a masked secret is replaced with.
pub const MARK: &str = "[redacted]";

/// Query or form parameter names whose value is a secret, compared in lower case with
/// `_` and `-` removed.
const SECRET_NAMES: &[&str] =
    &["key", "apikey", "token", "accesstoken", "authtoken", "auth", "jwt", "secret", "clientsecret", "password"];

/// Shortest bearer token masked: shorter words after "bearer" are ordinary prose.
const MIN_BEARER: usize = 12;
/// Shortest run of hex digits masked: a 32-byte private key (hashes are masked too).
const MIN_HEX: usize = 64;
/// Shortest `sk-` key body masked (OpenAI-style keys are far longer).
const MIN_SK: usize = 16;
/// Shortest Google `AIza...` key masked (they are 39 characters long).
const MIN_GOOGLE: usize = 30;

/// Returns `text` with anything that looks like a secret replaced by [`MARK`]:
///
/// - `Bearer <token>`;
/// - the value of a `key=`, `apikey=`, `api_key=`, `token=`, `access_token=`, `jwt=`,
///   `secret=`, `password=`... parameter (in a URL or not);
/// - a JWT (three base64url parts joined by dots);
/// - 64 or more hex digits in a row (a private key, with or without `0x`);
/// - `sk-...` and Google `AIza...` API keys.
///
/// Meant for text that came from elsewhere (a library's error, a server's reply): it
/// also masks transaction hashes, so it is not for the engine's own messages.
pub fn scrub(text: &str) -> String {
    mask_runs(&mask_params(&mask_bearer(text)))
}

/// Characters of a word that may hold a key: ASCII letters and digits, `_`, `-`, `.`.
fn is_run(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

fn is_name(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
}

fn is_bearer_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=')
}

fn ends_value(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'&' | b'#' | b'"' | b'\'' | b'<' | b'>' | b')' | b']' | b'}' | b',' | b';')
}

/// Masks the token after the word "bearer" (any case).
fn mask_bearer(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(pos) = lower[from..].find("bearer") {
        let start = from + pos;
        let after = start + "bearer".len();
        let mut value = after;
        while value < b.len() && b[value] == b' ' {
            value += 1;
        }
        let mut end = value;
        while end < b.len() && is_bearer_char(b[end]) {
            end += 1;
        }
        let word_start = start == 0 || !is_name(b[start - 1]);
        if word_start && value > after && end - value >= MIN_BEARER {
            out.push_str(&text[copied..value]);
            out.push_str(MARK);
            copied = end;
            from = end;
        } else {
            from = after;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Masks the value of every `name=value` whose name says it is a secret.
fn mask_params(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'=' {
            let mut start = i;
            while start > 0 && is_name(b[start - 1]) {
                start -= 1;
            }
            let name: String =
                text[start..i].chars().filter(|c| !matches!(c, '_' | '-')).map(|c| c.to_ascii_lowercase()).collect();
            if SECRET_NAMES.contains(&name.as_str()) {
                let mut end = i + 1;
                while end < b.len() && !ends_value(b[end]) {
                    end += 1;
                }
                if end > i + 1 && !text[i + 1..].starts_with(MARK) {
                    out.push_str(&text[copied..=i]);
                    out.push_str(MARK);
                    copied = end;
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Masks keys, hex secrets and JWTs inside each run of word characters.
fn mask_runs(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        if !is_run(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_run(b[i]) {
            i += 1;
        }
        // The run is ASCII, so its ends are character boundaries.
        out.push_str(&text[copied..start]);
        out.push_str(&mask_run(&text[start..i]));
        copied = i;
    }
    out.push_str(&text[copied..]);
    out
}

fn is_jwt(parts: &[&str]) -> bool {
    let long = |p: &&str, n: usize| p.len() >= n;
    match parts {
        [h, p, s] => {
            (h.starts_with("eyJ") && long(h, 10) && long(p, 10) && long(s, 10)) || parts.iter().all(|p| long(p, 20))
        }
        _ => false,
    }
}

/// One run of word characters: its dot-separated parts, JWTs first.
fn mask_run(run: &str) -> String {
    let parts: Vec<&str> = run.split('.').collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut k = 0;
    while k < parts.len() {
        if k + 3 <= parts.len() && is_jwt(&parts[k..k + 3]) {
            out.push(MARK.to_string());
            k += 3;
        } else {
            out.push(mask_part(parts[k]));
            k += 1;
        }
    }
    out.join(".")
}

/// One dot-free word: an API key whole, or its long hex stretches.
fn mask_part(part: &str) -> String {
    let sk = part.strip_prefix("sk-").is_some_and(|rest| rest.len() >= MIN_SK);
    let google = part.starts_with("AIza") && part.len() >= MIN_GOOGLE;
    if sk || google {
        return MARK.to_string();
    }
    let b = part.as_bytes();
    let mut out = String::with_capacity(part.len());
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        if !b[i].is_ascii_hexdigit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            i += 1;
        }
        if i - start >= MIN_HEX {
            // Take a `0x` right before the digits with them.
            let from = if part[..start].ends_with("0x") { start - 2 } else { start };
            out.push_str(&part[copied..from]);
            out.push_str(MARK);
            copied = i;
        }
    }
    out.push_str(&part[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    const JWT: &str =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    fn check(input: &str, expected: &str) {
        assert_eq!(scrub(input), expected, "scrub({input:?})");
    }

    #[test]
    fn masks_secrets() {
        check(&format!("invalid key {KEY}."), "invalid key [redacted].");
        check(&format!("key 0x{KEY} refused"), "key [redacted] refused");
        check(&format!("sig 0x{KEY}{KEY}"), "sig [redacted]");
        check(
            "error sending request for url (https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?key=AIzaSy-abc_123&alt=json)",
            "error sending request for url (https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?key=[redacted]&alt=json)",
        );
        check("https://x.io/?apikey=abc&token=d%20f#frag", "https://x.io/?apikey=[redacted]&token=[redacted]#frag");
        check("https://x.io/a?page=2&api_key=zzz", "https://x.io/a?page=2&api_key=[redacted]");
        check("GET /v1?Access_Token=t0k3n HTTP/1.1", "GET /v1?Access_Token=[redacted] HTTP/1.1");
        check("password=hunter2, user=bob", "password=[redacted], user=bob");
        check(&format!("Authorization: Bearer {JWT}"), "Authorization: Bearer [redacted]");
        check("header bearer abc+/def0123456789== rest", "header bearer [redacted] rest");
        check(&format!("Pinata refused {JWT}: expired"), "Pinata refused [redacted]: expired");
        check(&format!("({JWT})."), "([redacted]).");
        check("key sk-proj-AbCdEf0123456789abcdefXYZ is invalid", "key [redacted] is invalid");
        check("sk-1234567890abcdefghij", "[redacted]");
        check("google key AIzaSyA1234567890abcdefghijklmnopqrstuv, denied", "google key [redacted], denied");
        check(&format!("échec ✗ {KEY} ünï"), "échec ✗ [redacted] ünï");
    }

    #[test]
    fn odd_input_neither_panics_nor_changes_twice() {
        for text in [
            "=",
            "key=",
            "?key=&",
            "bearer",
            "Bearer ",
            "bearer é",
            "é=ü&key=ü",
            "0x",
            "...",
            "a.b.c",
            "sk-",
            "eyJ..",
            "==key==",
            "\u{0}key=\u{0}",
            &"f".repeat(200),
            &format!("{JWT}.{JWT}"),
        ] {
            let once = scrub(text);
            assert_eq!(scrub(&once), once, "idempotent on {text:?}");
        }
        assert_eq!(scrub(&format!("{JWT}.{JWT}")), "[redacted].[redacted]");
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for text in [
            "",
            "wrong password",
            "no account 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "cannot reach https://uploads.pinata.cloud/v3/files: connection refused",
            "the language model at http://localhost:11434/v1 did not answer",
            "version 1.2.3 of generativelanguage.googleapis.com",
            "vault.json.2026-11-27T071200Z.bak",
            "the task-list and the sk-short key",
            "monkey=1&keys=2 page=3",
            "a bearer of news",
            "hash 0x1234abcd (too short to be a key)",
            "échec: ünïcode ✓",
        ] {
            check(text, text);
        }
    }
}
