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

alloy::sol!(
    /// The SFC's delegation interface, from the stand-in that mirrors it (same
    /// signatures and error names as Sonic's SFC); its devnet helpers exist only there.
    #[sol(rpc)]
    SfcStandIn,
    "../../contracts/artifacts/SfcStandIn.json"
);

/// Where Sonic's SFC (staking) contract lives on every Sonic network.
pub const SFC_ADDRESS: alloy::primitives::Address =
    alloy::primitives::address!("FC00FACE00000000000000000000000000000000");
