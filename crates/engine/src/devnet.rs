//! The devnet's DeFi fixtures (`sonic devnet defi`, local network only): a test USDC, a
//! Uniswap V2 factory and router with an S/USDC pool holding liquidity, WETH9 as wS,
//! and the SFC stand-in with validator 1 active, deployed on the connected anvil by a
//! fixed deployer account that anvil funds and impersonates (never one of the user's
//! keys). The addresses are recorded per chain id, so a second run prints them.

use alloy::{
    network::TransactionBuilder,
    primitives::{keccak256, Address, U256},
    providers::Provider,
    rpc::types::TransactionRequest,
};
use serde::{Deserialize, Serialize};
use sonic_chain::{
    contracts::{SfcStandIn, SFC_ADDRESS},
    uniswap::{UniswapV2Factory, UniswapV2Router02, WETH9},
    Chain,
};
use sonic_store::Setting;
use sonic_types::{
    dto::TokenInfo,
    network::{SONIC_MAINNET, SONIC_TESTNET},
    Event,
};

use crate::{engine::Engine, plan::now_secs, Error, Result};

/// The devnet's USDC has USDC's 6 decimals.
pub(crate) const USDC_DECIMALS: u8 = 6;
/// S in the devnet pool: 100 000 S.
const POOL_S: u128 = 100_000 * 10u128.pow(18);
/// USDC in the devnet pool: 50 000 USDC (1 S = 0.5 USDC).
const POOL_USDC: u128 = 50_000 * 10u128.pow(6);
/// USDC given to each of the wallet's accounts, so a swap back to S works at once.
const ACCOUNT_USDC: u128 = 1_000 * 10u128.pow(6);
/// What anvil credits the deployer with: 1 000 000 S.
const DEPLOYER_FUNDS: u128 = 1_000_000 * 10u128.pow(18);

/// Where the devnet's DeFi fixtures live on one local chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevnetDefi {
    /// The test USDC (6 decimals).
    pub usdc: Address,
    /// WETH9, the devnet's wS.
    pub ws: Address,
    /// The Uniswap V2 factory.
    pub factory: Address,
    /// The Uniswap V2 router (02).
    pub router: Address,
    /// The S/USDC (wS/USDC) pair.
    pub pair: Address,
    /// The SFC stand-in's address (Sonic's SFC address).
    pub sfc: Address,
}

/// The fixtures recorded for `chain_id` (local chains only).
pub(crate) fn devnet_defi_key(chain_id: u64) -> Setting<DevnetDefi> {
    Setting::keyed("devnet_defi", chain_id)
}

/// The account that deploys the fixtures: no one holds its key; anvil funds it and
/// lets the engine send as it (`anvil_impersonateAccount`).
fn deployer() -> Address {
    Address::from_word(keccak256(b"smart-sonic devnet fixtures deployer"))
}

fn rpc_err(what: &str) -> impl Fn(alloy::transports::TransportError) -> Error + '_ {
    move |e| Error::rpc(what.to_string(), e)
}

fn contract_err(e: alloy::contract::Error) -> Error {
    Error::contract("devnet fixture", e)
}

/// Sends `tx` as the impersonated deployer and waits for its receipt; a revert is an
/// error. Returns the created contract's address, if any.
async fn send_as_deployer(chain: &Chain, tx: TransactionRequest, what: &str) -> Result<Option<Address>> {
    let tx = tx.with_from(deployer());
    let pending = chain.provider().send_transaction(tx).await.map_err(rpc_err(what))?;
    let receipt = pending.get_receipt().await.map_err(|e| Error::Io(format!("{what}: no receipt ({e})")))?;
    if !receipt.status() {
        return Err(Error::Io(format!("{what} reverted on the devnet")));
    }
    Ok(receipt.contract_address)
}

/// Deploys `code` (creation code with its constructor arguments) as the deployer.
async fn deploy(chain: &Chain, code: Vec<u8>, what: &str) -> Result<Address> {
    let tx = TransactionRequest::default().with_deploy_code(code);
    send_as_deployer(chain, tx, what).await?.ok_or_else(|| Error::Io(format!("{what}: no contract address")))
}

impl Engine {
    /// The fixtures recorded for the active local chain, if they are still there (an
    /// anvil restarted without its state has lost them).
    pub(crate) async fn recorded_devnet(&self, chain: &Chain) -> Result<Option<DevnetDefi>> {
        if [SONIC_MAINNET, SONIC_TESTNET].contains(&chain.chain_id()) {
            return Ok(None);
        }
        let Some(d) = self.store.setting(&devnet_defi_key(chain.chain_id()))? else { return Ok(None) };
        for a in [d.router, d.pair, d.usdc, d.ws] {
            if !chain.is_contract(a).await? {
                return Ok(None);
            }
        }
        Ok(Some(d))
    }

    /// Deploys the DeFi fixtures on the local devnet (anvil), or returns those already
    /// recorded for this chain. Refused on any other network.
    pub async fn devnet_defi(&self) -> Result<DevnetDefi> {
        let net = self.active_network()?;
        let chain = self.chain().await?;
        if net.name != "local" || [SONIC_MAINNET, SONIC_TESTNET].contains(&chain.chain_id()) {
            return Err(Error::Invalid(format!(
                "devnet fixtures are for the local network only, not '{}'; switch with `sonic network use local`",
                net.name
            )));
        }
        let client: String =
            chain.provider().raw_request("web3_clientVersion".into(), ()).await.map_err(rpc_err("client version"))?;
        if !client.to_lowercase().contains("anvil") {
            return Err(Error::Invalid(format!("devnet fixtures need an anvil node; this node is '{client}'")));
        }
        if let Some(d) = self.recorded_devnet(&chain).await? {
            if chain.is_contract(SFC_ADDRESS).await? {
                self.register_devnet_tokens(&chain, &d)?;
                return Ok(d);
            }
        }
        let d = self.deploy_devnet(&chain).await?;
        self.store.set_setting(&devnet_defi_key(chain.chain_id()), &d)?;
        self.register_devnet_tokens(&chain, &d)?;
        Ok(d)
    }

