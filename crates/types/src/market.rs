//! Market data and staking as the desktop app shows them: USD prices with their source
//! and age, Sonic yield pools, validators and the user's delegations, and the staking
//! moves the DeFi page asks plans for. Prices, APYs and fiat values are `f64` for
//! display only; every amount is an exact decimal string with its base units.

use alloy_primitives::U256;
use serde::{Deserialize, Serialize};

use crate::format_units;

/// A price older than this many seconds is marked stale.
pub const STALE_AFTER_SECS: u64 = 5 * 60;

/// The USD price of one asset (display only: never used for an amount).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PriceView {
    /// The asset as asked (`S`, a symbol or a token address).
    pub asset: String,
    /// USD per whole unit.
    pub usd: f64,
    /// The source's name (`defillama`).
    pub source: String,
    /// When the source took the quote (Unix seconds).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub at: u64,
}

/// The prices of the assets asked, in their order: `None` where the source has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PricesView {
    /// One entry per asset asked.
    pub prices: Vec<Option<PriceView>>,
}

/// One Sonic pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PoolView {
    /// The protocol (`beets`, `aave-v3`).
    pub project: String,
    /// The pool's assets (`WS-USDC`).
    pub symbol: String,
    /// Total APY, percent.
    pub apy: f64,
    /// Base APY (fees, interest), percent, when the source splits it.
    pub apy_base: Option<f64>,
    /// Reward APY (incentive tokens), percent, when the source splits it.
    pub apy_reward: Option<f64>,
    /// Total value locked, USD.
    pub tvl_usd: f64,
    /// The source's pool id.
    pub pool: String,
}

/// Sonic pools with the time the source gave them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct YieldsView {
    /// Highest APY first.
    pub pools: Vec<PoolView>,
    /// The source's name (`defillama`).
    pub source: String,
    /// When the list was read from the source (Unix seconds).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub at: u64,
}

/// One validator of the SFC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ValidatorView {
    /// The validator's id.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub id: u64,
    /// Whether it accepts delegations.
    pub active: bool,
    /// "active", or what its status says (`withdrawn`, `offline`...).
    pub status: String,
    /// The stake it received, in S (exact decimal).
    pub stake: String,
}

/// A withdrawal request of the user's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WithdrawalView {
    /// The request id.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub id: u64,
    /// Amount in S (exact decimal).
    pub amount: String,
    /// When it can be withdrawn (Unix seconds).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub withdrawable_at: u64,
}

/// The user's position with one validator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DelegationView {
    /// The validator's id.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub validator: u64,
    /// Staked, in S (exact decimal).
    pub stake: String,
    /// Staked, in wei.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub stake_raw: U256,
    /// Rewards that can be claimed or restaked, in S (exact decimal).
    pub pending_rewards: String,
    /// Open withdrawal requests.
    pub requests: Vec<WithdrawalView>,
}

/// The validators and the user's delegations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StakeOverview {
    /// Every validator.
    pub validators: Vec<ValidatorView>,
    /// The user's positions.
    pub delegations: Vec<DelegationView>,
}

/// A staking move to plan (shown as a card; nothing is signed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum StakeAction {
    /// Delegates `amount` S to `validator`.
    Delegate {
        /// The validator's id.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        validator: u64,
        /// Exact decimal S.
        amount: String,
    },
    /// Claims the rewards from `validator`.
    Claim {
        /// The validator's id.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        validator: u64,
    },
    /// Adds the rewards from `validator` to the stake with it.
    Restake {
        /// The validator's id.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        validator: u64,
    },
    /// Undelegates `amount` S from `validator` (a withdrawal request).
    Undelegate {
        /// The validator's id.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        validator: u64,
        /// Exact decimal S.
        amount: String,
    },
    /// Withdraws request `request` from `validator` once its lock is over.
    Withdraw {
        /// The validator's id.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        validator: u64,
        /// The request id.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        request: u64,
    },
}

/// The USD value of `raw` base units at `usd` per whole unit, for display only: the
/// amount is read from its exact decimal text, and the figure is never used as an
/// amount.
pub fn fiat_value(raw: U256, decimals: u8, usd: f64) -> f64 {
    format_units(raw, decimals).parse::<f64>().unwrap_or(0.0) * usd
}

