//! Contacts decide where money goes, so chat changes them only through a plan the user
//! confirms: the card shows the old and the new address, "no" leaves the book as it
//! was, and a changed contact keeps its "changed recently" flag on the next send.

use std::time::Duration;

use sonic_engine::{AmountSpec, Error, SendRequest};
use sonic_types::{
    checksum,
    dto::{PlanKind, Risk},
    parse_address,
};

use crate::support::{anvil, engine, OUTSIDER};

const ALICE: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

fn alice_address(e: &sonic_engine::Engine) -> Option<String> {
    e.contacts().expect("contacts").into_iter().find(|c| c.name == "alice").map(|c| checksum(&c.address))
}

#[tokio::test(flavor = "multi_thread")]
async fn chat_changes_a_contact_only_through_a_confirmed_card() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_contact("alice", ALICE).expect("alice");

    // The user's own order to change alice: a plan with old and new, nothing saved yet.
    let r = e.agent_turn(&format!("change alice's address to {OUTSIDER}")).await.expect("reply");
    let plan = r.plan.expect("a contact change is a plan");
    assert_eq!(plan.kind, PlanKind::Contact { name: "alice".into(), previous: Some(ALICE.into()) }, "{}", r.text);
    assert_eq!(checksum(&plan.to), OUTSIDER);
    assert!(plan.risks.contains(&Risk::ContactAddressChange { contact: "alice".into() }));
    assert!(r.text.contains(ALICE) && r.text.contains(OUTSIDER), "the card shows old and new: {}", r.text);
    assert_eq!(alice_address(&e).as_deref(), Some(ALICE), "nothing changes before confirmation");

    // "no" drops it.
    let no = e.agent_turn("no").await.expect("reply");
    assert!(no.text.contains("cancelled"), "{}", no.text);
    assert_eq!(alice_address(&e).as_deref(), Some(ALICE));
    let gone = e.confirm_contact(&plan.id).await;
    assert!(matches!(gone, Err(Error::Plan(_))), "a cancelled plan is gone: {gone:?}");

    // "yes" to a new card saves it, once.
    let r = e.agent_turn(&format!("change alice's address to {OUTSIDER}")).await.expect("reply");
    let id = r.plan.expect("plan").id;
    let done = e.agent_turn_with("yes", Some(&id)).await.expect("reply");
    assert!(done.text.starts_with("Saved alice"), "{}", done.text);
    assert_eq!(alice_address(&e).as_deref(), Some(OUTSIDER));
    assert!(matches!(e.confirm_contact(&id).await, Err(Error::Plan(_))), "confirmed once only");

    // The next send to alice carries the "changed recently" risk.
    let send = e
        .plan_send(SendRequest {
            from: None,
            to: "alice".into(),
            amount: AmountSpec::parse("1").expect("a"),
            asset: None,
        })
        .await
        .expect("plan");
    assert!(send.risks.contains(&Risk::ContactChangedRecently { contact: "alice".into() }), "{:?}", send.risks);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_contact_from_chat_is_a_plan_too_and_a_contact_plan_signs_nothing() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let r = e.agent_turn(&format!("save {OUTSIDER} as dave")).await.expect("reply");
    let plan = r.plan.expect("plan");
    assert_eq!(plan.kind, PlanKind::Contact { name: "dave".into(), previous: None });
    assert!(e.contacts().expect("contacts").is_empty(), "nothing saved before confirmation");
    // The transaction path refuses a contact plan (it must not be mistaken for a send).
    assert!(matches!(e.confirm(&plan.id, Some(Duration::from_secs(5))).await, Err(Error::Plan(_))));
    let c = e.confirm_contact(&plan.id).await.expect("saved");
    assert_eq!(c.address, parse_address(OUTSIDER).expect("a"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contact_plan_is_refused_when_the_contact_changed_meanwhile() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_contact("alice", ALICE).expect("alice");
    let shown = e.plan_contact("alice", OUTSIDER).await.expect("plan");
    // Changed by another path after the card was shown: the card's "before" is stale.
    e.add_contact("alice", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC").expect("other");
    let err = e.confirm_contact(&shown.id).await.expect_err("stale card refused");
    assert!(err.to_string().contains("changed since"), "{err}");
    assert_eq!(alice_address(&e).as_deref(), Some("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));
}
