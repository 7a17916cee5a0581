//! The engine behind a node that lies: an `eth_blockNumber` of 2^64 - 1 must neither
//! crash the engine (no arithmetic on the node's number without a check) nor become
//! the starting point of a new index.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{TcpListener, TcpStream},
    thread,
};

use alloy::{
    network::EthereumWallet,
    primitives::U256,
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use serde_json::{json, Value};

use crate::support::{anvil, engine};

/// Forwards JSON-RPC to `upstream` (host:port), except `eth_blockNumber`, answered
/// with 2^64 - 1.
fn absurd_head_proxy(upstream: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut client) = stream else { continue };
            let upstream = upstream.clone();
            thread::spawn(move || {
                let mut reader = BufReader::new(client.try_clone().expect("clone"));
                let mut head = String::new();
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if let Some(v) = line.to_lowercase().strip_prefix("content-length:") {
                        len = v.trim().parse().unwrap_or(0);
                    }
                    if line.trim().is_empty() {
                        break;
                    }
                    if !line.to_lowercase().starts_with("connection:") {
                        head.push_str(&line);
                    }
                }
                let mut body = vec![0; len];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                let answer = if request["method"] == "eth_blockNumber" {
                    json!({"jsonrpc": "2.0", "id": request["id"], "result": "0xffffffffffffffff"}).to_string()
                } else {
                    let Ok(mut up) = TcpStream::connect(&upstream) else { return };
                    let _ = write!(up, "{head}connection: close\r\n\r\n");
                    let _ = up.write_all(&body);
                    let mut resp = Vec::new();
                    let _ = up.read_to_end(&mut resp);
                    let _ = client.write_all(&resp);
                    return;
                };
                let _ = write!(
                    client,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread")]
async fn an_absurd_head_neither_crashes_nor_starts_the_index() {
    let node = anvil(&[]);
    let proxy = absurd_head_proxy(node.endpoint().trim_start_matches("http://").to_string());
    let (e, _d) = engine(&proxy, 1).await;
    let real = ProviderBuilder::new().connect_http(node.endpoint_url());
    let head = real.get_block_number().await.expect("head");
    e.watch(None, true, std::future::pending()).await.expect("a new index behind a lying node");
    assert_eq!(e.store().cursor(31337).expect("cursor"), Some(head), "the index starts at the real head");

    // A payment after that is indexed on the next run.
    let me = e.resolve_account(None).await.expect("account").address;
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let sent =
        p.send_transaction(TransactionRequest::default().to(me).value(U256::from(4_321u64))).await.expect("send");
    let receipt = sent.get_receipt().await.expect("mined");
    e.watch(None, true, std::future::pending()).await.expect("second run");
    let rec = e.store().tx(&receipt.transaction_hash.to_string()).expect("get").expect("indexed");
    assert_eq!(rec.raw, U256::from(4_321u64));
}
