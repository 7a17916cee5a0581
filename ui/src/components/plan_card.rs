//! The confirmation card: what will happen, to whom, how much, the fee, and the risks
//! in plain words, with Confirm and Cancel. Enter confirms, Escape cancels.

use sonic_types::{
    amount::format_units_short,
    checksum,
    dto::{Plan, PlanKind, SendResult, TxState},
};
use yew::prelude::*;

use crate::ipc;

/// Card properties.
#[derive(Properties, PartialEq)]
pub(crate) struct PlanCardProps {
    /// The plan to confirm.
    pub(crate) plan: Plan,
    /// Called with the result once confirmed, or `None` when cancelled.
    pub(crate) on_done: Callback<Option<SendResult>>,
}

/// The confirmation card.
#[function_component(PlanCard)]
pub(crate) fn plan_card(p: &PlanCardProps) -> Html {
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let plan = p.plan.clone();
    let confirm = {
        let (busy, error, on_done, id) = (busy.clone(), error.clone(), p.on_done.clone(), plan.id.clone());
        Callback::from(move |_: ()| {
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, error, on_done, id) = (busy.clone(), error.clone(), on_done.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::plan_confirm(&id).await {
                    Ok(r) => on_done.emit(Some(r)),
                    Err(e) => {
                        error.set(Some(e.message));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let cancel = {
        let (on_done, id) = (p.on_done.clone(), plan.id.clone());
        Callback::from(move |_: ()| {
            let (on_done, id) = (on_done.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = ipc::plan_cancel(&id).await;
                on_done.emit(None);
            });
        })
    };
    let onkeydown = {
        let (confirm, cancel) = (confirm.clone(), cancel.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => confirm.emit(()),
            "Escape" => cancel.emit(()),
            _ => {}
        })
    };
    let what = match &plan.kind {
        PlanKind::Transfer => "Send",
        PlanKind::Deploy { .. } => "Deploy",
        PlanKind::Call { function, .. } if function == "speed_up" => "Speed up",
        PlanKind::Call { function, .. } if function == "cancel" => "Cancel transaction",
        PlanKind::Call { .. } => "Contract call",
        PlanKind::Contact { previous: Some(_), .. } => "Change contact",
        PlanKind::Contact { previous: None, .. } => "Save contact",
        PlanKind::NftMint { .. } => "Mint NFT",
    };
    let to = match &plan.to_label {
        Some(name) => format!("{name} ({})", checksum(&plan.to)),
        None => checksum(&plan.to),
    };
    html! {
        <div class="card plan-card" id="plan-card" tabindex="0" {onkeydown}>
            <h3>{ what }</h3>
            <p class="summary">{ &plan.summary }</p>
            <dl>
                <dt>{ "Amount" }</dt><dd id="plan-amount">{ format!("{} {}", plan.amount, plan.asset) }</dd>
                <dt>{ "To" }</dt><dd id="plan-to">{ to }</dd>
                <dt>{ "From" }</dt><dd>{ checksum(&plan.from) }</dd>
                <dt>{ "Fee" }</dt><dd>{ format!("about {} S (at most {} S)", format_units_short(plan.expected_fee, 18), format_units_short(plan.max_fee, 18)) }</dd>
                <dt>{ "Network" }</dt><dd>{ format!("{} (chain {})", plan.network, plan.chain_id) }</dd>
            </dl>
            if !plan.risks.is_empty() {
                <ul class="risks">
                    { for plan.risks.iter().map(|r| html! { <li>{ r.message() }</li> }) }
                </ul>
            }
            <crate::components::ErrorLine error={(*error).clone()} />
            <div class="actions">
                <button id="confirm-plan" class="primary" disabled={*busy} onclick={confirm.reform(|_| ())}>
                    { if *busy { "Sending…" } else { "Confirm" } }
                </button>
                <button id="cancel-plan" disabled={*busy} onclick={cancel.reform(|_| ())}>{ "Cancel" }</button>
            </div>
        </div>
    }
}

/// A line describing a send result.
pub(crate) fn result_line(r: &SendResult) -> String {
    match (r.status, r.block) {
        (TxState::Confirmed, Some(b)) => format!("Confirmed in block {b}: {}", r.hash),
        (TxState::Failed, _) => format!("Failed on chain: {}", r.hash),
        _ => format!("Sent, pending: {}", r.hash),
    }
}
