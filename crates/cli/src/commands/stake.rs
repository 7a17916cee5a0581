//! `sonic stake`: validators, the user's delegations, and every staking move
//! (delegate, claim, restake, undelegate, withdraw) through plan/confirm.

use serde_json::json;
use sonic_engine::{Engine, WithdrawalInfo};
use sonic_types::{checksum, format_units, time::utc_date_time, NATIVE_DECIMALS};

use super::{plan::confirm_plan, Ctx, RECEIPT_WAIT};
use crate::{args::StakeCmd, Fail};

fn s(raw: sonic_types::U256) -> String {
    format_units(raw, NATIVE_DECIMALS)
}

fn request_json(r: &WithdrawalInfo) -> serde_json::Value {
    json!({"validator": r.validator, "request": r.id, "amount": s(r.amount), "requested_at": r.requested_at,
           "withdrawable_at": r.withdrawable_at, "withdrawable_date": format!("{} UTC", utc_date_time(r.withdrawable_at))})
}

/// Runs one `sonic stake` command.
pub(crate) async fn run(cx: &Ctx, cmd: StakeCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    match cmd {
        StakeCmd::Validators => {
            for v in engine.stake_validators().await? {
                cx.print(
                    json!({"id": v.id, "active": v.active, "status": v.status, "status_text": v.status_text(),
                           "stake": s(v.stake)}),
                    || format!("validator {:>4}  {:<12} {} S staked", v.id, v.status_text(), s(v.stake)),
                )?;
            }
            Ok(())
        }
        StakeCmd::Status { validator } => status(cx, &engine, validator).await,
        StakeCmd::Delegate { validator, amount, yes } => {
            let plan = engine.plan_stake_delegate(validator, &amount).await?;
            let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
            cx.print(json!({"hash": r.hash, "validator": validator, "amount": plan.amount}), || {
                format!("Delegated {} S to validator {validator} ({})", plan.amount, r.hash)
            })
        }
        StakeCmd::Claim { validator, yes } => {
            let plan = engine.plan_stake_claim(validator).await?;
            let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
            cx.print(json!({"hash": r.hash, "validator": validator}), || {
                format!("Claimed the rewards from validator {validator} ({})", r.hash)
            })
        }
        StakeCmd::Restake { validator, yes } => {
            let plan = engine.plan_stake_restake(validator).await?;
            let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
            cx.print(json!({"hash": r.hash, "validator": validator}), || {
                format!("Restaked the rewards with validator {validator} ({})", r.hash)
            })
        }
        StakeCmd::Undelegate { validator, amount, yes } => {
            let u = engine.plan_stake_undelegate(validator, &amount).await?;
            let r = confirm_plan(cx, &engine, &u.plan, yes, Some(RECEIPT_WAIT)).await?;
            // The lock ends a period after the block that mined it: read it back.
            let req = engine
                .stake_request(validator, u.request)
                .await?
                .ok_or_else(|| Fail::op(format!("undelegation {} is not mined yet", r.hash)))?;
            let mut v = request_json(&req);
            v["hash"] = json!(r.hash);
            cx.print(v, || {
                format!(
                    "Undelegated {} S from validator {validator}: request {}, withdraw after {} UTC with `sonic stake withdraw --validator {validator} --request {}`",
                    s(req.amount),
                    req.id,
                    utc_date_time(req.withdrawable_at),
                    req.id
                )
            })
        }
        StakeCmd::Withdraw { validator, request, yes } => {
            let plan = engine.plan_stake_withdraw(validator, request).await?;
            let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
            cx.print(json!({"hash": r.hash, "validator": validator, "request": request}), || {
                format!("Withdrew request {request} from validator {validator} ({})", r.hash)
            })
        }
    }
}

async fn status(cx: &Ctx, engine: &Engine, validator: Option<u64>) -> Result<(), Fail> {
    let st = engine.stake_status(validator).await?;
    if st.delegations.is_empty() {
        return cx.print(json!({"account": checksum(&st.account), "delegations": []}), || {
            format!("{} has no stake.", checksum(&st.account))
        });
    }
    for d in &st.delegations {
        let requests: Vec<_> = d.requests.iter().map(request_json).collect();
        cx.print(
            json!({"account": checksum(&st.account), "validator": d.validator, "stake": s(d.stake),
                   "pending_rewards": s(d.pending_rewards), "requests": requests}),
            || {
                let mut text = format!(
                    "validator {}: {} S staked, {} S pending rewards",
                    d.validator,
                    s(d.stake),
                    s(d.pending_rewards)
                );
                for r in &d.requests {
                    text.push_str(&format!("\n  {}", r.line()));
                }
                text
            },
        )?;
    }
    Ok(())
}
