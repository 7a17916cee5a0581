//! The session: what the shell said at start (version, network, whether a wallet
//! exists and is unlocked), whether onboarding is under way, and the lock. It decides
//! the screen: starting, onboarding, lock, or the main pages. A `locked` error from any
//! command locks it, so the lock screen shows.

use std::rc::Rc;

use sonic_types::{dto::AppInfo, ipc::AppInfoArgs};
use yew::prelude::*;

use crate::ipc;

/// The session's state.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct Session {
    /// The shell's `app_info`: none yet, or why the app cannot start.
    info: Option<Result<AppInfo, String>>,
    /// Onboarding is under way: creating a wallet unlocks it (and so reloads the
    /// session) before the recovery phrase has been shown and confirmed.
    onboarding: bool,
}

/// The screen the session calls for.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Screen<'a> {
    /// `app_info` has not answered yet.
    Starting,
    /// The engine could not open.
    Failed(&'a str),
    /// No wallet yet, or one being created.
    Onboarding,
    /// The vault is locked.
    Locked,
    /// The main pages.
    Main(&'a AppInfo),
}

impl Session {
    /// The screen to show.
    pub(crate) fn screen(&self) -> Screen<'_> {
        match &self.info {
            None => Screen::Starting,
            Some(Err(e)) => Screen::Failed(e),
            Some(Ok(i)) if !i.wallet_exists || self.onboarding => Screen::Onboarding,
            Some(Ok(i)) if !i.unlocked => Screen::Locked,
            Some(Ok(i)) => Screen::Main(i),
        }
    }

    /// The active network's block explorer.
    pub(crate) fn explorer(&self) -> Option<&str> {
        self.info.as_ref()?.as_ref().ok()?.explorer_url.as_deref()
    }
}

/// Changes to the session.
#[derive(Debug)]
pub(crate) enum SessionAction {
    /// `app_info` answered.
    Loaded(Result<AppInfo, String>),
    /// The vault is locked (a command said so, or the engine's `Locked` event).
    Locked,
    /// The new wallet's phrase was confirmed, or an import finished.
    OnboardingDone,
}

impl Reducible for Session {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            SessionAction::Loaded(info) => {
                if matches!(&info, Ok(i) if !i.wallet_exists) {
                    s.onboarding = true;
                }
                s.info = Some(info);
            }
            SessionAction::Locked => match &mut s.info {
                Some(Ok(i)) if i.unlocked => i.unlocked = false,
                _ => return self,
            },
            SessionAction::OnboardingDone => s.onboarding = false,
        }
        Rc::new(s)
    }
}

/// Asks the shell for `app_info` again (after an unlock, a lock, onboarding).
pub(crate) fn reload(session: UseReducerDispatcher<Session>) {
    wasm_bindgen_futures::spawn_local(async move {
        session.dispatch(SessionAction::Loaded(ipc::call(AppInfoArgs {}).await.map_err(|e| e.message)));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(wallet_exists: bool, unlocked: bool) -> AppInfo {
        AppInfo {
            unlocked,
            version: "0".into(),
            network: "local".into(),
            mainnet: false,
            wallet_exists,
            data_dir: "/tmp".into(),
            explorer_url: None,
        }
    }

    fn apply(s: Session, a: SessionAction) -> Session {
        (*Rc::new(s).reduce(a)).clone()
    }

    #[test]
    fn onboarding_lasts_until_done_though_the_new_wallet_is_unlocked() {
        let mut s = apply(Session::default(), SessionAction::Loaded(Ok(info(false, false))));
        assert_eq!(s.screen(), Screen::Onboarding);
        s = apply(s, SessionAction::Loaded(Ok(info(true, true))));
        assert_eq!(s.screen(), Screen::Onboarding, "the phrase is still on screen");
        s = apply(s, SessionAction::OnboardingDone);
        assert!(matches!(s.screen(), Screen::Main(_)));
    }

    #[test]
    fn a_locked_error_shows_the_lock_screen() {
        let mut s = apply(Session::default(), SessionAction::Loaded(Ok(info(true, true))));
        s = apply(s, SessionAction::Locked);
        assert_eq!(s.screen(), Screen::Locked);
    }
}
