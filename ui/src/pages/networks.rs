//! Networks: the one in use and a switch to another, a custom network or a new RPC URL
//! for a built-in one (saved only once the node at the URL answered with the right
//! chain id; a refusal says why at the URL), and the explorer API key (kept in the
//! vault; an API URL other than Etherscan's optional): saving it fills in the history
//! from before the wallet's index began (`history_backfill`), every row checked on
//! chain.

use sonic_types::{
    ipc::{
        ExplorerKeySetArgs, HistoryBackfillArgs, NetworkSaveArgs, NetworkUseArgs, NetworksListArgs, SettingsGetArgs,
    },
    IpcError, Network,
};
use yew::prelude::*;

use crate::{
    components::{at_field, on_form, value_of, ErrorLine, FieldError},
    hooks::{use_command, use_ipc},
    state::{session, use_live, use_session, LiveAction},
};

/// The network form.
#[derive(Clone, PartialEq, Default)]
struct Form {
    /// The network's name.
    name: String,
    /// The RPC URL.
    rpc: String,
    /// The chain id, as typed.
    chain_id: String,
    /// The explorer's base URL.
    explorer: String,
}

/// Whether an error is about the network's name (else about its URL or chain id).
fn about_name(e: &IpcError) -> bool {
    e.message.contains("network name")
}

