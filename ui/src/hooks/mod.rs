//! Hooks for IPC calls: `use_ipc`, `use_command` (one command with its loading, error
//! and last result) and `use_planner` (a command whose plan becomes a page's card).
//! Every call goes through [`Ipc::call`], which acts on the
//! error's code where the whole app must: a locked vault shows the lock screen, an
//! unreachable node the offline banner (over the last known data). The error is also
//! returned, for the caller to show where it belongs: an invalid input at its field
//! (see `components::FieldError`), anything else on the form or the card.

use std::{cell::Cell, rc::Rc};

use sonic_types::{dto::Plan, ipc::Command, ErrorCode, IpcError};
use yew::prelude::*;

use crate::{
    ipc,
    state::{use_desk, use_live, use_session, Desk, DeskAction, Live, LiveAction, Session, SessionAction, Slot},
};

/// Calls commands with the app-wide handling of their errors.
#[derive(Clone, PartialEq)]
pub(crate) struct Ipc {
    session: UseReducerDispatcher<Session>,
    live: UseReducerDispatcher<Live>,
}

impl Ipc {
    /// Calls a command: see the module's documentation for what is done with its error.
    pub(crate) async fn call<C: Command>(&self, args: C) -> Result<C::Reply, IpcError> {
        let reply = ipc::call(args).await;
        if let Err(e) = &reply {
            match e.code {
                ErrorCode::Locked => self.session.dispatch(SessionAction::Locked),
                ErrorCode::Unreachable => self.live.dispatch(LiveAction::Offline(e.message.clone())),
                _ => {}
            }
        }
        reply
    }

    /// Tells the app the node answered (after a call that needed it).
    pub(crate) fn online(&self) {
        self.live.dispatch(LiveAction::Online);
    }
}

/// The app-wide caller of commands.
#[hook]
pub(crate) fn use_ipc() -> Ipc {
    let (session, live) = (use_session(), use_live());
    Ipc { session: session.dispatcher(), live: live.dispatcher() }
}

/// One command's state in a component: whether a call is under way, the last error and
/// the last result (kept when a later call fails).
pub(crate) struct CommandState<R> {
    /// A call is under way.
    pub(crate) loading: bool,
    /// The last call's error, cleared by the next call.
    pub(crate) error: Option<IpcError>,
    /// The last result.
    pub(crate) data: Option<Rc<R>>,
    /// The newest call started.
    started: u64,
    /// The newest call whose answer was applied; an older call answering late is
    /// ignored.
    applied: u64,
}

impl<R> Default for CommandState<R> {
    fn default() -> Self {
        Self { loading: false, error: None, data: None, started: 0, applied: 0 }
    }
}

impl<R> PartialEq for CommandState<R> {
    fn eq(&self, other: &Self) -> bool {
        self.loading == other.loading
            && self.error == other.error
            && self.started == other.started
            && self.applied == other.applied
            && match (&self.data, &other.data) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// What happened to a call.
pub(crate) enum CommandAction<R> {
    /// Call number `n` started.
    Started(u64),
    /// Call number `n` answered.
    Answered(u64, Result<Rc<R>, IpcError>),
}

impl<R> Reducible for CommandState<R> {
    type Action = CommandAction<R>;

    fn reduce(self: Rc<Self>, action: CommandAction<R>) -> Rc<Self> {
        match action {
            CommandAction::Started(n) if n > self.started => {
                Rc::new(Self { loading: true, error: None, data: self.data.clone(), started: n, applied: self.applied })
            }
            CommandAction::Answered(n, reply) if n > self.applied => {
                let (data, error) = match reply {
                    Ok(d) => (Some(d), None),
                    Err(e) => (self.data.clone(), Some(e)),
                };
                Rc::new(Self { loading: n < self.started, error, data, started: self.started, applied: n })
            }
            _ => self,
        }
    }
}

/// A command bound to a component: [`UseCommand::run`] calls it and keeps its state.
pub(crate) struct UseCommand<C: Command + 'static> {
    ipc: Ipc,
    state: UseReducerHandle<CommandState<C::Reply>>,
    calls: Rc<Cell<u64>>,
}

impl<C: Command + 'static> Clone for UseCommand<C> {
    fn clone(&self) -> Self {
        Self { ipc: self.ipc.clone(), state: self.state.clone(), calls: self.calls.clone() }
    }
}

