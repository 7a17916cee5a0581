//! The chat.

use sonic_types::{dto::AgentReply, IpcError};
use tauri::State;

use super::{engine, ipc};
use crate::state::AppState;

/// One chat message.
#[tauri::command]
pub(crate) async fn agent_turn(state: State<'_, AppState>, text: String) -> Result<AgentReply, IpcError> {
    engine(&state)?.agent_turn(&text).await.map_err(ipc)
}

/// Forgets the conversation.
#[tauri::command]
pub(crate) async fn agent_reset(state: State<'_, AppState>) -> Result<(), IpcError> {
    engine(&state)?.agent_reset().map_err(ipc)
}
