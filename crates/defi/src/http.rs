//! The HTTP calls every source uses (a GET, and KyberSwap's JSON POST): base URLs
//! checked (https anywhere, plain http only to this machine), no redirects, a timeout,
//! and a bounded body.

use std::time::Duration;

use crate::{Error, Result};

/// Checks a source's base URL: https to any host; plain http only to a loopback
/// address or `localhost` (the test fakes), so nothing on the network can alter the
/// figures we show.
pub(crate) fn check_base(url: &str) -> Result<String> {
    let bad = || Error::Config(format!("'{url}' is not a usable data-source URL (https, or http to this machine)"));
    let parsed = reqwest::Url::parse(url).map_err(|_| bad())?;
    let ok = match parsed.scheme() {
        "https" => parsed.host_str().is_some_and(|h| !h.is_empty()),
        "http" => is_loopback(&parsed),
        _ => false,
    };
    if !ok || parsed.query().is_some() {
        return Err(bad());
    }
    Ok(url.trim_end_matches('/').to_string())
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// An HTTP client for one source.
pub(crate) fn client(timeout: Duration) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::Config(format!("cannot build an HTTP client: {e}")))
}

/// GETs `url` and returns at most `limit` bytes of a successful reply.
pub(crate) async fn get(http: &reqwest::Client, what: &'static str, url: &str, limit: usize) -> Result<Vec<u8>> {
    let unreachable = |e: reqwest::Error| Error::Unreachable { what, reason: reason(&e) };
    let resp = http.get(url).header("accept", "application/json").send().await.map_err(unreachable)?;
    read_body(resp, what, limit).await
}

/// POSTs `body` as JSON to `url` and returns at most `limit` bytes of a successful reply.
pub(crate) async fn post_json(
    http: &reqwest::Client,
    what: &'static str,
    url: &str,
    body: &serde_json::Value,
    limit: usize,
) -> Result<Vec<u8>> {
    let unreachable = |e: reqwest::Error| Error::Unreachable { what, reason: reason(&e) };
    let resp = http
        .post(url)
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .map_err(unreachable)?;
    read_body(resp, what, limit).await
}

/// At most `limit` bytes of a successful reply.
async fn read_body(resp: reqwest::Response, what: &'static str, limit: usize) -> Result<Vec<u8>> {
    let unreachable = |e: reqwest::Error| Error::Unreachable { what, reason: reason(&e) };
    let status = resp.status();
    if !status.is_success() {
        return Err(Error::Http { what, status: status.as_u16() });
    }
    sonic_net::read_capped(resp, limit).await.map_err(|e| match e {
        sonic_net::ReadError::TooLarge(limit) => Error::TooLarge { what, limit },
        sonic_net::ReadError::Transport(e) => unreachable(e),
    })
}

/// A transport failure in a few words, without the URL.
fn reason(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        "connection failed".into()
    } else if e.is_body() || e.is_decode() {
        "the reply was cut off".into()
    } else {
        "request failed".into()
    }
}

/// A finite, non-negative number from a JSON value; anything else is `None`.
pub(crate) fn number(v: Option<&serde_json::Value>) -> Option<f64> {
    v?.as_f64().filter(|x| x.is_finite() && *x >= 0.0)
}

/// Short printable text from a JSON value (at most `max` characters, no controls).
pub(crate) fn text(v: Option<&serde_json::Value>, max: usize) -> Option<String> {
    let s = v?.as_str()?.trim();
    (!s.is_empty() && s.chars().count() <= max && !s.chars().any(char::is_control)).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_are_https_or_local_http() {
        assert_eq!(check_base("https://coins.llama.fi/").expect("https"), "https://coins.llama.fi");
        assert!(check_base("http://127.0.0.1:9").is_ok());
        assert!(check_base("http://localhost:9").is_ok());
        assert!(check_base("http://coins.llama.fi").is_err());
        assert!(check_base("http://127.0.0.1@example.com").is_err());
        assert!(check_base("ftp://x").is_err());
        assert!(check_base("not a url").is_err());
    }

    #[test]
    fn numbers_are_finite_and_not_negative() {
        use serde_json::json;
        assert_eq!(number(Some(&json!(1.5))), Some(1.5));
        assert_eq!(number(Some(&json!(0))), Some(0.0));
        assert_eq!(number(Some(&json!(-1))), None);
        assert_eq!(number(Some(&json!("1"))), None);
        assert_eq!(number(Some(&json!(null))), None);
        assert_eq!(number(None), None);
        assert_eq!(text(Some(&json!("wS")), 8).as_deref(), Some("wS"));
        assert_eq!(text(Some(&json!("a\u{7}b")), 8), None);
        assert_eq!(text(Some(&json!("x".repeat(9))), 8), None);
    }
}
