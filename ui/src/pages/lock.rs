//! The lock screen: the password unlocks the vault in the engine.

use yew::prelude::*;

use crate::{
    components::{value_of, ErrorLine},
    ipc,
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
    let error = use_state(|| None::<String>);
    let submit = {
        let (password, error, done) = (password.clone(), error.clone(), p.on_unlocked.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (pw, error, done) = ((*password).clone(), error.clone(), done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::wallet_unlock(&pw).await {
                    Ok(()) => done.emit(()),
                    Err(e) => error.set(Some(e.message)),
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
            <ErrorLine error={(*error).clone()} />
            <button id="unlock-button" class="primary" type="submit">{ "Unlock" }</button>
        </form>
    }
}
