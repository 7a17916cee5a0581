//! Staking with Sonic's SFC (0xFC00FACE…): validators, the user's delegations, pending
//! rewards and withdrawal requests read on chain, and every move (delegate, claim,
//! restake, undelegate, withdraw) planned through the plan/confirm gate like a send.

use alloy::{
    primitives::{Address, Bytes, U256},
    sol_types::{SolCall, SolInterface},
};
use serde::Serialize;
use sonic_chain::contracts::{SfcStandIn as Sfc, SFC_ADDRESS};
use sonic_types::{dto::Plan, dto::PlanKind, format_units, parse_units, time::utc_date_time, NATIVE_DECIMALS};

use crate::{engine::Engine, plan::now_secs, Error, Result};

/// At most this many validators are listed (Sonic has a few dozen).
const MAX_VALIDATORS: u64 = 200;
/// Withdrawal request ids looked at per validator: this wallet numbers its requests
/// from 0, taking the lowest free id.
const REQUEST_IDS: u64 = 16;
/// The SFC's status of an active validator; any other value has a flag set
/// (withdrawn, offline, double-sign...).
const OK_STATUS: u64 = 0;

/// One validator as the SFC reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidatorInfo {
    /// The validator's id.
    pub id: u64,
    /// Whether it accepts delegations (status OK).
    pub active: bool,
    /// The SFC's raw status (0: active; bits: withdrawn, offline, cheater...).
    pub status: u64,
    /// Total stake it received, in wei.
    pub stake: U256,
}

impl ValidatorInfo {
    /// "active" or what its status says.
    pub fn status_text(&self) -> String {
        status_text(self.status)
    }
}

/// A withdrawal request of the user's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WithdrawalInfo {
    /// The validator it was undelegated from.
    pub validator: u64,
    /// The request id (`--request`).
    pub id: u64,
    /// Amount in wei.
    pub amount: U256,
    /// When it was made (unix seconds).
    pub requested_at: u64,
    /// When it can be withdrawn (unix seconds).
    pub withdrawable_at: u64,
}

impl WithdrawalInfo {
    /// "request 0: 40 S, withdrawable from 2026-12-11 09:00 UTC".
    pub fn line(&self) -> String {
        let when = if self.withdrawable_at <= now_secs() {
            "withdrawable now".to_string()
        } else {
            format!("withdrawable from {} UTC", utc_date_time(self.withdrawable_at))
        };
        format!("request {}: {} S, {when}", self.id, format_units(self.amount, NATIVE_DECIMALS))
    }
}

/// The user's position with one validator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delegation {
    /// The validator's id.
    pub validator: u64,
    /// Staked amount, in wei.
    pub stake: U256,
    /// Rewards that can be claimed or restaked, in wei.
    pub pending_rewards: U256,
    /// Open withdrawal requests.
    pub requests: Vec<WithdrawalInfo>,
}

/// The user's staking: one entry per validator with a stake, rewards or a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StakeStatus {
    /// The delegating account.
    pub account: Address,
    /// The positions.
    pub delegations: Vec<Delegation>,
}

/// An undelegation plan and the request id it will create.
#[derive(Debug, Clone)]
pub struct UndelegatePlan {
    /// The plan to confirm.
    pub plan: Plan,
    /// The withdrawal request id it uses (for `withdraw --request`).
    pub request: u64,
}

/// Words for an SFC validator status.
fn status_text(status: u64) -> String {
    let flags: [(u64, &str); 4] =
        [(1, "withdrawn"), (1 << 3, "offline"), (1 << 7, "double-signed"), (1 << 8, "flagged")];
    if status == OK_STATUS {
        return "active".into();
    }
    let named: Vec<&str> = flags.iter().filter(|(bit, _)| status & bit != 0).map(|(_, n)| *n).collect();
    if named.is_empty() {
        format!("inactive (status {status})")
    } else {
        named.join(", ")
    }
}

/// An amount of S from the user: a positive decimal with at most 18 places.
fn amount_of(text: &str) -> Result<U256> {
    let raw = parse_units(text.trim(), NATIVE_DECIMALS).map_err(|e| Error::Invalid(format!("amount '{text}': {e}")))?;
    if raw.is_zero() {
        return Err(Error::Invalid("the amount must be more than 0 S".into()));
    }
    Ok(raw)
}

fn to_u64(v: U256) -> u64 {
    v.try_into().unwrap_or(u64::MAX)
}

