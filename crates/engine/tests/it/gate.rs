//! Only `confirm(plan id)` signs, once, before expiry, unlocked; plans carry risks.

use std::time::Duration;

use alloy::providers::{Provider, ProviderBuilder};
use sonic_engine::{AmountSpec, Error, SendRequest};
use sonic_types::{dto::Risk, parse_address, parse_units, Event, U256};

use crate::support::{anvil, engine, OUTSIDER};

fn req(to: &str, amount: &str) -> SendRequest {
    SendRequest { from: None, to: to.into(), amount: AmountSpec::parse(amount).expect("amount"), asset: None }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_confirms_once() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let mut events = e.bus().subscribe();
    let plan = e.plan_send(req(OUTSIDER, "2")).await.expect("plan");
    assert!(plan.summary.starts_with("Send 2 S to 0x9965…A4dc, fee about"), "{}", plan.summary);
    assert!(plan.risks.contains(&Risk::FirstPayment));
    assert!(plan.risks.contains(&Risk::NotMainnet { network: "local".into() }));
    let r = e.confirm(&plan.id, Some(Duration::from_secs(20))).await.expect("confirm");
    assert!(r.block.is_some());
    assert!(matches!(events.recv().await.expect("event"), Event::TxSent { .. }));
    assert!(matches!(events.recv().await.expect("event"), Event::TxConfirmed { .. }));
    let again = e.confirm(&plan.id, None).await.expect_err("second confirm refused");
    assert!(matches!(again, Error::Plan(_)), "{again}");
    assert!(matches!(e.confirm("made-up", None).await, Err(Error::Plan(_))));
    // Paid once: the next plan to the same address is no longer a first payment.
    let next = e.plan_send(req(OUTSIDER, "1")).await.expect("plan");
    assert!(!next.risks.contains(&Risk::FirstPayment));
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_and_cancelled_plans_are_refused() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let e = e.with_plan_ttl(Duration::ZERO);
    let plan = e.plan_send(req(OUTSIDER, "1")).await.expect("plan");
    let err = e.confirm(&plan.id, None).await.expect_err("expired");
    assert!(err.to_string().contains("expired"), "{err}");
    let e = e.with_plan_ttl(Duration::from_secs(120));
    let plan = e.plan_send(req(OUTSIDER, "1")).await.expect("plan");
    assert!(e.cancel_plan(&plan.id).await);
    assert!(matches!(e.confirm(&plan.id, None).await, Err(Error::Plan(_))));
    let provider = ProviderBuilder::new().connect_http(node.endpoint_url());
    let from = e.resolve_account(None).await.expect("acct").address;
    assert_eq!(provider.get_transaction_count(from).await.expect("nonce"), 0, "nothing signed");
}

