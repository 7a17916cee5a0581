//! `sonic price` and `sonic yields` against a local fake DefiLlama (no node needed):
//! the documented JSON, shipped symbols, one batched request, and failures as one line
//! with no figure.

use std::process::{Command, Output};

use serde_json::{json, Value};
use sonic_defi::fake::{dead_url, llama_server, sample_pools, sample_prices, Fake};

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs()
}

/// Runs `sonic` on a fresh data directory with both sources at `prices` and `yields`.
fn sonic(dir: &tempfile::TempDir, prices: &str, yields: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sonic"))
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .args(args)
        .env("SONIC_PRICES_URL", prices)
        .env("SONIC_YIELDS_URL", yields)
        .env_remove("SONIC_NETWORK")
        .env_remove("SONIC_RPC")
        .env_remove("SONIC_DATA_DIR")
        .output()
        .expect("run sonic")
}

fn fake() -> (Fake, u64) {
    let at = now() - 90;
    (llama_server(sample_prices(0.4321, at), sample_pools()), at)
}

fn json_lines(out: &Output) -> Vec<Value> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("json")).collect()
}

/// A failure: non-zero exit, nothing on stdout, one line on stderr with no figure.
fn assert_fails_without_a_number(out: &Output) -> String {
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.chars().any(|c| c.is_ascii_digit()), "{err}");
    err
}

#[test]
fn price_prints_the_documented_json() {
    let (fake, at) = fake();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = sonic(&dir, &fake.url, &fake.url, &["--json", "price", "S"]);
    assert_eq!(json_lines(&out), [json!({"asset": "S", "usd": 0.4321, "source": "defillama", "at": at})]);
    // Cached: a second ask within 5 minutes does not reach the source.
    let out = sonic(&dir, &fake.url, &fake.url, &["price", "S"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.starts_with("S $0.4321 (defillama, 1 min old)"), "{text}");
    assert_eq!(fake.hits(), 1);
}

#[test]
fn shipped_symbols_resolve_and_are_priced_in_one_request() {
    let (fake, _) = fake();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = sonic(&dir, &fake.url, &fake.url, &["--json", "price", "usdc", "wS", "S"]);
    let lines = json_lines(&out);
    let got: Vec<(&str, f64)> =
        lines.iter().map(|v| (v["asset"].as_str().expect("asset"), v["usd"].as_f64().expect("usd"))).collect();
    assert_eq!(got, [("USDC", 0.9998), ("wS", 0.4321), ("S", 0.4321)]);
    assert_eq!(fake.hits(), 1, "{:?}", fake.requests);
}

#[test]
fn an_unknown_asset_fails_with_one_line() {
    let (fake, _) = fake();
    let dir = tempfile::tempdir().expect("tempdir");
    let err = assert_fails_without_a_number(&sonic(&dir, &fake.url, &fake.url, &["--json", "price", "NOPE"]));
    assert!(err.contains("NOPE"), "{err}");
    // Known to us, unknown to the source: no figure either.
    let out = sonic(&dir, &fake.url, &fake.url, &["--json", "price", "SHADOW"]);
    assert!(!out.status.success() && out.stdout.is_empty());
}

#[test]
fn an_unreachable_source_fails_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dead = dead_url();
    let err = assert_fails_without_a_number(&sonic(&dir, &dead, &dead, &["--json", "price", "S"]));
    assert!(err.contains("unreachable"), "{err}");
    let err = assert_fails_without_a_number(&sonic(&dir, &dead, &dead, &["--json", "yields"]));
    assert!(err.contains("unreachable"), "{err}");
}

#[test]
fn yields_lists_sonic_pools_by_apy() {
    let (fake, _) = fake();
    let dir = tempfile::tempdir().expect("tempdir");
    let pools = |args: &[&str]| -> Vec<String> {
        let v = json_lines(&sonic(&dir, &fake.url, &fake.url, args)).remove(0);
        for p in v["pools"].as_array().expect("pools") {
            for k in ["project", "symbol", "apy", "tvl_usd", "pool"] {
                assert!(p.get(k).is_some(), "{k} in {p}");
            }
        }
        v["pools"].as_array().expect("pools").iter().map(|p| p["pool"].as_str().expect("id").to_string()).collect()
    };
    assert_eq!(pools(&["--json", "yields"]), ["sonic-beets-1", "sonic-silo-ws", "sonic-aave-usdc"]);
    assert_eq!(pools(&["--json", "yields", "usdc"]), ["sonic-beets-1", "sonic-aave-usdc"]);
    assert_eq!(pools(&["--json", "yields", "S", "--limit", "1"]), ["sonic-beets-1"]);
    assert!(pools(&["--json", "yields", "WETH"]).is_empty());
    // One request: the pools are cached for an hour.
    assert_eq!(fake.hits(), 1);
    let out = sonic(&dir, &fake.url, &fake.url, &["yields", "--limit", "1"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("beets WS-USDC: 18.40% APY (3.40% base + 15.00% reward), TVL $1.25M"), "{text}");
}
