//! The root: the state provider around the screen the session calls for (starting,
//! onboarding, lock, or the main pages under a header and the offline banner). It
//! listens to the shell's events: engine events lock or reload the session, mark the
//! node online or offline and count changes for the pages to reload; payment links are
//! taken into the desk's queue, and the next one becomes a card once no other card
//! waits for an answer. Plans proposed by other clients (and, at start, every plan
//! still pending, so a reload loses no card) are queued as outside cards; a plan that
//! ends anywhere takes its card off the screen.

use sonic_types::{
    event::NetStatus,
    ipc::{
        DesktopPrefsArgs, EngineEvents, LinkPlanArgs, OpenTx, PaymentLinks, PendingLinkArgs, PlansPendingArgs,
        UiReadyArgs, WalletLockArgs,
    },
    Event,
};
use yew::prelude::*;

use crate::{
    components::{outside::OutsideCards, OfflineBanner},
    hooks::{use_ipc, Ipc},
    ipc,
    pages::{
        accounts::Accounts, activity::Activity, chat::Chat, contacts::Contacts, defi::Defi, diagnostics::Diagnostics,
        lock::Lock, networks::Networks, onboarding::Onboarding, security::Security, settings::Settings, wallet::Wallet,
    },
    state::{
        session, use_desk, use_live, use_session, Desk, DeskAction, LiveAction, Screen, SessionAction, Slot,
        StateProvider,
    },
    theme,
};

/// Which main page is open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Chat,
    Wallet,
    Activity,
    Contacts,
    Defi,
    Premium,
    Nfts,
    Accounts,
    Networks,
    Security,
    Settings,
    Diagnostics,
}

/// The app: the state, then the screen.
#[function_component(App)]
pub(crate) fn app() -> Html {
    html! { <StateProvider><Root /></StateProvider> }
}

/// Takes every payment link the shell holds (each is handed out once) into the queue.
fn take_links(caller: Ipc, desk: UseReducerDispatcher<Desk>) {
    wasm_bindgen_futures::spawn_local(async move {
        while let Ok(Some(uri)) = caller.call(PendingLinkArgs {}).await {
            desk.dispatch(DeskAction::QueueLink(uri));
        }
    });
}

/// Queues every plan still pending in the engine (a reload of the webview forgets the
/// cards, not the plans): those of other clients with their origin, this app's own as
/// "proposed in this app before a reload".
fn take_pending_plans(caller: Ipc, desk: UseReducerDispatcher<Desk>) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(plans) = caller.call(PlansPendingArgs {}).await {
            for mut p in plans {
                if p.origin.is_none() {
                    p.origin = Some("app".into());
                }
                desk.dispatch(DeskAction::Propose(Box::new(p)));
            }
        }
    });
}

