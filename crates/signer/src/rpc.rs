//! JSON-RPC: the envelope (single requests and bounded batches, notifications) and the
//! methods. Who asks decides what is allowed: a local program (no `Origin`) and an
//! approved origin may read the accounts and propose; an unapproved origin may only
//! ask to connect and read the chain. Every send and signature becomes a plan that
//! waits for the user's confirmation; nothing here signs.

use std::{
    collections::HashMap,
    sync::{Arc, PoisonError},
    time::{Duration, Instant},
};

use alloy::providers::Provider;
use futures_util::future::join_all;
use serde_json::{json, Value};
use sonic_engine::{proposer, Engine, SignRequest};
use sonic_types::{checksum, dto::PlanOutcome};

use crate::{
    error::{
        from_transport, RpcError, INTERNAL, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR, SERVER, UNRECOGNIZED_CHAIN,
        UNSUPPORTED, USER_REJECTED,
    },
    params,
};

/// The most requests in one batch.
pub const MAX_BATCH: usize = 50;
/// How long a refused connection is remembered for the requests queued behind it.
const REFUSAL_MEMORY: Duration = Duration::from_secs(600);
/// The most refusals remembered.
const MAX_REFUSALS: usize = 1024;
/// How long a read forwarded to the network's RPC may take.
const FORWARD_TIMEOUT: Duration = Duration::from_secs(20);

/// Read methods forwarded to the active network's RPC as they are.
pub const FORWARDED: &[&str] = &[
    "eth_blockNumber",
    "eth_call",
    "eth_estimateGas",
    "eth_feeHistory",
    "eth_gasPrice",
    "eth_getBalance",
    "eth_getBlockByHash",
    "eth_getBlockByNumber",
    "eth_getBlockReceipts",
    "eth_getBlockTransactionCountByHash",
    "eth_getBlockTransactionCountByNumber",
    "eth_getCode",
    "eth_getLogs",
    "eth_getProof",
    "eth_getStorageAt",
    "eth_getTransactionByBlockHashAndIndex",
    "eth_getTransactionByBlockNumberAndIndex",
    "eth_getTransactionByHash",
    "eth_getTransactionCount",
    "eth_getTransactionReceipt",
    "eth_getUncleCountByBlockHash",
    "eth_getUncleCountByBlockNumber",
    "eth_maxPriorityFeePerGas",
    "eth_syncing",
    "net_listening",
    "net_version",
    "web3_clientVersion",
];

/// What every request of a server shares.
pub(crate) struct Ctx {
    pub(crate) engine: Arc<Engine>,
    /// One connection card at a time: a second `eth_requestAccounts` of the same
    /// site waits for the first card's answer instead of raising another.
    connecting: tokio::sync::Mutex<()>,
    /// When each site's last connection card was turned down: the requests that were
    /// queued behind that card get its answer, not a card each.
    refused: std::sync::Mutex<HashMap<String, Instant>>,
}

impl Ctx {
    pub(crate) fn new(engine: Arc<Engine>) -> Self {
        Self { engine, connecting: tokio::sync::Mutex::new(()), refused: std::sync::Mutex::new(HashMap::new()) }
    }

    /// Whether `origin`'s card was turned down after `since`.
    fn refused_since(&self, origin: &str, since: Instant) -> bool {
        let refused = self.refused.lock().unwrap_or_else(PoisonError::into_inner);
        refused.get(origin).is_some_and(|at| *at >= since)
    }

    fn note_refused(&self, origin: &str) {
        let mut refused = self.refused.lock().unwrap_or_else(PoisonError::into_inner);
        // Only recent refusals matter (a queued request waits at most a plan's life).
        refused.retain(|_, at| at.elapsed() < REFUSAL_MEMORY);
        if refused.len() < MAX_REFUSALS {
            refused.insert(origin.to_owned(), Instant::now());
        }
    }
}

/// Who sends a request: a web origin, or a local program (`None`).
#[derive(Debug, Clone)]
pub(crate) struct Client {
    pub(crate) origin: Option<String>,
}

