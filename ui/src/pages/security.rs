//! Security: back up the vault, restore a backup (after a confirmation, the replaced
//! vault kept beside it), export an account's keystore, reveal the recovery phrase and
//! change the password. Each asks for the wallet password again, and a
//! wrong one is said at that field with nothing revealed or written. A revealed phrase
//! can be copied; the shell clears it from the clipboard after 30 s.

use sonic_types::{
    checksum,
    ipc::{
        AccountsListArgs, WalletBackupArgs, WalletChangePasswordArgs, WalletExportKeystoreArgs, WalletRestoreArgs,
        WalletRevealMnemonicArgs,
    },
    ErrorCode, IpcError,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::{
    components::{at_field, copy::CopyButton, on_form, value_of, ErrorLine, FieldError},
    hooks::{use_command, use_ipc},
    ipc,
    state::{use_ledger, LedgerAction},
};

/// An input bound to a string state.
fn bind(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(value_of(&e)))
}

/// Whether an error is about the wallet password (else about the other fields).
fn about_password(e: &IpcError) -> bool {
    e.code == ErrorCode::WrongPassword
}

/// The security page.
#[function_component(Security)]
pub(crate) fn security() -> Html {
    html! {
        <div class="security">
            <Reveal />
            <Export />
            <Backup />
            <Restore />
            <ChangePassword />
        </div>
    }
}

/// Reveals the recovery phrase after the password is entered again.
#[function_component(Reveal)]
fn reveal() -> Html {
    let password = use_state(String::new);
    let reveal = use_command::<WalletRevealMnemonicArgs>();
    let shown = use_state(|| None::<String>);
    let submit = {
        let (password, reveal, shown) = (password.clone(), reveal.clone(), shown.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (pw, reveal, shown, password) = ((*password).clone(), reveal.clone(), shown.clone(), password.clone());
            shown.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(phrase) = reveal.run(WalletRevealMnemonicArgs { password: pw }).await {
                    password.set(String::new());
                    shown.set(Some((*phrase).clone()));
                }
            });
        })
    };
    let hide = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(None))
    };
    html! {
        <form class="card" id="reveal-form" onsubmit={submit}>
            <h3>{ "Recovery phrase" }</h3>
            <p class="muted">{ "Anyone who sees these words can take everything in this wallet. Make sure nobody is watching." }</p>
            <label>{ "Wallet password" }<input id="reveal-password" type="password" value={(*password).clone()} oninput={bind(&password)} /></label>
            <FieldError id="reveal-password-error" error={at_field(reveal.error(), |_| true)} />
            <ErrorLine error={on_form(reveal.error())} />
            if let Some(phrase) = &*shown {
                <ol class="mnemonic" id="revealed-phrase">
                    { for phrase.split_whitespace().map(|w| html! { <li>{ w }</li> }) }
                </ol>
                <CopyButton text={phrase.clone()} secret=true id="copy-phrase" label="Copy the phrase" />
                { " " }<button type="button" id="hide-phrase" onclick={hide}>{ "Hide" }</button>
            } else {
                <button id="reveal-button" type="submit" disabled={reveal.loading()}>{ "Show the phrase" }</button>
            }
        </form>
    }
}

/// Exports an account as a keystore v3 file.
#[function_component(Export)]
fn export() -> Html {
    let ledger = use_ledger();
    let caller = use_ipc();
    let account = use_state(String::new);
    let keystore_password = use_state(String::new);
    let path = use_state(String::new);
    let password = use_state(String::new);
    let export = use_command::<WalletExportKeystoreArgs>();
    let done = use_state(|| None::<String>);
    {
        let (caller, ledger) = (caller.clone(), ledger.dispatcher());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(a) = caller.call(AccountsListArgs {}).await {
                    ledger.dispatch(LedgerAction::Accounts(a));
                }
            });
        });
    }
    let chosen =
        if account.is_empty() { ledger.current().map(|a| checksum(&a.address)) } else { Some((*account).clone()) };
    let submit = {
        let (keystore_password, path, password, export, done) =
            (keystore_password.clone(), path.clone(), password.clone(), export.clone(), done.clone());
        let chosen = chosen.clone().unwrap_or_default();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = WalletExportKeystoreArgs {
                password: (*password).clone(),
                account: chosen.clone(),
                keystore_password: (*keystore_password).clone(),
                path: (*path).clone(),
            };
            let (export, done, password, keystore_password, chosen, to) = (
                export.clone(),
                done.clone(),
                password.clone(),
                keystore_password.clone(),
                chosen.clone(),
                (*path).clone(),
            );
            done.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if export.run(args).await.is_ok() {
                    password.set(String::new());
                    keystore_password.set(String::new());
                    done.set(Some(format!("The keystore of {chosen} was written to {to}.")));
                }
            });
        })
    };
    let error = export.error();
    let at_other = |e: &IpcError| !about_password(e);
    html! {
        <form class="card" id="export-form" onsubmit={submit}>
            <h3>{ "Export a keystore" }</h3>
            <p class="muted">{ "A keystore file (Web3 Secret Storage v3) holds one account's key, encrypted with a password of its own." }</p>
            <label>{ "Account" }
                <select id="export-account" onchange={let account = account.clone(); Callback::from(move |e: Event| {
                    account.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
                })}>
                    { for ledger.accounts.iter().map(|a| {
                        let addr = checksum(&a.address);
                        html! { <option value={addr.clone()} selected={chosen.as_deref() == Some(addr.as_str())}>{ format!("{} {addr}", a.name) }</option> }
                    }) }
                </select>
            </label>
            <label>{ "Password for the keystore" }<input id="export-keystore-password" type="password" value={(*keystore_password).clone()} oninput={bind(&keystore_password)} /></label>
            <label>{ "Save to (full path of a new file)" }<input id="export-path" placeholder="/home/you/account.json" value={(*path).clone()} oninput={bind(&path)} /></label>
            <FieldError id="export-path-error" error={at_field(error, at_other)} />
            <label>{ "Wallet password" }<input id="export-password" type="password" value={(*password).clone()} oninput={bind(&password)} /></label>
            <FieldError id="export-password-error" error={at_field(error, about_password)} />
            <ErrorLine error={on_form(error)} />
            if let Some(d) = &*done { <p class="notice" id="export-status">{ d }</p> }
            <button id="export-button" type="submit" disabled={export.loading()}>{ "Export" }</button>
        </form>
    }
}

