//! The harness the watcher and explorer fuzz targets share: a fake Ethereum node and
//! Etherscan v2 API on loopback that answer with what the target sets, and one store,
//! watcher and explorer per fuzzing process, so that each run goes through the
//! watcher's real RPC decoding, indexing, pending checks and explorer backfill.
//!
//! The runtime's clock is paused, so the watcher's retries and backoff (a minute of
//! waiting for a bad reply) take no real time; a real hang is reported by libFuzzer's
//! `-timeout`.

use std::{
    collections::HashMap,
    future::Future,
    path::PathBuf,
    sync::{Arc, Mutex, OnceLock},
};

use alloy::primitives::{address, Address};
use sonic_bus::Bus;
use sonic_store::Store;
use sonic_types::dto::TokenInfo;
use sonic_watcher::{explorer::Explorer, Watcher, WatcherConfig};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    runtime::Runtime,
};

/// The chain id the fake node pretends to be (the local network's).
pub const CHAIN_ID: u64 = 31337;
/// The watched account (anvil's first), as in the seed blocks.
pub const WATCHED: Address = address!("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
/// The other party of the seed transfers (anvil's second).
pub const OTHER: Address = address!("70997970c51812dc3a010c7d01b50e0d17dc79c8");
/// The registered test token of the seed chain.
pub const TOKEN: Address = address!("8464135c8f25da09e49bc8782676a84730c318bc");

/// Seven blocks of a local chain (anvil, made as `seeds/README.md` says): a
/// token deployment, a mint, token transfers (one reverted) and plain payments.
pub const SEED_BLOCKS: [&str; 7] = [
    include_str!("../seeds/chain/block1.json"),
    include_str!("../seeds/chain/block2.json"),
    include_str!("../seeds/chain/block3.json"),
    include_str!("../seeds/chain/block4.json"),
    include_str!("../seeds/chain/block5.json"),
    include_str!("../seeds/chain/block6.json"),
    include_str!("../seeds/chain/block7.json"),
];
/// The receipt of a token transfer to [`WATCHED`] in the seed chain.
pub const SEED_RECEIPT: &str = include_str!("../seeds/chain/receipt_transfer.json");
/// Every receipt of the seed chain.
pub const SEED_RECEIPTS: [&str; 7] = [
    include_str!("../seeds/chain/receipt_deploy.json"),
    include_str!("../seeds/chain/receipt_mint.json"),
    include_str!("../seeds/chain/receipt_transfer.json"),
    include_str!("../seeds/chain/receipt_pay.json"),
    include_str!("../seeds/chain/receipt_pay2.json"),
    include_str!("../seeds/chain/receipt_revert.json"),
    include_str!("../seeds/chain/receipt_legacy.json"),
];
/// The Transfer logs of the seed chain.
pub const SEED_LOGS: &str = include_str!("../seeds/chain/logs_all.json");

/// What the fake node and explorer answer during one run. Values are raw JSON.
#[derive(Debug, Clone)]
pub struct Replies {
    /// `eth_getBlockByNumber` results for blocks 1, 2, ... (`null` past the end).
    pub blocks: Vec<String>,
    /// The `eth_getLogs` result.
    pub logs: String,
    /// The `eth_getTransactionReceipt` result whatever the hash; `None`: the seed
    /// chain's receipt of that hash, or `null`.
    pub receipt: Option<String>,
    /// The explorer's reply body to the first page of `txlist` and of `tokentx` (the
    /// next pages are empty).
    pub explorer: String,
}

impl Default for Replies {
    /// The seed chain, and an explorer that knows no transaction.
    fn default() -> Self {
        Self {
            blocks: SEED_BLOCKS.iter().map(|b| b.to_string()).collect(),
            logs: SEED_LOGS.into(),
            receipt: None,
            explorer: NO_TRANSACTIONS.into(),
        }
    }
}

const NO_TRANSACTIONS: &str = r#"{"status":"0","message":"No transactions found","result":[]}"#;

/// The seed chain's receipts and transactions by hash (lowercase), as raw JSON.
struct ChainIndex {
    receipts: HashMap<String, String>,
    transactions: HashMap<String, String>,
}

impl ChainIndex {
    fn new() -> Self {
        let hash_of = |v: &serde_json::Value, k: &str| v.get(k).and_then(|h| h.as_str()).map(str::to_lowercase);
        let mut receipts = HashMap::new();
        for r in SEED_RECEIPTS {
            let v: serde_json::Value = serde_json::from_str(r).expect("seed receipt");
            receipts.insert(hash_of(&v, "transactionHash").expect("receipt hash"), r.trim().to_string());
        }
        let mut transactions = HashMap::new();
        for b in SEED_BLOCKS {
            let v: serde_json::Value = serde_json::from_str(b).expect("seed block");
            for tx in v.get("transactions").and_then(|t| t.as_array()).into_iter().flatten() {
                transactions.insert(hash_of(tx, "hash").expect("tx hash"), tx.to_string());
            }
        }
        Self { receipts, transactions }
    }
}

/// One fuzzing process's node, store, watcher and explorer.
pub struct Harness {
    rt: Runtime,
    served: Arc<Mutex<Replies>>,
    store: Store,
    watcher: Watcher,
    explorer: Explorer,
}

/// The process's harness, made on first use.
pub fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(Harness::new)
}

