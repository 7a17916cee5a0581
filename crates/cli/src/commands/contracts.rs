//! `sonic contracts`, `sonic nft` and `sonic subscription`: Smart Sonic's own
//! contracts, NFT minting and pinning, and the Premium subscription.

use std::io::Read;

use serde_json::json;
use sonic_engine::ContractAddresses;
use sonic_types::{
    checksum,
    dto::{MintResult, NftInfo, Plan, SubscriptionStatus},
    host::{
        ContractsDeployPlanArgs, ContractsSetArgs, ContractsShowArgs, NftMintConfirmArgs, NftPinArgs,
        SubscriptionStatusArgs,
    },
    ipc::{NftListArgs, NftMintPlanArgs, PremiumPlanArgs},
    Address,
};

use super::{
    plan::{confirm_plan, show_and_approve, CancelPlan},
    remote::{approve_own, confirm_tx, fail, Backend},
    Ctx, RECEIPT_WAIT,
};
use crate::{
    args::{ContractsCmd, NftCmd, SubscriptionCmd},
    Fail,
};

/// Runs one `sonic contracts` command.
pub(crate) async fn contracts(cx: &Ctx, cmd: ContractsCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let show = |a: &ContractAddresses| show_contracts(cx, a.subscription, a.nft);
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

/// Prints the contracts' addresses (here and through the wallet's host).
fn show_contracts(cx: &Ctx, subscription: Option<Address>, nft: Option<Address>) -> Result<(), Fail> {
    let f = |x: Option<Address>| x.map(|a| checksum(&a));
    cx.print(json!({"subscription": f(subscription), "nft": f(nft)}), || {
        format!(
            "subscription {}\nnft          {}",
            f(subscription).unwrap_or_else(|| "-".into()),
            f(nft).unwrap_or_else(|| "-".into())
        )
    })
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
            print_mint(cx, &m)
        }
        NftCmd::Pin => {
            cx.unlock(&engine).await?;
            print_pinned(cx, engine.nft_pin_pending().await?)
        }
        NftCmd::List => {
            for t in engine.nft_list().await? {
                print_nft(cx, &t)?;
            }
            Ok(())
        }
    }
}

