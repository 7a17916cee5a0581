//! HTTP: the methods a local program uses, the envelope's bounds, the Host guard, and
//! the origin approval with its CORS headers.

use std::time::Duration;

use serde_json::{json, Value};
use sonic_types::dto::PlanKind;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{code, proposed, setup};

#[tokio::test(flavor = "multi_thread")]
async fn a_local_program_reads_the_chain_and_the_accounts() {
    let s = setup().await;
    assert_eq!(s.call(None, "eth_chainId", json!([])).await["result"], "0x7a69");
    assert_eq!(s.call(None, "net_version", json!([])).await["result"], "31337");
    let accounts = s.call(None, "eth_accounts", json!([])).await;
    assert_eq!(accounts["result"].as_array().map(Vec::len), Some(2), "{accounts}");
    assert_eq!(accounts["result"][0], s.account().await);
    // Forwarded reads answer as the node does.
    let bal = s.call(None, "eth_getBalance", json!([s.account().await, "latest"])).await;
    assert_eq!(bal["result"], "0x21e19e0c9bab2400000", "{bal}");
    let block = s.call(None, "eth_blockNumber", Value::Null).await;
    assert!(block["result"].as_str().is_some_and(|b| b.starts_with("0x")), "{block}");
    // A node's error comes back with its code.
    let bad = s.call(None, "eth_getBalance", json!(["nope"])).await;
    assert!(bad["error"]["code"].is_i64(), "{bad}");
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_and_unknown_methods_say_why() {
    let s = setup().await;
    let acct = s.account().await;
    let r = s.call(None, "eth_sign", json!([acct, "0x00"])).await;
    assert_eq!(code(&r), 4200);
    assert!(r["error"]["message"].as_str().is_some_and(|m| m.contains("personal_sign")), "{r}");
    let r = s.call(None, "eth_signTransaction", json!([{"from": acct}])).await;
    assert_eq!(code(&r), 4200);
    assert_eq!(code(&s.call(None, "eth_sendRawTransaction", json!(["0x00"])).await), 4200);
    assert_eq!(code(&s.call(None, "debug_traceTransaction", json!([])).await), -32601);
    assert_eq!(code(&s.call(None, "anvil_setBalance", json!([acct, "0x1"])).await), -32601);
    // Chains: the active one is fine, an unknown one is 4902.
    let r = s.call(None, "wallet_switchEthereumChain", json!([{"chainId": "0x7a69"}])).await;
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(code(&s.call(None, "wallet_switchEthereumChain", json!([{"chainId": "0xdead"}])).await), 4902);
    // Sonic mainnet is known, but this session was opened on the local network.
    let r = s.call(None, "wallet_switchEthereumChain", json!([{"chainId": "0x92"}])).await;
    assert_eq!(code(&r), -32602, "{r}");
    assert!(r["error"]["message"].as_str().is_some_and(|m| m.contains("fixed")), "{r}");
    assert_eq!(s.engine.active_network().expect("network").name, "local");
    // A transaction from an account the wallet does not hold is refused at once.
    let r = s
        .call(None, "eth_sendTransaction", json!([{"from": crate::support::OUTSIDER, "to": acct, "value": "0x1"}]))
        .await;
    assert_eq!(code(&r), 4100);
    assert!(s.engine.pending_plans().await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_envelope_is_bounded() {
    let s = setup().await;
    let (status, _, r) = s
        .post(
            None,
            json!([
                {"jsonrpc": "2.0", "id": 1, "method": "eth_chainId"},
                {"jsonrpc": "2.0", "method": "eth_chainId"},
                {"jsonrpc": "2.0", "id": "b", "method": "eth_accounts", "params": []},
                "junk"
            ]),
        )
        .await;
    assert_eq!(status, 200);
    let replies = r.as_array().expect("batch reply");
    assert_eq!(replies.len(), 3, "a notification gets no reply: {r}");
    assert_eq!(replies[0]["result"], "0x7a69");
    assert_eq!(replies[1]["id"], "b");
    assert_eq!(code(&replies[2]), -32600);
    assert_eq!(code(&s.post(None, json!([])).await.2), -32600);
    let big: Vec<Value> = (0..51).map(|i| json!({"jsonrpc": "2.0", "id": i, "method": "eth_chainId"})).collect();
    assert_eq!(code(&s.post(None, Value::Array(big)).await.2), -32600);
    assert_eq!(code(&s.call(None, "eth_chainId", json!("not a list")).await), -32600);

    let client = reqwest::Client::new();
    let r = client.post(s.signer.url()).body("{not json").send().await.expect("post");
    let v: Value = r.json().await.expect("json");
    assert_eq!(code(&v), -32700);
    // A body declared larger than the cap is refused before it is read (the server
    // answers and closes at once, so the request goes out without its body here: a
    // client still writing would race the close).
    assert_eq!(status_of_oversized_request(s.signer.port()).await, 413);
    let r = client.get(s.signer.url()).send().await.expect("get");
    assert_eq!(r.status().as_u16(), 405);
}

/// Sends the headers of a request whose declared body is one byte over the cap, and
/// no body; the status code.
async fn status_of_oversized_request(port: u16) -> u16 {
    let mut sock = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect");
    let req = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        sonic_signer::MAX_BODY + 1
    );
    sock.write_all(req.as_bytes()).await.expect("write");
    let mut out = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), sock.read_to_string(&mut out)).await;
    out.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

/// Sends a raw HTTP/1.1 request with this `Host`; the status code.
async fn status_with_host(port: u16, host: &str) -> u16 {
    let mut sock = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect");
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}"#;
    let req = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    sock.write_all(req.as_bytes()).await.expect("write");
    let mut out = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), sock.read_to_string(&mut out)).await;
    out.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_host_must_be_this_machine() {
    let s = setup().await;
    let port = s.signer.port();
    assert_eq!(status_with_host(port, "evil.example").await, 403);
    assert_eq!(status_with_host(port, &format!("evil.example:{port}")).await, 403);
    assert_eq!(status_with_host(port, &format!("127.0.0.1.nip.io:{port}")).await, 403);
    assert_eq!(status_with_host(port, &format!("localhost:{port}")).await, 200);
    assert_eq!(status_with_host(port, &format!("[::1]:{port}")).await, 200);
    assert_eq!(status_with_host(port, "127.0.0.1").await, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_website_is_approved_by_the_user_before_it_sees_anything() {
    let s = setup().await;
    let site = "https://dapp.example";
    let acct = s.account().await;

    // Unapproved: no accounts, nothing proposed, no CORS.
    let (status, cors, r) = s.post(Some(site), json!({"jsonrpc": "2.0", "id": 1, "method": "eth_accounts"})).await;
    assert_eq!((status, cors, r["result"].clone()), (200, None, json!([])));
    let send = json!([{"from": acct, "to": crate::support::OUTSIDER, "value": "0x1"}]);
    assert_eq!(code(&s.call(Some(site), "eth_sendTransaction", send.clone()).await), 4100);
    assert_eq!(code(&s.call(Some(site), "personal_sign", json!(["0x68", acct])).await), 4100);
    assert_eq!(code(&s.call(Some(site), "wallet_switchEthereumChain", json!([{"chainId": "0x7a69"}])).await), 4100);
    assert!(s.engine.pending_plans().await.is_empty());
    let preflight = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, s.signer.url())
        .header("origin", site)
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("options");
    assert_eq!(preflight.status().as_u16(), 403);
    assert!(preflight.headers().get("access-control-allow-origin").is_none());
    // An origin that is no origin is refused outright.
    assert_eq!(s.post(Some("null"), json!({"jsonrpc": "2.0", "id": 1, "method": "eth_chainId"})).await.0, 403);

    // Asking to connect raises a card; the user says no: 4001.
    let asking = {
        let engine = s.engine.clone();
        let url = s.signer.url();
        tokio::spawn(async move {
            let _keep = engine;
            reqwest::Client::new()
                .post(url)
                .header("origin", site)
                .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "eth_requestAccounts"}))
                .send()
                .await
                .expect("post")
                .json::<Value>()
                .await
                .expect("json")
        })
    };
    let card = proposed(&s.engine, "signer:https://dapp.example").await;
    assert_eq!(card.kind, PlanKind::ConnectOrigin { origin: site.into() });
    assert!(s.engine.reject_plan(&card.id).await);
    assert_eq!(code(&asking.await.expect("join")), 4001);
    assert!(s.engine.approved_origins().expect("origins").is_empty());

    // Asked again and confirmed: the accounts, and from now on CORS for this site.
    let asking = {
        let url = s.signer.url();
        tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .header("origin", site)
                .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "eth_requestAccounts"}))
                .send()
                .await
                .expect("post")
        })
    };
    let card = proposed(&s.engine, "signer:https://dapp.example").await;
    s.engine.confirm_plan(&card.id, None).await.expect("approve");
    let resp = asking.await.expect("join");
    assert_eq!(resp.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()), Some(site));
    let r: Value = resp.json().await.expect("json");
    assert_eq!(r["result"][0], acct, "{r}");
    assert_eq!(s.engine.approved_origins().expect("origins")[0].origin, site);

    let (_, cors, r) = s.post(Some(site), json!({"jsonrpc": "2.0", "id": 1, "method": "eth_accounts"})).await;
    assert_eq!(cors.as_deref(), Some(site));
    assert_eq!(r["result"][0], acct);
    let preflight = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, s.signer.url())
        .header("origin", site)
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("options");
    assert_eq!(preflight.status().as_u16(), 204);
    assert_eq!(preflight.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()), Some(site));
    // Another site is still a stranger.
    let (_, cors, r) =
        s.post(Some("https://other.example"), json!({"jsonrpc": "2.0", "id": 1, "method": "eth_accounts"})).await;
    assert_eq!((cors, r["result"].clone()), (None, json!([])));

    // Revoked in Settings: back to nothing.
    assert!(s.engine.revoke_origin(site).expect("revoke"));
    let (_, cors, r) = s.post(Some(site), json!({"jsonrpc": "2.0", "id": 1, "method": "eth_accounts"})).await;
    assert_eq!((cors, r["result"].clone()), (None, json!([])));
    assert_eq!(code(&s.call(Some(site), "eth_sendTransaction", send).await), 4100);
}

