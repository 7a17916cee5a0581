//! `sonic` beside a running `sonic daemon` (real processes, a real socket, anvil):
//! reads go through the host, a send is planned and confirmed through it, `sonic
//! plans` lists, confirms and rejects what another client proposed, and a locked host
//! confirms nothing until the password comes. Swaps, wraps, staking, `tx status`, the
//! chat, settings, contacts, tokens, networks and accounts work beside it too; the
//! commands that handle a secret, and `sonic watch --exit-at-head`, are refused with
//! their reason.
//! Smart Sonic's contracts, Premium, NFTs (the image read by the CLI, its bytes sent),
//! the devnet fixtures, `network add` and `pay parse --resolve` go through it as well,
//! and `sonic watch` prints the host's events.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
};

use alloy::{
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
};
use serde_json::Value;
use sonic_types::host::SendRequestArgs;

use crate::support::{anvil, Sonic, ACCOUNT0, OUTSIDER};

/// A `sonic daemon` process; stopped with SIGTERM when dropped.
pub(crate) struct Daemon {
    child: Child,
    /// What it printed when it started.
    pub(crate) started: Value,
}

impl Daemon {
    /// Starts `sonic --json daemon` on the harness's data directory, with the password
    /// file when `unlocked`, and waits for its line.
    pub(crate) fn start(s: &Sonic, unlocked: bool, extra: &[&str]) -> Daemon {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sonic"));
        cmd.arg("--data-dir").arg(s.data()).args(["--network", "local", "--rpc", &s.rpc, "--insecure-kdf", "--json"]);
        if unlocked {
            cmd.arg("--password-file").arg(s.path("pw"));
        }
        cmd.arg("daemon")
            .args(extra)
            .env_remove("SONIC_PASSWORD")
            .env_remove("SONIC_DATA_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if !extra.contains(&"--no-signer") {
            cmd.env("SONIC_SIGNER_PORT", "0");
        }
        let mut child = cmd.spawn().expect("spawn sonic daemon");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout).read_line(&mut line).expect("the daemon's line");
        let started = serde_json::from_str(&line).unwrap_or_else(|e| panic!("daemon line {line:?}: {e}"));
        Daemon { child, started }
    }

    /// Stops it with SIGTERM and waits; true when it exited with success.
    pub(crate) fn stop(&mut self) -> bool {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        self.child.wait().map(|s| s.success()).unwrap_or(false)
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.stop();
        }
    }
}

/// The S balance of `who` on the node, in wei.
pub(crate) async fn chain_balance(rpc: &str, who: &str) -> U256 {
    let p = ProviderBuilder::new().connect_http(rpc.parse().expect("url"));
    p.get_balance(who.parse::<Address>().expect("address")).await.expect("balance")
}

/// A plan proposed by another client of the host (as `sonic mcp` would).
async fn propose(s: &Sonic, amount: &str) -> String {
    let mut client = sonic_host::HostClient::connect(&s.data()).await.expect("a host").with_client("mcp");
    let plan = client
        .call(&SendRequestArgs { from: None, to: OUTSIDER.into(), amount: amount.into(), token: None })
        .await
        .expect("plan");
    plan.id
}

