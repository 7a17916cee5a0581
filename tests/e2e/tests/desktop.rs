//! The app as a whole: onboarding, chat cards, links, contacts, settings, offline.

use std::time::Duration;

use sonic_e2e::*;

#[tokio::test(flavor = "multi_thread")]
async fn onboard_send_from_chat_see_activity_notification_lock_unlock() {
    let node = anvil();
    let mut s = Session::start("main", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "10000").await;
    s.shot("balance").await;

    s.click("#tab-chat").await;
    s.type_in("#chat-input", &format!("send 1.5 S to {OUTSIDER}")).await;
    s.type_in("#chat-input", "\u{E007}").await;
    s.text_until("#plan-amount", |t| t == "1.5 S").await;
    s.text_until("#plan-to", |t| t == OUTSIDER).await;
    s.shot("plan-card").await;
    s.click("#confirm-plan").await;
    s.text_until("#messages", |t| t.contains("Confirmed in block")).await;
    s.shot("confirmed").await;

    s.click("#tab-activity").await;
    s.text_until("#history", |t| t.contains("1.5 S") && t.contains("confirmed")).await;
    s.shot("activity").await;
    s.click("#tab-wallet").await;
    // Shown rounded; the exact balance, fee included, is its title (on hover).
    s.text_until("#balance-S", |t| t != "10000").await;
    let after = s.find("#balance-S").await.attr("title").await.expect("title").unwrap_or_default();
    assert!(after.starts_with("9998.4") && after.len() > 6, "the exact balance has the fee: {after}");

    let mut seen = false;
    for _ in 0..50 {
        if s.notifications().contains("Transaction confirmed") {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(seen, "a desktop notification was sent: {}", s.notifications());

    s.click("#lock-button").await;
    s.type_in("#unlock-password", "wrong password").await;
    s.click("#unlock-button").await;
    s.text_until("#lock-screen .error", |t| t.contains("wrong password")).await;
    s.shot("wrong-password").await;
    let field = s.find("#unlock-password").await;
    field.clear().await.expect("clear");
    field.send_keys(PASSWORD).await.expect("type");
    s.click("#unlock-button").await;
    s.find("#tab-chat").await;
    s.shot("unlocked").await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn deep_link_from_a_second_launch_opens_a_confirmation_card() {
    let node = anvil();
    let mut s = Session::start("deeplink", &node.endpoint()).await;
    s.onboard().await;
    s.second_launch(&format!("ethereum:{OUTSIDER}@31337?value=2.5e18"));
    s.text_until("#plan-amount", |t| t == "2.5 S").await;
    s.text_until("#plan-to", |t| t == OUTSIDER).await;
    s.shot("link-card").await;
    // Escape cancels the card: nothing is sent.
    s.click("#cancel-plan").await;
    s.text_until("#send-notice", |t| t.contains("Nothing was sent")).await;
    // A link for another chain is refused with a clear message.
    s.second_launch(&format!("ethereum:{OUTSIDER}@146?value=1e18"));
    s.text_until(".wallet .error", |t| t.contains("for chain 146")).await;
    s.shot("wrong-chain").await;
    s.stop().await;
}

/// An unreachable node: the offline banner in the window, "(offline)" on the tray's
/// network line.
#[tokio::test(flavor = "multi_thread")]
async fn unreachable_rpc_paints_an_offline_state() {
    let mut s = Session::start("offline", "http://127.0.0.1:9").await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    s.text_until("#offline", |t| t.contains("Offline")).await;
    s.tray_until(|m| m.contains("'Network: local (offline)'")).await;
    s.shot("offline").await;
    s.stop().await;
}

/// Creating a wallet shows its recovery phrase and asks three of its words back before
/// the app opens; restored in another data directory, the phrase gives the same first
/// account.
#[tokio::test(flavor = "multi_thread")]
async fn creating_a_wallet_shows_the_phrase_that_restores_it() {
    let node = anvil();
    let mut s = Session::start("create", &node.endpoint()).await;
    s.click("#mode-create").await;
    s.type_in("#password", PASSWORD).await;
    s.type_in("#password-repeat", PASSWORD).await;
    s.click("#onboarding-submit").await;
    let words = s.texts("#mnemonic li").await;
    assert_eq!(words.len(), 12, "the twelve words are on screen: {words:?}");
    s.shot("phrase").await;
    let done = s.find("#mnemonic-done").await;
    assert!(!done.is_enabled().await.expect("enabled"), "the app does not open before the words are confirmed");
    for k in 0..3 {
        let label = s.text_until(&format!("#confirm-word-label-{k}"), |t| t.starts_with("Word ")).await;
        let n: usize = label.trim_start_matches("Word ").trim().parse().expect("a word number");
        s.type_in(&format!("#confirm-word-{k}"), &words[n - 1]).await;
    }
    s.shot("words-confirmed").await;
    s.click("#mnemonic-done").await;
    s.click("#tab-wallet").await;
    let shown = s.text_until(".accounts code", |t| t.starts_with("0x")).await;
    s.shot("opened").await;
    s.stop().await;

    let elsewhere = tempfile::tempdir().expect("tempdir");
    let engine = sonic_engine::Engine::open(sonic_engine::Config {
        data_dir: elsewhere.path().join("data"),
        network: Some("local".into()),
        rpc: Some(node.endpoint()),
        kdf: sonic_engine::KdfParams::insecure_for_tests(),
    })
    .expect("a second data directory");
    let restored = engine.import_mnemonic(PASSWORD.as_bytes(), &words.join(" "), "", 1).await.expect("restore");
    assert_eq!(sonic_types::checksum(&restored[0].address), shown, "the phrase shown restores the same account");
}

/// A chat card stays while other pages are visited, with the conversation; a typed
/// "yes" confirms only the chat's card on screen: once the page reloaded, the
/// still-pending plan comes back as a card above the page (not the chat's), and a
/// "yes" does not send it.
#[tokio::test(flavor = "multi_thread")]
async fn a_chat_card_survives_other_pages_and_yes_needs_it_on_screen() {
    let node = anvil();
    let mut s = Session::start("chat-card", &node.endpoint()).await;
    s.onboard().await;
    let before = balance(&node, OUTSIDER).await;
    s.click("#tab-chat").await;
    s.say(&format!("send 1.5 S to {OUTSIDER}")).await;
    s.text_until("#plan-amount", |t| t == "1.5 S").await;
    s.click("#tab-wallet").await;
    s.find("#send-form").await;
    s.click("#tab-chat").await;
    s.text_until("#plan-amount", |t| t == "1.5 S").await;
    s.text_until("#messages", |t| t.contains(&format!("send 1.5 S to {OUTSIDER}"))).await;
    s.shot("card-kept").await;

    s.client.refresh().await.expect("reload");
    s.text_until("#outside-cards #plan-origin", |t| t.contains("before a reload")).await;
    s.click("#tab-chat").await;
    s.say("yes").await;
    s.text_until("#messages", |t| t.contains("no plan on screen")).await;
    assert!(!s.present("#messages #plan-card").await, "no chat card came back");
    assert_eq!(balance(&node, OUTSIDER).await, before, "a yes without a card sent nothing");
    s.shot("yes-without-card").await;
    s.click("#outside-cards #cancel-plan").await;
    s.gone("#outside-cards #plan-card").await;

    s.say(&format!("send 1 S to {OUTSIDER}")).await;
    s.text_until("#plan-amount", |t| t == "1 S").await;
    s.say("yes").await;
    s.text_until("#messages", |t| t.contains("Sent: 0x")).await;
    s.gone("#plan-card").await;
    assert_eq!(balance(&node, OUTSIDER).await, before + whole_s(1), "only the plan on screen was sent");
    s.shot("yes-with-card").await;
    s.stop().await;
}

/// Payment links never replace a card on screen: they wait, one card at a time, and
/// each link delivered by a second launch shows exactly once.
#[tokio::test(flavor = "multi_thread")]
async fn payment_links_wait_their_turn_and_each_shows_once() {
    let node = anvil();
    let mut s = Session::start("link-queue", &node.endpoint()).await;
    s.onboard().await;
    let before = balance(&node, OUTSIDER).await;
    s.second_launch(&format!("ethereum:{OUTSIDER}@31337?value=2.5e18"));
    s.text_until("#plan-amount", |t| t == "2.5 S").await;
    s.second_launch(&format!("ethereum:{OUTSIDER}@31337?value=1.25e18"));
    s.text_until("#links-waiting", |t| t.contains("1 payment link waiting")).await;
    s.text_until("#plan-amount", |t| t == "2.5 S").await;
    s.shot("first-card-kept").await;
    s.click("#cancel-plan").await;
    s.text_until("#plan-amount", |t| t == "1.25 S").await;
    s.click("#cancel-plan").await;
    // A link delivered twice would show its copy before this third one.
    s.second_launch(&format!("ethereum:{OUTSIDER}@31337?value=0.75e18"));
    s.text_until("#plan-amount", |t| t == "0.75 S").await;
    s.shot("third-card").await;
    s.click("#cancel-plan").await;
    s.text_until("#send-notice", |t| t.contains("Nothing was sent")).await;
    s.gone("#plan-card").await;
    assert!(!s.present("#links-waiting").await, "no link is left waiting");
    assert_eq!(balance(&node, OUTSIDER).await, before, "cancelled links sent nothing");
    s.stop().await;
}

/// Saving a contact and changing its address go through a confirmation card showing
/// the address (old and new for a change); a cancelled change leaves it as it was.
#[tokio::test(flavor = "multi_thread")]
async fn contacts_change_only_through_a_confirmed_card() {
    const BOB: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const BOB_NEW: &str = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    const BOB_SCAM: &str = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    let node = anvil();
    let mut s = Session::start("contacts", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-contacts").await;
    s.type_in("#contact-name", "bob").await;
    s.type_in("#contact-address", BOB).await;
    s.type_in("#contact-address", "\u{E007}").await;
    s.text_until("#plan-to", |t| t == BOB).await;
    s.text_until("#plan-contact", |t| t == "bob").await;
    let list = s.find("#contact-list").await.text().await.expect("list");
    assert!(!list.contains(BOB), "nothing saved before confirming: {list}");
    s.shot("save-card").await;
    s.click("#confirm-plan").await;
    s.text_until("#contact-list", |t| t.contains("bob") && t.contains(BOB)).await;

    s.type_in("#contact-name", "bob").await;
    s.type_in("#contact-address", BOB_NEW).await;
    s.type_in("#contact-address", "\u{E007}").await;
    s.text_until("#plan-previous", |t| t == BOB).await;
    s.text_until("#plan-to", |t| t == BOB_NEW).await;
    s.text_until("#plan-card .risks", |t| t.contains("replaces the address")).await;
    s.shot("change-card").await;
    s.click("#confirm-plan").await;
    s.text_until("#contact-list", |t| t.contains(BOB_NEW) && !t.contains(BOB)).await;

    s.type_in("#contact-name", "bob").await;
    s.type_in("#contact-address", BOB_SCAM).await;
    s.type_in("#contact-address", "\u{E007}").await;
    s.text_until("#plan-previous", |t| t == BOB_NEW).await;
    s.click("#cancel-plan").await;
    s.gone("#plan-card").await;
    s.text_until("#contact-list", |t| t.contains(BOB_NEW) && !t.contains(BOB_SCAM)).await;
    s.shot("change-cancelled").await;
    s.stop().await;
}

/// What the user types reaches the shell whole (the Settings page's RPC URL was once
/// dropped on the way without a word), and what the shell refuses is said at the field
/// it is about; nothing is planned from a refused form.
#[tokio::test(flavor = "multi_thread")]
async fn settings_keep_the_rpc_url_and_refused_input_is_shown_at_its_field() {
    let node = anvil();
    let mut s = Session::start("fields", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "10000").await;
    s.type_in("#send-to", OUTSIDER).await;
    s.type_in("#send-amount", "a lot").await;
    s.click("#send-review").await;
    s.text_until("#send-amount-error", |t| !t.is_empty()).await;
    assert!(!s.present("#send-to-error").await, "the recipient was fine");
    s.replace_in("#send-amount", "1000000").await;
    s.click("#send-review").await;
    s.text_until("#send-amount-error", |t| t.contains("insufficient")).await;
    s.replace_in("#send-to", "nobody").await;
    s.replace_in("#send-amount", "1").await;
    s.click("#send-review").await;
    s.text_until("#send-to-error", |t| t.contains("nobody")).await;
    assert!(!s.present("#send-amount-error").await, "the amount was fine");
    assert!(!s.present("#plan-card").await, "nothing was planned");
    s.shot("field-errors").await;

    s.click("#tab-settings").await;
    s.replace_in("#settings-rpc", "ftp://127.0.0.1:1").await;
    s.click("#settings-save").await;
    s.text_until("#settings-rpc-error", |t| t.contains("http")).await;
    s.shot("rpc-refused").await;
    let rpc = format!("{}/", node.endpoint());
    s.replace_in("#settings-rpc", &rpc).await;
    s.click("#settings-save").await;
    s.text_until("#settings-status", |t| t.contains("Saved")).await;
    // The page reads the settings from the engine again.
    s.click("#tab-wallet").await;
    s.click("#tab-settings").await;
    s.find("#settings-rpc").await;
    for _ in 0..50 {
        if s.value("#settings-rpc").await == rpc {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(s.value("#settings-rpc").await, rpc, "the RPC URL was saved");
    s.stop().await;
}