/// Writes an encrypted backup of the vault.
#[function_component(Backup)]
fn backup() -> Html {
    let path = use_state(String::new);
    let password = use_state(String::new);
    let backup = use_command::<WalletBackupArgs>();
    let done = use_state(|| None::<String>);
    let submit = {
        let (path, password, backup, done) = (path.clone(), password.clone(), backup.clone(), done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = WalletBackupArgs { password: (*password).clone(), path: (*path).clone() };
            let (backup, done, password, to) = (backup.clone(), done.clone(), password.clone(), (*path).clone());
            done.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if backup.run(args).await.is_ok() {
                    password.set(String::new());
                    done.set(Some(format!("Encrypted backup written to {to}. It opens with this wallet's password.")));
                }
            });
        })
    };
    let error = backup.error();
    html! {
        <form class="card" id="backup-form" onsubmit={submit}>
            <h3>{ "Back up the wallet" }</h3>
            <p class="muted">{ "The backup is the encrypted vault: every account, opened with the wallet password." }</p>
            <label>{ "Save to (full path of a new file)" }<input id="backup-path" placeholder="/home/you/smart-sonic-backup.json" value={(*path).clone()} oninput={bind(&path)} /></label>
            <FieldError id="backup-path-error" error={at_field(error, |e| !about_password(e))} />
            <label>{ "Wallet password" }<input id="backup-password" type="password" value={(*password).clone()} oninput={bind(&password)} /></label>
            <FieldError id="backup-password-error" error={at_field(error, about_password)} />
            <ErrorLine error={on_form(error)} />
            if let Some(d) = &*done { <p class="notice" id="backup-status">{ d }</p> }
            <button id="backup-button" type="submit" disabled={backup.loading()}>{ "Back up" }</button>
        </form>
    }
}

/// Where the restore form is: filling it, asking to confirm the replacement, or done.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RestoreStep {
    /// The file and the backup's password are being entered.
    Form,
    /// The user is asked to confirm that the wallet is replaced.
    Confirm,
    /// The backup is in place.
    Done,
}