/// Runs `sonic` without the password file and without a terminal.
fn run_without_password(s: &Sonic, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sonic"))
        .arg("--data-dir")
        .arg(s.data())
        .args(["--network", "local", "--rpc", &s.rpc, "--insecure-kdf"])
        .args(args)
        .env_remove("SONIC_PASSWORD")
        .env_remove("SONIC_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("run sonic")
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_run_beside_a_running_daemon() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(2);
    let mut daemon = Daemon::start(&s, true, &[]);
    let socket = s.data().join("host.sock");
    assert_eq!(daemon.started["host"], socket.display().to_string());
    assert!(daemon.started["signer"].as_str().expect("signer url").starts_with("http://127.0.0.1:"));

    let b = s.json(&["balance"]);
    assert_eq!((b[0]["asset"].as_str(), b[0]["amount"].as_str()), (Some("S"), Some("10000")));
    let all = s.json(&["balance", "1", "--all"]);
    assert_eq!(all[0]["account"], "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let accounts = s.json(&["wallet", "list"]);
    assert_eq!(accounts.len(), 2);
    assert!(s.json(&["contacts", "list"]).is_empty());
    assert!(s.json(&["plans", "list"]).is_empty());

    // A send through the host: planned there, confirmed there, mined.
    let before = chain_balance(&s.rpc, OUTSIDER).await;
    let sent = s.json(&["send", "--to", OUTSIDER, "--amount", "1.25", "--yes"]);
    assert_eq!(sent[0]["status"], "confirmed");
    let wei = U256::from(125u64) * U256::from(10u64).pow(U256::from(16u64));
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before + wei);

    // Tokens and payment links too.
    assert!(s.json(&["tokens", "list"]).is_empty());
    let link = s.json(&["pay", "request", "--amount", "1"]);
    let uri = link[0]["uri"].as_str().expect("uri");
    assert!(uri.starts_with("ethereum:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266@31337"), "{uri}");
    let pay = format!("ethereum:{OUTSIDER}@31337?value=5e17");
    // Reading a link needs no wallet: it works beside the host too.
    let parsed = s.json(&["pay", "parse", &pay]);
    assert_eq!((parsed[0]["chain_id"].as_u64(), parsed[0]["raw"].as_str()), (Some(31337), Some("500000000000000000")));
    assert_eq!(s.json(&["pay", "open", &pay, "--yes"])[0]["status"], "confirmed");
    let wei = wei + U256::from(5u64) * U256::from(10u64).pow(U256::from(17u64));
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before + wei);

    // Contracts are read through the host too: nothing recorded here yet.
    let shown = s.json(&["contracts", "show"]);
    assert!(shown[0]["subscription"].is_null() && shown[0]["nft"].is_null(), "{shown:?}");
    // A second daemon on the same directory is refused in one line: never a sled lock
    // error.
    let second = s.run(&["daemon", "--no-signer"]);
    assert!(!second.status.success());
    let err = String::from_utf8_lossy(&second.stderr).to_string();
    assert!(
        err.contains("the wallet is open in Smart Sonic (host at") && err.contains("cannot run beside it yet"),
        "{err}"
    );
    assert!(!err.to_lowercase().contains("lock"), "{err}");

    assert!(daemon.stop(), "the daemon ends cleanly on SIGTERM");
    assert!(!socket.exists() && !s.data().join("host.token").exists(), "socket and token removed");
    // With no host, the CLI opens the directory itself again.
    assert_eq!(s.json(&["balance", "--all"])[0]["asset"], "S");
    assert!(s.json(&["plans", "list"]).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn plans_are_listed_confirmed_and_rejected_through_the_host() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let _daemon = Daemon::start(&s, false, &["--no-signer"]);
    let before = chain_balance(&s.rpc, OUTSIDER).await;

    let rejected = propose(&s, "3").await;
    let kept = propose(&s, "2").await;
    let listed = s.json(&["plans", "list"]);
    let ids: Vec<&str> = listed.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids.len(), 2, "{listed:?}");
    assert!(ids.contains(&rejected.as_str()) && ids.contains(&kept.as_str()));
    for p in &listed {
        assert_eq!(p["origin"], "mcp");
        assert!(p["summary"].as_str().expect("summary").starts_with("Send "), "{p}");
        assert!(p["expires_at"].as_u64().is_some());
    }
    let text = s.ok(&["plans", "list"]);
    assert!(text.contains(&kept) && text.contains("mcp"), "{text}");

    // Rejected: gone, nothing moved.
    let out = s.json(&["plans", "reject", &rejected]);
    assert_eq!(out[0]["rejected"], rejected.as_str());
    let again = s.fails(&["plans", "reject", &rejected]);
    assert!(again.contains("no pending plan"), "{again}");
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before);

    // The host is locked: without a password nothing is confirmed, and the plan stays.
    let locked = run_without_password(&s, &["plans", "confirm", &kept]);
    assert!(!locked.status.success());
    let err = String::from_utf8_lossy(&locked.stderr);
    assert!(err.contains("password needed"), "{err}");
    assert_eq!(s.json(&["plans", "list"]).len(), 1, "still pending");
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before);
    // A wrong password unlocks nothing.
    std::fs::write(s.path("bad"), "not it\n").expect("write");
    let bad = run_without_password(
        &s,
        &["--password-file", s.path("bad").to_str().expect("utf8"), "plans", "confirm", &kept],
    );
    assert!(!bad.status.success());
    assert_eq!(s.json(&["plans", "list"]).len(), 1, "still pending");

    // With the password: unlocked, confirmed, mined.
    let done = s.json(&["plans", "confirm", &kept]);
    assert_eq!(done[0]["status"], "confirmed", "{done:?}");
    let wei = U256::from(2u64) * U256::from(10u64).pow(U256::from(18u64));
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before + wei);
    assert!(s.json(&["plans", "list"]).is_empty());
    let twice = s.fails(&["plans", "confirm", &kept]);
    assert!(twice.contains("no pending plan"), "{twice}");
}

