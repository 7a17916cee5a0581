//! The wallet: accounts, balances, a send form that produces the same confirmation
//! card as the chat, receiving with an EIP-681 link and its QR code, and payment links
//! opened from outside (deep links) as a card. The card lives in the app-level state:
//! it is still here after a visit to another page, and a new one waits for it.

use sonic_types::{
    checksum,
    dto::{AccountInfo, Balance, HistoryQuery, PaymentRequestView, SendForm, TxRecord, TxState},
    Address, U256,
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

/// The wallet page.
#[function_component(Wallet)]
pub(crate) fn wallet() -> Html {
    let shared = use_context::<Shared>();
    let refresh = shared.as_ref().map(|s| s.refresh).unwrap_or_default();
    let accounts = use_state(Vec::<AccountInfo>::new);
    let balances = use_state(|| None::<Result<Vec<Balance>, String>>);
    let form = use_state(SendForm::default);
    let error = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let request = use_state(|| None::<PaymentRequestView>);
    let req_amount = use_state(String::new);
    let history = use_state(Vec::<TxRecord>::new);
    let renaming = use_state(|| None::<(String, String)>);
    {
        let (accounts, balances, history) = (accounts.clone(), balances.clone(), history.clone());
        use_effect_with(refresh, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(a) = ipc::accounts_list().await {
                    accounts.set(a);
                }
                balances.set(Some(ipc::balances().await.map_err(|e| e.message)));
                if let Ok(h) = ipc::history(&HistoryQuery { asset: Some("S".into()), ..Default::default() }).await {
                    history.set(h);
                }
            });
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
    let card = shared.as_ref().and_then(|s| s.desk.card(Slot::Wallet).cloned());
    let link_error = shared.as_ref().and_then(|s| s.desk.link_error.clone());
    let desk = shared.as_ref().map(|s| s.desk.dispatcher());
    let submit = {
        let (form, error, desk, busy) = (form.clone(), error.clone(), desk.clone(), card.is_some());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A card on screen stays until it is answered: a new plan waits for it.
            if busy {
                error.set(Some("Confirm or cancel the card above first.".into()));
                return;
            }
            let Some(desk) = desk.clone() else { return };
            desk.dispatch(DeskAction::ClearLinkError);
            let (f, error) = ((*form).clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::send_plan(&f).await {
                    Ok(p) => {
                        error.set(None);
                        desk.dispatch(DeskAction::Show(Slot::Wallet, Box::new(p)));
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let on_done = {
        let (notice, error, desk) = (notice.clone(), error.clone(), desk.clone());
        Callback::from(move |f: Finished| {
            notice.set(Some(f.line));
            error.set(None);
            if let Some(desk) = &desk {
                desk.dispatch(DeskAction::Done(Slot::Wallet, f.id));
            }
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
            if let (Some(Ok(list)), Some(me)) = (&*balances, accounts.first()) {
                if let Some(s) = list.iter().find(|b| b.asset == "S") {
                    { chart(s.raw, me.address, &history) }
                }
            }
            <div class="card">
                <h3>{ "Accounts" }</h3>
                <ul class="accounts">
                    { for accounts.iter().map(|a| {
                        let addr = checksum(&a.address);
                        let copy = { let addr = addr.clone(); Callback::from(move |_| ipc::copy(&addr)) };
                        let start = { let (renaming, addr, name) = (renaming.clone(), addr.clone(), a.name.clone()); Callback::from(move |_| renaming.set(Some((addr.clone(), name.clone())))) };
                        html! {
                            <li>
                                if renaming.as_ref().is_some_and(|(r, _)| *r == addr) {
                                    <input class="rename" value={renaming.as_ref().map(|r| r.1.clone()).unwrap_or_default()}
                                        oninput={let renaming = renaming.clone(); Callback::from(move |e| {
                                            if let Some((a, _)) = (*renaming).clone() { renaming.set(Some((a, value_of(&e)))); }
                                        })}
                                        onkeydown={let (renaming, accounts) = (renaming.clone(), accounts.clone()); Callback::from(move |e: KeyboardEvent| {
                                            if e.key() == "Enter" {
                                                if let Some((a, n)) = (*renaming).clone() {
                                                    let (renaming, accounts) = (renaming.clone(), accounts.clone());
                                                    wasm_bindgen_futures::spawn_local(async move {
                                                        let _ = ipc::account_rename(&a, &n).await;
                                                        renaming.set(None);
                                                        if let Ok(list) = ipc::accounts_list().await { accounts.set(list); }
                                                    });
                                                }
                                            } else if e.key() == "Escape" { renaming.set(None); }
                                        })} />
                                } else {
                                    <span class="name" onclick={start} title="Click to rename">{ &a.name }</span>
                                }
                                { " " }<code>{ addr.clone() }</code>{ " " }
                                <button class="link" onclick={copy}>{ "copy" }</button>
                            </li>
                        }
                    }) }
                </ul>
                <button onclick={add_account}>{ "Add account" }</button>
            </div>
            if let Some(p) = card {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            <ErrorLine error={link_error} />
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

/// The S balance over time, rebuilt backwards from today's balance through the
/// recorded transfers (fees are not in the records, so this is transfers only). The
/// plot is computed with integers: no float touches a balance.
fn chart(now: U256, me: Address, history: &[TxRecord]) -> Html {
    let mut points = vec![now];
    let mut bal = now;
    let mut mined: Vec<&TxRecord> =
        history.iter().filter(|t| t.state == TxState::Confirmed && t.token.is_none()).collect();
    mined.sort_by_key(|t| std::cmp::Reverse(t.block));
    for t in mined.iter().take(200) {
        // Undo the transfer to get the balance before it.
        if t.to == me {
            bal = bal.saturating_sub(t.raw);
        }
        if t.from == me {
            bal = bal.saturating_add(t.raw);
        }
        points.push(bal);
    }
    points.reverse();
    if points.len() < 2 {
        return html! {};
    }
    let (w, h) = (600u64, 120u64);
    let min = points.iter().min().copied().unwrap_or_default();
    let max = points.iter().max().copied().unwrap_or_default();
    let span = (max - min).max(U256::from(1u8));
    let step = w / (points.len() as u64 - 1).max(1);
    let coords: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = h - (U256::from(h) * (*b - min) / span).to::<u64>();
            format!("{},{}", i as u64 * step, y)
        })
        .collect();
    html! {
        <div class="card chart">
            <h3>{ "S balance over time" }</h3>
            <svg viewBox={format!("0 -4 {w} {}", h + 8)} width="100%" height="140" preserveAspectRatio="none">
                <polyline fill="none" stroke="var(--accent)" stroke-width="2" points={coords.join(" ")} />
            </svg>
            <p class="muted">{ format!("{} transfers; fees not included", points.len() - 1) }</p>
        </div>
    }
}
