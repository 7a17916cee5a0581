//! Payment links through the CLI: parse (the JSON contract), request with a QR PNG,
//! and open, which plans a payment like any send and refuses another chain's link.

use crate::support::{anvil, Sonic, ACCOUNT0, OUTSIDER};

#[test]
fn parse_prints_the_contract_json_and_refuses_bad_links() {
    let s = Sonic::new("http://127.0.0.1:9");
    let v = s.json(&["pay", "parse", &format!("ethereum:{OUTSIDER}@146?value=2.014e18")]);
    assert_eq!(v[0], serde_json::json!({"chain_id": 146, "to": OUTSIDER, "token": null, "raw": "2014000000000000000"}));
    let v = s.json(&["pay", "parse", &format!("smartsonic://pay?to={OUTSIDER}&amount=1.5")]);
    assert_eq!(v[0]["raw"], "1500000000000000000");
    assert_eq!(v[0]["chain_id"], serde_json::Value::Null);
    for bad in [
        "ethereum:alice.eth?value=1".to_string(),
        format!("ethereum:{OUTSIDER}?value=1.5"),
        format!("ethereum:{OUTSIDER}?value=-1"),
        format!("ethereum:{}?value=1", OUTSIDER.to_lowercase().replacen('d', "D", 1)),
        "https://example.com".into(),
    ] {
        let err = s.fails(&["pay", "parse", &bad]);
        assert!(err.starts_with("error: "), "{err}");
    }
    assert!(s.fails(&["pay", "parse", "ethereum:alice.eth"]).contains("ENS names are not supported on Sonic"));
}

#[test]
fn request_writes_a_link_and_a_qr_png() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let qr = s.path("qr.png");
    let v = s.json(&["pay", "request", "--amount", "2.5", "--qr", qr.to_str().expect("p")]);
    assert_eq!(v[0]["uri"], format!("ethereum:{ACCOUNT0}@31337?value=2500000000000000000").as_str());
    let png = std::fs::read(&qr).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn open_plans_a_payment_and_refuses_other_chains() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let err = s.fails(&["pay", "open", &format!("ethereum:{OUTSIDER}@146?value=1e18"), "--yes"]);
    assert!(err.contains("for chain 146"), "{err}");
    let v = s.json(&["pay", "open", &format!("ethereum:{OUTSIDER}@31337?value=1e18"), "--yes"]);
    assert_eq!(v[0]["status"], "confirmed");
    // Without --json, the line a send prints.
    let line = s.ok(&["pay", "open", &format!("ethereum:{OUTSIDER}@31337?value=1e17"), "--yes"]);
    assert!(line.lines().any(|l| l.starts_with("confirmed in block ") && l.contains(": 0x")), "{line}");
    let err = s.fails(&["pay", "open", &format!("ethereum:{OUTSIDER}@31337"), "--yes"]);
    assert!(err.contains("no amount"), "{err}");
}

#[test]
fn parse_reads_a_token_link_offline_and_says_when_it_cannot_resolve() {
    const TOKEN: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    let s = Sonic::new("http://127.0.0.1:9");
    let link = format!("ethereum:{TOKEN}@146/transfer?address={OUTSIDER}&uint256=2.5e6");
    let v = s.json(&["pay", "parse", &link]);
    assert_eq!(v[0], serde_json::json!({"chain_id": 146, "to": OUTSIDER, "token": TOKEN, "raw": "2500000"}));
    let text = s.ok(&["pay", "parse", &link]);
    assert!(text.contains(TOKEN) && text.contains("2500000") && text.contains(OUTSIDER), "{text}");

    // Resolving needs the network; without it the link is still printed, marked so.
    let v = s.json(&["pay", "parse", "--resolve", &link]);
    assert_eq!((&v[0]["token"], &v[0]["raw"], &v[0]["resolved"]), (&TOKEN.into(), &"2500000".into(), &false.into()));
    assert!(v[0]["reason"].as_str().is_some_and(|r| !r.is_empty()), "{}", v[0]);

    // A symbol and a decimal amount, as given: no decimals are guessed.
    let v = s.json(&["pay", "parse", &format!("smartsonic://pay?to={OUTSIDER}&amount=1.5&token=USDC")]);
    assert_eq!(v[0]["token_symbol"], "USDC");
    assert_eq!(v[0]["amount"], "1.5");
    assert_eq!(v[0]["raw"], serde_json::Value::Null);
}

#[tokio::test(flavor = "multi_thread")]
async fn parse_resolve_looks_up_a_registered_token() {
    use alloy::{network::EthereumWallet, providers::ProviderBuilder, signers::local::PrivateKeySigner};
    let node = anvil(&[]);
    let key: PrivateKeySigner = node.keys()[0].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let token = sonic_testkit::TestToken::deploy(&p, "Test".into(), "TT".into(), 6).await.expect("deploy");
    let token = token.address().to_checksum(None);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    s.json(&["tokens", "add", &token]);
    let v = s.json(&["pay", "parse", "--resolve", &format!("smartsonic://pay?to={OUTSIDER}&amount=1.5&token=TT")]);
    assert_eq!(v[0]["resolved"], true, "{}", v[0]);
    assert_eq!((&v[0]["symbol"], &v[0]["decimals"], &v[0]["raw"]), (&"TT".into(), &6.into(), &"1500000".into()));
    assert_eq!(v[0]["token"], token.as_str());
}
