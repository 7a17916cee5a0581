//! `sonic mcp` driven by the official MCP TypeScript client (`@modelcontextprotocol/sdk`
//! in tools/, through `tools/mcp-check.mjs`) over stdio: the tools it lists, balances,
//! history and prices read, a send and a stake proposed that move nothing until
//! `sonic plans confirm`, and what no tool can do.

use std::process::Command;

use alloy::primitives::U256;
use serde_json::Value;

use crate::{
    host::{chain_balance, Daemon},
    support::{anvil, Sonic, ANVIL_MNEMONIC, OUTSIDER},
};

/// Anvil's first private key: it must never appear in anything the server says.
const KEY0: &str = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/// Runs the MCP check script against `sonic mcp` on the harness's data directory;
/// `list` is run (by the script) while the session is open. Returns what it saw and
/// its raw text.
fn mcp_check(s: &Sonic, list: bool, stake: Option<u64>, prices: Option<&str>) -> (Value, String) {
    let sonic = env!("CARGO_BIN_EXE_sonic");
    let data = s.data().display().to_string();
    let base = vec!["--data-dir".to_string(), data, "--network".into(), "local".into(), "--rpc".into(), s.rpc.clone()];
    let mut cmd = Command::new("node");
    cmd.arg(sonic_testkit::workspace().join("tools/mcp-check.mjs"))
        .arg(sonic)
        .args(&base)
        .env("MCP_CHECK_TO", OUTSIDER)
        .env_remove("SONIC_PASSWORD")
        .env_remove("SONIC_DATA_DIR");
    if let Some(url) = prices {
        cmd.env("MCP_CHECK_PRICE", "1").env("SONIC_PRICES_URL", url);
    }
    if let Some(v) = stake {
        cmd.env("MCP_CHECK_STAKE", v.to_string());
    }
    if list {
        let mut argv = vec![sonic.to_string()];
        argv.extend(base);
        argv.extend(["--json".into(), "plans".into(), "list".into()]);
        cmd.env("MCP_CHECK_LIST", serde_json::to_string(&argv).expect("argv"));
    }
    let out = cmd.output().expect("run node (tools/ installed by scripts/setup.sh)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "mcp-check failed: {}\n{text}", String::from_utf8_lossy(&out.stderr));
    (serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}")), text)
}

/// What every run must show: the tools, their descriptions, balances, a proposal,
/// refusals, and no secret anywhere.
fn check_session(seen: &Value, text: &str) {
    let mut names: Vec<&str> =
        seen["tools"].as_array().expect("tools").iter().filter_map(|t| t["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["get_balances", "get_history", "get_price", "propose_send", "propose_stake", "propose_swap"]);
    for t in seen["tools"].as_array().expect("tools") {
        let d = t["description"].as_str().expect("description");
        if t["name"].as_str().expect("name").starts_with("propose_") {
            assert!(d.contains("until the user confirms it in the Smart Sonic wallet"), "{d}");
        }
    }
    let send = seen["tools"].as_array().expect("tools").iter().find(|t| t["name"] == "propose_send").expect("send");
    assert_eq!(send["input"]["properties"]["amount"]["type"], "string", "amounts are decimal strings");
    let mut required: Vec<&str> =
        send["input"]["required"].as_array().expect("required").iter().filter_map(Value::as_str).collect();
    required.sort_unstable();
    assert_eq!(required, ["amount", "to"]);

    assert_eq!(seen["balances"]["balances"][0]["asset"], "S");
    assert_eq!(seen["balances"]["balances"][0]["amount"], "10000");
    assert_eq!(seen["history"]["account"], "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assert!(seen["history"]["transfers"].is_array(), "{}", seen["history"]);
    let p = &seen["proposal"];
    assert!(p["plan_id"].as_str().is_some_and(|id| !id.is_empty()), "{p}");
    assert!(p["summary"].as_str().expect("summary").starts_with("Send 2.5 S to 0x9965"), "{p}");
    assert_eq!(p["origin"], "mcp");
    assert!(p["note"].as_str().expect("note").contains("Nothing has moved"));

    let refused = &seen["refused"];
    assert_eq!(refused["confirm"]["isError"], true, "no tool confirms: {refused}");
    assert_eq!(refused["floatAmount"]["isError"], true, "a float amount is refused: {refused}");
    assert_eq!(refused["badAddress"]["isError"], true, "{refused}");
    assert_eq!(refused["tooMuch"]["isError"], true, "{refused}");
    assert!(refused["tooMuch"]["text"].as_str().expect("text").contains("insufficient"), "{refused}");

    for secret in [KEY0, ANVIL_MNEMONIC, "correct horse"] {
        assert!(!text.contains(secret), "the MCP output holds a secret");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_mcp_proposal_beside_the_daemon_moves_nothing_until_confirmed() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    sonic_testkit::install_sfc(&node).await;
    let _daemon = Daemon::start(&s, false, &["--no-signer"]);
    let before = chain_balance(&s.rpc, OUTSIDER).await;

    let (seen, text) = mcp_check(&s, false, Some(1), None);
    check_session(&seen, &text);
    let id = seen["proposal"]["plan_id"].as_str().expect("id").to_string();
    // A stake proposed to validator 1 waits too; one to a validator that does not
    // exist gets no plan.
    let stake = seen["stake"]["proposal"]["plan_id"].as_str().expect("stake plan").to_string();
    assert!(seen["stake"]["proposal"]["summary"].as_str().expect("summary").contains("100 S"), "{seen}");
    assert_eq!(seen["stake"]["unknown"]["isError"], true, "{seen}");
    let staked = s.json(&["plans", "list"]);
    assert!(staked.iter().any(|p| p["id"] == stake.as_str() && p["origin"] == "mcp"), "{staked:?}");
    assert_eq!(s.json(&["plans", "reject", &stake])[0]["rejected"], stake.as_str());

    // Nothing moved; the plan waits in the host with its origin.
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before);
    let listed = s.json(&["plans", "list"]);
    let plan = listed.iter().find(|p| p["id"] == id.as_str()).unwrap_or_else(|| panic!("{id} in {listed:?}"));
    assert_eq!(plan["origin"], "mcp");
    assert_eq!(plan["amount"], "2.5");

    // The user confirms it: now it moves.
    let done = s.json(&["plans", "confirm", &id]);
    assert_eq!(done[0]["status"], "confirmed", "{done:?}");
    let wei = U256::from(25u64) * U256::from(10u64).pow(U256::from(17u64));
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before + wei);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_wallet_running_sonic_mcp_is_the_host() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let before = chain_balance(&s.rpc, OUTSIDER).await;

    let at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs() - 60;
    let llama = sonic_defi::fake::llama_server(sonic_defi::fake::sample_prices(0.4321, at), serde_json::json!([]));
    let (seen, text) = mcp_check(&s, true, None, Some(&llama.url));
    check_session(&seen, &text);
    let price = &seen["price"]["prices"][0];
    assert_eq!((price["asset"].as_str(), price["usd"].as_f64()), (Some("S"), Some(0.4321)), "{seen}");
    assert_eq!(price["source"], "defillama");
    // `sonic plans list` beside the session saw the proposal in `sonic mcp`'s host.
    let id = seen["proposal"]["plan_id"].as_str().expect("id");
    let listed: Vec<Value> =
        seen["listed"].as_str().expect("listed").lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert!(listed.iter().any(|p| p["id"] == id && p["origin"] == "mcp"), "{listed:?}");
    assert_eq!(chain_balance(&s.rpc, OUTSIDER).await, before, "nothing moved");
    // The session is over: the directory is free again, and the plan died with it.
    assert!(!s.data().join("host.sock").exists());
    assert!(s.json(&["plans", "list"]).is_empty());
}
