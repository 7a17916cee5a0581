//! Vault lifecycle: create, lock/unlock, damage, password change, backup/restore.

use std::{fs, time::Duration};

use sonic_vault::{Error, KdfParams, KeystoreKdf, Vault, WordCount};

const ANVIL: &str = "test test test test test test test test test test test junk";
const KEY1: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

fn light() -> KdfParams {
    KdfParams::insecure_for_tests()
}

#[test]
fn create_lock_unlock_and_sign_only_when_unlocked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w").join("vault.json");
    let (mut v, phrase) = Vault::create(&path, b"hunter2", WordCount::TwentyFour, light()).expect("create");
    assert_eq!(phrase.split(' ').count(), 24);
    let addr = v.accounts()[0].address;
    let text = fs::read_to_string(&path).expect("read");
    assert!(!text.contains(phrase.split(' ').next().expect("word")) || !text.contains(phrase.as_str()));
    assert!(!text.contains(phrase.as_str()), "mnemonic is not stored in clear");
    v.signer(addr).expect("unlocked after create");
    v.lock();
    assert!(matches!(v.signer(addr), Err(Error::Locked)));
    let mut reopened = Vault::open(&path).expect("open");
    assert!(matches!(reopened.unlock(b"wrong"), Err(Error::WrongPassword)));
    reopened.unlock(b"hunter2").expect("unlock");
    assert_eq!(reopened.signer(addr).expect("signer").address(), addr);
    assert_eq!(reopened.reveal_mnemonic(b"hunter2").expect("reveal").as_str(), phrase.as_str());
    assert!(matches!(reopened.reveal_mnemonic(b"nope"), Err(Error::WrongPassword)));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&path).expect("m").permissions().mode() & 0o777, 0o600);
        let d = path.parent().expect("dir");
        assert_eq!(fs::metadata(d).expect("m").permissions().mode() & 0o777, 0o700);
    }
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    Vault::create(&path, b"a", WordCount::Twelve, light()).expect("create");
    let before = fs::read(&path).expect("read");
    assert!(matches!(Vault::create(&path, b"b", WordCount::Twelve, light()), Err(Error::AlreadyExists(_))));
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn derived_and_imported_accounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let mut v = Vault::import_mnemonic(&path, b"pw", ANVIL, "", 1, light()).expect("import");
    let a1 = v.add_derived_account(Some("savings".into())).expect("derive");
    assert_eq!(a1.address.to_checksum(None), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let imported = v.import_private_key("  59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d\n", None);
    assert!(matches!(imported, Err(Error::DuplicateAccount(_))), "same key as index 1");
    let k = v
        .import_private_key("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a", None)
        .expect("import key");
    assert_eq!(k.address.to_checksum(None), "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    for bad in ["", "0x12", "zz", &"f".repeat(64), &"0".repeat(64)] {
        assert!(matches!(v.import_private_key(bad, None), Err(Error::PrivateKey(_))), "{bad:?}");
    }
    let mut again = Vault::open(&path).expect("open");
    again.unlock(b"pw").expect("unlock");
    assert_eq!(again.accounts().len(), 3);
    assert_eq!(again.accounts()[1].name, "savings");
    assert!(again.damaged_accounts().is_empty());
    again.signer(k.address).expect("imported key signs");
}

#[test]
fn tampered_entry_fails_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let mut v = Vault::create_empty(&path, b"pw", light()).expect("empty");
    let a = v.import_private_key(KEY1, None).expect("a");
    let b =
        v.import_private_key("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a", None).expect("b");
    // Flip one hex digit in the first account's ciphertext.
    let mut json: serde_json::Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    let ct = json["accounts"][0]["secret"]["ct"].as_str().expect("ct").to_string();
    let flipped = format!("{}{}", if ct.starts_with('0') { "1" } else { "0" }, &ct[1..]);
    json["accounts"][0]["secret"]["ct"] = flipped.into();
    fs::write(&path, serde_json::to_vec(&json).expect("ser")).expect("write");
    let mut v = Vault::open(&path).expect("open");
    v.unlock(b"pw").expect("password still right");
    assert_eq!(v.damaged_accounts(), vec![a.address]);
    assert!(matches!(v.signer(a.address), Err(Error::AccountDamaged(_))));
    v.signer(b.address).expect("other account usable");
}

#[test]
fn truncated_or_garbage_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    Vault::create(&path, b"pw", WordCount::Twelve, light()).expect("create");
    let bytes = fs::read(&path).expect("read");
    fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    let err = Vault::open(&path).expect_err("corrupt");
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("damaged"));
    assert_eq!(fs::read(&path).expect("read").len(), bytes.len() / 2, "nothing overwritten");
    assert!(matches!(Vault::open(&dir.path().join("none.json")), Err(Error::NoWallet(_))));
}

