//! Cards raised in the running app by its other clients: an AI assistant's proposal
//! through `sonic mcp` (the official MCP TypeScript client over stdio) and a developer
//! tool's send through the signer RPC (`cast send --unlocked`). Each card names who
//! proposed it, nothing moves before the user confirms it here, and then it does.

use std::{
    process::{Command, Stdio},
    time::Duration,
};

use alloy::primitives::U256;
use sonic_e2e::{anvil, balance, free_port, root, whole_s, Session, OUTSIDER};

/// Waits until `who` holds `want` on the node (at most 30 s).
async fn balance_becomes(node: &alloy::node_bindings::AnvilInstance, who: &str, want: U256) {
    for _ in 0..150 {
        if balance(node, who).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{who} never held {want}");
}

#[tokio::test(flavor = "multi_thread")]
async fn cards_from_an_mcp_assistant_and_the_signer_rpc_wait_for_the_user() {
    let node = anvil();
    let port = free_port().to_string();
    let mut s = Session::start_with("clients", &node.endpoint(), &[("SONIC_SIGNER_PORT", port.as_str())]).await;
    s.onboard().await;
    let start = balance(&node, OUTSIDER).await;

    // An assistant proposes 2.5 S through `sonic mcp`, a client of the app's host.
    let sonic = root().join("target/debug/sonic");
    let out = Command::new("node")
        .arg(root().join("tools/mcp-check.mjs"))
        .arg(&sonic)
        .arg("--data-dir")
        .arg(s.data_dir())
        .args(["--network", "local", "--rpc", &node.endpoint()])
        .env("MCP_CHECK_TO", OUTSIDER)
        .output()
        .expect("node tools/mcp-check.mjs");
    assert!(out.status.success(), "mcp-check: {}", String::from_utf8_lossy(&out.stderr));
    s.text_until("#plan-origin", |t| t == "Proposed by MCP assistant").await;
    s.text_until("#plan-amount", |t| t == "2.5 S").await;
    s.shot("mcp-card").await;
    assert_eq!(balance(&node, OUTSIDER).await, start, "nothing moves before the user confirms");
    s.click("#confirm-plan").await;
    let after_mcp = start + whole_s(5) / U256::from(2u64);
    balance_becomes(&node, OUTSIDER, after_mcp).await;

    // A developer tool sends 1 S through the signer RPC; its call waits for the card.
    let mut cast = Command::new(sonic_testkit::tool("cast"))
        .args(["send", "--unlocked", "--from", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"])
        .args(["--rpc-url", &format!("http://127.0.0.1:{port}"), OUTSIDER, "--value", "1ether"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cast");
    s.text_until("#plan-origin", |t| t.contains("via the signer")).await;
    s.shot("signer-card").await;
    assert!(matches!(cast.try_wait(), Ok(None)), "the signer call waits for the user");
    assert_eq!(balance(&node, OUTSIDER).await, after_mcp);
    s.click("#confirm-plan").await;
    let status = tokio::task::spawn_blocking(move || cast.wait()).await.expect("join").expect("cast ends");
    assert!(status.success(), "cast gets its receipt once confirmed");
    balance_becomes(&node, OUTSIDER, after_mcp + whole_s(1)).await;
    s.stop().await;
}
