//! Market data for display: current token prices (DefiLlama's coins API) and yield
//! pools on Sonic (DefiLlama's yields API); and swap routes from KyberSwap's
//! aggregator API, returned for the engine to check, never trusted. Every reply is
//! read as hostile input: the body is bounded, rows missing a field or carrying a non-finite or negative number
//! are skipped, and a price for a coin that was not asked for is ignored.
//!
//! Prices and APYs are `f64`: they are shown, never used to compute an amount.

pub mod chart;
mod error;
#[cfg(feature = "fake-server")]
pub mod fake;
mod http;
pub mod prices;
pub mod swap;
pub mod yields;

pub use chart::{price_at, PricePoint, DAY_SECS};
pub use error::{Error, Result};
pub use prices::{coin_key, PriceClient, Quote, NATIVE_COIN, PRICES_URL_ENV};
pub use swap::{
    parse_build, parse_route, KyberBuild, KyberClient, KyberRoute, KYBER_ROUTER, NATIVE_TOKEN, SWAP_URL_ENV,
};
pub use yields::{Pool, YieldsClient, YIELDS_URL_ENV};

/// The name of the source, as shown and as printed in JSON.
pub const SOURCE: &str = "defillama";
