//! `sonic`: the Smart Sonic engine from the command line.

mod args;
mod commands;
mod secrets;

use std::process::ExitCode;

use clap::Parser as _;

use crate::args::Cli;

/// A failure to report: one line on stderr and an exit code.
#[derive(Debug)]
pub(crate) struct Fail {
    message: String,
    code: u8,
}

impl Fail {
    /// A bad invocation (exit 2).
    pub(crate) fn usage(message: String) -> Self {
        Self { message, code: 2 }
    }
    /// A refused or failed operation (exit 1).
    pub(crate) fn op(message: String) -> Self {
        Self { message, code: 1 }
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
            eprintln!("error: {first} (see --help)");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            // One readable line, never a debug dump.
            let line = f.message.replace('\n', " ");
            eprintln!("error: {line}");
            ExitCode::from(f.code)
        }
    }
}
