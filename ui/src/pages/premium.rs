//! Premium: the default account's subscription (active or not, its end date), the price
//! and period read from the contract, "not deployed on this network yet" where the
//! contract has no code, and Purchase, which raises this page's confirmation card.

use sonic_types::{
    amount::format_units,
    ipc::{PremiumPlanArgs, PremiumStatusArgs},
    NATIVE_DECIMALS,
};
use yew::prelude::*;

use crate::{
    components::{
        on_form,
        plan_card::{Finished, PlanCard},
        ErrorLine,
    },
    hooks::{use_command, use_planner},
    ipc,
    state::{use_desk, use_live, DeskAction, Slot},
};

/// The Premium page.
#[function_component(Premium)]
pub(crate) fn premium() -> Html {
    let refresh = use_live().changes;
    let desk = use_desk();
    let status = use_command::<PremiumStatusArgs>();
    let planner = use_planner::<PremiumPlanArgs>(Slot::Premium);
    let notice = use_state(|| None::<String>);
    {
        let status = status.clone();
        use_effect_with(refresh, move |_| status.start(PremiumStatusArgs {}));
    }
    let on_done = {
        let (notice, desk, status) = (notice.clone(), desk.dispatcher(), status.clone());
        Callback::from(move |f: Finished| {
            notice.set(Some(f.line));
            desk.dispatch(DeskAction::Done(Slot::Premium, f.id));
            status.start(PremiumStatusArgs {});
        })
    };
    let purchase = {
        let (planner, notice) = (planner.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            notice.set(None);
            planner.plan(PremiumPlanArgs {}, || {});
        })
    };
    let body = match status.data() {
        None if status.loading() => html! { <p class="muted">{ "Reading the subscription…" }</p> },
        None => html! {},
        Some(None) => html! {
            <>
                <p id="premium-not-deployed">{ "Smart Sonic Premium is not deployed on this network yet." }</p>
                <p class="muted" id="premium-how-to-deploy">
                    { "Its contracts have the same addresses on every network: anyone can deploy them with " }
                    <code>{ "sonic contracts deploy --create2" }</code>
                    { ", through the deterministic deployment factory at 0x4e59b44847b379578588920ca78fbf26c0b4956c. \
                       Where a network lacks that factory, deploy it first with its presigned transaction \
                       (github.com/Arachnid/deterministic-deployment-proxy); the command says so when it is missing." }
                </p>
            </>
        },
        Some(Some(s)) => {
            let state = match (s.active, s.end) {
                (true, Some(end)) => format!("Active until {}", ipc::date_time(end)),
                (false, Some(end)) => format!("Expired on {}", ipc::date_time(end)),
                _ => "Not subscribed".to_string(),
            };
            let label = if s.active { "Renew (one more period)" } else { "Purchase" };
            html! {
                <>
                    <p id="premium-state" class={classes!(s.active.then_some("active"))}>{ state }</p>
                    if let Some(end) = s.end {
                        <p class="muted">{ "End (Unix time): " }<span id="premium-end">{ end }</span></p>
                    }
                    <p id="premium-price">
                        { format!("{} S per {} days", format_units(s.price, NATIVE_DECIMALS), s.period / 86_400) }
                    </p>
                    <button id="premium-purchase" class="primary" onclick={purchase} disabled={planner.command().loading()}>{ label }</button>
                </>
            }
        }
    };
    html! {
        <div class="premium">
            if let Some(p) = desk.card(Slot::Premium).cloned() {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            if let Some(n) = &*notice { <p class="notice" id="premium-notice">{ n }</p> }
            <div class="card">
                <h3>{ "Smart Sonic Premium" }</h3>
                { body }
                <ErrorLine error={on_form(status.error())} />
                <ErrorLine error={on_form(planner.command().error())} />
                <ErrorLine error={planner.waiting()} />
            </div>
        </div>
    }
}
