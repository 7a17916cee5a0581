//! A local server speaking Pinata's v3 Files API (`POST /v3/files`, multipart, bearer
//! JWT), for tests. It answers with the CID of the uploaded file, a wrong CID, or an
//! HTTP error, and records what it received.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpListener,
    sync::{Arc, Mutex},
    thread,
};

use serde_json::json;

use crate::cid::cid_of;

/// How the fake answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The uploaded file's real CID.
    Honest,
    /// A CID that is not the file's.
    WrongCid,
    /// HTTP 401 as for a bad JWT.
    Unauthorized,
    /// HTTP 401 whose message repeats the credentials it was sent, as careless servers
    /// and proxies do: the client must not pass them on.
    UnauthorizedEchoingToken,
}

/// One upload as received: authorization header, file name, file bytes, network field.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The `authorization` header.
    pub authorization: String,
    /// The file part's file name.
    pub file_name: String,
    /// The file part's bytes.
    pub bytes: Vec<u8>,
    /// The `network` field.
    pub network: String,
}

fn part_value(body: &[u8], boundary: &[u8], name: &str) -> Option<(String, Vec<u8>)> {
    let marker = format!("name=\"{name}\"");
    let start = body.windows(marker.len()).position(|w| w == marker.as_bytes())?;
    let header_end = start + body[start..].windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let header = String::from_utf8_lossy(&body[start..header_end]).into_owned();
    let file_name = header.split("filename=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("").to_string();
    let end = header_end + body[header_end..].windows(boundary.len()).position(|w| w == boundary)?;
    Some((file_name, body[header_end..end.saturating_sub(2)].to_vec()))
}

/// Starts the fake; returns its base URL and the uploads it received.
pub fn pinata_server(mode: Mode) -> (String, Arc<Mutex<Vec<Upload>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen: Arc<Mutex<Vec<Upload>>> = Arc::default();
    let log = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let (mut len, mut auth, mut boundary) = (0usize, String::new(), String::new());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                let lower = h.to_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                } else if lower.starts_with("authorization:") {
                    auth = h.trim()["authorization:".len()..].trim().to_string();
                } else if let Some(b) = h.split("boundary=").nth(1) {
                    boundary = format!("--{}", b.trim());
                }
            }
            let mut body = vec![0; len];
            let _ = reader.read_exact(&mut body);
            let (file_name, bytes) = part_value(&body, boundary.as_bytes(), "file").unwrap_or_default();
            let network = part_value(&body, boundary.as_bytes(), "network")
                .map(|(_, v)| String::from_utf8_lossy(&v).into_owned())
                .unwrap_or_default();
            let cid = cid_of(&bytes);
            let echoed = format!("token rejected: {auth}");
            log.lock().expect("lock").push(Upload { authorization: auth, file_name, bytes, network });
            let (status, reply) = match mode {
                Mode::Honest => {
                    (200, json!({"data": {"id": "f1", "name": "x", "cid": cid, "size": len, "network": "public"}}))
                }
                Mode::WrongCid => (200, json!({"data": {"id": "f1", "cid": "bafkreiwrongwrongwrong"}})),
                Mode::Unauthorized => (401, json!({"error": {"reason": "INVALID_CREDENTIALS"}})),
                Mode::UnauthorizedEchoingToken => (401, json!({"error": echoed})),
            };
            let text = reply.to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    (url, seen)
}
