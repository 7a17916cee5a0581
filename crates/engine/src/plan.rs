//! Plans awaiting confirmation: each confirmable once, and only before it expires.

use std::{
    collections::HashMap,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use sonic_chain::TxSpec;
use sonic_types::dto::Plan;

use crate::{Error, Result};

/// How long a plan can be confirmed by default.
pub(crate) const PLAN_TTL: Duration = Duration::from_secs(120);

pub(crate) fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// A plan with the exact transaction that confirming it will sign.
#[derive(Debug, Clone)]
pub(crate) struct PendingPlan {
    pub(crate) plan: Plan,
    pub(crate) spec: TxSpec,
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

    pub(crate) fn cancel(&mut self, id: &str) -> bool {
        self.pending.remove(id).is_some()
    }
}
