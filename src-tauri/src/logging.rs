//! The app's log: `tracing` events written to a file rotated daily in the OS log folder
//! (or `SONIC_LOG_DIR`), the newest [`KEEP_FILES`] kept. Every formatted line, message
//! and fields alike, goes through [`scrub_line`] before it reaches the file, so a secret
//! that slipped into a message (a key, a token, a JWT, an RPC URL's key, a recovery
//! phrase) is masked there.

use std::{
    io::{self, Write},
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use alloy::signers::local::coins_bip39::{English, Wordlist};
use sonic_types::redact::{self, MARK};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::{fmt::MakeWriter, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter};

/// How many daily files are kept.
pub(crate) const KEEP_FILES: usize = 7;
/// The log files' name: `smart-sonic.<date>.log`.
const PREFIX: &str = "smart-sonic";
/// The level per crate when `SONIC_LOG` does not say otherwise: our crates at info
/// (the watcher's progress at debug is asked with `SONIC_LOG=sonic_watcher=debug`),
/// libraries at warn.
const DEFAULT_FILTER: &str = "warn,smart_sonic_lib=info,sonic_engine=info,sonic_watcher=info,sonic_chain=info,\
                              sonic_host=info,sonic_signer=info,sonic_llm=info";
/// This many BIP-39 words in a row are taken for (part of) a recovery phrase.
const PHRASE_RUN: usize = 5;

/// Why the log could not be set up (the app runs without one).
#[derive(Debug)]
pub(crate) enum LogError {
    /// The folder or the file could not be created.
    File(tracing_appender::rolling::InitError),
    /// A global subscriber was already set.
    Init(tracing_subscriber::util::TryInitError),
}

impl std::fmt::Display for LogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::File(e) => write!(f, "log file: {e}"),
            Self::Init(e) => write!(f, "log subscriber: {e}"),
        }
    }
}

impl std::error::Error for LogError {}

/// The folder the log goes to: `SONIC_LOG_DIR` when set, else `default`.
pub(crate) fn log_dir(default: Option<PathBuf>) -> Option<PathBuf> {
    std::env::var_os("SONIC_LOG_DIR").filter(|v| !v.is_empty()).map(PathBuf::from).or(default)
}

/// A writer for the fmt layer that scrubs each line before the rotating file gets it.
#[derive(Clone)]
pub(crate) struct ScrubbedFile {
    file: Arc<Mutex<RollingFileAppender>>,
}

impl ScrubbedFile {
    /// Opens (creates) the daily file in `dir`.
    pub(crate) fn open(dir: &Path) -> Result<Self, LogError> {
        let file = RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix(PREFIX)
            .filename_suffix("log")
            .max_log_files(KEEP_FILES)
            .build(dir)
            .map_err(LogError::File)?;
        Ok(Self { file: Arc::new(Mutex::new(file)) })
    }
}

/// One event's formatted text, held until the fmt layer is done with it.
pub(crate) struct LineWriter {
    file: Arc<Mutex<RollingFileAppender>>,
    buf: Vec<u8>,
}

impl Write for LineWriter {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for LineWriter {
    /// The whole event is scrubbed at once (a secret is never split across writes).
    fn drop(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let line = scrub_line(&String::from_utf8_lossy(&self.buf));
        // A poisoned lock only means another line panicked mid-write; the file is fine.
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        let _ = file.write_all(line.as_bytes());
        let _ = file.flush();
    }
}

impl<'a> MakeWriter<'a> for ScrubbedFile {
    type Writer = LineWriter;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter { file: self.file.clone(), buf: Vec::new() }
    }
}

/// Sets the global subscriber: scrubbed lines to the daily file in `dir`, filtered by
/// `SONIC_LOG` (an `EnvFilter` directive) or [`DEFAULT_FILTER`].
pub(crate) fn init(dir: &Path) -> Result<(), LogError> {
    let file = ScrubbedFile::open(dir)?;
    let filter = EnvFilter::try_from_env("SONIC_LOG").unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    tracing_subscriber::registry()
        .with(filter)
        .with(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(file))
        .try_init()
        .map_err(LogError::Init)
}

/// `text` with secrets masked: what [`redact::scrub`] masks (keys, tokens, JWTs, URL
/// parameters named like a key), URL paths that carry a key (`/v2/<key>`), and runs
/// of [`PHRASE_RUN`] or more BIP-39 words (a recovery phrase, whole or in part).
pub(crate) fn scrub_line(text: &str) -> String {
    mask_phrases(&mask_url_keys(&redact::scrub(text)))
}

