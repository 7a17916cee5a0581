//! Backfill from an Etherscan-compatible explorer (a local server speaking the v2
//! `account/txlist` and `account/tokentx` format), on a chain with Sonic testnet's id:
//! the records equal those an RPC scan of the same chain writes; a row the chain does
//! not confirm is not history (and does not make a payee known); the chain's values
//! win over the explorer's; an explorer that never stops paging is cut off.

use sonic_types::Event;
use std::{
    io::{BufRead, BufReader, Write},
    net::TcpListener,
    sync::{Arc, Mutex},
    thread,
    time::Duration,
};

use alloy::{
    consensus::Transaction as _,
    network::EthereumWallet,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use serde_json::{json, Value};
use sonic_engine::{AmountSpec, Config, Engine, HistoryFilter, KdfParams, SendRequest};
use sonic_testkit::TestToken;
use sonic_types::dto::Risk;

use crate::support::{anvil, MNEMONIC, OUTSIDER};

/// Serves `txlist` and `tokentx` answers; records the query strings.
fn explorer(txlist: Value, tokentx: Value) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/v2/api", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let _ = BufReader::new(stream.try_clone().expect("clone")).read_line(&mut line);
            log.lock().expect("lock").push(line.clone());
            let result = if line.contains("action=tokentx") { tokentx.clone() } else { txlist.clone() };
            let body = if result.as_array().is_some_and(|a| a.is_empty()) {
                json!({"status": "0", "message": "No transactions found", "result": []})
            } else {
                json!({"status": "1", "message": "OK", "result": result})
            }
            .to_string();
            let _ = write!(stream, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
        }
    });
    (url, seen)
}

