//! The optional language-model provider in the chat: used where the rules found
//! nothing, validated, never the author of a money slot the user did not write, and
//! replaced by the rules when it fails.

use std::time::Duration;

use alloy::providers::{Provider, ProviderBuilder};
use serde_json::json;
use sonic_engine::{ProviderConfig, ProviderKind};
use sonic_llm::fake::{openai_reply, server};
use sonic_types::{checksum, parse_address};

use crate::support::{anvil, engine, OUTSIDER};

const ALICE: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

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
async fn a_hostile_model_cannot_rewrite_or_invent_a_send() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_contact("alice", ALICE).expect("contact");
    // The model answers every message with a send of 500 S to its own address.
    let (url, _) =
        server(200, openai_reply(json!({"intent": "send", "amount": "500", "to": OUTSIDER})), Duration::ZERO);
    e.set_agent_provider(Some(openai(&url))).await.expect("set");
    let chain = ProviderBuilder::new().connect_http(node.endpoint_url());
    let stranger = parse_address(OUTSIDER).expect("address");
    let before = chain.get_balance(stranger).await.expect("balance");

    // The rules read a full send: the plan is theirs.
    let r = e.agent_turn("send 5 S to alice").await.expect("reply");
    let plan = r.plan.expect("a plan");
    assert_eq!((plan.amount.as_str(), checksum(&plan.to)), ("5", ALICE.to_string()), "{}", r.text);
    assert_eq!(plan.to_label.as_deref(), Some("alice"));
    assert!(e.agent_turn("no").await.expect("reply").text.contains("Nothing was sent"));

    // The rules ask for the recipient: the model fills nothing it was not told.
    let r = e.agent_turn("send 3 S").await.expect("reply");
    assert!(r.plan.is_none(), "{}", r.text);
    assert!(r.text.starts_with("Who should receive 3 S?") && r.text.contains("did not write"), "{}", r.text);
    let a = r.action.expect("the action");
    assert_eq!((a.slot("amount"), a.slot("to"), a.missing.as_slice()), (Some("3"), None, &["to".to_string()][..]));

    // Agreeing sends nothing, whatever the model says.
    for word in ["yes", "ok go", "sure, do that"] {
        let r = e.agent_turn(word).await.expect("reply");
        assert!(r.plan.is_none() && !r.text.starts_with("Sent"), "{word}: {}", r.text);
    }
    assert_eq!(chain.get_balance(stranger).await.expect("balance"), before, "nothing reached the stranger");
    let me = e.resolve_account(None).await.expect("account").address;
    assert_eq!(chain.get_transaction_count(me).await.expect("nonce"), 0, "nothing signed");
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

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_private_key_goes_nowhere() {
    let node = anvil(&[]);
    let (e, d) = engine(&node.endpoint(), 1).await;
    let (url, seen) = server(200, openai_reply(json!({"intent": "help"})), Duration::ZERO);
    e.set_agent_provider(Some(openai(&url))).await.expect("set");
    let key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    for msg in [format!("my private key is {key}"), key.to_string(), format!("import 0x{key}")] {
        let r = e.agent_turn(&msg).await.expect("reply");
        assert!(r.text.contains("looks like a private key"), "{msg}: {}", r.text);
        assert!(r.plan.is_none() && r.action.is_none());
    }
    assert!(seen.lock().expect("lock").is_empty(), "nothing sent to the model");
    e.store().flush().expect("flush");
    drop(e);
    // Nothing of it in the store's files.
    let mut found = false;
    for f in walk(&d.path().join("data")) {
        let bytes = std::fs::read(&f).unwrap_or_default();
        found |= bytes.windows(key.len()).any(|w| w == key.as_bytes());
    }
    assert!(!found, "the key reached the data directory");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_key_goes_only_to_the_url_it_was_set_for() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let reply = openai_reply(json!({"intent": "balance", "asset": "S"}));
    let (a, seen_a) = server(200, reply.clone(), Duration::ZERO);
    let (b, seen_b) = server(200, reply, Duration::ZERO);
    e.set_agent_provider(Some(openai(&a))).await.expect("set A");
    e.set_agent_provider_key(Some("sk-for-a")).await.expect("key for A");
    e.agent_turn("hw mch sonik i gots").await.expect("reply");
    let auth = |seen: &sonic_llm::fake::Seen| -> Vec<String> {
        let requests = seen.lock().expect("lock").clone();
        requests.iter().flat_map(|(_, h, _)| h.iter().filter(|h| h.starts_with("authorization")).cloned()).collect()
    };
    assert_eq!(auth(&seen_a), ["authorization: Bearer sk-for-a"]);

    // The provider moves to B (a changed setting, a hostile edit): A's key stays home.
    e.set_agent_provider(Some(openai(&b))).await.expect("set B");
    let r = e.agent_turn("hw mch sonik i gots").await.expect("reply");
    assert_eq!(r.text, "You have 10000 S.", "B still answers, without a key");
    assert_eq!(seen_b.lock().expect("lock").len(), 1, "B was asked");
    assert!(auth(&seen_b).is_empty(), "B never receives A's key: {:?}", auth(&seen_b));

    // Set again for B, it goes to B.
    e.set_agent_provider_key(Some("sk-for-b")).await.expect("key for B");
    e.agent_turn("hw mch sonik i gots").await.expect("reply");
    assert_eq!(auth(&seen_b), ["authorization: Bearer sk-for-b"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_http_is_only_for_a_model_on_this_machine() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    for url in ["http://example.com", "http://192.168.1.20:11434", "http://127.0.0.1@example.com"] {
        let refused = e.set_agent_provider(Some(ProviderConfig { base_url: format!("{url}/v1"), ..openai("x") })).await;
        assert!(refused.is_err(), "{url} refused");
    }
    for url in ["http://localhost:11434", "http://127.0.0.1:11434", "http://[::1]:11434", "https://example.com"] {
        let ok = e.set_agent_provider(Some(ProviderConfig { base_url: format!("{url}/v1"), ..openai("x") })).await;
        assert!(ok.is_ok(), "{url} allowed: {ok:?}");
    }
}
