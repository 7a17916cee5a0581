//! Plans awaiting confirmation: each confirmable once, and only before it expires.

use std::{
    collections::HashMap,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use alloy::primitives::U256;
use sonic_chain::{Chain, Fees, TxSpec};
use sonic_types::{
    dto::{Plan, PlanKind, PlanOutcome, Risk},
    format_units, Event,
};

use crate::{engine::Engine, Error, Result};

/// How long a plan can be confirmed by default.
pub(crate) const PLAN_TTL: Duration = Duration::from_secs(120);

pub(crate) fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// A max fee above this many tenths of the base fee is flagged.
const HIGH_FEE_TENTHS: u128 = 50;

/// The worst-case fee (gas limit x max fee) and the expected one (at the current base
/// fee plus the tip), in wei.
pub(crate) fn fee_bounds(gas_limit: u64, fees: &Fees) -> (U256, U256) {
    let max = U256::from(gas_limit) * U256::from(fees.max_fee);
    let expected =
        U256::from(gas_limit) * U256::from(fees.base_fee.saturating_add(fees.priority_fee.min(fees.max_fee)));
    (max, expected)
}

/// The risk of a fee cap far above the recent base fee, if it is.
pub(crate) fn high_fee_risk(fees: &Fees) -> Option<Risk> {
    let tenths = fees.max_fee.saturating_mul(10).checked_div(fees.base_fee)?;
    (tenths > HIGH_FEE_TENTHS).then(|| Risk::HighFee { ratio_tenths: u64::try_from(tenths).unwrap_or(u64::MAX) })
}

/// What a plan shows besides what its transaction says: the kind, the recipient of
/// the value, the asset and amount, the risks and the summary.
#[derive(Debug, Clone)]
pub(crate) struct PlanView {
    pub(crate) kind: sonic_types::dto::PlanKind,
    pub(crate) to: alloy::primitives::Address,
    pub(crate) to_label: Option<String>,
    pub(crate) asset: String,
    pub(crate) token: Option<alloy::primitives::Address>,
    pub(crate) raw: U256,
    pub(crate) decimals: u8,
    pub(crate) risks: Vec<Risk>,
    pub(crate) summary: String,
}

/// What a plan with no transaction shows ([`Engine::plan_without_tx`]).
pub(crate) struct NoTxPlan {
    pub(crate) network: String,
    pub(crate) chain_id: u64,
    pub(crate) from: alloy::primitives::Address,
    pub(crate) to: alloy::primitives::Address,
    pub(crate) to_label: Option<String>,
    pub(crate) kind: PlanKind,
    pub(crate) risks: Vec<Risk>,
    pub(crate) summary: String,
}

/// What confirming a plan does.
#[derive(Debug, Clone)]
pub(crate) enum Exec {
    /// Signs and sends exactly this transaction.
    Tx(TxSpec),
    /// Saves (or changes) a contact: where "send to <name>" goes from then on.
    Contact {
        /// Lowercased contact name.
        name: String,
        /// The address that will be saved.
        address: alloy::primitives::Address,
        /// The address it had when the plan was made (`None`: a new contact).
        previous: Option<alloy::primitives::Address>,
    },
    /// Mints an NFT: the image is read, stored, hashed and pinned only now, after the
    /// Premium check, then the mint transaction (`spec` with the real token URI) is
    /// signed.
    NftMint {
        /// The mint transaction, its calldata rebuilt with the real URI.
        spec: TxSpec,
        /// The NFT contract.
        contract: alloy::primitives::Address,
        /// Token name.
        name: String,
        /// Token description.
        description: String,
        /// The image: a file with the size it had when the plan was made, or bytes
        /// the desktop's file picker handed over.
        image: Option<crate::nft::MintImage>,
    },
    /// Signs a message for a client of the signer RPC; no transaction (`dapp.rs`).
    SignMessage {
        /// The account that signs.
        from: alloy::primitives::Address,
        /// What is signed.
        payload: crate::dapp::SignPayload,
    },
    /// Lets a web origin connect to the signer RPC (`dapp.rs`).
    ConnectOrigin {
        /// The normalised web origin.
        origin: String,
    },
    /// Swaps (or wraps): an exact approval first when needed, then the swap,
    /// simulated again before it is signed (`swap.rs`).
    Swap(Box<crate::swap::SwapExec>),
}

/// A plan with exactly what confirming it will do.
#[derive(Debug, Clone)]
pub(crate) struct PendingPlan {
    pub(crate) plan: Plan,
    pub(crate) exec: Exec,
}

/// The plans made in this process.
#[derive(Debug, Default)]
pub(crate) struct Plans {
    pending: HashMap<String, PendingPlan>,
}

impl Plans {
    pub(crate) fn insert(&mut self, p: PendingPlan) {
        let now = now_secs();
        self.pending.retain(|_, p| p.plan.expires_at > now);
        self.pending.insert(p.plan.id.clone(), p);
    }

    /// Removes and returns a plan for execution; a plan can be taken once only.
    pub(crate) fn take(&mut self, id: &str) -> Result<PendingPlan> {
        let p = self.pending.remove(id).ok_or_else(|| {
            Error::Plan(format!("no pending plan '{id}' (already confirmed, cancelled, or never made)"))
        })?;
        if p.plan.expires_at <= now_secs() {
            return Err(Error::Plan(format!("plan '{id}' expired; make a new one")));
        }
        Ok(p)
    }

    /// The plan under `id`, if it is pending and unexpired (not taken).
    pub(crate) fn peek(&self, id: &str) -> Option<&PendingPlan> {
        self.pending.get(id).filter(|p| p.plan.expires_at > now_secs())
    }

    pub(crate) fn cancel(&mut self, id: &str) -> bool {
        self.pending.remove(id).is_some()
    }

    /// The pending, unexpired plans, oldest first.
    pub(crate) fn list(&self) -> Vec<Plan> {
        let now = now_secs();
        let mut v: Vec<Plan> =
            self.pending.values().filter(|p| p.plan.expires_at > now).map(|p| p.plan.clone()).collect();
        v.sort_by(|a, b| a.expires_at.cmp(&b.expires_at).then_with(|| a.id.cmp(&b.id)));
        v
    }

    pub(crate) fn set_origin(&mut self, id: &str, origin: &str) -> Option<Plan> {
        let p = self.pending.get_mut(id).filter(|p| p.plan.expires_at > now_secs())?;
        p.plan.origin = Some(origin.to_owned());
        Some(p.plan.clone())
    }
}

/// What confirming a plan of any kind did.
#[derive(Debug, Clone)]
pub enum PlanDone {
    /// A transaction was sent.
    Sent(sonic_types::dto::SendResult),
    /// A contact was saved.
    Contact(sonic_types::dto::Contact),
    /// An NFT was minted.
    Minted(sonic_types::dto::MintResult),
    /// A message was signed: the 0x-prefixed 65-byte signature.
    Signed(String),
    /// A web origin may now connect to the signer RPC.
    Connected(sonic_types::dto::ApprovedOrigin),
}

impl PlanDone {
    /// The transaction hash, if the plan sent one.
    pub fn hash(&self) -> Option<String> {
        match self {
            PlanDone::Sent(r) => Some(r.hash.clone()),
            PlanDone::Minted(m) => Some(m.hash.clone()),
            PlanDone::Contact(_) | PlanDone::Signed(_) | PlanDone::Connected(_) => None,
        }
    }

    /// The signature, if the plan signed a message.
    pub fn signature(&self) -> Option<&str> {
        match self {
            PlanDone::Signed(s) => Some(s),
            _ => None,
        }
    }
}

impl Engine {
    /// Keeps `spec` as a pending plan described by `view` (fees, gas, network and
    /// expiry come from the transaction and the connection); returns the plan.
    pub(crate) async fn make_plan(&self, chain: &Chain, spec: TxSpec, view: PlanView) -> Plan {
        self.make_plan_with(chain, spec.clone(), view, Exec::Tx(spec)).await
    }

    /// Like [`Engine::make_plan`], with what confirming it does given explicitly.
    pub(crate) async fn make_plan_with(&self, chain: &Chain, spec: TxSpec, view: PlanView, exec: Exec) -> Plan {
        let (max_fee, expected_fee) = fee_bounds(spec.gas_limit, &spec.fees);
        let plan = Plan {
            id: uuid::Uuid::new_v4().to_string(),
            kind: view.kind,
            network: chain.network().name.clone(),
            chain_id: chain.chain_id(),
            from: spec.from,
            to: view.to,
            to_label: view.to_label,
            asset: view.asset,
            token: view.token,
            amount: format_units(view.raw, view.decimals),
            raw: view.raw,
            decimals: view.decimals,
            gas_limit: spec.gas_limit,
            max_fee_per_gas: spec.fees.max_fee,
            max_priority_fee_per_gas: spec.fees.priority_fee,
            max_fee,
            expected_fee,
            risks: view.risks,
            summary: view.summary,
            expires_at: now_secs() + self.plan_ttl().as_secs(),
            origin: None,
        };
        self.plans.lock().await.insert(PendingPlan { plan: plan.clone(), exec });
        plan
    }

    /// A plan with no transaction (a contact change, a message to sign, a website's
    /// connection): no amount, no gas, no fee; it expires like every plan.
    pub(crate) fn plan_without_tx(&self, p: NoTxPlan) -> Plan {
        let NoTxPlan { network, chain_id, from, to, to_label, kind, risks, summary } = p;
        Plan {
            id: uuid::Uuid::new_v4().to_string(),
            kind,
            network,
            chain_id,
            from,
            to,
            to_label,
            asset: String::new(),
            token: None,
            amount: "0".into(),
            raw: U256::ZERO,
            decimals: 0,
            gas_limit: 0,
            max_fee_per_gas: 0,
            max_priority_fee_per_gas: 0,
            max_fee: U256::ZERO,
            expected_fee: U256::ZERO,
            risks,
            summary,
            expires_at: now_secs() + self.plan_ttl().as_secs(),
            origin: None,
        }
    }

    /// Keeps a plan that needs no transaction (a contact change).
    pub(crate) async fn keep_plan(&self, plan: Plan, exec: Exec) {
        self.plans.lock().await.insert(PendingPlan { plan, exec });
    }

    /// The kind of a pending, unexpired plan (`None`: no such plan).
    pub async fn plan_kind(&self, id: &str) -> Option<PlanKind> {
        self.plans.lock().await.peek(id).map(|p| p.plan.kind.clone())
    }

    /// Drops a pending plan (the user said no); listeners hear it was rejected.
    pub async fn cancel_plan(&self, id: &str) -> bool {
        let dropped = self.plans.lock().await.cancel(id);
        if dropped {
            self.bus.publish(Event::PlanResolved { id: id.to_owned(), outcome: PlanOutcome::Rejected });
        }
        dropped
    }

    /// Rejects a pending plan: the same as [`Engine::cancel_plan`], named for clients.
    pub async fn reject_plan(&self, id: &str) -> bool {
        self.cancel_plan(id).await
    }

    /// The pending, unexpired plans, oldest first, each with its origin.
    pub async fn pending_plans(&self) -> Vec<Plan> {
        self.plans.lock().await.list()
    }

    /// A pending, unexpired plan.
    pub async fn pending_plan(&self, id: &str) -> Option<Plan> {
        self.plans.lock().await.peek(id).map(|p| p.plan.clone())
    }

    /// Marks a plan as proposed by a client of the host (`origin`: `cli`, `mcp`,
    /// `signer`, `signer:<web origin>`) and announces it (`PlanProposed`), so the app
    /// queues it as a card. Returns the plan as announced.
    pub async fn propose_as(&self, id: &str, origin: &str) -> Result<Plan> {
        let plan = self
            .plans
            .lock()
            .await
            .set_origin(id, origin)
            .ok_or_else(|| Error::Plan(format!("no pending plan '{id}'")))?;
        self.bus.publish(Event::PlanProposed { plan: Box::new(plan.clone()) });
        Ok(plan)
    }

    /// Carries out a plan of any kind (a transaction, a contact, a mint); the one
    /// entry for clients that confirm by id. With `wait`, a transaction's receipt is
    /// awaited that long.
    pub async fn confirm_plan(&self, id: &str, wait: Option<Duration>) -> Result<PlanDone> {
        match self.plan_kind(id).await {
            Some(PlanKind::Contact { .. }) => Ok(PlanDone::Contact(self.confirm_contact(id).await?)),
            Some(PlanKind::NftMint { .. }) => Ok(PlanDone::Minted(self.confirm_nft_mint(id).await?)),
            Some(PlanKind::SignMessage { .. }) => Ok(PlanDone::Signed(self.confirm_signature(id).await?)),
            Some(PlanKind::ConnectOrigin { .. }) => Ok(PlanDone::Connected(self.confirm_connect(id).await?)),
            _ => Ok(PlanDone::Sent(self.confirm(id, wait).await?)),
        }
    }

    /// Waits until the plan `id` is confirmed, rejected, fails or expires. A plan that
    /// is not pending (unknown, or already ended) is `Expired` at once.
    pub async fn wait_plan(&self, id: &str) -> PlanOutcome {
        self.wait_plan_on(self.bus.subscribe(), id).await
    }

    /// [`Engine::wait_plan`] on a subscription taken earlier (before the plan was
    /// proposed, so that no outcome can be missed in between).
    pub(crate) async fn wait_plan_on(&self, mut rx: tokio::sync::broadcast::Receiver<Event>, id: &str) -> PlanOutcome {
        let Some(plan) = self.pending_plan(id).await else { return PlanOutcome::Expired };
        let left = plan.expires_at.saturating_sub(now_secs());
        let deadline = tokio::time::Instant::now() + Duration::from_secs(left);
        loop {
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Err(_) => {
                    // Expired: drop it so a late confirm cannot act on it either.
                    self.plans.lock().await.cancel(id);
                    return PlanOutcome::Expired;
                }
                Ok(Ok(Event::PlanResolved { id: done, outcome })) if done == id => return outcome,
                Ok(Ok(_)) => {}
                Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => {
                    if self.pending_plan(id).await.is_none() {
                        return PlanOutcome::Expired;
                    }
                }
                Ok(Err(tokio::sync::broadcast::error::RecvError::Closed)) => return PlanOutcome::Expired,
            }
        }
    }

    /// Tells listeners how a taken plan ended.
    pub(crate) fn resolved<T>(&self, id: &str, result: &Result<T>, hash: impl FnOnce(&T) -> Option<String>) {
        let outcome = match result {
            Ok(v) => PlanOutcome::Confirmed { hash: hash(v), signature: None },
            Err(e) => PlanOutcome::Failed { reason: sonic_types::redact::scrub(&e.to_string()) },
        };
        self.bus.publish(Event::PlanResolved { id: id.to_owned(), outcome });
    }
}
