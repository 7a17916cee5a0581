//! What each `sonic` command does, on top of the engine: one module per domain, as
//! in the desktop shell (`src-tauri/src/commands/`).

mod agent;
mod book;
mod chain;
mod contracts;
mod daemon;
mod defi;
mod devnet;
mod history;
mod mcp;
mod pay;
mod plan;
mod remote;
mod settings;
mod stake;
mod swap;
mod wallet;

use std::time::Duration;

use serde_json::Value;
use sonic_engine::{AmountSpec, Config, Engine, HistoryFilter, KdfParams, SendRequest};

use crate::{
    args::{Cli, Command, Global},
    out::Out,
    secrets::vault_password,
    Fail,
};

/// How long a command waits for a receipt before reporting the transaction as pending.
const RECEIPT_WAIT: Duration = Duration::from_secs(60);

/// What every command gets: the global flags and the output.
pub(crate) struct Ctx {
    /// Flags given before or after the subcommand.
    pub(crate) g: Global,
    /// Where results go.
    pub(crate) out: Out,
}

impl Ctx {
    /// The data directory of the flags.
    pub(crate) fn data_dir(&self) -> std::path::PathBuf {
        self.g.data_dir.clone().unwrap_or_else(Config::default_data_dir)
    }

    /// Opens the engine on the data directory, network and RPC of the flags. Beside a
    /// running wallet (a host answers on the data directory) it says so in one line.
    pub(crate) fn engine(&self) -> Result<Engine, Fail> {
        if let Some(socket) = sonic_host::host_answers(&self.data_dir()) {
            return Err(remote::beside_host(&socket));
        }
        let g = &self.g;
        // The test switch means nothing in a release build: full strength there.
        let kdf = if g.insecure_kdf && cfg!(debug_assertions) {
            KdfParams::insecure_for_tests()
        } else {
            KdfParams::default()
        };
        let config = Config {
            data_dir: g.data_dir.clone().unwrap_or_else(Config::default_data_dir),
            network: g.network.clone(),
            rpc: g.rpc.clone(),
            kdf,
        };
        Engine::open(config).map_err(|e| match sonic_host::host_answers(&self.data_dir()) {
            Some(socket) => remote::beside_host(&socket),
            None if remote::is_busy(&e) => {
                Fail::op(format!("{e} (is Smart Sonic or `sonic daemon` starting or stopping?)"))
            }
            None => e.into(),
        })
    }

    /// Unlocks the vault with the password from the file, the environment or a prompt.
    pub(crate) async fn unlock(&self, engine: &Engine) -> Result<(), Fail> {
        let pw = vault_password(self.g.password_file.as_deref(), false)?;
        engine.unlock(pw.as_bytes()).await?;
        Ok(())
    }

    /// Prints one result (see [`Out::print`]).
    pub(crate) fn print(&self, value: Value, human: impl FnOnce() -> String) -> Result<(), Fail> {
        self.out.print(value, human)
    }
}

/// Runs one command.
pub(crate) async fn run(cli: Cli) -> Result<(), Fail> {
    let cx = Ctx { out: Out::new(cli.global.json), g: cli.global };
    // Beside a running wallet, what can go through its host does.
    let Some(command) = remote::route(&cx, cli.command).await? else { return Ok(()) };
    match command {
        Command::Plans(_) => Ok(()),
        Command::Daemon { no_signer } => daemon::run(&cx, no_signer).await,
        Command::Mcp => mcp::run(&cx).await,
        Command::Agent(cmd) => agent::run(&cx, cmd).await,
        Command::Wallet(cmd) => wallet::run(&cx, cmd).await,
        Command::Balance { account, token, all } => chain::balance(&cx, account, token, all).await,
        Command::Send { to, amount, token, from, yes, no_wait } => {
            let req = SendRequest { from, to, amount: AmountSpec::parse(&amount)?, asset: token };
            chain::send(&cx, req, yes, no_wait).await
        }
        Command::Contacts(cmd) => book::contacts(&cx, cmd).await,
        Command::Tokens(cmd) => book::tokens(&cx, cmd).await,
        Command::Network(cmd) => settings::network(&cx, cmd),
        Command::Settings(cmd) => settings::run(&cx, cmd).await,
        Command::Nft(cmd) => contracts::nft(&cx, cmd).await,
        Command::Contracts(cmd) => contracts::contracts(&cx, cmd).await,
        Command::Subscription(cmd) => contracts::subscription(&cx, cmd).await,
        Command::Stake(cmd) => stake::run(&cx, cmd).await,
        Command::Swap { from, to, amount, slippage, account, quote, yes } => {
            let slippage_bps = slippage.as_deref().map(swap::slippage_bps).transpose()?;
            let req = sonic_engine::SwapRequest {
                from: account,
                sell: from,
                buy: to,
                amount: AmountSpec::parse(&amount)?,
                slippage_bps,
            };
            swap::swap(&cx, req, quote, yes).await
        }
        Command::Wrap { amount, yes } => swap::wrapping(&cx, &amount, true, yes).await,
        Command::Unwrap { amount, yes } => swap::wrapping(&cx, &amount, false, yes).await,
        Command::Devnet(cmd) => devnet::run(&cx, cmd).await,
        Command::Watch { from_block, exit_at_head } => history::watch(&cx, from_block, exit_at_head).await,
        Command::History { account, asset, direction, counterparty, days, limit, all } => {
            let f = HistoryFilter { account, asset, direction, counterparty, days, limit, include_untrusted: all };
            history::history(&cx, f).await
        }
        Command::Tx(cmd) => history::tx(&cx, cmd).await,
        Command::Pay(cmd) => pay::run(&cx, cmd).await,
        Command::Price { assets } => defi::price(&cx, &assets).await,
        Command::Yields { asset, limit } => defi::yields(&cx, asset.as_deref(), limit).await,
    }
}
