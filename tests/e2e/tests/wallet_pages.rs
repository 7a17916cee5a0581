//! The wallet's own pages: accounts (send from another account, rename, import),
//! security (reveal, export, backup, change password), networks (another node, a node
//! of the wrong chain), a notification's click opening the transaction in Activity,
//! and the last known balance under the offline banner.

use std::time::Duration;

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use sonic_e2e::*;

/// anvil's account 0: the wallet's first account.
const ACCOUNT0: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
/// anvil's account 1: the wallet's second derived account.
const ACCOUNT1: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
/// anvil's account 2 and its key, imported on its own.
const ACCOUNT2: &str = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const KEY2: &str = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

/// anvil's account 3 and its key, imported from a keystore file.
const ACCOUNT3: &str = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const KEY3: &str = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

/// What the session's clipboard holds, read by another X client (Tk, through
/// python3's tkinter): empty when it holds nothing.
fn clipboard(s: &Session) -> String {
    let script = "import tkinter\nr = tkinter.Tk()\nr.withdraw()\ntry:\n    print(r.clipboard_get(), end='')\nexcept tkinter.TclError:\n    pass\n";
    let out = s.in_session("python3").args(["-c", script]).output().expect("python3 with tkinter reads the clipboard");
    assert!(out.status.success(), "reading the clipboard: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A fresh engine in its own directory, to check files the app wrote.
fn checker(dir: &tempfile::TempDir, node: &alloy::node_bindings::AnvilInstance) -> sonic_engine::Engine {
    sonic_engine::Engine::open(sonic_engine::Config {
        data_dir: dir.path().join("data"),
        network: Some("local".into()),
        rpc: Some(node.endpoint()),
        kdf: sonic_engine::KdfParams::insecure_for_tests(),
    })
    .expect("engine")
}

/// Sends 1 S from the wallet page's form to the outsider and waits for the receipt.
async fn send_one_s(s: &Session, from: &str) {
    s.click("#tab-wallet").await;
    s.replace_in("#send-to", OUTSIDER).await;
    s.replace_in("#send-amount", "1").await;
    // Enter submits the form (as Review does) wherever the layout has moved the button.
    s.type_in("#send-amount", "\u{E007}").await;
    s.text_until("#plan-amount", |t| t == "1 S").await;
    s.text_until("#plan-from", |t| t == from).await;
    s.click("#confirm-plan").await;
    s.text_until("#send-notice", |t| t.contains("Confirmed in block")).await;
}

/// Add a second account, show it in the wallet with its own balance, send 1 S from it
/// through the card: on chain account 1 paid, not account 0. Rename it; import a
/// private key (the password is asked again: a wrong one is refused at its field).
#[tokio::test(flavor = "multi_thread")]
async fn accounts_send_from_the_second_account_rename_and_import() {
    let node = anvil();
    let mut s = Session::start("accounts", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-accounts").await;
    s.text_until("#account-balance-0", |t| t == "10000 S").await;
    s.click("#account-add").await;
    s.text_until("#account-1", |t| t.contains(ACCOUNT1)).await;
    s.text_until("#account-balance-1", |t| t == "10000 S").await;
    s.click("#account-use-1").await;
    s.find("#account-selected-1").await;
    s.shot("accounts").await;

    s.click("#tab-wallet").await;
    assert_eq!(s.value("#send-from").await, ACCOUNT1, "the send form sends from the account shown");
    s.text_until("#wallet-address", |t| t == ACCOUNT1).await;
    s.text_until("#balance-S", |t| t == "10000").await;
    s.shot("wallet-second-account").await;
    send_one_s(&s, ACCOUNT1).await;
    // Shown rounded; the exact balance is its title (on hover).
    s.text_until("#balance-S", |t| t != "10000").await;
    let exact = s.find("#balance-S").await.attr("title").await.expect("title").unwrap_or_default();
    assert!(exact.starts_with("9998.9"), "1 S and the fee paid: {exact}");
    s.shot("sent-from-second").await;

    let (zero, one, out) =
        (balance(&node, ACCOUNT0).await, balance(&node, ACCOUNT1).await, balance(&node, OUTSIDER).await);
    assert_eq!(zero, whole_s(10_000), "account 0 paid nothing");
    assert!(one < whole_s(9_999) && one > whole_s(9_998), "account 1 paid 1 S and the fee: {one}");
    assert_eq!(out, whole_s(10_001), "the outsider got 1 S");

    s.click("#tab-accounts").await;
    s.click("#account-rename-button-1").await;
    s.replace_in("#account-rename-1", "Savings").await;
    s.type_in("#account-rename-1", "\u{E007}").await;
    s.text_until("#account-name-1", |t| t == "Savings").await;

    s.type_in("#import-secret", KEY2).await;
    s.type_in("#import-password", "wrong password").await;
    s.click("#import-submit").await;
    s.text_until("#import-password-error", |t| t.contains("wrong password")).await;
    assert!(!s.present("#account-2").await, "nothing was imported");
    s.replace_in("#import-secret", KEY2).await;
    s.replace_in("#import-password", PASSWORD).await;
    s.click("#import-submit").await;
    s.text_until("#import-status", |t| t.contains(ACCOUNT2)).await;
    s.text_until("#account-2", |t| t.contains(ACCOUNT2)).await;
    s.text_until("#account-balance-2", |t| t == "10000 S").await;

    // A keystore file made elsewhere, picked in the file input.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let maker = checker(&elsewhere, &node);
    maker.import_private_key(b"maker password", KEY3).await.expect("key");
    let json = maker.export_keystore(ACCOUNT3, b"keystore pass 3").await.expect("keystore");
    let file = elsewhere.path().join("account3.json");
    std::fs::write(&file, json).expect("write keystore");
    s.click("#import-kind-keystore").await;
    s.type_in("#import-keystore-file", &file.display().to_string()).await;
    s.type_in("#import-keystore-password", "keystore pass 3").await;
    s.replace_in("#import-password", PASSWORD).await;
    s.click("#import-submit").await;
    s.text_until("#import-status", |t| t.contains(ACCOUNT3)).await;
    s.text_until("#account-3", |t| t.contains(ACCOUNT3)).await;
    s.shot("imported").await;
    s.stop().await;
}

/// The phrase is shown only with the right password (a wrong one: an error at the
/// field, no words); a keystore and a backup are written only with it, and open; a new
/// password unlocks and the old one no longer does.
#[tokio::test(flavor = "multi_thread")]
async fn security_reveal_export_backup_and_change_password() {
    let node = anvil();
    let files = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start("security", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-security").await;

    s.type_in("#reveal-password", "wrong password").await;
    s.click("#reveal-button").await;
    s.text_until("#reveal-password-error", |t| t.contains("wrong password")).await;
    assert!(!s.present("#revealed-phrase").await, "no words with a wrong password");
    s.shot("reveal-refused").await;
    s.replace_in("#reveal-password", PASSWORD).await;
    s.click("#reveal-button").await;
    let words = s.texts("#revealed-phrase li").await;
    assert_eq!(words.join(" "), MNEMONIC, "the twelve words are anvil's phrase");
    s.click("#copy-phrase").await;
    let copied_at = std::time::Instant::now();
    s.text_until(".copied", |t| t.contains("cleared from the clipboard in 30 s")).await;
    assert_eq!(clipboard(&s), MNEMONIC, "the phrase is on the clipboard");
    s.shot("phrase").await;
    s.click("#hide-phrase").await;
    s.gone("#revealed-phrase").await;

    let keystore = files.path().join("account0.json");
    let keystore_path = keystore.display().to_string();
    s.type_in("#export-keystore-password", "keystore pass 1").await;
    s.type_in("#export-path", &keystore_path).await;
    s.type_in("#export-password", "wrong password").await;
    s.click("#export-button").await;
    s.text_until("#export-password-error", |t| t.contains("wrong password")).await;
    assert!(!keystore.exists(), "nothing written with a wrong password");
    s.replace_in("#export-password", PASSWORD).await;
    s.click("#export-button").await;
    s.text_until("#export-status", |t| t.contains(&keystore_path)).await;
    s.shot("exported").await;
    let json = std::fs::read_to_string(&keystore).expect("the keystore file");
    let v: serde_json::Value = serde_json::from_str(&json).expect("keystore JSON");
    assert_eq!(v["version"], 3, "keystore v3");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let engine = checker(&elsewhere, &node);
    let opened =
        engine.import_keystore(b"another password", &json, b"keystore pass 1").await.expect("the keystore decrypts");
    assert_eq!(sonic_types::checksum(&opened.address), ACCOUNT0, "the keystore holds account 0");

    let backup = files.path().join("backup.json");
    s.type_in("#backup-path", &backup.display().to_string()).await;
    s.type_in("#backup-password", PASSWORD).await;
    s.click("#backup-button").await;
    s.text_until("#backup-status", |t| t.contains("backup written")).await;
    let restored_dir = tempfile::tempdir().expect("tempdir");
    let restored = checker(&restored_dir, &node);
    restored.restore(&backup, PASSWORD.as_bytes(), false).await.expect("the backup opens with the password");
    let accounts = restored.accounts().await.expect("accounts");
    assert_eq!(sonic_types::checksum(&accounts[0].address), ACCOUNT0);

    let new_password = "a new password 7";
    s.type_in("#current-password", PASSWORD).await;
    s.type_in("#new-password", new_password).await;
    s.type_in("#new-password-repeat", new_password).await;
    s.click("#change-password-button").await;
    s.text_until("#password-status", |t| t.contains("Password changed")).await;
    s.shot("password-changed").await;
    s.click("#lock-button").await;
    s.type_in("#unlock-password", PASSWORD).await;
    s.click("#unlock-button").await;
    s.text_until("#lock-screen .error", |t| t.contains("wrong password")).await;
    s.replace_in("#unlock-password", new_password).await;
    s.click("#unlock-button").await;
    s.find("#tab-chat").await;

    // 30 s after the copy, the phrase is no longer on the clipboard.
    tokio::time::sleep(Duration::from_secs(32).saturating_sub(copied_at.elapsed())).await;
    assert_eq!(clipboard(&s), "", "the phrase was cleared from the clipboard");
    s.stop().await;
}

/// The example: the app is pointed at a second node (another anvil, where
/// account 0 holds 1234 S) and shows that balance, first as a custom network chosen
/// from the list, then as local's own RPC URL; a node of another chain is refused for
/// Sonic mainnet with the reason at the URL; the explorer key is kept.
#[tokio::test(flavor = "multi_thread")]
async fn networks_another_node_and_a_node_of_the_wrong_chain() {
    let first = anvil();
    let second = anvil();
    let provider = ProviderBuilder::new().connect_http(second.endpoint_url());
    let who: Address = ACCOUNT0.parse().expect("address");
    let _: serde_json::Value =
        provider.raw_request("anvil_setBalance".into(), (who, whole_s(1234))).await.expect("anvil_setBalance");
    assert_eq!(provider.get_balance(who).await.expect("balance"), whole_s(1234));

    let mut s = Session::start("networks", &first.endpoint()).await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "10000").await;

    s.click("#tab-networks").await;
    s.text_until("#network-rpc-local", |t| t == first.endpoint()).await;
    s.text_until("#network-rpc-sonic", |t| t == "https://rpc.soniclabs.com").await;
    s.replace_in("#net-name", "sonic").await;
    s.replace_in("#net-rpc", &second.endpoint()).await;
    s.click("#net-save").await;
    s.text_until("#net-rpc-error", |t| t.contains("chain 31337") && t.contains("chain 146")).await;
    s.text_until("#network-rpc-sonic", |t| t == "https://rpc.soniclabs.com").await;
    s.shot("wrong-chain-refused").await;

    // A custom network, saved without switching, then chosen.
    s.replace_in("#net-name", "second").await;
    s.replace_in("#net-rpc", &second.endpoint()).await;
    s.click("#net-activate").await;
    s.click("#net-save").await;
    s.text_until("#networks-status", |t| t.contains("Saved second (chain 31337)")).await;
    s.text_until("#network-local", |t| t.contains("in use")).await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "10000").await;
    s.click("#tab-networks").await;
    s.click("#network-use-second").await;
    s.text_until("#network-second", |t| t.contains("in use")).await;
    s.text_until("header .network", |t| t.starts_with("second")).await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "1234").await;

    // Back to local, now with its RPC URL changed to the second node.
    s.click("#tab-networks").await;
    s.click("#network-edit-local").await;
    assert_eq!(s.value("#net-name").await, "local");
    s.replace_in("#net-rpc", &second.endpoint()).await;
    s.click("#net-save").await;
    s.text_until("#networks-status", |t| t.contains("Saved local")).await;
    s.text_until("#network-rpc-local", |t| t == second.endpoint()).await;
    s.text_until("#network-local", |t| t.contains("in use")).await;
    s.find("#networks").await.click().await.expect("the list in view");
    s.shot("networks").await;
    s.type_in("#explorer-key", "TESTEXPLORERKEY123").await;
    s.click("#explorer-save").await;
    s.text_until("#networks-status", |t| t.contains("Explorer key kept in the vault")).await;
    assert_eq!(s.value("#explorer-key").await, "", "the key does not stay on screen");

    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "1234").await;
    s.shot("second-node-balance").await;
    s.stop().await;
}

