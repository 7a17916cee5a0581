//! DeFi: staking with Sonic's validators (the validators, the user's delegations with
//! their pending rewards and withdrawal requests, and Delegate / Claim / Restake /
//! Undelegate / Withdraw), swaps (sell, buy, amount, slippage), each a plan on this
//! page's one confirmation card, and the Sonic yield pools for an asset (project, APY
//! split into base and reward, TVL, with the source and its age).
//!
//! Pools are asked with `ipc::call` directly: an unreachable DefiLlama is not an
//! unreachable node, so it must not raise the offline banner.

use sonic_types::{
    ipc::{StakeOverviewArgs, StakePlanArgs, SwapPlanArgs, YieldsArgs},
    market::{as_of, pct_text, tvl_text, StakeAction, YieldsView},
    parse_units, IpcError,
};
use yew::prelude::*;

use crate::{
    components::{
        at_field, on_form,
        plan_card::{Finished, PlanCard},
        value_of, ErrorLine, FieldError,
    },
    hooks::{use_command, use_planner},
    ipc,
    state::{use_desk, use_live, DeskAction, Slot},
};

/// The validator id typed, if it is a number.
fn validator_id(text: &str) -> Option<u64> {
    text.trim().parse().ok()
}

/// The DeFi page: its card (a staking move or a swap) on top, then the sections.
#[function_component(Defi)]
pub(crate) fn defi() -> Html {
    let desk = use_desk();
    let notice = use_state(|| None::<String>);
    let on_done = {
        let (notice, desk) = (notice.clone(), desk.dispatcher());
        Callback::from(move |f: Finished| {
            notice.set(Some(f.line));
            desk.dispatch(DeskAction::Done(Slot::Defi, f.id));
        })
    };
    let clear = {
        let notice = notice.clone();
        Callback::from(move |_: ()| notice.set(None))
    };
    html! {
        <div class="defi">
            if let Some(p) = desk.card(Slot::Defi).cloned() {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            if let Some(n) = &*notice { <p class="notice" id="defi-notice">{ n }</p> }
            <Staking on_plan={clear.clone()} />
            <Swap on_plan={clear} />
            <Yields />
        </div>
    }
}

/// A section that asks for plans.
#[derive(Properties, PartialEq)]
struct SectionProps {
    /// Called when the section asks for a plan (the last outcome's line goes).
    on_plan: Callback<()>,
}

/// Slippage in basis points from a percentage typed (`0.5` => 50), exactly.
fn slippage_bps(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return None;
    }
    parse_units(t, 2).ok().and_then(|v| u32::try_from(v).ok())
}

/// The swap form.
#[function_component(Swap)]
fn swap(p: &SectionProps) -> Html {
    let planner = use_planner::<SwapPlanArgs>(Slot::Defi);
    let sell = use_state(|| "S".to_string());
    let buy = use_state(|| "USDC".to_string());
    let amount = use_state(String::new);
    let slippage = use_state(|| "0.5".to_string());
    let bad_slippage = use_state(|| false);
    let submit = {
        let (planner, sell, buy, amount, slippage, bad_slippage, on_plan) = (
            planner.clone(),
            sell.clone(),
            buy.clone(),
            amount.clone(),
            slippage.clone(),
            bad_slippage.clone(),
            p.on_plan.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let bps = slippage_bps(&slippage);
            if bps.is_none() && !slippage.trim().is_empty() {
                bad_slippage.set(true);
                return;
            }
            bad_slippage.set(false);
            on_plan.emit(());
            let args = SwapPlanArgs {
                sell: sell.trim().to_string(),
                buy: buy.trim().to_string(),
                amount: amount.trim().to_string(),
                slippage_bps: bps,
            };
            planner.plan(args, || {});
        })
    };
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(value_of(&e)))
    };
    let error = planner.command().error();
    html! {
        <form class="card swap" id="swap-form" onsubmit={submit}>
            <h3>{ "Swap" }</h3>
            <label>{ "Sell" }<input id="swap-sell" value={(*sell).clone()} oninput={input(&sell)} /></label>
            <label>{ "Buy" }<input id="swap-buy" value={(*buy).clone()} oninput={input(&buy)} /></label>
            <label>{ "Amount (or max, 50%)" }<input id="swap-amount" value={(*amount).clone()} oninput={input(&amount)} /></label>
            <label>{ "Slippage %" }<input id="swap-slippage" value={(*slippage).clone()} oninput={input(&slippage)} /></label>
            if *bad_slippage {
                <p class="error field-error" id="swap-slippage-error">{ "Slippage is a percentage with at most two decimals (0.5)." }</p>
            }
            <FieldError id="swap-error" error={at_field(error, |_| true)} />
            <ErrorLine error={on_form(error)} />
            <ErrorLine error={planner.waiting()} />
            <button id="swap-review" class="primary" type="submit" disabled={planner.command().loading()}>{ "Review swap" }</button>
        </form>
    }
}

