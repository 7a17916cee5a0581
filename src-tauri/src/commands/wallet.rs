//! `wallet_*` and `account_*` commands. Passwords and secrets come in; nothing secret
//! goes out, except the new mnemonic once, for the user to write down.

use sonic_engine::WordCount;
use sonic_types::{
    dto::AccountInfo,
    ipc::{
        AccountAddArgs, AccountRenameArgs, AccountsListArgs, WalletCreateArgs, WalletImportKeyArgs,
        WalletImportKeystoreArgs, WalletImportMnemonicArgs, WalletLockArgs, WalletUnlockArgs,
    },
    IpcError,
};
use tauri::AppHandle;

use super::engine;

/// Creates a wallet; returns the mnemonic to show once.
pub(crate) async fn wallet_create(app: &AppHandle, args: WalletCreateArgs) -> Result<String, IpcError> {
    let count = if args.words == 24 { WordCount::TwentyFour } else { WordCount::Twelve };
    let phrase = engine(app)?.create_wallet(args.password.as_bytes(), count).await?;
    Ok(phrase.to_string())
}

/// Imports a mnemonic with `count` accounts.
pub(crate) async fn wallet_import_mnemonic(
    app: &AppHandle,
    args: WalletImportMnemonicArgs,
) -> Result<Vec<AccountInfo>, IpcError> {
    let count = args.count.clamp(1, 20);
    Ok(engine(app)?.import_mnemonic(args.password.as_bytes(), &args.phrase, "", count).await?)
}

/// Imports a hex private key.
pub(crate) async fn wallet_import_key(app: &AppHandle, args: WalletImportKeyArgs) -> Result<AccountInfo, IpcError> {
    Ok(engine(app)?.import_private_key(args.password.as_bytes(), &args.key).await?)
}

/// Imports a keystore v3 JSON.
pub(crate) async fn wallet_import_keystore(
    app: &AppHandle,
    args: WalletImportKeystoreArgs,
) -> Result<AccountInfo, IpcError> {
    let (password, keystore_password) = (args.password.as_bytes(), args.keystore_password.as_bytes());
    Ok(engine(app)?.import_keystore(password, &args.json, keystore_password).await?)
}

/// Unlocks the vault (in the engine; the password does not stay anywhere else).
pub(crate) async fn wallet_unlock(app: &AppHandle, args: WalletUnlockArgs) -> Result<(), IpcError> {
    Ok(engine(app)?.unlock(args.password.as_bytes()).await?)
}

/// Locks the vault.
pub(crate) async fn wallet_lock(app: &AppHandle, _: WalletLockArgs) -> Result<(), IpcError> {
    engine(app)?.lock().await;
    Ok(())
}

/// The accounts.
pub(crate) async fn accounts_list(app: &AppHandle, _: AccountsListArgs) -> Result<Vec<AccountInfo>, IpcError> {
    Ok(engine(app)?.accounts().await?)
}

/// Derives one more account.
pub(crate) async fn account_add(app: &AppHandle, args: AccountAddArgs) -> Result<AccountInfo, IpcError> {
    Ok(engine(app)?.add_account(args.name).await?)
}

/// Renames an account.
pub(crate) async fn account_rename(app: &AppHandle, args: AccountRenameArgs) -> Result<(), IpcError> {
    Ok(engine(app)?.rename_account(&args.account, &args.name).await?)
}
