//! The NFT creator: metadata JSON and image stored as IPFS content (CIDs computed
//! locally, bytes kept in the data directory, pinned to Pinata when configured), then
//! minted with `ipfs://CID` through plan/confirm. Minting needs Premium, which the
//! contract itself enforces; the engine checks first to give a clear error.

use std::{
    io::Read,
    path::{Path, PathBuf},
    time::Duration,
};

use alloy::{
    primitives::{Address, Bytes, U256},
    sol_types::SolCall,
};
use serde::{Deserialize, Serialize};
use sonic_chain::contracts::SmartSonicNFT;
use sonic_ipfs::{pinata::Pinata, store::ContentStore, MAX_FILE_SIZE};
use sonic_store::settings::{pinned as pinned_key, PINATA_URL};
use sonic_types::dto::{MintResult, NftInfo, Plan, PlanKind};

use sonic_chain::TxSpec;

use crate::{contracts::subscription_required, engine::Engine, plan::Exec, Error, Result};

const PINATA_SECRET: &str = "pinata_jwt";

/// ERC-721 metadata, fields in a fixed order so the same inputs give the same CID.
#[derive(Debug, Serialize, Deserialize)]
struct Metadata {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image: Option<String>,
}

/// The image of a mint plan.
#[derive(Clone)]
pub enum MintImage {
    /// A file (the CLI): only its name and size are known until confirmation, when it
    /// is read (refused if its size changed).
    File(PathBuf, u64),
    /// Bytes the desktop's file picker read in the webview, with the file's name: no
    /// path reaches the engine. They are kept in the plan, in memory only, and stored,
    /// hashed and pinned only at confirmation.
    Bytes(String, Vec<u8>),
}

impl std::fmt::Debug for MintImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MintImage::File(p, n) => write!(f, "File({}, {n} bytes)", file_name(p)),
            MintImage::Bytes(name, b) => write!(f, "Bytes({name}, {} bytes)", b.len()),
        }
    }
}

impl MintImage {
    fn name(&self) -> String {
        match self {
            MintImage::File(p, _) => file_name(p),
            MintImage::Bytes(name, _) => name.clone(),
        }
    }

    fn size(&self) -> u64 {
        match self {
            MintImage::File(_, n) => *n,
            MintImage::Bytes(_, b) => b.len() as u64,
        }
    }
}

/// The media type of an image from its first bytes (PNG, JPEG, GIF, WebP), for the
/// gallery's `data:` URLs; `None` for anything else, which is not shown.
fn image_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Content prepared for a mint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NftDraft {
    /// CID of the metadata JSON.
    pub metadata_cid: String,
    /// CID of the image.
    pub image_cid: Option<String>,
    /// Pinned to Pinata.
    pub pinned: bool,
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "image".into())
}

/// The size of a regular file of at most 50 MB; nothing of it is read.
fn image_size(path: &Path) -> Result<u64> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Invalid(format!("cannot use {}: {e}", file_name(path))))?;
    if !meta.is_file() {
        return Err(Error::Invalid(format!("{} is not a file", file_name(path))));
    }
    if meta.len() > MAX_FILE_SIZE as u64 {
        return Err(Error::Invalid(format!("{} is larger than 50 MB", file_name(path))));
    }
    Ok(meta.len())
}

/// Reads exactly `size` bytes of `path`; a file that grew or shrank is refused.
fn read_bounded(path: &Path, size: u64) -> Result<Vec<u8>> {
    let f = std::fs::File::open(path).map_err(|e| Error::Invalid(format!("cannot read {}: {e}", file_name(path))))?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).min(MAX_FILE_SIZE));
    f.take(size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Invalid(format!("cannot read {}: {e}", file_name(path))))?;
    if bytes.len() as u64 != size {
        return Err(Error::Plan(format!("{} changed since the plan was made; plan again", file_name(path))));
    }
    Ok(bytes)
}

impl Engine {
    fn content(&self) -> ContentStore {
        ContentStore::new(&self.data_dir().join("ipfs"))
    }

    /// Turns Pinata pinning on (with the JWT, kept in the vault) or off.
    pub async fn set_pinata(&self, url: Option<&str>, jwt: Option<&str>) -> Result<()> {
        self.with_vault_mut(|v| Ok(v.set_secret(PINATA_SECRET, jwt)?)).await?;
        Ok(self.store().set_setting(&PINATA_URL, &url.map(str::to_string))?)
    }

    async fn pinata(&self) -> Option<Pinata> {
        let url = self.store().setting(&PINATA_URL).ok().flatten().flatten()?;
        let jwt = self.with_vault_mut(|v| Ok(v.secret(PINATA_SECRET)?)).await.ok()??;
        Pinata::new(&url, &jwt).ok()
    }

