//! Logs and diagnostics, the window's size across restarts, everyday polish.

use std::{path::Path, time::Duration};

use alloy::{
    primitives::U256,
    providers::{Provider, ProviderBuilder},
};
use sonic_e2e::*;
use sonic_types::parse_units;

alloy::sol! {
    #[sol(rpc)]
    interface Erc20 {
        function balanceOf(address who) external view returns (uint256);
    }
}

/// The WCAG contrast ratio of an element's text with the first opaque background
/// behind it, computed in the page from the styles as painted.
const CONTRAST: &str = r#"
const lum = (c) => {
  const m = c.match(/[\d.]+/g).map(Number);
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]);
};
const back = (el) => {
  for (; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    const m = c.match(/[\d.]+/g);
    if (m && (m.length < 4 || Number(m[3]) > 0.5)) return c;
  }
  return 'rgb(255, 255, 255)';
};
const el = document.querySelector(arguments[0]);
const a = lum(getComputedStyle(el).color), b = lum(back(el));
return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
"#;

/// Every log file's text in `dir`.
fn read_logs(dir: &Path) -> String {
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            text.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    text
}

/// Unlocks, sends from chat, locks and unlocks again with a log folder set: the log
/// holds the engine's opening, the unlock, the plan and the lock, and neither the
/// password nor the recovery phrase. Then the Diagnostics page: the local network, a
/// latency figure, a watcher cursor that follows mined blocks, and "Copy report".
#[tokio::test(flavor = "multi_thread")]
async fn log_file_has_events_and_no_secret_and_diagnostics_follow_the_chain() {
    let node = anvil();
    let logs = tempfile::tempdir().expect("tempdir");
    let log_dir = logs.path().display().to_string();
    let mut s = Session::start_with("polish-logs", &node.endpoint(), &[("SONIC_LOG_DIR", &log_dir)]).await;
    s.onboard().await;
    s.click("#tab-chat").await;
    s.say(&format!("send 1.5 S to {OUTSIDER}")).await;
    s.text_until("#plan-amount", |t| t == "1.5 S").await;
    s.click("#confirm-plan").await;
    s.text_until("#messages", |t| t.contains("Confirmed in block")).await;
    s.click("#lock-button").await;
    s.type_in("#unlock-password", PASSWORD).await;
    s.click("#unlock-button").await;
    s.find("#tab-chat").await;

    let mut text = String::new();
    for _ in 0..50 {
        text = read_logs(logs.path());
        if text.contains("vault locked") && text.matches("vault unlocked").count() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let files: Vec<_> = std::fs::read_dir(logs.path()).expect("log dir").flatten().collect();
    assert_eq!(files.len(), 1, "one daily log file");
    let name = files[0].file_name().to_string_lossy().to_string();
    assert!(name.starts_with("smart-sonic.") && name.ends_with(".log"), "{name}");
    for event in ["engine opened", "vault unlocked", "vault locked", "plan proposed in chat", "plan confirmed"] {
        assert!(text.contains(event), "the log says {event:?}:\n{text}");
    }
    assert!(!text.contains(PASSWORD), "no password in the log");
    assert!(!text.contains(MNEMONIC), "no phrase in the log");
    assert!(!text.contains("test test test"), "no part of the phrase in the log");

    // Diagnostics.
    s.click("#tab-diagnostics").await;
    s.text_until("#diag-network", |t| t.contains("local") && t.contains("31337")).await;
    s.text_until("#diag-endpoints .diag-latency", |t| t.ends_with(" ms")).await;
    let url = s.text_until("#diag-endpoints .diag-url", |t| t.starts_with("http")).await;
    assert!(!url.contains('?'), "an endpoint by scheme and host only: {url}");
    let cursor: u64 = s.text_until("#diag-cursor", |t| t.parse::<u64>().is_ok()).await.parse().expect("cursor");
    s.shot("diagnostics").await;
    let rpc = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: serde_json::Value = rpc.raw_request("anvil_mine".into(), [5u64]).await.expect("anvil_mine");
    let mut moved = 0;
    for _ in 0..50 {
        s.click("#diag-refresh").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        moved = s.text_until("#diag-cursor", |t| t.parse::<u64>().is_ok()).await.parse().expect("cursor");
        if moved >= cursor + 5 {
            break;
        }
    }
    assert!(moved >= cursor + 5, "the cursor followed 5 mined blocks: {cursor} -> {moved}");
    s.text_until("#diag-head", |t| t.parse::<u64>().is_ok_and(|h| h >= moved)).await;
    s.text_until("#diag-lag", |t| t.ends_with("blocks")).await;
    s.click("#diag-copy").await;
    s.text_until(".diagnostics .copied", |t| t.contains("Copied")).await;
    s.shot("diagnostics-copied").await;
    s.stop().await;
}

/// The window's size is kept: resized through WebDriver, the app restarted on the same
/// data directory and home, the size is read back.
#[tokio::test(flavor = "multi_thread")]
async fn window_size_survives_a_restart() {
    let node = anvil();
    let mut s = Session::start("polish-window", &node.endpoint()).await;
    s.find("#mode-mnemonic").await;
    s.client.set_window_rect(40, 30, 900, 640).await.expect("set window rect");
    let (_, _, w, h) = s.client.get_window_rect().await.expect("window rect");
    assert_eq!((w, h), (900, 640), "the window took the new size");
    // The state is written half a second after the last change.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    s.restart().await;
    s.find("#mode-mnemonic").await;
    let mut size = (0, 0);
    for _ in 0..25 {
        let (_, _, w, h) = s.client.get_window_rect().await.expect("window rect");
        size = (w, h);
        if size == (900, 640) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(size, (900, 640), "the size came back after a restart");
    s.shot("window-restored").await;
    s.stop().await;
}

/// The wallet and the devnet's test USDC, made before the app opens the same data
/// directory (as `sonic wallet import` and `sonic devnet defi` would).
async fn wallet_with_usdc(node: &alloy::node_bindings::AnvilInstance, data_dir: &Path) -> alloy::primitives::Address {
    let engine = sonic_engine::Engine::open(sonic_engine::Config {
        data_dir: data_dir.to_path_buf(),
        network: Some("local".into()),
        rpc: Some(node.endpoint()),
        kdf: sonic_engine::KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    engine.import_mnemonic(PASSWORD.as_bytes(), MNEMONIC, "", 1).await.expect("import");
    let usdc = engine.devnet_defi().await.expect("devnet fixtures").usdc;
    drop(engine);
    // The store's lock is released by a background thread once the engine is gone.
    tokio::time::sleep(Duration::from_secs(2)).await;
    usdc
}

/// The send form offers S and the registered tokens and a token send moves the token;
/// a form is emptied after a send and its message is styled as a success; balances are
/// rounded for display with the exact value on hover; the chat says it is thinking;
/// Settings keep the saved auto-lock time and agent model; the dark theme is readable.
#[tokio::test(flavor = "multi_thread")]
async fn send_form_tokens_rounding_thinking_settings_and_dark_theme() {
    let node = anvil();
    let data = tempfile::tempdir().expect("tempdir");
    let data_dir = data.path().join("data");
    let usdc = wallet_with_usdc(&node, &data_dir).await;
    let token = Erc20::new(usdc, ProviderBuilder::new().connect_http(node.endpoint_url()));
    let outsider: alloy::primitives::Address = OUTSIDER.parse().expect("address");
    let dir = data_dir.to_str().expect("utf-8 path");
    let mut s = Session::start_with("polish", &node.endpoint(), &[("SONIC_DATA_DIR", dir)]).await;
    s.type_in("#unlock-password", PASSWORD).await;
    s.click("#unlock-button").await;

    // An S send through the form: the form empties, the message is a success.
    s.click("#tab-wallet").await;
    s.find("#balance-USDC").await;
    s.replace_in("#send-to", OUTSIDER).await;
    s.replace_in("#send-amount", "1").await;
    s.click("#send-review").await;
    s.text_until(".wallet #plan-amount", |t| t == "1 S").await;
    s.click(".wallet #confirm-plan").await;
    s.find("#send-notice.success").await;
    assert!(!s.present("#send-notice.error").await, "a success is not styled as an error");
    assert_eq!(s.value("#send-to").await, "", "the recipient is cleared");
    assert_eq!(s.value("#send-amount").await, "", "the amount is cleared");
    s.shot("sent-form-cleared").await;

    // The balance is rounded for display; the exact value is its title.
    let shown = s.text_until("#balance-S", |t| t.starts_with("9998.9") || t.starts_with("9999")).await;
    let exact = s.find("#balance-S").await.attr("title").await.expect("title").expect("a title");
    assert!(exact.split_once('.').is_some_and(|(_, f)| f.len() > 4), "the exact balance has the fee's digits: {exact}");
    assert!(shown.split_once('.').is_none_or(|(_, f)| f.len() <= 4), "shown rounded: {shown}");
    let (a, b) = (parse_units(&shown, 18).expect("shown"), parse_units(&exact, 18).expect("exact"));
    let diff = if a > b { a - b } else { b - a };
    assert!(diff <= U256::from(50_000_000_000_000u64), "rounded to the nearest 0.0001: {shown} for {exact}");

    // A token send: USDC chosen in the form moves USDC.
    let before = token.balanceOf(outsider).call().await.expect("balanceOf");
    s.click("#send-token option[value='USDC']").await;
    s.replace_in("#send-to", OUTSIDER).await;
    s.replace_in("#send-amount", "2.5").await;
    s.click("#send-review").await;
    s.text_until(".wallet #plan-amount", |t| t == "2.5 USDC").await;
    s.shot("token-card").await;
    s.click(".wallet #confirm-plan").await;
    s.find("#send-notice.success").await;
    let mut after = before;
    for _ in 0..50 {
        after = token.balanceOf(outsider).call().await.expect("balanceOf");
        if after != before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(after - before, U256::from(2_500_000u64), "2.5 USDC (6 decimals) reached the outsider");

    // The chat says it is thinking while a turn runs.
    s.click("#tab-chat").await;
    s.find("#chat-input").await;
    s.client
        .execute(
            "window.__thinking = false; new MutationObserver(() => { if (document.getElementById('chat-thinking')) window.__thinking = true; })\
             .observe(document.body, { childList: true, subtree: true }); return true;",
            vec![],
        )
        .await
        .expect("observer");
    s.say("what is my balance").await;
    s.find("#messages .msg.agent").await;
    s.gone("#chat-thinking").await;
    let saw = s.client.execute("return window.__thinking;", vec![]).await.expect("read flag");
    assert_eq!(saw, serde_json::Value::Bool(true), "a thinking line was shown during the turn");

    // Settings keep what was saved.
    s.click("#tab-settings").await;
    s.replace_in("#settings-autolock", "7").await;
    s.click("#settings-theme option[value='dark']").await;
    s.click("#settings-save").await;
    s.find("#settings-status.success").await;
    s.click("#agent-kind option[value='openai']").await;
    s.replace_in("#agent-url", "http://localhost:11434/v1").await;
    s.replace_in("#agent-model", "llama3.2").await;
    s.click("#agent-save").await;
    s.text_until("#settings-status", |t| t.contains("Agent settings saved")).await;
    s.find("#settings-status.success").await;
    s.click("#tab-wallet").await;
    s.find("#send-form").await;
    s.click("#tab-settings").await;
    s.text_until("#settings", |t| !t.is_empty()).await;
    assert_eq!(s.value("#settings-autolock").await, "7", "the auto-lock time as saved");
    assert_eq!(s.value("#agent-kind").await, "openai", "the agent provider as saved");
    assert_eq!(s.value("#agent-model").await, "llama3.2", "the model as saved");
    assert_eq!(s.value("#agent-url").await, "http://localhost:11434/v1", "the URL as saved");

    // The dark theme: text, inputs and buttons at 4.5:1 or more.
    let theme = s.client.execute("return document.documentElement.dataset.theme;", vec![]).await.expect("theme");
    assert_eq!(theme, serde_json::Value::String("dark".into()));
    let controls = ["#settings-rpc", "#settings-autolock", "#agent-model", "#settings-network", "#agent-kind"];
    for css in ["body", "label", "#settings-save", "#agent-save"].into_iter().chain(controls) {
        let ratio = s.client.execute(CONTRAST, vec![serde_json::json!(css)]).await.expect("contrast");
        let ratio = ratio.as_f64().expect("a number");
        assert!(ratio >= 4.5, "{css} has contrast {ratio:.2} in the dark theme");
    }
    s.shot("settings-dark").await;
    s.click("#tab-chat").await;
    s.shot("chat-dark").await;
    s.stop().await;
}
