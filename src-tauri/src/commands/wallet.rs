//! `wallet_*` and `account_*` commands. Passwords and secrets come in; nothing secret
//! goes out, except the new mnemonic once, for the user to write down.

use sonic_engine::WordCount;
use sonic_types::{dto::AccountInfo, IpcError};
use tauri::State;

use super::{engine, ipc};
use crate::state::AppState;

/// Creates a wallet; returns the mnemonic to show once.
#[tauri::command]
pub(crate) async fn wallet_create(state: State<'_, AppState>, password: String, words: u8) -> Result<String, IpcError> {
    let count = if words == 24 { WordCount::TwentyFour } else { WordCount::Twelve };
    let phrase = engine(&state)?.create_wallet(password.as_bytes(), count).await.map_err(ipc)?;
    Ok(phrase.to_string())
}

/// Imports a mnemonic with `count` accounts.
#[tauri::command]
pub(crate) async fn wallet_import_mnemonic(
    state: State<'_, AppState>,
    password: String,
    phrase: String,
    count: u32,
) -> Result<Vec<AccountInfo>, IpcError> {
    engine(&state)?.import_mnemonic(password.as_bytes(), &phrase, "", count.clamp(1, 20)).await.map_err(ipc)
}

/// Imports a hex private key.
#[tauri::command]
pub(crate) async fn wallet_import_key(
    state: State<'_, AppState>,
    password: String,
    key: String,
) -> Result<AccountInfo, IpcError> {
    engine(&state)?.import_private_key(password.as_bytes(), &key).await.map_err(ipc)
}

/// Imports a keystore v3 JSON.
#[tauri::command]
pub(crate) async fn wallet_import_keystore(
    state: State<'_, AppState>,
    password: String,
    json: String,
    keystore_password: String,
) -> Result<AccountInfo, IpcError> {
    engine(&state)?.import_keystore(password.as_bytes(), &json, keystore_password.as_bytes()).await.map_err(ipc)
}

/// Unlocks the vault (in the engine; the password does not stay anywhere else).
#[tauri::command]
pub(crate) async fn wallet_unlock(state: State<'_, AppState>, password: String) -> Result<(), IpcError> {
    engine(&state)?.unlock(password.as_bytes()).await.map_err(ipc)
}

/// Locks the vault.
#[tauri::command]
pub(crate) async fn wallet_lock(state: State<'_, AppState>) -> Result<(), IpcError> {
    engine(&state)?.lock().await;
    Ok(())
}

/// The accounts.
#[tauri::command]
pub(crate) async fn accounts_list(state: State<'_, AppState>) -> Result<Vec<AccountInfo>, IpcError> {
    engine(&state)?.accounts().await.map_err(ipc)
}

/// Derives one more account.
#[tauri::command]
pub(crate) async fn account_add(state: State<'_, AppState>, name: Option<String>) -> Result<AccountInfo, IpcError> {
    engine(&state)?.add_account(name).await.map_err(ipc)
}

/// Renames an account.
#[tauri::command]
pub(crate) async fn account_rename(state: State<'_, AppState>, account: String, name: String) -> Result<(), IpcError> {
    engine(&state)?.rename_account(&account, &name).await.map_err(ipc)
}