/// Restores a backup file picked on this computer. Nothing is replaced before the user
/// confirms; the replaced vault stays in the data directory as a dated `.bak` file.
#[function_component(Restore)]
fn restore() -> Html {
    let ledger = use_ledger();
    let caller = use_ipc();
    let file = use_node_ref();
    let password = use_state(String::new);
    let step = use_state(|| RestoreStep::Form);
    let missing = use_state(|| None::<String>);
    let restore = use_command::<WalletRestoreArgs>();
    let ask = {
        let (step, missing, file, password) = (step.clone(), missing.clone(), file.clone(), password.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let picked = file.cast::<HtmlInputElement>().and_then(|i| i.files()).is_some_and(|f| f.length() > 0);
            if !picked {
                missing.set(Some("Pick the backup file first.".into()));
            } else if password.is_empty() {
                missing.set(Some("Enter the password the backup opens with.".into()));
            } else {
                missing.set(None);
                step.set(RestoreStep::Confirm);
            }
        })
    };
    let cancel = {
        let step = step.clone();
        Callback::from(move |_| step.set(RestoreStep::Form))
    };
    let confirm = {
        let (step, missing, file, password, restore) =
            (step.clone(), missing.clone(), file.clone(), password.clone(), restore.clone());
        let (caller, ledger) = (caller.clone(), ledger.dispatcher());
        Callback::from(move |_| {
            let (step, missing, file, password, restore) =
                (step.clone(), missing.clone(), file.clone(), password.clone(), restore.clone());
            let (caller, ledger) = (caller.clone(), ledger.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let picked = match file.cast::<HtmlInputElement>() {
                    Some(i) => ipc::picked_file_bytes(&i).await,
                    None => Ok(None),
                };
                let Ok(Some((_, backup))) = picked else {
                    missing.set(Some("The picked file cannot be read.".into()));
                    step.set(RestoreStep::Form);
                    return;
                };
                let args = WalletRestoreArgs { password: (*password).clone(), backup };
                if restore.run(args).await.is_ok() {
                    password.set(String::new());
                    step.set(RestoreStep::Done);
                    if let Ok(a) = caller.call(AccountsListArgs {}).await {
                        ledger.dispatch(LedgerAction::Accounts(a));
                    }
                } else {
                    step.set(RestoreStep::Form);
                }
            });
        })
    };
    let error = restore.error();
    // The last attempt's error is shown while the form is being filled again, not
    // under the question of the next attempt.
    let asking = *step == RestoreStep::Confirm;
    let field_error = (*missing).clone().or_else(|| at_field(error, |_| true)).filter(|_| !asking);
    html! {
        <form class="card" id="restore-form" onsubmit={ask}>
            <h3>{ "Restore a backup" }</h3>
            <p class="muted">{ "Replaces this wallet's accounts with those of a backup file. The current vault is kept in the data directory as vault.json.<time>.bak." }</p>
            <label>{ "Backup file" }<input id="restore-file" type="file" accept=".json,application/json" ref={file.clone()} /></label>
            <label>{ "The backup's password" }<input id="restore-password" type="password" value={(*password).clone()} oninput={bind(&password)} /></label>
            <FieldError id="restore-password-error" error={field_error} />
            <ErrorLine error={on_form(error).filter(|_| !asking)} />
            if asking {
                <div class="confirm" id="restore-confirmation">
                    <p><strong>{ "Replace this wallet with the backup?" }</strong>{ " Accounts added since the backup was made will no longer be in the wallet (the old vault file stays in the data directory)." }</p>
                    <button type="button" id="restore-confirm" class="danger" onclick={confirm} disabled={restore.loading()}>{ "Replace the wallet" }</button>
                    { " " }<button type="button" id="restore-cancel" onclick={cancel}>{ "Cancel" }</button>
                </div>
            } else {
                if *step == RestoreStep::Done {
                    <p class="notice" id="restore-status">{ "Backup restored. The previous vault was kept beside it as a .bak file." }</p>
                }
                <button id="restore-button" type="submit">{ "Restore…" }</button>
            }
        </form>
    }
}

/// Changes the wallet password.
#[function_component(ChangePassword)]
fn change_password() -> Html {
    let current = use_state(String::new);
    let new = use_state(String::new);
    let repeat = use_state(String::new);
    let mismatch = use_state(|| false);
    let change = use_command::<WalletChangePasswordArgs>();
    let done = use_state(|| false);
    let submit = {
        let (current, new, repeat, mismatch, change, done) =
            (current.clone(), new.clone(), repeat.clone(), mismatch.clone(), change.clone(), done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            done.set(false);
            if *new != *repeat {
                mismatch.set(true);
                return;
            }
            mismatch.set(false);
            let args = WalletChangePasswordArgs { password: (*current).clone(), new_password: (*new).clone() };
            let (change, done, current, new, repeat) =
                (change.clone(), done.clone(), current.clone(), new.clone(), repeat.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if change.run(args).await.is_ok() {
                    for f in [&current, &new, &repeat] {
                        f.set(String::new());
                    }
                    done.set(true);
                }
            });
        })
    };
    let error = change.error();
    let new_error = if *mismatch {
        Some("The two new passwords differ.".to_string())
    } else {
        at_field(error, |e| !about_password(e))
    };
    html! {
        <form class="card" id="password-form" onsubmit={submit}>
            <h3>{ "Change the password" }</h3>
            <label>{ "Current password" }<input id="current-password" type="password" value={(*current).clone()} oninput={bind(&current)} /></label>
            <FieldError id="current-password-error" error={at_field(error, about_password)} />
            <label>{ "New password (8 characters at least)" }<input id="new-password" type="password" value={(*new).clone()} oninput={bind(&new)} /></label>
            <label>{ "New password again" }<input id="new-password-repeat" type="password" value={(*repeat).clone()} oninput={bind(&repeat)} /></label>
            <FieldError id="new-password-error" error={new_error} />
            <ErrorLine error={on_form(error)} />
            if *done { <p class="notice" id="password-status">{ "Password changed. Use the new one to unlock from now on." }</p> }
            <button id="change-password-button" type="submit" disabled={change.loading()}>{ "Change the password" }</button>
        </form>
    }
}
