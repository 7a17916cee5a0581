//! Confirmation: the only path from a plan to a signature. A plan is taken once,
//! before it expires, signed for the chain it was made on, broadcast, and recorded
//! (history and the exact transaction sent, which speed-up and cancel rebuild from).

use std::time::Duration;

use sonic_chain::TxSpec;
use sonic_types::{
    dto::{Plan, SendResult, TxRecord, TxState},
    Event,
};

use crate::{
    engine::Engine,
    plan::{now_secs, Exec, PendingPlan},
    Error, Result,
};

impl Engine {
    /// Executes a plan: the only path to a signature. The plan must exist, be unused
    /// and unexpired; the vault must be unlocked; the chain must still be the plan's.
    /// With `wait`, waits for the receipt (up to `wait` long).
    pub async fn confirm(&self, plan_id: &str, wait: Option<Duration>) -> Result<SendResult> {
        Ok(self.confirm_tx(plan_id, wait).await?.0)
    }

    /// Executes a transaction plan (a transfer, a contract call or deployment, a
    /// replacement, a mint); returns what was sent and, for a mint, the content made.
    pub(crate) async fn confirm_tx(
        &self,
        plan_id: &str,
        wait: Option<Duration>,
    ) -> Result<(SendResult, Option<crate::nft::NftDraft>)> {
        // Locked: refused before the plan is taken, so it stays pending for the user to
        // confirm after unlocking.
        if !self.is_unlocked().await {
            return Err(sonic_vault::Error::Locked.into());
        }
        let pending = {
            let mut plans = self.plans.lock().await;
            match plans.peek(plan_id).map(|p| &p.exec) {
                Some(Exec::Contact { .. }) => {
                    return Err(Error::Plan("this plan saves a contact; it signs no transaction".into()))
                }
                Some(Exec::SignMessage { .. } | Exec::ConnectOrigin { .. }) => {
                    return Err(Error::Plan("this plan signs no transaction; confirm it with confirm_plan".into()))
                }
                _ => plans.take(plan_id)?,
            }
        };
        // Taken: from here on, listeners (a waiting signer-RPC call, a card) hear how
        // it ended, whatever happens.
        let result = self.carry_out(pending, wait).await;
        self.resolved(plan_id, &result, |(r, _)| Some(r.hash.clone()));
        result
    }

    async fn carry_out(
        &self,
        pending: PendingPlan,
        wait: Option<Duration>,
    ) -> Result<(SendResult, Option<crate::nft::NftDraft>)> {
        let PendingPlan { plan, exec } = pending;
        let (spec, draft) = match exec {
            Exec::Swap(x) => return Ok((self.carry_out_swap(plan, *x, wait).await?, None)),
            Exec::Tx(spec) => (spec, None),
            Exec::NftMint { spec, contract, name, description, image } => {
                let (spec, draft) = self.prepare_mint(spec, contract, &name, &description, image).await?;
                (spec, Some(draft))
            }
            Exec::Contact { .. } | Exec::SignMessage { .. } | Exec::ConnectOrigin { .. } => {
                return Err(Error::Plan("this plan signs no transaction".into()))
            }
        };
        Ok((self.sign_and_record(plan, spec, wait).await?, draft))
    }

    /// Signs `spec` for `plan`, broadcasts it, records it (history and the exact sent
    /// transaction), and waits for the receipt when asked.
    pub(crate) async fn sign_and_record(&self, plan: Plan, spec: TxSpec, wait: Option<Duration>) -> Result<SendResult> {
        self.sign_and_record_with(plan, spec, wait, None).await
    }

    /// [`Engine::sign_and_record`], the record carrying what a swap received.
    pub(crate) async fn sign_and_record_with(
        &self,
        plan: Plan,
        spec: TxSpec,
        wait: Option<Duration>,
        received: Option<sonic_types::dto::SwapLeg>,
    ) -> Result<SendResult> {
        let signer = self.with_vault(|v| Ok(v.signer(plan.from)?)).await?;
        let chain = self.chain().await?;
        if chain.chain_id() != plan.chain_id {
            return Err(Error::Plan("the network changed since the plan was made; make a new plan".into()));
        }
        let nonce = match spec.nonce {
            Some(n) => n,
            None => {
                let pending = chain.pending_nonce(plan.from).await?;
                self.nonces.reserve(plan.chain_id, plan.from, pending).await
            }
        };
        let hash = match chain.sign_and_send(&signer, &spec, nonce).await {
            Ok(h) => h,
            Err(e) => {
                self.nonces.reset(plan.chain_id, plan.from).await;
                return Err(e.into());
            }
        };
        drop(signer);
        let hash_s = hash.to_string();
        let mut record = TxRecord {
            hash: hash_s.clone(),
            log_index: None,
            untrusted: false,
            replaced_by: None,
            reason: None,
            received,
            chain_id: plan.chain_id,
            from: plan.from,
            to: plan.to,
            asset: plan.asset.clone(),
            token: plan.token,
            raw: plan.raw,
            decimals: plan.decimals,
            nonce,
            state: TxState::Pending,
            block: None,
            timestamp: now_secs(),
        };
        self.store.put_tx(&record)?;
        self.store.put_sent(
            &hash_s,
            &sonic_store::SentTx {
                chain_id: plan.chain_id,
                from: plan.from,
                to: spec.to,
                value: spec.value,
                input: spec.data.to_string(),
                gas_limit: spec.gas_limit,
                max_fee: spec.fees.max_fee,
                priority_fee: spec.fees.priority_fee,
                nonce,
            },
        )?;
        self.bus.publish(Event::TxSent { hash: hash_s.clone(), summary: plan.summary.clone() });
        let mut result =
            SendResult { hash: hash_s.clone(), status: TxState::Pending, block: None, contract_address: None };
        if let Some(timeout) = wait {
            if let Some(mined) = chain.wait_mined(hash, timeout).await? {
                let (ok, block) = (mined.success, mined.block);
                result.contract_address = mined.contract_address;
                record.state = if ok { TxState::Confirmed } else { TxState::Failed };
                record.block = Some(block);
                self.store.put_tx(&record)?;
                self.bus.publish(if ok {
                    Event::TxConfirmed { hash: hash_s, block }
                } else {
                    Event::TxFailed { hash: hash_s, reason: "reverted on chain".into() }
                });
                result.status = record.state;
                result.block = Some(block);
            }
        }
        Ok(result)
    }

    /// A recorded transaction.
    pub fn tx(&self, hash: &str) -> Result<Option<TxRecord>> {
        Ok(self.store.tx(hash)?)
    }
}
