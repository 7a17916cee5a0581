//! `sonic`: the Smart Sonic engine from the command line.

mod args;
mod commands;
mod out;
mod secrets;

use std::process::ExitCode;

use clap::Parser as _;

use crate::args::Cli;

/// A failure to report: one line on stderr and an exit code.
#[derive(Debug)]
pub(crate) struct Fail {
    /// The line to show; `None` ends quietly.
    message: Option<String>,
    code: u8,
}

impl Fail {
    /// A bad invocation (exit 2).
    pub(crate) fn usage(message: String) -> Self {
        Self { message: Some(message), code: 2 }
    }

    /// A refused or failed operation (exit 1).
    pub(crate) fn op(message: String) -> Self {
        Self { message: Some(message), code: 1 }
    }

    /// Stdout was closed by its reader (`sonic history | head`): stop writing and
    /// exit quietly with success, as other command-line tools do.
    pub(crate) fn closed_pipe() -> Self {
        Self { message: None, code: 0 }
    }
}

impl From<sonic_engine::Error> for Fail {
    fn from(e: sonic_engine::Error) -> Self {
        Self::op(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if matches!(e.kind(), clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            // One readable line: clap's first line, without its usage block.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ");
            out::note(format!("error: {first} (see --help)"));
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            out::note(format!("error: cannot start the async runtime: {e}"));
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            // One readable line, never a debug dump.
            if let Some(message) = f.message {
                out::note(format!("error: {}", message.replace('\n', " ")));
            }
            ExitCode::from(f.code)
        }
    }
}
