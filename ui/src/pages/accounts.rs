//! Accounts: every account with its S balance, the one the wallet shows and sends
//! from, renaming, adding the next derived account, and importing a private key or a
//! keystore file into the existing wallet (the wallet password is asked again).

use sonic_types::{
    checksum,
    dto::AccountInfo,
    ipc::{
        AccountAddArgs, AccountBalancesArgs, AccountRenameArgs, AccountsListArgs, BalancesLastArgs,
        WalletImportKeyArgs, WalletImportKeystoreArgs,
    },
    ErrorCode, IpcError,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::{
    components::{at_field, copy::CopyButton, on_form, value_of, ErrorLine, FieldError},
    hooks::Ipc,
    hooks::{use_command, use_ipc},
    ipc,
    state::{use_ledger, use_live, Ledger, LedgerAction},
};

/// Reloads the accounts and every account's balances into the ledger (with the time
/// they were read); when the node does not answer, the last balances the engine kept.
/// Returns the error of the first balance that could not be read.
pub(crate) async fn reload_accounts(caller: &Ipc, ledger: &UseReducerDispatcher<Ledger>) -> Option<IpcError> {
    let accounts = match caller.call(AccountsListArgs {}).await {
        Ok(a) => a,
        Err(e) => return Some(e),
    };
    ledger.dispatch(LedgerAction::Accounts(accounts.clone()));
    for a in &accounts {
        match caller.call(AccountBalancesArgs { account: checksum(&a.address) }).await {
            Ok(b) => {
                caller.online();
                ledger.dispatch(LedgerAction::AccountBalances(a.address, b, ipc::now_secs()));
            }
            Err(e) => {
                // The last balances the engine kept (also from before a restart), with
                // their time; the ledger keeps whichever is newer.
                for a in &accounts {
                    if let Ok(Some(last)) = caller.call(BalancesLastArgs { account: checksum(&a.address) }).await {
                        ledger.dispatch(LedgerAction::AccountBalances(a.address, last.balances, last.at));
                    }
                }
                return Some(e);
            }
        }
    }
    None
}

/// How a key is imported.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ImportKind {
    /// A hex private key.
    Key,
    /// A keystore v3 file.
    Keystore,
}

/// The import form.
#[derive(Clone, PartialEq, Default)]
struct ImportForm {
    /// The hex key, or the keystore's JSON when pasted.
    secret: String,
    /// The keystore's own password.
    keystore_password: String,
    /// The wallet password, entered again.
    password: String,
}

/// The field an import error belongs to.
fn import_field(e: &IpcError) -> &'static str {
    match e.code {
        ErrorCode::WrongPassword if e.message.contains("keystore") => "import-keystore-password",
        ErrorCode::WrongPassword => "import-password",
        _ => "import-secret",
    }
}