#[test]
fn without_a_host_there_are_no_plans() {
    let s = Sonic::new("http://127.0.0.1:9");
    assert!(s.json(&["plans", "list"]).is_empty());
    let err = s.fails(&["plans", "confirm", "abc"]);
    assert!(err.contains("no pending plan 'abc'") && err.contains("no wallet host runs"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signer_rpc_send_waits_until_sonic_plans_confirm() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let daemon = Daemon::start(&s, true, &[]);
    let signer = daemon.started["signer"].as_str().expect("signer url").to_string();
    let before = chain_balance(&s.rpc, OUTSIDER).await;

    // A developer tool asks the wallet to send; the call waits for the user.
    let mut cast = Command::new(crate::support::tool("cast"))
        .args(["send", "--unlocked", "--from", crate::support::ACCOUNT0, "--rpc-url", &signer, OUTSIDER])
        .args(["--value", "3ether", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cast");
    let mut plan = None;
    for _ in 0..100 {
        if let Some(p) = s.json(&["plans", "list"]).into_iter().next() {
            plan = Some(p);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let plan = plan.expect("the request shows up as a plan");
    assert_eq!(plan["origin"], "signer", "{plan}");
    assert!(matches!(cast.try_wait(), Ok(None)), "cast waits for the user");
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before, "nothing moved yet");

    let done = s.json(&["plans", "confirm", plan["id"].as_str().expect("id")]);
    assert_eq!(done[0]["status"], "confirmed", "{done:?}");
    let out = cast.wait_with_output().expect("cast ends");
    assert!(out.status.success(), "cast: {}", String::from_utf8_lossy(&out.stderr));
    let receipt: Value = serde_json::from_slice(&out.stdout).expect("receipt json");
    assert_eq!(receipt["status"], "0x1");
    assert_eq!(receipt["transactionHash"], done[0]["hash"]);
    let wei = U256::from(3u64) * U256::from(10u64).pow(U256::from(18u64));
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before + wei);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_send_not_confirmed_at_the_terminal_leaves_no_plan_behind() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let _daemon = Daemon::start(&s, false, &["--no-signer"]);
    // No --yes and no terminal: nothing is asked, nothing is sent, no card is left.
    let out = run_without_password(&s, &["send", "--to", OUTSIDER, "--amount", "1"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("confirmation needed"));
    assert!(s.json(&["plans", "list"]).is_empty());
    // --yes but no password for the locked host: the same.
    let out = run_without_password(&s, &["send", "--to", OUTSIDER, "--amount", "1", "--yes"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("password needed"));
    assert!(s.json(&["plans", "list"]).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn swap_wrap_stake_and_tx_status_beside_the_daemon() {
    let node = anvil(&[]);
    let rpc = node.endpoint();
    let s = Sonic::new(&rpc);
    s.import_anvil(1);
    // The fixtures are deployed before the host takes the directory.
    let d = s.json(&["devnet", "defi"]);
    let usdc = d[0]["usdc"].as_str().expect("usdc").to_string();
    let ws = d[0]["ws"].as_str().expect("ws").to_string();
    // The pool's last update moves to the past: a swap simulated in the same second as
    // the liquidity was added skips Uniswap V2's price-accumulator writes and plans less
    // gas than it then needs (an engine-side flake, reported, not this test's subject).
    let p = ProviderBuilder::new().connect_http(rpc.parse().expect("url"));
    let _: Value = p.raw_request("evm_increaseTime".into(), (10u64,)).await.expect("increase time");
    let _: String = p.raw_request("evm_mine".into(), ()).await.expect("mine");
    let _daemon = Daemon::start(&s, false, &["--no-signer"]);
    let bal = |token: &str| crate::swap::cast_u256(&rpc, token, "balanceOf(address)(uint256)", &[ACCOUNT0]);
    let before = bal(&usdc);

    let q = s.json(&["swap", "--from", "S", "--to", "USDC", "--amount", "10", "--quote"]);
    assert_eq!(q[0]["route"], "S -> USDC", "{q:?}");
    assert!(s.json(&["plans", "list"]).is_empty(), "a quote makes no plan");
    // The host is locked: the swap asks for the password (from the file) and goes.
    let r = s.json(&["swap", "--from", "S", "--to", "USDC", "--amount", "10", "--yes"]);
    assert_eq!(r[0]["status"], "confirmed", "{r:?}");
    let got: U256 = sonic_types::parse_units(r[0]["received"].as_str().expect("received"), 6).expect("units");
    let min: U256 = sonic_types::parse_units(r[0]["minimum"].as_str().expect("minimum"), 6).expect("units");
    assert!(got >= min && !got.is_zero(), "{r:?}");
    assert_eq!(bal(&usdc), before + got, "cast reads the USDC the swap delivered");
    let hash = r[0]["hash"].as_str().expect("hash");
    let st = s.json(&["tx", "status", hash]);
    assert_eq!((st[0]["hash"].as_str(), st[0]["status"].as_str()), (Some(hash), Some("confirmed")), "{st:?}");
    assert!(st[0]["block"].as_u64().is_some());
    let unknown = format!("0x{}", "ab".repeat(32));
    assert!(s.fails(&["tx", "status", &unknown]).contains("is not a transaction of this wallet"));

    s.json(&["wrap", "--amount", "3", "--yes"]);
    s.json(&["unwrap", "--amount", "1", "--yes"]);
    assert_eq!(bal(&ws), U256::from(2u128 * 10u128.pow(18)));

    let vals = s.json(&["stake", "validators"]);
    assert_eq!((vals[0]["id"].as_u64(), vals[0]["active"].as_bool()), (Some(1), Some(true)), "{vals:?}");
    let del = s.json(&["stake", "delegate", "--validator", "1", "--amount", "100", "--yes"]);
    assert_eq!(del[0]["amount"], "100", "{del:?}");
    let s1 = U256::from(10u64).pow(U256::from(18u64));
    assert_eq!(crate::stake::cast_stake(&rpc, 1), U256::from(100u64) * s1);
    let un = s.json(&["stake", "undelegate", "--validator", "1", "--amount", "40", "--yes"]);
    assert_eq!((un[0]["request"].as_u64(), un[0]["amount"].as_str()), (Some(0), Some("40")), "{un:?}");
    let status = s.json(&["stake", "status", "--validator", "1"]);
    assert_eq!(status[0]["stake"], "60");
    assert_eq!(status[0]["requests"][0]["withdrawable_date"], un[0]["withdrawable_date"]);
    assert_eq!(crate::stake::cast_stake(&rpc, 1), U256::from(60u64) * s1);
    assert!(s.json(&["plans", "list"]).is_empty(), "every plan was confirmed");
}

#[tokio::test(flavor = "multi_thread")]
async fn chat_settings_book_and_accounts_beside_the_daemon_and_secrets_refused() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(2);
    let _daemon = Daemon::start(&s, false, &["--no-signer"]);
    let socket = s.data().join("host.sock").display().to_string();

    // The chat through the host: the plan is confirmed by --yes, exactly 1 S moves.
    let before = chain_balance(&s.rpc, OUTSIDER).await;
    let out = s.json(&["agent", "ask", "--yes", &format!("send 1 S to {OUTSIDER}")]);
    assert_eq!(out.len(), 2, "the reply, then the answer to the plan: {out:?}");
    assert!(out[0]["plan"]["id"].is_string(), "{out:?}");
    let wei = U256::from(10u64).pow(U256::from(18u64));
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before + wei);
    assert!(s.json(&["plans", "list"]).is_empty());
    // Without --yes and without a terminal nothing moves and no card stays behind.
    let out = run_without_password(&s, &["agent", "ask", &format!("send 2 S to {OUTSIDER}")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("confirmation needed"));
    assert!(s.json(&["plans", "list"]).is_empty());
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before + wei);

    // Settings: read and set through the host.
    let show = s.json(&["settings", "show"]);
    assert_eq!((show[0]["network"].as_str(), show[0]["agent"].as_str()), (Some("local"), Some("rules (offline)")));
    assert_eq!(show[0]["data_dir"], s.data().display().to_string());
    s.json(&["settings", "auto-lock", "7"]);
    assert_eq!(s.json(&["settings", "show"])[0]["auto_lock_minutes"], 7);
    let nets = s.json(&["network", "list"]);
    assert!(nets.iter().any(|n| n["name"] == "local" && n["active"] == true), "{nets:?}");

    // The address book: added as typed, seen by the parser, removed.
    s.json(&["contacts", "add", "Dora", OUTSIDER]);
    assert_eq!(s.json(&["contacts", "list"])[0]["name"], "dora", "names are kept in lower case");
    let v: Value = serde_json::from_str(&s.ok(&["agent", "parse", "send 1 S to dora"])).expect("json");
    assert_eq!(v["slots"]["to_address"], OUTSIDER);
    s.json(&["contacts", "remove", "Dora"]);
    assert!(s.json(&["contacts", "list"]).is_empty());

    // Accounts: renamed, locked and unlocked on the host.
    s.json(&["wallet", "rename", "1", "Savings"]);
    assert_eq!(s.json(&["wallet", "list"])[1]["name"], "Savings");
    s.json(&["wallet", "unlock"]);
    let mut host = sonic_host::HostClient::connect(&s.data()).await.expect("a host");
    assert!(host.call(&sonic_types::ipc::AppInfoArgs {}).await.expect("info").unlocked);
    s.json(&["wallet", "lock"]);
    assert!(!host.call(&sonic_types::ipc::AppInfoArgs {}).await.expect("info").unlocked);

    // Secrets never cross the socket: refused on purpose, with where to go instead.
    for (args, page) in [
        (vec!["wallet", "reveal"], "Security"),
        (vec!["wallet", "backup", "/tmp/never-written.json"], "Security"),
        (vec!["settings", "explorer", "--off"], "Settings"),
    ] {
        let err = s.fails(&args);
        assert!(
            err.contains(&format!("host at {socket}"))
                && err.contains(&format!("`sonic {} {}` handles a secret", args[0], args[1]))
                && err.contains("secrets never cross the host's socket, on purpose")
                && err.contains(&format!("the app's {page} page"))
                && err.contains("stop the host"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("test test"), "{err}");
    }
    assert!(!std::path::Path::new("/tmp/never-written.json").exists());
    let err = s.fails(&["watch", "--exit-at-head"]);
    assert!(err.contains("already follows the chain") && err.contains("sonic history"), "{err}");

    // The password changes on the host; the old one no longer unlocks it.
    std::fs::write(s.path("new"), "new horse battery\n").expect("write");
    let new = s.path("new");
    s.json(&["wallet", "passwd", "--new-password-file", new.to_str().expect("utf8")]);
    s.json(&["wallet", "lock"]);
    assert!(!run_without_password(&s, &["--password-file", s.path("pw").to_str().expect("utf8"), "wallet", "unlock"])
        .status
        .success());
    let out = run_without_password(&s, &["--password-file", new.to_str().expect("utf8"), "wallet", "unlock"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(host.call(&sonic_types::ipc::AppInfoArgs {}).await.expect("info").unlocked);
}

/// `cast call` of a `(address)` view on `to`.
fn cast_address(rpc: &str, to: &str, sig: &str, args: &[&str]) -> String {
    let out = Command::new(crate::support::tool("cast"))
        .args(["call", to, sig])
        .args(args)
        .args(["--rpc-url", rpc])
        .output()
        .expect("cast call");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf8").trim().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn contracts_premium_and_nfts_beside_the_daemon() {
    let node = anvil(&[]);
    let rpc = node.endpoint();
    let s = Sonic::new(&rpc);
    s.import_anvil(1);
    let mut daemon = Daemon::start(&s, true, &["--no-signer"]);

    // Deployed through the host, confirmed here: the shipped CREATE2 addresses.
    let deployed = s.json(&["contracts", "deploy", "--create2", "--yes"]);
    assert_eq!(deployed[0]["subscription"], "0xA81F4B68a311b2eC0EA5B87239ABFD8187408c0d");
    assert_eq!(deployed[0]["nft"], "0x951F59432b0556D33D5Ac027e17f4Ff40808C71F");
    assert_eq!(s.json(&["contracts", "show"])[0], deployed[0]);
    let status = s.json(&["subscription", "status"]);
    assert_eq!(status[0]["active"], false, "{status:?}");
    let bought = s.json(&["subscription", "purchase", "--yes"]);
    assert_eq!(
        (bought[0]["active"].as_bool(), bought[0]["contract"].as_str()),
        (Some(true), deployed[0]["subscription"].as_str())
    );
    assert!(s.json(&["plans", "list"]).is_empty(), "no plan left behind");

    // The image is read here and its bytes sent: the host never sees the path.
    let png = b"\x89PNG\r\n\x1a\n dawn image bytes";
    std::fs::write(s.path("dawn.png"), png).expect("image");
    let img = s.path("dawn.png");
    let minted = s.json(&["nft", "mint", "--name", "Dawn", "--image", img.to_str().expect("utf8"), "--yes"]);
    let id = minted[0]["token_id"].as_str().expect("token id").to_string();
    assert_eq!(minted[0]["pinned"], false, "no Pinata set up");
    assert_eq!(
        minted[0]["image_cid"].as_str(),
        Some(sonic_ipfs::cid::cid_of(png).as_str()),
        "the host stored the bytes the CLI read"
    );
    let nft = deployed[0]["nft"].as_str().expect("nft");
    assert_eq!(cast_address(&rpc, nft, "ownerOf(uint256)(address)", &[&id]), ACCOUNT0);
    let list = s.json(&["nft", "list"]);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(
        (list[0]["name"].as_str(), list[0]["token_uri"].as_str()),
        (Some("Dawn"), minted[0]["token_uri"].as_str())
    );
    // Pinning is the host's, with its own vault: none set up, it says so.
    let err = s.fails(&["nft", "pin"]);
    assert!(err.contains("Pinata is not set up"), "{err}");
    // An image too big for one request is refused before anything is planned.
    std::fs::write(s.path("big.png"), vec![7u8; 300 * 1024]).expect("big");
    let err = s.fails(&["nft", "mint", "--name", "Big", "--image", s.path("big.png").to_str().expect("utf8"), "--yes"]);
    assert!(err.contains("through the wallet's host") && err.contains("stop the host"), "{err}");
    assert!(s.json(&["plans", "list"]).is_empty());
    assert_eq!(s.json(&["nft", "list"]).len(), 1);

    // Pinata is set up with no host (the JWT is a secret); beside the restarted host
    // `nft pin` pins with the JWT from the host's vault: the CLI never holds it.
    assert!(daemon.stop());
    let (url, seen) = sonic_ipfs::fake::pinata_server(sonic_ipfs::fake::Mode::Honest);
    std::fs::write(s.path("jwt"), "pinata-jwt\n").expect("jwt");
    s.ok(&["settings", "pinata", "--jwt-file", s.path("jwt").to_str().expect("utf8"), "--url", &url]);
    let _daemon = Daemon::start(&s, true, &["--no-signer"]);
    assert_eq!(s.json(&["nft", "pin"])[0]["pinned"], 1);
    let uploads = seen.lock().expect("lock").clone();
    assert_eq!(uploads.len(), 2, "image and metadata");
    assert!(uploads.iter().all(|u| u.authorization.contains("pinata-jwt")));
    assert_eq!(sonic_ipfs::cid::cid_of(&uploads[0].bytes), sonic_ipfs::cid::cid_of(png));
    assert_eq!(s.json(&["nft", "list"])[0]["pinned"], true);
}

#[tokio::test(flavor = "multi_thread")]
async fn devnet_networks_and_links_beside_the_daemon() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let mut daemon = Daemon::start(&s, false, &["--no-signer"]);
    let through_host = s.json(&["devnet", "defi"]);
    assert!(through_host[0]["usdc"].as_str().is_some_and(|a| a.starts_with("0x")), "{through_host:?}");

    // A built-in name keeps its chain id, as without a host.
    let err = s.fails(&["network", "add", "sonic", "--rpc", "https://rpc.example.org", "--chain-id", "1"]);
    assert!(err.contains("'sonic' is chain 146"), "{err}");
    let added = s.json(&["network", "add", "mine", "--rpc", "http://127.0.0.1:9", "--chain-id", "4242"]);
    assert_eq!(added[0]["added"], "mine");
    let nets = s.json(&["network", "list"]);
    assert!(nets.iter().any(|n| n["name"] == "mine" && n["chain_id"] == 4242), "{nets:?}");

    // A link's token resolved by the host's registry.
    let usdc = through_host[0]["usdc"].as_str().expect("usdc");
    s.json(&["tokens", "add", usdc]);
    let link = format!("ethereum:{usdc}@31337/transfer?address={OUTSIDER}&uint256=2500000");
    let parsed = s.json(&["pay", "parse", "--resolve", &link]);
    assert_eq!(
        (parsed[0]["resolved"].as_bool(), parsed[0]["decimals"].as_u64(), parsed[0]["amount"].as_str()),
        (Some(true), Some(6), Some("2.5")),
        "{parsed:?}"
    );

    // The same JSON as a direct run gives, the host stopped.
    assert!(daemon.stop());
    let direct_link = s.json(&["pay", "parse", "--resolve", &link]);
    assert_eq!(direct_link, parsed);
    assert_eq!(s.json(&["devnet", "defi"]), through_host);
}

#[tokio::test(flavor = "multi_thread")]
async fn watch_beside_the_daemon_prints_the_hosts_events() {
    use alloy::{network::EthereumWallet, rpc::types::TransactionRequest, signers::local::PrivateKeySigner};

    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let _daemon = Daemon::start(&s, false, &["--no-signer"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sonic"))
        .arg("--data-dir")
        .arg(s.data())
        .args(["--network", "local", "--rpc", &s.rpc, "--json", "watch"])
        .env_remove("SONIC_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sonic watch");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // The follow is taken once the client is connected; give it a moment.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert!(matches!(child.try_wait(), Ok(None)), "`sonic watch` keeps following beside the host");

    // A transfer into the wallet from outside it.
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let me: Address = ACCOUNT0.parse().expect("address");
    let sent =
        p.send_transaction(TransactionRequest::default().to(me).value(U256::from(12_345u64))).await.expect("send");
    let hash = sent.watch().await.expect("mined").to_string();

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut seen = Vec::new();
    let found = loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                let ev: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
                if ev["type"] == "incoming_transfer"
                    && ev["hash"].as_str().map(str::to_lowercase) == Some(hash.to_lowercase())
                {
                    break Some(ev);
                }
                seen.push(line);
            }
            Err(_) => break None,
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    let ev = found.unwrap_or_else(|| panic!("no incoming_transfer for {hash}; saw {seen:?}"));
    assert_eq!(ev["from"].as_str().map(str::to_lowercase), Some(format!("{:#x}", node.addresses()[1])));
}