#[tokio::test(flavor = "multi_thread")]
async fn locked_vault_cannot_confirm() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let plan = e.plan_send(req(OUTSIDER, "1")).await.expect("plan");
    e.lock().await;
    let err = e.confirm(&plan.id, None).await.expect_err("locked");
    assert_eq!(err.to_ipc().code, sonic_types::ErrorCode::Locked);
    // The refusal does not use the plan up: after unlocking, the same card confirms.
    assert!(e.pending_plan(&plan.id).await.is_some(), "still pending after a locked confirm");
    e.unlock(b"pw").await.expect("unlock");
    let sent = e.confirm(&plan.id, Some(Duration::from_secs(20))).await.expect("confirm after unlock");
    assert!(sent.block.is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn back_to_back_confirms_use_consecutive_nonces() {
    let node = anvil(&["--no-mining"]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let mut hashes = vec![];
    for amount in ["1", "2", "3"] {
        let plan = e.plan_send(req(OUTSIDER, amount)).await.expect("plan");
        hashes.push(e.confirm(&plan.id, None).await.expect("broadcast").hash);
    }
    let provider = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: String = provider.raw_request("evm_mine".into(), ()).await.expect("mine");
    for h in hashes {
        let r = provider.get_transaction_receipt(h.parse().expect("hash")).await.expect("rpc").expect("mined");
        assert!(r.status());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn max_and_percent_leave_the_fee() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 2).await;
    let balance = e.balance(None, None).await.expect("balance").raw;
    let plan = e.plan_send(req(OUTSIDER, "max")).await.expect("plan");
    assert_eq!(plan.raw + plan.max_fee, balance, "max = balance - worst-case fee");
    assert!(plan.risks.contains(&Risk::LargeShare));
    let half = e.plan_send(req(OUTSIDER, "50%")).await.expect("plan");
    assert_eq!(half.raw, (balance - half.max_fee) / U256::from(2u8));
    let r = e.confirm(&plan.id, Some(Duration::from_secs(20))).await.expect("confirm");
    assert!(r.block.is_some(), "a max send fits its own fee");
}

#[tokio::test(flavor = "multi_thread")]
async fn risks_own_account_and_lookalike_contact() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 2).await;
    let own = e.accounts().await.expect("accounts")[1].address;
    let plan = e.plan_send(req(&own.to_checksum(None), "1")).await.expect("plan");
    assert!(plan.risks.contains(&Risk::OwnAccount));
    // A contact 0x9965…A4dc and an address with the same first and last 4 hex digits.
    e.add_contact("dave", OUTSIDER).expect("contact");
    let lookalike = "0x9965000000000000000000000000000000a0a4dc";
    let plan = e.plan_send(req(lookalike, "1")).await.expect("plan");
    assert!(plan.risks.contains(&Risk::LookalikeContact { contact: "dave".into() }), "{:?}", plan.risks);
    let by_name = e.plan_send(req("dave", "1")).await.expect("plan");
    assert_eq!(by_name.to, parse_address(OUTSIDER).expect("addr"));
    assert_eq!(by_name.to_label.as_deref(), Some("dave"));
    assert_eq!(by_name.raw, parse_units("1", 18).expect("units"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contact_changed_recently_is_flagged() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_contact("erin", OUTSIDER).expect("contact");
    let plan = e.plan_send(req("erin", "1")).await.expect("plan");
    assert!(!plan.risks.iter().any(|r| matches!(r, Risk::ContactChangedRecently { .. })), "new contact, not changed");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    e.add_contact("erin", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8").expect("changed");
    let plan = e.plan_send(req("erin", "1")).await.expect("plan");
    assert!(plan.risks.contains(&Risk::ContactChangedRecently { contact: "erin".into() }), "{:?}", plan.risks);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_proposed_plan_is_listed_with_its_origin_and_its_waiter_hears_the_answer() {
    use sonic_types::dto::PlanOutcome;
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let mut events = e.bus().subscribe();
    let plan = e.plan_send(req(OUTSIDER, "1")).await.expect("plan");
    let shown = e.propose_as(&plan.id, "mcp").await.expect("propose");
    assert_eq!(shown.origin.as_deref(), Some("mcp"));
    match events.recv().await.expect("event") {
        Event::PlanProposed { plan: p } => {
            assert_eq!((p.id.as_str(), p.origin.as_deref()), (plan.id.as_str(), Some("mcp")))
        }
        other => panic!("expected PlanProposed, got {other:?}"),
    }
    let listed = e.pending_plans().await;
    assert_eq!(
        listed.iter().map(|p| (p.id.clone(), p.origin.clone())).collect::<Vec<_>>(),
        vec![(plan.id.clone(), Some("mcp".to_string()))]
    );
    // A waiter hears the confirmation with the hash that was sent.
    let (outcome, done) = tokio::join!(e.wait_plan(&plan.id), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        e.confirm_plan(&plan.id, Some(Duration::from_secs(20))).await.expect("confirm")
    });
    assert_eq!(outcome, PlanOutcome::Confirmed { hash: done.hash(), signature: None });
    assert!(e.pending_plans().await.is_empty());
    // A rejection ends the wait with Rejected and nothing is signed for it.
    let second = e.plan_send(req(OUTSIDER, "1")).await.expect("plan");
    let (outcome, rejected) = tokio::join!(e.wait_plan(&second.id), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        e.reject_plan(&second.id).await
    });
    assert!(rejected);
    assert_eq!(outcome, PlanOutcome::Rejected);
    assert!(matches!(e.confirm(&second.id, None).await, Err(Error::Plan(_))));
    // An unknown plan is over at once.
    assert_eq!(e.wait_plan("made-up").await, PlanOutcome::Expired);
    // An expiring plan ends its wait as Expired and cannot be confirmed afterwards.
    let e = e.with_plan_ttl(Duration::from_secs(1));
    let third = e.plan_send(req(OUTSIDER, "1")).await.expect("plan");
    assert_eq!(e.wait_plan(&third.id).await, PlanOutcome::Expired);
    assert!(matches!(e.confirm(&third.id, None).await, Err(Error::Plan(_))));
}
