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
    Ok(engine(app)?.agent_turn_with(&args.text, args.visible_plan.as_deref()).await?)
}

/// Forgets the conversation.
pub(crate) async fn agent_reset(app: &AppHandle, _: AgentResetArgs) -> Result<(), IpcError> {
    Ok(engine(app)?.agent_reset()?)
}
