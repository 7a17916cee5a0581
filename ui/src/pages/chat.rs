//! The chat with the agent: the conversation, clarifying questions inline, and a
//! confirmation card for every plan. Enter sends. The conversation and the card live in
//! the app-level state, so both are still there after a visit to another page; a typed
//! "yes" or "no" is sent with the id of the card on screen, the only plan it may answer.

use sonic_types::ipc::{AgentTurnArgs, PlanCancelArgs};
use yew::prelude::*;

use crate::{
    components::{
        plan_card::{Finished, PlanCard},
        value_of,
    },
    hooks::use_ipc,
    state::{use_desk, DeskAction, Line, Slot},
};

/// The chat page.
#[function_component(Chat)]
pub(crate) fn chat() -> Html {
    let input = use_state(String::new);
    let desk = use_desk();
    let caller = use_ipc();
    let card = desk.card(Slot::Chat).cloned();
    // Turns under way: "Thinking…" is shown while there is one.
    let thinking = use_state(|| 0u32);
    let send = {
        let (desk, input, visible) = (desk.dispatcher(), input.clone(), card.as_ref().map(|p| p.id.clone()));
        let thinking = thinking.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = input.trim().to_string();
            if text.is_empty() {
                return;
            }
            input.set(String::new());
            desk.dispatch(DeskAction::Say(Line::user(text.clone())));
            let (desk, visible, caller, thinking) = (desk.clone(), visible.clone(), caller.clone(), thinking.clone());
            thinking.set(*thinking + 1);
            wasm_bindgen_futures::spawn_local(async move {
                let reply = caller.call(AgentTurnArgs { text, visible_plan: visible.clone() }).await;
                thinking.set(thinking.saturating_sub(1));
                match reply {
                    Ok(r) => {
                        desk.dispatch(DeskAction::Say(Line::agent(r.text)));
                        match (r.plan, visible) {
                            // A new plan takes the card's place; the plan it replaces is
                            // dropped, so what is on screen is all that can be confirmed.
                            (Some(p), old) => {
                                if let Some(old) = old.filter(|o| o != &p.id) {
                                    let _ = caller.call(PlanCancelArgs { id: old.clone() }).await;
                                    desk.dispatch(DeskAction::Done(Slot::Chat, old));
                                    desk.dispatch(DeskAction::Say(Line::agent(
                                        "The earlier card was cancelled; nothing was sent for it.",
                                    )));
                                }
                                desk.dispatch(DeskAction::Show(Slot::Chat, Box::new(p)));
                            }
                            // A reply to "yes" or "no" carries no action: the card's plan
                            // was confirmed, cancelled, or is no longer pending.
                            (None, Some(old)) if r.action.is_none() => desk.dispatch(DeskAction::Done(Slot::Chat, old)),
                            _ => {}
                        }
                    }
                    Err(e) => desk.dispatch(DeskAction::Say(Line::agent(e.message))),
                }
            });
        })
    };
    let on_done = {
        let desk = desk.dispatcher();
        Callback::from(move |f: Finished| {
            desk.dispatch(DeskAction::Say(Line::agent(f.line)));
            desk.dispatch(DeskAction::Done(Slot::Chat, f.id));
        })
    };
    html! {
        <div class="chat">
            <div class="messages" id="messages">
                { for desk.lines.iter().map(|l| html! {
                    <div class={classes!("msg", if l.from_user { "user" } else { "agent" })}>{ &l.text }</div>
                }) }
                if *thinking > 0 {
                    <div class="msg agent thinking" id="chat-thinking" role="status">{ "Thinking…" }</div>
                }
                if let Some(p) = card {
                    <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
                }
            </div>
            <form class="composer" onsubmit={send}>
                <input id="chat-input" placeholder="Send 5 S to alice…" autocomplete="off" value={(*input).clone()}
                    oninput={let i = input.clone(); Callback::from(move |e| i.set(value_of(&e)))} />
                <button id="chat-send" class="primary" type="submit">{ "Send" }</button>
            </form>
        </div>
    }
}
