//! The address book and the token registry. A contact is saved or changed through a
//! plan the user confirms: the webview cannot write one directly.

use sonic_types::{
    dto::{Contact, Plan, TokenInfo},
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

/// Plans saving a contact or changing its address (shown as a card; nothing written).
#[tauri::command]
pub(crate) async fn contact_plan(state: State<'_, AppState>, name: String, address: String) -> Result<Plan, IpcError> {
    engine(&state)?.plan_contact(&name, &address).await.map_err(ipc)
}

/// Saves the contact of a confirmed card.
#[tauri::command]
pub(crate) async fn contact_confirm(state: State<'_, AppState>, id: String) -> Result<Contact, IpcError> {
    engine(&state)?.confirm_contact(&id).await.map_err(ipc)
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
