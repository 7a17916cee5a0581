//! Key derivation off the async runtime: while a wallet operation derives a key at
//! full strength, the rest of the engine keeps answering. A backup restored from bytes
//! keeps the old vault; a token hidden from balances stays out of them.

use std::{future::Future, sync::Arc, time::Duration};

use sonic_engine::{Config, Engine, KdfParams, WordCount};

/// Runs `op` on a single-threaded runtime and checks that `is_unlocked` and
/// `accounts` answer while it is still running. A derivation done on the runtime's
/// only thread, or under the vault's lock, makes them wait until `op` is over.
fn readers_answer_during<F, Fut>(engine: &Arc<Engine>, rt: &tokio::runtime::Runtime, op: F)
where
    F: FnOnce(Arc<Engine>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    rt.block_on(async {
        let task = tokio::spawn(op(engine.clone()));
        // Let the operation start: it reaches its derivation well within this.
        tokio::time::sleep(Duration::from_millis(50)).await;
        tokio::time::timeout(Duration::from_secs(30), engine.is_unlocked()).await.expect("is_unlocked answers");
        tokio::time::timeout(Duration::from_secs(30), engine.accounts())
            .await
            .expect("accounts answer")
            .expect("accounts");
        // A full-strength scrypt (N=2^18, 256 MiB) takes far longer than the 50 ms
        // above, so the readers answered during it.
        assert!(!task.is_finished(), "the readers had to wait for the derivation");
        task.await.expect("operation");
    });
}

/// Default-strength KDF on purpose (each derivation takes about a second here).
#[test]
fn default_strength_derivations_do_not_block_readers() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Arc::new(
        Engine::open(Config { data_dir: dir.path().join("data"), network: None, rpc: None, kdf: KdfParams::default() })
            .expect("engine"),
    );
    rt.block_on(engine.create_wallet(b"pw", WordCount::Twelve)).expect("create");
    rt.block_on(engine.lock());

    readers_answer_during(&engine, &rt, |e| async move { e.unlock(b"pw").await.expect("unlock") });
    assert!(rt.block_on(engine.is_unlocked()));

    readers_answer_during(&engine, &rt, |e| async move { e.change_password(b"pw", b"pw2").await.expect("change") });
    assert!(rt.block_on(engine.is_unlocked()), "still unlocked after a password change");

    readers_answer_during(&engine, &rt, |e| async move {
        let json = e.export_keystore("0", b"ks").await.expect("export");
        assert!(json.contains("\"n\": 262144"), "exported at the engine's strength");
    });

    let json = rt.block_on(engine.export_keystore("0", b"ks")).expect("export");
    readers_answer_during(&engine, &rt, |e| async move {
        let err = e.import_keystore(b"pw2", &json, b"ks").await.expect_err("same account");
        assert!(err.to_string().contains("already in the wallet"), "{err}");
    });

    readers_answer_during(&engine, &rt, |e| async move {
        e.reveal_mnemonic(b"pw2").await.expect("reveal");
    });
}

/// A backup given as bytes (the desktop's file input) replaces the vault: an account
/// added since is gone, the replaced vault is kept as a dated `.bak`, and the bytes'
/// temporary file is removed. A wrong password or bytes that are no backup replace
/// nothing.
#[tokio::test(flavor = "multi_thread")]
async fn a_backup_restored_from_bytes_keeps_the_old_vault() {
    let node = crate::support::anvil(&[]);
    let (e, dir) = crate::support::engine(&node.endpoint(), 1).await;
    let file = dir.path().join("backup.json");
    e.backup_with_password(b"pw", &file).await.expect("backup");
    let bytes = std::fs::read(&file).expect("read backup");
    e.add_account(None).await.expect("add");
    assert_eq!(e.accounts().await.expect("accounts").len(), 2);
    let data = dir.path().join("data");
    let baks = || {
        std::fs::read_dir(&data)
            .expect("data dir")
            .filter_map(|f| f.ok())
            .map(|f| f.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("vault.json.") && n.ends_with(".bak"))
            .count()
    };

    assert!(e.restore_bytes(&bytes, b"wrong").await.is_err(), "a wrong password");
    assert!(e.restore_bytes(b"", b"pw").await.is_err(), "no bytes");
    assert!(e.restore_bytes(b"{\"not\": \"a vault\"}", b"pw").await.is_err(), "not a vault");
    e.lock().await;
    let locked = e.restore_bytes(&bytes, b"pw").await.map_err(sonic_types::IpcError::from);
    assert_eq!(locked.expect_err("locked").code, sonic_types::ErrorCode::Locked, "only while unlocked");
    e.unlock(b"pw").await.expect("unlock");
    assert_eq!(baks(), 0, "nothing replaced");
    assert_eq!(e.accounts().await.expect("accounts").len(), 2);

    e.restore_bytes(&bytes, b"pw").await.expect("restore");
    assert_eq!(e.accounts().await.expect("accounts").len(), 1, "the account added since is gone");
    assert_eq!(baks(), 1, "the replaced vault is kept");
    let leftovers = std::fs::read_dir(&data)
        .expect("data dir")
        .filter_map(|f| f.ok())
        .filter(|f| f.file_name().to_string_lossy().starts_with("restore-"))
        .count();
    assert_eq!(leftovers, 0, "the bytes' file is removed");
}

/// A registered token hidden from balances is left out of them (kept across a new
/// engine on the same data), and shown again; an unregistered one cannot be hidden.
#[tokio::test(flavor = "multi_thread")]
async fn a_hidden_token_is_left_out_of_balances() {
    use alloy::{network::EthereumWallet, providers::ProviderBuilder, signers::local::PrivateKeySigner};
    let node = crate::support::anvil(&[]);
    let key: PrivateKeySigner = node.keys()[5].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let token = sonic_testkit::TestToken::deploy(&p, "Test".into(), "TT".into(), 6).await.expect("deploy");
    let other = sonic_testkit::TestToken::deploy(&p, "Other".into(), "OT".into(), 6).await.expect("deploy");
    let (e, dir) = crate::support::engine(&node.endpoint(), 1).await;
    let address = token.address().to_checksum(None);
    e.add_token(&address).await.expect("add");
    let symbols = |b: Vec<sonic_types::dto::Balance>| b.into_iter().map(|b| b.asset).collect::<Vec<_>>();
    assert_eq!(symbols(e.balances(None).await.expect("balances")), ["S", "TT"]);

    e.set_token_hidden(&address, true).await.expect("hide");
    assert_eq!(symbols(e.balances(None).await.expect("balances")), ["S"]);
    assert_eq!(e.hidden_tokens().await.expect("hidden"), [*token.address()]);
    assert_eq!(e.tokens().await.expect("tokens").len(), 1, "still registered");
    let unregistered = e.set_token_hidden(&other.address().to_checksum(None), true).await;
    assert!(unregistered.is_err(), "only a registered token is hidden");
    drop(e);

    let again = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("local".into()),
        rpc: Some(node.endpoint()),
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    assert_eq!(symbols(again.balances(None).await.expect("balances")), ["S"], "kept");
    again.set_token_hidden(&address, false).await.expect("show");
    assert_eq!(symbols(again.balances(None).await.expect("balances")), ["S", "TT"]);
}
