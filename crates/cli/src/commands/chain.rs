//! `sonic balance` and `sonic send`.

use serde_json::json;
use sonic_engine::SendRequest;
use sonic_types::checksum;

use super::{plan::confirm_plan, Ctx, RECEIPT_WAIT};
use crate::Fail;

/// Prints the balance of one asset, or of S and every registered token.
pub(crate) async fn balance(cx: &Ctx, account: Option<String>, token: Option<String>, all: bool) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let list = if all {
        engine.balances(account.as_deref()).await?
    } else {
        vec![engine.balance(account.as_deref(), token.as_deref()).await?]
    };
    for b in list {
        print_balance(cx, &b)?;
    }
    Ok(())
}

/// Prints one balance (here and through the wallet's host).
pub(super) fn print_balance(cx: &Ctx, b: &sonic_types::dto::Balance) -> Result<(), Fail> {
    let account = checksum(&b.account);
    cx.print(json!({"account": account, "asset": b.asset, "amount": b.amount, "raw": b.raw.to_string()}), || {
        format!("{} {}", b.amount, b.asset)
    })
}

/// Plans a transfer, shows it, asks, signs and (unless `no_wait`) waits for it.
pub(crate) async fn send(cx: &Ctx, req: SendRequest, yes: bool, no_wait: bool) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let plan = engine.plan_send(req).await?;
    let wait = if no_wait { None } else { Some(RECEIPT_WAIT) };
    let r = confirm_plan(cx, &engine, &plan, yes, wait).await?;
    print_sent(cx, &r)
}

/// Prints what a send did (here and through the wallet's host).
pub(super) fn print_sent(cx: &Ctx, r: &sonic_types::dto::SendResult) -> Result<(), Fail> {
    let status = serde_json::to_value(r.status).unwrap_or_default();
    cx.print(json!({"hash": r.hash, "status": status, "block": r.block}), || match r.block {
        Some(b) => format!("{} in block {b}: {}", status.as_str().unwrap_or(""), r.hash),
        None => format!("sent (pending): {}", r.hash),
    })
}
