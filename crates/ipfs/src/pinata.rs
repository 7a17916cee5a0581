//! Pinning to Pinata with its v3 Files API (`POST /v3/files`, multipart, network
//! public, a JWT). The CID Pinata returns must equal ours.

use std::time::Duration;

use serde::Deserialize;
use sonic_types::redact::scrub;

use crate::{Error, Result};

/// Pinata's upload endpoint.
pub const DEFAULT_URL: &str = "https://uploads.pinata.cloud";

/// A Pinata client.
#[derive(Clone)]
pub struct Pinata {
    base_url: String,
    jwt: String,
    http: reqwest::Client,
}

impl std::fmt::Debug for Pinata {
    /// Never prints the JWT.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pinata").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Upload {
    data: UploadData,
}

#[derive(Deserialize)]
struct UploadData {
    cid: String,
}

impl Pinata {
    /// A client for `base_url` (normally [`DEFAULT_URL`]) with a JWT.
    pub fn new(base_url: &str, jwt: &str) -> Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| Error::Pinata(scrub(&e.to_string())))?;
        Ok(Self { base_url: base_url.trim_end_matches('/').to_string(), jwt: jwt.to_string(), http })
    }

    /// Uploads `bytes` publicly under `name` and checks that Pinata's CID is `ours`.
    pub async fn pin(&self, name: &str, bytes: Vec<u8>, ours: &str) -> Result<()> {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
        let form =
            reqwest::multipart::Form::new().part("file", part).text("network", "public").text("name", name.to_string());
        let resp = self
            .http
            .post(format!("{}/v3/files", self.base_url))
            .bearer_auth(&self.jwt)
            .multipart(form)
            .send()
            .await
            .map_err(|e| Error::Pinata(scrub(&format!("cannot reach {}: {e}", self.base_url))))?;
        let status = resp.status();
        // Pinata's answer is a few hundred bytes.
        let text =
            sonic_net::read_capped_text(resp, 1 << 20).await.map_err(|e| Error::Pinata(scrub(&e.to_string())))?;
        if !status.is_success() {
            // The body may quote the JWT back; scrubbed whole, then cut.
            return Err(Error::Pinata(format!(
                "HTTP {status}: {}",
                scrub(&text).chars().take(200).collect::<String>()
            )));
        }
        let up: Upload = serde_json::from_str(&text)
            .map_err(|e| Error::Pinata(format!("unexpected answer ({})", scrub(&e.to_string()))))?;
        if up.data.cid != ours {
            return Err(Error::CidMismatch { ours: ours.to_string(), theirs: up.data.cid });
        }
        Ok(())
    }
}
