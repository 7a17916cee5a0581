//! The wallet: accounts, balances, a send form that produces the same confirmation
//! card as the chat, receiving with an EIP-681 link and its QR code, and payment links
//! opened from outside (deep links) as a card. The card lives in the app-level state:
//! it is still here after a visit to another page, and a new one waits for it.

use sonic_types::{
    checksum,
    dto::{HistoryQuery, SendForm, TxRecord, TxState},
    ipc::{
        AccountAddArgs, AccountRenameArgs, AccountsListArgs, BalancesArgs, HistoryArgs, PaymentRequestArgs,
        SendPlanArgs,
    },
    parse_units, Address, ErrorCode, IpcError, U256,
};
use yew::prelude::*;

use crate::{
    components::{
        at_field, on_form,
        plan_card::{Finished, PlanCard},
        value_of, ErrorLine, FieldError,
    },
    hooks::{use_command, use_ipc, use_planner, Ipc},
    ipc,
    state::{use_desk, use_ledger, use_live, DeskAction, Ledger, LedgerAction, Slot},
};

/// The field of the send form an error about input belongs to: the amount when the
/// funds are short or the amount is not one the engine reads (a decimal, `max` or
/// `N%`), else the recipient.
fn send_field(form: &SendForm, e: &IpcError) -> &'static str {
    let amount = form.amount.trim();
    let readable = amount == "max" || parse_units(amount.strip_suffix('%').unwrap_or(amount).trim(), 18).is_ok();
    if e.code == ErrorCode::InsufficientFunds || !readable {
        "send-amount"
    } else {
        "send-to"
    }
}

/// Reloads the accounts, the balances and the S history into the ledger. Balances
/// need the node: when it answers, the offline banner goes.
async fn reload(caller: Ipc, ledger: UseReducerDispatcher<Ledger>, balances_error: UseStateHandle<Option<IpcError>>) {
    if let Ok(a) = caller.call(AccountsListArgs {}).await {
        ledger.dispatch(LedgerAction::Accounts(a));
    }
    match caller.call(BalancesArgs {}).await {
        Ok(b) => {
            caller.online();
            balances_error.set(None);
            ledger.dispatch(LedgerAction::Balances(b));
        }
        Err(e) => balances_error.set(Some(e)),
    }
    let query = HistoryQuery { asset: Some("S".into()), ..Default::default() };
    if let Ok(h) = caller.call(HistoryArgs { query }).await {
        ledger.dispatch(LedgerAction::History(h));
    }
}

