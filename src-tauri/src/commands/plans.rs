//! Plans of any origin: the pending ones (the UI asks at start, so a reload loses no
//! card) and the confirmation of a plan another client proposed (the CLI, the MCP
//! server, the signer RPC). Cancelling is `plan_cancel`, the same for every plan.

use std::time::Duration;

use sonic_engine::PlanDone;
use sonic_types::{
    dto::{Plan, PlanDoneView},
    ipc::{PlanConfirmAnyArgs, PlansPendingArgs},
    IpcError,
};
use tauri::AppHandle;

use super::engine;

/// The pending plans, oldest first, each with its origin.
pub(crate) async fn plans_pending(app: &AppHandle, _: PlansPendingArgs) -> Result<Vec<Plan>, IpcError> {
    Ok(engine(app)?.pending_plans().await)
}

/// Confirms a plan of any kind; waits up to 30 s for a transaction's receipt.
pub(crate) async fn plan_confirm_any(app: &AppHandle, args: PlanConfirmAnyArgs) -> Result<PlanDoneView, IpcError> {
    let done = engine(app)?.confirm_plan(&args.id, Some(Duration::from_secs(30))).await?;
    tracing::info!(id = %args.id, "plan confirmed");
    Ok(match done {
        PlanDone::Sent(r) => PlanDoneView::Sent(r),
        PlanDone::Contact(c) => PlanDoneView::Saved(c),
        other => PlanDoneView::Other { hash: other.hash() },
    })
}
