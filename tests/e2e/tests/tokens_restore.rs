//! Tokens and restore: a token added by its address shows the symbol and decimals its
//! contract holds (an address without a contract is refused at the field); a spam
//! transfer (a token not added) is hidden in Activity until "show hidden" is clicked;
//! a registered token hidden from the balances stays hidden after a restart;
//! a backup restored on the Security page drops an account added since, after a
//! confirmation, and keeps the replaced vault as a `.bak` file.

use alloy::{
    network::EthereumWallet,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use sonic_e2e::*;
use sonic_testkit::TestToken;

/// anvil's account 0: the wallet's first account.
const ACCOUNT0: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
/// anvil's account 1: the wallet's second derived account.
const ACCOUNT1: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/// Add a token by address, see what the chain says about it; a spam token's transfer to
/// the user stays hidden in Activity until the user asks to see it.
#[tokio::test(flavor = "multi_thread")]
async fn a_token_added_by_address_spam_hidden_in_activity_and_a_token_hidden_from_balances() {
    let node = anvil();
    // The outsider (anvil's account 5) deploys both tokens.
    let key: PrivateKeySigner = node.keys()[5].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let dollar = TestToken::deploy(&p, "Test Dollar".into(), "TDOL".into(), 6).await.expect("deploy TDOL");
    let spam = TestToken::deploy(&p, "Claim rewards".into(), "CLAIM".into(), 18).await.expect("deploy spam");
    let me: Address = ACCOUNT0.parse().expect("address");

    let mut s = Session::start("tokens", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-contacts").await;

    // An address with no contract is refused at the field, with the reason.
    s.type_in("#token-address", OUTSIDER).await;
    s.click("#token-add").await;
    s.text_until("#token-address-error", |t| t.contains("no contract")).await;

    // The token's own symbol and decimals are read from the chain.
    s.replace_in("#token-address", &dollar.address().to_checksum(None)).await;
    s.click("#token-add").await;
    let added = s.text_until("#token-added", |t| t.contains("TDOL")).await;
    assert!(added.contains("6 decimals"), "the decimals read from the contract: {added}");
    s.text_until("#token-list", |t| t.contains("TDOL (6 decimals)")).await;
    s.shot("token-added").await;

    // A token the user never added sends them something: a spam transfer. Then 1 S
    // from the outsider, a real one, mined after it.
    spam.mint(me, U256::from(1_000_000u64)).send().await.expect("mint spam").get_receipt().await.expect("mined");
    let tx = TransactionRequest::default().to(me).value(whole_s(1));
    p.send_transaction(tx).await.expect("send 1 S").get_receipt().await.expect("mined");

    s.click("#tab-activity").await;
    s.text_until("#history", |t| t.contains("1 S")).await;
    let spam_address = spam.address().to_checksum(None);
    s.text_until("#show-hidden", |t| t == "show hidden (1)").await;
    let rows = s.texts(".tx-row").await;
    assert!(rows.iter().all(|r| !r.contains(&spam_address)), "the spam transfer is hidden: {rows:?}");
    s.shot("spam-hidden").await;

    s.click("#show-hidden").await;
    s.text_until("#history", |t| t.contains(&spam_address)).await;
    assert!(s.present(".tx-row.untrusted").await, "the shown spam row is marked");
    s.text_until("#show-hidden", |t| t.contains("(1)")).await;
    s.shot("spam-shown").await;

    // A registered token hidden from the balances stays hidden after a restart, and
    // comes back when shown again.
    dollar.mint(me, U256::from(2_500_000u64)).send().await.expect("mint TDOL").get_receipt().await.expect("mined");
    s.click("#tab-wallet").await;
    s.text_until("#balance-TDOL", |t| t == "2.5").await;
    s.click("#tab-contacts").await;
    s.click("#token-TDOL .token-hide").await;
    s.text_until("#token-TDOL", |t| t.contains("hidden from balances")).await;
    s.restart().await;
    s.type_in("#unlock-password", PASSWORD).await;
    s.click("#unlock-button").await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| !t.is_empty()).await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert!(!s.present("#balance-TDOL").await, "the hidden token is not in the balances after a restart");
    s.shot("token-hidden").await;
    s.click("#tab-contacts").await;
    s.text_until("#token-TDOL", |t| t.contains("hidden from balances")).await;
    s.click("#token-TDOL .token-show").await;
    s.text_until("#token-TDOL", |t| t.contains("Hide from balances")).await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-TDOL", |t| t == "2.5").await;
    s.stop().await;
}

/// Back up, add an account, restore the backup from the Security page: after the
/// confirmation the added account is gone and the replaced vault is kept as `.bak`.
#[tokio::test(flavor = "multi_thread")]
async fn a_restored_backup_replaces_the_vault_and_keeps_the_old_one() {
    let node = anvil();
    let files = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start("restore", &node.endpoint()).await;
    s.onboard().await;

    s.click("#tab-security").await;
    let backup = files.path().join("backup.json");
    s.type_in("#backup-path", &backup.display().to_string()).await;
    s.type_in("#backup-password", PASSWORD).await;
    s.click("#backup-button").await;
    s.text_until("#backup-status", |t| t.contains("backup written")).await;

    s.click("#tab-accounts").await;
    s.click("#account-add").await;
    s.text_until("#account-1", |t| t.contains(ACCOUNT1)).await;

    s.click("#tab-security").await;
    s.type_in("#restore-file", &backup.display().to_string()).await;
    // A wrong password is said at the field and nothing is replaced.
    s.type_in("#restore-password", "wrong password").await;
    s.click("#restore-button").await;
    s.find("#restore-confirmation").await;
    s.click("#restore-confirm").await;
    s.text_until("#restore-password-error", |t| t.contains("wrong password")).await;
    let baks = |s: &Session| {
        std::fs::read_dir(s.data_dir())
            .expect("data dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("vault.json.") && n.ends_with(".bak"))
            .collect::<Vec<_>>()
    };
    assert!(baks(&s).is_empty(), "nothing replaced after a wrong password");

    // Cancelling the confirmation replaces nothing either.
    s.replace_in("#restore-password", PASSWORD).await;
    s.click("#restore-button").await;
    s.text_until("#restore-confirmation", |t| t.contains("Replace this wallet")).await;
    s.shot("restore-confirm").await;
    s.click("#restore-cancel").await;
    s.gone("#restore-confirmation").await;
    assert!(baks(&s).is_empty(), "nothing replaced after a cancel");

    s.click("#restore-button").await;
    s.click("#restore-confirm").await;
    s.text_until("#restore-status", |t| t.contains("Backup restored")).await;
    s.shot("restored").await;
    assert_eq!(baks(&s).len(), 1, "the replaced vault is kept beside it");
    let leftovers: Vec<_> = std::fs::read_dir(s.data_dir())
        .expect("data dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("restore-"))
        .collect();
    assert!(leftovers.is_empty(), "the uploaded copy is removed");

    s.click("#tab-accounts").await;
    s.text_until("#account-0", |t| t.contains(ACCOUNT0)).await;
    assert!(!s.present("#account-1").await, "the account added after the backup is gone");
    s.stop().await;
}