impl Client {
    /// A local program, or an origin the user approved (checked at each request, so a
    /// revocation applies at once, also on an open WebSocket).
    fn trusted(&self, engine: &Engine) -> bool {
        match &self.origin {
            None => true,
            Some(o) => engine.is_origin_approved(o).unwrap_or(false),
        }
    }

    fn require_trusted(&self, engine: &Engine) -> Result<(), RpcError> {
        if self.trusted(engine) {
            Ok(())
        } else {
            Err(RpcError::unauthorized(
                "this site is not connected: call eth_requestAccounts and approve it in Smart Sonic",
            ))
        }
    }
}

fn reply(id: Value, result: Result<Value, RpcError>) -> Value {
    match result {
        Ok(v) => json!({ "jsonrpc": "2.0", "id": id, "result": v }),
        Err(e) => json!({ "jsonrpc": "2.0", "id": id, "error": e.to_json() }),
    }
}

/// Answers a body: one request or a batch. `None` when nothing is to be sent back
/// (only notifications).
pub(crate) async fn handle_body(ctx: &Ctx, client: &Client, body: &[u8]) -> Option<Value> {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return Some(reply(Value::Null, Err(RpcError::new(PARSE_ERROR, "the body is not JSON"))));
    };
    match v {
        Value::Array(items) if items.is_empty() => {
            Some(reply(Value::Null, Err(RpcError::new(INVALID_REQUEST, "an empty batch"))))
        }
        Value::Array(items) if items.len() > MAX_BATCH => Some(reply(
            Value::Null,
            Err(RpcError::new(INVALID_REQUEST, format!("a batch holds at most {MAX_BATCH} requests"))),
        )),
        Value::Array(items) => {
            let replies: Vec<Value> =
                join_all(items.into_iter().map(|r| handle_one(ctx, client, r))).await.into_iter().flatten().collect();
            (!replies.is_empty()).then_some(Value::Array(replies))
        }
        one => handle_one(ctx, client, one).await,
    }
}

/// Answers one request object; `None` for a notification (no `id`).
async fn handle_one(ctx: &Ctx, client: &Client, req: Value) -> Option<Value> {
    let Value::Object(mut o) = req else {
        return Some(reply(Value::Null, Err(RpcError::new(INVALID_REQUEST, "a request must be an object"))));
    };
    let id = o.remove("id");
    let valid_id = matches!(id, None | Some(Value::Null | Value::Number(_) | Value::String(_)));
    let method = o.get("method").and_then(Value::as_str).map(str::to_owned);
    let params = o.remove("params").unwrap_or(Value::Null);
    let (Some(method), true, true) =
        (method, valid_id, matches!(params, Value::Null | Value::Array(_) | Value::Object(_)))
    else {
        return Some(reply(id.unwrap_or(Value::Null), Err(RpcError::new(INVALID_REQUEST, "not a JSON-RPC request"))));
    };
    let result = call(ctx, client, &method, params).await;
    id.map(|id| reply(id, result))
}

/// The `i`th positional parameter.
fn param(params: &Value, i: usize) -> Option<&Value> {
    params.as_array().and_then(|a| a.get(i)).filter(|v| !v.is_null())
}

