//! The Diagnostics report: per-endpoint RPC latency and errors (counted in the
//! watcher's RPC pool and here), chain head, watcher cursor and lag, cache ages,
//! versions. Nothing secret: endpoints are shown by scheme and host only.

use std::time::{Duration, Instant};

use alloy::providers::Provider;
use sonic_defi::NATIVE_COIN;
use sonic_types::dto::{DiagnosticsReport, EndpointDiag};

use crate::{engine::Engine, plan::now_secs, settings::price_cache, Result};

/// How long the head is waited for: the page shows what it has rather than hang.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// `url` as scheme and host (with port): no user, path, query or fragment, where a
/// provider's key lives.
pub(crate) fn endpoint_label(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return "(not a URL)".into() };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    format!("{scheme}://{host}")
}

impl Engine {
    /// The app's health now; `app_version` is the shell's. Asks the node for its head
    /// (at most [`HEAD_TIMEOUT`]); everything else is local.
    pub async fn diagnostics(&self, app_version: &str) -> Result<DiagnosticsReport> {
        let net = self.active_network()?;
        let known_id = net.chain_id.unwrap_or_default();
        let (head, head_error, chain_id): (_, Option<String>, _) =
            match tokio::time::timeout(HEAD_TIMEOUT, self.head()).await {
                Ok(Ok((head, id))) => (Some(head), None, id),
                Ok(Err(e)) => (None, Some(e.to_string()), known_id),
                Err(_) => (None, Some(format!("no answer within {} s", HEAD_TIMEOUT.as_secs())), known_id),
            };
        let cursor = self.store().cursor(chain_id)?;
        let now = now_secs();
        let balances_age_secs = match self.last_balances(None).await {
            Ok(Some(b)) => Some(now.saturating_sub(b.at)),
            _ => None,
        };
        let price_age_secs = self.store().setting(&price_cache(NATIVE_COIN))?.map(|c| now.saturating_sub(c.fetched_at));
        let endpoints = sonic_watcher::endpoint_stats()
            .into_iter()
            .map(|e| EndpointDiag {
                url: endpoint_label(&e.url),
                calls: e.calls,
                errors: e.errors,
                last_us: e.last_us,
                avg_us: e.avg_us,
            })
            .collect();
        Ok(DiagnosticsReport {
            app_version: app_version.to_string(),
            engine_version: env!("CARGO_PKG_VERSION").to_string(),
            network: net.name,
            chain_id,
            data_dir: self.data_dir().display().to_string(),
            head,
            head_error: head_error.map(|e| sonic_types::redact::scrub(&e)),
            cursor,
            head_lag: head.zip(cursor).map(|(h, c)| h.saturating_sub(c)),
            balances_age_secs,
            price_age_secs,
            endpoints,
        })
    }

    /// The chain head and chain id, the call counted with the endpoint's statistics.
    async fn head(&self) -> Result<(u64, u64)> {
        let chain = self.chain().await?;
        let stats = sonic_watcher::stats_for(chain.url());
        let start = Instant::now();
        let head = chain.provider().get_block_number().await;
        stats.record(start.elapsed(), head.is_ok());
        let head = head.map_err(|e| crate::Error::rpc("the chain head", e))?;
        Ok((head, chain.chain_id()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_show_scheme_and_host_only() {
        assert_eq!(endpoint_label("http://127.0.0.1:8545"), "http://127.0.0.1:8545");
        assert_eq!(
            endpoint_label("https://sonic-mainnet.g.alchemy.com/v2/Xy7kQ2pLm9Rt4Vb8"),
            "https://sonic-mainnet.g.alchemy.com"
        );
        assert_eq!(endpoint_label("https://user:pw@rpc.example.org/?apikey=abc#x"), "https://rpc.example.org");
        assert_eq!(endpoint_label("not a url"), "(not a URL)");
    }
}
