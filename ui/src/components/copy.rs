//! A copy button with feedback. The shell writes the clipboard (`clipboard_copy`); a
//! secret (the phrase, a key) is cleared from it after 30 s if it is still there.

use sonic_types::ipc::ClipboardCopyArgs;
use yew::prelude::*;

use crate::hooks::use_ipc;

/// Copy button properties.
#[derive(Properties, PartialEq)]
pub(crate) struct CopyProps {
    /// What to copy.
    pub(crate) text: AttrValue,
    /// Whether it is a secret (cleared from the clipboard after 30 s).
    #[prop_or_default]
    pub(crate) secret: bool,
    /// The button's id.
    #[prop_or_default]
    pub(crate) id: Option<AttrValue>,
    /// The button's label ("copy" when absent).
    #[prop_or_default]
    pub(crate) label: Option<AttrValue>,
}

/// A button that copies its text and says so.
#[function_component(CopyButton)]
pub(crate) fn copy_button(p: &CopyProps) -> Html {
    let caller = use_ipc();
    let said = use_state(|| None::<String>);
    let onclick = {
        let (caller, said, text, secret) = (caller.clone(), said.clone(), p.text.to_string(), p.secret);
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let (caller, said, text) = (caller.clone(), said.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                said.set(Some(match caller.call(ClipboardCopyArgs { text, secret }).await {
                    Ok(()) if secret => "Copied; cleared from the clipboard in 30 s".into(),
                    Ok(()) => "Copied".into(),
                    Err(e) => format!("Not copied: {}", e.message),
                }));
            });
        })
    };
    let label = p.label.clone().unwrap_or_else(|| AttrValue::from("copy"));
    html! {
        <span class="copy">
            <button type="button" class="link" id={p.id.clone()} {onclick}>{ label }</button>
            if let Some(s) = &*said { <span class="muted copied" role="status">{ " " }{ s }</span> }
        </span>
    }
}
