//! A connection to one network's RPC, checked against the network's chain id.

use std::time::Duration;

use alloy::{
    consensus::{SignableTransaction, TxEip1559, TxEnvelope},
    eips::{BlockNumberOrTag, Encodable2718},
    network::TxSignerSync,
    primitives::{Address, Bytes, TxKind, B256, U256},
    providers::{Provider, RootProvider},
    rpc::{client::RpcClient, types::TransactionRequest},
    signers::local::PrivateKeySigner,
    sol_types::SolCall,
    transports::http::reqwest,
};
use sonic_types::{dto::TokenInfo, redact::scrub, Network};

use crate::{erc20::IERC20, Error, Result};

/// How long one RPC request may take.
const RPC_TIMEOUT: Duration = Duration::from_secs(15);

/// EIP-1559 fee parameters for a new transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fees {
    /// Base fee of the latest block, wei.
    pub base_fee: u128,
    /// Priority fee (tip), wei.
    pub priority_fee: u128,
    /// Max fee per gas, wei: twice the base fee plus the tip, which covers several
    /// full blocks of base-fee growth and satisfies Sonic's 1.05x minimum.
    pub max_fee: u128,
}

/// A fully specified transaction, ready to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxSpec {
    /// Sender.
    pub from: Address,
    /// Contract or recipient called; `None` deploys a contract with `data` as init code.
    pub to: Option<Address>,
    /// Native value, wei.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// Gas limit.
    pub gas_limit: u64,
    /// Fees.
    pub fees: Fees,
    /// A fixed nonce (a speed-up or cancel replaces a pending transaction); `None`
    /// takes the next one.
    pub nonce: Option<u64>,
}

/// What a receipt says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mined {
    /// Executed without revert.
    pub success: bool,
    /// Block number.
    pub block: u64,
    /// Address of the contract a deployment created.
    pub contract_address: Option<Address>,
}

/// A connected, chain-id-checked RPC client.
#[derive(Clone, Debug)]
pub struct Chain {
    provider: RootProvider,
    url: String,
    network: Network,
    chain_id: u64,
}

