//! The engine: the one API that the `sonic` CLI and the desktop shell call. It owns the
//! vault, the store, the bus and the chain connection, and it is the only place where a
//! plan becomes a signed transaction (see [`Engine::confirm`]).

mod agent;
mod balances;
mod confirm;
mod contacts;
mod contracts;
mod dapp;
mod defi;
mod devnet;
mod diagnostics;
mod engine;
mod error;
mod history;
mod kyber;
mod links;
mod networks;
mod nft;
mod plan;
mod portfolio;
mod send;
mod send_steps;
mod settings;
mod stake;
mod swap;
mod tokens;
mod tx;
mod wallet;

pub use contracts::{ContractAddresses, NOT_DEPLOYED};
pub use dapp::{normalize_origin, proposer, DappTx, SignRequest, PERMIT2};
pub use defi::{age_phrase, pool_line, tvl_text, usd_text, AssetPrice, YieldPools};
pub use devnet::DevnetDefi;
pub use engine::{Config, Engine};
pub use error::{Error, Result};
pub use history::HistoryFilter;
pub use links::ResolvedLink;
pub use nft::{MintImage, NftDraft};
pub use plan::PlanDone;
pub use send::{AmountSpec, SendRequest};
pub use sonic_bus::Bus;
pub use sonic_defi::Pool;
pub use sonic_llm::{ProviderConfig, ProviderKind};
pub use sonic_types::dto::AgentReply;
pub use sonic_vault::{fsutil, KdfParams, WordCount};
pub use stake::{Delegation, StakeStatus, UndelegatePlan, ValidatorInfo, WithdrawalInfo};
pub use swap::{bps_text, SwapQuote, SwapRequest, DEFAULT_SLIPPAGE_BPS, MAX_SLIPPAGE_BPS, PRICE_IMPACT_RISK_BPS};
pub use tokens::Asset;
