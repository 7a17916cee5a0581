//! Settings: the engine's (network, auto-lock; shared with the CLI) and the desktop's
//! own (theme, notifications, close-to-tray).

use sonic_types::dto::{DesktopPrefs, EngineSettings};
use yew::prelude::*;

use crate::{components::ErrorLine, ipc};

/// The settings page.
#[function_component(Settings)]
pub(crate) fn settings() -> Html {
    let engine = use_state(|| None::<EngineSettings>);
    let prefs = use_state(|| None::<DesktopPrefs>);
    let status = use_state(|| None::<String>);
    let provider = use_state(|| ("rules".to_string(), String::new(), String::new(), String::new()));
    {
        let (engine, prefs) = (engine.clone(), prefs.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                engine.set(ipc::settings_get().await.ok());
                prefs.set(ipc::desktop_prefs().await.ok());
            });
        });
    }
    let (Some(e), Some(p)) = ((*engine).clone(), (*prefs).clone()) else {
        return html! { <p class="muted">{ "Loading…" }</p> };
    };
    let save = {
        let (engine, prefs, status) = (engine.clone(), prefs.clone(), status.clone());
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            let (e, p, status) = ((*engine).clone(), (*prefs).clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (Some(e), Some(p)) = (e, p) else { return };
                let r = async {
                    ipc::settings_set(&e.network, e.auto_lock_minutes, &e.rpc_url).await?;
                    ipc::set_desktop_prefs(&p).await?;
                    crate::app::apply_theme(&p.theme);
                    Ok::<(), sonic_types::IpcError>(())
                };
                status.set(Some(match r.await {
                    Ok(()) => "Saved. A network change applies at the next start.".into(),
                    Err(err) => err.message,
                }));
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
            <label>{ "Lock after (minutes idle)" }
                <input id="settings-autolock" type="number" min="1" max="1440" value={e.auto_lock_minutes.to_string()}
                    oninput={let engine = engine.clone(); Callback::from(move |ev: InputEvent| {
                        let v = crate::components::value_of(&ev).parse().unwrap_or(15);
                        if let Some(mut s) = (*engine).clone() { s.auto_lock_minutes = v; engine.set(Some(s)); }
                    })} />
            </label>
            <h3>{ "Agent" }</h3>
            <p class="muted">{ format!("Now: {}. The offline rules engine always checks what a model says.", e.agent) }</p>
            <select id="agent-kind" onchange={let provider = provider.clone(); Callback::from(move |ev: Event| {
                let v = ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                let url = match v.as_str() { "gemini" => "https://generativelanguage.googleapis.com", "openai" => "http://localhost:11434/v1", _ => "" };
                let mut p = (*provider).clone(); p.0 = v; p.1 = url.into(); provider.set(p);
            })}>
                { for [("rules", "Rules engine only (offline)"), ("gemini", "Google Gemini (Premium)"), ("openai", "OpenAI-compatible server (Ollama, llama.cpp)")].iter()
                    .map(|(v, l)| html! { <option value={*v} selected={provider.0 == *v}>{ *l }</option> }) }
            </select>
            if provider.0 != "rules" {
                <label>{ "Server URL" }<input id="agent-url" value={provider.1.clone()} oninput={let p = provider.clone(); Callback::from(move |ev| { let mut v = (*p).clone(); v.1 = crate::components::value_of(&ev); p.set(v); })} /></label>
                <label>{ "Model" }<input id="agent-model" value={provider.2.clone()} oninput={let p = provider.clone(); Callback::from(move |ev| { let mut v = (*p).clone(); v.2 = crate::components::value_of(&ev); p.set(v); })} /></label>
                <label>{ "API key (kept in the vault; leave empty to keep the current one)" }<input id="agent-key" type="password" value={provider.3.clone()} oninput={let p = provider.clone(); Callback::from(move |ev| { let mut v = (*p).clone(); v.3 = crate::components::value_of(&ev); p.set(v); })} /></label>
                <p class="muted">{ "Sent with each message: the message and your contact names. Never keys, addresses, balances or history." }</p>
            }
            <button type="button" id="agent-save" onclick={let (provider, status) = (provider.clone(), status.clone()); Callback::from(move |_| {
                let (p, status) = ((*provider).clone(), status.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    status.set(Some(match ipc::agent_provider_set(&p.0, &p.1, &p.2, &p.3).await {
                        Ok(()) => "Agent settings saved.".into(),
                        Err(e) => e.message,
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
            <ErrorLine error={(*status).clone()} />
            <button class="primary" type="submit">{ "Save" }</button>
        </form>
    }
}
