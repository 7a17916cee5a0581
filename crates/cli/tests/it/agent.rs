//! `sonic agent parse`: the JSON contract of shared/docs/agent-actions.md.

use crate::support::Sonic;

#[test]
fn parse_prints_one_json_object_and_exits_0() {
    let s = Sonic::new("http://127.0.0.1:1");
    std::fs::write(s.path("contacts.json"), r#"{"Alice": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}"#)
        .expect("contacts");
    let c = s.path("contacts.json");
    let out = s.ok(&["agent", "parse", "--contacts", c.to_str().expect("p"), "send 5 S to alice"]);
    assert_eq!(out.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["intent"], "send");
    assert_eq!(v["status"], "ready");
    assert_eq!(v["missing"], serde_json::json!([]));
    assert_eq!(v["slots"]["to_address"], "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let v: serde_json::Value =
        serde_json::from_str(&s.ok(&["agent", "parse", "--contacts", c.to_str().expect("p"), "blorp"])).expect("json");
    assert_eq!(v["intent"], "unknown");
}

#[test]
fn parse_bad_invocation_exits_2() {
    let s = Sonic::new("http://127.0.0.1:1");
    let out = s.run(&["agent", "parse", "--contacts", "/nonexistent.json", "hi"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(s.path("bad.json"), "[1,2]").expect("bad");
    let out = s.run(&["agent", "parse", "--contacts", s.path("bad.json").to_str().expect("p"), "hi"]);
    assert_eq!(out.status.code(), Some(2));
    let out = s.run(&["agent", "parse"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn parse_uses_the_store_address_book() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.ok(&["contacts", "add", "Dora", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"]);
    let v: serde_json::Value = serde_json::from_str(&s.ok(&["agent", "parse", "send 1 S to dora"])).expect("json");
    assert_eq!(v["slots"]["to_address"], "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");
    let v: serde_json::Value = serde_json::from_str(&s.ok(&["agent", "parse", "send 1 S to zed"])).expect("json");
    assert_eq!(v["status"], "needs_clarification");
}
