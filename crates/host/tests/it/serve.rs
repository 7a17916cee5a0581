//! Serving: what is on disk, who is let in, and what is refused.

use std::{
    io::{BufRead, BufReader, Write},
    os::unix::{fs::PermissionsExt, net::UnixStream},
};

use serde_json::{json, Value};
use sonic_host::{socket_path, token_path, Host, HostError};
use sonic_types::{
    host::BalanceArgs,
    ipc::{AppInfoArgs, BalancesArgs},
    ErrorCode,
};

use crate::support::Served;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

/// Writes `request` as one line on a fresh connection and reads one answer line.
fn raw(served: &Served, request: &[u8]) -> (Value, UnixStream) {
    let mut s = UnixStream::connect(socket_path(&served.data())).expect("connect");
    s.write_all(request).expect("write");
    let mut line = String::new();
    BufReader::new(s.try_clone().expect("clone")).read_line(&mut line).expect("read");
    (serde_json::from_str(&line).expect("one JSON answer"), s)
}

fn token(served: &Served) -> String {
    std::fs::read_to_string(token_path(&served.data())).expect("token")
}

/// Whether the host closed the connection after its answer.
fn closed(mut s: UnixStream) -> bool {
    let mut rest = Vec::new();
    s.set_read_timeout(Some(std::time::Duration::from_secs(5))).expect("timeout");
    matches!(std::io::Read::read_to_end(&mut s, &mut rest), Ok(0))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_reads_balances_through_the_host() {
    let served = Served::new(false).await;
    let mut client = served.client().await;
    let all = client.call(&BalancesArgs {}).await.expect("balances");
    assert_eq!(all[0].asset, "S");
    assert_eq!(all[0].amount, "10000");
    let one = client.call(&BalanceArgs { account: Some("1".into()), token: None, all: false }).await.expect("balance");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].account, served.engine.balance(Some("1"), None).await.expect("direct").account);
    let info = client.call(&AppInfoArgs {}).await.expect("app_info");
    assert!(!info.unlocked, "the host stays locked");
    assert!(info.wallet_exists);
}

