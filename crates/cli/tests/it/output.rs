//! Output: a reader that stops early (`sonic --json contacts list | head`) ends the
//! command quietly, with no panic and no backtrace.

use std::{process::Stdio, time::Instant};

use alloy::primitives::Address;
use sonic_engine::{Config, Engine, KdfParams};

use crate::support::Sonic;

#[test]
fn a_closed_stdout_ends_the_command_quietly() {
    let s = Sonic::new("http://127.0.0.1:1");
    {
        // More lines than a pipe holds (64 KiB), so the command must still be writing
        // when the reader is gone, whenever it goes.
        let engine =
            Engine::open(Config { data_dir: s.data(), network: None, rpc: None, kdf: KdfParams::insecure_for_tests() })
                .expect("engine");
        for i in 1..=2000u32 {
            let a = Address::left_padding_from(&i.to_be_bytes());
            engine.store().put_contact(&format!("friend{i:04}"), a, 1).expect("contact");
        }
    }
    for args in [&["--json", "contacts", "list"][..], &["contacts", "list"][..]] {
        let started = Instant::now();
        let mut child = s
            .command_on("local", args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn sonic");
        // The reader goes away before reading anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.trim().is_empty(), "{args:?}: nothing to say on stderr: {err}");
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert!(started.elapsed().as_secs() < 30, "{args:?} stopped at the closed pipe");
    }
}
