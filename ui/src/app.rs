//! The placeholder first screen: what this build is and where its engine points. The
//! full interface (onboarding, chat, wallet, activity) is the desktop issue's work.

use sonic_types::{dto::AppInfo, IpcError};
use yew::prelude::*;

use crate::ipc;

/// The root component.
#[function_component(App)]
pub(crate) fn app() -> Html {
    let info = use_state(|| None::<Result<AppInfo, IpcError>>);
    {
        let info = info.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                info.set(Some(ipc::app_info().await));
            });
        });
    }
    let body = match &*info {
        None => html! { <p class="muted">{ "Starting…" }</p> },
        Some(Err(e)) => html! { <p class="error">{ &e.message }</p> },
        Some(Ok(i)) => html! {
            <dl>
                <dt>{ "Version" }</dt><dd>{ &i.version }</dd>
                <dt>{ "Network" }</dt><dd>{ &i.network }{ if i.mainnet { html!{} } else { html!{ <> {" "}<span class="badge">{ "test funds" }</span></> } } }</dd>
                <dt>{ "Wallet" }</dt><dd>{ if i.wallet_exists { "ready" } else { "none yet — create one with `sonic wallet create`" } }</dd>
                <dt>{ "Data" }</dt><dd>{ &i.data_dir }</dd>
            </dl>
        },
    };
    html! {
        <main id="app-ready">
            <h1>{ "Smart Sonic" }</h1>
            <p class="muted">{ "A wallet you can talk to, for the Sonic network." }</p>
            <section class="card">{ body }</section>
        </main>
    }
}
