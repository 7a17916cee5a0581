//! `sonic contracts`, `sonic nft` and `sonic subscription`: Smart Sonic's own
//! contracts, NFT minting and pinning, and the Premium subscription.

use serde_json::json;
use sonic_engine::ContractAddresses;
use sonic_types::{checksum, Address};

use super::{
    plan::{confirm_plan, show_and_approve},
    Ctx, RECEIPT_WAIT,
};
use crate::{
    args::{ContractsCmd, NftCmd, SubscriptionCmd},
    Fail,
};

/// Runs one `sonic contracts` command.
pub(crate) async fn contracts(cx: &Ctx, cmd: ContractsCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let show = |a: &ContractAddresses| {
        let f = |x: Option<Address>| x.map(|a| checksum(&a));
        cx.print(json!({"subscription": f(a.subscription), "nft": f(a.nft)}), || {
            format!(
                "subscription {}\nnft          {}",
                f(a.subscription).unwrap_or_else(|| "-".into()),
                f(a.nft).unwrap_or_else(|| "-".into())
            )
        })
    };
    match cmd {
        ContractsCmd::Deploy { create2: true, yes } => {
            for plan in engine.plan_deploy_create2().await? {
                confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
            }
            show(&engine.contract_addresses().await?)
        }
        ContractsCmd::Deploy { create2: false, yes } => {
            let plan = engine.plan_deploy_subscription().await?;
            let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
            let sub = r.contract_address.ok_or_else(|| Fail::op(format!("deployment {} is not mined yet", r.hash)))?;
            let mut addrs = ContractAddresses { subscription: Some(sub), nft: None };
            engine.set_contract_addresses(&addrs).await?;
            let plan = engine.plan_deploy_nft(sub).await?;
            let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
            addrs.nft =
                Some(r.contract_address.ok_or_else(|| Fail::op(format!("deployment {} is not mined yet", r.hash)))?);
            engine.set_contract_addresses(&addrs).await?;
            show(&addrs)
        }
        ContractsCmd::Show => show(&engine.contract_addresses().await?),
        ContractsCmd::Set { subscription, nft } => {
            let parse = |s: Option<String>| -> Result<Option<Address>, Fail> {
                s.map(|x| sonic_types::parse_address(&x).map_err(|e| Fail::usage(e.to_string()))).transpose()
            };
            let mut addrs = engine.contract_addresses().await?;
            addrs.subscription = parse(subscription)?.or(addrs.subscription);
            addrs.nft = parse(nft)?.or(addrs.nft);
            engine.set_contract_addresses(&addrs).await?;
            show(&addrs)
        }
    }
}

/// Runs one `sonic nft` command.
pub(crate) async fn nft(cx: &Ctx, cmd: NftCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    match cmd {
        NftCmd::Mint { name, description, image, yes } => {
            // Unlock first: Pinata's JWT lives in the vault, and the mint is signed.
            cx.unlock(&engine).await?;
            let plan = engine.plan_nft_mint(&name, &description, image.as_deref()).await?;
            show_and_approve(&engine, &plan, yes).await?;
            let m = engine.confirm_nft_mint(&plan.id).await?;
            cx.print(
                json!({"token_id": m.token_id.to_string(), "token_uri": m.token_uri, "metadata_cid": m.metadata_cid,
                       "image_cid": m.image_cid, "pinned": m.pinned, "hash": m.hash}),
                || {
                    format!(
                        "Minted #{} with {}{}",
                        m.token_id,
                        m.token_uri,
                        if m.pinned { " (pinned)" } else { " (not pinned yet: content is in the local store)" }
                    )
                },
            )
        }
        NftCmd::Pin => {
            cx.unlock(&engine).await?;
            let n = engine.nft_pin_pending().await?;
            cx.print(json!({"pinned": n}), || format!("Pinned {n} token(s)."))
        }
        NftCmd::List => {
            for t in engine.nft_list().await? {
                cx.print(serde_json::to_value(&t).unwrap_or_default(), || {
                    format!(
                        "#{} {} {}{}",
                        t.token_id,
                        t.name.clone().unwrap_or_else(|| "(metadata not stored locally)".into()),
                        t.token_uri,
                        if t.pinned { "" } else { " (not pinned yet)" }
                    )
                })?;
            }
            Ok(())
        }
    }
}

/// Runs one `sonic subscription` command: shows the status, after a purchase if asked.
pub(crate) async fn subscription(cx: &Ctx, cmd: SubscriptionCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    match cmd {
        SubscriptionCmd::Status => {}
        SubscriptionCmd::Purchase { yes } => {
            let plan = engine.plan_subscription_purchase().await?;
            confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
        }
    }
    let s = engine.subscription_status().await?;
    cx.print(
        json!({"active": s.active, "end": s.end, "contract": checksum(&s.contract), "price": s.price.to_string(), "period": s.period}),
        || match (s.active, s.end) {
            (true, Some(end)) => format!("Premium is active until {} UTC.", sonic_types::time::utc_date_time(end)),
            (false, Some(end)) => format!("Premium expired on {} UTC.", sonic_types::time::utc_date_time(end)),
            _ => format!(
                "No Premium subscription. It costs {} S per {} days.",
                sonic_types::format_units(s.price, 18),
                s.period / 86_400
            ),
        },
    )
}
