//! Premium and NFTs for their pages: the subscription's status, purchase and mint plans
//! (cards; nothing is signed here), the gallery and its images from the local content
//! store.

use sonic_types::{
    dto::{NftInfo, Plan, SubscriptionStatus},
    ipc::{NftImageArgs, NftListArgs, NftMintPlanArgs, PremiumPlanArgs, PremiumStatusArgs},
    IpcError,
};
use tauri::AppHandle;

use super::engine;

/// The default account's Premium status; `None` where the contract has no code here.
pub(crate) async fn premium_status(
    app: &AppHandle,
    _args: PremiumStatusArgs,
) -> Result<Option<SubscriptionStatus>, IpcError> {
    let engine = engine(app)?;
    if engine.contract_addresses().await?.subscription.is_none() {
        return Ok(None);
    }
    Ok(Some(engine.subscription_status().await?))
}

/// Plans buying or renewing one period.
pub(crate) async fn premium_plan(app: &AppHandle, _args: PremiumPlanArgs) -> Result<Plan, IpcError> {
    Ok(engine(app)?.plan_subscription_purchase().await?)
}

/// Plans a mint with the bytes of the picked image (no path); the host's own function.
pub(crate) async fn nft_mint_plan(app: &AppHandle, args: NftMintPlanArgs) -> Result<Plan, IpcError> {
    sonic_host::shared::nft_mint_plan(&*engine(app)?, args).await
}

/// The default account's NFTs; `None` where the NFT contract has no code here.
pub(crate) async fn nft_list(app: &AppHandle, args: NftListArgs) -> Result<Option<Vec<NftInfo>>, IpcError> {
    sonic_host::shared::nft_list(&*engine(app)?, args).await
}

/// An image of the local content store as a `data:` URL.
pub(crate) async fn nft_image(app: &AppHandle, args: NftImageArgs) -> Result<Option<String>, IpcError> {
    Ok(engine(app)?.nft_image_data_url(&args.cid)?)
}
