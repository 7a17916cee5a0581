//! Balances, sends (plan, confirm, cancel), history, speed-up/cancel, payment links.

use std::time::Duration;

use sonic_engine::{AmountSpec, HistoryFilter, SendRequest};
use sonic_types::{
    dto::{Balance, LastBalances, PaymentRequestView, Plan, SendResult, TxRecord},
    format_units,
    ipc::{
        AccountBalancesArgs, BalancesArgs, BalancesLastArgs, HistoryArgs, LinkPlanArgs, PaymentRequestArgs,
        PlanCancelArgs, PlanConfirmArgs, SendPlanArgs, TxCancelArgs, TxFeeArgs, TxSpeedupArgs,
    },
    qr::qr_svg,
    IpcError,
};
use tauri::AppHandle;

use super::engine;

/// A text field left blank means "not given".
fn given(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

/// S and the registered tokens of the default account.
pub(crate) async fn balances(app: &AppHandle, _: BalancesArgs) -> Result<Vec<Balance>, IpcError> {
    Ok(engine(app)?.balances(None).await?)
}

/// S and the registered tokens of one account.
pub(crate) async fn account_balances(app: &AppHandle, args: AccountBalancesArgs) -> Result<Vec<Balance>, IpcError> {
    Ok(engine(app)?.balances(Some(&args.account)).await?)
}

/// One account's balances as last read, with when (no node is asked).
pub(crate) async fn balances_last(app: &AppHandle, args: BalancesLastArgs) -> Result<Option<LastBalances>, IpcError> {
    Ok(engine(app)?.last_balances(Some(&args.account)).await?)
}

/// Plans a send from the form.
pub(crate) async fn send_plan(app: &AppHandle, args: SendPlanArgs) -> Result<Plan, IpcError> {
    let form = args.form;
    let amount = AmountSpec::parse(&form.amount)?;
    let request = SendRequest { from: given(form.from), to: form.to, amount, asset: given(form.token) };
    let plan = engine(app)?.plan_send(request).await?;
    tracing::info!(id = %plan.id, "plan proposed: {}", plan.summary);
    Ok(plan)
}

/// Plans the payment a link asks for.
pub(crate) async fn link_plan(app: &AppHandle, args: LinkPlanArgs) -> Result<Plan, IpcError> {
    Ok(engine(app)?.plan_link(&args.uri).await?)
}

/// Confirms a plan: the only path to a signature. Waits up to 30 s for the receipt.
pub(crate) async fn plan_confirm(app: &AppHandle, args: PlanConfirmArgs) -> Result<SendResult, IpcError> {
    let sent = engine(app)?.confirm(&args.id, Some(Duration::from_secs(30))).await?;
    tracing::info!(id = %args.id, "plan confirmed and sent");
    Ok(sent)
}

/// Drops a plan.
pub(crate) async fn plan_cancel(app: &AppHandle, args: PlanCancelArgs) -> Result<bool, IpcError> {
    Ok(engine(app)?.cancel_plan(&args.id).await)
}

/// History of the default account.
pub(crate) async fn history(app: &AppHandle, args: HistoryArgs) -> Result<Vec<TxRecord>, IpcError> {
    let query = args.query;
    let filter = HistoryFilter {
        account: given(query.account),
        asset: given(query.asset),
        direction: given(query.direction),
        counterparty: None,
        days: query.days,
        limit: Some(500),
        include_untrusted: query.include_untrusted,
    };
    Ok(engine(app)?.history(&filter).await?)
}

/// The fee a mined transaction paid, in S.
pub(crate) async fn tx_fee(app: &AppHandle, args: TxFeeArgs) -> Result<Option<String>, IpcError> {
    Ok(engine(app)?.tx_fee(&args.hash).await?.map(|wei| format_units(wei, 18)))
}

/// Plans a speed-up of a stuck transaction.
pub(crate) async fn tx_speedup(app: &AppHandle, args: TxSpeedupArgs) -> Result<Plan, IpcError> {
    Ok(engine(app)?.plan_speed_up(&args.hash).await?)
}

/// Plans the cancellation of a stuck transaction.
pub(crate) async fn tx_cancel(app: &AppHandle, args: TxCancelArgs) -> Result<Plan, IpcError> {
    Ok(engine(app)?.plan_cancel(&args.hash).await?)
}

/// An EIP-681 link (and its QR code) asking for a payment to the default account.
pub(crate) async fn payment_request(app: &AppHandle, args: PaymentRequestArgs) -> Result<PaymentRequestView, IpcError> {
    let (amount, token) = (given(args.amount), given(args.token));
    let uri = engine(app)?.payment_request_uri(amount.as_deref(), token.as_deref()).await?;
    Ok(PaymentRequestView { qr_svg: qr_svg(&uri), uri })
}
