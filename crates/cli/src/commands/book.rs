//! `sonic contacts` and `sonic tokens`: the address book and the token registry.

use serde_json::json;
use sonic_types::checksum;

use super::{plan::show_and_approve, Ctx};
use crate::{
    args::{ContactsCmd, TokensCmd},
    Fail,
};

/// Runs one `sonic contacts` command.
pub(crate) async fn contacts(cx: &Ctx, cmd: ContactsCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    match cmd {
        ContactsCmd::Add { name, address, yes } => {
            // A new name is saved as typed; changing an existing contact's address
            // changes where payments to it go, so it shows old and new and asks.
            let exists = engine.contacts()?.iter().any(|c| c.name.eq_ignore_ascii_case(name.trim()));
            let c = if exists {
                let plan = engine.plan_contact(&name, &address).await?;
                show_and_approve(&engine, &plan, yes).await?;
                engine.confirm_contact(&plan.id).await?
            } else {
                engine.add_contact(&name, &address)?
            };
            let a = checksum(&c.address);
            cx.print(json!({"name": c.name, "address": a}), || format!("Saved {} = {a}", c.name))
        }
        ContactsCmd::List => {
            for c in engine.contacts()? {
                let a = checksum(&c.address);
                cx.print(json!({"name": c.name, "address": a}), || format!("{:<20} {a}", c.name))?;
            }
            Ok(())
        }
        ContactsCmd::Remove { name } => {
            engine.remove_contact(&name)?;
            cx.print(json!({"removed": name}), || format!("Removed {name}"))
        }
    }
}

/// Runs one `sonic tokens` command.
pub(crate) async fn tokens(cx: &Ctx, cmd: TokensCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    match cmd {
        TokensCmd::Add { address } => {
            let t = engine.add_token(&address).await?;
            let a = checksum(&t.address);
            cx.print(json!({"address": a, "symbol": t.symbol, "decimals": t.decimals}), || {
                format!("Registered {} ({a}, {} decimals)", t.symbol, t.decimals)
            })
        }
        TokensCmd::List => {
            for t in engine.tokens().await? {
                let a = checksum(&t.address);
                cx.print(json!({"address": a, "symbol": t.symbol, "decimals": t.decimals}), || {
                    format!("{:<10} {a} ({} decimals)", t.symbol, t.decimals)
                })?;
            }
            Ok(())
        }
    }
}