/// Validators, delegations and the staking moves.
#[function_component(Staking)]
fn staking(p: &SectionProps) -> Html {
    let refresh = use_live().changes;
    let overview = use_command::<StakeOverviewArgs>();
    let planner = use_planner::<StakePlanArgs>(Slot::Defi);
    let validator = use_state(|| "1".to_string());
    let amount = use_state(String::new);
    let notice = use_state(|| None::<String>);
    {
        let overview = overview.clone();
        use_effect_with(refresh, move |_| overview.start(StakeOverviewArgs {}));
    }
    let plan = {
        let (planner, notice, on_plan) = (planner.clone(), notice.clone(), p.on_plan.clone());
        Callback::from(move |action: StakeAction| {
            notice.set(None);
            on_plan.emit(());
            planner.plan(StakePlanArgs { action }, || {});
        })
    };
    let with_validator = |make: fn(u64, String) -> StakeAction| {
        let (validator, amount, plan, notice) = (validator.clone(), amount.clone(), plan.clone(), notice.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            match validator_id(&validator) {
                Some(v) => plan.emit(make(v, amount.trim().to_string())),
                None => notice.set(Some("Give the validator's id (a number).".into())),
            }
        })
    };
    let error = planner.command().error();
    let data = overview.data();
    html! {
        <div class="card staking" id="staking">
            <h3>{ "Staking" }</h3>
            { match (data, overview.error()) {
                (None, Some(e)) => html! { <p class="error" id="stake-error">{ &e.message }</p> },
                (None, None) => html! { <p class="muted">{ "Loading…" }</p> },
                (Some(o), _) => html! {
                    <>
                        <h4>{ "Validators" }</h4>
                        <table class="validators" id="validators">
                            <tr><th>{ "Id" }</th><th>{ "Status" }</th><th>{ "Stake (S)" }</th></tr>
                            { for o.validators.iter().map(|v| {
                                let pick = { let validator = validator.clone(); let id = v.id; Callback::from(move |_| validator.set(id.to_string())) };
                                html! {
                                    <tr class={classes!("validator", (!v.active).then_some("inactive"))} id={format!("validator-{}", v.id)} onclick={pick}>
                                        <td>{ v.id }</td><td>{ &v.status }</td><td>{ &v.stake }</td>
                                    </tr>
                                }
                            }) }
                        </table>
                        <h4>{ "My delegations" }</h4>
                        if o.delegations.is_empty() {
                            <p class="muted" id="delegations">{ "No delegations yet." }</p>
                        } else {
                            <table class="delegations" id="delegations">
                                <tr><th>{ "Validator" }</th><th>{ "Staked (S)" }</th><th>{ "Rewards (S)" }</th><th>{ "Withdrawal requests" }</th><th></th></tr>
                                { for o.delegations.iter().map(|d| {
                                    let v = d.validator;
                                    let claim = { let plan = plan.clone(); Callback::from(move |_| plan.emit(StakeAction::Claim { validator: v })) };
                                    let restake = { let plan = plan.clone(); Callback::from(move |_| plan.emit(StakeAction::Restake { validator: v })) };
                                    let now = ipc::now_secs();
                                    html! {
                                        <tr class="delegation" id={format!("delegation-{v}")}>
                                            <td>{ v }</td>
                                            <td class="stake">{ &d.stake }</td>
                                            <td class="rewards">{ &d.pending_rewards }</td>
                                            <td>
                                                { for d.requests.iter().map(|r| {
                                                    let id = r.id;
                                                    let withdraw = { let plan = plan.clone(); Callback::from(move |_| plan.emit(StakeAction::Withdraw { validator: v, request: id })) };
                                                    let when = if r.withdrawable_at <= now { "withdrawable now".to_string() } else { format!("locked until {} UTC", sonic_types::time::utc_date_time(r.withdrawable_at)) };
                                                    html! {
                                                        <div class="request" id={format!("request-{v}-{id}")}>
                                                            { format!("#{id}: {} S, {when} ", r.amount) }
                                                            <button class="link" id={format!("withdraw-{v}-{id}")} onclick={withdraw}>{ "Withdraw" }</button>
                                                        </div>
                                                    }
                                                }) }
                                            </td>
                                            <td>
                                                <button id={format!("claim-{v}")} onclick={claim}>{ "Claim" }</button>
                                                <button id={format!("restake-{v}")} onclick={restake}>{ "Restake" }</button>
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </table>
                        }
                    </>
                },
            } }
            <ErrorLine error={planner.waiting()} />
            if let Some(n) = &*notice { <p class="error" id="stake-notice">{ n }</p> }
            <form class="stake-form" id="stake-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ "Validator" }<input id="stake-validator" value={(*validator).clone()}
                    oninput={let v = validator.clone(); Callback::from(move |e| v.set(value_of(&e)))} /></label>
                <label>{ "Amount of S" }<input id="stake-amount" value={(*amount).clone()}
                    oninput={let a = amount.clone(); Callback::from(move |e| a.set(value_of(&e)))} /></label>
                <FieldError id="stake-amount-error" error={at_field(error, |_| true)} />
                <ErrorLine error={on_form(error)} />
                <div class="actions">
                    <button id="stake-delegate" class="primary" disabled={planner.command().loading()}
                        onclick={with_validator(|validator, amount| StakeAction::Delegate { validator, amount })}>{ "Delegate" }</button>
                    <button id="stake-undelegate" disabled={planner.command().loading()}
                        onclick={with_validator(|validator, amount| StakeAction::Undelegate { validator, amount })}>{ "Undelegate" }</button>
                </div>
            </form>
        </div>
    }
}

/// Sonic pools for an asset, highest APY first.
#[function_component(Yields)]
fn yields() -> Html {
    let asset = use_state(String::new);
    let pools = use_state(|| None::<Result<YieldsView, IpcError>>);
    let ask = {
        let pools = pools.clone();
        Callback::from(move |asset: String| {
            let pools = pools.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let asset = Some(asset.trim().to_string()).filter(|a| !a.is_empty());
                pools.set(Some(ipc::call(YieldsArgs { asset, limit: Some(20) }).await));
            });
        })
    };
    {
        let ask = ask.clone();
        use_effect_with((), move |_| ask.emit(String::new()));
    }
    let submit = {
        let (asset, ask) = (asset.clone(), ask.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            ask.emit((*asset).clone());
        })
    };
    let now = ipc::now_secs();
    html! {
        <div class="card yields" id="yields">
            <h3>{ "Yields on Sonic" }</h3>
            <form class="inline" onsubmit={submit}>
                <label>{ "Asset (empty for all)" }<input id="yields-asset" placeholder="S, USDC…" value={(*asset).clone()}
                    oninput={let a = asset.clone(); Callback::from(move |e| a.set(value_of(&e)))} /></label>
                <button id="yields-show" type="submit">{ "Show" }</button>
            </form>
            { match &*pools {
                None => html! { <p class="muted">{ "Loading…" }</p> },
                Some(Err(e)) => html! { <p class="error" id="yields-error">{ format!("Yields unavailable: {}", e.message) }</p> },
                Some(Ok(y)) if y.pools.is_empty() => html! {
                    <p class="muted" id="yields-empty">{ "No Sonic pool with at least $10,000 locked holds that asset." }</p>
                },
                Some(Ok(y)) => html! {
                    <>
                        <table class="pools" id="pools">
                            <tr><th>{ "Project" }</th><th>{ "Pool" }</th><th>{ "APY" }</th><th>{ "Base" }</th><th>{ "Reward" }</th><th>{ "TVL" }</th></tr>
                            { for y.pools.iter().map(|p| html! {
                                <tr class="pool">
                                    <td class="project">{ &p.project }</td>
                                    <td>{ &p.symbol }</td>
                                    <td class="apy">{ format!("{:.2}%", p.apy) }</td>
                                    <td>{ pct_text(p.apy_base) }</td>
                                    <td>{ pct_text(p.apy_reward) }</td>
                                    <td>{ tvl_text(p.tvl_usd) }</td>
                                </tr>
                            }) }
                        </table>
                        <p class="muted" id="yields-source">{ format!("Source: {}, {}. For information only.", source_name(&y.source), as_of(y.at, now)) }</p>
                    </>
                },
            } }
        </div>
    }
}

/// The source's name as shown.
fn source_name(source: &str) -> &str {
    if source == "defillama" {
        "DefiLlama"
    } else {
        source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slippage_is_read_exactly() {
        assert_eq!(slippage_bps("0.5"), Some(50));
        assert_eq!(slippage_bps("1%"), Some(100));
        assert_eq!(slippage_bps(" 0.05 "), Some(5));
        assert_eq!(slippage_bps(""), None);
        assert_eq!(slippage_bps("0.005"), None, "finer than a basis point");
        assert_eq!(slippage_bps("abc"), None);
    }
}
