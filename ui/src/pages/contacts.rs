//! The address book and the token registry. A contact's address decides where "send
//! to <name>" goes, so saving one or changing its address is a plan shown on a card
//! (the old and the new address) and written only once confirmed. A token is added by
//! its address (symbol and decimals read from the contract) and can be hidden from the
//! balances.

use sonic_types::{
    checksum,
    ipc::{
        ContactPlanArgs, ContactRemoveArgs, ContactsListArgs, TokenAddArgs, TokenHideArgs, TokensHiddenArgs,
        TokensListArgs,
    },
    parse_address, IpcError,
};
use yew::prelude::*;

use crate::{
    components::{
        at_field, on_form,
        plan_card::{Finished, PlanCard},
        value_of, ErrorLine, FieldError,
    },
    hooks::{use_command, use_ipc, use_planner},
    state::{use_desk, DeskAction, Slot},
};

/// The field of the contact form an error about input belongs to: the address when it
/// does not parse, else the name.
fn contact_field(address: &str, _: &IpcError) -> &'static str {
    if parse_address(address.trim()).is_ok() {
        "contact-name"
    } else {
        "contact-address"
    }
}

/// The contacts page.
#[function_component(Contacts)]
pub(crate) fn contacts() -> Html {
    let desk = use_desk();
    let caller = use_ipc();
    let card = desk.card(Slot::Contacts).cloned();
    let list = use_command::<ContactsListArgs>();
    let tokens = use_command::<TokensListArgs>();
    let hidden = use_command::<TokensHiddenArgs>();
    let planner = use_planner::<ContactPlanArgs>(Slot::Contacts);
    let plan = planner.command().clone();
    let add = use_command::<TokenAddArgs>();
    let notice = use_state(|| None::<String>);
    let name = use_state(String::new);
    let address = use_state(String::new);
    let token = use_state(String::new);
    let tick = use_state(|| 0u32);
    {
        let (list, tokens, hidden) = (list.clone(), tokens.clone(), hidden.clone());
        use_effect_with(*tick, move |_| {
            list.start(ContactsListArgs {});
            tokens.start(TokensListArgs {});
            hidden.start(TokensHiddenArgs {});
        });
    }
    // Saving makes a plan shown as a card; the form is cleared once the card shows
    // what it holds.
    let add_contact = {
        let (n, a, notice, planner) = (name.clone(), address.clone(), notice.clone(), planner.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (n2, a2, notice) = (n.clone(), a.clone(), notice.clone());
            planner.plan(ContactPlanArgs { name: (*n).clone(), address: (*a).clone() }, move || {
                notice.set(None);
                n2.set(String::new());
                a2.set(String::new());
            });
        })
    };
    let on_done = {
        let (notice, tick, desk) = (notice.clone(), tick.clone(), desk.dispatcher());
        Callback::from(move |f: Finished| {
            notice.set(Some(f.line));
            desk.dispatch(DeskAction::Done(Slot::Contacts, f.id));
            tick.set(*tick + 1);
        })
    };
    // The symbol and decimals come from the contract itself; what was read is said
    // once saved.
    let token_added = use_state(|| None::<String>);
    let add_token = {
        let (t, add, tick, added) = (token.clone(), add.clone(), tick.clone(), token_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (address, add, t, tick, added) = ((*t).clone(), add.clone(), t.clone(), tick.clone(), added.clone());
            added.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(info) = add.run(TokenAddArgs { address }).await {
                    added.set(Some(format!(
                        "Added {}: the contract says {} decimals ({}).",
                        info.symbol,
                        info.decimals,
                        checksum(&info.address)
                    )));
                    t.set(String::new());
                    tick.set(*tick + 1);
                }
            });
        })
    };
    let hide_error = use_state(|| None::<IpcError>);
    let hide = |address: String, hide: bool| {
        let (tick, caller, hide_error) = (tick.clone(), caller.clone(), hide_error.clone());
        Callback::from(move |_| {
            let (address, tick, caller, hide_error) =
                (address.clone(), tick.clone(), caller.clone(), hide_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                hide_error.set(caller.call(TokenHideArgs { address, hidden: hide }).await.err());
                tick.set(*tick + 1);
            });
        })
    };
    let hidden_list: Vec<String> = hidden.data().cloned().unwrap_or_default();
    let remove = |n: String| {
        let (tick, caller) = (tick.clone(), caller.clone());
        Callback::from(move |_| {
            let (name, tick, caller) = (n.clone(), tick.clone(), caller.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = caller.call(ContactRemoveArgs { name }).await;
                tick.set(*tick + 1);
            });
        })
    };
    let contact_at = |field: &'static str| at_field(plan.error(), |e| contact_field(&address, e) == field);
    html! {
        <div class="contacts">
            <ErrorLine error={planner.waiting()} />
            if let Some(p) = card {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            if let Some(n) = &*notice { <p class="notice" id="contacts-notice">{ n }</p> }
            <div class="card">
                <h3>{ "Contacts" }</h3>
                <ul id="contact-list">{ for list.data().into_iter().flatten().map(|c| html! {
                    <li><strong>{ &c.name }</strong>{ " " }<code>{ checksum(&c.address) }</code>
                        <button onclick={remove(c.name.clone())}>{ "Remove" }</button></li>
                }) }</ul>
                <ErrorLine error={on_form(list.error())} />
                <form onsubmit={add_contact}>
                    <input id="contact-name" placeholder="name" value={(*name).clone()} oninput={let s = name.clone(); Callback::from(move |e| s.set(value_of(&e)))} />
                    <FieldError id="contact-name-error" error={contact_at("contact-name")} />
                    <input id="contact-address" placeholder="0x…" value={(*address).clone()} oninput={let s = address.clone(); Callback::from(move |e| s.set(value_of(&e)))} />
                    <FieldError id="contact-address-error" error={contact_at("contact-address")} />
                    <ErrorLine error={on_form(plan.error())} />
                    <button id="contact-save" type="submit" disabled={plan.loading()}>{ "Save contact" }</button>
                </form>
            </div>
            <div class="card">
                <h3>{ "Tokens" }</h3>
                <p class="muted">{ "Add a token by its contract address: its symbol and decimals are read from the chain." }</p>
                <ul id="token-list">{ for tokens.data().into_iter().flatten().map(|t| {
                    let address = checksum(&t.address);
                    let is_hidden = hidden_list.contains(&address);
                    html! {
                        <li id={format!("token-{}", t.symbol)} class={classes!(is_hidden.then_some("hidden-token"))}>
                            { format!("{} ({} decimals) ", t.symbol, t.decimals) }<code>{ address.clone() }</code>
                            if is_hidden {
                                { " hidden from balances " }
                                <button type="button" class="token-show" onclick={hide(address.clone(), false)}>{ "Show in balances" }</button>
                            } else {
                                { " " }<button type="button" class="token-hide" onclick={hide(address.clone(), true)}>{ "Hide from balances" }</button>
                            }
                        </li>
                    }
                }) }</ul>
                <ErrorLine error={hide_error.as_ref().map(|e| e.message.clone())} />
                if let Some(a) = &*token_added { <p class="notice" id="token-added">{ a }</p> }
                <form onsubmit={add_token}>
                    <input id="token-address" placeholder="token contract 0x…" value={(*token).clone()} oninput={let s = token.clone(); Callback::from(move |e| s.set(value_of(&e)))} />
                    <FieldError id="token-address-error" error={at_field(add.error(), |_| true)} />
                    <ErrorLine error={on_form(add.error())} />
                    <button id="token-add" type="submit" disabled={add.loading()}>{ "Add token" }</button>
                </form>
            </div>
        </div>
    }
}
