//! `sonic mcp`: a Model Context Protocol server over stdio (the official Rust SDK,
//! `rmcp`) for AI assistants. It reads balances, history and prices, and proposes
//! sends, stakes and swaps as plans that wait for the user in the wallet (a card in the app,
//! `sonic plans list`); no tool confirms, signs, reveals or exports, and no output
//! holds a secret.
//!
//! It is a client of the wallet's host when one runs. Otherwise it opens the engine
//! itself and becomes the host (so `sonic plans confirm` beside it can confirm what
//! it proposed). Stdout carries the protocol only; notes go to stderr.

use std::sync::Arc;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig},
    schemars, tool, tool_handler, tool_router, ErrorData, ServiceExt,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sonic_host::{Host, HostClient};
use sonic_types::{
    checksum,
    dto::Plan,
    host::{HistoryFilterArgs, SendRequestArgs},
    ipc::{BalancesArgs, PricesArgs, StakePlanArgs, SwapPlanArgs},
    market::StakeAction,
    IpcError,
};
use tokio::sync::Mutex;

use super::{remote::Backend, Ctx};
use crate::{out::note, Fail};

/// The origin on the cards of what this server proposes.
const ORIGIN: &str = "mcp";
/// What every proposal says about itself.
const WAITS: &str = "Nothing has moved: the user confirms or rejects this plan in the Smart Sonic wallet \
                     (a confirmation card in the app, or `sonic plans confirm ID`). It expires unconfirmed.";

/// Serves MCP on stdin/stdout until the client closes it.
pub(crate) async fn run(cx: &Ctx) -> Result<(), Fail> {
    let (backend, host) = match HostClient::connect(&cx.data_dir()).await {
        Some(client) => {
            note(format!("sonic mcp: a client of the wallet at {}", client.socket_path().display()));
            (Backend::Host(Mutex::new(client.with_client(ORIGIN))), None)
        }
        None => {
            let engine = Arc::new(cx.engine()?);
            let host = match Host::serve(engine.clone(), &cx.data_dir()).await {
                Ok(h) => {
                    note(format!("sonic mcp: serving the wallet at {}", h.socket_path().display()));
                    Some(h)
                }
                Err(e) => {
                    note(format!("sonic mcp: {e}; proposals can only be confirmed by this process's host"));
                    None
                }
            };
            (Backend::Local { engine, origin: ORIGIN }, host)
        }
    };
    let server = WalletTools::new(Arc::new(backend));
    let running = server
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| Fail::op(format!("MCP session failed to start: {e}")))?;
    let ended = running.waiting().await;
    drop(host);
    ended.map(|_| ()).map_err(|e| Fail::op(format!("MCP session ended: {e}")))
}

/// `get_history`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
struct HistoryParams {
    /// At most this many transfers, newest first (default 20, at most 200).
    limit: Option<u32>,
    /// Only this asset: "S", a token symbol or a token address.
    asset: Option<String>,
}

/// `get_price`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
struct PriceParams {
    /// Assets to price: "S", token symbols or token addresses (1 to 20).
    assets: Vec<String>,
}

/// `propose_send`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
struct SendParams {
    /// The recipient: an address (0x...) or the name of a saved contact.
    to: String,
    /// The amount as a decimal string in the asset's units ("1.5"), "max" or "25%".
    amount: String,
    /// The asset: "S" (the default), a token symbol or a token address.
    asset: Option<String>,
}

/// `propose_stake`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
struct StakeParams {
    /// The validator's id.
    validator: u64,
    /// The amount of S to delegate, as a decimal string ("100").
    amount: String,
}

/// `propose_swap`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
struct SwapParams {
    /// What is sold: "S", a token symbol or a token address.
    sell: String,
    /// What is bought: "S", a token symbol or a token address.
    buy: String,
    /// How much is sold, as a decimal string ("10"), "max" or "25%".
    amount: String,
    /// The slippage allowed, in basis points (50 = 0.5%); the wallet's default when absent.
    slippage_bps: Option<u32>,
}

/// What a proposal returns.
#[derive(Debug, Serialize)]
struct Proposal {
    plan_id: String,
    summary: String,
    expires_at: u64,
    origin: &'static str,
    status: &'static str,
    note: &'static str,
}

impl Proposal {
    fn of(plan: &Plan) -> Self {
        Self {
            plan_id: plan.id.clone(),
            summary: plan.summary.clone(),
            expires_at: plan.expires_at,
            origin: ORIGIN,
            status: "waiting for the user's confirmation in the wallet",
            note: WAITS,
        }
    }
}

/// The tools, over the host or the engine.
#[derive(Clone)]
struct WalletTools {
    backend: Arc<Backend>,
    /// The tools; read by the code `tool_handler` generates.
    tool_router: ToolRouter<Self>,
}

/// A tool's answer: JSON text, or the error as the tool's result (`isError`).
fn answer(result: Result<Value, IpcError>) -> Result<CallToolResult, ErrorData> {
    Ok(match result {
        Ok(v) => CallToolResult::success(vec![ContentBlock::text(v.to_string())]),
        Err(e) => CallToolResult::error(vec![ContentBlock::text(format!("{}: {}", code_name(&e), e.message))]),
    })
}

fn code_name(e: &IpcError) -> String {
    serde_json::to_value(e.code).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| "error".into())
}

