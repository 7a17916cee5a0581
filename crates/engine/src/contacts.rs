//! The address book, and contacts as plans: a contact's address decides where "send 5
//! S to alice" goes, so saving a contact or changing one's address from chat, a payment
//! link or the desktop is a plan the user confirms, like a send. Only [`Engine::confirm_contact`] writes
//! it, once, before the plan expires, and only if the contact is still as it was shown.

use sonic_store::settings::{contact_added, contact_changed};
use sonic_types::{
    checksum,
    dto::{Contact, Plan, PlanKind, Risk},
    parse_address, Address,
};

use crate::{
    engine::Engine,
    error::invalid,
    plan::{now_secs, Exec, NoTxPlan},
    send_steps::looks_alike,
    Error, Result,
};

/// Longest contact name accepted.
const MAX_NAME: usize = 64;

/// Checks a contact name: 1 to 64 characters, no control characters, not an address.
pub(crate) fn valid_name(name: &str) -> Result<String> {
    let n = name.trim().to_lowercase();
    if n.is_empty() || n.chars().count() > MAX_NAME || n.chars().any(char::is_control) {
        return Err(Error::Invalid("a contact name has 1 to 64 characters".into()));
    }
    if n.starts_with("0x") {
        return Err(Error::Invalid("a contact name cannot be an address".into()));
    }
    Ok(n)
}

impl Engine {
    /// Saves a contact directly: for the user's own typed command only (`sonic contacts
    /// add`). Chat, payment links and the desktop go through [`Engine::plan_contact`].
    pub fn add_contact(&self, name: &str, address: &str) -> Result<Contact> {
        let name = &valid_name(name)?;
        let a = parse_address(address).map_err(invalid)?;
        if a.is_zero() {
            return Err(Error::Invalid("the zero address cannot be a contact".into()));
        }
        let now = now_secs();
        let key = contact_added(name);
        if self.store.setting(&key)?.is_none() {
            self.store.set_setting(&key, &now)?;
        }
        let previous = self.store.put_contact(name, a, now)?;
        if previous.is_some_and(|p| p != a) {
            // Kept apart from `updated_at`, so a change made the same second as the
            // first save is still a change.
            self.store.set_setting(&contact_changed(name), &now)?;
        }
        self.store.contact(name)?.ok_or_else(|| Error::NotFound(name.into()))
    }

    /// The address book.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        Ok(self.store.contacts()?)
    }

    /// Removes a contact.
    pub fn remove_contact(&self, name: &str) -> Result<()> {
        if self.store.remove_contact(name)? {
            Ok(())
        } else {
            Err(Error::NotFound(format!("no contact '{name}'")))
        }
    }

    /// Plans saving `name` as `address`, or changing the address of an existing
    /// contact; nothing is written until [`Engine::confirm_contact`].
    pub async fn plan_contact(&self, name: &str, address: &str) -> Result<Plan> {
        let name = valid_name(name)?;
        let new = parse_address(address.trim()).map_err(invalid)?;
        if new.is_zero() {
            return Err(Error::Invalid("the zero address cannot be a contact".into()));
        }
        let previous = self.store().contact(&name)?.map(|c| c.address);
        if previous == Some(new) {
            return Err(Error::Invalid(format!("{name} is already saved as {}", checksum(&new))));
        }
        let mut risks = Vec::new();
        if previous.is_some() {
            risks.push(Risk::ContactAddressChange { contact: name.clone() });
        }
        risks.extend(self.contact_risks(&name, new).await?);
        let summary = match previous {
            Some(old) => format!("Change the address of {name} from {} to {}", checksum(&old), checksum(&new)),
            None => format!("Save {name} as {}", checksum(&new)),
        };
        let network = self.active_network()?;
        let from = self.resolve_account(None).await.map(|a| a.address).unwrap_or(Address::ZERO);
        let plan = self.plan_without_tx(NoTxPlan {
            network: network.name.clone(),
            chain_id: network.chain_id.unwrap_or_default(),
            from,
            to: new,
            to_label: Some(name.clone()),
            kind: PlanKind::Contact { name: name.clone(), previous: previous.map(|a| checksum(&a)) },
            risks,
            summary,
        });
        self.keep_plan(plan.clone(), Exec::Contact { name, address: new, previous }).await;
        Ok(plan)
    }

    /// Saves the contact a plan showed, once. Refused when the contact changed since
    /// the plan was made (the card would have shown the wrong "before").
    pub async fn confirm_contact(&self, plan_id: &str) -> Result<Contact> {
        let pending = {
            let mut plans = self.plans_mut().await;
            match plans.peek(plan_id).map(|p| &p.exec) {
                Some(Exec::Contact { .. }) => plans.take(plan_id)?,
                Some(_) => return Err(Error::Plan("this plan is a transaction; confirm it as one".into())),
                None => plans.take(plan_id)?,
            }
        };
        let result = self.save_planned_contact(pending.exec);
        self.resolved(plan_id, &result, |_| None);
        result
    }

    fn save_planned_contact(&self, exec: Exec) -> Result<Contact> {
        let Exec::Contact { name, address, previous } = exec else {
            return Err(Error::Plan("this plan saves no contact".into()));
        };
        let now = self.store().contact(&name)?.map(|c| c.address);
        if now != previous {
            return Err(Error::Plan(format!("{name} changed since this plan was made; make a new plan")));
        }
        self.add_contact(&name, &checksum(&address))
    }

    /// Risks of saving `address` under `name`: it imitates another contact, or it is
    /// one of the user's own accounts under a name.
    async fn contact_risks(&self, name: &str, address: Address) -> Result<Vec<Risk>> {
        let mut risks = Vec::new();
        for c in self.store().contacts()? {
            if c.name != name && c.address != address && looks_alike(&c.address, &address) {
                risks.push(Risk::LookalikeContact { contact: c.name });
            }
        }
        if self.accounts().await.unwrap_or_default().iter().any(|a| a.address == address) {
            risks.push(Risk::OwnAccount);
        }
        Ok(risks)
    }
}
