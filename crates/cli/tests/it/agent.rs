//! `sonic agent parse`: the JSON contract of shared/docs/agent-actions.md; `sonic agent
//! ask` with a language model that must not author a transfer.

use std::time::Duration;

use alloy::{
    primitives::Address,
    providers::{Provider, ProviderBuilder},
};
use serde_json::json;
use sonic_llm::fake::{openai_reply, server};

use crate::support::{anvil, Sonic, ACCOUNT0, OUTSIDER};

#[test]
fn parse_prints_one_json_object_and_exits_0() {
    let s = Sonic::new("http://127.0.0.1:1");
    std::fs::write(s.path("contacts.json"), r#"{"Alice": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}"#)
        .expect("contacts");
    let c = s.path("contacts.json");
    let out = s.ok(&["agent", "parse", "--contacts", c.to_str().expect("p"), "send 5 S to alice"]);
    assert_eq!(out.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["intent"], "send");
    assert_eq!(v["status"], "ready");
    assert_eq!(v["missing"], serde_json::json!([]));
    assert_eq!(v["slots"]["to_address"], "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let v: serde_json::Value =
        serde_json::from_str(&s.ok(&["agent", "parse", "--contacts", c.to_str().expect("p"), "blorp"])).expect("json");
    assert_eq!(v["intent"], "unknown");
}

#[test]
fn parse_bad_invocation_exits_2() {
    let s = Sonic::new("http://127.0.0.1:1");
    let out = s.run(&["agent", "parse", "--contacts", "/nonexistent.json", "hi"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(s.path("bad.json"), "[1,2]").expect("bad");
    let out = s.run(&["agent", "parse", "--contacts", s.path("bad.json").to_str().expect("p"), "hi"]);
    assert_eq!(out.status.code(), Some(2));
    let out = s.run(&["agent", "parse"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn parse_uses_the_store_address_book() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.ok(&["contacts", "add", "Dora", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"]);
    let v: serde_json::Value = serde_json::from_str(&s.ok(&["agent", "parse", "send 1 S to dora"])).expect("json");
    assert_eq!(v["slots"]["to_address"], "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");
    let v: serde_json::Value = serde_json::from_str(&s.ok(&["agent", "parse", "send 1 S to zed"])).expect("json");
    assert_eq!(v["status"], "needs_clarification");
}

#[tokio::test(flavor = "multi_thread")]
async fn ask_yes_never_sends_what_only_the_model_said() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    // The model answers every message with a send of 500 S to its own address.
    let (url, seen) =
        server(200, openai_reply(json!({"intent": "send", "amount": "500", "to": OUTSIDER})), Duration::ZERO);
    s.ok(&["settings", "agent-provider", "openai", "--url", &format!("{url}/v1"), "--model", "m"]);
    let chain = ProviderBuilder::new().connect_http(node.endpoint_url());
    let stranger: Address = OUTSIDER.parse().expect("address");
    let before = chain.get_balance(stranger).await.expect("balance");

    let out = s.run(&["agent", "ask", "--yes", "send 3 S"]);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    assert!(!seen.lock().expect("lock").is_empty(), "the model was asked");
    assert!(stdout.starts_with("Who should receive 3 S?"), "{stdout}");
    assert!(!stdout.contains("Send 500") && !stderr.contains("Send 500"), "no 500 S plan: {stdout}{stderr}");
    assert!(!stdout.contains("Sent:"), "{stdout}");
    assert_eq!(chain.get_balance(stranger).await.expect("balance"), before, "nothing reached the stranger");
    let me: Address = ACCOUNT0.parse().expect("address");
    assert_eq!(chain.get_transaction_count(me).await.expect("nonce"), 0, "nothing signed");
}