/// The accounts page.
#[function_component(Accounts)]
pub(crate) fn accounts() -> Html {
    let refresh = use_live().changes;
    let ledger = use_ledger();
    let caller = use_ipc();
    let renaming = use_state(|| None::<(String, String)>);
    let kind = use_state(|| ImportKind::Key);
    let form = use_state(ImportForm::default);
    let file = use_node_ref();
    let imported = use_state(|| None::<String>);
    let import_key = use_command::<WalletImportKeyArgs>();
    let import_keystore = use_command::<WalletImportKeystoreArgs>();
    let add = use_command::<AccountAddArgs>();
    let tick = use_state(|| 0u32);
    {
        let (caller, ledger) = (caller.clone(), ledger.dispatcher());
        use_effect_with((refresh, *tick), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = reload_accounts(&caller, &ledger).await;
            });
        });
    }
    let add_account = {
        let (add, tick) = (add.clone(), tick.clone());
        Callback::from(move |_| {
            let (add, tick) = (add.clone(), tick.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if add.run(AccountAddArgs { name: None }).await.is_ok() {
                    tick.set(*tick + 1);
                }
            });
        })
    };
    let field = |get: fn(&mut ImportForm) -> &mut String| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            *get(&mut f) = value_of(&e);
            form.set(f);
        })
    };
    let submit = {
        let (form, kind, file, imported, tick) =
            (form.clone(), kind.clone(), file.clone(), imported.clone(), tick.clone());
        let (import_key, import_keystore) = (import_key.clone(), import_keystore.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (f, kind, file, imported, tick) =
                ((*form).clone(), *kind, file.clone(), imported.clone(), tick.clone());
            let (form, import_key, import_keystore) = (form.clone(), import_key.clone(), import_keystore.clone());
            wasm_bindgen_futures::spawn_local(async move {
                imported.set(None);
                let added = match kind {
                    ImportKind::Key => {
                        import_key.run(WalletImportKeyArgs { password: f.password, key: f.secret }).await.ok()
                    }
                    ImportKind::Keystore => {
                        // The picked file, else the pasted JSON.
                        let picked = match file.cast::<HtmlInputElement>() {
                            Some(input) => ipc::picked_file_text(&input).await,
                            None => None,
                        };
                        let json = picked.unwrap_or(f.secret);
                        let args = WalletImportKeystoreArgs {
                            password: f.password,
                            json,
                            keystore_password: f.keystore_password,
                        };
                        import_keystore.run(args).await.ok()
                    }
                };
                if let Some(a) = added {
                    // Nothing secret stays in the form.
                    form.set(ImportForm::default());
                    imported.set(Some(format!("Imported {} as {}.", checksum(&a.address), a.name)));
                    tick.set(*tick + 1);
                }
            });
        })
    };
    let import_error = import_key.error().or(import_keystore.error()).cloned();
    let at = |f: &'static str| at_field(import_error.as_ref(), |e| import_field(e) == f);
    let current = ledger.current().map(|a| a.address);
    let row = |a: &AccountInfo| {
        let addr = checksum(&a.address);
        let pos = a.position;
        let selected = current == Some(a.address);
        let balance = ledger.s_of(a.address).map(|b| format!("{} S", b.amount)).unwrap_or_else(|| "…".into());
        let select = {
            let (ledger, address) = (ledger.dispatcher(), a.address);
            Callback::from(move |_| ledger.dispatch(LedgerAction::Select(address)))
        };
        let start = {
            let (renaming, addr, name) = (renaming.clone(), addr.clone(), a.name.clone());
            Callback::from(move |_| renaming.set(Some((addr.clone(), name.clone()))))
        };
        let editing = renaming.as_ref().filter(|(r, _)| *r == addr).map(|(_, n)| n.clone());
        html! {
            <li class={classes!("account-row", selected.then_some("selected"))} id={format!("account-{pos}")}>
                if let Some(name) = editing {
                    <input class="rename" id={format!("account-rename-{pos}")} value={name}
                        oninput={let renaming = renaming.clone(); let addr = addr.clone(); Callback::from(move |e: InputEvent| renaming.set(Some((addr.clone(), value_of(&e)))))}
                        onkeydown={let (renaming, caller, tick) = (renaming.clone(), caller.clone(), tick.clone()); Callback::from(move |e: KeyboardEvent| {
                            if e.key() == "Enter" {
                                if let Some((account, name)) = (*renaming).clone() {
                                    let (renaming, caller, tick) = (renaming.clone(), caller.clone(), tick.clone());
                                    wasm_bindgen_futures::spawn_local(async move {
                                        let _ = caller.call(AccountRenameArgs { account, name }).await;
                                        renaming.set(None);
                                        tick.set(*tick + 1);
                                    });
                                }
                            } else if e.key() == "Escape" { renaming.set(None); }
                        })} />
                } else {
                    <span class="name" id={format!("account-name-{pos}")}>{ &a.name }</span>
                    <button type="button" class="link" id={format!("account-rename-button-{pos}")} onclick={start}>{ "rename" }</button>
                }
                { " " }<code>{ addr.clone() }</code>{ " " }
                <CopyButton text={addr.clone()} />
                <span class="amount" id={format!("account-balance-{pos}")}>{ balance }</span>
                if selected {
                    <span class="badge" id={format!("account-selected-{pos}")}>{ "shown in the wallet" }</span>
                } else {
                    <button type="button" id={format!("account-use-{pos}")} onclick={select}>{ "Use in the wallet" }</button>
                }
            </li>
        }
    };
    let choose = |k: ImportKind| {
        let kind = kind.clone();
        Callback::from(move |_| kind.set(k))
    };
    html! {
        <div class="accounts-page">
            <div class="card">
                <h3>{ "Accounts" }</h3>
                <ul class="accounts" id="accounts">
                    { for ledger.accounts.iter().map(row) }
                </ul>
                <ErrorLine error={on_form(add.error()).or_else(|| at_field(add.error(), |_| true))} />
                <button type="button" id="account-add" onclick={add_account} disabled={add.loading()}>{ "Add account" }</button>
            </div>
            <form class="card" id="import-form" onsubmit={submit}>
                <h3>{ "Import an account" }</h3>
                <div class="tabs">
                    <button type="button" id="import-kind-key" class={classes!("tab", (*kind == ImportKind::Key).then_some("active"))} onclick={choose(ImportKind::Key)}>{ "Private key" }</button>
                    <button type="button" id="import-kind-keystore" class={classes!("tab", (*kind == ImportKind::Keystore).then_some("active"))} onclick={choose(ImportKind::Keystore)}>{ "Keystore file" }</button>
                </div>
                if *kind == ImportKind::Key {
                    <label>{ "Private key (hex)" }<input id="import-secret" type="password" autocomplete="off" value={form.secret.clone()} oninput={field(|f| &mut f.secret)} /></label>
                } else {
                    <label>{ "Keystore file" }<input id="import-keystore-file" type="file" accept=".json,application/json" ref={file.clone()} /></label>
                    <label>{ "…or its JSON" }<textarea id="import-secret" rows="3" value={form.secret.clone()}
                        oninput={let form = form.clone(); Callback::from(move |e: InputEvent| {
                            let mut f = (*form).clone();
                            f.secret = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
                            form.set(f);
                        })} /></label>
                    <label>{ "Keystore password" }<input id="import-keystore-password" type="password" value={form.keystore_password.clone()} oninput={field(|f| &mut f.keystore_password)} /></label>
                    <FieldError id="import-keystore-password-error" error={at("import-keystore-password")} />
                }
                <FieldError id="import-secret-error" error={at("import-secret")} />
                <label>{ "Wallet password" }<input id="import-password" type="password" value={form.password.clone()} oninput={field(|f| &mut f.password)} /></label>
                <FieldError id="import-password-error" error={at("import-password")} />
                <ErrorLine error={on_form(import_error.as_ref())} />
                if let Some(s) = &*imported { <p class="notice" id="import-status">{ s }</p> }
                <button id="import-submit" class="primary" type="submit" disabled={import_key.loading() || import_keystore.loading()}>{ "Import" }</button>
            </form>
        </div>
    }
}
