//! The Security page's commands: a backup of the vault, a keystore of an account, the
//! recovery phrase and a new password, each only with the password entered again; a
//! restore from a backup file's bytes (the old vault kept as a `.bak`); and the
//! clipboard, which forgets a copied secret after 30 s.

use std::{path::Path, time::Duration};

use sha2::{Digest, Sha256};
use sonic_types::{
    ipc::{
        ClipboardCopyArgs, WalletBackupArgs, WalletChangePasswordArgs, WalletExportKeystoreArgs, WalletRestoreArgs,
        WalletRevealMnemonicArgs,
    },
    ErrorCode, IpcError,
};
use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use zeroize::Zeroizing;

use super::engine;

/// How long a copied secret stays on the clipboard.
const SECRET_ON_CLIPBOARD: Duration = Duration::from_secs(30);

/// Writes an encrypted backup of the vault to a new file.
pub(crate) async fn wallet_backup(app: &AppHandle, args: WalletBackupArgs) -> Result<(), IpcError> {
    let password = Zeroizing::new(args.password);
    Ok(engine(app)?.backup_with_password(password.as_bytes(), Path::new(args.path.trim())).await?)
}

/// Replaces the vault with a backup's content; the old vault is kept beside it.
pub(crate) async fn wallet_restore(app: &AppHandle, args: WalletRestoreArgs) -> Result<(), IpcError> {
    let (password, backup) = (Zeroizing::new(args.password), Zeroizing::new(args.backup));
    Ok(engine(app)?.restore_bytes(&backup, password.as_bytes()).await?)
}

/// Writes an account's keystore v3 to a new file.
pub(crate) async fn wallet_export_keystore(app: &AppHandle, args: WalletExportKeystoreArgs) -> Result<(), IpcError> {
    let (password, keystore_password) = (Zeroizing::new(args.password), Zeroizing::new(args.keystore_password));
    let dest = Path::new(args.path.trim());
    Ok(engine(app)?
        .export_keystore_file(password.as_bytes(), &args.account, keystore_password.as_bytes(), dest)
        .await?)
}

/// The recovery phrase, for the user who entered the password again.
pub(crate) async fn wallet_reveal_mnemonic(
    app: &AppHandle,
    args: WalletRevealMnemonicArgs,
) -> Result<String, IpcError> {
    let password = Zeroizing::new(args.password);
    let phrase = engine(app)?.reveal_mnemonic(password.as_bytes()).await?;
    Ok(phrase.to_string())
}

/// Changes the wallet password (the host's clients get the same: `sonic_host::shared`).
pub(crate) async fn wallet_change_password(app: &AppHandle, args: WalletChangePasswordArgs) -> Result<(), IpcError> {
    sonic_host::shared::wallet_change_password(&*engine(app)?, args).await
}

/// A digest of clipboard text: what is kept to recognise a secret later, never the
/// secret itself.
fn digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// Copies text; a secret is cleared after 30 s, only if the clipboard still holds it
/// (something the user copied since is left alone).
pub(crate) async fn clipboard_copy(app: &AppHandle, args: ClipboardCopyArgs) -> Result<(), IpcError> {
    let text = Zeroizing::new(args.text);
    app.clipboard()
        .write_text(text.as_str())
        .map_err(|e| IpcError::new(ErrorCode::Internal, format!("the clipboard refused the text: {e}")))?;
    if args.secret {
        let (app, copied) = (app.clone(), digest(&text));
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(SECRET_ON_CLIPBOARD).await;
            clear_if_still(&app, copied);
        });
    }
    Ok(())
}

/// Clears the clipboard when it still holds the text of this digest.
fn clear_if_still<R: Runtime>(app: &AppHandle<R>, copied: [u8; 32]) {
    let now = app.clipboard().read_text().map(Zeroizing::new);
    if now.as_deref().is_ok_and(|t| still_there(t, &copied)) {
        // Writing an empty text replaces the secret on every platform (clear() is not
        // supported by every clipboard owner).
        let _ = app.clipboard().write_text("");
    }
}

/// Whether the clipboard's text is the copied secret.
fn still_there(now: &str, copied: &[u8; 32]) -> bool {
    digest(now) == *copied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_copied_secret_is_cleared() {
        let copied = digest("test test test junk");
        assert!(still_there("test test test junk", &copied));
        assert!(!still_there("something copied since", &copied));
        assert!(!still_there("", &copied));
    }
}