#[tool_router]
impl WalletTools {
    fn new(backend: Arc<Backend>) -> Self {
        Self { backend, tool_router: Self::tool_router() }
    }

    #[tool(
        description = "Balances of the wallet's default account: S and every registered token, as exact decimal strings with their base units. Read-only."
    )]
    async fn get_balances(&self) -> Result<CallToolResult, ErrorData> {
        let result = self.backend.call(&BalancesArgs {}).await.map(|list| {
            let rows: Vec<Value> = list
                .iter()
                .map(|b| {
                    json!({"account": checksum(&b.account), "asset": b.asset, "token": b.token.map(|t| checksum(&t)),
                           "amount": b.amount, "raw": b.raw.to_string(), "decimals": b.decimals})
                })
                .collect();
            json!({ "balances": rows })
        });
        answer(result)
    }

    #[tool(
        description = "Recent transfers of the wallet's default account from its local index (newest first): direction, counterparty, asset, exact amount, status. Read-only."
    )]
    async fn get_history(&self, Parameters(p): Parameters<HistoryParams>) -> Result<CallToolResult, ErrorData> {
        let limit = u64::from(p.limit.unwrap_or(20).clamp(1, 200));
        let args = HistoryFilterArgs {
            account: None,
            asset: p.asset,
            direction: None,
            counterparty: None,
            days: None,
            limit: Some(limit),
            all: false,
        };
        let result = self.backend.call(&args).await.map(|view| {
            let me = view.account;
            let rows: Vec<Value> = view
                .records
                .iter()
                .map(|t| {
                    let out = t.from == me;
                    json!({"hash": t.hash, "block": t.block, "timestamp": t.timestamp,
                           "direction": if out { "out" } else { "in" },
                           "counterparty": checksum(&if out { t.to } else { t.from }),
                           "asset": t.asset, "amount": sonic_types::format_units(t.raw, t.decimals),
                           "status": t.state})
                })
                .collect();
            json!({"account": checksum(&me), "transfers": rows})
        });
        answer(result)
    }

    #[tool(
        description = "USD prices of assets (S, token symbols or addresses) from DefiLlama, each with its source and time; for display only, never an amount. Read-only."
    )]
    async fn get_price(&self, Parameters(p): Parameters<PriceParams>) -> Result<CallToolResult, ErrorData> {
        let asked = p.assets.clone();
        let result = self.backend.call(&PricesArgs { assets: p.assets }).await.map(|view| {
            let rows: Vec<Value> = asked
                .iter()
                .zip(view.prices)
                .map(|(a, p)| match p {
                    Some(p) => json!({"asset": p.asset, "usd": p.usd, "source": p.source, "at": p.at}),
                    None => json!({"asset": a, "usd": null, "note": "the source has no price for it"}),
                })
                .collect();
            json!({ "prices": rows })
        });
        answer(result)
    }

    #[tool(
        description = "Proposes sending S or a token from the wallet's default account. It only makes a plan: nothing is signed or sent until the user confirms it in the Smart Sonic wallet (a confirmation card, or `sonic plans confirm`); the user may reject it and it expires otherwise. Returns the plan id and its summary; it does not wait."
    )]
    async fn propose_send(&self, Parameters(p): Parameters<SendParams>) -> Result<CallToolResult, ErrorData> {
        let args = SendRequestArgs { from: None, to: p.to, amount: p.amount, token: p.asset };
        let result = self.backend.call(&args).await.map(|plan| json!(Proposal::of(&plan)));
        answer(result)
    }

    #[tool(
        description = "Proposes delegating S to a Sonic validator (staking). It only makes a plan: nothing is signed or sent until the user confirms it in the Smart Sonic wallet (a confirmation card, or `sonic plans confirm`). Returns the plan id and its summary; it does not wait."
    )]
    async fn propose_stake(&self, Parameters(p): Parameters<StakeParams>) -> Result<CallToolResult, ErrorData> {
        let args = StakePlanArgs { action: StakeAction::Delegate { validator: p.validator, amount: p.amount } };
        let result = self.backend.call(&args).await.map(|plan| json!(Proposal::of(&plan)));
        answer(result)
    }

    #[tool(
        description = "Proposes swapping one asset for another (S, token symbols or addresses) through a DEX router, with a minimum received the router enforces. It only makes a plan: nothing is signed or sent until the user confirms it in the Smart Sonic wallet (a confirmation card, or `sonic plans confirm`). Returns the plan id and its summary; it does not wait."
    )]
    async fn propose_swap(&self, Parameters(p): Parameters<SwapParams>) -> Result<CallToolResult, ErrorData> {
        let args = SwapPlanArgs { sell: p.sell, buy: p.buy, amount: p.amount, slippage_bps: p.slippage_bps };
        let result = self.backend.call(&args).await.map(|plan| json!(Proposal::of(&plan)));
        answer(result)
    }
}

#[tool_handler(router = self.tool_router)]
impl rmcp::ServerHandler for WalletTools {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("smart-sonic", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "Smart Sonic wallet (Sonic, chain 146; native token S). Read balances, history and prices; \
                 propose sends, stakes and swaps. A proposal is only a plan: the user confirms or rejects it in the \
                 wallet. No tool can confirm, sign, reveal a key or export anything.",
            )
    }
}
