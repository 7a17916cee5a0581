//! Hostile requests: every method with malformed parameters, deeply nested JSON and odd
//! ids get a JSON-RPC error (or a refusal), never a panic, a hang or a plan.

use serde_json::{json, Value};

use crate::support::setup;

const METHODS: &[&str] = &[
    "eth_chainId",
    "eth_accounts",
    "eth_sendTransaction",
    "personal_sign",
    "eth_signTypedData_v4",
    "wallet_switchEthereumChain",
    "eth_call",
    "eth_getBalance",
    "eth_sign",
];

#[tokio::test(flavor = "multi_thread")]
async fn malformed_parameters_are_errors_not_crashes() {
    let s = setup().await;
    let acct = s.account().await;
    let bad_params = [
        json!([]),
        json!([null]),
        json!([1, 2, 3]),
        json!(["0x"]),
        json!([{"from": "0xnothex"}]),
        json!([{"from": acct, "value": "-1"}]),
        json!([{"from": acct, "to": acct, "value": "0x1", "gas": "0xffffffffffffffffffffffff"}]),
        json!([{"from": acct, "data": "0x"}]),
        json!([acct, 5]),
        json!([acct, {"types": {"EIP712Domain": []}, "primaryType": "Nope", "domain": {}, "message": {}}]),
        json!([{"chainId": "0x1ffffffffffffffffffff"}]),
        json!([{"chainId": []}]),
        json!({"not": "positional"}),
    ];
    for method in METHODS {
        for params in &bad_params {
            let ask = s.post(None, json!({"jsonrpc": "2.0", "id": 9, "method": method, "params": params}));
            let (status, _, r) = tokio::time::timeout(std::time::Duration::from_secs(20), ask)
                .await
                .unwrap_or_else(|_| panic!("{method} {params} hung"));
            assert_eq!(status, 200, "{method} {params}");
            assert_eq!(r["id"], 9, "{method} {params}: {r}");
            if r.get("result").is_some() {
                // Reads may accept odd arguments; a signing method never does.
                let reads = ["eth_chainId", "eth_accounts", "eth_call", "eth_getBalance"];
                assert!(reads.contains(method), "{method} {params} answered {r}");
            } else {
                assert!(r["error"]["code"].is_i64(), "{method} {params}: {r}");
            }
        }
    }
    // Typed data that is not EIP-712, as a string or an object.
    for typed in [json!("{\"types\": 1}"), json!("not json"), json!({"primaryType": "X"})] {
        let r = s.call(None, "eth_signTypedData_v4", json!([acct, typed])).await;
        assert_eq!(r["error"]["code"], -32602, "{typed}: {r}");
    }
    assert!(s.engine.pending_plans().await.is_empty(), "no malformed request made a plan");
}

#[tokio::test(flavor = "multi_thread")]
async fn odd_envelopes_are_refused_cleanly() {
    let s = setup().await;
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let client = reqwest::Client::new();
    for body in [deep.as_str(), "", "null", "7", "\"x\"", "{}", "[1]", "{\"method\": 5, \"id\": 1}"] {
        let r = client.post(s.signer.url()).body(body.to_owned()).send().await.expect("post");
        assert_eq!(r.status().as_u16(), 200, "{body:.40}");
        let v: Value = r.json().await.expect("json");
        let first = if v.is_array() { v[0].clone() } else { v };
        assert!(first["error"]["code"].is_i64(), "{body:.40}: {first}");
    }
    let r = s.post(None, json!({"jsonrpc": "2.0", "id": {"an": "object"}, "method": "eth_chainId"})).await.2;
    assert_eq!(r["error"]["code"], -32600);
    // Still serving.
    assert_eq!(s.call(None, "eth_chainId", json!([])).await["result"], "0x7a69");
}
