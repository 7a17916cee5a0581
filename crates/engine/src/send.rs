//! Planning a send: [`Engine::plan_send`] reads what it needs (accounts, contacts,
//! balances, fees, a simulation) and runs the pure steps of `send_steps.rs` over it:
//! resolve, price, funds, risks. Contract calls and deployments are planned here too.
//! Nothing is signed; [`Engine::confirm`] does that.

use alloy::primitives::{Address, Bytes, U256};
use sonic_chain::{Chain, TxSpec};
use sonic_store::settings::{contact_added, contact_changed};
use sonic_types::{
    amount::format_units_short,
    dto::{Contact, Plan, PlanKind, Risk},
    NATIVE_DECIMALS, NATIVE_SYMBOL,
};

use crate::{
    engine::Engine,
    plan::{fee_bounds, now_secs, Exec, PlanView},
    send_steps::{self as steps, ContactMarks, Holdings, Payee, RiskFacts},
    Asset, Error, Result,
};

/// How much to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountSpec {
    /// An exact decimal in the asset's units.
    Exact(String),
    /// All of the balance (minus the fee for S).
    Max,
    /// A percentage (1..=100) of the balance (minus the fee for S).
    Percent(u8),
    /// Exact base units (from a payment link).
    Raw(U256),
}

impl AmountSpec {
    /// Reads `"1.5"`, `"max"` or `"50%"`.
    pub fn parse(text: &str) -> Result<Self> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("max") || t.eq_ignore_ascii_case("all") {
            return Ok(Self::Max);
        }
        if let Some(p) = t.strip_suffix('%') {
            return match p.trim().parse::<u8>() {
                Ok(n) if (1..=100).contains(&n) => Ok(Self::Percent(n)),
                _ => Err(Error::Invalid(format!("'{t}' is not a percentage between 1% and 100%"))),
            };
        }
        Ok(Self::Exact(t.to_string()))
    }
}

/// A request to plan a transfer.
#[derive(Debug, Clone)]
pub struct SendRequest {
    /// Sender (address, position or name); default account when `None`.
    pub from: Option<String>,
    /// Recipient: an address or a contact name.
    pub to: String,
    /// Amount.
    pub amount: AmountSpec,
    /// Asset symbol or token address; S when `None`.
    pub asset: Option<String>,
}

impl Engine {
    /// Builds a plan for a transfer: resolves the recipient and the asset, checks the
    /// chain id, simulates, estimates gas and fees, checks the balance, and flags risks.
    /// Nothing is signed; [`Engine::confirm`] with the plan's id does that.
    pub async fn plan_send(&self, req: SendRequest) -> Result<Plan> {
        // Resolve: who pays, who is paid, in what.
        let from = self.resolve_account(req.from.as_deref()).await?;
        let contacts = self.store.contacts()?;
        let (to, to_label) = steps::recipient(&req.to, &contacts)?;
        steps::check_recipient(to)?;
        let asset = self.resolve_asset(req.asset.as_deref()).await?;
        steps::check_asset(to, &asset)?;

        // What the chain says: balances and fees.
        let chain = self.chain().await?;
        let network = chain.network().clone();
        let native = chain.native_balance(from.address).await?;
        let held = match &asset {
            Asset::Native => native,
            Asset::Token(t) => chain.token_balance(t.address, from.address).await?,
        };
        let holdings = Holdings { native, held };
        let fees = chain.fees().await?;

        // Price: simulate what would be sent, bound the fee.
        let amount = steps::amount(&req.amount, asset.decimals())?;
        let probe = steps::probe(&asset, to, &amount, holdings);
        let gas_limit = if probe.affordable {
            chain.simulate_and_estimate(from.address, Some(probe.to), probe.value, &probe.data).await?
        } else {
            probe.gas
        };
        let (max_fee, expected_fee) = fee_bounds(gas_limit, &fees);

        // Funds: the amount in base units, covered with the fee.
        let raw = steps::funds(&amount, &asset, holdings, max_fee)?;
        let (call_to, value, data) = steps::transfer(&asset, to, raw);

        // Risks.
        let payee = self.payee(&chain, from.address, to, &contacts).await?;
        let facts =
            RiskFacts { to, raw, held, fees: &fees, network: &network, payee, contacts: &contacts, now: now_secs() };
        let risks = steps::risks(&facts);

        // Paying from an account the user named: the card says which.
        let named_from = req.from.as_ref().map(|_| &from);
        let summary = steps::summary(raw, &asset, named_from, to, to_label.as_deref(), expected_fee);
        let spec = TxSpec { from: from.address, to: Some(call_to), value, data, gas_limit, fees, nonce: None };
        let view = PlanView {
            kind: PlanKind::Transfer,
            to,
            to_label,
            asset: asset.symbol().to_string(),
            token: asset.token(),
            raw,
            decimals: asset.decimals(),
            risks,
            summary,
        };
        Ok(self.make_plan(&chain, spec, view).await)
    }