impl Chain {
    /// Connects to the network's first RPC URL (or `rpc_override`) and checks that
    /// eth_chainId matches the network's chain id. Nothing is signed on a mismatch,
    /// because no `Chain` exists then.
    pub async fn connect(network: &Network, rpc_override: Option<&str>) -> Result<Self> {
        let url = rpc_override.unwrap_or(network.rpc_url()).to_string();
        let parsed: reqwest::Url = url.parse().map_err(|_| Error::BadUrl(scrub(&url)))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::BadUrl(scrub(&url)));
        }
        let client = reqwest::Client::builder()
            .timeout(RPC_TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| Error::Rpc(e.to_string()))?;
        let is_local = parsed.host_str().is_some_and(|h| h == "127.0.0.1" || h == "localhost");
        let rpc = RpcClient::new(crate::transport::CappedHttp::new(client, parsed), is_local);
        let provider = RootProvider::new(rpc);
        let actual = provider.get_chain_id().await.map_err(|e| Error::from_rpc(&url, e))?;
        if let Some(expected) = network.chain_id {
            if expected != actual {
                return Err(Error::ChainMismatch { network: network.name.clone(), url: scrub(&url), expected, actual });
            }
        }
        Ok(Self { provider, url, network: network.clone(), chain_id: actual })
    }

    /// The chain id the node reported.
    pub fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// The network this connection serves.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The RPC URL in use.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn rpc_err(&self, e: alloy::transports::TransportError) -> Error {
        Error::from_rpc(&self.url, e)
    }

    /// Native S balance, wei.
    pub async fn native_balance(&self, account: Address) -> Result<U256> {
        self.provider.get_balance(account).await.map_err(|e| self.rpc_err(e))
    }

    /// Reads a token's symbol and decimals from the chain.
    pub async fn token_info(&self, token: Address) -> Result<TokenInfo> {
        let code = self.provider.get_code_at(token).await.map_err(|e| self.rpc_err(e))?;
        if code.is_empty() {
            return Err(Error::BadContract(format!("{token} (no contract there)")));
        }
        let c = IERC20::new(token, &self.provider);
        let decimals = c.decimals().call().await.map_err(|_| Error::BadContract(format!("{token} (decimals)")))?;
        let symbol = c.symbol().call().await.map_err(|_| Error::BadContract(format!("{token} (symbol)")))?;
        let symbol: String = symbol.chars().filter(|c| !c.is_control()).take(16).collect();
        if symbol.is_empty() || decimals > 36 {
            return Err(Error::BadContract(format!("{token} (not an ERC-20 token)")));
        }
        Ok(TokenInfo { address: token, symbol, decimals })
    }

    /// A token balance in base units.
    pub async fn token_balance(&self, token: Address, account: Address) -> Result<U256> {
        IERC20::new(token, &self.provider)
            .balanceOf(account)
            .call()
            .await
            .map_err(|_| Error::BadContract(format!("{token} (balanceOf)")))
    }

    /// Whether there is code at `address`.
    pub async fn is_contract(&self, address: Address) -> Result<bool> {
        Ok(!self.provider.get_code_at(address).await.map_err(|e| self.rpc_err(e))?.is_empty())
    }

    /// Current fees from the node: the latest base fee and the node's suggested tip.
    pub async fn fees(&self) -> Result<Fees> {
        let block = self
            .provider
            .get_block_by_number(BlockNumberOrTag::Latest)
            .await
            .map_err(|e| self.rpc_err(e))?
            .ok_or_else(|| Error::Rpc("no latest block".into()))?;
        let base_fee = u128::from(block.header.base_fee_per_gas.unwrap_or(0));
        let priority_fee = self.provider.get_max_priority_fee_per_gas().await.unwrap_or(1_000_000_000);
        Ok(Fees { base_fee, priority_fee, max_fee: base_fee.saturating_mul(2).saturating_add(priority_fee) })
    }

    /// Runs the call with eth_call (a revert becomes [`Error::Reverted`] with its reason),
    /// then estimates gas and adds a margin: 20% for contract calls; plain transfers to
    /// an account use exactly what the node estimates (21000).
    pub async fn simulate_and_estimate(
        &self,
        from: Address,
        to: Option<Address>,
        value: U256,
        data: &Bytes,
    ) -> Result<u64> {
        let mut req = TransactionRequest::default().from(from).value(value).input(data.clone().into());
        req.to = Some(to.map(TxKind::Call).unwrap_or(TxKind::Create));
        let out = self.provider.call(req.clone()).await.map_err(|e| self.rpc_err(e))?;
        if to.is_some() && !data.is_empty() && out.len() == 32 && out.iter().all(|b| *b == 0) {
            // An ERC-20 transfer that returns false instead of reverting.
            return Err(Error::Reverted("the token refused the transfer (returned false)".into()));
        }
        let gas = self.provider.estimate_gas(req).await.map_err(|e| self.rpc_err(e))?;
        Ok(if gas <= 21_000 { gas } else { gas.saturating_add(gas / 5) })
    }

    /// The node's pending transaction count for `account`.
    pub async fn pending_nonce(&self, account: Address) -> Result<u64> {
        self.provider.get_transaction_count(account).pending().await.map_err(|e| self.rpc_err(e))
    }

    /// Signs `spec` locally with `nonce` and broadcasts it; returns the hash.
    pub async fn sign_and_send(&self, signer: &PrivateKeySigner, spec: &TxSpec, nonce: u64) -> Result<B256> {
        if signer.address() != spec.from {
            return Err(Error::Rejected("signer does not match the sender".into()));
        }
        let mut tx = TxEip1559 {
            chain_id: self.chain_id,
            nonce,
            gas_limit: spec.gas_limit,
            max_fee_per_gas: spec.fees.max_fee,
            max_priority_fee_per_gas: spec.fees.priority_fee.min(spec.fees.max_fee),
            to: spec.to.map(TxKind::Call).unwrap_or(TxKind::Create),
            value: spec.value,
            access_list: Default::default(),
            input: spec.data.clone(),
        };
        let sig = signer.sign_transaction_sync(&mut tx).map_err(|e| Error::Rejected(e.to_string()))?;
        let envelope: TxEnvelope = tx.into_signed(sig).into();
        let raw = envelope.encoded_2718();
        let pending = self.provider.send_raw_transaction(&raw).await.map_err(|e| match self.rpc_err(e) {
            Error::Rpc(m) | Error::Reverted(m) => Error::Rejected(m),
            other => other,
        })?;
        Ok(*pending.tx_hash())
    }

    /// Waits for a receipt: `Some((success, block))` once mined, `None` on timeout.
    pub async fn wait_receipt(&self, hash: B256, timeout: Duration) -> Result<Option<(bool, u64)>> {
        Ok(self.wait_mined(hash, timeout).await?.map(|m| (m.success, m.block)))
    }

    /// Waits for a receipt, with the created contract's address for a deployment.
    pub async fn wait_mined(&self, hash: B256, timeout: Duration) -> Result<Option<Mined>> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(r) = self.provider.get_transaction_receipt(hash).await.map_err(|e| self.rpc_err(e))? {
                return Ok(Some(Mined {
                    success: r.status(),
                    block: r.block_number.unwrap_or_default(),
                    contract_address: r.contract_address,
                }));
            }
            if tokio::time::Instant::now() >= deadline {
                return Ok(None);
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Calldata of an ERC-20 transfer.
    pub fn erc20_transfer_data(to: Address, amount: U256) -> Bytes {
        IERC20::transferCall { to, amount }.abi_encode().into()
    }

    /// The underlying provider, for callers that need a raw RPC (tests, the watcher).
    pub fn provider(&self) -> &RootProvider {
        &self.provider
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_api_key_in_the_rpc_url_never_reaches_an_error() {
        let net = Network::builtins().into_iter().find(|n| n.name == "local").expect("local network");
        for url in ["http://127.0.0.1:9/v1?apikey=S3CRETKEY12345", "ftp://rpc.example/?token=S3CRETKEY12345"] {
            let err = Chain::connect(&net, Some(url)).await.expect_err("no node there");
            let text = err.to_string();
            assert!(!text.contains("S3CRETKEY12345"), "{text}");
            assert!(!format!("{err:?}").contains("S3CRETKEY12345"), "{err:?}");
        }
    }
}