fn chain() -> &'static ChainIndex {
    static C: OnceLock<ChainIndex> = OnceLock::new();
    C.get_or_init(ChainIndex::new)
}

fn lock(m: &Mutex<Replies>) -> std::sync::MutexGuard<'_, Replies> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Harness {
    fn new() -> Self {
        // Any failure here is a broken harness, not a finding: fail loudly at once.
        // The clock is paused: the watcher's waits (retry backoff, stalls) pass at
        // once whenever nothing else is ready, so a run costs CPU time only.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .expect("tokio runtime");
        let served = Arc::new(Mutex::new(Replies::default()));
        let listener = rt.block_on(TcpListener::bind("127.0.0.1:0")).expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        rt.spawn(serve(listener, served.clone()));
        let dir = scratch().join(format!("store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir).expect("store");
        let token = TokenInfo { address: TOKEN, symbol: "TUSD".into(), decimals: 6 };
        let mut cfg =
            WatcherConfig::new("local", CHAIN_ID, vec![format!("http://127.0.0.1:{port}")], vec![WATCHED], vec![token]);
        cfg.batch_blocks = 4;
        cfg.concurrency = 2;
        let watcher = Watcher::new(cfg, store.clone(), Bus::new()).expect("watcher");
        let explorer = Explorer::new(&format!("http://127.0.0.1:{port}/api"), "fuzz").expect("explorer");
        Self { rt, served, store, watcher, explorer }
    }

    /// The store the watcher writes.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The watcher, configured for [`CHAIN_ID`], watching [`WATCHED`].
    pub fn watcher(&self) -> &Watcher {
        &self.watcher
    }

    /// The explorer client, pointed at the fake explorer.
    pub fn explorer(&self) -> &Explorer {
        &self.explorer
    }

    /// Forgets everything indexed, and sets what the node answers next.
    pub fn reset(&self, replies: Replies) {
        *lock(&self.served) = replies;
        // Block 0 is never indexed: rolling back to it empties the chain's index.
        self.store.rollback(CHAIN_ID, 0).expect("reset the store");
    }

    /// Runs `f` against the fake node, on the paused clock. With `SONIC_FUZZ_VERBOSE`
    /// set, prints what the run left in the store (to check that seeds get indexed).
    pub fn run<F: Future>(&'static self, f: impl FnOnce(&'static Harness) -> F) -> F::Output
    where
        F::Output: std::fmt::Debug,
    {
        let out = self.rt.block_on(f(self));
        static VERBOSE: OnceLock<bool> = OnceLock::new();
        if *VERBOSE.get_or_init(|| std::env::var_os("SONIC_FUZZ_VERBOSE").is_some()) {
            let records = self.store.txs_on_chain(CHAIN_ID).map(|r| r.len());
            let pending = self.store.txs_for(&WATCHED).map(|r| r.iter().map(|t| t.state).collect::<Vec<_>>());
            eprintln!(
                "run: {out:?}; cursor {:?}; records {records:?}; watched states {pending:?}",
                self.store.cursor(CHAIN_ID)
            );
        }
        out
    }
}

/// Where the targets keep their files: `$SONIC_FUZZ_TMP` (set and removed by
/// `tests/fuzz/run`), else tmpfs (the store flushes on rollbacks and pending updates).
pub fn scratch() -> PathBuf {
    match std::env::var_os("SONIC_FUZZ_TMP") {
        Some(d) => PathBuf::from(d),
        None if std::path::Path::new("/dev/shm").is_dir() => PathBuf::from("/dev/shm/sonic-fuzz"),
        None => std::env::temp_dir().join("sonic-fuzz"),
    }
}