/// Prints a mint's result (here and through the wallet's host).
fn print_mint(cx: &Ctx, m: &MintResult) -> Result<(), Fail> {
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

fn print_pinned(cx: &Ctx, n: usize) -> Result<(), Fail> {
    cx.print(json!({"pinned": n}), || format!("Pinned {n} token(s)."))
}

/// Prints one token (here and through the wallet's host).
fn print_nft(cx: &Ctx, t: &NftInfo) -> Result<(), Fail> {
    cx.print(serde_json::to_value(t).unwrap_or_default(), || {
        format!(
            "#{} {} {}{}",
            t.token_id,
            t.name.clone().unwrap_or_else(|| "(metadata not stored locally)".into()),
            t.token_uri,
            if t.pinned { "" } else { " (not pinned yet)" }
        )
    })
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
    print_subscription(cx, &engine.subscription_status().await?)
}

/// Prints the Premium status (here and through the wallet's host).
fn print_subscription(cx: &Ctx, s: &SubscriptionStatus) -> Result<(), Fail> {
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

/// The largest image `sonic nft mint` sends to a host: the request is one line of at
/// most `MAX_LINE` bytes and each byte takes up to four characters in it (the rest of
/// the request is small). A larger image is minted with the host stopped.
const HOST_IMAGE_MAX: usize = (sonic_host::wire::MAX_LINE - 64 * 1024) / 4;

/// `sonic contracts` beside a host: plans made there, confirmed at this terminal.
pub(crate) async fn contracts_host(cx: &Ctx, b: &Backend, cmd: ContractsCmd) -> Result<(), Fail> {
    let v = match cmd {
        ContractsCmd::Deploy { create2: true, yes } => {
            let plans = b.call(&ContractsDeployPlanArgs { create2: true, subscription: None }).await.map_err(fail)?;
            confirm_all(cx, b, &plans, yes).await?;
            b.call(&ContractsShowArgs {}).await.map_err(fail)?
        }
        ContractsCmd::Deploy { create2: false, yes } => {
            let mut sub = None;
            for _ in 0..2 {
                let args = ContractsDeployPlanArgs { create2: false, subscription: sub.map(|a| checksum(&a)) };
                let plans = b.call(&args).await.map_err(fail)?;
                let r = confirm_all(cx, b, &plans, yes).await?;
                let deployed =
                    r.contract_address.ok_or_else(|| Fail::op(format!("deployment {} is not mined yet", r.hash)))?;
                let set = match sub {
                    None => ContractsSetArgs { subscription: Some(checksum(&deployed)), nft: None },
                    Some(_) => ContractsSetArgs { subscription: None, nft: Some(checksum(&deployed)) },
                };
                b.call(&set).await.map_err(fail)?;
                sub = sub.or(Some(deployed));
            }
            b.call(&ContractsShowArgs {}).await.map_err(fail)?
        }
        ContractsCmd::Show => b.call(&ContractsShowArgs {}).await.map_err(fail)?,
        ContractsCmd::Set { subscription, nft } => {
            for a in [&subscription, &nft].into_iter().flatten() {
                sonic_types::parse_address(a).map_err(|e| Fail::usage(e.to_string()))?;
            }
            b.call(&ContractsSetArgs { subscription, nft }).await.map_err(fail)?
        }
    };
    show_contracts(cx, v.subscription, v.nft)
}

/// Shows, asks and confirms each plan in turn (as without a host); the plans not
/// confirmed are dropped. The last one's result.
async fn confirm_all(cx: &Ctx, b: &Backend, plans: &[Plan], yes: bool) -> Result<sonic_types::dto::SendResult, Fail> {
    let mut last = None;
    for (i, plan) in plans.iter().enumerate() {
        let done = match approve_own(cx, b, plan, yes).await {
            Ok(()) => confirm_tx(cx, b, &plan.id, false).await,
            Err(f) => Err(f),
        };
        match done {
            Ok(r) => last = Some(r),
            Err(f) => {
                for rest in &plans[i + 1..] {
                    b.cancel_plan(&rest.id).await;
                }
                return Err(f);
            }
        }
    }
    last.ok_or_else(|| Fail::op("the engine made no plan".into()))
}

/// `sonic nft` beside a host: the image is read here (the user's own file) and its
/// bytes sent; the host's engine keeps them in the plan and pins with its own vault.
pub(crate) async fn nft_host(cx: &Ctx, b: &Backend, cmd: NftCmd) -> Result<(), Fail> {
    match cmd {
        NftCmd::Mint { name, description, image, yes } => {
            let (image_name, image) = match &image {
                Some(path) => {
                    let bytes = read_image(path)?;
                    (path.file_name().map(|n| n.to_string_lossy().into_owned()), Some(bytes))
                }
                None => (None, None),
            };
            let plan = b.call(&NftMintPlanArgs { name, description, image_name, image }).await.map_err(fail)?;
            approve_own(cx, b, &plan, yes).await?;
            let m = b.call(&NftMintConfirmArgs { id: plan.id.clone() }).await.map_err(fail)?;
            print_mint(cx, &m)
        }
        NftCmd::Pin => {
            b.ensure_unlocked(cx).await?;
            let n = b.call(&NftPinArgs {}).await.map_err(fail)?;
            print_pinned(cx, usize::try_from(n).unwrap_or(usize::MAX))
        }
        NftCmd::List => {
            for t in b.call(&NftListArgs {}).await.map_err(fail)?.unwrap_or_default() {
                print_nft(cx, &t)?;
            }
            Ok(())
        }
    }
}

/// Reads an image to send to the host, refusing more than fits in one request.
fn read_image(path: &std::path::Path) -> Result<Vec<u8>, Fail> {
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| Fail::op(format!("cannot read {shown}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(HOST_IMAGE_MAX as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Fail::op(format!("cannot read {shown}: {e}")))?;
    if bytes.len() > HOST_IMAGE_MAX {
        return Err(Fail::op(format!(
            "{shown} is larger than {} KiB, the most an image can take through the wallet's host; stop the host (quit the app or `sonic daemon`) to mint it here (up to 50 MB)",
            HOST_IMAGE_MAX / 1024
        )));
    }
    Ok(bytes)
}

/// `sonic subscription` beside a host.
pub(crate) async fn subscription_host(cx: &Ctx, b: &Backend, cmd: SubscriptionCmd) -> Result<(), Fail> {
    if let SubscriptionCmd::Purchase { yes } = cmd {
        let plan = b.call(&PremiumPlanArgs {}).await.map_err(fail)?;
        approve_own(cx, b, &plan, yes).await?;
        confirm_tx(cx, b, &plan.id, false).await?;
    }
    print_subscription(cx, &b.call(&SubscriptionStatusArgs {}).await.map_err(fail)?)
}