#[test]
fn change_password_backup_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let mut v = Vault::import_mnemonic(&path, b"old", ANVIL, "", 2, light()).expect("import");
    assert!(matches!(v.change_password(b"bad", b"new", None), Err(Error::WrongPassword)));
    v.change_password(b"old", b"new", None).expect("change");
    let mut r = Vault::open(&path).expect("open");
    assert!(matches!(r.unlock(b"old"), Err(Error::WrongPassword)));
    r.unlock(b"new").expect("new password");
    assert!(r.damaged_accounts().is_empty());

    let backup = dir.path().join("backup.json");
    r.backup(&backup).expect("backup");
    fs::write(&path, b"{broken").expect("break the live vault");
    assert!(matches!(Vault::restore(&backup, &path, b"wrong", true), Err(Error::WrongPassword)));
    assert_eq!(fs::read(&path).expect("read"), b"{broken", "failed restore writes nothing");
    let mut restored = Vault::restore(&backup, &path, b"new", true).expect("restore");
    assert_eq!(restored.accounts().len(), 2);
    restored.signer(restored.accounts()[1].address).expect("sign");
}

#[test]
fn idle_timeout_locks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let mut v = Vault::import_mnemonic(&path, b"pw", ANVIL, "", 1, light()).expect("import");
    v.set_idle_timeout(Some(Duration::from_millis(50)));
    assert!(v.is_unlocked());
    std::thread::sleep(Duration::from_millis(80));
    assert!(!v.is_unlocked(), "locked after the idle time");
}

#[test]
fn keystore_export_import_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let mut v = Vault::import_mnemonic(&path, b"pw", ANVIL, "", 1, light()).expect("import");
    let addr = v.accounts()[0].address;
    let json = v.export_keystore(addr, b"ks", KeystoreKdf { log_n: 8, r: 8, p: 1 }).expect("export");
    let other = dir.path().join("other.json");
    let mut w = Vault::create_empty(&other, b"pw2", light()).expect("empty");
    assert!(matches!(w.import_keystore(&json, b"bad", None), Err(Error::WrongPassword)));
    let info = w.import_keystore(&json, b"ks", None).expect("import");
    assert_eq!(info.address, addr);
}

#[test]
fn named_secrets_are_sealed_and_survive_password_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let mut v = Vault::create_empty(&path, b"pw", light()).expect("empty");
    v.set_secret("llm_api_key", Some("sk-secret-123")).expect("set");
    assert!(!fs::read_to_string(&path).expect("read").contains("sk-secret-123"));
    v.change_password(b"pw", b"pw2", None).expect("change");
    let mut r = Vault::open(&path).expect("open");
    assert!(matches!(r.secret("llm_api_key"), Err(Error::Locked)));
    r.unlock(b"pw2").expect("unlock");
    assert_eq!(r.secret("llm_api_key").expect("get").expect("some").as_str(), "sk-secret-123");
    r.set_secret("llm_api_key", None).expect("remove");
    assert!(r.secret("llm_api_key").expect("get").is_none());
}

/// Rewrites the `kdf` object of a vault file.
fn set_kdf(path: &std::path::Path, log_n: u64, r: u64, p: u64) {
    let mut json: serde_json::Value = serde_json::from_slice(&fs::read(path).expect("read")).expect("json");
    json["kdf"]["log_n"] = log_n.into();
    json["kdf"]["r"] = r.into();
    json["kdf"]["p"] = p.into();
    fs::write(path, serde_json::to_vec(&json).expect("ser")).expect("write");
}

#[test]
fn tampered_kdf_params_are_refused_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    Vault::create_empty(&path, b"pw", light()).expect("empty");
    // 4 GiB, 16 GiB, 1 GiB of memory; 4 GiB of total work; 2^40; zero factors.
    for (log_n, r, p) in
        [(20, 32, 16), (22, 32, 16), (20, 8, 1), (18, 8, 16), (40, 8, 1), (0, 8, 1), (15, 0, 1), (15, 8, 0)]
    {
        set_kdf(&path, log_n, r, p);
        let started = std::time::Instant::now();
        let err = Vault::open(&path).expect_err("refused before any derivation");
        assert!(started.elapsed() < Duration::from_secs(1), "refused at once");
        assert!(matches!(err, Error::Corrupt { .. }), "({log_n}, {r}, {p}): {err}");
        assert!(err.to_string().contains("scrypt"), "says why: {err}");
    }
}

