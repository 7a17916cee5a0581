//! Smart Sonic's own contracts: deployment (plain, or canonical through the CREATE2
//! factory), per-network addresses, and the premium subscription (status read on chain,
//! purchase through plan/confirm).

use alloy::{
    primitives::{Address, Bytes, U256},
    sol_types::SolCall,
};
use serde::{Deserialize, Serialize};
use sonic_chain::contracts::{
    canonical_nft_initcode, canonical_subscription_initcode, factory_calldata, nft_initcode, subscription_initcode,
    SmartSonicSubscription, CANONICAL_NFT, CANONICAL_PERIOD, CANONICAL_PRICE, CANONICAL_SUBSCRIPTION, CREATE2_FACTORY,
    CREATE2_FACTORY_HOWTO,
};
use sonic_types::{
    checksum,
    dto::{Plan, PlanKind, SubscriptionStatus},
    format_units, NATIVE_DECIMALS,
};

use sonic_store::settings::premium_until;

use crate::{engine::Engine, plan::now_secs, settings, Error, Result};

/// What the app says where a contract has no code on the active network.
pub const NOT_DEPLOYED: &str = "not deployed on this network yet";

/// Where the contracts live on one chain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractAddresses {
    /// SmartSonicSubscription.
    pub subscription: Option<Address>,
    /// SmartSonicNFT.
    pub nft: Option<Address>,
}

/// The message every gated action gives without a subscription.
pub(crate) fn subscription_required(what: &str) -> Error {
    Error::Invalid(format!(
        "{what} needs an active Smart Sonic Premium subscription; get one with `sonic subscription purchase` or say \"buy premium\""
    ))
}

impl Engine {
    /// The contract addresses of the active network: the recorded ones, else the
    /// canonical CREATE2 addresses where they hold code (checked with `eth_getCode`).
    /// A canonical NFT is used only with the canonical subscription it is bound to.
    pub async fn contract_addresses(&self) -> Result<ContractAddresses> {
        let chain = self.chain().await?;
        let recorded: ContractAddresses =
            self.store().setting(&settings::contracts(chain.chain_id()))?.unwrap_or_default();
        if recorded != ContractAddresses::default() {
            return Ok(recorded);
        }
        if !chain.is_contract(CANONICAL_SUBSCRIPTION).await? {
            return Ok(recorded);
        }
        let nft = chain.is_contract(CANONICAL_NFT).await?.then_some(CANONICAL_NFT);
        Ok(ContractAddresses { subscription: Some(CANONICAL_SUBSCRIPTION), nft })
    }

    /// Plans the canonical deployment through the CREATE2 factory: one plan per
    /// canonical contract without code on this network (the subscription first), each
    /// a call of the factory with `salt ++ initcode`, so the addresses are
    /// [`CANONICAL_SUBSCRIPTION`] and [`CANONICAL_NFT`] on every network. Empty when
    /// both are there; refused when the factory itself is missing.
    pub async fn plan_deploy_create2(&self) -> Result<Vec<Plan>> {
        let chain = self.chain().await?;
        if !chain.is_contract(CREATE2_FACTORY).await? {
            return Err(Error::Invalid(format!(
                "the CREATE2 factory {} is not on this network; to deploy it, {CREATE2_FACTORY_HOWTO}",
                checksum(&CREATE2_FACTORY)
            )));
        }
        let mut plans = Vec::new();
        for (name, address, initcode) in [
            ("SmartSonicSubscription", CANONICAL_SUBSCRIPTION, canonical_subscription_initcode()),
            ("SmartSonicNFT", CANONICAL_NFT, canonical_nft_initcode()),
        ] {
            if chain.is_contract(address).await? {
                continue;
            }
            let plan = self
                .plan_contract_tx(
                    Some(CREATE2_FACTORY),
                    U256::ZERO,
                    factory_calldata(&initcode),
                    PlanKind::Deploy { contract: name.into() },
                    format!("Deploy {name} at {} through the CREATE2 factory", checksum(&address)),
                )
                .await?;
            plans.push(plan);
        }
        Ok(plans)
    }