/// The wallet page.
#[function_component(Wallet)]
pub(crate) fn wallet() -> Html {
    let refresh = use_live().changes;
    let ledger = use_ledger();
    let desk = use_desk();
    let caller = use_ipc();
    let balances_error = use_state(|| None::<IpcError>);
    let form = use_state(SendForm::default);
    let planner = use_planner::<SendPlanArgs>(Slot::Wallet);
    let plan = planner.command().clone();
    let notice = use_state(|| None::<String>);
    let request = use_command::<PaymentRequestArgs>();
    let req_amount = use_state(String::new);
    let renaming = use_state(|| None::<(String, String)>);
    {
        let (caller, ledger, balances_error) = (caller.clone(), ledger.dispatcher(), balances_error.clone());
        use_effect_with(refresh, move |_| {
            wasm_bindgen_futures::spawn_local(reload(caller, ledger, balances_error));
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
    let card = desk.card(Slot::Wallet).cloned();
    let link_error = desk.link_error.clone();
    let submit = {
        let (form, desk, planner) = (form.clone(), desk.dispatcher(), planner.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            desk.dispatch(DeskAction::ClearLinkError);
            planner.plan(SendPlanArgs { form: (*form).clone() }, || {});
        })
    };
    let on_done = {
        let (notice, desk) = (notice.clone(), desk.dispatcher());
        Callback::from(move |f: Finished| {
            notice.set(Some(f.line));
            desk.dispatch(DeskAction::Done(Slot::Wallet, f.id));
        })
    };
    let make_request = {
        let (req_amount, request) = (req_amount.clone(), request.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            request.start(PaymentRequestArgs { amount: Some((*req_amount).clone()), token: None });
        })
    };
    let add_account = {
        let (caller, ledger) = (caller.clone(), ledger.dispatcher());
        Callback::from(move |_| {
            let (caller, ledger) = (caller.clone(), ledger.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = caller.call(AccountAddArgs { name: None }).await;
                if let Ok(a) = caller.call(AccountsListArgs {}).await {
                    ledger.dispatch(LedgerAction::Accounts(a));
                }
            });
        })
    };
    let send_at = |f: &'static str| at_field(plan.error(), |e| send_field(&form, e) == f);
    let accounts = &ledger.accounts;
    html! {
        <div class="wallet">
            <div class="card">
                <h3>{ "Balances" }</h3>
                { match (&ledger.balances, &*balances_error) {
                    // The offline banner says why; nothing is known yet.
                    (None, Some(e)) if e.code == ErrorCode::Unreachable => html! { <p class="muted">{ "No balances known yet." }</p> },
                    (None, Some(e)) => html! { <p class="error" id="balances-error">{ &e.message }</p> },
                    (None, None) => html! { <p class="muted">{ "Loading…" }</p> },
                    (Some(list), _) => html! {
                        <table class="balances">
                            { for list.iter().map(|b| html! {
                                <tr><td class="asset">{ &b.asset }</td><td class="amount" id={format!("balance-{}", b.asset)}>{ &b.amount }</td></tr>
                            }) }
                        </table>
                    },
                } }
            </div>
            if let (Some(list), Some(me)) = (&ledger.balances, accounts.first()) {
                if let Some(s) = list.iter().find(|b| b.asset == "S") {
                    { chart(s.raw, me.address, &ledger.history) }
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
                                        onkeydown={let (renaming, caller, ledger) = (renaming.clone(), caller.clone(), ledger.dispatcher()); Callback::from(move |e: KeyboardEvent| {
                                            if e.key() == "Enter" {
                                                if let Some((account, name)) = (*renaming).clone() {
                                                    let (renaming, caller, ledger) = (renaming.clone(), caller.clone(), ledger.clone());
                                                    wasm_bindgen_futures::spawn_local(async move {
                                                        let _ = caller.call(AccountRenameArgs { account, name }).await;
                                                        renaming.set(None);
                                                        if let Ok(list) = caller.call(AccountsListArgs {}).await { ledger.dispatch(LedgerAction::Accounts(list)); }
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
            <ErrorLine error={planner.waiting()} />
            if let Some(n) = &*notice { <p class="notice" id="send-notice">{ n }</p> }
            <form class="card" id="send-form" onsubmit={submit}>
                <h3>{ "Send" }</h3>
                <label>{ "To (address or contact)" }<input id="send-to" value={form.to.clone()} oninput={field(|f| &mut f.to)} /></label>
                <FieldError id="send-to-error" error={send_at("send-to")} />
                <label>{ "Amount (or max, 50%)" }<input id="send-amount" value={form.amount.clone()} oninput={field(|f| &mut f.amount)} /></label>
                <FieldError id="send-amount-error" error={send_at("send-amount")} />
                <ErrorLine error={on_form(plan.error())} />
                <button id="send-review" class="primary" type="submit" disabled={plan.loading()}>{ "Review" }</button>
            </form>
            <form class="card" id="receive-form" onsubmit={make_request}>
                <h3>{ "Receive" }</h3>
                <label>{ "Amount of S (optional)" }<input id="request-amount" value={(*req_amount).clone()}
                    oninput={let r = req_amount.clone(); Callback::from(move |e| r.set(value_of(&e)))} /></label>
                <FieldError id="request-amount-error" error={at_field(request.error(), |_| true)} />
                <ErrorLine error={on_form(request.error())} />
                <button type="submit">{ "Make payment link" }</button>
                if let Some(r) = request.data() {
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
