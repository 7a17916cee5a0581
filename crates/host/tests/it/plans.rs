//! Plans through the host: proposed with the client's origin, rejected without moving
//! anything, and confirmed only once a client has unlocked the host.

use alloy::primitives::U256;
use sonic_types::{
    dto::{PlanDoneView, TxState},
    host::{PlanConfirmWaitArgs, PlanGetArgs, SendRequestArgs},
    ipc::{PlanCancelArgs, PlansPendingArgs, WalletUnlockArgs},
    ErrorCode,
};

use crate::support::{Served, OUTSIDER, PASSWORD};

fn send(amount: &str) -> SendRequestArgs {
    SendRequestArgs { from: None, to: OUTSIDER.into(), amount: amount.into(), token: None }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_host_refuses_to_confirm_until_a_client_unlocks_it() {
    let served = Served::new(false).await;
    let before = served.chain_balance(OUTSIDER).await;
    let mut client = served.client().await.with_client("mcp");
    let mut events = served.engine.bus().subscribe();
    let plan = client.call(&send("1.5")).await.expect("plan");
    assert_eq!(plan.origin.as_deref(), Some("mcp"));
    match events.recv().await.expect("event") {
        sonic_types::Event::PlanProposed { plan: p } => {
            assert_eq!((p.id, p.origin), (plan.id.clone(), Some("mcp".into())))
        }
        other => panic!("expected PlanProposed, got {other:?}"),
    }

    let e = client.call(&PlanConfirmWaitArgs { id: plan.id.clone(), wait_secs: 30 }).await.expect_err("locked");
    assert_eq!(e.code, ErrorCode::Locked);
    let listed = client.call(&PlansPendingArgs {}).await.expect("list");
    assert_eq!(listed.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), [plan.id.as_str()], "still pending");
    assert_eq!(served.chain_balance(OUTSIDER).await, before);

    let e = client.call(&WalletUnlockArgs { password: "hunter2-not-it".into() }).await.expect_err("wrong");
    assert_eq!(e.code, ErrorCode::WrongPassword);
    assert!(!e.message.contains("hunter2"), "the password is not echoed: {}", e.message);
    client.call(&WalletUnlockArgs { password: PASSWORD.into() }).await.expect("unlock");
    let done = client.call(&PlanConfirmWaitArgs { id: plan.id.clone(), wait_secs: 30 }).await.expect("confirm");
    let PlanDoneView::Sent(sent) = done else { panic!("a transfer sends: {done:?}") };
    assert_eq!(sent.status, TxState::Confirmed);
    assert!(sent.block.is_some());
    let wei = U256::from(15u64) * U256::from(10u64).pow(U256::from(17u64));
    assert_eq!(served.chain_balance(OUTSIDER).await, before + wei);
    assert!(client.call(&PlansPendingArgs {}).await.expect("list").is_empty());
    // Confirmed once only.
    let again = client.call(&PlanConfirmWaitArgs { id: plan.id, wait_secs: 0 }).await.expect_err("used");
    assert_eq!(again.code, ErrorCode::PlanInvalid);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_plan_moves_nothing() {
    let served = Served::new(true).await;
    let before = served.chain_balance(OUTSIDER).await;
    let mut client = served.client().await;
    let plan = client.call(&send("2")).await.expect("plan");
    assert_eq!(plan.origin.as_deref(), Some("cli"));
    assert!(client.call(&PlanGetArgs { id: plan.id.clone() }).await.expect("get").is_some());
    assert!(client.call(&PlanCancelArgs { id: plan.id.clone() }).await.expect("reject"));
    assert!(!client.call(&PlanCancelArgs { id: plan.id.clone() }).await.expect("twice"), "already gone");
    let e = client.call(&PlanConfirmWaitArgs { id: plan.id, wait_secs: 5 }).await.expect_err("rejected");
    assert_eq!(e.code, ErrorCode::PlanInvalid);
    assert_eq!(served.chain_balance(OUTSIDER).await, before);
}