    /// Records contract addresses for the active network (e.g. Sonic mainnet's).
    pub async fn set_contract_addresses(&self, addrs: &ContractAddresses) -> Result<()> {
        let chain = self.chain().await?;
        for a in [addrs.subscription, addrs.nft].into_iter().flatten() {
            if !chain.is_contract(a).await? {
                return Err(Error::Invalid(format!("there is no contract at {} on this network", checksum(&a))));
            }
        }
        Ok(self.store().set_setting(&settings::contracts(chain.chain_id()), addrs)?)
    }

    /// Plans the subscription contract's deployment (1 S per 30 days), owned by the
    /// default account.
    pub async fn plan_deploy_subscription(&self) -> Result<Plan> {
        let me = self.resolve_account(None).await?.address;
        let code = subscription_initcode(U256::from(CANONICAL_PRICE), U256::from(CANONICAL_PERIOD), me);
        self.plan_contract_tx(
            None,
            U256::ZERO,
            code,
            PlanKind::Deploy { contract: "SmartSonicSubscription".into() },
            "Deploy SmartSonicSubscription (1 S per 30 days)".into(),
        )
        .await
    }

    /// Plans the NFT contract's deployment, bound to `subscription`.
    pub async fn plan_deploy_nft(&self, subscription: Address) -> Result<Plan> {
        let code = nft_initcode(subscription);
        self.plan_contract_tx(
            None,
            U256::ZERO,
            code,
            PlanKind::Deploy { contract: "SmartSonicNFT".into() },
            format!("Deploy SmartSonicNFT (gated by {})", checksum(&subscription)),
        )
        .await
    }

    fn subscription_address(addrs: &ContractAddresses) -> Result<Address> {
        addrs.subscription.ok_or_else(|| {
            Error::NotFound(format!("Smart Sonic Premium is {NOT_DEPLOYED} (`sonic contracts deploy --create2`)"))
        })
    }

    /// Premium status of the default account, read on chain. Only an active status is
    /// cached, until its end; anything else is read again.
    pub async fn subscription_status(&self) -> Result<SubscriptionStatus> {
        let chain = self.chain().await?;
        let contract = Self::subscription_address(&self.contract_addresses().await?)?;
        let me = self.resolve_account(None).await?.address;
        let c = SmartSonicSubscription::new(contract, chain.provider());
        let bad = |e| Error::contract("subscription", e);
        let end: u64 = c.subscriptionEnd(me).call().await.map_err(bad)?.try_into().unwrap_or(u64::MAX);
        let price = c.price().call().await.map_err(bad)?;
        let period: u64 = c.period().call().await.map_err(bad)?.try_into().unwrap_or(u64::MAX);
        let active = c.isSubscriptionActive(me).call().await.map_err(bad)?;
        let cache = premium_until(chain.chain_id(), &me);
        if active {
            self.store().set_setting(&cache, &Some(end))?;
        } else {
            self.store().set_setting(&cache, &None)?;
        }
        Ok(SubscriptionStatus { active, end: (end > 0).then_some(end), contract, price, period })
    }

    /// Whether Premium is active: from the cache while a cached end is in the future,
    /// else on chain.
    pub async fn premium_active(&self) -> Result<bool> {
        let chain = self.chain().await?;
        let me = self.resolve_account(None).await?.address;
        if let Some(Some(end)) = self.store().setting(&premium_until(chain.chain_id(), &me))? {
            if end > now_secs() {
                return Ok(true);
            }
        }
        match self.subscription_status().await {
            Ok(s) => Ok(s.active),
            Err(Error::NotFound(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Plans buying (or renewing) one period at the contract's current price.
    pub async fn plan_subscription_purchase(&self) -> Result<Plan> {
        let status = self.subscription_status().await?;
        let data: Bytes = SmartSonicSubscription::purchaseCall {}.abi_encode().into();
        let what = if status.active { "Renew Premium" } else { "Buy Premium" };
        let days = status.period / 86_400;
        self.plan_contract_tx(
            Some(status.contract),
            status.price,
            data,
            PlanKind::Call { contract: "SmartSonicSubscription".into(), function: "purchase".into() },
            format!("{what}: {} S for {days} more days", format_units(status.price, NATIVE_DECIMALS)),
        )
        .await
    }
}
