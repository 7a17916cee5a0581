//! The address book and the token registry. A contact's address decides where "send
//! to <name>" goes, so saving one or changing its address is a plan shown on a card
//! (the old and the new address) and written only once confirmed.

use sonic_types::{
    checksum,
    dto::{Contact, TokenInfo},
};
use yew::prelude::*;

use crate::{
    app::Shared,
    components::{
        plan_card::{Finished, PlanCard},
        value_of, ErrorLine,
    },
    ipc,
    state::{DeskAction, Slot},
};

/// A form's action: an async call whose error is shown.
type Action = std::rc::Rc<dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>>>>>;

/// The contacts page.
#[function_component(Contacts)]
pub(crate) fn contacts() -> Html {
    let shared = use_context::<Shared>();
    let card = shared.as_ref().and_then(|s| s.desk.card(Slot::Contacts).cloned());
    let desk = shared.as_ref().map(|s| s.desk.dispatcher());
    let notice = use_state(|| None::<String>);
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
    // Saving makes a plan shown as a card; the form is cleared once the card shows
    // what it holds.
    let add_contact = {
        let (n, a, error, notice, desk, busy) =
            (name.clone(), address.clone(), error.clone(), notice.clone(), desk.clone(), card.is_some());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if busy {
                error.set(Some("Confirm or cancel the card above first.".into()));
                return;
            }
            let Some(desk) = desk.clone() else { return };
            let (n, a, error, notice) = (n.clone(), a.clone(), error.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::contact_plan(&n, &a).await {
                    Ok(p) => {
                        error.set(None);
                        notice.set(None);
                        n.set(String::new());
                        a.set(String::new());
                        desk.dispatch(DeskAction::Show(Slot::Contacts, Box::new(p)));
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let on_done = {
        let (notice, tick, desk) = (notice.clone(), tick.clone(), desk.clone());
        Callback::from(move |f: Finished| {
            notice.set(Some(f.line));
            if let Some(desk) = &desk {
                desk.dispatch(DeskAction::Done(Slot::Contacts, f.id));
            }
            tick.set(*tick + 1);
        })
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
            if let Some(p) = card {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            if let Some(n) = &*notice { <p class="notice" id="contacts-notice">{ n }</p> }
            <div class="card">
                <h3>{ "Contacts" }</h3>
                <ul id="contact-list">{ for list.iter().map(|c| html! {
                    <li><strong>{ &c.name }</strong>{ " " }<code>{ checksum(&c.address) }</code>
                        <button onclick={remove(c.name.clone())}>{ "Remove" }</button></li>
                }) }</ul>
                <form onsubmit={add_contact}>
                    <input id="contact-name" placeholder="name" value={(*name).clone()} oninput={let s = name.clone(); Callback::from(move |e| s.set(value_of(&e)))} />
                    <input id="contact-address" placeholder="0x…" value={(*address).clone()} oninput={let s = address.clone(); Callback::from(move |e| s.set(value_of(&e)))} />
                    <button id="contact-save" type="submit">{ "Save contact" }</button>
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