    /// What the wallet, the store and the node say about paying `to` from `from`
    /// (`contacts`: the address book).
    async fn payee(&self, chain: &Chain, from: Address, to: Address, contacts: &[Contact]) -> Result<Payee> {
        let own_account = self.accounts().await?.iter().any(|a| a.address == to);
        let paid_before = !own_account && self.store.has_paid(chain.chain_id(), &from, &to)?;
        let contract = chain.is_contract(to).await?;
        let marks = match contacts.iter().find(|c| c.address == to) {
            Some(c) => ContactMarks {
                added: self.store.setting(&contact_added(&c.name))?,
                changed: self.store.setting(&contact_changed(&c.name))?,
            },
            None => ContactMarks::default(),
        };
        Ok(Payee { own_account, paid_before, contract, marks })
    }

    /// Plans a contract deployment (`to: None`) or call, with `value` in wei. Checked
    /// like a transfer: simulation (revert reasons shown), gas, fees, balance, risks.
    pub(crate) async fn plan_contract_tx(
        &self,
        to: Option<Address>,
        value: U256,
        data: Bytes,
        kind: PlanKind,
        what: String,
    ) -> Result<Plan> {
        self.plan_contract_tx_with(to, value, data, kind, what, Exec::Tx).await
    }

    /// Like [`Engine::plan_contract_tx`], with what confirming it does made from the
    /// planned transaction by `exec`.
    pub(crate) async fn plan_contract_tx_with(
        &self,
        to: Option<Address>,
        value: U256,
        data: Bytes,
        kind: PlanKind,
        what: String,
        exec: impl FnOnce(TxSpec) -> Exec,
    ) -> Result<Plan> {
        let from = self.resolve_account(None).await?;
        let chain = self.chain().await?;
        let network = chain.network().clone();
        let native = chain.native_balance(from.address).await?;
        let fees = chain.fees().await?;
        let gas_limit = chain.simulate_and_estimate(from.address, to, value, &data).await?;
        let (max_fee, expected_fee) = fee_bounds(gas_limit, &fees);
        steps::funds_for_call(value, max_fee, native)?;
        let risks: Vec<Risk> = steps::network_risks(&fees, &network);
        let summary = format!("{what}, fee about {} S", format_units_short(expected_fee, NATIVE_DECIMALS));
        let spec = TxSpec { from: from.address, to, value, data, gas_limit, fees, nonce: None };
        let view = PlanView {
            kind,
            to: to.unwrap_or(Address::ZERO),
            to_label: None,
            asset: NATIVE_SYMBOL.into(),
            token: None,
            raw: value,
            decimals: NATIVE_DECIMALS,
            risks,
            summary,
        };
        let plan = self.make_plan_with(&chain, spec.clone(), view, exec(spec)).await;
        Ok(plan)
    }
}
