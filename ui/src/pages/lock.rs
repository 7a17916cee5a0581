//! The lock screen: the password unlocks the vault in the engine. A wrong password is
//! said at the password field.

use sonic_types::ipc::WalletUnlockArgs;
use yew::prelude::*;

use crate::{
    components::{at_field, on_form, value_of, ErrorLine, FieldError},
    hooks::use_command,
};

/// Lock screen properties.
#[derive(Properties, PartialEq)]
pub(crate) struct LockProps {
    /// Called once unlocked.
    pub(crate) on_unlocked: Callback<()>,
}

/// The lock screen.
#[function_component(Lock)]
pub(crate) fn lock(p: &LockProps) -> Html {
    let password = use_state(String::new);
    let unlock = use_command::<WalletUnlockArgs>();
    let submit = {
        let (password, unlock, done) = (password.clone(), unlock.clone(), p.on_unlocked.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (args, unlock, done) =
                (WalletUnlockArgs { password: (*password).clone() }, unlock.clone(), done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if unlock.run(args).await.is_ok() {
                    done.emit(());
                }
            });
        })
    };
    html! {
        <form class="card narrow" id="lock-screen" onsubmit={submit}>
            <h2>{ "Wallet locked" }</h2>
            <label>{ "Password" }
                <input id="unlock-password" type="password" autofocus=true value={(*password).clone()}
                    oninput={let p = password.clone(); Callback::from(move |e| p.set(value_of(&e)))} />
            </label>
            <FieldError id="unlock-password-error" error={at_field(unlock.error(), |_| true)} />
            <ErrorLine error={on_form(unlock.error())} />
            <button id="unlock-button" class="primary" type="submit" disabled={unlock.loading()}>{ "Unlock" }</button>
        </form>
    }
}