/// The words for an SFC error, when the revert data is one of them.
fn sfc_error_text(data: &[u8]) -> Option<&'static str> {
    use Sfc::SfcStandInErrors as E;
    Some(match E::abi_decode(data).ok()? {
        E::ValidatorNotExists(_) => "that validator does not exist",
        E::ValidatorNotActive(_) => "that validator is not active",
        E::ZeroAmount(_) => "the amount must be more than 0 S",
        E::ZeroRewards(_) => "there are no rewards to take",
        E::NotEnoughUnlockedStake(_) => "that is more than your stake with this validator",
        E::RequestExists(_) => "that withdrawal request id is already used",
        E::RequestNotExists(_) => "there is no such withdrawal request",
        E::NotEnoughTimePassed(_) => "the lock period of this request is not over yet",
        E::NotAuthorized(_) => "not allowed",
        E::TransferFailed(_) => "the payout failed",
    })
}

/// Turns a simulation that reverted with an SFC error into a readable refusal.
fn readable(e: Error) -> Error {
    if let Error::Chain(sonic_chain::Error::Reverted(m)) = &e {
        let hex = m.rsplit("0x").next().unwrap_or_default();
        if let Some(text) = alloy::hex::decode(hex.trim()).ok().as_deref().and_then(sfc_error_text) {
            return Error::Chain(sonic_chain::Error::Reverted(format!("the staking contract refused: {text}")));
        }
    }
    e
}

impl Engine {
    fn sfc_err(e: alloy::contract::Error) -> Error {
        Error::contract("SFC", e)
    }

    /// Whether the active network has the SFC (a contract at 0xFC00FACE…).
    async fn sfc_present(&self) -> Result<()> {
        let chain = self.chain().await?;
        if chain.is_contract(SFC_ADDRESS).await? {
            Ok(())
        } else {
            Err(Error::NotFound("this network has no staking contract (SFC) at 0xFC00FACE…".into()))
        }
    }

    /// One validator, or `NotFound` for an unknown id.
    pub async fn stake_validator(&self, id: u64) -> Result<ValidatorInfo> {
        self.sfc_present().await?;
        let chain = self.chain().await?;
        let v =
            Sfc::new(SFC_ADDRESS, chain.provider()).getValidator(U256::from(id)).call().await.map_err(Self::sfc_err)?;
        if v.createdTime.is_zero() {
            return Err(Error::NotFound(format!("there is no validator {id}")));
        }
        Ok(ValidatorInfo {
            id,
            active: to_u64(v.status) == OK_STATUS,
            status: to_u64(v.status),
            stake: v.receivedStake,
        })
    }