/// A USD figure for display with thousands separators: `$5,000.00`; below $1, four
/// significant digits (`$0.4321`).
pub fn usd_text(usd: f64) -> String {
    if !usd.is_finite() || usd <= 0.0 {
        return "$0.00".into();
    }
    if usd < 1.0 {
        let decimals = (3 - usd.log10().floor() as i32).clamp(2, 12) as usize;
        return format!("${usd:.decimals$}");
    }
    let cents = format!("{usd:.2}");
    let (whole, frac) = cents.split_once('.').unwrap_or((&cents, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("${grouped}.{frac}")
}

/// How long ago a figure taken at `at` is: `as of 2 min ago`, `as of just now`.
pub fn as_of(at: u64, now: u64) -> String {
    let secs = now.saturating_sub(at);
    match secs {
        0..=59 => "as of just now".into(),
        60..=3599 => format!("as of {} min ago", secs / 60),
        3600..=86_399 => format!("as of {} h ago", secs / 3600),
        _ => format!("as of {} days ago", secs / 86_400),
    }
}

/// Whether a price taken at `at` is too old to be shown as current.
pub fn is_stale(at: u64, now: u64) -> bool {
    now.saturating_sub(at) > STALE_AFTER_SECS
}

/// A percentage for display (`18.40%`), a dash when the source gives none.
pub fn pct_text(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}%")).unwrap_or_else(|| "–".into())
}

/// A TVL for display (`$1.25M`, `$40.0k`).
pub fn tvl_text(usd: f64) -> String {
    match usd {
        u if u >= 1e9 => format!("${:.2}B", u / 1e9),
        u if u >= 1e6 => format!("${:.2}M", u / 1e6),
        u if u >= 1e3 => format!("${:.1}k", u / 1e3),
        u => format!("${u:.0}"),
    }
}

/// Who proposed a plan, for its card: `Proposed by MCP assistant`, `Proposed by
/// https://app.example via the signer`. `None` for a plan made in this window.
pub fn origin_text(origin: Option<&str>) -> Option<String> {
    let o = origin?.trim();
    Some(match o {
        "" => return None,
        "cli" => "Proposed by the sonic command line".into(),
        "mcp" => "Proposed by MCP assistant".into(),
        "signer" => "Proposed by a local program via the signer".into(),
        "app" => "Proposed in this app before a reload".into(),
        other => match other.strip_prefix("signer:") {
            Some(web) => format!("Proposed by {web} via the signer"),
            None => format!("Proposed by {other}"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_figures_read_well() {
        assert_eq!(usd_text(5000.0), "$5,000.00");
        assert_eq!(usd_text(1_234_567.891), "$1,234,567.89");
        assert_eq!(usd_text(12.5), "$12.50");
        assert_eq!(usd_text(999.999), "$1,000.00");
        assert_eq!(usd_text(0.4321), "$0.4321");
        assert_eq!(usd_text(0.0), "$0.00");
        assert_eq!(usd_text(f64::NAN), "$0.00");
    }

    #[test]
    fn fiat_values_come_from_the_exact_amount() {
        let ten_thousand = U256::from(10_000u64) * U256::from(10u64).pow(U256::from(18u64));
        assert_eq!(fiat_value(ten_thousand, 18, 0.5), 5000.0);
        assert_eq!(fiat_value(U256::from(1_500_000u64), 6, 2.0), 3.0);
    }

    #[test]
    fn ages_and_staleness() {
        assert_eq!(as_of(100, 130), "as of just now");
        assert_eq!(as_of(100, 220), "as of 2 min ago");
        assert_eq!(as_of(0, 7200), "as of 2 h ago");
        assert_eq!(as_of(500, 100), "as of just now");
        assert!(!is_stale(0, STALE_AFTER_SECS));
        assert!(is_stale(0, STALE_AFTER_SECS + 1));
    }

    #[test]
    fn origins_are_said_plainly() {
        assert_eq!(origin_text(Some("mcp")).as_deref(), Some("Proposed by MCP assistant"));
        assert_eq!(
            origin_text(Some("signer:https://app.example")).as_deref(),
            Some("Proposed by https://app.example via the signer")
        );
        assert_eq!(origin_text(Some("cli")).as_deref(), Some("Proposed by the sonic command line"));
        assert_eq!(origin_text(None), None);
    }

    #[test]
    fn stake_actions_have_their_wire_form() {
        let a: StakeAction =
            serde_json::from_str(r#"{"action":"delegate","validator":1,"amount":"100"}"#).expect("json");
        assert_eq!(a, StakeAction::Delegate { validator: 1, amount: "100".into() });
    }
}

/// One asset held on one day of a portfolio series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HoldingView {
    /// The asset's symbol (`S`, `USDC`).
    pub asset: String,
    /// The balance at the day's end, exact decimal.
    pub amount: String,
    /// The balance in base units, reconstructed from the history.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub raw: U256,
    /// The asset's decimals.
    pub decimals: u8,
    /// The USD price used for that day (display only); `None`: no price that day.
    pub price: Option<f64>,
    /// `raw` at `price`, USD (display only); `None` when unpriced.
    pub usd: Option<f64>,
}

/// One day of a portfolio series.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PortfolioDay {
    /// The day's end (Unix seconds, UTC); for today, the time the series was made.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub at: u64,
    /// The day, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// The sum of the priced holdings, USD (display only).
    pub total_usd: f64,
    /// Every asset held that day (a non-zero balance).
    pub holdings: Vec<HoldingView>,
    /// Assets held that day with no price for it: left out of `total_usd`.
    pub unpriced: Vec<String>,
}

/// The value of an account's holdings at each day's end, oldest first, from its
/// indexed history and the source's daily prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PortfolioView {
    /// One entry per day, oldest first; the last is today, now.
    pub days: Vec<PortfolioDay>,
    /// Assets held at some point of the period that the source has no price for.
    pub unpriced: Vec<String>,
    /// The prices' source (`defillama`).
    pub source: String,
    /// When the prices were read from the source (Unix seconds).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub at: u64,
    /// Whether network fees of the account's own transactions are accounted for in
    /// past balances (they are not: records carry no fee, so past balances before a
    /// send are low by its fee).
    pub fees_included: bool,
}