/// Runs one method for `client`.
pub(crate) async fn call(ctx: &Ctx, client: &Client, method: &str, params: Value) -> Result<Value, RpcError> {
    let engine = &*ctx.engine;
    match method {
        "eth_chainId" => Ok(json!(format!("0x{:x}", engine.chain().await?.chain_id()))),
        "eth_accounts" => {
            if client.trusted(engine) {
                accounts(engine).await
            } else {
                Ok(json!([]))
            }
        }
        "eth_requestAccounts" => request_accounts(ctx, client).await,
        "eth_sendTransaction" => {
            client.require_trusted(engine)?;
            let tx = params::dapp_tx(param(&params, 0).ok_or_else(|| RpcError::params("no transaction"))?)?;
            own_account(engine, tx.from).await?;
            let plan = engine.plan_dapp_tx(client.origin.as_deref(), tx).await?;
            match decided(ctx, client, &plan.id).await? {
                PlanOutcome::Confirmed { hash: Some(h), .. } => Ok(json!(h)),
                other => Err(not_done(other)),
            }
        }
        "personal_sign" => {
            client.require_trusted(engine)?;
            let (a, b) = (param(&params, 0), param(&params, 1));
            let (data, who) = match (a, b) {
                (Some(d), Some(w)) if params::address(w, "address").is_ok() => (d, w),
                // Some clients send (address, message).
                (Some(w), Some(d)) if params::address(w, "address").is_ok() => (d, w),
                _ => return Err(RpcError::params("personal_sign takes (message, address)")),
            };
            let account = params::address(who, "address")?;
            own_account(engine, account).await?;
            let req = SignRequest::Personal(params::message_bytes(data)?);
            sign(ctx, client, account, req).await
        }
        "eth_signTypedData_v4" => {
            client.require_trusted(engine)?;
            let account = params::address(param(&params, 0).ok_or_else(|| RpcError::params("no address"))?, "address")?;
            own_account(engine, account).await?;
            let typed = match param(&params, 1) {
                Some(Value::String(s)) => {
                    serde_json::from_str(s).map_err(|_| RpcError::params("the typed data is not JSON"))?
                }
                Some(v @ Value::Object(_)) => v.clone(),
                _ => return Err(RpcError::params("eth_signTypedData_v4 takes (address, typed data)")),
            };
            sign(ctx, client, account, SignRequest::TypedData(typed)).await
        }
        "eth_sign" => Err(RpcError::new(
            UNSUPPORTED,
            "eth_sign is refused: it signs a raw hash, which may be a transaction; use personal_sign",
        )),
        "eth_signTransaction" => Err(RpcError::new(
            UNSUPPORTED,
            "eth_signTransaction is refused: a signed transaction would leave the wallet unsent; use eth_sendTransaction",
        )),
        "eth_signTypedData" | "eth_signTypedData_v1" | "eth_signTypedData_v3" => {
            Err(RpcError::new(UNSUPPORTED, format!("{method} is not supported; use eth_signTypedData_v4")))
        }
        "wallet_switchEthereumChain" => {
            client.require_trusted(engine)?;
            let want = param(&params, 0)
                .and_then(|p| p.get("chainId"))
                .ok_or_else(|| RpcError::params("wallet_switchEthereumChain takes ({ chainId })"))?;
            let id: u64 =
                params::quantity(want, "chainId")?.try_into().map_err(|_| RpcError::params("'chainId' is too large"))?;
            match engine.switch_to_chain(id).await {
                Ok(_) => Ok(Value::Null),
                Err(sonic_engine::Error::NotFound(m)) => Err(RpcError::new(UNRECOGNIZED_CHAIN, m)),
                Err(e) => Err(e.into()),
            }
        }
        "eth_sendRawTransaction" | "wallet_addEthereumChain" | "wallet_watchAsset" | "eth_subscribe"
        | "eth_unsubscribe" => Err(RpcError::new(UNSUPPORTED, format!("{method} is not supported by Smart Sonic"))),
        m if FORWARDED.contains(&m) => forward(engine, m, params).await,
        _ => Err(RpcError::new(METHOD_NOT_FOUND, format!("the method {method} does not exist or is not available"))),
    }
}

/// The wallet's accounts, the default one first.
async fn accounts(engine: &Engine) -> Result<Value, RpcError> {
    let mut all: Vec<_> = engine.accounts().await?.into_iter().map(|a| a.address).collect();
    if let Ok(default) = engine.resolve_account(None).await {
        if let Some(i) = all.iter().position(|a| *a == default.address) {
            all[..=i].rotate_right(1);
        }
    }
    Ok(Value::Array(all.iter().map(|a| json!(checksum(a))).collect()))
}

