//! The published BIP-39 English vectors and anvil's default mnemonic.

use sonic_vault::{mnemonic_from_entropy, mnemonic_seed, KdfParams, Vault};

#[test]
fn trezor_vectors_pass() {
    let text = include_str!("fixtures/bip39-trezor.txt");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let parts: Vec<&str> = line.split('|').collect();
        let (entropy, phrase, seed) = (parts[0], parts[1], parts[2]);
        let entropy = hex::decode(entropy).expect("hex entropy");
        assert_eq!(mnemonic_from_entropy(&entropy).expect("entropy").as_str(), phrase);
        let got = mnemonic_seed(phrase, "TREZOR").expect("seed");
        assert_eq!(hex::encode(got.as_ref()), seed, "seed of {phrase}");
        n += 1;
    }
    assert_eq!(n, 16);
}

#[test]
fn anvil_mnemonic_gives_anvil_accounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    let vault = Vault::import_mnemonic(
        &path,
        b"pw",
        "test test test test test test test test test test test junk",
        "",
        3,
        KdfParams::insecure_for_tests(),
    )
    .expect("import");
    let addrs: Vec<String> = vault.accounts().iter().map(|a| a.address.to_checksum(None)).collect();
    assert_eq!(
        addrs,
        [
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        ]
    );
}

#[test]
fn bad_mnemonics_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    for bad in [
        "test test test",
        "test test test test test test test test test test test test",
        "notaword test test test test test test test test test test junk",
    ] {
        let err =
            Vault::import_mnemonic(&path, b"pw", bad, "", 1, KdfParams::insecure_for_tests()).expect_err("refused");
        assert!(matches!(err, sonic_vault::Error::Mnemonic(_)), "{bad}: {err}");
        assert!(!path.exists(), "nothing written for a bad mnemonic");
    }
}

#[test]
fn mnemonic_errors_never_echo_the_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.json");
    for bad in [
        // Two words swapped: every word is in the list, the checksum fails.
        "legal winner thank year wave sausage worth useful legal winner yellow thank",
        // One word mistyped.
        "legal winner thank year wave sausage worth useful legal winner thank yelow",
        // Thirteen words.
        "legal winner thank year wave sausage worth useful legal winner thank yellow zoo",
    ] {
        let err =
            Vault::import_mnemonic(&path, b"pw", bad, "", 1, KdfParams::insecure_for_tests()).expect_err("refused");
        let text = err.to_string();
        for word in bad.split(' ') {
            assert!(!text.contains(word), "error echoes '{word}': {text}");
        }
        let err = mnemonic_seed(bad, "").expect_err("refused");
        let text = err.to_string();
        for word in bad.split(' ') {
            assert!(!text.contains(word), "seed error echoes '{word}': {text}");
        }
    }
}
