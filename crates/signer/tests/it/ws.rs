//! WebSocket on the same port: a site connects (its `Origin` checked as over HTTP),
//! asks to connect, and is answered once the user approves; the Host guard applies to
//! the handshake too.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::{
    connect_async,
    tungstenite::{client::IntoClientRequest, http::HeaderValue, Message},
};

use crate::support::{proposed, setup};

#[tokio::test(flavor = "multi_thread")]
async fn a_site_over_websocket_connects_once_approved() {
    let s = setup().await;
    let site = "http://localhost:5173";
    let mut req = format!("ws://127.0.0.1:{}", s.signer.port()).into_client_request().expect("request");
    req.headers_mut().insert("origin", HeaderValue::from_static("http://localhost:5173"));
    let (mut ws, _) = connect_async(req).await.expect("websocket");

    let mut ask = async |id: u64, method: &str| {
        let m = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": []});
        ws.send(Message::text(m.to_string())).await.expect("send");
    };
    ask(1, "eth_chainId").await;
    ask(2, "eth_accounts").await;
    ask(3, "eth_requestAccounts").await;
    let card = proposed(&s.engine, &format!("signer:{site}")).await;
    s.engine.confirm_plan(&card.id, None).await.expect("approve");
    ask(4, "eth_accounts").await;

    let mut replies = std::collections::HashMap::new();
    while replies.len() < 4 {
        let msg = tokio::time::timeout(std::time::Duration::from_secs(30), ws.next())
            .await
            .expect("a reply in time")
            .expect("open")
            .expect("message");
        let v: Value = serde_json::from_str(msg.to_text().expect("text")).expect("json");
        replies.insert(v["id"].as_u64().expect("id"), v);
    }
    let acct = s.account().await;
    assert_eq!(replies[&1]["result"], "0x7a69");
    assert_eq!(replies[&2]["result"], json!([]), "not approved yet");
    assert_eq!(replies[&3]["result"][0], acct);
    assert_eq!(replies[&4]["result"][0], acct);

    // Revoked in Settings while the socket stays open: it applies at the next request.
    assert!(s.engine.revoke_origin(site).expect("revoke"));
    let m = json!({"jsonrpc": "2.0", "id": 5, "method": "eth_accounts", "params": []});
    ws.send(Message::text(m.to_string())).await.expect("send");
    let msg = tokio::time::timeout(std::time::Duration::from_secs(30), ws.next())
        .await
        .expect("a reply in time")
        .expect("open")
        .expect("message");
    let v: Value = serde_json::from_str(msg.to_text().expect("text")).expect("json");
    assert_eq!(v["result"], json!([]), "{v}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_handshake_needs_a_loopback_host() {
    let s = setup().await;
    let mut req = format!("ws://127.0.0.1:{}", s.signer.port()).into_client_request().expect("request");
    req.headers_mut().insert("host", HeaderValue::from_static("evil.example"));
    let err = connect_async(req).await.expect_err("refused");
    assert!(err.to_string().contains("403"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_closed_socket_takes_its_cards_down() {
    let s = setup().await;
    let (mut ws, _) = connect_async(format!("ws://127.0.0.1:{}", s.signer.port())).await.expect("websocket");
    let m = json!({"jsonrpc": "2.0", "id": 1, "method": "personal_sign", "params": ["0x68", s.account().await]});
    ws.send(Message::text(m.to_string())).await.expect("send");
    proposed(&s.engine, "signer").await;
    drop(ws);
    for _ in 0..200 {
        if s.engine.pending_plans().await.is_empty() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the card of a closed socket is still pending");
}