async fn own_account(engine: &Engine, account: alloy::primitives::Address) -> Result<(), RpcError> {
    if engine.accounts().await?.iter().any(|a| a.address == account) {
        Ok(())
    } else {
        Err(RpcError::unauthorized(format!("{} is not an account of this wallet", checksum(&account))))
    }
}

/// `eth_requestAccounts`: an unapproved site raises a connection card and waits.
async fn request_accounts(ctx: &Ctx, client: &Client) -> Result<Value, RpcError> {
    let engine = &*ctx.engine;
    let Some(origin) = client.origin.as_deref() else { return accounts(engine).await };
    let arrived = Instant::now();
    let _one_card = ctx.connecting.lock().await;
    if !engine.is_origin_approved(origin)? {
        if ctx.refused_since(origin, arrived) {
            return Err(not_done(PlanOutcome::Rejected));
        }
        let plan = engine.plan_connect(origin).await?;
        match decided(ctx, client, &plan.id).await? {
            PlanOutcome::Confirmed { .. } => {}
            other => {
                ctx.note_refused(origin);
                return Err(not_done(other));
            }
        }
    }
    accounts(engine).await
}

/// Withdraws a proposed plan when its asker goes away (the connection closed, the
/// server stopped) before the user answered: nobody could learn what a confirmation
/// did, so the card is taken down instead.
struct Withdraw {
    engine: Arc<Engine>,
    id: Option<String>,
}

impl Drop for Withdraw {
    fn drop(&mut self) {
        let (Some(id), Ok(rt)) = (self.id.take(), tokio::runtime::Handle::try_current()) else { return };
        let engine = self.engine.clone();
        rt.spawn(async move {
            engine.cancel_plan(&id).await;
        });
    }
}

/// Proposes a plan as the client and waits for the user's answer.
async fn decided(ctx: &Ctx, client: &Client, id: &str) -> Result<PlanOutcome, RpcError> {
    let mut withdraw = Withdraw { engine: ctx.engine.clone(), id: Some(id.to_owned()) };
    let outcome = ctx.engine.propose_and_wait(id, &proposer(client.origin.as_deref())).await;
    withdraw.id = None;
    Ok(outcome?)
}

async fn sign(
    ctx: &Ctx,
    client: &Client,
    account: alloy::primitives::Address,
    req: SignRequest,
) -> Result<Value, RpcError> {
    let plan = ctx.engine.plan_sign_message(client.origin.as_deref(), account, req).await?;
    match decided(ctx, client, &plan.id).await? {
        PlanOutcome::Confirmed { signature: Some(s), .. } => Ok(json!(s)),
        other => Err(not_done(other)),
    }
}

/// The error of a plan that did not end as asked.
fn not_done(outcome: PlanOutcome) -> RpcError {
    match outcome {
        PlanOutcome::Rejected => RpcError::new(USER_REJECTED, "the user rejected the request"),
        PlanOutcome::Expired => RpcError::new(USER_REJECTED, "the request was not confirmed in time"),
        PlanOutcome::Failed { reason } => RpcError::new(SERVER, reason),
        PlanOutcome::Confirmed { .. } => RpcError::new(INTERNAL, "the plan ended without the expected result"),
    }
}

/// Forwards an allowed read method to the active network's RPC.
async fn forward(engine: &Engine, method: &str, params: Value) -> Result<Value, RpcError> {
    let params = match params {
        Value::Null => json!([]),
        p @ Value::Array(_) => p,
        _ => return Err(RpcError::params(format!("{method} takes positional parameters"))),
    };
    let chain = engine.chain().await?;
    let call = chain.provider().raw_request::<_, Value>(method.to_owned().into(), params);
    match tokio::time::timeout(FORWARD_TIMEOUT, call).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(from_transport(e)),
        Err(_) => Err(RpcError::new(INTERNAL, "the network's RPC did not answer in time")),
    }
}
