//! The UI's state, one domain per module, after yew's function_todomvc example: each
//! is a `Reducible` with a closed action enum, given out through a context by
//! [`StateProvider`] (at the root) and read with its `use_<domain>()` hook.
//!
//! - `session`: the screen (starting, onboarding, lock, main) and the shell's app info;
//! - `live`: whether the node answers, and a counter of engine changes;
//! - `ledger`: the last known balances, accounts and S history;
//! - `desk`: what outlives a page (the conversation, the cards, the queued links).

pub(crate) mod desk;
pub(crate) mod ledger;
pub(crate) mod live;
pub(crate) mod session;

pub(crate) use desk::{Desk, DeskAction, Line, Slot};
pub(crate) use ledger::{Ledger, LedgerAction};
pub(crate) use live::{Live, LiveAction};
pub(crate) use session::{Screen, Session, SessionAction};
use yew::prelude::*;

/// The state provider's children.
#[derive(Properties, PartialEq)]
pub(crate) struct StateProviderProps {
    /// What may read the state.
    pub(crate) children: Html,
}

/// Holds every domain's reducer and gives each out through its context.
#[function_component(StateProvider)]
pub(crate) fn state_provider(p: &StateProviderProps) -> Html {
    let session = use_reducer(Session::default);
    let live = use_reducer(Live::default);
    let ledger = use_reducer(Ledger::default);
    let desk = use_reducer(Desk::default);
    html! {
        <ContextProvider<UseReducerHandle<Session>> context={session}>
            <ContextProvider<UseReducerHandle<Live>> context={live}>
                <ContextProvider<UseReducerHandle<Ledger>> context={ledger}>
                    <ContextProvider<UseReducerHandle<Desk>> context={desk}>
                        { p.children.clone() }
                    </ContextProvider<UseReducerHandle<Desk>>>
                </ContextProvider<UseReducerHandle<Ledger>>>
            </ContextProvider<UseReducerHandle<Live>>>
        </ContextProvider<UseReducerHandle<Session>>>
    }
}

/// Defines `use_<domain>()`: the domain's state and dispatcher from its context.
macro_rules! domain_hook {
    ($(#[$meta:meta])* $hook:ident -> $state:ty) => {
        $(#[$meta])*
        #[hook]
        pub(crate) fn $hook() -> UseReducerHandle<$state> {
            // `StateProvider` wraps the whole app (app.rs): the context is always there.
            #[allow(clippy::expect_used)]
            use_context::<UseReducerHandle<$state>>().expect(concat!(stringify!($state), " is provided at the root"))
        }
    };
}

domain_hook!(
    /// The session: screen, app info, lock.
    use_session -> Session
);
domain_hook!(
    /// Whether the node answers, and the engine's change counter.
    use_live -> Live
);
domain_hook!(
    /// The last known balances, accounts and history.
    use_ledger -> Ledger
);
domain_hook!(
    /// The conversation, the cards and the queued payment links.
    use_desk -> Desk
);
