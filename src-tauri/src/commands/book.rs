//! The address book and the token registry.

use sonic_types::{
    dto::{Contact, TokenInfo},
    IpcError,
};
use tauri::State;

use super::{engine, ipc};
use crate::state::AppState;

/// Contacts.
#[tauri::command]
pub(crate) async fn contacts_list(state: State<'_, AppState>) -> Result<Vec<Contact>, IpcError> {
    engine(&state)?.contacts().map_err(ipc)
}

/// Adds or updates a contact.
#[tauri::command]
pub(crate) async fn contact_add(
    state: State<'_, AppState>,
    name: String,
    address: String,
) -> Result<Contact, IpcError> {
    engine(&state)?.add_contact(&name, &address).map_err(ipc)
}

/// Removes a contact.
#[tauri::command]
pub(crate) async fn contact_remove(state: State<'_, AppState>, name: String) -> Result<(), IpcError> {
    engine(&state)?.remove_contact(&name).map_err(ipc)
}

/// Tokens registered on the active network.
#[tauri::command]
pub(crate) async fn tokens_list(state: State<'_, AppState>) -> Result<Vec<TokenInfo>, IpcError> {
    engine(&state)?.tokens().await.map_err(ipc)
}

/// Registers a token by address.
#[tauri::command]
pub(crate) async fn token_add(state: State<'_, AppState>, address: String) -> Result<TokenInfo, IpcError> {
    engine(&state)?.add_token(&address).await.map_err(ipc)
}