/// The networks page.
#[function_component(Networks)]
pub(crate) fn networks() -> Html {
    let caller = use_ipc();
    let live = use_live();
    let session = use_session();
    let list = use_command::<NetworksListArgs>();
    let active = use_state(String::new);
    let form = use_state(Form::default);
    let activate = use_state(|| true);
    let save = use_command::<NetworkSaveArgs>();
    let switch = use_command::<NetworkUseArgs>();
    let explorer = use_command::<ExplorerKeySetArgs>();
    let explorer_key = use_state(String::new);
    let explorer_api = use_state(String::new);
    // Asked directly: an explorer that cannot be reached is not an offline node.
    let backfill_error = use_state(|| None::<String>);
    let status = use_state(|| None::<String>);
    let tick = use_state(|| 0u32);
    {
        let (list, active, caller) = (list.clone(), active.clone(), caller.clone());
        use_effect_with(*tick, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(s) = caller.call(SettingsGetArgs {}).await {
                    active.set(s.network);
                }
                let _ = list.run(NetworksListArgs {}).await;
            });
        });
    }
    // After a switch or a save: the header's network, the pages' figures and this list.
    let changed = {
        let (session, live, tick) = (session.dispatcher(), live.dispatcher(), tick.clone());
        move || {
            session::reload(session.clone());
            live.dispatch(LiveAction::Changed);
            tick.set(*tick + 1);
        }
    };
    let field = |get: fn(&mut Form) -> &mut String| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            *get(&mut f) = value_of(&e);
            form.set(f);
        })
    };
    let submit = {
        let (form, activate, save, status, changed) =
            (form.clone(), activate.clone(), save.clone(), status.clone(), changed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let f = (*form).clone();
            let chain_id = f.chain_id.trim().parse::<u64>().ok();
            let explorer_url = (!f.explorer.trim().is_empty()).then(|| f.explorer.trim().to_string());
            let args = NetworkSaveArgs {
                name: f.name.trim().to_string(),
                rpc_url: f.rpc,
                chain_id,
                explorer_url,
                activate: *activate,
            };
            let (save, status, changed, activate) = (save.clone(), status.clone(), changed.clone(), activate.clone());
            status.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(n) = save.run(args).await {
                    // The next network is used at once unless unticked again.
                    activate.set(true);
                    let id = n.chain_id.map(|c| format!("chain {c}")).unwrap_or_else(|| "any chain".into());
                    status.set(Some(format!("Saved {} ({id}) at {}.", n.name, n.rpc_url())));
                    changed();
                }
            });
        })
    };
    let use_network = |name: String| {
        let (switch, status, changed) = (switch.clone(), status.clone(), changed.clone());
        Callback::from(move |_| {
            let (switch, status, changed, name) = (switch.clone(), status.clone(), changed.clone(), name.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if switch.run(NetworkUseArgs { name: name.clone() }).await.is_ok() {
                    status.set(Some(format!("Now using {name}.")));
                    changed();
                }
            });
        })
    };
    let edit = |n: &Network| {
        let (form, name, rpc) = (form.clone(), n.name.clone(), n.rpc_url().to_string());
        let explorer = n.explorer_url.clone().unwrap_or_default();
        Callback::from(move |_| {
            form.set(Form { name: name.clone(), rpc: rpc.clone(), chain_id: String::new(), explorer: explorer.clone() })
        })
    };
    let save_key = {
        let (explorer, explorer_key, explorer_api, status, backfill_error) =
            (explorer.clone(), explorer_key.clone(), explorer_api.clone(), status.clone(), backfill_error.clone());
        Callback::from(move |_| {
            let (explorer, key, status, explorer_key, backfill_error) = (
                explorer.clone(),
                (*explorer_key).clone(),
                status.clone(),
                explorer_key.clone(),
                backfill_error.clone(),
            );
            let url = Some(explorer_api.trim().to_string()).filter(|u| !u.is_empty());
            wasm_bindgen_futures::spawn_local(async move {
                let off = key.trim().is_empty();
                if explorer.run(ExplorerKeySetArgs { url, key }).await.is_ok() {
                    explorer_key.set(String::new());
                    if off {
                        status.set(Some("Explorer off.".into()));
                        return;
                    }
                    // The history from before this wallet's index began, filled in now.
                    status.set(Some("Explorer key kept in the vault. Filling in your history…".into()));
                    backfill_error.set(None);
                    match crate::ipc::call(HistoryBackfillArgs {}).await {
                        Ok(n) => status.set(Some(format!(
                            "Explorer key kept in the vault. History filled in: {n} transfer{} added.",
                            if n == 1 { "" } else { "s" }
                        ))),
                        Err(e) => {
                            status.set(Some("Explorer key kept in the vault.".into()));
                            backfill_error.set(Some(format!("History not filled in: {}", e.message)));
                        }
                    }
                }
            });
        })
    };
    let error = save.error();
    html! {
        <div class="networks">
            <div class="card">
                <h3>{ "Networks" }</h3>
                <ErrorLine error={on_form(switch.error()).or_else(|| at_field(switch.error(), |_| true))} />
                { match list.data() {
                    None => html! { <p class="muted">{ "Loading…" }</p> },
                    Some(nets) => html! {
                        <table class="networks-list" id="networks">
                            { for nets.iter().map(|n| {
                                let is_active = *active == n.name;
                                let id = n.chain_id.map(|c| c.to_string()).unwrap_or_else(|| "any".into());
                                html! {
                                    <tr class={classes!("network-row", is_active.then_some("active"))} id={format!("network-{}", n.name)}>
                                        <td class="name">{ &n.name }{ if n.mainnet { " (mainnet)" } else { "" } }</td>
                                        <td>{ format!("chain {id}") }</td>
                                        <td><code id={format!("network-rpc-{}", n.name)}>{ n.rpc_url() }</code></td>
                                        <td>
                                            if is_active {
                                                <span class="badge" id={format!("network-active-{}", n.name)}>{ "in use" }</span>
                                            } else {
                                                <button type="button" id={format!("network-use-{}", n.name)} onclick={use_network(n.name.clone())}>{ "Use" }</button>
                                            }
                                            { " " }<button type="button" class="link" id={format!("network-edit-{}", n.name)} onclick={edit(n)}>{ "change RPC" }</button>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </table>
                    },
                } }
                if let Some(s) = &*status { <p class="notice" id="networks-status">{ s }</p> }
            </div>
            <form class="card" id="network-form" onsubmit={submit}>
                <h3>{ "Add a network or change an RPC URL" }</h3>
                <p class="muted">{ "The node at the URL is asked for its chain id before anything is saved: a built-in network keeps its own." }</p>
                <label>{ "Name (a built-in's name changes its RPC URL)" }<input id="net-name" value={form.name.clone()} oninput={field(|f| &mut f.name)} /></label>
                <FieldError id="net-name-error" error={at_field(error, about_name)} />
                <label>{ "RPC URL" }<input id="net-rpc" value={form.rpc.clone()} oninput={field(|f| &mut f.rpc)} /></label>
                <FieldError id="net-rpc-error" error={at_field(error, |e| !about_name(e))} />
                <label>{ "Chain id (optional: the node's own)" }<input id="net-chain-id" inputmode="numeric" value={form.chain_id.clone()} oninput={field(|f| &mut f.chain_id)} /></label>
                <label>{ "Explorer (optional)" }<input id="net-explorer" value={form.explorer.clone()} oninput={field(|f| &mut f.explorer)} /></label>
                <label><input type="checkbox" id="net-activate" checked={*activate}
                    onchange={let activate = activate.clone(); Callback::from(move |e: Event| activate.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))} />{ " Use it now" }</label>
                <ErrorLine error={on_form(error)} />
                <button id="net-save" class="primary" type="submit" disabled={save.loading()}>{ if save.loading() { "Checking the node…" } else { "Check and save" } }</button>
            </form>
            <div class="card" id="explorer-form">
                <h3>{ "Explorer API key" }</h3>
                <p class="muted">{ "Used to backfill your history on Sonic from an Etherscan-compatible explorer; every row is checked on chain. Kept in the vault. Leave empty to turn it off." }</p>
                <label>{ "API key" }<input id="explorer-key" type="password" value={(*explorer_key).clone()}
                    oninput={let k = explorer_key.clone(); Callback::from(move |e| k.set(value_of(&e)))} /></label>
                <label>{ "API URL (optional; Etherscan's v2 API when empty)" }<input id="explorer-api" value={(*explorer_api).clone()}
                    oninput={let a = explorer_api.clone(); Callback::from(move |e| a.set(value_of(&e)))} /></label>
                <FieldError id="explorer-key-error" error={at_field(explorer.error(), |_| true)} />
                <ErrorLine error={on_form(explorer.error())} />
                if let Some(e) = &*backfill_error { <p class="error" id="explorer-backfill-error">{ e }</p> }
                <button type="button" id="explorer-save" onclick={save_key}>{ "Save the key" }</button>
            </div>
        </div>
    }
}