/// A confirmed send's notification says how much and to whom (the contact's name);
/// clicking it opens the transaction's details in Activity (date, parties, block,
/// hash with a copy button).
#[tokio::test(flavor = "multi_thread")]
async fn a_notification_click_opens_the_transaction_in_activity() {
    let node = anvil();
    let mut s = Session::start("notify-click", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-contacts").await;
    s.type_in("#contact-name", "bob").await;
    s.type_in("#contact-address", OUTSIDER).await;
    s.type_in("#contact-address", "\u{E007}").await;
    s.click("#confirm-plan").await;
    s.text_until("#contact-list", |t| t.contains("bob")).await;

    send_one_s(&s, ACCOUNT0).await;
    let mut said = String::new();
    for _ in 0..100 {
        said = s.notifications();
        if said.contains("Sent 1 S to bob") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(said.contains("Transaction confirmed") && said.contains("Sent 1 S to bob"), "who and how much: {said}");

    // The user clicks the notification: dunst invokes its default action.
    let mut clicked = false;
    for _ in 0..50 {
        let out = s.in_session("dunstctl").args(["action", "0"]).output().expect("dunstctl");
        if out.status.success() && s.present("#tx-details").await {
            clicked = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        if s.present("#tx-details").await {
            clicked = true;
            break;
        }
    }
    assert!(clicked, "the click opened the transaction");
    let hash = s.text_until("#tx-details-hash", |t| t.starts_with("0x") && t.len() == 66).await;
    s.text_until("#tx-details", |t| t.contains("Sent 1 S")).await;
    s.text_until("#tx-details-to", |t| t.contains("bob") && t.contains(OUTSIDER)).await;
    s.text_until("#tx-details-block", |t| t.parse::<u64>().is_ok()).await;
    s.text_until("#tx-details-fee", |t| t.starts_with("0.0000") && t.ends_with(" S")).await;
    let row = s.find(&format!(".tx-row[data-hash='{hash}']")).await.text().await.expect("row");
    assert!(row.contains("bob") && row.contains("1 S"), "the row names the contact: {row}");
    assert!(row.contains(':'), "the row has its time: {row}");
    s.click("#copy-tx-hash").await;
    s.text_until(".tx-details .copied", |t| t.contains("Copied")).await;
    s.shot("activity-details").await;

    // A payment of 0.123456789 S: its row rounds the amount, the exact one on hover.
    let key: PrivateKeySigner = node.keys()[7].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let me: Address = ACCOUNT0.parse().expect("address");
    let tx = TransactionRequest::default().with_to(me).with_value(U256::from(123_456_789_000_000_000u128));
    let paid = p.send_transaction(tx).await.expect("send").get_receipt().await.expect("mined").transaction_hash;
    let cell = format!(".tx-row[data-hash='{paid}'] td.amount");
    s.text_until(&cell, |t| t == "0.1235 S").await;
    let exact = s.find(&cell).await.attr("title").await.expect("title");
    assert_eq!(exact.as_deref(), Some("0.123456789 S"), "the exact amount on hover");
    // Dust is never shown as 0.
    let tx = TransactionRequest::default().with_to(me).with_value(U256::from(40_000_000_000_000u128));
    let dust = p.send_transaction(tx).await.expect("send").get_receipt().await.expect("mined").transaction_hash;
    s.text_until(&format!(".tx-row[data-hash='{dust}'] td.amount"), |t| t == "<0.0001 S").await;
    s.stop().await;
}

/// With the node gone, the banner shows the last known balance and when it was read;
/// so it does after the app is reopened (the engine keeps the last balances).
#[tokio::test(flavor = "multi_thread")]
async fn offline_shows_the_last_known_balance_and_its_time() {
    let node = anvil();
    let mut s = Session::start("offline-last", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "10000").await;
    drop(node);
    // Visiting the page again reads the balances: the node does not answer.
    s.click("#tab-activity").await;
    s.click("#tab-wallet").await;
    s.text_until("#offline", |t| t.contains("Offline")).await;
    s.text_until("#offline-last", |t| t.contains("10000 S as of") && t.contains(':')).await;
    s.text_until("#balance-S", |t| t == "10000").await;
    s.shot("offline-last-known").await;

    // Reopened with the node still gone: the balances kept from before are shown with
    // their time.
    s.restart().await;
    s.type_in("#unlock-password", PASSWORD).await;
    s.click("#unlock-button").await;
    s.click("#tab-wallet").await;
    s.text_until("#offline", |t| t.contains("Offline")).await;
    s.text_until("#offline-last", |t| t.contains("10000 S as of") && t.contains(':')).await;
    s.text_until("#balance-S", |t| t == "10000").await;
    s.shot("offline-after-restart").await;
    s.stop().await;
}

/// Serves an Etherscan-compatible explorer (`account/txlist` with `rows`, `tokentx`
/// with none) on a local port; its API URL.
fn explorer(rows: serde_json::Value) -> String {
    explorer_slow_for(rows, None)
}

/// [`explorer`] that answers `slow.1` later when asked about the address `slow.0`.
fn explorer_slow_for(rows: serde_json::Value, slow: Option<(Address, Duration)>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/v2/api", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let _ = BufReader::new(stream.try_clone().expect("clone")).read_line(&mut line);
            if let Some((who, wait)) = slow {
                if line.to_lowercase().contains(&format!("{who:#x}")) {
                    std::thread::sleep(wait);
                }
            }
            let body = if line.contains("action=txlist") {
                serde_json::json!({"status": "1", "message": "OK", "result": rows})
            } else {
                serde_json::json!({"status": "0", "message": "No transactions found", "result": []})
            }
            .to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

/// A payment of `wei` to `to` from anvil's account `payer`, made before the app starts,
/// and the explorer's `txlist` row for it.
async fn paid_before(
    node: &alloy::node_bindings::AnvilInstance,
    payer: usize,
    to: Address,
    wei: u128,
) -> (alloy::rpc::types::TransactionReceipt, serde_json::Value) {
    let key: PrivateKeySigner = node.keys()[payer].clone().into();
    let from = key.address();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let tx = TransactionRequest::default().with_to(to).with_value(U256::from(wei));
    let paid = p.send_transaction(tx).await.expect("send").get_receipt().await.expect("mined");
    let row = serde_json::json!({"blockNumber": paid.block_number.expect("block").to_string(),
        "timeStamp": "1700000000", "hash": paid.transaction_hash.to_string(), "nonce": "0",
        "from": format!("{from:#x}"), "to": format!("{to:#x}"), "value": wei.to_string(), "isError": "0",
        "txreceipt_status": "1", "contractAddress": "", "gasUsed": "21000", "confirmations": "3"});
    (paid, row)
}

/// An explorer key saved after the wallet's index began fills in the history from
/// before it: a payment made before the wallet was imported shows in Activity; a row
/// the chain does not confirm does not.
#[tokio::test(flavor = "multi_thread")]
async fn an_explorer_key_fills_in_the_history_from_before_the_wallet() {
    let node = sonic_testkit::anvil(&["--chain-id", "14601"]);
    let me: Address = ACCOUNT0.parse().expect("address");
    let (paid, row) = paid_before(&node, 1, me, 2_500_000_000_000_000_000).await;
    let forged = format!("0x{}", "11".repeat(32));
    let mut forged_row = row.clone();
    forged_row["hash"] = forged.clone().into();
    let api = explorer(serde_json::json!([row, forged_row]));

    let mut s = Session::start_with("explorer", &node.endpoint(), &[("SONIC_NETWORK", "testnet")]).await;
    s.onboard().await;
    s.click("#tab-activity").await;
    let row_css = format!(".tx-row[data-hash='{}']", paid.transaction_hash);
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(!s.present(&row_css).await, "the payment from before the wallet is not in its index yet");

    s.click("#tab-networks").await;
    s.type_in("#explorer-api", &api).await;
    s.type_in("#explorer-key", "TESTEXPLORERKEY123").await;
    s.click("#explorer-save").await;
    s.text_until("#networks-status", |t| t.contains("History filled in: 1 transfer added")).await;
    s.shot("explorer-filled-in").await;
    s.click("#tab-activity").await;
    let row = s.text_until(&row_css, |t| t.contains("2.5 S")).await;
    assert!(row.contains("received"), "{row}");
    assert!(
        !s.present(&format!(".tx-row[data-hash='{forged}']")).await,
        "a row the chain does not confirm is not history"
    );
    s.stop().await;
}

/// An account added while an explorer key is set gets its past from the explorer, and
/// Activity shows it when the fill-in ends, with no reload or click: the explorer here
/// answers about the new account 3 s late, so the page is open and empty first.
#[tokio::test(flavor = "multi_thread")]
async fn an_account_added_later_gets_its_past_in_activity_as_it_arrives() {
    let node = sonic_testkit::anvil(&["--chain-id", "14601"]);
    let newcomer: Address = ACCOUNT1.parse().expect("address");
    let (paid, row) = paid_before(&node, 5, newcomer, 1_250_000_000_000_000_000).await;
    let api = explorer_slow_for(serde_json::json!([row]), Some((newcomer, Duration::from_secs(3))));

    let mut s = Session::start_with("explorer-new-account", &node.endpoint(), &[("SONIC_NETWORK", "testnet")]).await;
    s.onboard().await;
    s.click("#tab-networks").await;
    s.type_in("#explorer-api", &api).await;
    s.type_in("#explorer-key", "TESTEXPLORERKEY123").await;
    s.click("#explorer-save").await;
    // The payment is account 1's, which the wallet does not hold yet.
    s.text_until("#networks-status", |t| t.contains("History filled in")).await;

    s.click("#tab-accounts").await;
    s.click("#account-add").await;
    s.text_until("#account-1", |t| t.contains(ACCOUNT1)).await;
    s.click("#account-use-1").await;
    s.find("#account-selected-1").await;
    s.click("#tab-activity").await;
    let row_css = format!(".tx-row[data-hash='{}']", paid.transaction_hash);
    assert!(!s.present(&row_css).await, "the explorer has not answered about the new account yet");
    // No click from here on: the page refreshes when the fill-in ends.
    let row = s.text_until(&row_css, |t| t.contains("1.25 S")).await;
    assert!(row.contains("received"), "{row}");
    s.shot("new-account-filled-in").await;
    s.stop().await;
}