    /// Registers the devnet's USDC and wS so their symbols resolve and the watcher
    /// trusts their transfers.
    fn register_devnet_tokens(&self, chain: &Chain, d: &DevnetDefi) -> Result<()> {
        let id = chain.chain_id();
        self.store.put_token(id, &TokenInfo { address: d.usdc, symbol: "USDC".into(), decimals: USDC_DECIMALS })?;
        self.store.put_token(id, &TokenInfo { address: d.ws, symbol: "wS".into(), decimals: 18 })?;
        self.bus.publish(Event::TokensChanged);
        Ok(())
    }

    async fn deploy_devnet(&self, chain: &Chain) -> Result<DevnetDefi> {
        let p = chain.provider();
        let me = deployer();
        let _: serde_json::Value = p
            .raw_request("anvil_setBalance".into(), (me, U256::from(DEPLOYER_FUNDS)))
            .await
            .map_err(rpc_err("fund the deployer"))?;
        let _: serde_json::Value =
            p.raw_request("anvil_impersonateAccount".into(), (me,)).await.map_err(rpc_err("impersonate"))?;
        let result = self.deploy_devnet_as(chain).await;
        let _: std::result::Result<serde_json::Value, _> =
            p.raw_request("anvil_stopImpersonatingAccount".into(), (me,)).await;
        result
    }

    async fn deploy_devnet_as(&self, chain: &Chain) -> Result<DevnetDefi> {
        use alloy::sol_types::{SolCall, SolConstructor};
        use sonic_chain::uniswap::IERC20Allowance;
        let p = chain.provider();
        let me = deployer();
        let ws = deploy(chain, WETH9::BYTECODE.to_vec(), "deploy wS (WETH9)").await?;
        let usdc_args = test_token::TestToken::constructorCall {
            name_: "USD Coin (devnet)".into(),
            symbol_: "USDC".into(),
            decimals_: USDC_DECIMALS,
        };
        let usdc = deploy(
            chain,
            [test_token::TestToken::BYTECODE.as_ref(), &usdc_args.abi_encode()].concat(),
            "deploy the test USDC",
        )
        .await?;
        let f_args = UniswapV2Factory::constructorCall { _feeToSetter: me };
        let factory =
            deploy(chain, [UniswapV2Factory::BYTECODE.as_ref(), &f_args.abi_encode()].concat(), "deploy the factory")
                .await?;
        let r_args = UniswapV2Router02::constructorCall { _factory: factory, _WETH: ws };
        let router =
            deploy(chain, [UniswapV2Router02::BYTECODE.as_ref(), &r_args.abi_encode()].concat(), "deploy the router")
                .await?;
        let call = |to: Address, data: Vec<u8>| TransactionRequest::default().with_to(to).with_input(data);
        let mint = test_token::TestToken::mintCall { to: me, amount: U256::from(POOL_USDC) }.abi_encode();
        send_as_deployer(chain, call(usdc, mint), "mint the pool's USDC").await?;
        let approve = IERC20Allowance::approveCall { spender: router, amount: U256::from(POOL_USDC) }.abi_encode();
        send_as_deployer(chain, call(usdc, approve), "approve the router").await?;
        let add = UniswapV2Router02::addLiquidityETHCall {
            token: usdc,
            amountTokenDesired: U256::from(POOL_USDC),
            amountTokenMin: U256::from(POOL_USDC),
            amountETHMin: U256::from(POOL_S),
            to: me,
            deadline: U256::from(now_secs() + 3600),
        }
        .abi_encode();
        send_as_deployer(chain, call(router, add).with_value(U256::from(POOL_S)), "add the pool's liquidity").await?;
        let pair = UniswapV2Factory::new(factory, p).getPair(usdc, ws).call().await.map_err(contract_err)?;
        if pair == Address::ZERO {
            return Err(Error::Io("the factory made no S/USDC pair".into()));
        }
        if !chain.is_contract(SFC_ADDRESS).await? {
            let stand_in = deploy(chain, SfcStandIn::BYTECODE.to_vec(), "deploy the SFC stand-in").await?;
            let code = p.get_code_at(stand_in).await.map_err(rpc_err("the SFC stand-in's code"))?;
            let _: serde_json::Value = p
                .raw_request("anvil_setCode".into(), (SFC_ADDRESS, code))
                .await
                .map_err(rpc_err("install the SFC stand-in"))?;
        }
        for a in self.accounts().await? {
            let mint = test_token::TestToken::mintCall { to: a.address, amount: U256::from(ACCOUNT_USDC) }.abi_encode();
            send_as_deployer(chain, call(usdc, mint), "mint USDC to the wallet").await?;
        }
        Ok(DevnetDefi { usdc, ws, factory, router, pair, sfc: SFC_ADDRESS })
    }
}

/// The test ERC-20 (contracts/src/TestToken.sol) the devnet's USDC is made from.
pub(crate) mod test_token {
    alloy::sol!(
        /// A plain ERC-20 with a public mint, for local chains.
        #[sol(rpc)]
        TestToken,
        "../../contracts/artifacts/TestToken.json"
    );
}
