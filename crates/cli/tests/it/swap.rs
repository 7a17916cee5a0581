//! Swaps through the CLI on anvil: `sonic devnet defi` deploys the fixtures once and
//! prints their addresses as JSON; `sonic swap --from S --to USDC --amount 10 --yes`
//! really swaps (read back with `cast call`); selling USDC approves exactly the amount
//! (allowance 0 afterwards); `--quote` signs nothing; wrap and unwrap move wS.

use std::process::Command;

use alloy::primitives::U256;

use crate::support::{anvil, tool, Sonic, ACCOUNT0};

/// `cast call` of a `(uint256)` view on `to`.
pub(crate) fn cast_u256(rpc: &str, to: &str, sig: &str, args: &[&str]) -> U256 {
    let out = Command::new(tool("cast"))
        .args(["call", to, sig])
        .args(args)
        .args(["--rpc-url", rpc])
        .output()
        .expect("cast call");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf8");
    text.split_whitespace().next().expect("a number").parse().expect("u256")
}

fn cast_nonce(rpc: &str) -> u64 {
    let out = Command::new(tool("cast")).args(["nonce", ACCOUNT0, "--rpc-url", rpc]).output().expect("cast nonce");
    String::from_utf8(out.stdout).expect("utf8").trim().parse().expect("nonce")
}

#[tokio::test(flavor = "multi_thread")]
async fn devnet_defi_then_swap_both_ways_and_wrap() {
    let node = anvil(&[]);
    let rpc = node.endpoint();
    let s = Sonic::new(&rpc);
    s.import_anvil(1);
    let err = s.fails(&["swap", "--from", "S", "--to", "0x0000000000000000000000000000000000000001", "--amount", "1"]);
    assert!(err.contains("devnet defi") || err.contains("no swap router"), "{err}");

    let d = s.json(&["devnet", "defi"]);
    assert_eq!(d.len(), 1);
    for k in ["usdc", "router", "pair", "sfc"] {
        assert!(d[0][k].as_str().is_some_and(|a| a.starts_with("0x") && a.len() == 42), "{k}: {d:?}");
    }
    assert_eq!(s.json(&["devnet", "defi"]), d, "idempotent: the recorded addresses");
    let usdc = d[0]["usdc"].as_str().expect("usdc").to_string();
    let router = d[0]["router"].as_str().expect("router").to_string();
    let ws = d[0]["ws"].as_str().expect("ws").to_string();
    let bal = |token: &str| cast_u256(&rpc, token, "balanceOf(address)(uint256)", &[ACCOUNT0]);
    let before = bal(&usdc);
    assert_eq!(before, U256::from(1_000_000_000u64), "1000 USDC minted to the wallet");

    // A quote signs nothing.
    let nonce = cast_nonce(&rpc);
    let q = s.json(&["swap", "--from", "S", "--to", "USDC", "--amount", "10", "--quote"]);
    assert_eq!(q[0]["route"], "S -> USDC");
    assert_eq!(cast_nonce(&rpc), nonce);

    let r = s.json(&["swap", "--from", "S", "--to", "USDC", "--amount", "10", "--yes"]);
    assert_eq!(r[0]["status"], "confirmed", "{r:?}");
    let got: U256 = sonic_types::parse_units(r[0]["received"].as_str().expect("received"), 6).expect("units");
    let min: U256 = sonic_types::parse_units(r[0]["minimum"].as_str().expect("minimum"), 6).expect("units");
    assert!(got >= min && !got.is_zero(), "{r:?}");
    assert_eq!(bal(&usdc), before + got, "cast reads the USDC the swap delivered");
    let hash = r[0]["hash"].as_str().expect("hash");
    let h = s.json(&["history"]);
    let one: Vec<_> = h.iter().filter(|t| t["hash"] == hash).collect();
    assert_eq!(one.len(), 1, "one history entry for the swap: {h:?}");
    assert_eq!((one[0]["asset"].as_str(), one[0]["amount"].as_str()), (Some("S"), Some("10")));
    assert_eq!(one[0]["received"]["asset"], "USDC");
    assert_eq!(one[0]["received"]["amount"], r[0]["received"]);

    let r = s.json(&["swap", "--from", "USDC", "--to", "S", "--amount", "5", "--slippage", "1", "--yes"]);
    assert_eq!(r[0]["status"], "confirmed", "{r:?}");
    assert_eq!(bal(&usdc), before + got - U256::from(5_000_000u64));
    let allowance = cast_u256(&rpc, &usdc, "allowance(address,address)(uint256)", &[ACCOUNT0, &router]);
    assert_eq!(allowance, U256::ZERO, "the approval was exactly the amount sold");

    let err = s.fails(&["swap", "--from", "S", "--to", "USDC", "--amount", "1", "--slippage", "51", "--yes"]);
    assert!(err.contains("too high"), "{err}");

    s.json(&["wrap", "--amount", "3", "--yes"]);
    s.json(&["unwrap", "--amount", "1", "--yes"]);
    assert_eq!(bal(&ws), U256::from(2u128 * 10u128.pow(18)));
}
