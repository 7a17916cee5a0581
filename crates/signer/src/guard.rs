//! The checks every request passes before any method runs: a loopback `Host` (no DNS
//! rebinding), a readable `Origin`, and the CORS headers, sent to approved origins
//! only.

use hyper::{
    header::{HeaderMap, HeaderValue, HOST, ORIGIN, VARY},
    Response,
};

/// Whether a `Host` header names this machine: `127.0.0.1`, `localhost` or `[::1]`,
/// with an optional port. Anything else (a DNS name that resolves here, another
/// address) is refused.
pub(crate) fn host_allowed(host: &str) -> bool {
    let h = host.trim().to_ascii_lowercase();
    ["127.0.0.1", "localhost", "[::1]"].iter().any(|name| match h.strip_prefix(name) {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit())),
        None => false,
    })
}

/// The request's `Host`, checked.
pub(crate) fn host_ok(headers: &HeaderMap) -> bool {
    let mut all = headers.get_all(HOST).iter();
    match (all.next(), all.next()) {
        (Some(h), None) => h.to_str().is_ok_and(host_allowed),
        _ => false,
    }
}

/// The request's web origin: `Ok(None)` without an `Origin` header (a local
/// program), `Err` when it is repeated or not an origin (`null` included).
pub(crate) fn origin(headers: &HeaderMap) -> Result<Option<String>, ()> {
    let mut all = headers.get_all(ORIGIN).iter();
    match (all.next(), all.next()) {
        (None, _) => Ok(None),
        (Some(o), None) => {
            let o = o.to_str().map_err(|_| ())?;
            sonic_engine::normalize_origin(o).map(Some).map_err(|_| ())
        }
        _ => Err(()),
    }
}

/// Adds the CORS headers that let `origin` (approved) read the reply.
pub(crate) fn allow<B>(resp: &mut Response<B>, origin: &str, preflight: bool) {
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(origin) {
        h.insert("access-control-allow-origin", v);
    }
    h.insert(VARY, HeaderValue::from_static("Origin"));
    if preflight {
        h.insert("access-control-allow-methods", HeaderValue::from_static("POST, OPTIONS"));
        h.insert("access-control-allow-headers", HeaderValue::from_static("content-type"));
        h.insert("access-control-max-age", HeaderValue::from_static("600"));
        // Chrome's Private Network Access: a public site may reach this loopback port.
        h.insert("access-control-allow-private-network", HeaderValue::from_static("true"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_hosts_pass() {
        for ok in ["127.0.0.1", "127.0.0.1:1248", "localhost", "LOCALHOST:80", "[::1]", "[::1]:1248"] {
            assert!(host_allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1248",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "127.0.0.2",
            "localhost:",
            "localhost:12a",
            "localhost:123456",
            "[::1]x",
            "",
            "0.0.0.0:1248",
        ] {
            assert!(!host_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn origins_are_read_or_refused() {
        let mut h = HeaderMap::new();
        assert_eq!(origin(&h), Ok(None));
        h.insert(ORIGIN, HeaderValue::from_static("https://App.example"));
        assert_eq!(origin(&h), Ok(Some("https://app.example".into())));
        h.insert(ORIGIN, HeaderValue::from_static("null"));
        assert_eq!(origin(&h), Err(()));
        h.insert(ORIGIN, HeaderValue::from_static("https://a.example"));
        h.append(ORIGIN, HeaderValue::from_static("https://b.example"));
        assert_eq!(origin(&h), Err(()));
    }
}
