//! The address book and the token registry.

use sonic_types::{
    checksum,
    dto::{Contact, TokenInfo},
};
use yew::prelude::*;

use crate::{
    components::{value_of, ErrorLine},
    ipc,
};

/// A form's action: an async call whose error is shown.
type Action = std::rc::Rc<dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>>>>>;

/// The contacts page.
#[function_component(Contacts)]
pub(crate) fn contacts() -> Html {
    let list = use_state(Vec::<Contact>::new);
    let tokens = use_state(Vec::<TokenInfo>::new);
    let name = use_state(String::new);
    let address = use_state(String::new);
    let token = use_state(String::new);
    let error = use_state(|| None::<String>);
    let tick = use_state(|| 0u32);
    {
        let (list, tokens) = (list.clone(), tokens.clone());
        use_effect_with(*tick, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(c) = ipc::contacts_list().await {
                    list.set(c);
                }
                if let Ok(t) = ipc::tokens_list().await {
                    tokens.set(t);
                }
            });
        });
    }
    let run = |f: Action| {
        let (error, tick) = (error.clone(), tick.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (f, error, tick) = (f.clone(), error.clone(), tick.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match f().await {
                    Ok(()) => {
                        error.set(None);
                        tick.set(*tick + 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let add_contact = {
        let (n, a) = (name.clone(), address.clone());
        run(std::rc::Rc::new(move || {
            let (n, a) = ((*n).clone(), (*a).clone());
            Box::pin(async move { ipc::contact_add(&n, &a).await.map(|_| ()).map_err(|e| e.message) })
        }))
    };
    let add_token = {
        let t = token.clone();
        run(std::rc::Rc::new(move || {
            let t = (*t).clone();
            Box::pin(async move { ipc::token_add(&t).await.map(|_| ()).map_err(|e| e.message) })
        }))
    };
    let remove = |n: String| {
        let tick = tick.clone();
        Callback::from(move |_| {
            let (n, tick) = (n.clone(), tick.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = ipc::contact_remove(&n).await;
                tick.set(*tick + 1);
            });
        })
    };
    html! {
        <div class="contacts">
            <ErrorLine error={(*error).clone()} />
            <div class="card">
                <h3>{ "Contacts" }</h3>
                <ul>{ for list.iter().map(|c| html! {
                    <li><strong>{ &c.name }</strong>{ " " }<code>{ checksum(&c.address) }</code>
                        <button onclick={remove(c.name.clone())}>{ "Remove" }</button></li>
                }) }</ul>
                <form onsubmit={add_contact}>
                    <input id="contact-name" placeholder="name" value={(*name).clone()} oninput={let s = name.clone(); Callback::from(move |e| s.set(value_of(&e)))} />
                    <input id="contact-address" placeholder="0x…" value={(*address).clone()} oninput={let s = address.clone(); Callback::from(move |e| s.set(value_of(&e)))} />
                    <button type="submit">{ "Save contact" }</button>
                </form>
            </div>
            <div class="card">
                <h3>{ "Tokens" }</h3>
                <ul>{ for tokens.iter().map(|t| html! { <li>{ format!("{} ({} decimals) ", t.symbol, t.decimals) }<code>{ checksum(&t.address) }</code></li> }) }</ul>
                <form onsubmit={add_token}>
                    <input id="token-address" placeholder="token contract 0x…" value={(*token).clone()} oninput={let s = token.clone(); Callback::from(move |e| s.set(value_of(&e)))} />
                    <button type="submit">{ "Add token" }</button>
                </form>
            </div>
        </div>
    }
}
