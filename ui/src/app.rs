//! The root: onboarding, lock screen, or the main screens, switched by the wallet's
//! state; engine events (lock, balances, transactions) and payment links arrive here
//! as Tauri events and refresh what is shown. It holds the state that outlives a page
//! (`state::Desk`): the conversation, the cards waiting for an answer, queued links.

use sonic_types::{dto::AppInfo, Event};
use yew::prelude::*;

use crate::{
    ipc,
    pages::{
        activity::Activity, chat::Chat, contacts::Contacts, lock::Lock, onboarding::Onboarding, settings::Settings,
        wallet::Wallet,
    },
    state::{Desk, DeskAction, Slot},
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
/// the explorer, and the app-level state (conversation, cards, queued links).
#[derive(Clone, PartialEq)]
pub(crate) struct Shared {
    /// Bumped when balances or history may have changed.
    pub(crate) refresh: u32,
    /// The network's block explorer.
    pub(crate) explorer: Option<String>,
    /// What outlives a page.
    pub(crate) desk: UseReducerHandle<Desk>,
}

/// Takes every payment link the shell holds (each is handed out once) into the queue.
fn take_links(desk: UseReducerDispatcher<Desk>) {
    wasm_bindgen_futures::spawn_local(async move {
        while let Ok(Some(uri)) = ipc::pending_link().await {
            desk.dispatch(DeskAction::QueueLink(uri));
        }
    });
}

/// The root component.
#[function_component(App)]
pub(crate) fn app() -> Html {
    let info = use_state(|| None::<Result<AppInfo, String>>);
    let tab = use_state(|| Tab::Chat);
    let refresh = use_state(|| 0u32);
    let desk = use_reducer(Desk::default);
    // Set while onboarding is under way: creating a wallet unlocks it (and so reloads
    // the app's state) before the recovery phrase has been shown and confirmed.
    let onboarding = use_state(|| false);
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
        let (reload, refresh, tab, desk) = (reload.clone(), refresh.clone(), tab.clone(), desk.dispatcher());
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
                // The event only says links arrived: they are taken from the shell, so
                // each is shown once whatever the number of events.
                let desk = desk.clone();
                ipc::on_payment_link(move |_uri: String| take_links(desk.clone()));
            }
            take_links(desk);
        });
    }
    let wallet_exists = info.as_ref().and_then(|i| i.as_ref().ok()).map(|i| i.wallet_exists);
    {
        let onboarding = onboarding.clone();
        use_effect_with(wallet_exists, move |exists| {
            if *exists == Some(false) {
                onboarding.set(true);
            }
        });
    }
    let main_shown =
        !*onboarding && info.as_ref().and_then(|i| i.as_ref().ok()).is_some_and(|i| i.wallet_exists && i.unlocked);
    // The next payment link becomes a card once no other card waits for an answer: a
    // link never replaces a card on screen.
    {
        let next = if main_shown { desk.next_link().cloned() } else { None };
        let (desk, tab) = (desk.dispatcher(), tab.clone());
        use_effect_with(next, move |next| {
            if let Some(uri) = next.clone() {
                desk.dispatch(DeskAction::TakeLink(uri.clone()));
                wasm_bindgen_futures::spawn_local(async move {
                    match ipc::link_plan(&uri).await {
                        Ok(p) => desk.dispatch(DeskAction::Show(Slot::Wallet, Box::new(p))),
                        Err(e) => {
                            desk.dispatch(DeskAction::LinkRefused(format!("Payment link refused: {}", e.message)))
                        }
                    }
                    tab.set(Tab::Wallet);
                });
            }
        });
    }
    let shared = Shared {
        refresh: *refresh,
        explorer: info.as_ref().and_then(|i| i.as_ref().ok()).and_then(|i| i.explorer_url.clone()),
        desk: desk.clone(),
    };
    let finish_onboarding = {
        let (onboarding, reload) = (onboarding.clone(), reload.clone());
        Callback::from(move |_: ()| {
            onboarding.set(false);
            reload.emit(());
        })
    };
    let body = match &*info {
        None => html! { <p class="muted" id="starting">{ "Starting…" }</p> },
        Some(Err(e)) => {
            html! { <div class="card"><h2>{ "Smart Sonic cannot start" }</h2><p class="error">{ e }</p></div> }
        }
        Some(Ok(i)) if !i.wallet_exists || *onboarding => html! { <Onboarding on_done={finish_onboarding} /> },
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
            let waiting = desk.links.len();
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
                        if waiting > 0 {
                            <span class="badge" id="links-waiting" title="Shown once the card on screen is confirmed or cancelled">
                                { format!("{waiting} payment link{} waiting", if waiting == 1 { "" } else { "s" }) }
                            </span>
                        }
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
