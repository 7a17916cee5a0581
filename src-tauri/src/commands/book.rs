//! The address book and the token registry. A contact is saved or changed through a
//! plan the user confirms: the webview cannot write one directly.

use sonic_types::{
    dto::{Contact, Plan, TokenInfo},
    ipc::{
        ContactConfirmArgs, ContactPlanArgs, ContactRemoveArgs, ContactsListArgs, TokenAddArgs, TokenHideArgs,
        TokensHiddenArgs, TokensListArgs,
    },
    IpcError,
};
use tauri::AppHandle;

use super::engine;

/// Contacts.
pub(crate) async fn contacts_list(app: &AppHandle, _: ContactsListArgs) -> Result<Vec<Contact>, IpcError> {
    Ok(engine(app)?.contacts()?)
}

/// Plans saving a contact or changing its address (shown as a card; nothing written).
pub(crate) async fn contact_plan(app: &AppHandle, args: ContactPlanArgs) -> Result<Plan, IpcError> {
    Ok(engine(app)?.plan_contact(&args.name, &args.address).await?)
}

/// Saves the contact of a confirmed card.
pub(crate) async fn contact_confirm(app: &AppHandle, args: ContactConfirmArgs) -> Result<Contact, IpcError> {
    Ok(engine(app)?.confirm_contact(&args.id).await?)
}

/// Removes a contact.
pub(crate) async fn contact_remove(app: &AppHandle, args: ContactRemoveArgs) -> Result<(), IpcError> {
    Ok(engine(app)?.remove_contact(&args.name)?)
}

/// Tokens registered on the active network.
pub(crate) async fn tokens_list(app: &AppHandle, _: TokensListArgs) -> Result<Vec<TokenInfo>, IpcError> {
    Ok(engine(app)?.tokens().await?)
}

/// Registers a token by address.
pub(crate) async fn token_add(app: &AppHandle, args: TokenAddArgs) -> Result<TokenInfo, IpcError> {
    Ok(engine(app)?.add_token(&args.address).await?)
}

/// The registered tokens hidden from balances.
pub(crate) async fn tokens_hidden(app: &AppHandle, _: TokensHiddenArgs) -> Result<Vec<String>, IpcError> {
    Ok(engine(app)?.hidden_tokens().await?.iter().map(sonic_types::checksum).collect())
}

/// Hides a registered token from balances, or shows it again.
pub(crate) async fn token_hide(app: &AppHandle, args: TokenHideArgs) -> Result<(), IpcError> {
    Ok(engine(app)?.set_token_hidden(&args.address, args.hidden).await?)
}
