//! The chat.

use sonic_types::{
    dto::AgentReply,
    ipc::{AgentResetArgs, AgentTurnArgs},
    IpcError,
};
use tauri::AppHandle;

use super::engine;

/// One chat message, with the id of the plan whose card is on screen: a "yes"
/// confirms that plan and no other.
pub(crate) async fn agent_turn(app: &AppHandle, args: AgentTurnArgs) -> Result<AgentReply, IpcError> {
    // The message itself is not logged: it may hold what the user should not have typed.
    let reply = engine(app)?.agent_turn_with(&args.text, args.visible_plan.as_deref()).await?;
    if let Some(plan) = &reply.plan {
        tracing::info!(id = %plan.id, "plan proposed in chat: {}", plan.summary);
    }
    Ok(reply)
}

/// Forgets the conversation.
pub(crate) async fn agent_reset(app: &AppHandle, _: AgentResetArgs) -> Result<(), IpcError> {
    Ok(engine(app)?.agent_reset()?)
}