async fn engine_on(dir: &std::path::Path, network: &str, rpc: &str) -> Engine {
    let e = Engine::open(Config {
        data_dir: dir.into(),
        network: Some(network.into()),
        rpc: Some(rpc.into()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    e.import_mnemonic(b"pw", MNEMONIC, "", 1).await.expect("import");
    e
}

#[tokio::test(flavor = "multi_thread")]
async fn explorer_backfill_equals_rpc_scan() {
    let node = anvil(&["--chain-id", "14601"]);
    let me = node.addresses()[0];
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let token = TestToken::deploy(&p, "T".into(), "TT".into(), 18).await.expect("deploy");
    token.mint(node.addresses()[1], U256::from(1000u64)).send().await.expect("mint").watch().await.expect("mined");
    let native = p.send_transaction(TransactionRequest::default().to(me).value(U256::from(77u64))).await.expect("send");
    let native = native.get_receipt().await.expect("receipt");
    let tok =
        token.transfer(me, U256::from(9u64)).send().await.expect("transfer").get_receipt().await.expect("receipt");

    // The explorer's rows, in Etherscan's format, from the real transactions.
    let row = |hash: alloy::primitives::B256,
               block: u64,
               from: Address,
               to: Address,
               value: U256,
               extra: Value|
     -> Value {
        let mut v = json!({"blockNumber": block.to_string(), "timeStamp": "1700000000", "hash": format!("{hash:#x}"),
            "nonce": "0", "from": format!("{from:#x}"), "to": format!("{to:#x}"), "value": value.to_string(),
            "isError": "0", "txreceipt_status": "1", "contractAddress": "", "gasUsed": "21000", "confirmations": "3"});
        if let (Value::Object(a), Value::Object(b)) = (&mut v, extra) {
            a.extend(b);
        }
        v
    };
    let tx = p.get_transaction_by_hash(native.transaction_hash).await.expect("rpc").expect("tx");
    let txlist = json!([row(
        native.transaction_hash,
        native.block_number.expect("b"),
        node.addresses()[1],
        me,
        U256::from(77u64),
        json!({"nonce": tx.nonce().to_string()})
    )]);
    let tokentx = json!([row(
        tok.transaction_hash,
        tok.block_number.expect("b"),
        node.addresses()[1],
        me,
        U256::from(9u64),
        json!({"contractAddress": format!("{:#x}", token.address()), "tokenSymbol": "TT", "tokenDecimal": "18"})
    )]);
    let (url, seen) = explorer(txlist, tokentx);

    let dir = tempfile::tempdir().expect("tempdir");
    let e = engine_on(&dir.path().join("a"), "testnet", &node.endpoint()).await;
    e.add_token(&token.address().to_checksum(None)).await.expect("token");
    e.set_explorer(Some(&url), Some("KEY123")).await.expect("explorer");
    e.watch(None, true, std::future::pending()).await.expect("backfill");
    let queries = seen.lock().expect("lock").clone();
    assert!(
        queries
            .iter()
            .any(|q| q.contains("chainid=14601") && q.contains("action=txlist") && q.contains("apikey=KEY123")),
        "{queries:?}"
    );
    let chain = e.store().txs_on_chain(14601).expect("records");

    // The same chain scanned over RPC by another engine.
    let r = engine_on(&dir.path().join("b"), "testnet", &node.endpoint()).await;
    r.add_token(&token.address().to_checksum(None)).await.expect("token");
    r.watch(Some(0), true, std::future::pending()).await.expect("rpc scan");
    let scanned = r.store().txs_on_chain(14601).expect("records");
    let key = |v: &Vec<sonic_types::dto::TxRecord>| {
        let mut k: Vec<_> =
            v.iter().filter(|t| !t.untrusted).map(|t| (t.id(), t.block, t.raw, t.asset.clone())).collect();
        k.sort();
        k
    };
    assert_eq!(key(&chain), key(&scanned), "explorer and RPC scan agree");
    assert_eq!(key(&chain).len(), 2);
}

/// An Etherscan row from `from` to `to` (no token fields).
fn plain_row(hash: &str, block: u64, from: Address, to: Address, value: U256) -> Value {
    json!({"blockNumber": block.to_string(), "timeStamp": "1700000000", "hash": hash, "nonce": "0",
        "from": format!("{from:#x}"), "to": format!("{to:#x}"), "value": value.to_string(), "isError": "0",
        "txreceipt_status": "1", "contractAddress": "", "gasUsed": "21000", "confirmations": "3"})
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fake_outgoing_row_is_not_history_and_keeps_the_first_payment_risk() {
    let node = anvil(&["--chain-id", "14601"]);
    let me = node.addresses()[0];
    let bob: Address = OUTSIDER.parse().expect("bob");
    // An outgoing payment to bob that never happened on chain.
    let fake = format!("0x{}", "ab".repeat(32));
    let txlist = json!([plain_row(&fake, 1, me, bob, U256::from(10u64).pow(U256::from(18u8)))]);
    let (url, _) = explorer(txlist, json!([]));
    let dir = tempfile::tempdir().expect("tempdir");
    let e = engine_on(dir.path(), "testnet", &node.endpoint()).await;
    e.set_explorer(Some(&url), Some("KEY")).await.expect("explorer");
    e.watch(None, true, std::future::pending()).await.expect("backfill");
    let plan = e
        .plan_send(SendRequest {
            from: None,
            to: OUTSIDER.into(),
            amount: AmountSpec::parse("1").expect("amount"),
            asset: None,
        })
        .await
        .expect("plan");
    assert!(plan.risks.contains(&Risk::FirstPayment), "{:?}", plan.risks);
    assert_eq!(e.store().tx(&fake).expect("get"), None, "a row the chain does not know is dropped");
    let out = e
        .history(&HistoryFilter { direction: Some("out".into()), include_untrusted: true, ..Default::default() })
        .await
        .expect("history");
    assert!(out.is_empty(), "{out:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn explorer_rows_take_the_chains_values() {
    let node = anvil(&["--chain-id", "14601"]);
    let me = node.addresses()[0];
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let sent = p.send_transaction(TransactionRequest::default().to(me).value(U256::from(77u64))).await.expect("send");
    let receipt = sent.get_receipt().await.expect("receipt");
    let hash = format!("{:#x}", receipt.transaction_hash);
    // The explorer inflates the amount, names another sender and another block.
    let bob: Address = OUTSIDER.parse().expect("bob");
    let txlist = json!([plain_row(&hash, 1, bob, me, U256::from(77_000_000u64))]);
    let (url, _) = explorer(txlist, json!([]));
    let dir = tempfile::tempdir().expect("tempdir");
    let e = engine_on(dir.path(), "testnet", &node.endpoint()).await;
    e.set_explorer(Some(&url), Some("KEY")).await.expect("explorer");
    e.watch(None, true, std::future::pending()).await.expect("backfill");
    let rec = e.store().tx(&hash).expect("get").expect("the real transaction is recorded");
    assert_eq!(
        (rec.raw, rec.from, rec.block),
        (U256::from(77u64), node.addresses()[1], receipt.block_number),
        "the chain's values, not the explorer's"
    );
}

/// An explorer that always answers a full page of rows no chain knows; counts requests.
fn endless_explorer(me: Address) -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/v2/api", listener.local_addr().expect("addr"));
    let count = Arc::new(Mutex::new(0usize));
    let seen = count.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let _ = BufReader::new(stream.try_clone().expect("clone")).read_line(&mut line);
            let n = {
                let mut c = seen.lock().expect("lock");
                *c += 1;
                *c
            };
            let rows: Vec<Value> = (0..1000u64)
                .map(|i| {
                    let hash = format!("0x{:032x}{:032x}", n, i);
                    plain_row(&hash, 1, Address::repeat_byte(7), me, U256::from(1u8))
                })
                .collect();
            let body = json!({"status": "1", "message": "OK", "result": rows}).to_string();
            let _ = write!(stream, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
        }
    });
    (url, count)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_explorer_that_never_ends_is_bounded() {
    let node = anvil(&["--chain-id", "14601"]);
    let (url, requests) = endless_explorer(node.addresses()[0]);
    let dir = tempfile::tempdir().expect("tempdir");
    let e = engine_on(dir.path(), "testnet", &node.endpoint()).await;
    e.set_explorer(Some(&url), Some("KEY")).await.expect("explorer");
    let done = tokio::time::timeout(Duration::from_secs(90), e.watch(None, true, std::future::pending())).await;
    let pages = *requests.lock().expect("lock");
    assert!(done.is_ok(), "the backfill ended ({pages} pages asked)");
    assert!(pages <= 2 * 10, "at most 10 pages per list, {pages} asked");
    assert!(e.store().txs_on_chain(14601).expect("records").is_empty(), "none of those rows is on chain");
}

/// An explorer set after the index began fills in what came before it: the payment
/// from before the wallet is added, the one the index holds is left as it is, the
/// cursor stays, and a second fill-in adds nothing.
#[tokio::test(flavor = "multi_thread")]
async fn an_explorer_set_later_fills_in_the_history_before_the_index() {
    let node = anvil(&["--chain-id", "14601"]);
    let me = node.addresses()[0];
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let payer = key.address();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let pay = async |wei: u64| {
        let r = p.send_transaction(TransactionRequest::default().to(me).value(U256::from(wei))).await.expect("send");
        r.get_receipt().await.expect("receipt")
    };
    let before = pay(77).await;
    // Block times are whole seconds: the wallet comes in a later one.
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let e = engine_on(dir.path(), "testnet", &node.endpoint()).await;
    e.watch(None, true, std::future::pending()).await.expect("index");
    let after = pay(88).await;
    e.watch(None, true, std::future::pending()).await.expect("index");
    let cursor = e.store().cursor(14601).expect("cursor");
    let hashes =
        |e: &Engine| e.store().txs_on_chain(14601).expect("records").into_iter().map(|t| t.hash).collect::<Vec<_>>();
    assert_eq!(hashes(&e), [after.transaction_hash.to_string()], "the index began after the first payment");

    let row = |r: &alloy::rpc::types::TransactionReceipt, wei: u64, nonce: u64| {
        json!({"blockNumber": r.block_number.expect("b").to_string(), "timeStamp": "1700000000",
            "hash": format!("{:#x}", r.transaction_hash), "nonce": nonce.to_string(), "from": format!("{payer:#x}"),
            "to": format!("{me:#x}"), "value": wei.to_string(), "isError": "0", "txreceipt_status": "1",
            "contractAddress": "", "gasUsed": "21000", "confirmations": "3"})
    };
    let (url, _) = explorer(json!([row(&before, 77, 0), row(&after, 88, 1)]), json!([]));
    e.set_explorer(Some(&url), Some("KEY123")).await.expect("explorer");
    assert_eq!(e.backfill_history().await.expect("fill in"), 1, "only what the index did not hold");
    let mut all = hashes(&e);
    all.sort();
    let mut want = vec![before.transaction_hash.to_string(), after.transaction_hash.to_string()];
    want.sort();
    assert_eq!(all, want);
    assert_eq!(e.store().cursor(14601).expect("cursor"), cursor, "the cursor stays");
    assert_eq!(e.backfill_history().await.expect("again"), 0, "nothing twice");
}

/// An account imported while the watcher runs, with an explorer set, gets its past
/// filled in: a payment it received before it was in the wallet shows in its history.
#[tokio::test(flavor = "multi_thread")]
async fn an_imported_account_gets_its_past_from_the_explorer() {
    let node = anvil(&["--chain-id", "14601"]);
    let newcomer = node.addresses()[3];
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let payer = key.address();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let tx = TransactionRequest::default().to(newcomer).value(U256::from(333u64));
    let paid = p.send_transaction(tx).await.expect("send").get_receipt().await.expect("receipt");
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let row = json!([{"blockNumber": paid.block_number.expect("b").to_string(), "timeStamp": "1700000000",
        "hash": format!("{:#x}", paid.transaction_hash), "nonce": "0", "from": format!("{payer:#x}"),
        "to": format!("{newcomer:#x}"), "value": "333", "isError": "0", "txreceipt_status": "1",
        "contractAddress": "", "gasUsed": "21000", "confirmations": "3"}]);
    let (url, _) = explorer(row, json!([]));

    let dir = tempfile::tempdir().expect("tempdir");
    let e = Arc::new(engine_on(dir.path(), "testnet", &node.endpoint()).await);
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let task = {
        let e = e.clone();
        tokio::spawn(async move {
            e.watch(None, false, async {
                let _ = stop_rx.await;
            })
            .await
        })
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while e.store().cursor(14601).expect("cursor").is_none() {
        assert!(tokio::time::Instant::now() < deadline, "the watcher started");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    e.set_explorer(Some(&url), Some("KEY123")).await.expect("explorer");
    let mut events = e.bus().subscribe();
    let hex = alloy::hex::encode(node.keys()[3].to_bytes());
    e.import_private_key(b"pw", &hex).await.expect("import");
    let hash = paid.transaction_hash.to_string();
    loop {
        let records = e.store().txs_for(&newcomer).expect("records");
        if records.iter().any(|t| t.hash == hash) {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the newcomer's past payment was filled in: {records:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The app's lists hear of it (the event the webview refreshes on).
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        match tokio::time::timeout(left, events.recv()).await {
            Ok(Ok(Event::HistoryFilledIn { records })) => {
                assert_eq!(records, 1);
                break;
            }
            Ok(Ok(_)) | Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => {}
            other => panic!("no HistoryFilledIn event: {other:?}"),
        }
    }
    let _ = stop_tx.send(());
    task.await.expect("join").expect("watch");
}
