//! Balances, sends (plan, confirm, cancel), history, speed-up/cancel, payment links.

use std::time::Duration;

use sonic_engine::{AmountSpec, HistoryFilter, SendRequest};
use sonic_types::{
    dto::{Balance, HistoryQuery, PaymentRequestView, Plan, SendForm, SendResult, TxRecord},
    qr::qr_svg,
    IpcError,
};
use tauri::State;

use super::{engine, ipc};
use crate::state::AppState;

/// S and the registered tokens of the default account.
#[tauri::command]
pub(crate) async fn balances(state: State<'_, AppState>) -> Result<Vec<Balance>, IpcError> {
    engine(&state)?.balances(None).await.map_err(ipc)
}

/// Plans a send from the form.
#[tauri::command]
pub(crate) async fn send_plan(state: State<'_, AppState>, form: SendForm) -> Result<Plan, IpcError> {
    let amount = AmountSpec::parse(&form.amount).map_err(ipc)?;
    let asset = form.token.filter(|t| !t.trim().is_empty());
    engine(&state)?.plan_send(SendRequest { from: None, to: form.to, amount, asset }).await.map_err(ipc)
}

/// Plans the payment a link asks for.
#[tauri::command]
pub(crate) async fn link_plan(state: State<'_, AppState>, uri: String) -> Result<Plan, IpcError> {
    engine(&state)?.plan_link(&uri).await.map_err(ipc)
}

/// Confirms a plan: the only path to a signature. Waits up to 30 s for the receipt.
#[tauri::command]
pub(crate) async fn plan_confirm(state: State<'_, AppState>, id: String) -> Result<SendResult, IpcError> {
    engine(&state)?.confirm(&id, Some(Duration::from_secs(30))).await.map_err(ipc)
}

/// Drops a plan.
#[tauri::command]
pub(crate) async fn plan_cancel(state: State<'_, AppState>, id: String) -> Result<bool, IpcError> {
    Ok(engine(&state)?.cancel_plan(&id).await)
}

/// History of the default account.
#[tauri::command]
pub(crate) async fn history(state: State<'_, AppState>, query: HistoryQuery) -> Result<Vec<TxRecord>, IpcError> {
    let f = HistoryFilter {
        account: None,
        asset: query.asset.filter(|a| !a.is_empty()),
        direction: query.direction.filter(|d| !d.is_empty()),
        counterparty: None,
        days: query.days,
        limit: Some(500),
        include_untrusted: query.include_untrusted,
    };
    engine(&state)?.history(&f).await.map_err(ipc)
}

/// Plans a speed-up of a stuck transaction.
#[tauri::command]
pub(crate) async fn tx_speedup(state: State<'_, AppState>, hash: String) -> Result<Plan, IpcError> {
    engine(&state)?.plan_speed_up(&hash).await.map_err(ipc)
}

/// Plans the cancellation of a stuck transaction.
#[tauri::command]
pub(crate) async fn tx_cancel(state: State<'_, AppState>, hash: String) -> Result<Plan, IpcError> {
    engine(&state)?.plan_cancel(&hash).await.map_err(ipc)
}

/// An EIP-681 link (and its QR code) asking for a payment to the default account.
#[tauri::command]
pub(crate) async fn payment_request(
    state: State<'_, AppState>,
    amount: Option<String>,
    token: Option<String>,
) -> Result<PaymentRequestView, IpcError> {
    let amount = amount.filter(|a| !a.trim().is_empty());
    let token = token.filter(|t| !t.trim().is_empty());
    let uri = engine(&state)?.payment_request_uri(amount.as_deref(), token.as_deref()).await.map_err(ipc)?;
    Ok(PaymentRequestView { qr_svg: qr_svg(&uri), uri })
}
