//! Settings: the engine's (network and its RPC URL, auto-lock, agent; shared with the
//! CLI) and the desktop's own (theme, notifications, close-to-tray).

use sonic_types::{
    dto::{DesktopPrefs, EngineSettings},
    ipc::{
        AgentProviderGetArgs, AgentProviderSetArgs, DesktopPrefsArgs, ProviderChoice, SetDesktopPrefsArgs,
        SettingsGetArgs, SettingsSetArgs,
    },
    IpcError,
};
use yew::prelude::*;

use crate::{
    components::{at_field, on_form, ErrorLine, FieldError},
    hooks::use_ipc,
    theme,
};

/// The field an error about the engine settings belongs to: the auto-lock time when it
/// is out of range, else the RPC URL (the network is picked from a list).
fn field_of(s: &EngineSettings) -> &'static str {
    if (1..=1440).contains(&s.auto_lock_minutes) {
        "settings-rpc"
    } else {
        "settings-autolock"
    }
}

/// The choice of model for a `<select>` value.
fn choice(value: &str) -> ProviderChoice {
    match value {
        "gemini" => ProviderChoice::Gemini,
        "openai" => ProviderChoice::OpenAi,
        _ => ProviderChoice::Rules,
    }
}

/// The settings page.
#[function_component(Settings)]
pub(crate) fn settings() -> Html {
    let engine = use_state(|| None::<EngineSettings>);
    let prefs = use_state(|| None::<DesktopPrefs>);
    // The last save's outcome in words, and whether it succeeded.
    let status = use_state(|| None::<(String, bool)>);
    // The auto-lock field as typed (a half-typed number is kept, not replaced).
    let autolock = use_state(|| None::<String>);
    let refused = use_state(|| None::<IpcError>);
    let provider = use_state(|| (ProviderChoice::Rules, String::new(), String::new(), String::new()));
    let caller = use_ipc();
    {
        let (engine, prefs, caller, provider) = (engine.clone(), prefs.clone(), caller.clone(), provider.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // The saved model first, so the page never shows another one.
                if let Ok(p) = caller.call(AgentProviderGetArgs {}).await {
                    provider.set((p.kind, p.url, p.model, String::new()));
                }
                engine.set(caller.call(SettingsGetArgs {}).await.ok());
                prefs.set(caller.call(DesktopPrefsArgs {}).await.ok());
            });
        });
    }
    let (Some(e), Some(p)) = ((*engine).clone(), (*prefs).clone()) else {
        return html! { <p class="muted">{ "Loading…" }</p> };
    };
    let save = {
        let (engine, prefs, status, refused, caller) =
            (engine.clone(), prefs.clone(), status.clone(), refused.clone(), caller.clone());
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            let (e, p, status, refused, caller) =
                ((*engine).clone(), (*prefs).clone(), status.clone(), refused.clone(), caller.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (Some(e), Some(p)) = (e, p) else { return };
                let r = async {
                    let args = SettingsSetArgs {
                        network: e.network.clone(),
                        auto_lock_minutes: e.auto_lock_minutes,
                        rpc_url: Some(e.rpc_url.clone()),
                    };
                    caller.call(args).await?;
                    caller.call(SetDesktopPrefsArgs { prefs: p.clone() }).await?;
                    theme::apply(&p.theme);
                    Ok::<(), IpcError>(())
                };
                match r.await {
                    Ok(()) => {
                        refused.set(None);
                        status.set(Some(("Saved. A network or RPC change applies at the next start.".into(), true)));
                    }
                    Err(err) => {
                        status.set(None);
                        refused.set(Some(err));
                    }
                }
            });
        })
    };
    let check = |get: fn(&mut DesktopPrefs) -> &mut bool| {
        let prefs = prefs.clone();
        Callback::from(move |ev: Event| {
            let on = ev.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            if let Some(mut p) = (*prefs).clone() {
                *get(&mut p) = on;
                prefs.set(Some(p));
            }
        })
    };
    let at = |field: &'static str| at_field(refused.as_ref(), |_| field_of(&e) == field);
    html! {
        <form class="card" id="settings" onsubmit={save}>
            <h3>{ "Network" }</h3>
            <select id="settings-network" onchange={let engine = engine.clone(); Callback::from(move |ev: Event| {
                let v = ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                // Another network: its own RPC URL applies unless a new one is typed.
                if let Some(mut s) = (*engine).clone() { s.network = v; s.rpc_url = String::new(); engine.set(Some(s)); }
            })}>
                { for e.networks.iter().map(|n| html! { <option value={n.clone()} selected={*n == e.network}>{ n }</option> }) }
            </select>
            <label>{ "RPC URL (your own node or provider)" }
                <input id="settings-rpc" value={e.rpc_url.clone()}
                    oninput={let engine = engine.clone(); Callback::from(move |ev: InputEvent| {
                        let v = crate::components::value_of(&ev);
                        if let Some(mut s) = (*engine).clone() { s.rpc_url = v; engine.set(Some(s)); }
                    })} />
            </label>
            <FieldError id="settings-rpc-error" error={at("settings-rpc")} />
            <label>{ "Lock after (minutes idle)" }
                <input id="settings-autolock" type="number" min="1" max="1440"
                    value={(*autolock).clone().unwrap_or_else(|| e.auto_lock_minutes.to_string())}
                    oninput={let (engine, autolock) = (engine.clone(), autolock.clone()); Callback::from(move |ev: InputEvent| {
                        let text = crate::components::value_of(&ev);
                        // Not a number: 0, refused at this field when saved.
                        let v = text.trim().parse().unwrap_or(0);
                        autolock.set(Some(text));
                        if let Some(mut s) = (*engine).clone() { s.auto_lock_minutes = v; engine.set(Some(s)); }
                    })} />
            </label>
            <FieldError id="settings-autolock-error" error={at("settings-autolock")} />
            <h3>{ "Agent" }</h3>
            <p class="muted">{ format!("Now: {}. The offline rules engine always checks what a model says.", e.agent) }</p>
            <select id="agent-kind" onchange={let provider = provider.clone(); Callback::from(move |ev: Event| {
                let v = ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                let url = match v.as_str() { "gemini" => "https://generativelanguage.googleapis.com", "openai" => "http://localhost:11434/v1", _ => "" };
                let mut p = (*provider).clone(); p.0 = choice(&v); p.1 = url.into(); provider.set(p);
            })}>
                { for [("rules", "Rules engine only (offline)"), ("gemini", "Google Gemini (Premium)"), ("openai", "OpenAI-compatible server (Ollama, llama.cpp)")].iter()
                    .map(|(v, l)| html! { <option value={*v} selected={provider.0 == choice(v)}>{ *l }</option> }) }
            </select>
            if provider.0 != ProviderChoice::Rules {
                <label>{ "Server URL" }<input id="agent-url" value={provider.1.clone()} oninput={let p = provider.clone(); Callback::from(move |ev| { let mut v = (*p).clone(); v.1 = crate::components::value_of(&ev); p.set(v); })} /></label>
                <label>{ "Model" }<input id="agent-model" value={provider.2.clone()} oninput={let p = provider.clone(); Callback::from(move |ev| { let mut v = (*p).clone(); v.2 = crate::components::value_of(&ev); p.set(v); })} /></label>
                <label>{ "API key (kept in the vault; leave empty to keep the current one)" }<input id="agent-key" type="password" value={provider.3.clone()} oninput={let p = provider.clone(); Callback::from(move |ev| { let mut v = (*p).clone(); v.3 = crate::components::value_of(&ev); p.set(v); })} /></label>
                <p class="muted">{ "Sent with each message: the message and your contact names. Never keys, addresses, balances or history." }</p>
            }
            <button type="button" id="agent-save" onclick={let (provider, status, caller) = (provider.clone(), status.clone(), caller.clone()); Callback::from(move |_| {
                let (p, status, caller) = ((*provider).clone(), status.clone(), caller.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let key = (!p.3.is_empty()).then_some(p.3);
                    let args = AgentProviderSetArgs { kind: p.0, url: p.1, model: p.2, key };
                    status.set(Some(match caller.call(args).await {
                        Ok(()) => ("Agent settings saved.".into(), true),
                        Err(e) => (e.message, false),
                    }));
                });
            })}>{ "Save agent settings" }</button>
            <h3>{ "Desktop" }</h3>
            <select id="settings-theme" onchange={let prefs = prefs.clone(); Callback::from(move |ev: Event| {
                let v = ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                if let Some(mut p) = (*prefs).clone() { p.theme = v; prefs.set(Some(p)); }
            })}>
                { for ["system", "light", "dark"].iter().map(|t| html! { <option value={*t} selected={p.theme == *t}>{ *t }</option> }) }
            </select>
            <label><input type="checkbox" checked={p.notify_incoming} onchange={check(|p| &mut p.notify_incoming)} />{ " Notify incoming transfers" }</label>
            <label><input type="checkbox" checked={p.notify_confirmed} onchange={check(|p| &mut p.notify_confirmed)} />{ " Notify confirmations" }</label>
            <label><input type="checkbox" checked={p.notify_failed} onchange={check(|p| &mut p.notify_failed)} />{ " Notify failures" }</label>
            <label><input type="checkbox" checked={p.close_to_tray} onchange={check(|p| &mut p.close_to_tray)} />{ " Keep running in the tray when the window is closed" }</label>
            <ErrorLine error={on_form(refused.as_ref())} />
            if let Some((s, ok)) = &*status {
                <p class={if *ok { "notice success" } else { "error" }} id="settings-status" role="status">{ s }</p>
            }
            <button id="settings-save" class="primary" type="submit">{ "Save" }</button>
        </form>
    }
}