    /// Every validator with its status and stake (ids 1 to the last, at most 200).
    pub async fn stake_validators(&self) -> Result<Vec<ValidatorInfo>> {
        self.sfc_present().await?;
        let chain = self.chain().await?;
        let sfc = Sfc::new(SFC_ADDRESS, chain.provider());
        let last = to_u64(sfc.lastValidatorID().call().await.map_err(Self::sfc_err)?).min(MAX_VALIDATORS);
        let mut out = Vec::new();
        for id in 1..=last {
            match self.stake_validator(id).await {
                Ok(v) => out.push(v),
                Err(Error::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Seconds between an undelegation and its withdrawal, from the SFC's constants.
    async fn withdrawal_period(&self) -> Result<u64> {
        let chain = self.chain().await?;
        let consts = Sfc::new(SFC_ADDRESS, chain.provider()).constsAddress().call().await.map_err(Self::sfc_err)?;
        let period = Sfc::new(consts, chain.provider()).withdrawalPeriodTime().call().await.map_err(Self::sfc_err)?;
        Ok(to_u64(period))
    }

    /// The user's withdrawal request `id` with `validator` (`None`: there is none).
    pub async fn stake_request(&self, validator: u64, id: u64) -> Result<Option<WithdrawalInfo>> {
        self.sfc_present().await?;
        let chain = self.chain().await?;
        let me = self.resolve_account(None).await?.address;
        let r = Sfc::new(SFC_ADDRESS, chain.provider())
            .getWithdrawalRequest(me, U256::from(validator), U256::from(id))
            .call()
            .await
            .map_err(Self::sfc_err)?;
        if r.amount.is_zero() {
            return Ok(None);
        }
        let requested_at = to_u64(r.time);
        let period = self.withdrawal_period().await?;
        Ok(Some(WithdrawalInfo {
            validator,
            id,
            amount: r.amount,
            requested_at,
            withdrawable_at: requested_at.saturating_add(period),
        }))
    }

    /// The user's requests with `validator` among the ids this wallet hands out.
    async fn stake_requests(&self, validator: u64) -> Result<Vec<WithdrawalInfo>> {
        let mut out = Vec::new();
        for id in 0..REQUEST_IDS {
            if let Some(r) = self.stake_request(validator, id).await? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// The user's stake, rewards and requests: with `validator`, or with every
    /// validator where there is a stake or rewards (requests with a validator no longer
    /// staked with show with `validator` given).
    pub async fn stake_status(&self, validator: Option<u64>) -> Result<StakeStatus> {
        self.sfc_present().await?;
        let chain = self.chain().await?;
        let me = self.resolve_account(None).await?.address;
        let sfc = Sfc::new(SFC_ADDRESS, chain.provider());
        let ids: Vec<u64> = match validator {
            Some(v) => vec![v],
            None => self.stake_validators().await?.into_iter().map(|v| v.id).collect(),
        };
        let mut delegations = Vec::new();
        for id in ids {
            let stake = sfc.getStake(me, U256::from(id)).call().await.map_err(Self::sfc_err)?;
            let pending_rewards = sfc.pendingRewards(me, U256::from(id)).call().await.map_err(Self::sfc_err)?;
            let look = validator.is_some() || !stake.is_zero() || !pending_rewards.is_zero();
            let requests = if look { self.stake_requests(id).await? } else { Vec::new() };
            if validator.is_some() || !stake.is_zero() || !pending_rewards.is_zero() || !requests.is_empty() {
                delegations.push(Delegation { validator: id, stake, pending_rewards, requests });
            }
        }
        Ok(StakeStatus { account: me, delegations })
    }

    /// The chat's answer to a question about the user's staking: stakes, rewards and
    /// open withdrawal requests read from the SFC now, never a guessed figure; where
    /// the SFC cannot be read, it says so with no number.
    pub(crate) async fn staking_reply(&self) -> String {
        let s = match self.stake_status(None).await {
            Ok(s) => s,
            Err(e) => {
                return format!("I can't read the staking contract (SFC) right now ({e}), so I have no figure to give.")
            }
        };
        let how = "Claim, restake, undelegate and withdraw are on the DeFi page (or `sonic stake claim|restake|undelegate|withdraw`).";
        if s.delegations.is_empty() {
            return "You have no S staked (read from the SFC just now). Say \"stake 100 S with validator 1\" to \
                    delegate; the DeFi page (or `sonic stake validators`) lists the validators."
                .to_string();
        }
        let lines: Vec<String> = s
            .delegations
            .iter()
            .map(|d| {
                let mut line = format!(
                    "  • validator {}: {} S staked, {} S of rewards to claim",
                    d.validator,
                    format_units(d.stake, NATIVE_DECIMALS),
                    format_units(d.pending_rewards, NATIVE_DECIMALS)
                );
                let waiting: U256 = d.requests.iter().map(|r| r.amount).sum();
                if !d.requests.is_empty() {
                    line.push_str(&format!(
                        ", {} S undelegated in {} request{}",
                        format_units(waiting, NATIVE_DECIMALS),
                        d.requests.len(),
                        if d.requests.len() == 1 { "" } else { "s" }
                    ));
                }
                line
            })
            .collect();
        format!("Your staking (read from the SFC just now):\n{}\n{how}", lines.join("\n"))
    }

    /// Plans one SFC call through the plan/confirm gate, SFC errors made readable.
    async fn plan_sfc(&self, value: U256, data: Vec<u8>, function: &str, what: String) -> Result<Plan> {
        self.plan_contract_tx(
            Some(SFC_ADDRESS),
            value,
            Bytes::from(data),
            PlanKind::Call { contract: "SFC".into(), function: function.into() },
            what,
        )
        .await
        .map_err(readable)
    }

    /// Plans delegating `amount` S to `validator`; refused, with no plan, when the
    /// validator does not exist or is not active.
    pub async fn plan_stake_delegate(&self, validator: u64, amount: &str) -> Result<Plan> {
        let raw = amount_of(amount)?;
        let v = self.stake_validator(validator).await?;
        if !v.active {
            return Err(Error::Invalid(format!(
                "validator {validator} is not active ({}); choose another one (`sonic stake validators`)",
                v.status_text()
            )));
        }
        let data = Sfc::delegateCall { toValidatorID: U256::from(validator) }.abi_encode();
        let what = format!("Delegate {} S to validator {validator}", format_units(raw, NATIVE_DECIMALS));
        self.plan_sfc(raw, data, "delegate", what).await
    }

    /// Plans claiming the rewards from `validator` (paid to the account).
    pub async fn plan_stake_claim(&self, validator: u64) -> Result<Plan> {
        let rewards = self.pending_rewards(validator).await?;
        let data = Sfc::claimRewardsCall { toValidatorID: U256::from(validator) }.abi_encode();
        let what = format!("Claim {} S of rewards from validator {validator}", format_units(rewards, NATIVE_DECIMALS));
        self.plan_sfc(U256::ZERO, data, "claimRewards", what).await
    }

    /// Plans adding the rewards from `validator` to the stake with it.
    pub async fn plan_stake_restake(&self, validator: u64) -> Result<Plan> {
        let rewards = self.pending_rewards(validator).await?;
        let data = Sfc::restakeRewardsCall { toValidatorID: U256::from(validator) }.abi_encode();
        let what =
            format!("Restake {} S of rewards with validator {validator}", format_units(rewards, NATIVE_DECIMALS));
        self.plan_sfc(U256::ZERO, data, "restakeRewards", what).await
    }

    async fn pending_rewards(&self, validator: u64) -> Result<U256> {
        self.sfc_present().await?;
        let chain = self.chain().await?;
        let me = self.resolve_account(None).await?.address;
        Sfc::new(SFC_ADDRESS, chain.provider())
            .pendingRewards(me, U256::from(validator))
            .call()
            .await
            .map_err(Self::sfc_err)
    }

    /// Plans undelegating `amount` S from `validator` as a new withdrawal request (the
    /// lowest id this account has free with it); the summary says when it unlocks.
    pub async fn plan_stake_undelegate(&self, validator: u64, amount: &str) -> Result<UndelegatePlan> {
        let raw = amount_of(amount)?;
        self.sfc_present().await?;
        let mut request = None;
        for id in 0..REQUEST_IDS {
            if self.stake_request(validator, id).await?.is_none() {
                request = Some(id);
                break;
            }
        }
        let request = request.ok_or_else(|| {
            Error::Invalid(format!(
                "you already have {REQUEST_IDS} withdrawal requests with validator {validator}; withdraw one first"
            ))
        })?;
        let period = self.withdrawal_period().await?;
        let data = Sfc::undelegateCall { toValidatorID: U256::from(validator), wrID: U256::from(request), amount: raw }
            .abi_encode();
        let what = format!(
            "Undelegate {} S from validator {validator} as request {request}, withdrawable from about {} UTC",
            format_units(raw, NATIVE_DECIMALS),
            utc_date_time(now_secs().saturating_add(period))
        );
        let plan = self.plan_sfc(U256::ZERO, data, "undelegate", what).await?;
        Ok(UndelegatePlan { plan, request })
    }

    /// Plans withdrawing request `request` from `validator`. Before the lock period
    /// ends the simulation refuses it; the refusal says when it ends.
    pub async fn plan_stake_withdraw(&self, validator: u64, request: u64) -> Result<Plan> {
        let r = self.stake_request(validator, request).await?;
        let data = Sfc::withdrawCall { toValidatorID: U256::from(validator), wrID: U256::from(request) }.abi_encode();
        let what = match &r {
            Some(r) => format!(
                "Withdraw {} S from validator {validator} (request {request})",
                format_units(r.amount, NATIVE_DECIMALS)
            ),
            None => format!("Withdraw request {request} from validator {validator}"),
        };
        match self.plan_sfc(U256::ZERO, data, "withdraw", what).await {
            Err(Error::Chain(sonic_chain::Error::Reverted(m)))
                if r.as_ref().is_some_and(|r| r.withdrawable_at > now_secs()) =>
            {
                let until = r.map(|r| utc_date_time(r.withdrawable_at)).unwrap_or_default();
                Err(Error::Chain(sonic_chain::Error::Reverted(format!("{m} (it ends {until} UTC)"))))
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use alloy::sol_types::SolError;

    use super::*;

    #[test]
    fn statuses_read_as_words() {
        assert_eq!(status_text(0), "active");
        assert_eq!(status_text(1), "withdrawn");
        assert_eq!(status_text(1 << 3 | 1), "withdrawn, offline");
        assert_eq!(status_text(1 << 20), "inactive (status 1048576)");
    }

    #[test]
    fn amounts_are_positive_decimals() {
        assert_eq!(amount_of("100").expect("ok"), U256::from(100u128 * 10u128.pow(18)));
        assert_eq!(amount_of(" 0.5 ").expect("ok"), U256::from(5u128 * 10u128.pow(17)));
        assert!(amount_of("0").is_err());
        assert!(amount_of("abc").is_err());
        assert!(amount_of("-1").is_err());
    }

    #[test]
    fn sfc_reverts_become_readable() {
        let data = Sfc::NotEnoughTimePassed {}.abi_encode();
        let e = readable(Error::Chain(sonic_chain::Error::Reverted(format!(
            "reverted with data {}",
            alloy::hex::encode_prefixed(&data)
        ))));
        assert!(e.to_string().contains("lock period of this request is not over"), "{e}");
        let other = readable(Error::Chain(sonic_chain::Error::Reverted("out of gas".into())));
        assert!(other.to_string().contains("out of gas"), "{other}");
        let unknown = readable(Error::Chain(sonic_chain::Error::Reverted("reverted with data 0xdeadbeef".into())));
        assert!(unknown.to_string().contains("0xdeadbeef"), "{unknown}");
    }
}
