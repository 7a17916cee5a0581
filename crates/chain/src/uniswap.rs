//! Bindings of the Uniswap V2 contracts the devnet deploys (factory, router, pair and
//! WETH9 as the devnet's wS), from the artifacts copied out of the pinned npm packages
//! (`contracts/export-uniswap.js`), and the wS interface (deposit/withdraw) every
//! network shares.

// The generated bindings take one argument per Solidity parameter (the router's
// removeLiquidityWithPermit has eleven).
#![allow(clippy::too_many_arguments)]

alloy::sol!(
    /// The Uniswap V2 factory: creates pairs.
    #[sol(rpc)]
    UniswapV2Factory,
    "../../contracts/artifacts/uniswap/UniswapV2Factory.json"
);

alloy::sol!(
    /// The Uniswap V2 router (02): quotes (`getAmountsOut`) and swaps with a minimum
    /// received and a deadline.
    #[sol(rpc)]
    UniswapV2Router02,
    "../../contracts/artifacts/uniswap/UniswapV2Router02.json"
);

alloy::sol!(
    /// A Uniswap V2 pair: reserves for the price impact.
    #[sol(rpc)]
    UniswapV2Pair,
    "../../contracts/artifacts/uniswap/UniswapV2Pair.json"
);

alloy::sol!(
    /// Wrapped Ether, deployed on the devnet as wS.
    #[sol(rpc)]
    WETH9,
    "../../contracts/artifacts/uniswap/WETH9.json"
);

alloy::sol! {
    /// Wrapped S (wS) and any WETH9-shaped token: wrap with `deposit`, unwrap with
    /// `withdraw`; `Withdrawal` says how much was unwrapped.
    #[sol(rpc)]
    interface IWrappedNative {
        /// Wraps the value sent.
        function deposit() external payable;
        /// Unwraps `wad` back to the native coin.
        function withdraw(uint256 wad) external;
        /// Emitted by `withdraw`.
        event Withdrawal(address indexed src, uint256 wad);
    }
}

alloy::sol! {
    /// The ERC-20 calls a swap needs beyond a transfer.
    #[sol(rpc)]
    interface IERC20Allowance {
        /// The spender's allowance.
        function allowance(address owner, address spender) external view returns (uint256);
        /// Sets the spender's allowance to exactly `amount`.
        function approve(address spender, uint256 amount) external returns (bool);
        /// A transfer (its log tells what a swap delivered).
        event Transfer(address indexed from, address indexed to, uint256 value);
    }
}
