//! Activity: the history, live (refreshed by engine events), with filters, explorer
//! links, and speed-up or cancel for a pending transaction.

use sonic_types::{
    checksum,
    dto::{HistoryQuery, TxRecord, TxState},
    format_units,
};
use yew::prelude::*;

use crate::{
    app::Shared,
    components::{
        plan_card::{Finished, PlanCard},
        ErrorLine,
    },
    ipc,
    state::{DeskAction, Slot},
};

/// The activity page.
#[function_component(Activity)]
pub(crate) fn activity() -> Html {
    let shared = use_context::<Shared>();
    let refresh = shared.as_ref().map(|s| s.refresh).unwrap_or_default();
    let explorer = shared.as_ref().and_then(|s| s.explorer.clone());
    let card = shared.as_ref().and_then(|s| s.desk.card(Slot::Activity).cloned());
    let desk = shared.as_ref().map(|s| s.desk.dispatcher());
    let query = use_state(HistoryQuery::default);
    let rows = use_state(|| None::<Result<Vec<TxRecord>, String>>);
    let me = use_state(|| None::<sonic_types::Address>);
    let error = use_state(|| None::<String>);
    let tick = use_state(|| 0u32);
    let assets = use_state(|| vec!["S".to_string()]);
    {
        let assets = assets.clone();
        use_effect_with(refresh, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(t) = ipc::tokens_list().await {
                    assets.set(std::iter::once("S".to_string()).chain(t.into_iter().map(|t| t.symbol)).collect());
                }
            });
        });
    }
    {
        let (rows, me, q) = (rows.clone(), me.clone(), (*query).clone());
        use_effect_with((refresh, (*query).clone(), *tick), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(a) = ipc::accounts_list().await {
                    me.set(a.first().map(|a| a.address));
                }
                rows.set(Some(ipc::history(&q).await.map_err(|e| e.message)));
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
    let busy = card.is_some();
    let replace = |hash: String, cancel: bool| {
        let (error, desk) = (error.clone(), desk.clone());
        Callback::from(move |_| {
            // A card on screen stays until it is answered.
            if busy {
                error.set(Some("Confirm or cancel the card above first.".into()));
                return;
            }
            let Some(desk) = desk.clone() else { return };
            let (hash, error) = (hash.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r = if cancel { ipc::tx_cancel(&hash).await } else { ipc::tx_speedup(&hash).await };
                match r {
                    Ok(p) => {
                        error.set(None);
                        desk.dispatch(DeskAction::Show(Slot::Activity, Box::new(p)));
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let on_done = {
        let (tick, error, desk) = (tick.clone(), error.clone(), desk.clone());
        Callback::from(move |f: Finished| {
            error.set(None);
            if let Some(desk) = &desk {
                desk.dispatch(DeskAction::Done(Slot::Activity, f.id));
            }
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
            <ErrorLine error={(*error).clone()} />
            { match &*rows {
                None => html! { <p class="muted">{ "Loading…" }</p> },
                Some(Err(e)) => html! { <p class="offline">{ e }</p> },
                Some(Ok(list)) if list.is_empty() => html! { <p class="muted">{ "No transactions yet." }</p> },
                Some(Ok(list)) => html! {
                    <table class="history" id="history">
                        { for list.iter().map(|t| {
                            let out = Some(t.from) == *me;
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
