//! Small reusable components.

pub(crate) mod plan_card;

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The value of the input an event came from.
pub(crate) fn value_of(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// A one-line error message, never a debug dump.
#[derive(Properties, PartialEq)]
pub(crate) struct ErrorLineProps {
    /// The message, if any.
    pub(crate) error: Option<String>,
}

/// Shows an error message when there is one.
#[function_component(ErrorLine)]
pub(crate) fn error_line(p: &ErrorLineProps) -> Html {
    match &p.error {
        Some(e) => html! { <p class="error" role="alert">{ e }</p> },
        None => html! {},
    }
}
