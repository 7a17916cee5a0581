//! The one way `sonic` writes: results to stdout (a line of text, or one JSON object
//! per result with `--json`), and notes for the person at the terminal (plan cards,
//! questions, progress) to stderr. A closed stdout (`sonic --json history | head`)
//! ends the command quietly instead of panicking.

use std::{
    fmt::Display,
    io::{ErrorKind, Write},
};

use serde_json::Value;

use crate::Fail;

/// Where results go, and in which form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Out {
    json: bool,
}

impl Out {
    /// Results as JSON objects (`--json`) or as text.
    pub(crate) fn new(json: bool) -> Self {
        Self { json }
    }

    /// Whether results are JSON objects.
    pub(crate) fn is_json(&self) -> bool {
        self.json
    }

    /// Prints one result: `value` with `--json`, else the text `human` makes.
    pub(crate) fn print(&self, value: Value, human: impl FnOnce() -> String) -> Result<(), Fail> {
        if self.json {
            self.line(value)
        } else {
            self.line(human())
        }
    }

    /// Prints one line to stdout as it is (already in the chosen form).
    pub(crate) fn line(&self, text: impl Display) -> Result<(), Fail> {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{text}").and_then(|()| stdout.flush()).map_err(|e| match e.kind() {
            // The reader is gone (`| head` has what it wanted): nothing more to say.
            ErrorKind::BrokenPipe => Fail::closed_pipe(),
            _ => Fail::op(format!("cannot write the output: {e}")),
        })
    }
}

/// Writes a note for the person at the terminal to stderr, without a newline (a
/// question). A failed write is ignored: notes are never the result.
pub(crate) fn ask(text: impl Display) {
    let mut stderr = std::io::stderr().lock();
    let _ = write!(stderr, "{text}").and_then(|()| stderr.flush());
}

/// Writes one line for the person at the terminal to stderr (failures ignored).
pub(crate) fn note(text: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
