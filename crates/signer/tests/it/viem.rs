//! A dapp written with viem (tools/signer-client.mjs, Node's fetch with an `Origin`):
//! eth_requestAccounts (the test approves the connection card), personal_sign (the
//! test confirms; the script recovers the address and compares) and a send (the test
//! confirms; the script waits for the receipt).

use std::{process::Stdio, time::Duration};

use alloy::primitives::U256;
use serde_json::Value;
use sonic_types::dto::PlanKind;
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::Command,
};

use crate::support::{proposed, setup, OUTSIDER};

#[tokio::test(flavor = "multi_thread")]
async fn a_viem_dapp_connects_signs_and_sends_with_the_users_consent() {
    let s = setup().await;
    let site = "http://dapp.localhost:5173";
    let script = sonic_testkit::workspace().join("tools/signer-client.mjs");
    let mut child = Command::new("node")
        .arg(script)
        .args([&s.signer.url(), site, OUTSIDER])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut next = async || -> Value {
        let line = tokio::time::timeout(Duration::from_secs(90), lines.next_line())
            .await
            .expect("a step in time")
            .expect("read")
            .expect("the script ended early");
        serde_json::from_str(&line).expect("json line")
    };
    let me = format!("signer:{site}");
    let acct = s.account().await;

    let card = proposed(&s.engine, &me).await;
    assert_eq!(card.kind, PlanKind::ConnectOrigin { origin: site.into() });
    s.engine.confirm_plan(&card.id, None).await.expect("connect");
    let step = next().await;
    assert_eq!((step["step"].as_str(), step["account"].as_str()), (Some("connected"), Some(acct.as_str())));

    let card = proposed(&s.engine, &me).await;
    assert!(matches!(&card.kind, PlanKind::SignMessage { message, .. } if message == "Sign in to the signer test"));
    s.engine.confirm_plan(&card.id, None).await.expect("sign");
    let step = next().await;
    assert_eq!(step["step"], "signed", "{step}");
    assert_eq!(step["recovered"].as_str().map(str::to_lowercase), Some(acct.to_lowercase()));

    let before = s.balance(OUTSIDER).await;
    let card = proposed(&s.engine, &me).await;
    assert!(matches!(&card.kind, PlanKind::DappCall { origin, .. } if origin == site), "{:?}", card.kind);
    s.engine.confirm_plan(&card.id, None).await.expect("send");
    let step = next().await;
    assert_eq!((step["step"].as_str(), step["status"].as_str()), (Some("sent"), Some("success")), "{step}");
    assert_eq!(s.balance(OUTSIDER).await - before, U256::from(5u64 * 10u64.pow(17)));
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("exit").expect("status");
    assert!(status.success());
}
