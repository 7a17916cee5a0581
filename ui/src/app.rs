//! The root: onboarding, lock screen, or the main screens, switched by the wallet's
//! state; engine events (lock, balances, transactions) and payment links arrive here
//! as Tauri events and refresh what is shown.

use sonic_types::{dto::AppInfo, Event};
use yew::prelude::*;

use crate::{
    ipc,
    pages::{
        activity::Activity, chat::Chat, contacts::Contacts, lock::Lock, onboarding::Onboarding, settings::Settings,
        wallet::Wallet,
    },
};

/// Which main page is open.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tab {
    Chat,
    Wallet,
    Activity,
    Contacts,
    Settings,
}

/// Shared with the pages: a counter bumped by every engine event that changes data,
/// and a payment link waiting to be shown.
#[derive(Clone, PartialEq)]
pub(crate) struct Shared {
    /// Bumped when balances or history may have changed.
    pub(crate) refresh: u32,
    /// A payment link to show as a confirmation card.
    pub(crate) link: Option<String>,
    /// Clears the link once shown.
    pub(crate) take_link: Callback<()>,
    /// The network's block explorer.
    pub(crate) explorer: Option<String>,
    /// The chat's lines, kept while other pages are open.
    pub(crate) chat: UseStateHandle<Vec<crate::pages::chat::Line>>,
}

/// The root component.
#[function_component(App)]
pub(crate) fn app() -> Html {
    let info = use_state(|| None::<Result<AppInfo, String>>);
    let tab = use_state(|| Tab::Chat);
    let refresh = use_state(|| 0u32);
    let link = use_state(|| None::<String>);
    let chat = use_state(crate::pages::chat::greeting);
    let reload = {
        let info = info.clone();
        Callback::from(move |_: ()| {
            let info = info.clone();
            wasm_bindgen_futures::spawn_local(async move {
                info.set(Some(ipc::app_info().await.map_err(|e| e.message)));
            });
        })
    };
    {
        let (reload, refresh, link, tab) = (reload.clone(), refresh.clone(), link.clone(), tab.clone());
        use_effect_with((), move |_| {
            // The first screen is painted: tell the shell (startup benchmark), then apply
            // the theme from the desktop preferences.
            wasm_bindgen_futures::spawn_local(async {
                let _ = ipc::ui_ready().await;
                if let Ok(p) = ipc::desktop_prefs().await {
                    apply_theme(&p.theme);
                }
            });
            reload.emit(());
            let counter = std::rc::Rc::new(std::cell::Cell::new(0u32));
            {
                let (reload, refresh) = (reload.clone(), refresh.clone());
                ipc::on_engine_event(move |ev: Event| match ev {
                    Event::Locked | Event::Unlocked => reload.emit(()),
                    Event::SyncProgress { .. } | Event::NetworkStatus { .. } => {}
                    _ => {
                        counter.set(counter.get() + 1);
                        refresh.set(counter.get());
                    }
                });
            }
            {
                let tab = tab.clone();
                ipc::on_open_tx(move |_hash: String| tab.set(Tab::Activity));
            }
            {
                let (link, tab) = (link.clone(), tab.clone());
                ipc::on_payment_link(move |uri: String| {
                    tab.set(Tab::Wallet);
                    link.set(Some(uri));
                });
            }
            let (link, tab) = (link.clone(), tab.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(Some(uri)) = ipc::pending_link().await {
                    tab.set(Tab::Wallet);
                    link.set(Some(uri));
                }
            });
        });
    }
    let shared = Shared {
        refresh: *refresh,
        link: (*link).clone(),
        take_link: {
            let link = link.clone();
            Callback::from(move |_| link.set(None))
        },
        explorer: info.as_ref().and_then(|i| i.as_ref().ok()).and_then(|i| i.explorer_url.clone()),
        chat: chat.clone(),
    };
    let body = match &*info {
        None => html! { <p class="muted" id="starting">{ "Starting…" }</p> },
        Some(Err(e)) => {
            html! { <div class="card"><h2>{ "Smart Sonic cannot start" }</h2><p class="error">{ e }</p></div> }
        }
        Some(Ok(i)) if !i.wallet_exists => html! { <Onboarding on_done={reload.clone()} /> },
        Some(Ok(i)) if !i.unlocked => html! { <Lock on_unlocked={reload.clone()} /> },
        Some(Ok(i)) => {
            let nav = |t: Tab, id: &'static str, label: &'static str| {
                let tab2 = tab.clone();
                html! {
                    <button id={id} class={classes!("tab", (*tab == t).then_some("active"))} onclick={Callback::from(move |_| tab2.set(t))}>{ label }</button>
                }
            };
            let lock = {
                let reload = reload.clone();
                Callback::from(move |_| {
                    let reload = reload.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = ipc::wallet_lock().await;
                        reload.emit(());
                    });
                })
            };
            html! {
                <ContextProvider<Shared> context={shared.clone()}>
                    <header>
                        <strong>{ "Smart Sonic" }</strong>
                        <span class="network">{ &i.network }{ if i.mainnet { html!{} } else { html!{ <span class="badge">{ "test funds" }</span> } } }</span>
                        <nav>
                            { nav(Tab::Chat, "tab-chat", "Chat") }
                            { nav(Tab::Wallet, "tab-wallet", "Wallet") }
                            { nav(Tab::Activity, "tab-activity", "Activity") }
                            { nav(Tab::Contacts, "tab-contacts", "Contacts") }
                            { nav(Tab::Settings, "tab-settings", "Settings") }
                        </nav>
                        <button id="lock-button" onclick={lock}>{ "Lock" }</button>
                    </header>
                    <section class="page">
                        { match *tab {
                            Tab::Chat => html! { <Chat /> },
                            Tab::Wallet => html! { <Wallet /> },
                            Tab::Activity => html! { <Activity /> },
                            Tab::Contacts => html! { <Contacts /> },
                            Tab::Settings => html! { <Settings /> },
                        } }
                    </section>
                </ContextProvider<Shared>>
            }
        }
    };
    html! { <main id="app-ready">{ body }</main> }
}

/// Sets `data-theme` on the document (`system` follows the OS).
pub(crate) fn apply_theme(theme: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme);
    }
}
