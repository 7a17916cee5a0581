//! Plans at the terminal: the card on stderr, the question, and the confirmation.

use std::{io::IsTerminal, time::Duration};

use sonic_engine::Engine;
use sonic_types::{
    checksum,
    dto::{Plan, PlanKind, SendResult, TxState},
};

use super::Ctx;
use crate::{
    out::{ask, note},
    Fail,
};

/// Asks a yes/no question at the terminal (no by default); without a terminal, says
/// to add `--yes`.
pub(crate) fn ask_yes(question: &str) -> Result<bool, Fail> {
    if !std::io::stdin().is_terminal() {
        return Err(Fail::usage("confirmation needed: run it in a terminal, or add --yes".into()));
    }
    ask(format!("{question} [y/N] "));
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| Fail::usage(e.to_string()))?;
    Ok(matches!(line.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// Shows a plan, asks (unless `yes`), unlocks and confirms it; a transaction that
/// reverted on chain is a failure.
pub(crate) async fn confirm_plan(
    cx: &Ctx,
    engine: &Engine,
    plan: &Plan,
    yes: bool,
    wait: Option<Duration>,
) -> Result<SendResult, Fail> {
    show_and_approve(engine, plan, yes).await?;
    cx.unlock(engine).await?;
    let r = engine.confirm(&plan.id, wait).await?;
    if r.status == TxState::Failed {
        return Err(Fail::op(format!("transaction {} reverted on chain", r.hash)));
    }
    Ok(r)
}

/// Who drops a plan the user said no to: this process's engine, or the wallet's host.
pub(crate) trait CancelPlan {
    /// Drops the plan; `false` when it was not pending.
    async fn cancel_plan(&self, id: &str) -> bool;
}

impl CancelPlan for Engine {
    async fn cancel_plan(&self, id: &str) -> bool {
        Engine::cancel_plan(self, id).await
    }
}

/// Shows a plan on stderr and asks (unless `yes`); a "no" cancels the plan.
pub(crate) async fn show_and_approve(engine: &impl CancelPlan, plan: &Plan, yes: bool) -> Result<(), Fail> {
    note(&plan.summary);
    note(format!("  from    {}", checksum(&plan.from)));
    match &plan.kind {
        PlanKind::Transfer => {
            note(format!("  to      {}", checksum(&plan.to)));
            note(format!("  amount  {} {}", plan.amount, plan.asset));
        }
        PlanKind::Deploy { contract } => note(format!("  deploys {contract}")),
        PlanKind::Call { contract, function } => {
            note(format!("  calls   {contract}.{function} at {}", checksum(&plan.to)));
            note(format!("  pays    {} S", plan.amount));
        }
        PlanKind::NftMint { image_file, image_bytes, .. } => {
            note(format!("  calls   SmartSonicNFT.mint at {}", checksum(&plan.to)));
            if let (Some(f), Some(n)) = (image_file, image_bytes) {
                note(format!("  image   {f} ({n} bytes; read, stored and pinned only after you confirm)"));
            }
        }
        PlanKind::DappCall { origin, method, decoded } => {
            note(format!("  asks    {origin}"));
            note(format!("  calls   {method} at {}: {decoded}", checksum(&plan.to)));
            note(format!("  pays    {} {}", plan.amount, plan.asset));
        }
        PlanKind::SignMessage { origin, method, message } => {
            note(format!("  asks    {origin} ({method})"));
            note(format!("  message {message}"));
            for r in &plan.risks {
                note(format!("  ! {}", r.message()));
            }
            if !yes && !ask_yes("Sign this message?")? {
                engine.cancel_plan(&plan.id).await;
                return Err(Fail::op("cancelled; nothing was signed".into()));
            }
            return Ok(());
        }
        PlanKind::ConnectOrigin { origin } => {
            note(format!("  connect {origin}"));
            if !yes && !ask_yes("Let this site connect?")? {
                engine.cancel_plan(&plan.id).await;
                return Err(Fail::op("cancelled; the site is not connected".into()));
            }
            return Ok(());
        }
        PlanKind::Swap(d) => {
            note(format!("  route   {} via {} (router {})", d.route, d.source, checksum(&plan.to)));
            note(format!("  sells   {} {}", plan.amount, plan.asset));
            note(format!("  expects {} {}", d.expected, d.buy_asset));
            note(format!(
                "  minimum {} {} ({} slippage, enforced by the router)",
                d.minimum,
                d.buy_asset,
                sonic_engine::bps_text(d.slippage_bps)
            ));
            let pool_fee = d.pool_fee_bps.map(|f| format!(", pool fee {}", sonic_engine::bps_text(f)));
            note(format!("  impact  {}{}", sonic_engine::bps_text(d.price_impact_bps), pool_fee.unwrap_or_default()));
            if let Some(a) = &d.approve {
                note(format!("  approve exactly {a} {} to the router first (never unlimited)", plan.asset));
            }
        }
        PlanKind::Wrap | PlanKind::Unwrap => {
            note(format!("  calls   wS at {}", checksum(&plan.to)));
            note(format!("  amount  {} {}", plan.amount, plan.asset));
        }
        PlanKind::Contact { name, previous } => {
            note(format!("  contact {name}"));
            if let Some(old) = previous {
                note(format!("  old     {old}"));
            }
            note(format!("  new     {}", checksum(&plan.to)));
            for r in &plan.risks {
                note(format!("  ! {}", r.message()));
            }
            if !yes && !ask_yes("Save this contact?")? {
                engine.cancel_plan(&plan.id).await;
                return Err(Fail::op("cancelled; the contact is unchanged".into()));
            }
            return Ok(());
        }
    }
    note(format!(
        "  fee     about {} S (at most {} S)",
        sonic_types::format_units(plan.expected_fee, 18),
        sonic_types::format_units(plan.max_fee, 18)
    ));
    note(format!("  network {} (chain {})", plan.network, plan.chain_id));
    for r in &plan.risks {
        note(format!("  ! {}", r.message()));
    }
    if !yes && !ask_yes("Sign and send?")? {
        engine.cancel_plan(&plan.id).await;
        return Err(Fail::op("cancelled; nothing was sent".into()));
    }
    Ok(())
}
