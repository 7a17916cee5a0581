//! A local HTTP server that speaks the providers' documented formats, for tests (of
//! this crate and of the engine): one canned reply per connection, requests recorded.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpListener,
    sync::{Arc, Mutex},
    thread,
    time::Duration,
};

use serde_json::{json, Value};

/// What the server saw: (request line, headers, JSON body).
pub type Seen = Arc<Mutex<Vec<(String, Vec<String>, Value)>>>;

/// Serves one canned reply per connection, after `delay`.
pub fn server(status: u16, body: String, delay: Duration) -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen: Seen = Arc::default();
    let log = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            reader.read_line(&mut line).expect("request line");
            let mut headers = Vec::new();
            let mut len = 0;
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).expect("header");
                if h.trim().is_empty() {
                    break;
                }
                if let Some(v) = h.to_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
                headers.push(h.trim().to_string());
            }
            let mut buf = vec![0; len];
            reader.read_exact(&mut buf).expect("body");
            log.lock().expect("lock").push((
                line.trim().to_string(),
                headers,
                serde_json::from_slice(&buf).unwrap_or(Value::Null),
            ));
            thread::sleep(delay);
            let reply = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (url, seen)
}

/// A Gemini generateContent answer calling the wallet function with `args`.
pub fn gemini_reply(args: Value) -> String {
    json!({"candidates": [{"content": {"role": "model", "parts": [{"functionCall": {"name": "wallet_action", "args": args}}]}, "finishReason": "STOP"}]})
        .to_string()
}

/// An OpenAI chat-completions answer calling the wallet function with `args`.
pub fn openai_reply(args: Value) -> String {
    json!({"id": "c1", "object": "chat.completion", "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
        "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "wallet_action", "arguments": args.to_string()}}]}}]})
    .to_string()
}
