//! `cast send --unlocked` (the cast from npm) through the signer port: the process
//! waits until the user confirms the card, then the transfer is mined; rejected, cast
//! fails and nothing moves.

use std::{process::Output, time::Duration};

use alloy::primitives::U256;
use sonic_types::dto::{PlanKind, Risk};
use tokio::process::Command;

use crate::support::{proposed, setup, Setup, OUTSIDER};

fn cast_send(s: &Setup, from: &str) -> tokio::task::JoinHandle<Output> {
    let mut cmd = Command::new(sonic_testkit::tool("cast"));
    cmd.args(["send", "--unlocked", "--from", from, "--rpc-url", &s.signer.url(), OUTSIDER, "--value", "1ether"])
        .env("FOUNDRY_DISABLE_NIGHTLY_WARNING", "1")
        .kill_on_drop(true);
    tokio::spawn(async move {
        tokio::time::timeout(Duration::from_secs(120), cmd.output())
            .await
            .expect("cast ended in time")
            .expect("cast runs")
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn cast_send_waits_for_the_users_confirmation_then_is_mined() {
    let s = setup().await;
    let from = s.account().await;
    let before = s.balance(OUTSIDER).await;
    let cast = cast_send(&s, &from);

    let plan = proposed(&s.engine, "signer").await;
    let PlanKind::DappCall { origin, method, decoded } = &plan.kind else { panic!("{:?}", plan.kind) };
    assert_eq!((origin.as_str(), method.as_str()), ("a local program", "transfer"));
    assert!(decoded.contains("sends 1 S"), "{decoded}");
    assert_eq!(plan.raw, U256::from(10u64.pow(18)));
    assert!(plan.risks.contains(&Risk::ExternalRequest { origin: "a local program".into() }));
    // Nothing moved while the card waits.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!cast.is_finished(), "cast must wait for the card");
    assert_eq!(s.nonce(&from).await, 0);

    let done = s.engine.confirm_plan(&plan.id, None).await.expect("confirm");
    let out = cast.await.expect("join");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "cast failed: {}{stdout}", String::from_utf8_lossy(&out.stderr));
    let hash = done.hash().expect("a hash");
    assert!(stdout.contains(&hash), "cast shows the hash it got: {stdout}");
    assert!(stdout.contains("status") && stdout.contains("1 (success)"), "mined: {stdout}");
    assert_eq!(s.balance(OUTSIDER).await - before, U256::from(10u64.pow(18)));
}

#[tokio::test(flavor = "multi_thread")]
async fn cast_send_rejected_fails_and_moves_nothing() {
    let s = setup().await;
    let from = s.account().await;
    let before = s.balance(OUTSIDER).await;
    let cast = cast_send(&s, &from);
    let plan = proposed(&s.engine, "signer").await;
    assert!(s.engine.reject_plan(&plan.id).await);
    let out = cast.await.expect("join");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "cast must fail");
    assert!(stderr.contains("4001") || stderr.contains("rejected"), "{stderr}");
    assert_eq!(s.balance(OUTSIDER).await, before);
    assert_eq!(s.nonce(&from).await, 0);
}