impl<C: Command + 'static> UseCommand<C> {
    /// A call is under way.
    pub(crate) fn loading(&self) -> bool {
        self.state.loading
    }

    /// The last call's error.
    pub(crate) fn error(&self) -> Option<&IpcError> {
        self.state.error.as_ref()
    }

    /// The last result.
    pub(crate) fn data(&self) -> Option<&C::Reply> {
        self.state.data.as_deref()
    }

    /// Calls the command; its state follows, and the result is returned too.
    pub(crate) async fn run(&self, args: C) -> Result<Rc<C::Reply>, IpcError> {
        let n = self.calls.get() + 1;
        self.calls.set(n);
        let dispatcher = self.state.dispatcher();
        dispatcher.dispatch(CommandAction::Started(n));
        let reply = self.ipc.call(args).await.map(Rc::new);
        dispatcher.dispatch(CommandAction::Answered(n, reply.clone()));
        reply
    }

    /// Calls the command without waiting (its state follows).
    pub(crate) fn start(&self, args: C) {
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = this.run(args).await;
        });
    }
}

/// One command with its loading and error state and its last result.
#[hook]
pub(crate) fn use_command<C: Command + 'static>() -> UseCommand<C> {
    let ipc = use_ipc();
    let state = use_reducer(CommandState::<C::Reply>::default);
    let calls = use_memo((), |_| Cell::new(0u64));
    UseCommand { ipc, state, calls }
}

/// A command whose result is a plan shown as a card on one page (a send, a contact, a
/// speed-up or cancellation).
pub(crate) struct Planner<C: Command<Reply = Plan> + 'static> {
    command: UseCommand<C>,
    desk: UseReducerHandle<Desk>,
    slot: Slot,
    refused: UseStateHandle<Option<String>>,
}

impl<C: Command<Reply = Plan> + 'static> Clone for Planner<C> {
    fn clone(&self) -> Self {
        Self { command: self.command.clone(), desk: self.desk.clone(), slot: self.slot, refused: self.refused.clone() }
    }
}

impl<C: Command<Reply = Plan> + 'static> Planner<C> {
    /// The command's state (its error is the shell's refusal of the input).
    pub(crate) fn command(&self) -> &UseCommand<C> {
        &self.command
    }

    /// Why no plan was asked for: a card still waits on the page.
    pub(crate) fn waiting(&self) -> Option<String> {
        self.desk.card(self.slot).and_then(|_| (*self.refused).clone())
    }

    /// Asks for a plan and shows it as the page's card, then calls `then`. A card on
    /// screen stays until it is answered: while one waits, nothing is asked.
    pub(crate) fn plan(&self, args: C, then: impl FnOnce() + 'static) {
        if self.desk.card(self.slot).is_some() {
            self.refused.set(Some("Confirm or cancel the card above first.".into()));
            return;
        }
        self.refused.set(None);
        let (command, desk, slot) = (self.command.clone(), self.desk.dispatcher(), self.slot);
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(p) = command.run(args).await {
                then();
                desk.dispatch(DeskAction::Show(slot, Box::new((*p).clone())));
            }
        });
    }
}

/// A command that makes the card of the page `slot`.
#[hook]
pub(crate) fn use_planner<C: Command<Reply = Plan> + 'static>(slot: Slot) -> Planner<C> {
    let command = use_command::<C>();
    let desk = use_desk();
    let refused = use_state(|| None::<String>);
    Planner { command, desk, slot, refused }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(s: Rc<CommandState<u32>>, a: CommandAction<u32>) -> Rc<CommandState<u32>> {
        s.reduce(a)
    }

    #[test]
    fn a_late_answer_does_not_overwrite_a_newer_one() {
        let mut s = Rc::new(CommandState::<u32>::default());
        s = apply(s, CommandAction::Started(1));
        s = apply(s, CommandAction::Started(2));
        s = apply(s, CommandAction::Answered(2, Ok(Rc::new(2))));
        assert!(!s.loading);
        s = apply(s, CommandAction::Answered(1, Ok(Rc::new(1))));
        assert_eq!(s.data.as_deref(), Some(&2));
    }

    #[test]
    fn an_error_keeps_the_last_result_and_the_next_call_clears_it() {
        let mut s = Rc::new(CommandState::<u32>::default());
        s = apply(s, CommandAction::Started(1));
        s = apply(s, CommandAction::Answered(1, Ok(Rc::new(7))));
        s = apply(s, CommandAction::Started(2));
        assert!(s.loading);
        s = apply(s, CommandAction::Answered(2, Err(IpcError::new(ErrorCode::Unreachable, "down"))));
        assert_eq!(s.data.as_deref(), Some(&7), "the last known data stays");
        assert_eq!(s.error.as_ref().map(|e| e.code), Some(ErrorCode::Unreachable));
        s = apply(s, CommandAction::Started(3));
        assert!(s.error.is_none());
    }
}
