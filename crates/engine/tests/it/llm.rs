//! The optional language-model provider in the chat: used when it answers, validated,
//! overruled by the rules on safety, and replaced by the rules when it fails.

use std::time::Duration;

use serde_json::json;
use sonic_engine::{ProviderConfig, ProviderKind};
use sonic_llm::fake::{openai_reply, server};

use crate::support::{anvil, engine};

fn openai(url: &str) -> ProviderConfig {
    ProviderConfig { kind: ProviderKind::OpenAi, base_url: format!("{url}/v1"), model: "m".into(), timeout_secs: 2 }
}

#[tokio::test(flavor = "multi_thread")]
async fn provider_answer_is_used_and_key_comes_from_the_vault() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    // The model reads a misspelt request the rules do not understand.
    let (url, seen) = server(200, openai_reply(json!({"intent": "balance", "asset": "S"})), Duration::ZERO);
    e.set_agent_provider(Some(openai(&url))).await.expect("set");
    e.set_agent_provider_key(Some("sk-local")).await.expect("key");
    let r = e.agent_turn("hw mch sonik i gots").await.expect("reply");
    assert_eq!(r.text, "You have 10000 S.");
    let (_, headers, body) = seen.lock().expect("lock")[0].clone();
    assert!(headers.iter().any(|h| h == "authorization: Bearer sk-local"), "{headers:?}");
    assert!(!body.to_string().contains("10000"), "balances are never sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn rules_overrule_a_model_that_would_move_funds() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let (url, _) = server(
        200,
        openai_reply(json!({"intent": "send", "amount": "5", "to": "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"})),
        Duration::ZERO,
    );
    e.set_agent_provider(Some(openai(&url))).await.expect("set");
    let r = e.agent_turn("don't send 5 S to 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc").await.expect("reply");
    assert!(r.plan.is_none(), "{}", r.text);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dead_provider_falls_back_to_the_rules() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.set_agent_provider(Some(openai("http://127.0.0.1:9"))).await.expect("set");
    let r = e.agent_turn("what's my balance?").await.expect("reply");
    assert_eq!(r.text, "You have 10000 S.");
    assert!(e.set_agent_provider(Some(ProviderConfig { base_url: "nope".into(), ..openai("x") })).await.is_err());
}
