//! The chat with the agent: the conversation, clarifying questions inline, and a
//! confirmation card for every plan. Enter sends.

use sonic_types::dto::{Plan, SendResult};
use yew::prelude::*;

use crate::{
    components::{
        plan_card::{result_line, PlanCard},
        value_of,
    },
    ipc,
};

/// One chat line.
#[derive(Clone, PartialEq)]
pub(crate) struct Line {
    /// Typed by the user (else the agent's answer).
    pub(crate) from_user: bool,
    /// The text.
    pub(crate) text: String,
}

/// The greeting the conversation starts with.
pub(crate) fn greeting() -> Vec<Line> {
    vec![Line {
        from_user: false,
        text: "Hi! Ask me for your balance, to send S, or what you spent last week. Say \"help\" for more.".into(),
    }]
}

/// The chat page.
#[function_component(Chat)]
pub(crate) fn chat() -> Html {
    let lines = use_state(|| {
        vec![Line {
            from_user: false,
            text: "Hi! Ask me for your balance, to send S, or what you spent last week. Say \"help\" for more.".into(),
        }]
    });
    let input = use_state(String::new);
    let plan = use_state(|| None::<Plan>);
    let send = {
        let (lines, input, plan) = (lines.clone(), input.clone(), plan.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = input.trim().to_string();
            if text.is_empty() {
                return;
            }
            input.set(String::new());
            let mut v = (*lines).clone();
            v.push(Line { from_user: true, text: text.clone() });
            lines.set(v.clone());
            let (lines, plan) = (lines.clone(), plan.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let reply = match ipc::agent_turn(&text).await {
                    Ok(r) => {
                        plan.set(r.plan.clone());
                        r.text
                    }
                    Err(e) => e.message,
                };
                let mut v = v;
                v.push(Line { from_user: false, text: reply });
                lines.set(v);
            });
        })
    };
    let on_done = {
        let (lines, plan) = (lines.clone(), plan.clone());
        Callback::from(move |r: Option<SendResult>| {
            let mut v = (*lines).clone();
            v.push(Line {
                from_user: false,
                text: r.as_ref().map(result_line).unwrap_or_else(|| "Cancelled. Nothing was sent.".into()),
            });
            lines.set(v);
            plan.set(None);
        })
    };
    html! {
        <div class="chat">
            <div class="messages" id="messages">
                { for lines.iter().map(|l| html! {
                    <div class={classes!("msg", if l.from_user { "user" } else { "agent" })}>{ &l.text }</div>
                }) }
                if let Some(p) = &*plan {
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
