//! The wallet: the account it shows and sends from (picked here or on the Accounts
//! page), its balances, a send form that produces the same confirmation
//! card as the chat, receiving with an EIP-681 link and its QR code, and payment links
//! opened from outside (deep links) as a card. Each balance shows its USD value with
//! the price's age, and the balances their total (`components::fiat`). The card lives in the app-level state:
//! it is still here after a visit to another page, and a new one waits for it.

use sonic_types::{
    checksum,
    dto::{HistoryQuery, SendForm, TxRecord, TxState},
    ipc::{HistoryArgs, PaymentRequestArgs, PortfolioArgs, SendPlanArgs},
    market::{as_of, fiat_value, usd_text, PortfolioView},
    parse_units, Address, ErrorCode, IpcError, U256,
};
use yew::prelude::*;

use crate::{
    components::{
        amount::{rounded, SHOWN_DECIMALS},
        at_field,
        copy::CopyButton,
        fiat::{fiat_cell, total_line, use_prices},
        on_form,
        plan_card::{Finished, Outcome, PlanCard},
        value_of, ErrorLine, FieldError,
    },
    hooks::{use_command, use_ipc, use_planner, Ipc},
    pages::accounts::reload_accounts,
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

/// Reloads the accounts, every account's balances and the selected account's S
/// history into the ledger. Balances need the node: when it answers, the offline
/// banner goes.
async fn reload(caller: Ipc, ledger: UseReducerHandle<Ledger>, balances_error: UseStateHandle<Option<IpcError>>) {
    let dispatcher = ledger.dispatcher();
    balances_error.set(reload_accounts(&caller, &dispatcher).await);
    // The selected account, else the engine's default (the first).
    let account = ledger.selected.map(|a| checksum(&a));
    let query = HistoryQuery { asset: Some("S".into()), account, ..Default::default() };
    if let Ok(h) = caller.call(HistoryArgs { query }).await {
        dispatcher.dispatch(LedgerAction::History(h));
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
    // The last card's outcome in words, and whether something was sent.
    let notice = use_state(|| None::<(String, bool)>);
    let request = use_command::<PaymentRequestArgs>();
    let req_amount = use_state(String::new);
    let assets: Vec<String> = ledger.balances.iter().flatten().map(|b| b.asset.clone()).collect();
    let (prices, now) = use_prices(assets.clone());
    // The portfolio series; `None` (loading, no prices, or no priced holding on any day)
    // keeps the S balance chart.
    let portfolio = use_state(|| None::<PortfolioView>);
    {
        let portfolio = portfolio.clone();
        let account = ledger.selected.map(|a| checksum(&a));
        use_effect_with((refresh, ledger.selected), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Asked directly: a price source that is down is not an offline node.
                let reply = crate::ipc::call(PortfolioArgs { account, days: Some(PORTFOLIO_DAYS) }).await;
                // A series with no priced holding at all would draw a flat $0 line: the S
                // balance chart says more.
                portfolio.set(
                    reply.ok().filter(|p| {
                        p.days.len() > 1 && p.days.iter().any(|d| d.holdings.iter().any(|h| h.usd.is_some()))
                    }),
                );
            });
        });
    }
    {
        let (caller, ledger, balances_error) = (caller.clone(), ledger.clone(), balances_error.clone());
        use_effect_with((refresh, ledger.selected), move |_| {
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
    let token_change = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let mut f = (*form).clone();
            f.token = (!v.is_empty()).then_some(v);
            form.set(f);
        })
    };
    let card = desk.card(Slot::Wallet).cloned();
    let link_error = desk.link_error.clone();
    let submit = {
        let (form, desk, planner) = (form.clone(), desk.dispatcher(), planner.clone());
        let from = ledger.current().map(|a| checksum(&a.address));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            desk.dispatch(DeskAction::ClearLinkError);
            let mut f = (*form).clone();
            // The plan's `from`: the account the wallet shows.
            f.from = from.clone();
            planner.plan(SendPlanArgs { form: f }, || {});
        })
    };
    let on_done = {
        let (notice, desk, form) = (notice.clone(), desk.dispatcher(), form.clone());
        Callback::from(move |f: Finished| {
            let sent = matches!(f.outcome, Outcome::Sent(_));
            // A send done leaves an empty form for the next one.
            if sent {
                form.set(SendForm::default());
            }
            notice.set(Some((f.line, sent)));
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
    let select = {
        let ledger = ledger.dispatcher();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Ok(a) = sonic_types::parse_address(&v) {
                ledger.dispatch(LedgerAction::Select(a));
            }
        })
    };
    let send_at = |f: &'static str| at_field(plan.error(), |e| send_field(&form, e) == f);
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
                        <>
                            <table class="balances">
                                { for list.iter().map(|b| html! {
                                    <tr><td class="asset">{ &b.asset }</td><td class="amount" id={format!("balance-{}", b.asset)} title={b.amount.clone()}>{ rounded(&b.amount, SHOWN_DECIMALS) }</td>{ fiat_cell(b, &prices, now) }</tr>
                                }) }
                            </table>
                            { total_line(list, &prices, now) }
                        </>
                    },
                } }
            </div>
            if let (Some(list), Some(me)) = (&ledger.balances, ledger.current()) {
                if let Some(p) = &*portfolio {
                    { portfolio_chart(p, now) }
                } else if let Some(s) = list.iter().find(|b| b.asset == "S") {
                    { chart(s.raw, me.address, &ledger.history, prices.of("S").map(|p| p.usd)) }
                }
            }
            <div class="card accounts">
                <h3>{ "Account" }</h3>
                { account_picker("wallet-account", &ledger, select.clone()) }
                if let Some(me) = ledger.current() {
                    { " " }<code id="wallet-address">{ checksum(&me.address) }</code>{ " " }
                    <CopyButton text={checksum(&me.address)} id="copy-address" />
                }
            </div>
            if let Some(p) = card {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            <ErrorLine error={link_error} />
            <ErrorLine error={planner.waiting()} />
            if let Some((n, sent)) = &*notice {
                <p class={classes!("notice", if *sent { "success" } else { "muted" })} id="send-notice" role="status">{ n }</p>
            }
            <form class="card" id="send-form" onsubmit={submit}>
                <h3>{ "Send" }</h3>
                <label>{ "From" }{ account_picker("send-from", &ledger, select) }</label>
                <label>{ "To (address or contact)" }<input id="send-to" value={form.to.clone()} oninput={field(|f| &mut f.to)} /></label>
                <FieldError id="send-to-error" error={send_at("send-to")} />
                <label>{ "Asset" }
                    <select id="send-token" onchange={token_change}>
                        <option value="" selected={form.token.is_none()}>{ "S" }</option>
                        { for assets.iter().filter(|a| a.as_str() != "S").map(|a| html! {
                            <option value={a.clone()} selected={form.token.as_deref() == Some(a.as_str())}>{ a.clone() }</option>
                        }) }
                    </select>
                </label>
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

/// Days in the portfolio chart.
const PORTFOLIO_DAYS: u32 = 30;

/// The portfolio's USD value at each day's end (the engine's series: exact past
/// balances, each day at its own price), with the source and the prices' age; each
/// point's title gives its day and value. Floats here are display values only.
fn portfolio_chart(p: &PortfolioView, now: u64) -> Html {
    let Some(last) = p.days.last() else { return html! {} };
    let (w, h) = (600.0_f64, 120.0_f64);
    let max = p.days.iter().map(|d| d.total_usd).fold(0.0_f64, f64::max);
    let min = p.days.iter().map(|d| d.total_usd).fold(max, f64::min);
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    let step = w / (p.days.len() - 1).max(1) as f64;
    let xy = |i: usize, v: f64| (i as f64 * step, h - h * (v - min) / span);
    let coords: Vec<String> = p
        .days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (x, y) = xy(i, d.total_usd);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let source = if p.source == "defillama" { "DefiLlama" } else { p.source.as_str() };
    html! {
        <div class="card chart" id="portfolio-chart">
            <h3>{ format!("Portfolio value (USD), last {} days", p.days.len()) }</h3>
            <svg viewBox={format!("-4 -6 {} {}", w + 8.0, h + 12.0)} width="100%" height="140" preserveAspectRatio="none">
                <polyline fill="none" stroke="var(--accent)" stroke-width="2" points={coords.join(" ")} />
                { for p.days.iter().enumerate().map(|(i, d)| {
                    let (x, y) = xy(i, d.total_usd);
                    let mut title = format!("{}: {}", d.date, usd_text(d.total_usd));
                    if !d.unpriced.is_empty() {
                        title.push_str(&format!(" (not counted, no price: {})", d.unpriced.join(", ")));
                    }
                    html! {
                        <circle class="point" id={format!("portfolio-point-{i}")} cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="3" fill="var(--accent)">
                            <title>{ title }</title>
                        </circle>
                    }
                }) }
            </svg>
            <p>
                <span id="portfolio-last">{ usd_text(last.total_usd) }</span>
                <span class="muted">{ format!(" today; {} days ago {}", p.days.len() - 1, usd_text(p.days[0].total_usd)) }</span>
            </p>
            <p class="muted" id="portfolio-source">{ format!(
                "Daily prices: {source}, {}. Past balances from this account's history; network fees not included.",
                as_of(p.at, now)
            ) }</p>
            if !p.unpriced.is_empty() {
                <p class="muted" id="portfolio-unpriced">{ format!("Not valued (no price): {}", p.unpriced.join(", ")) }</p>
            }
        </div>
    }
}

/// A choice of account (its name and S balance): the one the wallet shows and sends
/// from.
fn account_picker(id: &'static str, ledger: &Ledger, onchange: Callback<Event>) -> Html {
    let current = ledger.current().map(|a| a.address);
    html! {
        <select {id} {onchange}>
            { for ledger.accounts.iter().map(|a| {
                let s = ledger.s_of(a.address).map(|b| format!(" ({} S)", rounded(&b.amount, SHOWN_DECIMALS))).unwrap_or_default();
                html! { <option value={checksum(&a.address)} selected={current == Some(a.address)}>{ format!("{}{s}", a.name) }</option> }
            }) }
        </select>
    }
}

/// The S balance over time, rebuilt backwards from today's balance through the
/// recorded transfers (fees are not in the records, so this is transfers only). The
/// plot is computed with integers: no float touches a balance. With today's S price,
/// the line's ends in USD, said to be today's price times past balances.
fn chart(now: U256, me: Address, history: &[TxRecord], usd: Option<f64>) -> Html {
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
            if let Some(p) = usd {
                <p class="muted" id="chart-usd">{ format!(
                    "In USD at today's S price ({}): {} now, between {} and {} over this period (today's price × past balances, not past prices).",
                    usd_text(p),
                    usd_text(fiat_value(now, 18, p)),
                    usd_text(fiat_value(min, 18, p)),
                    usd_text(fiat_value(max, 18, p)),
                ) }</p>
            }
        </div>
    }
}
