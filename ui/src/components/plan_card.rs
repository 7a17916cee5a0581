//! The confirmation card: what will happen, to whom, how much, the fee, and the risks
//! in plain words, with Confirm and Cancel. Enter confirms, Escape cancels. A contact
//! card shows the name and the address (the old one too, for a change). The card
//! counts down to its plan's expiry and leaves then: an expired plan needs a new card.
//! A plan another client proposed (the CLI, the MCP server, the signer RPC) says who
//! proposed it at the top, and is confirmed with `plan_confirm_any` whatever its kind.

use sonic_types::{
    amount::format_units_short,
    checksum,
    dto::{Contact, Plan, PlanDoneView, PlanKind, SendResult, TxState},
    ipc::{ContactConfirmArgs, PlanCancelArgs, PlanConfirmAnyArgs, PlanConfirmArgs},
    market::origin_text,
    ErrorCode,
};
use yew::prelude::*;

use crate::{
    components::ErrorLine,
    hooks::{use_command, use_ipc},
    ipc,
    state::{use_desk, DeskAction},
};

/// How a card ended.
#[derive(Clone, PartialEq)]
pub(crate) enum Outcome {
    /// A transaction was sent.
    Sent(SendResult),
    /// A contact was saved.
    Saved(Contact),
    /// Something else was done (a mint, a signature, a connection).
    Other(Option<String>),
    /// The user cancelled.
    Cancelled,
    /// The plan expired before an answer.
    Expired,
}

/// A card's end: its plan, the outcome, and a line saying it in plain words.
#[derive(Clone, PartialEq)]
pub(crate) struct Finished {
    /// The plan's id.
    pub(crate) id: String,
    /// What happened.
    pub(crate) outcome: Outcome,
    /// The outcome in plain words.
    pub(crate) line: String,
}

/// Card properties.
#[derive(Properties, PartialEq)]
pub(crate) struct PlanCardProps {
    /// The plan to confirm.
    pub(crate) plan: Plan,
    /// Called once confirmed, cancelled or expired.
    pub(crate) on_done: Callback<Finished>,
}

/// Whether a plan saves a contact rather than signing a transaction.
fn is_contact(plan: &Plan) -> bool {
    matches!(plan.kind, PlanKind::Contact { .. })
}

/// The line for an outcome.
fn line(plan: &Plan, outcome: &Outcome) -> String {
    let nothing = if is_contact(plan) { "Nothing was changed." } else { "Nothing was sent." };
    match outcome {
        Outcome::Sent(r) => result_line(r),
        Outcome::Saved(c) => format!("Saved {} as {}.", checksum(&c.address), c.name),
        Outcome::Other(Some(hash)) => format!("Done: {hash}"),
        Outcome::Other(None) => match &plan.kind {
            PlanKind::ConnectOrigin { origin } => format!("Connected: {origin} may now see your accounts."),
            PlanKind::SignMessage { .. } => "Signed.".into(),
            _ => "Done.".into(),
        },
        Outcome::Cancelled => format!("Cancelled. {nothing}"),
        Outcome::Expired => format!("The card expired. {nothing} Ask again for a new one."),
    }
}

