//! The watcher through the CLI: a backfill killed with SIGKILL resumes with no gap and
//! no duplicate, and a stuck transaction is replaced by a speed-up.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
};

use alloy::{
    network::EthereumWallet,
    primitives::U256,
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};

use crate::support::{anvil, Sonic, ACCOUNT0, OUTSIDER};

fn history(s: &Sonic) -> Vec<serde_json::Value> {
    let mut v = s.json(&["history", "--all"]);
    v.sort_by_key(|r| {
        (r["block"].as_u64(), r["hash"].as_str().map(str::to_string), r["amount"].as_str().map(str::to_string))
    });
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_mid_backfill_resumes_without_gap_or_duplicate() {
    let node = anvil(&[]);
    // 120 blocks, each with a transfer into the watched account.
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let me = ACCOUNT0.parse().expect("address");
    let mut last = None;
    for i in 0..120u64 {
        let tx = TransactionRequest::default().to(me).value(U256::from(1_000 + i));
        last = Some(p.send_transaction(tx).await.expect("send"));
    }
    last.expect("sent").watch().await.expect("mined");

    let reference = Sonic::new(&node.endpoint());
    reference.import_anvil(1);
    reference.ok(&["watch", "--from-block", "0", "--exit-at-head"]);

    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sonic"))
        .arg("--data-dir")
        .arg(s.data())
        .args(["--network", "local", "--rpc", &node.endpoint(), "watch", "--from-block", "0", "--exit-at-head"])
        .env("SONIC_WATCH_BATCH", "4")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    // Kill it once it has indexed part of the range.
    loop {
        let line = lines.next().expect("progress line").expect("utf8");
        if let Some(n) = line
            .strip_prefix("indexed up to block ")
            .and_then(|r| r.split(' ').next())
            .and_then(|n| n.parse::<u64>().ok())
        {
            if n >= 40 {
                break;
            }
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let partial = history(&s).len();
    assert!(partial > 0 && partial < 120, "killed mid-backfill ({partial} records)");
    s.ok(&["watch", "--exit-at-head"]);
    assert_eq!(history(&s), history(&reference), "same records as a run that never stopped");
    assert_eq!(history(&s).len(), 120);
}

#[tokio::test(flavor = "multi_thread")]
async fn stuck_transaction_is_replaced_by_speed_up() {
    let node = anvil(&["--no-mining"]);
    let mut s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let sent = s.json(&["send", "--to", OUTSIDER, "--amount", "1", "--yes", "--no-wait"]);
    let stuck = sent[0]["hash"].as_str().expect("hash").to_string();
    assert_eq!(s.json(&["tx", "status", &stuck])[0]["status"], "pending");
    let faster = s.json(&["tx", "speedup", &stuck, "--yes"]);
    let new_hash = faster[0]["hash"].as_str().expect("hash").to_string();
    assert_ne!(new_hash, stuck);
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: String = p.raw_request("evm_mine".into(), ()).await.expect("mine");
    let old = s.json(&["tx", "status", &stuck]);
    assert_eq!(old[0]["status"], "replaced");
    assert_eq!(old[0]["replaced_by"], new_hash.as_str());
    assert_eq!(s.json(&["tx", "status", &new_hash])[0]["status"], "confirmed");
    let balance = p.get_balance(OUTSIDER.parse().expect("address")).await.expect("balance");
    assert_eq!(balance, U256::from(10_001u64) * U256::from(10u64).pow(U256::from(18u64)), "paid once");
    let err = s.fails(&["tx", "speedup", &new_hash, "--yes"]);
    assert!(err.contains("no longer pending"), "{err}");
    // History shows the one payment; the replaced original only with --all, marked.
    let shown = s.json(&["history", "--direction", "out"]);
    let hashes: Vec<&str> = shown.iter().filter_map(|t| t["hash"].as_str()).collect();
    assert_eq!(hashes, [new_hash.as_str()]);
    let all = s.json(&["history", "--direction", "out", "--all"]);
    let old = all.iter().find(|t| t["hash"] == stuck.as_str()).expect("the original with --all");
    assert_eq!((&old["status"], &old["replaced_by"]), (&"replaced".into(), &new_hash.as_str().into()));
    // The node gone, history still reads the local index (the local network's chain id
    // is the one its node last answered with).
    s.rpc = "http://127.0.0.1:9".into();
    let offline = s.json(&["history", "--direction", "out"]);
    let hashes: Vec<&str> = offline.iter().filter_map(|t| t["hash"].as_str()).collect();
    assert_eq!(hashes, [new_hash.as_str()], "offline");
}
