//! Where a provider may be reached, and the API key bound to the URL it was given for:
//! https anywhere, plain http only to this machine, and a key never sent elsewhere.

use serde::{Deserialize, Serialize};
use sonic_types::redact::{scrub, MARK};

use crate::{Error, Result};

/// Checks a provider's base URL: https to any host; plain http only to a loopback
/// address (127.0.0.0/8, ::1) or `localhost`, where nothing on the network reads the
/// messages or the key.
pub(crate) fn check_url(url: &str) -> Result<()> {
    let not_http = || Error::Config(format!("'{}' is not an http(s) URL", scrub(url)));
    let parsed = reqwest::Url::parse(url).map_err(|_| not_http())?;
    match parsed.scheme() {
        "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        "http" => Err(Error::InsecureUrl(scrub(url))),
        _ => Err(not_http()),
    }
}

/// Whether a URL's host is this machine. The URL parser has already lowercased the
/// name and read the host past any user info (`http://127.0.0.1@example.com` is
/// example.com).
fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    if host == "localhost" {
        return true;
    }
    host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The same endpoint: equal once parsed (case of scheme and host, default port) and
/// with any trailing slash dropped.
fn same_url(a: &str, b: &str) -> bool {
    match (reqwest::Url::parse(a), reqwest::Url::parse(b)) {
        (Ok(a), Ok(b)) => a.as_str().trim_end_matches('/') == b.as_str().trim_end_matches('/'),
        _ => false,
    }
}

/// A provider's API key together with the base URL it was given for; kept as one vault
/// secret, so the pair cannot be split. The key is only handed out for that URL: a
/// provider moved elsewhere (a changed setting, an edited settings store) gets no key
/// until the user sets one for it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundKey {
    url: String,
    key: String,
}

impl std::fmt::Debug for BoundKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoundKey").field("url", &scrub(&self.url)).field("key", &MARK).finish()
    }
}

impl BoundKey {
    /// `key` for the provider at `base_url`.
    pub fn new(base_url: &str, key: &str) -> Self {
        Self { url: base_url.to_string(), key: key.to_string() }
    }

    /// Reads a stored secret; `None` for anything else, such as a bare key saved before
    /// keys were bound to a URL (it is bound to nothing, so it is never sent).
    pub fn from_secret(secret: &str) -> Option<Self> {
        serde_json::from_str(secret).ok()
    }

    /// The form kept in the vault.
    pub fn to_secret(&self) -> String {
        serde_json::json!({ "url": self.url, "key": self.key }).to_string()
    }

    /// The key, if `base_url` is the URL it was given for.
    pub fn key_for(&self, base_url: &str) -> Option<&str> {
        same_url(&self.url, base_url).then_some(self.key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_only_for_its_url() {
        let k = BoundKey::new("https://api.example.com/v1", "sk-1");
        assert_eq!(k.key_for("https://API.example.com:443/v1/"), Some("sk-1"), "the same endpoint");
        assert_eq!(k.key_for("https://api.example.com/v2"), None);
        assert_eq!(k.key_for("https://evil.example/v1"), None);
        assert_eq!(k.key_for("http://api.example.com/v1"), None, "not over plain http");
        let back = BoundKey::from_secret(&k.to_secret()).expect("round trip");
        assert_eq!(back, k);
        assert_eq!(BoundKey::from_secret("sk-a-bare-old-key"), None);
        assert!(!format!("{k:?}").contains("sk-1"));
    }
}