#[tokio::test(flavor = "multi_thread")]
async fn socket_token_and_directory_are_private_and_go_away_with_the_host() {
    let mut served = Served::new(false).await;
    let (sock, tok) = (socket_path(&served.data()), token_path(&served.data()));
    assert_eq!(mode(&served.data()), 0o700);
    assert_eq!(mode(&sock), 0o600);
    assert_eq!(mode(&tok), 0o600);
    assert_eq!(token(&served).len(), 64, "32 random bytes, hex");
    drop(served.host.take());
    assert!(!sock.exists() && !tok.exists(), "socket and token removed on stop");
    assert!(sonic_host::HostClient::connect(&served.data()).await.is_none());
    assert!(sonic_host::host_answers(&served.data()).is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_token_is_refused_and_the_connection_closed() {
    let served = Served::new(false).await;
    let req = json!({"v":1,"token":"0".repeat(64),"id":7,"command":"balances","args":{}});
    let (answer, s) = raw(&served, format!("{req}\n").as_bytes());
    assert_eq!(answer["id"], 7);
    assert_eq!(answer["err"]["code"], "invalid_input");
    assert_eq!(answer["err"]["message"], "wrong or missing host token");
    assert!(answer.get("ok").is_none());
    assert!(closed(s));
    let (answer, _) = raw(&served, b"{\"v\":1,\"id\":8,\"command\":\"balances\"}\n");
    assert_eq!(answer["err"]["message"], "wrong or missing host token");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_oversize_line_is_refused() {
    let served = Served::new(false).await;
    let big = vec![b'x'; (1 << 20) + 10];
    let (answer, s) = raw(&served, &big);
    assert_eq!(answer["err"]["code"], "invalid_input");
    assert!(answer["err"]["message"].as_str().expect("message").contains("longer than 1048576 bytes"), "{answer}");
    assert!(closed(s));
    // The host still serves others.
    let mut client = served.client().await;
    client.call(&AppInfoArgs {}).await.expect("still serving");
}

#[tokio::test(flavor = "multi_thread")]
async fn versions_commands_and_arguments_are_checked() {
    let served = Served::new(false).await;
    let t = token(&served);
    let (a, s) = raw(&served, format!("{}\n", json!({"v":2,"token":t,"id":1,"command":"balances"})).as_bytes());
    assert_eq!(a["err"]["message"], "host protocol version 2 is not supported: this host speaks version 1");
    assert!(closed(s));
    let (a, _) = raw(&served, b"not json\n");
    assert_eq!(a["err"]["message"], "not a JSON request");
    let (a, _) = raw(&served, format!("{}\n", json!({"v":1,"token":t,"id":2,"command":"export_keys"})).as_bytes());
    assert_eq!(a["err"]["message"], "unknown command 'export_keys'");
    // Nothing that reveals or exports a secret is served, even with the password.
    for (command, args) in [
        ("wallet_reveal_mnemonic", json!({"password": crate::support::PASSWORD})),
        (
            "wallet_export_keystore",
            json!({"password": crate::support::PASSWORD, "account": "0", "keystore_password": "k", "path": "/tmp/x"}),
        ),
        ("wallet_backup", json!({"password": crate::support::PASSWORD, "path": "/tmp/x"})),
    ] {
        let req = json!({"v":1,"token":t,"id":5,"command":command,"args":args});
        let (a, _) = raw(&served, format!("{req}\n").as_bytes());
        assert_eq!(a["err"]["code"], "invalid_input", "{command} refused: {a}");
        assert!(a.get("ok").is_none(), "{command}: {a}");
        assert!(!a.to_string().contains("test test"), "no phrase in {a}");
    }
    let (a, _) = raw(&served, format!("{}\n", json!({"v":1,"token":t,"id":3,"command":"ui_ready"})).as_bytes());
    assert!(a["err"]["message"].as_str().expect("m").contains("desktop window only"), "{a}");
    let req = json!({"v":1,"token":t,"id":4,"command":"plan_cancel","args":{"id":"x","also":1}});
    let (a, _) = raw(&served, format!("{req}\n").as_bytes());
    assert!(a["err"]["message"].as_str().expect("m").starts_with("bad arguments for plan_cancel"), "{a}");
    // Several requests on one connection are answered in order.
    let two = format!(
        "{}\n{}\n",
        json!({"v":1,"token":t,"id":10,"command":"plans_pending"}),
        json!({"v":1,"token":t,"id":11,"command":"plan_cancel","args":{"id":"nope"}})
    );
    let mut s = UnixStream::connect(socket_path(&served.data())).expect("connect");
    s.write_all(two.as_bytes()).expect("write");
    let mut lines = BufReader::new(s).lines();
    let first: Value = serde_json::from_str(&lines.next().expect("1").expect("1")).expect("json");
    let second: Value = serde_json::from_str(&lines.next().expect("2").expect("2")).expect("json");
    assert_eq!((first["id"].clone(), first["ok"].clone()), (json!(10), json!([])));
    assert_eq!((second["id"].clone(), second["ok"].clone()), (json!(11), json!(false)));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_host_per_data_directory_and_a_stale_socket_is_replaced() {
    let mut served = Served::new(false).await;
    match Host::serve(served.engine.clone(), &served.data()).await {
        Err(HostError::AlreadyRunning(p)) => assert_eq!(p, socket_path(&served.data())),
        other => panic!("expected AlreadyRunning, got {other:?}"),
    }
    drop(served.host.take());
    // A socket file nobody answers on (a crashed host) is replaced.
    let stale = std::os::unix::net::UnixListener::bind(socket_path(&served.data())).expect("bind");
    drop(stale);
    assert!(socket_path(&served.data()).exists());
    let again = Host::serve(served.engine.clone(), &served.data()).await.expect("serve over a stale socket");
    let mut client = served.client().await;
    let info = client.call(&AppInfoArgs {}).await.expect("answers");
    assert!(info.wallet_exists);
    assert_eq!(
        ErrorCode::Locked,
        client
            .call(&sonic_types::host::PlanConfirmWaitArgs { id: "x".into(), wait_secs: 0 })
            .await
            .expect_err("locked")
            .code
    );
    drop(again);
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_lines_get_an_error_and_the_host_keeps_serving() {
    let served = Served::new(false).await;
    let t = token(&served);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let lines: Vec<Vec<u8>> = vec![
        b"\n".to_vec(),
        vec![0xff, 0xfe, 0x00, b'\n'],
        format!("{deep}\n").into_bytes(),
        br#"{"v":"1","token":"x","id":1,"command":"balances"}"#.to_vec(),
        format!("{}\n", json!({"v":1,"token":t,"id":"one","command":"balances"})).into_bytes(),
        format!("{}\n", json!({"v":1,"token":t,"id":1,"command":7})).into_bytes(),
        format!("{}\n", json!({"v":1,"token":t,"id":1,"command":"plan_cancel","args":[1,2]})).into_bytes(),
        format!("{}\n", json!({"v":1,"token":t,"id":1,"command":"plan_cancel","args":{"id":5}})).into_bytes(),
        format!("{}\n", json!({"v":1,"token":t,"id":1,"command":"balances","extra":true})).into_bytes(),
        format!("{}\n", json!({"v":1,"token":t,"id":1,"client":"Evil\u{202e}Bank","command":"plans_pending"}))
            .into_bytes(),
        format!("{}\n", json!({"v":1,"token":t,"id":u64::MAX,"command":"x".repeat(10_000)})).into_bytes(),
    ];
    for line in &lines {
        let mut line = line.clone();
        if line.last() != Some(&b'\n') {
            line.push(b'\n');
        }
        let (answer, _) = raw(&served, &line);
        assert_eq!(answer["v"], 1, "{answer}");
        assert!(
            answer["err"]["code"].is_string(),
            "an error for {:?}: {answer}",
            String::from_utf8_lossy(&line[..line.len().min(80)])
        );
        assert!(answer.get("ok").is_none());
        assert!(answer["err"]["message"].as_str().expect("message").len() < 400, "a short message: {answer}");
    }
    // A long id is just an unknown plan.
    let long = json!({"v":1,"token":t,"id":2,"command":"plan_cancel","args":{"id":deep}});
    assert_eq!(raw(&served, format!("{long}\n").as_bytes()).0["ok"], false);
    let mut client = served.client().await;
    client.call(&AppInfoArgs {}).await.expect("still serving");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_reconnects_to_the_host_that_replaced_its_own() {
    let mut served = Served::new(false).await;
    let mut client = served.client().await.with_client("mcp");
    client.call(&AppInfoArgs {}).await.expect("first host");
    assert!(!client.lost());
    drop(served.host.take());
    let e = client.call(&AppInfoArgs {}).await.expect_err("the host is gone");
    assert_eq!(e.code, ErrorCode::Unreachable);
    assert!(client.lost());
    assert!(!client.reconnect().await, "no host to reconnect to");
    served.host = Some(Host::serve(served.engine.clone(), &served.data()).await.expect("a new host"));
    assert!(client.reconnect().await);
    assert!(!client.lost());
    client.call(&AppInfoArgs {}).await.expect("the new host answers");
}

/// Connects and calls `app_info` until the host serves this client; how long it took.
async fn served_within(served: &Served, limit: std::time::Duration) -> std::time::Duration {
    let start = std::time::Instant::now();
    loop {
        if let Some(mut c) = sonic_host::HostClient::connect(&served.data()).await {
            if c.call(&AppInfoArgs {}).await.is_ok() {
                return start.elapsed();
            }
        }
        assert!(start.elapsed() < limit, "a legitimate client was not served within {limit:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn idle_connections_are_dropped_and_do_not_block_a_client() {
    let idle = std::time::Duration::from_secs(1);
    let served = Served::with(&[], false, Some(idle)).await;
    // More idle connections than the host serves at once: they say nothing.
    let silent: Vec<UnixStream> = (0..sonic_host::server::MAX_CONNECTIONS + 8)
        .map(|_| UnixStream::connect(socket_path(&served.data())).expect("connect"))
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // A client is served once the idle ones are dropped, not never.
    let took = served_within(&served, std::time::Duration::from_secs(10)).await;
    assert!(took < idle * 5, "served after {took:?}");
    // Every silent connection was closed by the host: idle ones with nothing said, those
    // over the limit after one "too many clients" line.
    let (mut dropped, mut turned_away) = (0, 0);
    for mut s in silent {
        let mut rest = Vec::new();
        s.set_read_timeout(Some(std::time::Duration::from_secs(5))).expect("timeout");
        std::io::Read::read_to_end(&mut s, &mut rest).expect("closed by the host");
        if rest.is_empty() {
            dropped += 1;
        } else {
            assert!(String::from_utf8_lossy(&rest).contains("too many clients"), "{rest:?}");
            turned_away += 1;
        }
    }
    assert_eq!(dropped, sonic_host::server::MAX_CONNECTIONS, "every slot was freed");
    assert_eq!(turned_away, 8);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_confirmation_waiting_for_its_receipt_is_not_idle() {
    use sonic_types::host::{PlanConfirmWaitArgs, SendRequestArgs};
    // No block until one is mined by hand, 2.5 s into the wait: past the 1 s idle
    // timeout.
    let idle = std::time::Duration::from_secs(1);
    let served = Served::with(&["--no-mining"], true, Some(idle)).await;
    let mut client = served.client().await;
    let plan = client
        .call(&SendRequestArgs { from: None, to: crate::support::OUTSIDER.into(), amount: "1".into(), token: None })
        .await
        .expect("plan");
    let before = served.chain_balance(crate::support::OUTSIDER).await;
    let start = std::time::Instant::now();
    let url = served.node.endpoint_url();
    let miner = tokio::spawn(async move {
        use alloy::providers::{Provider, ProviderBuilder};
        tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
        let p = ProviderBuilder::new().connect_http(url);
        let _: String = p.raw_request("evm_mine".into(), ()).await.expect("mine");
    });
    let done = client.call(&PlanConfirmWaitArgs { id: plan.id, wait_secs: 30 }).await.expect("confirmed");
    let sonic_types::dto::PlanDoneView::Sent(r) = done else { panic!("a transaction: {done:?}") };
    assert_eq!(r.status, sonic_types::dto::TxState::Confirmed);
    assert!(!client.lost(), "answered on the same connection");
    let s = alloy::primitives::U256::from(10u64).pow(alloy::primitives::U256::from(18u64));
    assert_eq!(served.chain_balance(crate::support::OUTSIDER).await, before + s);
    assert!(start.elapsed() > idle * 2, "the wait outlasted the idle timeout: {:?}", start.elapsed());
    miner.await.expect("miner");
}

#[tokio::test(flavor = "multi_thread")]
async fn what_the_table_refuses_for_the_cli() {
    use sonic_types::{
        host::ContactAddArgs,
        ipc::{AgentProviderSetArgs, ProviderChoice, WalletChangePasswordArgs},
    };
    let served = Served::new(false).await;
    let mut client = served.client().await;
    // An API key does not cross the socket.
    let e = client
        .call(&AgentProviderSetArgs {
            kind: ProviderChoice::OpenAi,
            url: "http://127.0.0.1:9/v1".into(),
            model: "m".into(),
            key: Some("sk-secret".into()),
        })
        .await
        .expect_err("a key is refused");
    assert!(e.message.contains("not taken over the host's socket") && !e.message.contains("sk-secret"), "{e:?}");
    // A new contact is saved as typed; an existing one is not overwritten directly.
    let c = client
        .call(&ContactAddArgs { name: "Dora".into(), address: crate::support::OUTSIDER.into() })
        .await
        .expect("saved");
    assert_eq!(c.name, "dora");
    let e = client
        .call(&ContactAddArgs { name: "dora".into(), address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8".into() })
        .await
        .expect_err("a change of address is a plan");
    assert!(e.message.contains("is a plan"), "{e:?}");
    assert_eq!(served.engine.contacts().expect("contacts")[0].address.to_string(), crate::support::OUTSIDER);
    // A new password is checked; a wrong current one changes nothing.
    let e = client
        .call(&WalletChangePasswordArgs { password: crate::support::PASSWORD.into(), new_password: "short".into() })
        .await
        .expect_err("too short");
    assert!(e.message.contains("at least 8"), "{e:?}");
    client
        .call(&WalletChangePasswordArgs { password: "wrong one".into(), new_password: "long enough".into() })
        .await
        .expect_err("wrong password");
    served.engine.unlock(crate::support::PASSWORD.as_bytes()).await.expect("the old password still works");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_idle_too_long_sees_a_lost_connection_and_reconnects() {
    let idle = std::time::Duration::from_millis(500);
    let served = Served::with(&[], false, Some(idle)).await;
    let mut client = served.client().await.with_client("mcp");
    client.call(&AppInfoArgs {}).await.expect("first call");
    tokio::time::sleep(idle * 3).await;
    // The host dropped the idle connection: the next call says so, nothing half done.
    let e = client.call(&AppInfoArgs {}).await.expect_err("dropped while idle");
    assert_eq!(e.code, ErrorCode::Unreachable, "{e:?}");
    assert!(client.lost());
    // What `sonic mcp` and the CLI do then (`Backend::call`): connect again and ask again.
    assert!(client.reconnect().await);
    client.call(&AppInfoArgs {}).await.expect("served again");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_follow_streams_the_bus_until_the_client_goes() {
    let served = Served::new(false).await;
    // A wrong token follows nothing: refused and closed, as any other request.
    let req = json!({"v":1,"token":"0".repeat(64),"id":3,"command":"events_follow","args":{}});
    let (answer, s) = raw(&served, format!("{req}\n").as_bytes());
    assert_eq!(answer["err"]["message"], "wrong or missing host token");
    assert!(closed(s));

    let mut events = served.client().await.follow().await.expect("follow");
    // A plan another client proposes reaches the follower as the engine's own event.
    let mut other = served.client().await.with_client("mcp");
    let plan = other
        .call(&sonic_types::host::SendRequestArgs {
            from: None,
            to: "0x000000000000000000000000000000000000dEaD".into(),
            amount: "1".into(),
            token: None,
        })
        .await
        .expect("plan");
    let seen = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        loop {
            if let sonic_types::Event::PlanProposed { plan: p } = events.next().await.expect("event") {
                return p;
            }
        }
    })
    .await
    .expect("the proposal is streamed");
    assert_eq!((seen.id, seen.origin.as_deref()), (plan.id, Some("mcp")));
    // Without a host, there is nothing to follow: the table refuses it.
    let e = sonic_host::call_local(&served.engine, "cli", &sonic_types::host::EventsFollowArgs {})
        .await
        .expect_err("socket only");
    assert!(e.message.contains("served on the host's socket only"), "{e:?}");
    // The follower leaves; the host goes on serving.
    drop(events);
    other.call(&AppInfoArgs {}).await.expect("still serving");
}
