//! A JSON-RPC proxy in front of anvil that lets a test play a hostile node: every
//! answer passes through a hook that may rewrite it, given the request it answers.

use std::sync::Arc;

use serde_json::Value;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

/// Rewrites one JSON-RPC answer in place, given the request (one call, not a batch).
pub(crate) type Rewrite = dyn Fn(&Value, &mut Value) + Send + Sync;

/// Reads one HTTP request (its head in lower case, and its body by content-length);
/// `None` on a closed or malformed connection. For test servers that speak HTTP/1.1.
pub async fn read_request(s: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = s.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = s.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some((head, buf[end + 4..end + 4 + len].to_vec()));
        }
    }
}

/// POSTs `body` to `upstream` (`http://host:port`) and returns the answer's body.
async fn forward(upstream: &str, body: &[u8]) -> Option<Vec<u8>> {
    let addr = upstream.trim_start_matches("http://").trim_end_matches('/');
    let mut up = TcpStream::connect(addr).await.ok()?;
    let head = format!(
        "POST / HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    up.write_all(head.as_bytes()).await.ok()?;
    up.write_all(body).await.ok()?;
    let mut resp = Vec::new();
    up.read_to_end(&mut resp).await.ok()?;
    let end = resp.windows(4).position(|w| w == b"\r\n\r\n")?;
    Some(resp[end + 4..].to_vec())
}

fn rewrite_all(req: &Value, resp: &mut Value, hook: &Rewrite) {
    match (req, resp) {
        (Value::Array(reqs), Value::Array(resps)) => {
            for r in resps.iter_mut() {
                let id = r.get("id").cloned();
                if let Some(q) = reqs.iter().find(|q| q.get("id") == id.as_ref()) {
                    hook(q, r);
                }
            }
        }
        (q, r) => hook(q, r),
    }
}

/// Starts a proxy to `upstream` whose answers pass through `hook`; returns its URL.
/// Runs until the test's runtime stops.
pub async fn rewriting_proxy(upstream: String, hook: Arc<Rewrite>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a local port");
    let url = format!("http://{}", listener.local_addr().expect("local address"));
    tokio::spawn(async move {
        loop {
            let Ok((mut client, _)) = listener.accept().await else { continue };
            let (upstream, hook) = (upstream.clone(), hook.clone());
            tokio::spawn(async move {
                let Some((_, body)) = read_request(&mut client).await else { return };
                let Some(answer) = forward(&upstream, &body).await else { return };
                let out = match (serde_json::from_slice::<Value>(&body), serde_json::from_slice::<Value>(&answer)) {
                    (Ok(req), Ok(mut resp)) => {
                        rewrite_all(&req, &mut resp, hook.as_ref());
                        resp.to_string().into_bytes()
                    }
                    _ => answer,
                };
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    out.len()
                );
                let _ = client.write_all(head.as_bytes()).await;
                let _ = client.write_all(&out).await;
            });
        }
    });
    url
}
