//! The wallet: accounts, balances, a send form that produces the same confirmation
//! card as the chat, receiving with an EIP-681 link and its QR code, and payment links
//! opened from outside (deep links) as a card.

use sonic_types::{
    checksum,
    dto::{AccountInfo, Balance, PaymentRequestView, Plan, SendForm, SendResult},
};
use yew::prelude::*;

use crate::{
    app::Shared,
    components::{
        plan_card::{result_line, PlanCard},
        value_of, ErrorLine,
    },
    ipc,
};

/// The wallet page.
#[function_component(Wallet)]
pub(crate) fn wallet() -> Html {
    let shared = use_context::<Shared>();
    let refresh = shared.as_ref().map(|s| s.refresh).unwrap_or_default();
    let accounts = use_state(Vec::<AccountInfo>::new);
    let balances = use_state(|| None::<Result<Vec<Balance>, String>>);
    let form = use_state(SendForm::default);
    let plan = use_state(|| None::<Plan>);
    let error = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let request = use_state(|| None::<PaymentRequestView>);
    let req_amount = use_state(String::new);
    {
        let (accounts, balances) = (accounts.clone(), balances.clone());
        use_effect_with(refresh, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(a) = ipc::accounts_list().await {
                    accounts.set(a);
                }
                balances.set(Some(ipc::balances().await.map_err(|e| e.message)));
            });
        });
    }
    // A payment link from outside becomes a confirmation card.
    {
        let link = shared.as_ref().and_then(|s| s.link.clone());
        let take = shared.as_ref().map(|s| s.take_link.clone());
        let (plan, error) = (plan.clone(), error.clone());
        use_effect_with(link, move |link| {
            if let (Some(uri), Some(take)) = (link.clone(), take) {
                take.emit(());
                wasm_bindgen_futures::spawn_local(async move {
                    match ipc::link_plan(&uri).await {
                        Ok(p) => plan.set(Some(p)),
                        Err(e) => error.set(Some(format!("Payment link refused: {}", e.message))),
                    }
                });
            }
        });
    }
    let field = |get: fn(&mut SendForm) -> &mut String| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            *get(&mut f) = value_of(&e);
            form.set(f);
        })
    };
    let submit = {
        let (form, plan, error) = (form.clone(), plan.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (f, plan, error) = ((*form).clone(), plan.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::send_plan(&f).await {
                    Ok(p) => {
                        error.set(None);
                        plan.set(Some(p));
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let on_done = {
        let (plan, notice) = (plan.clone(), notice.clone());
        Callback::from(move |r: Option<SendResult>| {
            notice.set(Some(r.as_ref().map(result_line).unwrap_or_else(|| "Cancelled. Nothing was sent.".into())));
            plan.set(None);
        })
    };
    let make_request = {
        let (req_amount, request, error) = (req_amount.clone(), request.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (amount, request, error) = ((*req_amount).clone(), request.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::payment_request(&amount, "").await {
                    Ok(r) => request.set(Some(r)),
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let add_account = {
        let accounts = accounts.clone();
        Callback::from(move |_| {
            let accounts = accounts.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = ipc::account_add().await;
                if let Ok(a) = ipc::accounts_list().await {
                    accounts.set(a);
                }
            });
        })
    };
    html! {
        <div class="wallet">
            <div class="card">
                <h3>{ "Balances" }</h3>
                { match &*balances {
                    None => html! { <p class="muted">{ "Loading…" }</p> },
                    Some(Err(e)) => html! { <p class="offline" id="offline">{ format!("Offline: {e}") }</p> },
                    Some(Ok(list)) => html! {
                        <table class="balances">
                            { for list.iter().map(|b| html! {
                                <tr><td class="asset">{ &b.asset }</td><td class="amount" id={format!("balance-{}", b.asset)}>{ &b.amount }</td></tr>
                            }) }
                        </table>
                    },
                } }
            </div>
            <div class="card">
                <h3>{ "Accounts" }</h3>
                <ul class="accounts">
                    { for accounts.iter().map(|a| html! { <li><span>{ &a.name }</span> <code>{ checksum(&a.address) }</code></li> }) }
                </ul>
                <button onclick={add_account}>{ "Add account" }</button>
            </div>
            if let Some(p) = &*plan {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            <ErrorLine error={(*error).clone()} />
            if let Some(n) = &*notice { <p class="notice" id="send-notice">{ n }</p> }
            <form class="card" id="send-form" onsubmit={submit}>
                <h3>{ "Send" }</h3>
                <label>{ "To (address or contact)" }<input id="send-to" value={form.to.clone()} oninput={field(|f| &mut f.to)} /></label>
                <label>{ "Amount (or max, 50%)" }<input id="send-amount" value={form.amount.clone()} oninput={field(|f| &mut f.amount)} /></label>
                <button id="send-review" class="primary" type="submit">{ "Review" }</button>
            </form>
            <form class="card" id="receive-form" onsubmit={make_request}>
                <h3>{ "Receive" }</h3>
                <label>{ "Amount of S (optional)" }<input id="request-amount" value={(*req_amount).clone()}
                    oninput={let r = req_amount.clone(); Callback::from(move |e| r.set(value_of(&e)))} /></label>
                <button type="submit">{ "Make payment link" }</button>
                if let Some(r) = &*request {
                    <p><code id="request-uri">{ &r.uri }</code></p>
                    if let Some(svg) = &r.qr_svg {
                        <div class="qr">{ Html::from_html_unchecked(AttrValue::from(svg.clone())) }</div>
                    }
                }
            </form>
        </div>
    }
}