async fn serve(listener: TcpListener, served: Arc<Mutex<Replies>>) {
    while let Ok((conn, _)) = listener.accept().await {
        tokio::spawn(connection(conn, served.clone()));
    }
}

/// One HTTP/1.1 keep-alive connection: POSTs are JSON-RPC, GETs the explorer.
async fn connection(mut conn: TcpStream, served: Arc<Mutex<Replies>>) {
    let mut buf = Vec::new();
    loop {
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 8192];
            match conn.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let length = head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        while buf.len() < head_end + length {
            let mut chunk = [0u8; 8192];
            match conn.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let body: Vec<u8> = buf.drain(..head_end + length).skip(head_end).collect();
        let request_line = head.lines().next().unwrap_or_default().to_string();
        let reply = if request_line.starts_with("GET ") {
            explorer_reply(&request_line, &served)
        } else {
            rpc_reply(&body, &served)
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{reply}",
            reply.len()
        );
        if conn.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn explorer_reply(request_line: &str, served: &Mutex<Replies>) -> String {
    let target = request_line.split(' ').nth(1).unwrap_or_default();
    let query: HashMap<&str, &str> = target
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default()
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .collect();
    if query.get("page") == Some(&"1") {
        lock(served).explorer.clone()
    } else {
        NO_TRANSACTIONS.into()
    }
}

fn rpc_reply(body: &[u8], served: &Mutex<Replies>) -> String {
    let Ok(request) = serde_json::from_slice::<serde_json::Value>(body) else {
        return r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}"#.into();
    };
    let s = lock(served);
    match request {
        serde_json::Value::Array(calls) => {
            let parts: Vec<String> = calls.iter().map(|c| answer(c, &s)).collect();
            format!("[{}]", parts.join(","))
        }
        call => answer(&call, &s),
    }
}

fn answer(call: &serde_json::Value, s: &Replies) -> String {
    let id = call.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let params = call.get("params").and_then(|p| p.as_array()).cloned().unwrap_or_default();
    let result: String = match call.get("method").and_then(|m| m.as_str()).unwrap_or_default() {
        "eth_blockNumber" => format!("\"{:#x}\"", s.blocks.len().max(1)),
        "eth_chainId" => format!("\"{CHAIN_ID:#x}\""),
        "eth_getBlockByNumber" => {
            let asked = params.first().and_then(|v| v.as_str()).unwrap_or_default();
            let n = match asked {
                "latest" => Some(s.blocks.len() as u64),
                h => u64::from_str_radix(h.trim_start_matches("0x"), 16).ok(),
            };
            n.and_then(|n| n.checked_sub(1)).and_then(|i| s.blocks.get(i as usize)).cloned().unwrap_or("null".into())
        }
        "eth_getLogs" => s.logs.clone(),
        "eth_getTransactionReceipt" => s.receipt.clone().unwrap_or_else(|| by_hash(&chain().receipts, &params)),
        "eth_getTransactionByHash" => by_hash(&chain().transactions, &params),
        "eth_getTransactionCount" => "\"0x5\"".into(),
        // OTHER has code, so that the watched account's payments to it need a receipt.
        "eth_getCode" => match params.first().and_then(|v| v.as_str()) {
            Some(a) if a.eq_ignore_ascii_case(&format!("{OTHER:#x}")) => "\"0x6080\"".into(),
            _ => "\"0x\"".into(),
        },
        "eth_getBalance" => "\"0xde0b6b3a7640000\"".into(),
        "eth_call" => format!("\"0x{:064x}\"", 2_500_000u64),
        _ => return format!(r#"{{"jsonrpc":"2.0","id":{id},"error":{{"code":-32601,"message":"method not found"}}}}"#),
    };
    format!(r#"{{"jsonrpc":"2.0","id":{id},"result":{result}}}"#)
}

/// The seed chain's answer for the hash in `params`, or `null`.
fn by_hash(known: &HashMap<String, String>, params: &[serde_json::Value]) -> String {
    let hash = params.first().and_then(|h| h.as_str()).unwrap_or_default().to_lowercase();
    known.get(&hash).cloned().unwrap_or_else(|| "null".into())
}
