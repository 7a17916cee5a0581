//! The providers against a local HTTP server that speaks each API's documented format:
//! requests are checked (path, key header, forced function call, what is sent), and
//! answers, errors, garbage and timeouts are served back.

use std::time::Duration;

use serde_json::json;
use sonic_agent::Contacts;
use sonic_llm::{
    fake::{gemini_reply, openai_reply, server},
    Error, Provider, ProviderConfig, ProviderKind,
};
use sonic_types::{
    action::{Intent, Status},
    Address,
};

fn book() -> Contacts {
    let mut c = Contacts::new();
    c.insert("alice", Address::repeat_byte(0xaa));
    c
}

fn config(kind: ProviderKind, url: &str, timeout_secs: u64) -> ProviderConfig {
    ProviderConfig { kind, base_url: url.into(), model: "test-model".into(), timeout_secs }
}

#[tokio::test]
async fn gemini_function_call_is_validated() {
    let (url, seen) =
        server(200, gemini_reply(json!({"intent": "send", "amount": "1.5k", "to": "alice"})), Duration::ZERO);
    let p = Provider::new(config(ProviderKind::Gemini, &url, 5), Some("g-key".into())).expect("provider");
    let a = p.interpret("send 1.5k S to alice", &book(), &["alice".into()]).await.expect("action");
    assert_eq!((a.intent, a.status), (Intent::Send, Status::Ready));
    assert_eq!(a.slot("amount"), Some("1500"));
    assert!(a.slot("to_address").is_some());
    let (line, headers, body) = seen.lock().expect("lock")[0].clone();
    assert_eq!(line, "POST /v1beta/models/test-model:generateContent HTTP/1.1");
    assert!(headers.iter().any(|h| h == "x-goog-api-key: g-key"), "{headers:?}");
    assert_eq!(body["toolConfig"]["functionCallingConfig"]["mode"], "ANY");
    assert_eq!(body["contents"][0]["parts"][0]["text"], "send 1.5k S to alice");
    assert_eq!(body["tools"][0]["functionDeclarations"][0]["name"], "wallet_action");
    let sent = body.to_string();
    assert!(!sent.contains("0xaaaa"), "contact addresses are never sent");
}

#[tokio::test]
async fn openai_compatible_tool_call_is_validated() {
    let bad_checksum = "0x70997970C51812DC3a010c7d01b50e0d17dc79C8";
    let (url, seen) =
        server(200, openai_reply(json!({"intent": "send", "amount": "2", "to": bad_checksum})), Duration::ZERO);
    let p = Provider::new(config(ProviderKind::OpenAi, &format!("{url}/v1"), 5), None).expect("provider");
    let a = p.interpret("send 2 S to that address", &book(), &[]).await.expect("action");
    assert_eq!(a.status, Status::NeedsClarification, "a model cannot bypass the checksum check");
    assert_eq!(a.missing, ["to"]);
    let (line, headers, body) = seen.lock().expect("lock")[0].clone();
    assert_eq!(line, "POST /v1/chat/completions HTTP/1.1");
    assert!(!headers.iter().any(|h| h.starts_with("authorization")), "no key, no header");
    assert_eq!(body["tool_choice"]["function"]["name"], "wallet_action");
    assert_eq!(body["messages"][1]["content"], "send 2 S to that address");
}

#[tokio::test]
async fn errors_garbage_and_timeouts_are_errors_not_actions() {
    let (url, _) = server(
        429,
        json!({"error": {"code": 429, "message": "quota exceeded", "status": "RESOURCE_EXHAUSTED"}}).to_string(),
        Duration::ZERO,
    );
    let p = Provider::new(config(ProviderKind::Gemini, &url, 5), None).expect("provider");
    match p.interpret("hi", &book(), &[]).await {
        Err(Error::Http { status: 429, message }) => assert_eq!(message, "quota exceeded"),
        other => panic!("{other:?}"),
    }
    let (url, _) = server(200, "{not json".into(), Duration::ZERO);
    let p = Provider::new(config(ProviderKind::OpenAi, &url, 5), None).expect("provider");
    assert!(matches!(p.interpret("hi", &book(), &[]).await, Err(Error::NoFunctionCall(_))));
    let (url, _) = server(
        200,
        json!({"choices": [{"message": {"role": "assistant", "content": "Sure! Sending now."}}]}).to_string(),
        Duration::ZERO,
    );
    let p = Provider::new(config(ProviderKind::OpenAi, &url, 5), None).expect("provider");
    assert!(
        matches!(p.interpret("send 5 S to alice", &book(), &[]).await, Err(Error::NoFunctionCall(_))),
        "prose is not an action"
    );
    let (url, _) = server(200, gemini_reply(json!({"intent": "send"})), Duration::from_secs(3));
    let p = Provider::new(config(ProviderKind::Gemini, &url, 1), None).expect("provider");
    assert!(matches!(p.interpret("hi", &book(), &[]).await, Err(Error::Unreachable(..))));
    assert!(matches!(Provider::new(config(ProviderKind::Gemini, "ftp://x", 1), None), Err(Error::Config(_))));
}

#[tokio::test]
async fn an_error_echoing_the_key_does_not_repeat_it() {
    // Servers quote the rejected key back; the error shown to the user must not.
    let key = "AIzaSyA1234567890abcdefghijklmnopqrstuv";
    let body = json!({"error": {"message": format!("API key not valid: {key}")}}).to_string();
    let (url, _) = server(400, body, Duration::ZERO);
    let p = Provider::new(config(ProviderKind::Gemini, &url, 5), Some(key.into())).expect("provider");
    let err = p.interpret("send 1 S to alice", &book(), &[]).await.expect_err("400");
    let text = err.to_string();
    assert!(text.contains("400") && text.contains("API key not valid"), "{text}");
    assert!(!text.contains(key), "{text}");
    // A key left in the configured URL is not repeated when the server is unreachable.
    let url = format!("http://127.0.0.1:9/?key={key}");
    let p = Provider::new(config(ProviderKind::OpenAi, &url, 5), None).expect("provider");
    let err = p.interpret("send 1 S to alice", &book(), &[]).await.expect_err("unreachable");
    assert!(!err.to_string().contains(key), "{err}");
}

#[test]
fn plain_http_only_to_loopback() {
    let p = |url: &str| Provider::new(config(ProviderKind::OpenAi, url, 5), Some("k".into()));
    for url in [
        "http://127.0.0.1:11434/v1",
        "http://127.8.9.10/v1",
        "http://localhost:11434/v1",
        "http://LOCALHOST/v1",
        "http://[::1]:8080/v1",
        "https://api.example.com/v1",
    ] {
        assert!(p(url).is_ok(), "{url} allowed");
    }
    for url in [
        "http://example.com/v1",
        "http://10.0.0.2:11434/v1",
        "http://0.0.0.0:11434/v1",
        "http://localhost.example.com/v1",
        "http://127.0.0.1@example.com/v1",
        "http://[::ffff:7f00:1]/v1",
    ] {
        assert!(matches!(p(url), Err(Error::InsecureUrl(_))), "{url} refused");
    }
}
