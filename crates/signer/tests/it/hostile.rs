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

/// Typed data whose shape makes EIP-712 hashing crash or crawl: a chain of thousands of
/// struct types (the hashing recurses once per link), a type with thousands of array
/// dimensions, and thousands of struct values that each re-encode a large type set.
/// Each is refused with invalid params; the signer still answers after them.
#[tokio::test(flavor = "multi_thread")]
async fn typed_data_shaped_to_crash_or_crawl_is_refused() {
    let s = setup().await;
    let acct = s.account().await;
    let domain_type = json!([{"name": "name", "type": "string"}]);
    let typed = |types: serde_json::Map<String, Value>, primary: &str, message: Value| json!({"types": types, "primaryType": primary, "domain": {"name": "x"}, "message": message});

    // T0 -> T1 -> ... -> T19999, each link an empty array: a tiny message.
    let mut chain = serde_json::Map::new();
    chain.insert("EIP712Domain".into(), domain_type.clone());
    for i in 0..20_000 {
        chain.insert(format!("T{i}"), json!([{"name": "n", "type": format!("T{}[]", i + 1)}]));
    }
    chain.insert("T20000".into(), json!([{"name": "v", "type": "uint256"}]));
    let deep_types = typed(chain, "T0", json!({"n": []}));

    // One field typed uint256[][][]… with 50 000 dimensions.
    let mut dims = serde_json::Map::new();
    dims.insert("EIP712Domain".into(), domain_type.clone());
    dims.insert("M".into(), json!([{"name": "a", "type": format!("uint256{}", "[]".repeat(50_000))}]));
    let deep_dims = typed(dims, "M", json!({"a": []}));

    // 60 000 struct values of a type whose encoding spans 300 types.
    let mut wide = serde_json::Map::new();
    wide.insert("EIP712Domain".into(), domain_type);
    wide.insert("M".into(), json!([{"name": "es", "type": "E[]"}]));
    wide.insert("E".into(), json!([{"name": "d", "type": "D0[]"}]));
    for i in 0..300 {
        let fields: Vec<Value> =
            (0..4).map(|f| json!({"name": format!("field{f}"), "type": format!("D{}[]", (i + 1).min(299))})).collect();
        wide.insert(format!("D{i}"), Value::Array(fields));
    }
    let es: Vec<Value> = (0..60_000).map(|_| json!({"d": []})).collect();
    let many_values = typed(wide, "M", json!({"es": es}));

    for (what, t) in
        [("a chain of types", deep_types), ("deep array dimensions", deep_dims), ("many struct values", many_values)]
    {
        let ask = s.call(None, "eth_signTypedData_v4", json!([acct, t]));
        let r = tokio::time::timeout(std::time::Duration::from_secs(60), ask)
            .await
            .unwrap_or_else(|_| panic!("{what}: no answer in 60 s"));
        assert_eq!(r["error"]["code"], -32602, "{what}: {r}");
    }
    assert!(s.engine.pending_plans().await.is_empty(), "no such request made a plan");
    assert_eq!(s.call(None, "eth_chainId", json!([])).await["result"], "0x7a69", "still serving");
}
