//! Key derivation off the async runtime: while a wallet operation derives a key at
//! full strength, the rest of the engine keeps answering.

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
