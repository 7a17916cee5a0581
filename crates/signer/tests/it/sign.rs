//! Message signatures: `personal_sign` and `eth_signTypedData_v4` become cards; the
//! signature comes only from the user's confirmation and recovers to the account. A
//! permit is flagged as a spending approval; typed data for another chain is refused.

use alloy::primitives::{Address, Signature};
use serde_json::{json, Value};
use sonic_types::dto::{PlanKind, Risk};

use crate::support::{code, proposed, setup};

/// Calls `method` in the background; the reply once the card is answered.
fn calling(url: String, method: &'static str, params: Value) -> tokio::task::JoinHandle<Value> {
    tokio::spawn(async move {
        reqwest::Client::new()
            .post(url)
            .json(&json!({"jsonrpc": "2.0", "id": 7, "method": method, "params": params}))
            .send()
            .await
            .expect("post")
            .json()
            .await
            .expect("json")
    })
}

fn signature(reply: &Value) -> Signature {
    reply["result"].as_str().unwrap_or_else(|| panic!("no signature: {reply}")).parse().expect("signature")
}

#[tokio::test(flavor = "multi_thread")]
async fn personal_sign_is_a_card_and_its_signature_recovers_to_the_account() {
    let s = setup().await;
    let acct = s.account().await;
    let asked = calling(s.signer.url(), "personal_sign", json!(["0x48656c6c6f2c20536f6e6963", acct]));
    let plan = proposed(&s.engine, "signer").await;
    assert_eq!(
        plan.kind,
        PlanKind::SignMessage {
            origin: "a local program".into(),
            method: "personal_sign".into(),
            message: "Hello, Sonic".into()
        }
    );
    let done = s.engine.confirm_plan(&plan.id, None).await.expect("confirm");
    let reply = asked.await.expect("join");
    assert_eq!(reply["result"].as_str(), done.signature());
    let sig = signature(&reply);
    let signer = sig.recover_address_from_msg(b"Hello, Sonic").expect("recover");
    assert_eq!(signer, acct.parse::<Address>().expect("address"));

    // Rejected: 4001, no signature.
    let asked = calling(s.signer.url(), "personal_sign", json!(["plain text", acct]));
    let plan = proposed(&s.engine, "signer").await;
    assert!(s.engine.reject_plan(&plan.id).await);
    assert_eq!(code(&asked.await.expect("join")), 4001);
    // Not the wallet's account: refused before any card.
    let r = s.call(None, "personal_sign", json!(["0x68", crate::support::OUTSIDER])).await;
    assert_eq!(code(&r), 4100);
}

fn permit(chain_id: u64, owner: &str) -> Value {
    json!({
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}
            ],
            "Permit": [
                {"name": "owner", "type": "address"}, {"name": "spender", "type": "address"},
                {"name": "value", "type": "uint256"}, {"name": "nonce", "type": "uint256"},
                {"name": "deadline", "type": "uint256"}
            ]
        },
        "primaryType": "Permit",
        "domain": {"name": "USD Coin", "version": "2", "chainId": chain_id,
                   "verifyingContract": "0x5FbDB2315678afecb367f032d93F642f64180aa3"},
        "message": {"owner": owner, "spender": "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
                    "value": "115792089237316195423570985008687907853269984665640564039457584007913129639935",
                    "nonce": 0, "deadline": 1900000000}
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_permit_is_a_spending_approval_and_its_signature_verifies() {
    let s = setup().await;
    let acct = s.account().await;
    let typed = permit(31337, &acct);
    // As a JSON string, as most clients send it.
    let asked = calling(s.signer.url(), "eth_signTypedData_v4", json!([acct, typed.to_string()]));
    let plan = proposed(&s.engine, "signer").await;
    assert!(matches!(&plan.kind, PlanKind::SignMessage { method, .. } if method == "eth_signTypedData_v4"));
    assert!(
        plan.risks.contains(&Risk::SpendingApproval {
            spender: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC".into(),
            token: "0x5FbDB2315678afecb367f032d93F642f64180aa3".into(),
            amount: "unlimited".into(),
            deadline: Some("1900000000".into()),
        }),
        "{:?}",
        plan.risks
    );
    assert!(plan
        .risks
        .contains(&Risk::UnlimitedApproval { spender: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC".into() }));
    assert!(plan.summary.contains("spending approval"), "{}", plan.summary);
    s.engine.confirm_plan(&plan.id, None).await.expect("confirm");
    let sig = signature(&asked.await.expect("join"));
    let data: alloy::dyn_abi::TypedData = serde_json::from_value(typed).expect("typed");
    let hash = data.eip712_signing_hash().expect("hash");
    assert_eq!(sig.recover_address_from_prehash(&hash).expect("recover"), acct.parse::<Address>().expect("a"));

    // Typed data for another chain: refused, no card.
    let r = s.call(None, "eth_signTypedData_v4", json!([acct, permit(146, &acct)])).await;
    assert_eq!(code(&r), -32602, "{r}");
    assert!(r["error"]["message"].as_str().is_some_and(|m| m.contains("chain 146")), "{r}");
    assert!(s.engine.pending_plans().await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_message_card_is_confirmed_only_through_the_gate_and_waits_out_a_lock() {
    let s = setup().await;
    let acct = s.account().await;
    let asked = calling(s.signer.url(), "personal_sign", json!(["hello", acct]));
    let plan = proposed(&s.engine, "signer").await;
    // The transaction path refuses it and leaves it pending.
    assert!(s.engine.confirm(&plan.id, None).await.is_err());
    assert!(s.engine.pending_plan(&plan.id).await.is_some());
    // Locked: refused, and the card stays for after the unlock.
    s.engine.lock().await;
    let err = s.engine.confirm_plan(&plan.id, None).await.expect_err("locked");
    assert_eq!(err.code(), sonic_types::ErrorCode::Locked);
    assert!(s.engine.pending_plan(&plan.id).await.is_some());
    s.engine.unlock(b"pw").await.expect("unlock");
    s.engine.confirm_plan(&plan.id, None).await.expect("confirm");
    let sig = signature(&asked.await.expect("join"));
    assert_eq!(sig.recover_address_from_msg(b"hello").expect("recover"), acct.parse::<Address>().expect("a"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unanswered_card_expires_as_a_rejection() {
    let s = crate::support::setup_with_ttl(std::time::Duration::from_secs(1)).await;
    let acct = s.account().await;
    let r = s.call(None, "personal_sign", json!(["hello", acct])).await;
    assert_eq!(code(&r), 4001, "{r}");
    assert!(r["error"]["message"].as_str().is_some_and(|m| m.contains("in time")), "{r}");
    assert!(s.engine.pending_plans().await.is_empty());
}
