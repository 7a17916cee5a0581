//! Wallet commands: import, list, export, keystore interop with cast, and the errors a
//! user can meet.

use std::process::Command;

use crate::support::{tool, Sonic, ACCOUNT0, ACCOUNT1};

#[test]
fn import_mnemonic_lists_anvil_accounts() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.import_anvil(2);
    let list = s.json(&["wallet", "list"]);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["address"], ACCOUNT0);
    assert_eq!(list[1]["address"], ACCOUNT1);
    assert_eq!(list[1]["kind"], "m/44'/60'/0'/0/1");
    // The vault file holds no secret in clear.
    let vault = std::fs::read_to_string(s.data().join("vault.json")).expect("vault");
    assert!(!vault.contains("junk"));
    let err = s.fails(&["wallet", "import", "--mnemonic-file", s.path("mnemonic").to_str().expect("p")]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn wrong_password_is_refused_and_changes_nothing() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.import_anvil(1);
    let before = std::fs::read(s.data().join("vault.json")).expect("vault");
    std::fs::write(s.path("pw"), "wrong\n").expect("pw");
    let err = s.fails(&["wallet", "add"]);
    assert!(err.contains("wrong password"), "{err}");
    assert_eq!(std::fs::read(s.data().join("vault.json")).expect("vault"), before);
}

#[test]
fn a_new_wallet_needs_a_password_of_8_characters_from_any_source() {
    let s = Sonic::new("http://127.0.0.1:1");
    for short in ["\n", "abc\n", "7 chars\n"] {
        std::fs::write(s.path("pw"), short).expect("pw");
        let err = s.fails(&["wallet", "create"]);
        assert!(err.contains("at least 8 characters"), "{short:?}: {err}");
        assert!(!s.data().join("vault.json").exists(), "{short:?}: no wallet written");
    }
    std::fs::write(s.path("pw"), "8 chars!\n").expect("pw");
    s.json(&["wallet", "create"]);
    assert!(s.data().join("vault.json").exists());
}

#[test]
fn corrupt_vault_is_a_clear_error() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.import_anvil(1);
    let path = s.data().join("vault.json");
    let bytes = std::fs::read(&path).expect("vault");
    std::fs::write(&path, &bytes[..bytes.len() / 3]).expect("truncate");
    let err = s.fails(&["wallet", "list"]);
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&path).expect("vault").len(), bytes.len() / 3, "nothing overwritten");
}

#[test]
fn create_prints_mnemonic_once_and_reveal_needs_password() {
    let s = Sonic::new("http://127.0.0.1:1");
    let out = s.json(&["wallet", "create", "--words", "24"]);
    let phrase = out[0]["mnemonic"].as_str().expect("mnemonic").to_string();
    assert_eq!(phrase.split(' ').count(), 24);
    let revealed = s.json(&["wallet", "reveal"]);
    assert_eq!(revealed[0]["mnemonic"], phrase.as_str());
    std::fs::write(s.path("pw"), "nope\n").expect("pw");
    s.fails(&["wallet", "reveal"]);
    let err = s.fails(&["wallet", "create", "--words", "13"]);
    assert!(err.contains("12 or 24"), "{err}");
}

#[test]
fn cast_keystore_imports_with_same_address() {
    let s = Sonic::new("http://127.0.0.1:1");
    let ks_dir = s.path("cast");
    std::fs::create_dir(&ks_dir).expect("mkdir");
    let out = Command::new(tool("cast"))
        .args(["wallet", "new"])
        .arg(&ks_dir)
        .args(["--unsafe-password", "castpw"])
        .output()
        .expect("cast wallet new");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let address = text.lines().find_map(|l| l.strip_prefix("Address:")).expect("address line").trim().to_string();
    let file = std::fs::read_dir(&ks_dir).expect("ls").next().expect("one file").expect("entry").path();
    std::fs::write(s.path("kspw"), "castpw\n").expect("kspw");
    let imported = s.json(&[
        "wallet",
        "import",
        "--keystore",
        file.to_str().expect("p"),
        "--keystore-password-file",
        s.path("kspw").to_str().expect("p"),
    ]);
    assert_eq!(imported[0]["address"], address.as_str());
    // A wrong keystore password is refused without touching the vault.
    std::fs::write(s.path("bad"), "nope\n").expect("bad");
    let err = s.fails(&[
        "wallet",
        "import",
        "--keystore",
        file.to_str().expect("p"),
        "--keystore-password-file",
        s.path("bad").to_str().expect("p"),
    ]);
    assert!(err.contains("wrong password"), "{err}");
    // A corrupt keystore file is a clear error.
    std::fs::write(s.path("junk.json"), "{\"version\":3}").expect("junk");
    let err = s.fails(&[
        "wallet",
        "import",
        "--keystore",
        s.path("junk.json").to_str().expect("p"),
        "--keystore-password-file",
        s.path("kspw").to_str().expect("p"),
    ]);
    assert!(err.contains("keystore"), "{err}");
}

