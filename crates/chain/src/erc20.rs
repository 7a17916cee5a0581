//! The ERC-20 subset the wallet uses.

alloy::sol! {
    /// Minimal ERC-20 interface.
    #[sol(rpc)]
    interface IERC20 {
        /// Balance of an account.
        function balanceOf(address account) external view returns (uint256);
        /// Decimals.
        function decimals() external view returns (uint8);
        /// Symbol.
        function symbol() external view returns (string);
        /// Transfer.
        function transfer(address to, uint256 amount) external returns (bool);
    }
}
