//! Activity: the history, live (refreshed by engine events), with filters, explorer
//! links, and speed-up or cancel for a pending transaction.

use sonic_types::{
    checksum,
    dto::{HistoryQuery, TxState},
    format_units,
    ipc::{AccountsListArgs, HistoryArgs, TokensListArgs, TxCancelArgs, TxSpeedupArgs},
};
use yew::prelude::*;

use crate::{
    components::{
        at_field, on_form,
        plan_card::{Finished, PlanCard},
        ErrorLine,
    },
    hooks::{use_command, use_ipc, use_planner},
    ipc,
    state::{use_desk, use_ledger, use_live, use_session, DeskAction, LedgerAction, Slot},
};

/// The activity page.
#[function_component(Activity)]
pub(crate) fn activity() -> Html {
    let refresh = use_live().changes;
    let session = use_session();
    let explorer = session.explorer().map(str::to_string);
    let desk = use_desk();
    let ledger = use_ledger();
    let caller = use_ipc();
    let card = desk.card(Slot::Activity).cloned();
    let query = use_state(HistoryQuery::default);
    let rows = use_command::<HistoryArgs>();
    let tokens = use_command::<TokensListArgs>();
    let me = ledger.accounts.first().map(|a| a.address);
    let tick = use_state(|| 0u32);
    {
        let tokens = tokens.clone();
        use_effect_with(refresh, move |_| tokens.start(TokensListArgs {}));
    }
    let assets: Vec<String> =
        std::iter::once("S".to_string()).chain(tokens.data().into_iter().flatten().map(|t| t.symbol.clone())).collect();
    {
        let (rows, caller, ledger) = (rows.clone(), caller.clone(), ledger.dispatcher());
        use_effect_with((refresh, (*query).clone(), *tick), move |(_, query, _)| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(a) = caller.call(AccountsListArgs {}).await {
                    ledger.dispatch(LedgerAction::Accounts(a));
                }
                let _ = rows.run(HistoryArgs { query }).await;
            });
        });
    }
    let set_dir = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let mut q = (*query).clone();
            q.direction = (!v.is_empty()).then_some(v);
            query.set(q);
        })
    };
    let set_days = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let mut q = (*query).clone();
            q.days = v.parse().ok();
            query.set(q);
        })
    };
    let speed_up = use_planner::<TxSpeedupArgs>(Slot::Activity);
    let cancel = use_planner::<TxCancelArgs>(Slot::Activity);
    let replace = |hash: String, cancelling: bool| {
        let (speed_up, cancel) = (speed_up.clone(), cancel.clone());
        Callback::from(move |_| {
            let hash = hash.clone();
            if cancelling {
                cancel.plan(TxCancelArgs { hash }, || {});
            } else {
                speed_up.plan(TxSpeedupArgs { hash }, || {});
            }
        })
    };
    let error = on_form(speed_up.command().error())
        .or_else(|| at_field(speed_up.command().error(), |_| true))
        .or_else(|| on_form(cancel.command().error()))
        .or_else(|| at_field(cancel.command().error(), |_| true))
        .or_else(|| speed_up.waiting())
        .or_else(|| cancel.waiting());
    let on_done = {
        let (tick, desk) = (tick.clone(), desk.dispatcher());
        Callback::from(move |f: Finished| {
            desk.dispatch(DeskAction::Done(Slot::Activity, f.id));
            tick.set(*tick + 1);
        })
    };
    html! {
        <div class="activity">
            <div class="filters">
                <select id="filter-asset" onchange={let query = query.clone(); Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                    let mut q = (*query).clone();
                    q.asset = (!v.is_empty()).then_some(v);
                    query.set(q);
                })}>
                    <option value="">{ "All assets" }</option>
                    { for assets.iter().map(|a| html! { <option value={a.clone()}>{ a }</option> }) }
                </select>
                <select id="filter-direction" onchange={set_dir}>
                    <option value="">{ "In and out" }</option>
                    <option value="in">{ "Received" }</option>
                    <option value="out">{ "Sent" }</option>
                </select>
                <select id="filter-days" onchange={set_days}>
                    <option value="">{ "All time" }</option>
                    <option value="1">{ "Today" }</option>
                    <option value="7">{ "Last week" }</option>
                    <option value="30">{ "Last month" }</option>
                </select>
            </div>
            if let Some(p) = card {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            <ErrorLine {error} />
            <ErrorLine error={on_form(rows.error())} />
            { match rows.data() {
                None if rows.error().is_some() => html! {},
                None => html! { <p class="muted">{ "Loading…" }</p> },
                Some(list) if list.is_empty() => html! { <p class="muted">{ "No transactions yet." }</p> },
                Some(list) => html! {
                    <table class="history" id="history">
                        { for list.iter().map(|t| {
                            let out = Some(t.from) == me;
                            let other = if out { t.to } else { t.from };
                            let state = format!("{:?}", t.state).to_lowercase();
                            html! {
                                <tr class={classes!("tx-row", state.clone())} data-hash={t.hash.clone()}>
                                    <td>{ if out { "↑ sent" } else { "↓ received" } }</td>
                                    <td class="amount">{ format!("{} {}", format_units(t.raw, t.decimals), t.asset) }</td>
                                    <td><code>{ checksum(&other) }</code></td>
                                    <td class="state">{ state }</td>
                                    <td>{ t.block.map(|b| format!("block {b}")).unwrap_or_default() }</td>
                                    <td>
                                        if let Some(base) = &explorer {
                                            // The webview does not navigate away: the link is copied.
                                            <button class="link" title="Copy the explorer link" onclick={
                                                let url = format!("{}/tx/{}", base.trim_end_matches('/'), t.hash);
                                                Callback::from(move |_| ipc::copy(&url))
                                            }>{ "copy explorer link" }</button>
                                        }
                                    </td>
                                    <td>
                                        if t.state == TxState::Pending && out {
                                            <button class="speedup" onclick={replace(t.hash.clone(), false)}>{ "Speed up" }</button>
                                            <button class="cancel" onclick={replace(t.hash.clone(), true)}>{ "Cancel" }</button>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </table>
                },
            } }
        </div>
    }
}
