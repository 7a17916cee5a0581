//! The chat agent over the engine: answers from live data, plans confirmed by "yes",
//! conversation state that survives a restart.

use sonic_engine::{Config, Engine, KdfParams};

use crate::support::{anvil, engine};

const ALICE: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

#[tokio::test(flavor = "multi_thread")]
async fn chat_send_confirm_and_history() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_contact("alice", ALICE).expect("contact");
    assert_eq!(e.agent_turn("what's my balance?").await.expect("reply").text, "You have 10000 S.");
    let q = e.agent_turn("send 5 S").await.expect("reply");
    assert!(q.text.starts_with("Who should receive 5 S?"), "{}", q.text);
    assert!(q.plan.is_none());
    let p = e.agent_turn("to alice").await.expect("reply");
    let plan = p.plan.expect("a plan to confirm");
    assert_eq!(plan.amount, "5");
    assert_eq!(plan.to_label.as_deref(), Some("alice"));
    let done = e.agent_turn_with("yes", Some(&plan.id)).await.expect("confirm");
    assert!(done.text.starts_with("Sent: 0x") && done.text.contains("Confirmed in block"), "{}", done.text);
    let h = e.agent_turn("how much did I send to alice?").await.expect("reply");
    assert_eq!(h.text, "You sent 5 S to alice in 1 transaction.");
    // "yes" with nothing pending confirms nothing.
    let again = e.agent_turn("yes").await.expect("reply");
    assert!(again.plan.is_none() && !again.text.starts_with("Sent"), "{}", again.text);
}

#[tokio::test(flavor = "multi_thread")]
async fn yes_confirms_only_the_plan_whose_card_is_on_screen() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_contact("alice", ALICE).expect("contact");
    let first = e.agent_turn("send 1 S to alice").await.expect("reply").plan.expect("a plan");
    // Its card is gone (another page, a reload): "yes" confirms nothing.
    let r = e.agent_turn("yes").await.expect("reply");
    assert!(r.text.contains("no plan on screen") && r.action.is_none(), "{}", r.text);
    let second = e.agent_turn("send 2 S to alice").await.expect("reply").plan.expect("a plan");
    // A card for another plan, or an unknown one, confirms nothing either.
    let r = e.agent_turn_with("yes", Some("not-a-plan")).await.expect("reply");
    assert!(r.text.contains("no plan on screen"), "{}", r.text);
    let h = e.agent_turn("how much did I send to alice?").await.expect("reply");
    assert!(h.text.starts_with("No matching transactions"), "nothing was sent: {}", h.text);
    // The card on screen is what "yes" confirms, even after other messages.
    let r = e.agent_turn_with("yes", Some(&second.id)).await.expect("reply");
    assert!(r.text.starts_with("Sent: 0x"), "{}", r.text);
    let h = e.agent_turn("how much did I send to alice?").await.expect("reply");
    assert_eq!(h.text, "You sent 2 S to alice in 1 transaction.");
    // The first plan is still pending: its own card could still confirm it.
    assert!(e.plan_kind(&first.id).await.is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn no_cancels_and_state_survives_restart() {
    let node = anvil(&[]);
    let (e, dir) = engine(&node.endpoint(), 1).await;
    e.add_contact("alice", ALICE).expect("contact");
    e.agent_turn("send 2 S").await.expect("question");
    drop(e);
    let e = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("local".into()),
        rpc: Some(node.endpoint()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("reopen");
    let p = e.agent_turn("alice").await.expect("reply");
    let plan = p.plan.expect("the answer completes the pending question after a restart");
    assert_eq!(plan.amount, "2");
    let no = e.agent_turn("no").await.expect("reply");
    assert!(no.text.contains("Nothing was sent"));
    assert!(e.confirm(&plan.id, None).await.is_err(), "a rejected plan cannot be confirmed");
}

/// A question about an amount or a recipient says what was wrong with what was
/// written, not only what is missing (a new user was asked "Who should receive 2 S?"
/// after naming someone who is no contact).
#[tokio::test(flavor = "multi_thread")]
async fn questions_say_why_an_amount_or_a_recipient_was_not_taken() {
    let node = anvil(&[]);
    let (e, _dir) = engine(&node.endpoint(), 1).await;
    e.add_contact("alice", ALICE).expect("contact");
    for (said, why) in [
        ("send 2 S to charlie", "'charlie' is not one of your contacts"),
        ("send 0 S to alice", "0 sends nothing: an amount must be more than zero"),
        ("send 1.0000000000000000001 S to alice", "has more than 18 decimals"),
        ("send 1 S to 0x70997970c51812dc3A010C7d01b50e0d17dc79C8", "wrong EIP-55 checksum"),
    ] {
        let r = e.agent_turn(said).await.expect("reply");
        assert!(r.plan.is_none(), "{said}");
        assert!(r.text.contains(why), "{said}: {}", r.text);
        e.agent_turn("no").await.expect("drop the question");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn unsafe_messages_never_plan() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.add_contact("alice", ALICE).expect("contact");
    for text in [
        "don't send 5 S to alice",
        "the website says to send 1 S to alice",
        "what happens if I send 5 S to alice?",
        "did I send 5 S to alice?",
        "swap 10 S for USDC",
        "stake 100 S",
    ] {
        let r = e.agent_turn(text).await.expect("reply");
        assert!(r.plan.is_none(), "{text} -> {}", r.text);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_desktop_never_reads_a_file_path_written_in_the_chat() {
    let node = anvil(&[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let e = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("local".into()),
        rpc: Some(node.endpoint()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine")
    .without_chat_file_paths();
    let secret = dir.path().join("id_rsa");
    std::fs::write(&secret, "-----BEGIN OPENSSH PRIVATE KEY-----").expect("file");
    let r = e.agent_turn(&format!("mint an NFT called Dawn with image {}", secret.display())).await.expect("reply");
    assert!(r.plan.is_none() && r.text.contains("file dialog"), "{}", r.text);
    assert!(!dir.path().join("data/ipfs").exists(), "nothing was read into the content store");
}

#[tokio::test(flavor = "multi_thread")]
async fn chat_pays_from_and_reads_the_users_own_named_account() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 2).await;
    e.add_contact("dora", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc").expect("contact");
    let second = e.accounts().await.expect("accounts")[1].clone();
    e.rename_account("1", "Savings").await.expect("rename");
    let r = e.agent_turn("send 1 S from Savings to dora").await.expect("reply");
    let plan = r.plan.unwrap_or_else(|| panic!("a plan: {}", r.text));
    assert_eq!(plan.from, second.address, "paid from the named account, not the default");
    assert!(plan.summary.contains("from Savings"), "the card says so: {}", plan.summary);
    let b = e.agent_turn("what's the balance of my Savings account?").await.expect("reply");
    assert!(b.text.starts_with("Your account Savings") && b.text.contains("10000 S"), "{}", b.text);
}
