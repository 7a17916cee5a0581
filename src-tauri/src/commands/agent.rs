//! The chat.

use sonic_types::{dto::AgentReply, IpcError};
use tauri::State;

use super::{engine, ipc};
use crate::state::AppState;

/// One chat message, with the id of the plan whose card is on screen: a "yes"
/// confirms that plan and no other.
#[tauri::command]
pub(crate) async fn agent_turn(
    state: State<'_, AppState>,
    text: String,
    visible_plan: Option<String>,
) -> Result<AgentReply, IpcError> {
    engine(&state)?.agent_turn_with(&text, visible_plan.as_deref()).await.map_err(ipc)
}

/// Forgets the conversation.
#[tauri::command]
pub(crate) async fn agent_reset(state: State<'_, AppState>) -> Result<(), IpcError> {
    engine(&state)?.agent_reset().map_err(ipc)
}