/// The confirmation card.
#[function_component(PlanCard)]
pub(crate) fn plan_card(p: &PlanCardProps) -> Html {
    let caller = use_ipc();
    let send = use_command::<PlanConfirmArgs>();
    let save = use_command::<ContactConfirmArgs>();
    let any = use_command::<PlanConfirmAnyArgs>();
    let desk = use_desk().dispatcher();
    let busy = send.loading() || save.loading() || any.loading();
    let now = use_state(ipc::now_secs);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let ticker = ipc::every(1000, move || now.set(ipc::now_secs()));
            move || drop(ticker)
        });
    }
    let plan = p.plan.clone();
    let finish = {
        let (on_done, plan) = (p.on_done.clone(), plan.clone());
        Callback::from(move |outcome: Outcome| {
            on_done.emit(Finished { id: plan.id.clone(), line: line(&plan, &outcome), outcome });
        })
    };
    let expired = *now >= plan.expires_at;
    // Drops the plan in the engine, then takes the card away.
    let drop_plan = {
        let (caller, finish, id, desk) = (caller.clone(), finish.clone(), plan.id.clone(), desk.clone());
        Callback::from(move |outcome: Outcome| {
            desk.dispatch(DeskAction::Answering(id.clone()));
            let (caller, finish, id) = (caller.clone(), finish.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = caller.call(PlanCancelArgs { id }).await;
                finish.emit(outcome);
            });
        })
    };
    {
        let drop_plan = drop_plan.clone();
        use_effect_with((expired, busy), move |(expired, busy)| {
            // A confirmation under way is left to finish: the engine decides then.
            if *expired && !*busy {
                drop_plan.emit(Outcome::Expired);
            }
        });
    }
    let confirm = {
        let (send, save, any, finish, id, contact, outside) = (
            send.clone(),
            save.clone(),
            any.clone(),
            finish.clone(),
            plan.id.clone(),
            is_contact(&plan),
            plan.origin.is_some(),
        );
        Callback::from(move |_: ()| {
            if busy {
                return;
            }
            desk.dispatch(DeskAction::Answering(id.clone()));
            let (send, save, any, finish, id) = (send.clone(), save.clone(), any.clone(), finish.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = if outside {
                    any.run(PlanConfirmAnyArgs { id }).await.map(|d| match &*d {
                        PlanDoneView::Sent(r) => Outcome::Sent(r.clone()),
                        PlanDoneView::Saved(c) => Outcome::Saved(c.clone()),
                        PlanDoneView::Other { hash } => Outcome::Other(hash.clone()),
                    })
                } else if contact {
                    save.run(ContactConfirmArgs { id }).await.map(|c| Outcome::Saved((*c).clone()))
                } else {
                    send.run(PlanConfirmArgs { id }).await.map(|r| Outcome::Sent((*r).clone()))
                };
                // An error stays on the card, with the card (a locked vault shows the
                // lock screen; the card is here again after unlocking).
                if let Ok(o) = outcome {
                    finish.emit(o);
                }
            });
        })
    };
    let cancel = drop_plan.reform(|_: ()| Outcome::Cancelled);
    // On the card, every error but a locked vault: the node's refusal, an unreachable
    // node, insufficient funds, an expired plan.
    let error = send
        .error()
        .or(save.error())
        .or(any.error())
        .filter(|e| e.code != ErrorCode::Locked)
        .map(|e| e.message.clone());
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
        PlanKind::Call { contract, function } if contract == "SFC" => match function.as_str() {
            "delegate" => "Stake (delegate)",
            "claimRewards" => "Claim staking rewards",
            "restakeRewards" => "Restake rewards",
            "undelegate" => "Undelegate",
            "withdraw" => "Withdraw unstaked S",
            _ => "Staking contract call",
        },
        PlanKind::Call { .. } => "Contract call",
        PlanKind::NftMint { .. } => "Mint an NFT",
        PlanKind::Contact { previous: Some(_), .. } => "Change a contact's address",
        PlanKind::Contact { previous: None, .. } => "Save a contact",
        PlanKind::DappCall { .. } => "Transaction requested by an app",
        PlanKind::SignMessage { .. } => "Sign a message",
        PlanKind::ConnectOrigin { .. } => "Connect a website",
        PlanKind::Swap(_) => "Swap",
        PlanKind::Wrap => "Wrap S",
        PlanKind::Unwrap => "Unwrap wS",
    };
    let proposer = origin_text(plan.origin.as_deref());
    let left = plan.expires_at.saturating_sub(*now);
    let details = match &plan.kind {
        PlanKind::Contact { name, previous } => html! {
            <dl>
                <dt>{ "Contact" }</dt><dd id="plan-contact">{ name }</dd>
                if let Some(old) = previous {
                    <dt>{ "Old address" }</dt><dd id="plan-previous">{ old }</dd>
                }
                <dt>{ if previous.is_some() { "New address" } else { "Address" } }</dt><dd id="plan-to">{ checksum(&plan.to) }</dd>
            </dl>
        },
        // No transaction: what the website may do once connected.
        PlanKind::ConnectOrigin { origin } => html! {
            <dl>
                <dt>{ "Website" }</dt><dd id="plan-site">{ origin }</dd>
                <dt>{ "It may" }</dt><dd>{ "see your accounts and propose transactions and signatures; each one is still confirmed here" }</dd>
            </dl>
        },
        // No transaction: the message as it will be signed.
        PlanKind::SignMessage { origin, method, message } => html! {
            <dl>
                <dt>{ "Asked by" }</dt><dd>{ origin }</dd>
                <dt>{ "Account" }</dt><dd>{ checksum(&plan.from) }</dd>
                <dt>{ "Method" }</dt><dd>{ method }</dd>
                <dt>{ "Message" }</dt><dd><pre id="plan-message">{ message }</pre></dd>
            </dl>
        },
        kind => {
            let to = match &plan.to_label {
                Some(name) => format!("{name} ({})", checksum(&plan.to)),
                None => checksum(&plan.to),
            };
            html! {
                <dl>
                    if let PlanKind::NftMint { name, image_file, image_bytes } = kind {
                        <dt>{ "Name" }</dt><dd id="plan-nft-name">{ name }</dd>
                        <dt>{ "Image" }</dt><dd id="plan-nft-image">{ match (image_file, image_bytes) {
                            (Some(f), Some(b)) => format!("{f} ({b} bytes)"),
                            (Some(f), None) => f.clone(),
                            _ => "none".into(),
                        } }</dd>
                    }
                    <dt>{ "Amount" }</dt><dd id="plan-amount">{ format!("{} {}", plan.amount, plan.asset) }</dd>
                    if let PlanKind::DappCall { method, decoded, .. } = kind {
                        <dt>{ "Call" }</dt><dd id="plan-call">{ format!("{method}: {decoded}") }</dd>
                    }
                    if let PlanKind::Swap(d) = kind {
                        <dt>{ "Route" }</dt><dd id="plan-route">{ format!("{} via {}", d.route, d.source) }</dd>
                        <dt>{ "Expected" }</dt><dd id="plan-expected">{ format!("{} {}", d.expected, d.buy_asset) }</dd>
                        <dt>{ "Minimum" }</dt><dd id="plan-minimum">{ format!("{} {} (slippage {})", d.minimum, d.buy_asset, bps_pct(d.slippage_bps)) }</dd>
                        <dt>{ "Price impact" }</dt><dd id="plan-impact">{ bps_pct(d.price_impact_bps) }</dd>
                        if let Some(fee) = d.pool_fee_bps {
                            <dt>{ "Pool fee" }</dt><dd>{ bps_pct(fee) }</dd>
                        }
                        <dt>{ "Approval" }</dt><dd id="plan-approve">{ match &d.approve {
                            Some(a) => format!("first approves the router for exactly {a} {}", plan.asset),
                            None => "none needed".to_string(),
                        } }</dd>
                    }
                    <dt>{ "To" }</dt><dd id="plan-to">{ to }</dd>
                    <dt>{ "From" }</dt><dd id="plan-from">{ checksum(&plan.from) }</dd>
                    <dt>{ "Fee" }</dt><dd>{ format!("about {} S (at most {} S)", format_units_short(plan.expected_fee, 18), format_units_short(plan.max_fee, 18)) }</dd>
                    <dt>{ "Network" }</dt><dd>{ format!("{} (chain {})", plan.network, plan.chain_id) }</dd>
                </dl>
            }
        }
    };
    let confirm_label = match (busy, is_contact(&plan)) {
        (true, true) => "Saving…",
        (true, false) => "Sending…",
        (false, true) => "Save",
        (false, false) => "Confirm",
    };
    html! {
        <div class="card plan-card" id="plan-card" tabindex="0" {onkeydown}>
            if let Some(who) = &proposer {
                <p class="origin" id="plan-origin">{ who }</p>
            }
            <h3>{ what }</h3>
            <p class="summary">{ &plan.summary }</p>
            { details }
            if !plan.risks.is_empty() {
                <ul class="risks">
                    { for plan.risks.iter().map(|r| html! { <li>{ r.message() }</li> }) }
                </ul>
            }
            <ErrorLine {error} />
            <p class="muted" id="plan-expiry">{ format!("Valid for {}:{:02}", left / 60, left % 60) }</p>
            <div class="actions">
                <button id="confirm-plan" class="primary" disabled={busy} onclick={confirm.reform(|_| ())}>
                    { confirm_label }
                </button>
                <button id="cancel-plan" disabled={busy} onclick={cancel.reform(|_| ())}>{ "Cancel" }</button>
            </div>
        </div>
    }
}

/// Basis points as a percentage (`50` => `0.50%`).
fn bps_pct(bps: u32) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

/// A line describing a send result.
pub(crate) fn result_line(r: &SendResult) -> String {
    match (r.status, r.block) {
        (TxState::Confirmed, Some(b)) => format!("Confirmed in block {b}: {}", r.hash),
        (TxState::Failed, _) => format!("Failed on chain: {}", r.hash),
        _ => format!("Sent, pending: {}", r.hash),
    }
}
