//! Test harness: a temporary data directory, a password file, anvil, and a way to run
//! the `sonic` binary.

use std::{
    path::PathBuf,
    process::{Command, Output},
};

pub(crate) const ANVIL_MNEMONIC: &str = "test test test test test test test test test test test junk";
pub(crate) const ACCOUNT0: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
pub(crate) const ACCOUNT1: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
pub(crate) const OUTSIDER: &str = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

pub(crate) use sonic_testkit::{anvil, tool};

/// A data directory with a password file, driving the CLI.
pub(crate) struct Sonic {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) rpc: String,
}

impl Sonic {
    pub(crate) fn new(rpc: &str) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("pw"), "correct horse\n").expect("pw");
        Self { dir, rpc: rpc.to_string() }
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn data(&self) -> PathBuf {
        self.path("data")
    }

    /// Runs `sonic` with the data dir, password file, local network and RPC.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.run_on("local", args)
    }

    /// Runs `sonic` against the harness's RPC, labelled as network `network`.
    pub(crate) fn run_on(&self, network: &str, args: &[&str]) -> Output {
        self.command_on(network, args).output().expect("run sonic")
    }

    /// The `sonic` command [`Sonic::run_on`] runs, to spawn with other stdio.
    pub(crate) fn command_on(&self, network: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sonic"));
        cmd.arg("--data-dir")
            .arg(self.data())
            .arg("--password-file")
            .arg(self.path("pw"))
            .args(["--network", network, "--rpc", &self.rpc, "--insecure-kdf"])
            .args(args)
            .env_remove("SONIC_PASSWORD")
            .env_remove("SONIC_DATA_DIR");
        cmd
    }

    /// Runs and expects success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "sonic {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf8")
    }

    /// Runs and expects failure; returns stderr.
    pub(crate) fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "sonic {args:?} should fail, printed {}", String::from_utf8_lossy(&out.stdout));
        let err = String::from_utf8(out.stderr).expect("utf8");
        assert_eq!(err.trim_end().lines().count(), 1, "one readable line: {err}");
        assert!(!err.contains("panicked"), "{err}");
        err
    }

    /// Runs with --json and parses each line.
    pub(crate) fn json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.ok(&all).lines().map(|l| serde_json::from_str(l).expect("json line")).collect()
    }

    /// Imports anvil's mnemonic with `count` accounts.
    pub(crate) fn import_anvil(&self, count: u32) {
        std::fs::write(self.path("mnemonic"), format!("{ANVIL_MNEMONIC}\n")).expect("write");
        let m = self.path("mnemonic");
        self.ok(&["wallet", "import", "--mnemonic-file", m.to_str().expect("utf8"), "--count", &count.to_string()]);
    }
}
