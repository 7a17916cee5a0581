//! Bindings of Smart Sonic's own contracts, from the committed forge artifacts.

alloy::sol!(
    /// The premium subscription.
    #[sol(rpc)]
    SmartSonicSubscription,
    "../../contracts/artifacts/SmartSonicSubscription.json"
);

alloy::sol!(
    /// The subscription-gated ERC-721.
    #[sol(rpc)]
    SmartSonicNFT,
    "../../contracts/artifacts/SmartSonicNFT.json"
);