/// Masks the path of every `http(s)://` or `ws(s)://` URL whose path holds a segment
/// that looks like a key (16 or more letters and digits, with both): providers such as
/// Alchemy and Infura put the key there. The scheme and host stay, for diagnosis.
fn mask_url_keys(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = find_scheme(rest) {
        let (before, url_on) = rest.split_at(pos);
        out.push_str(before);
        let end = url_on
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')'))
            .unwrap_or(url_on.len());
        let url = &url_on[..end];
        let host_end = url.find("://").map(|i| i + 3).and_then(|s| url[s..].find('/').map(|j| s + j));
        match host_end {
            Some(h) if url[h..].split(['/', '?', '#']).any(looks_like_key) => {
                out.push_str(&url[..h]);
                out.push('/');
                out.push_str(MARK);
            }
            _ => out.push_str(url),
        }
        rest = &url_on[end..];
    }
    out.push_str(rest);
    out
}

fn find_scheme(text: &str) -> Option<usize> {
    ["http://", "https://", "ws://", "wss://"].iter().filter_map(|s| text.find(s)).min()
}

fn looks_like_key(seg: &str) -> bool {
    seg.len() >= 16
        && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && seg.bytes().any(|b| b.is_ascii_digit())
        && seg.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Masks every run of [`PHRASE_RUN`] or more words of the BIP-39 English list.
fn mask_phrases(text: &str) -> String {
    let is_word = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphabetic());
        !w.is_empty() && English::get_index(&w.to_ascii_lowercase()).is_ok()
    };
    // Word spans with their byte ranges.
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < spans.len() {
        let mut j = i;
        while j < spans.len() && is_word(&text[spans[j].0..spans[j].1]) {
            j += 1;
        }
        if j - i >= PHRASE_RUN {
            out.push_str(&text[copied..spans[i].0]);
            out.push_str(MARK);
            copied = spans[j - 1].1;
            i = j;
        } else {
            i = j.max(i + 1);
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MNEMONIC: &str = "test test test test test test test test test test test junk";
    const KEY: &str = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    const JWT: &str =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    const ALCHEMY: &str = "Xy7kQ2pLm9Rt4Vb8Nc3Hd6Fg";

    #[test]
    fn lines_lose_their_secrets() {
        for (line, secret) in [
            (format!("imported phrase {MNEMONIC} ok"), "test test test test test"),
            (format!("key 0x{KEY}"), KEY),
            (format!("auth: {JWT}"), JWT),
            (format!("rpc https://sonic-mainnet.g.alchemy.com/v2/{ALCHEMY} failed"), ALCHEMY),
            (format!("rpc https://rpc.example.org/?apikey={ALCHEMY}"), ALCHEMY),
        ] {
            let out = scrub_line(&line);
            assert!(!out.contains(secret), "{out}");
            assert!(out.contains(MARK), "{out}");
        }
    }

    #[test]
    fn ordinary_lines_stay() {
        for line in [
            "engine opened at /home/u/.local/share/smart-sonic on network local",
            "rpc http://127.0.0.1:8545/ answered in 3 ms",
            "plan 4f2a proposed: Send 1.5 S to 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
            "the watcher starts again: accounts, tokens or network changed",
        ] {
            assert_eq!(scrub_line(line), line);
        }
    }

    /// The whole path: events through the subscriber into the file in a folder.
    #[test]
    fn the_file_holds_entries_and_no_secret() {
        let dir = std::env::temp_dir().join(format!("sonic-log-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let file = ScrubbedFile::open(&dir).expect("open");
        let subscriber = tracing_subscriber::registry()
            .with(EnvFilter::new("debug"))
            .with(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(file));
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!("wallet imported from {MNEMONIC}");
            tracing::warn!(key = %format!("0x{KEY}"), "signer built");
            tracing::error!(token = JWT, "provider refused");
            tracing::debug!("rpc https://sonic-mainnet.g.alchemy.com/v2/{ALCHEMY} timed out");
            tracing::info!(network = "local", "engine opened");
        });
        let mut text = String::new();
        for entry in std::fs::read_dir(&dir).expect("dir") {
            text.push_str(&std::fs::read_to_string(entry.expect("entry").path()).expect("read"));
        }
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(text.lines().count(), 5, "{text}");
        assert!(text.contains("engine opened") && text.contains("local"), "{text}");
        for secret in ["test test test test", KEY, JWT, ALCHEMY] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}