#[test]
fn exported_keystore_opens_in_cast() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.import_anvil(2);
    std::fs::write(s.path("kspw"), "exportpw\n").expect("kspw");
    let out = s.path("export.json");
    s.ok(&[
        "wallet",
        "export",
        "1",
        "--out",
        out.to_str().expect("p"),
        "--keystore-password-file",
        s.path("kspw").to_str().expect("p"),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777, 0o600);
    }
    let cast = Command::new(tool("cast"))
        .args(["wallet", "address", "--keystore"])
        .arg(&out)
        .args(["--password", "exportpw"])
        .output()
        .expect("cast wallet address");
    assert!(cast.status.success(), "{}", String::from_utf8_lossy(&cast.stderr));
    assert_eq!(String::from_utf8_lossy(&cast.stdout).trim(), ACCOUNT1);
    // Exporting over an existing file is refused.
    let err = s.fails(&[
        "wallet",
        "export",
        "1",
        "--out",
        out.to_str().expect("p"),
        "--keystore-password-file",
        s.path("kspw").to_str().expect("p"),
    ]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn second_process_gets_busy_error() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.import_anvil(1);
    let _held = sonic_store_holder(&s);
    let err = s.fails(&["contacts", "list"]);
    assert!(err.contains("in use by another"), "{err}");
    assert!(err.contains(s.data().to_str().expect("p")), "names the data dir: {err}");
}

/// Holds the store open in this test process, so the CLI is a second process.
fn sonic_store_holder(s: &Sonic) -> sonic_engine::Engine {
    sonic_engine::Engine::open(sonic_engine::Config {
        data_dir: s.data(),
        network: None,
        rpc: None,
        kdf: sonic_engine::KdfParams::insecure_for_tests(),
    })
    .expect("hold the store")
}

#[test]
fn bad_invocations_exit_2_with_one_line() {
    let s = Sonic::new("http://127.0.0.1:1");
    let out = s.run(&["wallet", "import", "--private-key-file", "/nonexistent/key"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn a_mistyped_phrase_is_not_echoed() {
    let s = Sonic::new("http://127.0.0.1:1");
    for phrase in [
        // Every word in the list, two swapped: the checksum fails.
        "legal winner thank year wave sausage worth useful legal winner yellow thank",
        // One word mistyped.
        "legal winner thank year wave sausage worth useful legal winner thank yelow",
    ] {
        std::fs::write(s.path("typo"), format!("{phrase}\n")).expect("write");
        let out = s.run(&["wallet", "import", "--mnemonic-file", s.path("typo").to_str().expect("p")]);
        assert!(!out.status.success());
        let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(printed.contains("mnemonic"), "says what is wrong: {printed}");
        for word in phrase.split(' ') {
            assert!(!printed.contains(word), "'{word}' echoed: {printed}");
        }
        assert!(!s.data().join("vault.json").exists(), "nothing written");
    }
}

#[test]
fn the_test_kdf_switch_still_writes_at_least_n_2_15() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.import_anvil(1);
    let vault: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.data().join("vault.json")).expect("vault")).expect("json");
    assert!(vault["kdf"]["log_n"].as_u64().expect("log_n") >= 15, "{}", vault["kdf"]);
}

/// The `.bak` copies in the data directory.
fn baks(s: &Sonic) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(s.data())
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "bak"))
        .collect()
}

#[test]
fn restore_over_a_wallet_needs_force_and_keeps_a_dated_copy() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.import_anvil(1);
    let backup = s.path("backup.json");
    s.ok(&["wallet", "backup", backup.to_str().expect("p")]);
    s.ok(&["wallet", "add"]);
    let vault = s.data().join("vault.json");
    let current = std::fs::read(&vault).expect("vault");

    let err = s.fails(&["wallet", "restore", backup.to_str().expect("p")]);
    assert!(err.contains("--force"), "says how: {err}");
    assert_eq!(std::fs::read(&vault).expect("vault"), current, "nothing changed");
    assert!(baks(&s).is_empty());

    s.ok(&["wallet", "restore", "--force", backup.to_str().expect("p")]);
    assert_eq!(s.json(&["wallet", "list"]).len(), 1, "the backup's accounts");
    let copies = baks(&s);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(std::fs::read(&copies[0]).expect("bak"), current, "the replaced vault is kept");
    let name = copies[0].file_name().expect("name").to_string_lossy().into_owned();
    assert!(name.starts_with("vault.json.20") && name.ends_with("Z.bak"), "{name}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&copies[0]).expect("meta").permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn restore_refuses_a_damaged_backup() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.import_anvil(1);
    let backup = s.path("backup.json");
    s.ok(&["wallet", "backup", backup.to_str().expect("p")]);
    let vault = s.data().join("vault.json");
    let current = std::fs::read(&vault).expect("vault");
    let good: serde_json::Value = serde_json::from_slice(&std::fs::read(&backup).expect("backup")).expect("json");

    let mut seed = good.clone();
    let ct = seed["seed"]["ct"].as_str().expect("ct").to_string();
    seed["seed"]["ct"] = format!("{}{}", if ct.starts_with('0') { "1" } else { "0" }, &ct[1..]).into();
    let mut kdf = good.clone();
    kdf["kdf"]["log_n"] = 30.into();
    let text = serde_json::to_vec(&good).expect("ser");
    for (what, bytes) in [
        ("damaged seed", serde_json::to_vec(&seed).expect("ser")),
        ("bad kdf", serde_json::to_vec(&kdf).expect("ser")),
        ("malformed", text[..text.len() / 2].to_vec()),
    ] {
        std::fs::write(&backup, bytes).expect("write");
        let err = s.fails(&["wallet", "restore", "--force", backup.to_str().expect("p")]);
        assert!(err.contains("damaged"), "{what}: {err}");
        assert_eq!(std::fs::read(&vault).expect("vault"), current, "{what}: vault untouched");
        assert!(baks(&s).is_empty(), "{what}");
    }
}