/// The screen the session calls for, and the shell's events.
#[function_component(Root)]
fn root() -> Html {
    let session = use_session();
    let live = use_live();
    let desk = use_desk();
    let caller = use_ipc();
    let tab = use_state(|| Tab::Chat);
    // The transaction a notification's click asked to open in Activity.
    let open_tx = use_state(|| None::<String>);
    let (tab_for_tx, open_tx_setter) = (tab.clone(), open_tx.clone());
    {
        let (session, live, desk, caller) =
            (session.dispatcher(), live.dispatcher(), desk.dispatcher(), caller.clone());
        use_effect_with((), move |_| {
            // The first screen is painted: tell the shell (startup benchmark), then apply
            // the theme from the desktop preferences.
            wasm_bindgen_futures::spawn_local(async {
                let _ = ipc::call(UiReadyArgs {}).await;
                if let Ok(p) = ipc::call(DesktopPrefsArgs {}).await {
                    theme::apply(&p.theme);
                }
            });
            session::reload(session.clone());
            take_pending_plans(caller.clone(), desk.clone());
            let plans = desk.clone();
            ipc::listen::<EngineEvents>(move |ev| match ev {
                Event::PlanProposed { plan } => plans.dispatch(DeskAction::Propose(plan)),
                Event::PlanResolved { id, outcome } => {
                    plans.dispatch(DeskAction::Resolved(id, outcome));
                    live.dispatch(LiveAction::Changed);
                }
                Event::Locked => {
                    session.dispatch(SessionAction::Locked);
                    session::reload(session.clone());
                }
                Event::Unlocked => session::reload(session.clone()),
                Event::NetworkStatus { status: NetStatus::Online, .. } => live.dispatch(LiveAction::Online),
                Event::NetworkStatus { status: NetStatus::Offline, network } => {
                    live.dispatch(LiveAction::Offline(format!("the {network} node does not answer")))
                }
                Event::NetworkStatus { .. } | Event::SyncProgress { .. } => {}
                _ => live.dispatch(LiveAction::Changed),
            });
            {
                // The event only says links arrived: they are taken from the shell, so
                // each is shown once whatever the number of events.
                let (caller, desk) = (caller.clone(), desk.clone());
                ipc::listen::<PaymentLinks>(move |_uri| take_links(caller.clone(), desk.clone()));
            }
            {
                let (tab, open_tx) = (tab_for_tx, open_tx_setter);
                ipc::listen::<OpenTx>(move |hash| {
                    open_tx.set(Some(hash));
                    tab.set(Tab::Activity);
                });
            }
            take_links(caller, desk);
        });
    }
    let main_shown = matches!(session.screen(), Screen::Main(_));
    // The next payment link becomes a card once no other card waits for an answer: a
    // link never replaces a card on screen.
    {
        let next = if main_shown { desk.next_link().cloned() } else { None };
        let (desk, tab, caller) = (desk.dispatcher(), tab.clone(), caller.clone());
        use_effect_with(next, move |next| {
            if let Some(uri) = next.clone() {
                desk.dispatch(DeskAction::TakeLink(uri.clone()));
                wasm_bindgen_futures::spawn_local(async move {
                    match caller.call(LinkPlanArgs { uri }).await {
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
    let reload = {
        let session = session.dispatcher();
        Callback::from(move |_: ()| session::reload(session.clone()))
    };
    let finish_onboarding = {
        let session = session.dispatcher();
        Callback::from(move |_: ()| {
            session.dispatch(SessionAction::OnboardingDone);
            session::reload(session.clone());
        })
    };
    let body = match session.screen() {
        Screen::Starting => html! { <p class="muted" id="starting">{ "Starting…" }</p> },
        Screen::Failed(e) => {
            html! { <div class="card"><h2>{ "Smart Sonic cannot start" }</h2><p class="error">{ e }</p></div> }
        }
        Screen::Onboarding => html! { <Onboarding on_done={finish_onboarding} /> },
        Screen::Locked => html! { <Lock on_unlocked={reload} /> },
        Screen::Main(i) => {
            let nav = |t: Tab, id: &'static str, label: &'static str| {
                let tab2 = tab.clone();
                html! {
                    <button id={id} class={classes!("tab", (*tab == t).then_some("active"))} onclick={Callback::from(move |_| tab2.set(t))}>{ label }</button>
                }
            };
            let lock = {
                let (caller, reload) = (caller.clone(), reload.clone());
                Callback::from(move |_| {
                    let (caller, reload) = (caller.clone(), reload.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = caller.call(WalletLockArgs {}).await;
                        reload.emit(());
                    });
                })
            };
            let waiting = desk.links.len();
            html! {
                <>
                    <header>
                        <strong>{ "Smart Sonic" }</strong>
                        <span class="network">{ &i.network }{ if i.mainnet { html!{} } else { html!{ <span class="badge">{ "test funds" }</span> } } }</span>
                        <nav>
                            { nav(Tab::Chat, "tab-chat", "Chat") }
                            { nav(Tab::Wallet, "tab-wallet", "Wallet") }
                            { nav(Tab::Activity, "tab-activity", "Activity") }
                            { nav(Tab::Contacts, "tab-contacts", "Contacts") }
                            { nav(Tab::Defi, "tab-defi", "DeFi") }
                            { nav(Tab::Premium, "tab-premium", "Premium") }
                            { nav(Tab::Nfts, "tab-nfts", "NFTs") }
                            { nav(Tab::Accounts, "tab-accounts", "Accounts") }
                            { nav(Tab::Networks, "tab-networks", "Networks") }
                            { nav(Tab::Security, "tab-security", "Security") }
                            { nav(Tab::Settings, "tab-settings", "Settings") }
                            { nav(Tab::Diagnostics, "tab-diagnostics", "Diagnostics") }
                        </nav>
                        if waiting > 0 {
                            <span class="badge" id="links-waiting" title="Shown once the card on screen is confirmed or cancelled">
                                { format!("{waiting} payment link{} waiting", if waiting == 1 { "" } else { "s" }) }
                            </span>
                        }
                        <button id="lock-button" onclick={lock}>{ "Lock" }</button>
                    </header>
                    <OfflineBanner />
                    <OutsideCards />
                    <section class="page">
                        { match *tab {
                            Tab::Chat => html! { <Chat /> },
                            Tab::Wallet => html! { <Wallet /> },
                            Tab::Activity => html! { <Activity open={(*open_tx).clone()} /> },
                            Tab::Accounts => html! { <Accounts /> },
                            Tab::Networks => html! { <Networks /> },
                            Tab::Security => html! { <Security /> },
                            Tab::Contacts => html! { <Contacts /> },
                            Tab::Defi => html! { <Defi /> },
                            Tab::Premium => html! { <crate::pages::premium::Premium /> },
                            Tab::Nfts => html! { <crate::pages::nft::Nfts /> },
                            Tab::Settings => html! { <Settings /> },
                            Tab::Diagnostics => html! { <Diagnostics /> },
                        } }
                    </section>
                </>
            }
        }
    };
    html! { <main id="app-ready">{ body }</main> }
}
