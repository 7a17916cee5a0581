//! Small reusable components, and where an error is shown.

pub(crate) mod amount;
pub(crate) mod copy;
pub(crate) mod fiat;
pub(crate) mod outside;
pub(crate) mod plan_card;

use sonic_types::{ErrorCode, IpcError};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::use_live;

/// The value of the input an event came from.
pub(crate) fn value_of(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Where an error is shown, by its code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Place {
    /// Handled by the whole app (`hooks::Ipc::call`): a locked vault shows the lock
    /// screen, an unreachable node the offline banner.
    App,
    /// About what the user typed: shown at the field.
    Field,
    /// Anything else: shown on the form or the card.
    Form,
}

/// Where an error is shown.
pub(crate) fn place(e: &IpcError) -> Place {
    match e.code {
        ErrorCode::Locked | ErrorCode::Unreachable => Place::App,
        ErrorCode::InvalidInput | ErrorCode::WrongPassword | ErrorCode::NotFound | ErrorCode::InsufficientFunds => {
            Place::Field
        }
        _ => Place::Form,
    }
}

/// The message to show at a field: an error about input, when `here` says it is about
/// this field.
pub(crate) fn at_field(error: Option<&IpcError>, here: impl FnOnce(&IpcError) -> bool) -> Option<String> {
    error.filter(|e| place(e) == Place::Field).filter(|e| here(e)).map(|e| e.message.clone())
}

/// The message to show on a form: an error neither about input nor handled by the app.
pub(crate) fn on_form(error: Option<&IpcError>) -> Option<String> {
    error.filter(|e| place(e) == Place::Form).map(|e| e.message.clone())
}

/// A one-line error message, never a debug dump.
#[derive(Properties, PartialEq)]
pub(crate) struct ErrorLineProps {
    /// The message, if any.
    pub(crate) error: Option<String>,
    /// The element's id, if any.
    #[prop_or_default]
    pub(crate) id: Option<AttrValue>,
}

/// Shows an error message when there is one.
#[function_component(ErrorLine)]
pub(crate) fn error_line(p: &ErrorLineProps) -> Html {
    match &p.error {
        Some(e) => html! { <p class="error" id={p.id.clone()} role="alert">{ e }</p> },
        None => html! {},
    }
}

/// Shows an input's error right under it.
#[function_component(FieldError)]
pub(crate) fn field_error(p: &ErrorLineProps) -> Html {
    match &p.error {
        Some(e) => html! { <p class="error field-error" id={p.id.clone()} role="alert">{ e }</p> },
        None => html! {},
    }
}

/// The banner shown while the node does not answer; pages keep their last known data
/// under it, and the banner says the last known S balance of the account the wallet
/// shows and when it was read.
#[function_component(OfflineBanner)]
pub(crate) fn offline_banner() -> Html {
    let live = use_live();
    let ledger = crate::state::use_ledger();
    let last = ledger.current().and_then(|a| {
        let (list, at) = ledger.of(a.address)?;
        let s = list.iter().find(|b| b.token.is_none())?;
        Some(format!("{}: {} S as of {}", a.name, s.amount, crate::ipc::date_time(at)))
    });
    match &live.offline {
        Some(why) => html! {
            <div class="offline banner" id="offline" role="status">
                <p>{ format!("Offline: {why}. Showing the last known data; it updates when the node answers again.") }</p>
                if let Some(last) = last { <p id="offline-last">{ format!("Last known balance of {last}.") }</p> }
            </div>
        },
        None => html! {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_go_where_they_are_acted_on() {
        let e = |code| IpcError::new(code, "m");
        assert_eq!(place(&e(ErrorCode::Locked)), Place::App);
        assert_eq!(place(&e(ErrorCode::Unreachable)), Place::App);
        assert_eq!(place(&e(ErrorCode::InvalidInput)), Place::Field);
        assert_eq!(place(&e(ErrorCode::WrongPassword)), Place::Field);
        assert_eq!(place(&e(ErrorCode::Rejected)), Place::Form);
        let invalid = e(ErrorCode::InvalidInput);
        assert_eq!(at_field(Some(&invalid), |_| true).as_deref(), Some("m"));
        assert_eq!(at_field(Some(&invalid), |_| false), None, "another field's");
        assert_eq!(on_form(Some(&invalid)), None);
        assert_eq!(on_form(Some(&e(ErrorCode::Locked))), None, "the lock screen says it");
    }
}
