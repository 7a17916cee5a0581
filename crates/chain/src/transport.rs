//! JSON-RPC over HTTP with the reply's size capped: a node's answer is outside input,
//! and alloy's own HTTP transport reads a body of any length into memory. Every RPC
//! connection of the app (the chain client, the watcher's pool) goes through this one.

use std::task::{Context, Poll};

use alloy::{
    rpc::json_rpc::{RequestPacket, ResponsePacket},
    transports::{http::reqwest, TransportError, TransportErrorKind, TransportFut},
};

/// The largest reply read from a node: a batch of full blocks fits many times over.
pub const MAX_REPLY_BYTES: usize = 64 * 1024 * 1024;

/// An HTTP JSON-RPC transport that refuses a reply longer than its cap, read as it
/// arrives (a declared `content-length` over the cap is refused before any of it).
#[derive(Debug, Clone)]
pub struct CappedHttp {
    client: reqwest::Client,
    url: reqwest::Url,
    max: usize,
}

impl CappedHttp {
    /// Posts to `url` with `client`, reading at most [`MAX_REPLY_BYTES`] of a reply.
    pub fn new(client: reqwest::Client, url: reqwest::Url) -> Self {
        Self::with_cap(client, url, MAX_REPLY_BYTES)
    }

    /// The same with another cap (tests).
    pub fn with_cap(client: reqwest::Client, url: reqwest::Url, max: usize) -> Self {
        Self { client, url, max }
    }

    async fn post(self, req: RequestPacket) -> Result<ResponsePacket, TransportError> {
        let resp = self
            .client
            .post(self.url)
            .json(&req)
            .headers(req.headers())
            .send()
            .await
            .map_err(TransportErrorKind::custom)?;
        let status = resp.status();
        let body = sonic_net::read_capped(resp, self.max).await.map_err(TransportErrorKind::custom)?;
        if !status.is_success() {
            let text: String = String::from_utf8_lossy(&body).chars().take(500).collect();
            return Err(TransportErrorKind::http_error(status.as_u16(), text));
        }
        serde_json::from_slice(&body).map_err(|e| TransportError::deser_err(e, String::from_utf8_lossy(&body)))
    }
}

impl tower::Service<RequestPacket> for CappedHttp {
    type Response = ResponsePacket;
    type Error = TransportError;
    type Future = TransportFut<'static>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: RequestPacket) -> Self::Future {
        Box::pin(self.clone().post(req))
    }
}

#[cfg(test)]
mod tests {
    use std::{
        io::{BufRead, BufReader, Read, Write},
        net::TcpListener,
    };

    use alloy::{primitives::U64, rpc::client::RpcClient};

    use super::*;

    /// A node answering every request with `reply` (status line, headers and body as
    /// raw bytes); its URL.
    fn node(reply: impl Fn(&mut std::net::TcpStream) + Send + 'static) -> reqwest::Url {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("addr")).parse().expect("url");
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                // Read the request's head and its declared body.
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0u8; length];
                let _ = reader.read_exact(&mut body);
                reply(&mut stream);
            }
        });
        url
    }

    async fn block_number(url: reqwest::Url, cap: usize) -> Result<U64, String> {
        let client = RpcClient::new(CappedHttp::with_cap(reqwest::Client::new(), url, cap), true);
        client.request_noparams::<U64>("eth_blockNumber").await.map_err(|e| e.to_string())
    }

    #[tokio::test]
    async fn a_reply_within_the_cap_is_read() {
        let url = node(|s| {
            let body = r#"{"jsonrpc":"2.0","id":0,"result":"0x10"}"#;
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            );
        });
        assert_eq!(block_number(url, 1024).await, Ok(U64::from(16)));
    }

    #[tokio::test]
    async fn a_declared_length_over_the_cap_is_refused_unread() {
        // 100 GiB announced; nothing of it is sent or read.
        let url = node(|s| {
            let _ =
                write!(s, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 107374182400\r\n\r\n");
        });
        let err = block_number(url, MAX_REPLY_BYTES).await.expect_err("refused");
        assert!(err.contains("larger than"), "{err}");
    }

    #[tokio::test]
    async fn an_endless_chunked_reply_is_cut_at_the_cap() {
        // No length given: chunks keep coming until the reader stops.
        let url = node(|s| {
            let _ =
                write!(s, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n");
            let chunk = [b' '; 512];
            for _ in 0..10_000 {
                if write!(s, "200\r\n").and_then(|_| s.write_all(&chunk)).and_then(|_| write!(s, "\r\n")).is_err() {
                    return;
                }
            }
        });
        let err = block_number(url, 64 * 1024).await.expect_err("refused");
        assert!(err.contains("larger than 65536 bytes"), "{err}");
    }
}
