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

/// Shows a plan on stderr and asks (unless `yes`); a "no" cancels the plan.
pub(crate) async fn show_and_approve(engine: &Engine, plan: &Plan, yes: bool) -> Result<(), Fail> {
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
