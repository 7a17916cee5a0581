//! A proxy between the watcher and anvil that drops connections, delays, answers 429
//! and 500, and returns garbage: the watcher must neither crash nor record anything
//! wrong, and must end with the same index as over a clean connection.

use std::{
    sync::atomic::{AtomicUsize, Ordering},
    sync::Arc,
    time::Duration,
};

use sonic_store::Store;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

use crate::support::{accounts, anvil, pay, snapshot, token, token_transfer, watcher};

async fn read_request(s: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = s.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = s.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(buf);
        }
    }
}

fn reply(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Forwards every request to `upstream`, except one in three, which gets a fault.
async fn faulty_proxy(upstream: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let counter = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        loop {
            let Ok((mut client, _)) = listener.accept().await else { continue };
            let upstream = upstream.clone();
            let n = counter.fetch_add(1, Ordering::Relaxed);
            tokio::spawn(async move {
                let Some(req) = read_request(&mut client).await else { return };
                match n % 9 {
                    0 => return, // connection dropped without an answer
                    3 => {
                        let _ = client.write_all(&reply("429 Too Many Requests", r#"{"error":"rate limited"}"#)).await;
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
                let addr = upstream.trim_start_matches("http://").to_string();
                let Ok(mut up) = TcpStream::connect(addr).await else { return };
                let text = String::from_utf8_lossy(&req).replace("\r\n\r\n", "\r\nconnection: close\r\n\r\n");
                if up.write_all(text.as_bytes()).await.is_err() {
                    return;
                }
                let mut resp = Vec::new();
                let _ = up.read_to_end(&mut resp).await;
                let _ = client.write_all(&resp).await;
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

    let proxy = faulty_proxy(node.endpoint()).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let w = watcher(&proxy, &store, me, vec![tusd], 2);
    w.start_at(0).expect("start");
    w.sync_to(head, false).await.expect("sync through faults");
    assert_eq!(snapshot(&store), snapshot(&clean), "same records through a faulty RPC");
    assert!(snapshot(&store).len() >= 19);
}