#[test]
fn low_kdf_params_are_raised_to_the_floor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let weak = KdfParams { log_n: 4, r: 1, p: 1 };
    let stored = |path: &std::path::Path| {
        let json: serde_json::Value = serde_json::from_slice(&fs::read(path).expect("read")).expect("json");
        (json["kdf"]["log_n"].as_u64().expect("log_n"), json["kdf"]["r"].as_u64().expect("r"))
    };
    let empty = dir.path().join("empty.json");
    let mut v = Vault::create_empty(&empty, b"pw", weak).expect("empty");
    assert_eq!(stored(&empty), (15, 8), "create_empty");
    v.change_password(b"pw", b"pw2", Some(weak)).expect("change");
    assert_eq!(stored(&empty), (15, 8), "change_password");
    let mut r = Vault::open(&empty).expect("open");
    r.unlock(b"pw2").expect("still opens");

    let seeded = dir.path().join("seeded.json");
    Vault::import_mnemonic(&seeded, b"pw", ANVIL, "", 1, weak).expect("import");
    assert_eq!(stored(&seeded), (15, 8), "import_mnemonic");
    let created = dir.path().join("created.json");
    Vault::create(&created, b"pw", WordCount::Twelve, weak).expect("create");
    assert_eq!(stored(&created), (15, 8), "create");

    // The test parameters are the floor itself.
    let t = KdfParams::insecure_for_tests();
    assert!(t.log_n >= 15 && t.r >= 8, "{t:?}");
}

/// Lists the `.bak` copies beside a vault file.
fn baks(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "bak"))
        .collect();
    v.sort();
    v
}

#[test]
fn restore_over_a_vault_needs_force_and_keeps_a_dated_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let mut v = Vault::import_mnemonic(&path, b"pw", ANVIL, "", 1, light()).expect("import");
    let backup = dir.path().join("backup.json");
    v.backup(&backup).expect("backup");
    v.add_derived_account(None).expect("second account");
    let current = fs::read(&path).expect("read");

    let err = Vault::restore(&backup, &path, b"pw", false).expect_err("needs force");
    assert!(matches!(err, Error::AlreadyExists(_)), "{err}");
    assert_eq!(fs::read(&path).expect("read"), current, "unchanged");
    assert!(baks(dir.path()).is_empty());

    let restored = Vault::restore(&backup, &path, b"pw", true).expect("forced");
    assert_eq!(restored.accounts().len(), 1);
    let copies = baks(dir.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(fs::read(&copies[0]).expect("read"), current, "the old vault, byte for byte");
    // vault.json.2026-11-27T071200Z.bak
    let name = copies[0].file_name().expect("name").to_string_lossy().into_owned();
    let stamp = name.strip_prefix("vault.json.").and_then(|s| s.strip_suffix(".bak")).expect("shape");
    assert_eq!(stamp.len(), 18, "{name}");
    assert!(stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T', "{name}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&copies[0]).expect("m").permissions().mode() & 0o777, 0o600);
    }
    // A second forced restore keeps both copies.
    Vault::restore(&backup, &path, b"pw", true).expect("again");
    assert_eq!(baks(dir.path()).len(), 2);
    // No vault yet: no force needed.
    let fresh = dir.path().join("fresh").join("vault.json");
    Vault::restore(&backup, &fresh, b"pw", false).expect("into an empty place");
}

#[test]
fn restore_refuses_a_damaged_backup_and_keeps_the_vault() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let mut v = Vault::import_mnemonic(&path, b"pw", ANVIL, "", 1, light()).expect("import");
    v.import_private_key(KEY1.replace("59c6", "59c7").as_str(), None).expect("imported key");
    v.set_secret("llm_api_key", Some("sk-abc")).expect("secret");
    let backup = dir.path().join("backup.json");
    v.backup(&backup).expect("backup");
    let good: serde_json::Value = serde_json::from_slice(&fs::read(&backup).expect("read")).expect("json");
    let current = fs::read(&path).expect("read");

    let flip = |s: &str| format!("{}{}", if s.starts_with('0') { "1" } else { "0" }, &s[1..]);
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    for pointer in ["/seed/ct", "/accounts/1/secret/ct", "/secrets/llm_api_key/ct", "/check/ct"] {
        let mut j = good.clone();
        let ct = j.pointer(pointer).and_then(|x| x.as_str()).expect(pointer).to_string();
        *j.pointer_mut(pointer).expect(pointer) = flip(&ct).into();
        cases.push((pointer, serde_json::to_vec(&j).expect("ser")));
    }
    let mut j = good.clone();
    j["kdf"]["log_n"] = 40.into();
    cases.push(("kdf", serde_json::to_vec(&j).expect("ser")));
    let mut j = good.clone();
    j["kdf"]["salt"] = "zz".into();
    cases.push(("salt", serde_json::to_vec(&j).expect("ser")));
    let text = serde_json::to_vec(&good).expect("ser");
    cases.push(("truncated", text[..text.len() / 2].to_vec()));

    for (what, bytes) in cases {
        fs::write(&backup, &bytes).expect("write");
        let err = Vault::restore(&backup, &path, b"pw", true).expect_err(what);
        assert!(
            matches!(err, Error::Corrupt { .. } | Error::AccountDamaged(_) | Error::WrongPassword),
            "{what}: {err}"
        );
        assert_eq!(fs::read(&path).expect("read"), current, "{what}: vault untouched");
        assert!(baks(dir.path()).is_empty(), "{what}: no copy made");
    }
}
