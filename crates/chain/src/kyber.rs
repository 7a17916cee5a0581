//! The part of KyberSwap's MetaAggregationRouterV2 interface a swap's calldata is
//! decoded with: both swap entry points and the swap description they carry (which
//! tokens, how much, who receives, the minimum returned).

alloy::sol! {
    /// KyberSwap's MetaAggregationRouterV2.
    interface IMetaAggregationRouterV2 {
        /// What a swap moves: the tokens (native S as 0xEeee…), the amount sold, who
        /// receives what is bought and the least they must receive.
        struct SwapDescriptionV2 {
            address srcToken;
            address dstToken;
            address[] srcReceivers;
            uint256[] srcAmounts;
            address[] feeReceivers;
            uint256[] feeAmounts;
            address dstReceiver;
            uint256 amount;
            uint256 minReturnAmount;
            uint256 flags;
            bytes permit;
        }

        /// The general entry point's argument.
        struct SwapExecutionParams {
            address callTarget;
            address approveTarget;
            bytes targetData;
            SwapDescriptionV2 desc;
            bytes clientData;
        }

        /// Swaps through an executor the route names.
        function swap(SwapExecutionParams execution) external payable returns (uint256, uint256);

        /// Swaps in simple mode (token sold, no native value).
        function swapSimpleMode(address caller, SwapDescriptionV2 desc, bytes executorData, bytes clientData)
            external
            returns (uint256, uint256);
    }
}
