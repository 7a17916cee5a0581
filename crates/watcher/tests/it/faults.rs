//! A proxy between the watcher and anvil that drops connections, delays, answers 429
//! and 500, returns garbage, and lies in well-formed answers (null blocks and receipts
//! from a lagging backend, an absurd head, wrong block numbers and hashes): the watcher
//! must neither crash nor record anything wrong, and must end with the same index as
//! over a clean connection.

use std::{
    sync::atomic::{AtomicUsize, Ordering},
    sync::Arc,
    time::Duration,
};

use alloy::{
    primitives::Address,
    providers::{Provider, ProviderBuilder},
    transports::http::reqwest,
};
use serde_json::{json, Value};
use sonic_store::Store;
use sonic_types::dto::TokenInfo;
use tokio::{io::AsyncWriteExt, net::TcpListener};

use crate::support::{accounts, anvil, pay, snapshot, token, token_transfer, token_transfer_reverting, watcher, Row};

fn reply(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// What the proxy does wrong. Transport faults hit one request in three; the hostile
/// answers are well-formed JSON-RPC replies with lying contents, as a broken node or a
/// load balancer in front of a lagging backend gives.
#[derive(Debug, Clone, Default)]
pub(crate) struct Faults {
    /// Drops, 429, 500, garbage bodies and delays.
    pub(crate) transport: bool,
    /// The first N block requests answer `null` for their last block, as a backend a
    /// block behind does.
    pub(crate) null_blocks: usize,
    /// `eth_blockNumber` answers 2^64 - 1.
    pub(crate) absurd_head: bool,
    /// The first N block batches from block 5 on carry a wrong number (zero, below
    /// the range), hash or parent hash on their last block.
    pub(crate) garbage_blocks: usize,
    /// The first N receipt requests answer `null`.
    pub(crate) null_receipts: usize,
}

#[derive(Default)]
struct Counters {
    requests: AtomicUsize,
    block_requests: AtomicUsize,
    block_batches: AtomicUsize,
    receipt_requests: AtomicUsize,
}

fn hex_u64(v: &Value) -> Option<u64> {
    u64::from_str_radix(v.as_str()?.trim_start_matches("0x"), 16).ok()
}

/// Rewrites the upstream's answer to `request` as `faults` says.
fn rewrite(request: &Value, answer: &mut Value, faults: &Faults, c: &Counters) {
    let calls: Vec<&Value> = match request {
        Value::Array(a) => a.iter().collect(),
        one => vec![one],
    };
    let method = |id: &Value| calls.iter().find(|c| c["id"] == *id).and_then(|c| c["method"].as_str());
    let methods: Vec<&str> = calls.iter().filter_map(|c| c["method"].as_str()).collect();
    let null_blocks = methods.contains(&"eth_getBlockByNumber")
        && c.block_requests.fetch_add(1, Ordering::Relaxed) < faults.null_blocks;
    let batch = request.is_array() && methods.contains(&"eth_getBlockByNumber");
    let null_receipts = methods.contains(&"eth_getTransactionReceipt")
        && c.receipt_requests.fetch_add(1, Ordering::Relaxed) < faults.null_receipts;
    let answers: Vec<&mut Value> = match answer {
        Value::Array(a) => a.iter_mut().collect(),
        one => vec![one],
    };
    let mut last_block: Option<&mut Value> = None;
    for a in answers {
        match method(&a["id"]) {
            Some("eth_blockNumber") if faults.absurd_head => a["result"] = json!("0xffffffffffffffff"),
            Some("eth_getBlockByNumber") => {
                let newer = |b: &Option<&mut Value>| {
                    b.as_ref().is_none_or(|b| hex_u64(&b["result"]["number"]) < hex_u64(&a["result"]["number"]))
                };
                if a["result"].is_object() && newer(&last_block) {
                    last_block = Some(a);
                }
            }
            Some("eth_getTransactionReceipt") if null_receipts => a["result"] = Value::Null,
            _ => {}
        }
    }
    let Some(b) = last_block else { return };
    if null_blocks {
        b["result"] = Value::Null;
        return;
    }
    // Past the first blocks (so that earlier ranges are indexed first), which field
    // lies depends on the block, so that runs are alike.
    let number = hex_u64(&b["result"]["number"]).unwrap_or_default();
    if batch && number >= 5 && c.block_batches.fetch_add(1, Ordering::Relaxed) < faults.garbage_blocks {
        match number / 2 % 3 {
            // Below the range: an unchecked `number + 1 - start` underflows.
            0 => b["result"]["number"] = json!("0x0"),
            1 => b["result"]["hash"] = json!(format!("0x{}", "11".repeat(32))),
            _ => b["result"]["parentHash"] = json!(format!("0x{}", "22".repeat(32))),
        }
    }
}

/// Forwards every request to `upstream` and misbehaves as `faults` says.
pub(crate) async fn faulty_proxy(upstream: String, faults: Faults) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let counters = Arc::new(Counters::default());
    let http = reqwest::Client::new();
    tokio::spawn(async move {
        loop {
            let Ok((mut client, _)) = listener.accept().await else { continue };
            let (upstream, faults, c, http) = (upstream.clone(), faults.clone(), counters.clone(), http.clone());
            let n = c.requests.fetch_add(1, Ordering::Relaxed);
            tokio::spawn(async move {
                let Some((_, body)) = sonic_testkit::read_request(&mut client).await else { return };
                if faults.transport {
                    match n % 9 {
                        0 => return, // connection dropped without an answer
                        3 => {
                            let _ =
                                client.write_all(&reply("429 Too Many Requests", r#"{"error":"rate limited"}"#)).await;
                            return;
                        }
                        6 => {
                            let _ = client.write_all(&reply("500 Internal Server Error", "oops")).await;
                            return;
                        }
                        7 => {
                            // A well-formed HTTP answer with garbage inside.
                            let _ = client
                                .write_all(&reply("200 OK", r#"[{"jsonrpc":"2.0","id":0,"result":"0xnot-a-block"}]"#))
                                .await;
                            return;
                        }
                        4 => tokio::time::sleep(Duration::from_millis(300)).await,
                        _ => {}
                    }
                }
                let Ok(request) = serde_json::from_slice::<Value>(&body) else { return };
                let sent = http.post(&upstream).header("content-type", "application/json").body(body).send().await;
                let Ok(resp) = sent else { return };
                let Ok(mut answer) = resp.json::<Value>().await else { return };
                rewrite(&request, &mut answer, &faults, &c);
                let _ = client.write_all(&reply("200 OK", &answer.to_string())).await;
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread")]
async fn faults_do_not_crash_nor_corrupt_the_index() {
    let node = anvil(&[]);
    let (me, other) = accounts(&node);
    let tusd = token(&node).await;
    for i in 0..6u64 {
        pay(&node, 1, me, 1_000 + i).await;
        pay(&node, 0, other, 2_000 + i).await;
        token_transfer(&node, tusd.address, 1, me, 10 + i).await;
    }
    let clean_dir = tempfile::tempdir().expect("tempdir");
    let clean = Store::open(clean_dir.path()).expect("store");
    let w = watcher(&node.endpoint(), &clean, me, vec![tusd.clone()], 2);
    w.start_at(0).expect("start");
    let head = w.head().await.expect("head");
    w.sync_to(head, false).await.expect("clean sync");

    let proxy = faulty_proxy(node.endpoint(), Faults { transport: true, ..Faults::default() }).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = watcher(&proxy, &store, me, vec![tusd], 2);
    w.start_at(0).expect("start");
    w.sync_to(head, false).await.expect("sync through faults");
    assert_eq!(snapshot(&store), snapshot(&clean), "same records through a faulty RPC");
    assert!(snapshot(&store).len() >= 19);
}

/// A chain with transfers both ways in S and a token, and a reverted token transfer of
/// the watched account's (its success is only known from the receipt); returns the
/// watched account, the token, the head, and the index an honest RPC gives.
async fn history(node: &alloy::node_bindings::AnvilInstance) -> (Address, TokenInfo, u64, Vec<Row>) {
    let (me, other) = accounts(node);
    let tusd = token(node).await;
    for i in 0..4u64 {
        pay(node, 1, me, 1_000 + i).await;
        pay(node, 0, other, 2_000 + i).await;
        token_transfer(node, tusd.address, 1, me, 10 + i).await;
        token_transfer(node, tusd.address, 0, other, 20 + i).await;
    }
    token_transfer_reverting(node, tusd.address, 0, other).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let clean = Store::open(dir.path()).expect("store");
    let w = watcher(&node.endpoint(), &clean, me, vec![tusd.clone()], 2);
    w.start_at(0).expect("start");
    let head = w.head().await.expect("head");
    w.sync_to(head, false).await.expect("clean sync");
    let rows = snapshot(&clean);
    assert!(rows.iter().any(|r| r.7 == "Failed"), "the reverted transfer is indexed as failed");
    (me, tusd, head, rows)
}

/// Indexes the chain through a proxy with `faults`; returns the store's records and
/// cursor, and the block hash it stored for the head.
async fn index_through(
    node: &alloy::node_bindings::AnvilInstance,
    faults: Faults,
    me: Address,
    tusd: &TokenInfo,
    head: u64,
) -> (Vec<Row>, Option<u64>, Option<String>) {
    let proxy = faulty_proxy(node.endpoint(), faults).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = watcher(&proxy, &store, me, vec![tusd.clone()], 2);
    w.start_at(0).expect("start");
    w.sync_to(head, false).await.expect("sync through a hostile RPC");
    // A second pass checks that the head it stored is still canonical.
    w.sync_to(head, false).await.expect("second pass");
    (snapshot(&store), store.cursor(31337).expect("cursor"), store.block_hash(31337, head).expect("hash"))
}

async fn real_hash(node: &alloy::node_bindings::AnvilInstance, n: u64) -> String {
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let b = p.get_block_by_number(n.into()).await.expect("rpc").expect("block");
    b.header.hash.to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn null_blocks_from_a_lagging_backend_are_retried_never_skipped() {
    let node = anvil(&[]);
    let (me, tusd, head, clean) = history(&node).await;
    let (rows, cursor, hash) =
        index_through(&node, Faults { null_blocks: 12, ..Faults::default() }, me, &tusd, head).await;
    assert_eq!(rows, clean, "no block skipped");
    assert_eq!(cursor, Some(head));
    assert_eq!(hash, Some(real_hash(&node, head).await));
}

#[tokio::test(flavor = "multi_thread")]
async fn garbage_block_numbers_and_hashes_are_not_indexed() {
    let node = anvil(&[]);
    let (me, tusd, head, clean) = history(&node).await;
    let (rows, cursor, hash) =
        index_through(&node, Faults { garbage_blocks: 9, ..Faults::default() }, me, &tusd, head).await;
    assert_eq!(rows, clean, "the same records as over an honest RPC");
    assert_eq!(cursor, Some(head));
    assert_eq!(hash, Some(real_hash(&node, head).await));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_receipt_is_retried_not_taken_for_success() {
    let node = anvil(&[]);
    let (me, tusd, head, clean) = history(&node).await;
    let (rows, cursor, _) =
        index_through(&node, Faults { null_receipts: 12, ..Faults::default() }, me, &tusd, head).await;
    assert_eq!(rows, clean, "the reverted transfer stays failed");
    assert_eq!(cursor, Some(head));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_absurd_head_is_clamped_and_never_allocated_for() {
    let node = anvil(&[]);
    let (me, tusd, head, clean) = history(&node).await;
    let proxy = faulty_proxy(node.endpoint(), Faults { absurd_head: true, ..Faults::default() }).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = watcher(&proxy, &store, me, vec![tusd.clone()], 2);
    w.start_at(0).expect("start");
    let claimed = w.head().await.expect("head");
    assert_eq!(claimed, u64::MAX);
    // The blocks past the real head never come: the sync stops there with an error
    // naming the first missing block, having indexed everything before it.
    match w.sync_to(claimed, false).await {
        Err(sonic_watcher::Error::BlockUnavailable { block }) => assert_eq!(block, head + 1),
        other => panic!("expected BlockUnavailable, got {other:?}"),
    }
    assert_eq!(snapshot(&store), clean);
    assert_eq!(store.cursor(31337).expect("cursor"), Some(head), "the cursor stops at the last real block");
    // A verified head is the real one.
    assert_eq!(w.verified_head().await.expect("verified head"), head);
}

#[tokio::test(flavor = "multi_thread")]
async fn everything_at_once_still_gives_the_honest_index() {
    let node = anvil(&[]);
    let (me, tusd, head, clean) = history(&node).await;
    let faults = Faults { transport: true, null_blocks: 6, garbage_blocks: 6, null_receipts: 6, ..Faults::default() };
    let (rows, cursor, hash) = index_through(&node, faults, me, &tusd, head).await;
    assert_eq!(rows, clean);
    assert_eq!(cursor, Some(head));
    assert_eq!(hash, Some(real_hash(&node, head).await));
}

/// The pool's health is unknown until the node first answers: that first answer is
/// said ("online"), so a healthy start is not silence for the tray and the window.
#[tokio::test(flavor = "multi_thread")]
async fn the_first_answer_says_online() {
    let node = anvil(&[]);
    let bus = sonic_bus::Bus::new();
    let mut events = bus.subscribe();
    let pool = sonic_watcher::RpcPool::new("local", &[node.endpoint()], bus.clone()).expect("pool");
    let _: alloy::primitives::U64 = pool.call("eth_blockNumber", ()).await.expect("head");
    let _: alloy::primitives::U64 = pool.call("eth_blockNumber", ()).await.expect("head again");
    let mut said = Vec::new();
    while let Ok(ev) = events.try_recv() {
        if let sonic_types::Event::NetworkStatus { network, status } = ev {
            said.push((network, status));
        }
    }
    assert_eq!(said, [("local".to_string(), sonic_types::event::NetStatus::Online)], "said once, on the first answer");
}