    /// Plans minting a token named `name` with an optional image. Before confirmation
    /// nothing is read of the image beyond its name and size and nothing leaves the
    /// machine: Premium is checked first, the image is read, stored, hashed and pinned
    /// in [`Engine::confirm_nft_mint`].
    pub async fn plan_nft_mint(&self, name: &str, description: &str, image: Option<&Path>) -> Result<Plan> {
        let image = match image {
            Some(path) => Some(MintImage::File(path.to_path_buf(), image_size(path)?)),
            None => None,
        };
        self.plan_mint(name, description, image).await
    }

    /// Plans a mint with an image the desktop's file picker read (its file name and
    /// bytes; no path). The bytes stay in the plan, in memory, until confirmation.
    pub async fn plan_nft_mint_bytes(
        &self,
        name: &str,
        description: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Result<Plan> {
        if bytes.is_empty() {
            return Err(Error::Invalid(format!("{file_name} is empty")));
        }
        if bytes.len() > MAX_FILE_SIZE {
            return Err(Error::Invalid(format!("{file_name} is larger than 50 MB")));
        }
        // Only the last component of the name the picker gave, for display.
        let shown = Path::new(file_name).file_name().map(|n| n.to_string_lossy().into_owned());
        let shown = shown.filter(|n| !n.is_empty()).unwrap_or_else(|| "image".into());
        self.plan_mint(name, description, Some(MintImage::Bytes(shown, bytes))).await
    }

    async fn plan_mint(&self, name: &str, description: &str, image: Option<MintImage>) -> Result<Plan> {
        let name = name.trim().to_string();
        if name.is_empty() || name.len() > 200 {
            return Err(Error::Invalid("an NFT needs a name of 1 to 200 characters".into()));
        }
        let description = description.trim().to_string();
        if description.len() > 2_000 {
            return Err(Error::Invalid("an NFT description has at most 2000 characters".into()));
        }
        if !self.premium_active().await? {
            return Err(subscription_required("Minting an NFT"));
        }
        let nft = self.contract_addresses().await?.nft.ok_or_else(|| {
            Error::NotFound(format!(
                "the Smart Sonic NFT contract is {} (`sonic contracts deploy --create2`)",
                crate::contracts::NOT_DEPLOYED
            ))
        })?;
        let image_file = image.as_ref().map(MintImage::name);
        // The calldata's size decides its gas, not its content: estimate with a URI of
        // the real one's length (every CIDv1 here is 59 characters).
        let placeholder = format!("ipfs://{}", "b".repeat(59));
        let data: Bytes = SmartSonicNFT::mintCall { uri: placeholder }.abi_encode().into();
        let what = match (&image_file, &image) {
            (Some(f), Some(i)) => format!("Mint an NFT \"{name}\" with the image {f} ({} bytes)", i.size()),
            _ => format!("Mint an NFT \"{name}\" without an image"),
        };
        let kind =
            PlanKind::NftMint { name: name.clone(), image_file, image_bytes: image.as_ref().map(MintImage::size) };
        self.plan_contract_tx_with(Some(nft), U256::ZERO, data, kind, what, |spec| Exec::NftMint {
            spec,
            contract: nft,
            name,
            description,
            image,
        })
        .await
    }

    /// At confirmation: checks Premium again, reads the image (refused if it changed
    /// since the plan), stores the content, pins it when Pinata is set up, and puts the
    /// real token URI into the mint transaction.
    pub(crate) async fn prepare_mint(
        &self,
        mut spec: TxSpec,
        contract: Address,
        name: &str,
        description: &str,
        image: Option<MintImage>,
    ) -> Result<(TxSpec, NftDraft)> {
        if !self.premium_active().await? {
            return Err(subscription_required("Minting an NFT"));
        }
        if spec.to != Some(contract) {
            return Err(Error::Plan("the mint plan does not call the NFT contract".into()));
        }
        let store = self.content();
        let mut pin_list = Vec::new();
        let image_cid = match image {
            Some(MintImage::Bytes(file, bytes)) => {
                let cid = store.put(&bytes)?;
                pin_list.push((file, bytes, cid.clone()));
                Some(cid)
            }
            Some(MintImage::File(path, planned)) => {
                if image_size(&path)? != planned {
                    return Err(Error::Plan(format!(
                        "{} changed since the plan was made; plan again",
                        file_name(&path)
                    )));
                }
                let bytes = read_bounded(&path, planned)?;
                let cid = store.put(&bytes)?;
                pin_list.push((file_name(&path), bytes, cid.clone()));
                Some(cid)
            }
            None => None,
        };
        let metadata = Metadata {
            name: name.to_string(),
            description: description.to_string(),
            image: image_cid.as_ref().map(|c| format!("ipfs://{c}")),
        };
        let json = serde_json::to_vec(&metadata).map_err(|e| Error::Io(format!("cannot encode the metadata: {e}")))?;
        let metadata_cid = store.put(&json)?;
        pin_list.push((format!("{name}.json"), json, metadata_cid.clone()));
        let pinned = match self.pinata().await {
            Some(p) => {
                for (file, bytes, cid) in pin_list {
                    p.pin(&file, bytes, &cid).await?;
                }
                true
            }
            None => false,
        };
        self.store().set_setting(&pinned_key(&metadata_cid), &pinned)?;
        spec.data = SmartSonicNFT::mintCall { uri: format!("ipfs://{metadata_cid}") }.abi_encode().into();
        Ok((spec, NftDraft { metadata_cid, image_cid, pinned }))
    }

    /// Confirms a mint plan (see [`Engine::prepare_mint`]) and reads back the new token.
    pub async fn confirm_nft_mint(&self, plan_id: &str) -> Result<MintResult> {
        let (r, draft) = self.confirm_tx(plan_id, Some(Duration::from_secs(60))).await?;
        let draft = draft.ok_or_else(|| Error::Plan("this plan is not a mint".into()))?;
        if r.block.is_none() {
            return Err(Error::Plan(format!("mint {} is not mined yet; see `sonic nft list` later", r.hash)));
        }
        let tokens = self.nft_list().await?;
        let uri = format!("ipfs://{}", draft.metadata_cid);
        let token = tokens
            .iter()
            .rev()
            .find(|t| t.token_uri == uri)
            .ok_or_else(|| Error::Plan(format!("the mint {} reverted or the token is not yours", r.hash)))?;
        Ok(MintResult {
            token_id: token.token_id,
            token_uri: uri,
            metadata_cid: draft.metadata_cid.clone(),
            image_cid: draft.image_cid.clone(),
            pinned: draft.pinned,
            hash: r.hash,
        })
    }

    /// Pins every minted token's metadata and image that is not pinned yet (needs
    /// Pinata set up and the vault unlocked); returns how many tokens were pinned.
    pub async fn nft_pin_pending(&self) -> Result<usize> {
        let pinata = self.pinata().await.ok_or_else(|| {
            Error::Invalid("Pinata is not set up (sonic settings pinata --jwt-file F), or the wallet is locked".into())
        })?;
        let store = self.content();
        let mut pinned = 0;
        for t in self.nft_list().await?.into_iter().filter(|t| !t.pinned) {
            let cid = t.token_uri.trim_start_matches("ipfs://").to_string();
            let Some(meta) = store.get(&cid)? else { continue };
            if let Some(image) = &t.image_cid {
                if let Some(bytes) = store.get(image)? {
                    pinata.pin("image", bytes, image).await?;
                }
            }
            pinata.pin(&format!("{cid}.json"), meta, &cid).await?;
            self.store().set_setting(&pinned_key(&cid), &true)?;
            pinned += 1;
        }
        Ok(pinned)
    }

    /// An image of the local content store as a `data:` URL for the desktop's gallery
    /// (the strict CSP allows `img-src data:`); `None` when the content is not stored
    /// here or is not a PNG, JPEG, GIF or WebP image.
    pub fn nft_image_data_url(&self, cid: &str) -> Result<Option<String>> {
        use base64::Engine as _;
        let Some(bytes) = self.content().get(cid)? else { return Ok(None) };
        let Some(mime) = image_mime(&bytes) else { return Ok(None) };
        Ok(Some(format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(&bytes))))
    }

