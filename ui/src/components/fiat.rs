//! USD values beside balances: the prices of the assets shown (asked once, again
//! every minute), each value with its price's age ("as of 2 min ago"), marked stale
//! after 5 minutes, and "price unavailable" when the source has none or cannot be
//! reached. The values are for display only; the balances stay exact.
//!
//! Prices are asked with `ipc::call` directly: an unreachable price source is not an
//! unreachable node, so it must not raise the offline banner.

use sonic_types::{
    dto::Balance,
    ipc::PricesArgs,
    market::{as_of, fiat_value, is_stale, usd_text, PriceView},
};
use yew::prelude::*;

use crate::ipc;

/// What is known of the prices of the balances shown.
#[derive(Clone, PartialEq)]
pub(crate) enum Prices {
    /// Not asked yet.
    Loading,
    /// One entry per asset asked (`None`: no price for it).
    Known(Vec<(String, Option<PriceView>)>),
    /// The source could not be asked.
    Unavailable,
}

impl Prices {
    /// The price of an asset, if known.
    pub(crate) fn of(&self, asset: &str) -> Option<&PriceView> {
        match self {
            Prices::Known(list) => list.iter().find(|(a, _)| a == asset).and_then(|(_, p)| p.as_ref()),
            _ => None,
        }
    }
}

/// The prices of `assets`, with the time now (for their ages), kept fresh.
#[hook]
pub(crate) fn use_prices(assets: Vec<String>) -> (Prices, u64) {
    let prices = use_state(|| Prices::Loading);
    let now = use_state(ipc::now_secs);
    let round = use_state(|| 0u32);
    {
        let (now, round) = (now.clone(), round.clone());
        use_effect_with((), move |_| {
            let ticker = ipc::every(60_000, move || {
                now.set(ipc::now_secs());
                round.set(round.wrapping_add(1));
            });
            move || drop(ticker)
        });
    }
    {
        let prices = prices.clone();
        use_effect_with((assets, *round), move |(assets, _)| {
            let assets = assets.clone();
            if !assets.is_empty() {
                wasm_bindgen_futures::spawn_local(async move {
                    match ipc::call(PricesArgs { assets: assets.clone() }).await {
                        Ok(v) => prices.set(Prices::Known(assets.into_iter().zip(v.prices).collect())),
                        Err(_) => prices.set(Prices::Unavailable),
                    }
                });
            }
        });
    }
    ((*prices).clone(), *now)
}

/// A price's age, stale marked.
fn age(p: &PriceView, now: u64) -> Html {
    if is_stale(p.at, now) {
        html! { <span class="age stale" title={format!("source: {}", p.source)}>{ format!("stale: {}", as_of(p.at, now)) }</span> }
    } else {
        html! { <span class="age muted" title={format!("source: {}", p.source)}>{ as_of(p.at, now) }</span> }
    }
}

/// The USD value of one balance, or why there is none.
pub(crate) fn fiat_cell(b: &Balance, prices: &Prices, now: u64) -> Html {
    let id = format!("fiat-{}", b.asset);
    match (prices, prices.of(&b.asset)) {
        (_, Some(p)) => html! {
            <td class="fiat" {id}>{ usd_text(fiat_value(b.raw, b.decimals, p.usd)) }{ " " }{ age(p, now) }</td>
        },
        (Prices::Loading, None) => html! { <td class="fiat muted" {id}>{ "…" }</td> },
        _ => html! { <td class="fiat muted" {id}>{ "price unavailable" }</td> },
    }
}

/// The total USD value of the balances that have a price, with the oldest price's age.
pub(crate) fn total_line(balances: &[Balance], prices: &Prices, now: u64) -> Html {
    if matches!(prices, Prices::Loading) {
        return html! {};
    }
    let priced: Vec<(&Balance, &PriceView)> =
        balances.iter().filter_map(|b| prices.of(&b.asset).map(|p| (b, p))).collect();
    if priced.is_empty() {
        return html! { <p class="muted" id="portfolio-total">{ "Total value: price unavailable" }</p> };
    }
    let total: f64 = priced.iter().map(|(b, p)| fiat_value(b.raw, b.decimals, p.usd)).sum();
    let oldest = priced.iter().map(|(_, p)| p).min_by_key(|p| p.at).copied();
    let missing = balances.len() - priced.len();
    html! {
        <p class="total" id="portfolio-total">
            { format!("Total value {}", usd_text(total)) }
            if missing > 0 {
                { format!(" ({missing} without a price, not counted)") }
            }
            { " " }
            if let Some(p) = oldest { { age(p, now) } }
        </p>
    }
}
