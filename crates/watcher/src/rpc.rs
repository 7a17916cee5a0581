//! JSON-RPC over alloy with retries: exponential backoff with jitter, failover across
//! the network's URLs, and NetworkStatus events on every change of health. A garbage
//! reply is an error like any other and is retried, never recorded.

use std::{
    borrow::Cow,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Mutex,
    },
    time::Duration,
};

use alloy::{
    rpc::{
        client::RpcClient,
        json_rpc::{RpcRecv, RpcSend},
    },
    transports::http::{reqwest, Http},
};
use rand::Rng;
use sonic_bus::Bus;
use sonic_types::{event::NetStatus, Event};

use crate::{Error, Result};

/// Attempts before giving up on one call (about a minute of backoff in all).
const MAX_ATTEMPTS: u32 = 16;
const BASE_DELAY: Duration = Duration::from_millis(100);
const MAX_DELAY: Duration = Duration::from_secs(5);

/// The RPC endpoints of one network.
pub struct RpcPool {
    clients: Vec<(String, RpcClient)>,
    current: AtomicUsize,
    network: String,
    bus: Bus,
    status: Mutex<NetStatus>,
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
                Ok((u.clone(), RpcClient::new(Http::with_client(http.clone(), url), true)))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            clients,
            current: AtomicUsize::new(0),
            network: network.into(),
            bus,
            status: Mutex::new(NetStatus::Online),
            failures: AtomicUsize::new(0),
        })
    }

    fn client(&self) -> &RpcClient {
        &self.clients[self.current.load(Ordering::Relaxed) % self.clients.len()].1
    }

    fn set_status(&self, status: NetStatus) {
        let mut s = self.status.lock().unwrap_or_else(|p| p.into_inner());
        if *s != status {
            *s = status;
            self.bus.publish(Event::NetworkStatus { network: self.network.clone(), status });
        }
    }

    fn succeeded(&self) {
        self.failures.store(0, Ordering::Relaxed);
        self.set_status(NetStatus::Online);
    }

    async fn failed(&self, attempt: u32, what: &str, err: &str) {
        let n = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::debug!("{what} failed (attempt {attempt}): {err}");
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
            match self.client().request::<P, R>(Cow::Borrowed(method), params.clone()).await {
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
            match self.try_batch::<P, R>(method, params).await {
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

    async fn try_batch<P: RpcSend, R: RpcRecv>(&self, method: &'static str, params: &[P]) -> Result<Vec<R>, String> {
        if params.is_empty() {
            return Ok(Vec::new());
        }
        let mut batch = self.client().new_batch();
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