#[tokio::test(flavor = "multi_thread")]
async fn dropping_the_handle_stops_the_server_and_its_waiting_requests() {
    let s = setup().await;
    let url = s.signer.url();
    let acct = s.account().await;
    let waiting = {
        let url = url.clone();
        tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "personal_sign", "params": ["0x68", acct]}))
                .send()
                .await
        })
    };
    proposed(&s.engine, "signer").await;
    let crate::support::Setup { signer, engine, .. } = s;
    drop(signer);
    let ended = tokio::time::timeout(Duration::from_secs(10), waiting).await.expect("the waiting request ends");
    // Closed, or told that the signer stopped: never an answer.
    match ended.expect("join") {
        Err(_) => {}
        Ok(r) => assert_eq!(r.status().as_u16(), 503),
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(reqwest::Client::new().post(&url).body("{}").send().await.is_err(), "nothing listens any more");
    // Nobody waits for it any more: the card is taken down, nothing was signed.
    withdrawn(&engine).await;
}

/// Waits (up to 10 s) until no plan is pending.
async fn withdrawn(engine: &sonic_engine::Engine) {
    for _ in 0..200 {
        if engine.pending_plans().await.is_empty() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the plan of a client that went away is still pending");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_that_hangs_up_takes_its_card_down() {
    let s = setup().await;
    let acct = s.account().await;
    let mut sock = tokio::net::TcpStream::connect(("127.0.0.1", s.signer.port())).await.expect("connect");
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "personal_sign", "params": ["0x68", acct]}).to_string();
    let req = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    sock.write_all(req.as_bytes()).await.expect("write");
    proposed(&s.engine, "signer").await;
    drop(sock);
    withdrawn(&s.engine).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn switching_chains_moves_the_wallet_to_a_network_it_knows() {
    use sonic_engine::{Config, Engine, KdfParams};
    let (a, b) = (sonic_testkit::anvil(&[]), sonic_testkit::anvil(&["--chain-id", "31338"]));
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: None,
        rpc: None,
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    for (name, node, id) in [("devnet-a", &a, 31337), ("devnet-b", &b, 31338)] {
        engine
            .add_network(sonic_types::Network {
                name: name.into(),
                chain_id: Some(id),
                rpc_urls: vec![node.endpoint()],
                explorer_url: None,
                mainnet: false,
                ws_url: None,
            })
            .expect("network");
    }
    engine.set_network("devnet-a").expect("use");
    let engine = std::sync::Arc::new(engine);
    let signer = sonic_signer::serve(engine.clone(), sonic_signer::loopback(0)).await.expect("serve");
    let call = |method: &'static str, params: Value| {
        let url = signer.url();
        async move {
            let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
            reqwest::Client::new()
                .post(url)
                .json(&body)
                .send()
                .await
                .expect("post")
                .json::<Value>()
                .await
                .expect("json")
        }
    };
    assert_eq!(call("eth_chainId", json!([])).await["result"], "0x7a69");
    let r = call("wallet_switchEthereumChain", json!([{"chainId": "0x7a6a"}])).await;
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(engine.active_network().expect("network").name, "devnet-b");
    assert_eq!(call("eth_chainId", json!([])).await["result"], "0x7a6a");
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_queued_behind_a_refused_card_share_its_answer() {
    let s = setup().await;
    let site = "https://spam.example";
    let ask = json!({"jsonrpc": "2.0", "method": "eth_requestAccounts"});
    let batch: Vec<Value> = (0..5)
        .map(|i| {
            let mut a = ask.clone();
            a["id"] = json!(i);
            a
        })
        .collect();
    let asking = {
        let url = s.signer.url();
        tokio::spawn(async move {
            let r = reqwest::Client::new().post(url).header("origin", site).json(&batch).send().await.expect("post");
            r.json::<Value>().await.expect("json")
        })
    };
    let card = proposed(&s.engine, "signer:https://spam.example").await;
    assert!(s.engine.reject_plan(&card.id).await);
    // No second card: the whole batch is answered at once.
    let replies = tokio::time::timeout(Duration::from_secs(10), asking).await.expect("answered").expect("join");
    let replies = replies.as_array().expect("batch");
    assert_eq!(replies.len(), 5);
    assert!(replies.iter().all(|r| r["error"]["code"] == 4001), "{replies:?}");
    assert!(s.engine.pending_plans().await.is_empty(), "one card for the five requests");
    // A later request may ask again.
    let mut ask = ask;
    ask["id"] = json!(9);
    let again = {
        let url = s.signer.url();
        tokio::spawn(async move {
            let r = reqwest::Client::new().post(url).header("origin", site).json(&ask).send().await.expect("post");
            r.json::<Value>().await.expect("json")
        })
    };
    let card = proposed(&s.engine, "signer:https://spam.example").await;
    assert!(s.engine.reject_plan(&card.id).await);
    assert_eq!(code(&again.await.expect("json")), 4001);
}
