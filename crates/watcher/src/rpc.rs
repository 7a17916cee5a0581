//! JSON-RPC over alloy with retries: exponential backoff with jitter, failover across
//! the network's URLs, and NetworkStatus events on every change of health. A garbage
//! reply is an error like any other and is retried, never recorded.

use std::{
    borrow::Cow,
    sync::{
        atomic::{AtomicU64, AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use alloy::{
    rpc::{
        client::RpcClient,
        json_rpc::{RpcRecv, RpcSend},
    },
    transports::http::reqwest,
};
use rand::Rng;
use sonic_bus::Bus;
use sonic_chain::transport::CappedHttp;
use sonic_types::{event::NetStatus, Event};

use crate::{Error, Result};

/// Attempts before giving up on one call (about a minute of backoff in all).
const MAX_ATTEMPTS: u32 = 16;
const BASE_DELAY: Duration = Duration::from_millis(100);
const MAX_DELAY: Duration = Duration::from_secs(5);

/// Calls, errors and latency of one endpoint since the process started: atomics, so
/// counting costs nothing next to the call.
#[derive(Debug, Default)]
pub struct EndpointStats {
    calls: AtomicU64,
    errors: AtomicU64,
    last_us: AtomicU64,
    total_us: AtomicU64,
}

impl EndpointStats {
    /// Counts one answered call (`ok`) or failed one that took `took`.
    pub fn record(&self, took: Duration, ok: bool) {
        let us = took.as_micros().min(u128::from(u64::MAX)) as u64;
        if ok {
            self.calls.fetch_add(1, Ordering::Relaxed);
            self.last_us.store(us, Ordering::Relaxed);
            self.total_us.fetch_add(us, Ordering::Relaxed);
        } else {
            self.errors.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// What [`endpoint_stats`] reports of one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointReport {
    /// The endpoint's URL as configured (may hold a key: mask it before showing).
    pub url: String,
    /// Calls answered.
    pub calls: u64,
    /// Calls failed (each attempt counts).
    pub errors: u64,
    /// Latency of the last answered call, µs.
    pub last_us: Option<u64>,
    /// Mean latency of the answered calls, µs.
    pub avg_us: Option<u64>,
}

/// Every endpoint used in this process, by URL (pools over the same URL share one).
static ENDPOINTS: Mutex<Vec<(String, Arc<EndpointStats>)>> = Mutex::new(Vec::new());

/// The counters of `url`, made on first use.
pub fn stats_for(url: &str) -> Arc<EndpointStats> {
    let mut all = ENDPOINTS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, s)) = all.iter().find(|(u, _)| u == url) {
        return s.clone();
    }
    let s = Arc::new(EndpointStats::default());
    all.push((url.to_string(), s.clone()));
    s
}

/// The counters of every endpoint used so far, in order of first use.
pub fn endpoint_stats() -> Vec<EndpointReport> {
    let all = ENDPOINTS.lock().unwrap_or_else(|p| p.into_inner());
    all.iter()
        .map(|(url, s)| {
            let calls = s.calls.load(Ordering::Relaxed);
            let answered = calls > 0;
            EndpointReport {
                url: url.clone(),
                calls,
                errors: s.errors.load(Ordering::Relaxed),
                last_us: answered.then(|| s.last_us.load(Ordering::Relaxed)),
                avg_us: answered.then(|| s.total_us.load(Ordering::Relaxed) / calls),
            }
        })
        .collect()
}

/// The RPC endpoints of one network.
pub struct RpcPool {
    clients: Vec<(String, RpcClient)>,
    stats: Vec<Arc<EndpointStats>>,
    current: AtomicUsize,
    network: String,
    bus: Bus,
    status: Mutex<Option<NetStatus>>,
    failures: AtomicUsize,
}

impl std::fmt::Debug for RpcPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RpcPool").field("urls", &self.clients.iter().map(|c| &c.0).collect::<Vec<_>>()).finish()
    }
}

impl RpcPool {
    /// A pool over `urls` (first preferred).
    pub fn new(network: &str, urls: &[String], bus: Bus) -> Result<Self> {
        if urls.is_empty() {
            return Err(Error::Config("no RPC URL".into()));
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| Error::Config(e.to_string()))?;
        let clients = urls
            .iter()
            .map(|u| {
                let url: reqwest::Url =
                    u.parse().map_err(|_| Error::Config(format!("'{u}' is not a valid RPC URL")))?;
                Ok((u.clone(), RpcClient::new(CappedHttp::new(http.clone(), url), true)))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            stats: clients.iter().map(|(u, _)| stats_for(u)).collect(),
            clients,
            current: AtomicUsize::new(0),
            network: network.into(),
            bus,
            status: Mutex::new(None),
            failures: AtomicUsize::new(0),
        })
    }

    fn index(&self) -> usize {
        self.current.load(Ordering::Relaxed) % self.clients.len()
    }

    fn set_status(&self, status: NetStatus) {
        let mut s = self.status.lock().unwrap_or_else(|p| p.into_inner());
        // Unknown until the first answer: the first one is said too (a healthy start
        // is "online", not nothing).
        if *s != Some(status) {
            *s = Some(status);
            self.bus.publish(Event::NetworkStatus { network: self.network.clone(), status });
        }
    }

    fn succeeded(&self) {
        self.failures.store(0, Ordering::Relaxed);
        self.set_status(NetStatus::Online);
    }

    async fn failed(&self, attempt: u32, what: &str, err: &str) {
        let n = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::warn!("{what} failed (attempt {attempt}): {err}");
        self.set_status(if n >= 6 { NetStatus::Offline } else { NetStatus::Degraded });
        // Fail over after two failures in a row on one endpoint.
        if n.is_multiple_of(2) && self.clients.len() > 1 {
            self.current.fetch_add(1, Ordering::Relaxed);
        }
        let exp = BASE_DELAY.saturating_mul(1 << attempt.min(6)).min(MAX_DELAY);
        let jitter = rand::thread_rng().gen_range(0..=exp.as_millis() as u64 / 2);
        tokio::time::sleep(exp + Duration::from_millis(jitter)).await;
    }

    /// One call, retried until it succeeds or the budget is spent.
    pub async fn call<P: RpcSend + Clone, R: RpcRecv>(&self, method: &'static str, params: P) -> Result<R> {
        let mut last = String::new();
        for attempt in 0..MAX_ATTEMPTS {
            let (i, start) = (self.index(), Instant::now());
            let reply = self.clients[i].1.request::<P, R>(Cow::Borrowed(method), params.clone()).await;
            self.stats[i].record(start.elapsed(), reply.is_ok());
            match reply {
                Ok(r) => {
                    self.succeeded();
                    return Ok(r);
                }
                Err(e) => {
                    last = e.to_string();
                    self.failed(attempt, method, &last).await;
                }
            }
        }
        Err(Error::Unavailable(format!("{method}: {last}")))
    }

    /// One JSON-RPC batch of the same method; all answers or a retry of the whole.
    pub async fn batch<P: RpcSend, R: RpcRecv>(&self, method: &'static str, params: &[P]) -> Result<Vec<R>> {
        let mut last = String::new();
        for attempt in 0..MAX_ATTEMPTS {
            let (i, start) = (self.index(), Instant::now());
            let reply = self.try_batch::<P, R>(i, method, params).await;
            self.stats[i].record(start.elapsed(), reply.is_ok());
            match reply {
                Ok(r) => {
                    self.succeeded();
                    return Ok(r);
                }
                Err(e) => {
                    last = e;
                    self.failed(attempt, method, &last).await;
                }
            }
        }
        Err(Error::Unavailable(format!("{method} batch: {last}")))
    }

    async fn try_batch<P: RpcSend, R: RpcRecv>(
        &self,
        i: usize,
        method: &'static str,
        params: &[P],
    ) -> Result<Vec<R>, String> {
        if params.is_empty() {
            return Ok(Vec::new());
        }
        let mut batch = self.clients[i].1.new_batch();
        let mut waiters = Vec::with_capacity(params.len());
        for p in params {
            waiters.push(batch.add_call::<P, R>(method, p).map_err(|e| e.to_string())?);
        }
        batch.send().await.map_err(|e| e.to_string())?;
        let mut out = Vec::with_capacity(waiters.len());
        for w in waiters {
            out.push(w.await.map_err(|e| e.to_string())?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod stats_tests {
    use super::*;

    #[test]
    fn endpoints_count_calls_errors_and_latency() {
        let url = "http://stats-test.invalid:1";
        let s = stats_for(url);
        assert!(Arc::ptr_eq(&s, &stats_for(url)), "one set of counters per URL");
        s.record(Duration::from_micros(300), true);
        s.record(Duration::from_micros(900), true);
        s.record(Duration::from_secs(5), false);
        let r = endpoint_stats().into_iter().find(|e| e.url == url).expect("listed");
        assert_eq!((r.calls, r.errors, r.last_us, r.avg_us), (2, 1, Some(900), Some(600)));
    }
}