    /// The default account's tokens, with metadata from the local content store.
    pub async fn nft_list(&self) -> Result<Vec<NftInfo>> {
        let chain = self.chain().await?;
        let Some(nft) = self.contract_addresses().await?.nft else { return Ok(Vec::new()) };
        let me = self.resolve_account(None).await?.address;
        let c = SmartSonicNFT::new(nft, chain.provider());
        let bad = |e| Error::contract("NFT", e);
        let count: u64 = c.balanceOf(me).call().await.map_err(bad)?.try_into().unwrap_or(0);
        let store = self.content();
        let mut out = Vec::new();
        for i in 0..count.min(1000) {
            let id = c.tokenOfOwnerByIndex(me, U256::from(i)).call().await.map_err(bad)?;
            let uri = c.tokenURI(id).call().await.map_err(bad)?;
            let cid = uri.strip_prefix("ipfs://").unwrap_or_default().to_string();
            let meta: Option<Metadata> = store.get(&cid).ok().flatten().and_then(|b| serde_json::from_slice(&b).ok());
            let pinned = self.store().setting(&pinned_key(&cid))?.unwrap_or(false);
            out.push(NftInfo {
                token_id: id,
                token_uri: uri,
                name: meta.as_ref().map(|m| m.name.clone()),
                description: meta.as_ref().map(|m| m.description.clone()).filter(|d| !d.is_empty()),
                image_cid: meta.and_then(|m| m.image).map(|i| i.trim_start_matches("ipfs://").to_string()),
                pinned,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::image_mime;

    #[test]
    fn only_known_image_types_get_a_media_type() {
        assert_eq!(image_mime(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_mime(&[0xff, 0xd8, 0xff, 0xe0]), Some("image/jpeg"));
        assert_eq!(image_mime(b"GIF89a.."), Some("image/gif"));
        assert_eq!(image_mime(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_mime(b"<svg onload=alert(1)>"), None, "no SVG: it can carry script");
        assert_eq!(image_mime(b""), None);
    }
}
