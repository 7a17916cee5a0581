//! Security: back up the vault, export an account's keystore, reveal the recovery
//! phrase and change the password. Each asks for the wallet password again, and a
//! wrong one is said at that field with nothing revealed or written. A revealed phrase
//! can be copied; the shell clears it from the clipboard after 30 s.

use sonic_types::{
    checksum,
    ipc::{
        AccountsListArgs, WalletBackupArgs, WalletChangePasswordArgs, WalletExportKeystoreArgs,
        WalletRevealMnemonicArgs,
    },
    ErrorCode, IpcError,
};
use yew::prelude::*;

use crate::{
    components::{at_field, copy::CopyButton, on_form, value_of, ErrorLine, FieldError},
    hooks::{use_command, use_ipc},
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
