//! Premium and NFTs for their pages: the subscription's status, purchase and mint plans
//! (cards; nothing is signed here), the image picked in the system's file dialog
//! (tauri-plugin-dialog; its path stays here), the gallery and its images from the
//! local content store.

use std::sync::atomic::{AtomicU64, Ordering};

use sonic_types::{
    dto::{NftInfo, PickedImage, Plan, SubscriptionStatus},
    ipc::{
        NftImageArgs, NftImagePickArgs, NftListArgs, NftMintPickedPlanArgs, NftMintPlanArgs, PremiumPlanArgs,
        PremiumStatusArgs,
    },
    ErrorCode, IpcError,
};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use super::engine;
use crate::state::AppState;

/// The image types the dialog offers (the NFT page's accept list).
const IMAGE_TYPES: [&str; 5] = ["png", "jpg", "jpeg", "gif", "webp"];

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

/// Opens the system's file dialog for an image and keeps the picked path (the last
/// pick replaces the one before); the webview gets its name, size and an id.
pub(crate) async fn nft_image_pick(app: &AppHandle, _args: NftImagePickArgs) -> Result<Option<PickedImage>, IpcError> {
    static PICKS: AtomicU64 = AtomicU64::new(0);
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().set_title("Choose the NFT's image").add_filter("Images", &IMAGE_TYPES).pick_file(
        move |picked| {
            let _ = tx.send(picked);
        },
    );
    // The dialog gone without an answer is a cancel.
    let Some(picked) = rx.await.ok().flatten() else { return Ok(None) };
    let path = picked
        .into_path()
        .map_err(|e| IpcError::new(ErrorCode::InvalidInput, format!("the picked file has no local path: {e}")))?;
    let meta = std::fs::metadata(&path)
        .map_err(|e| IpcError::new(ErrorCode::InvalidInput, format!("the picked file cannot be read: {e}")))?;
    if !meta.is_file() {
        return Err(IpcError::new(ErrorCode::InvalidInput, "the picked item is not a file"));
    }
    let size = u32::try_from(meta.len())
        .map_err(|_| IpcError::new(ErrorCode::InvalidInput, "the picked file is larger than 50 MB"))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "image".into());
    let id = format!("pick-{}", PICKS.fetch_add(1, Ordering::Relaxed) + 1);
    app.state::<AppState>().set_picked_image(id.clone(), path);
    Ok(Some(PickedImage { id, name, size }))
}

/// Plans a mint with the image picked last (read by the engine from its path, size
/// checked now and again at confirmation), or with none. An id that is not the last
/// pick's is refused: the card must show the image the form showed.
pub(crate) async fn nft_mint_picked_plan(app: &AppHandle, args: NftMintPickedPlanArgs) -> Result<Plan, IpcError> {
    let engine = engine(app)?;
    let path = match &args.pick {
        Some(id) => Some(app.state::<AppState>().picked_image(id).ok_or_else(|| {
            IpcError::new(ErrorCode::InvalidInput, "choose the image again: that pick is no longer the last one")
        })?),
        None => None,
    };
    Ok(engine.plan_nft_mint(&args.name, &args.description, path.as_deref()).await?)
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
