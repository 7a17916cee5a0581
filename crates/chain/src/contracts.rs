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

use alloy::{
    primitives::{address, b256, keccak256, Address, Bytes, B256, U256},
    sol_types::SolConstructor,
};

/// The deterministic deployment proxy (github.com/Arachnid/deterministic-deployment-proxy):
/// called with `salt (32 bytes) ++ initcode`, it deploys with CREATE2 and returns the
/// address. It has the same address on every chain where its presigned transaction ran
/// (anvil has it from genesis).
pub const CREATE2_FACTORY: Address = address!("4e59b44847b379578588920ca78fbf26c0b4956c");

/// How to put the factory on a network that lacks it, in one line.
pub const CREATE2_FACTORY_HOWTO: &str = "send its presigned deployment transaction (from github.com/Arachnid/deterministic-deployment-proxy: fund 0x3fab184622dc19b6109349b94811493bf2a45362 with 0.01 S of gas, then broadcast the raw transaction from its README with `cast publish`)";

/// The salt of the canonical deployment ("Smart Sonic v1", zero-padded).
pub const CANONICAL_SALT: B256 = b256!("536d61727420536f6e6963207631000000000000000000000000000000000000");

/// Owner of the canonical subscription contract: the project's treasury PLACEHOLDER
/// (the well-known burn address, whose key nobody holds). It must be replaced by the
/// project's real treasury before a mainnet deployment; changing it changes both
/// canonical addresses (and the constants below, checked by this module's tests).
pub const CANONICAL_OWNER: Address = address!("000000000000000000000000000000000000dEaD");

/// Price of one Premium period in the canonical deployment: 1 S.
pub const CANONICAL_PRICE: u128 = 1_000_000_000_000_000_000;

/// Length of one Premium period in the canonical deployment: 30 days.
pub const CANONICAL_PERIOD: u64 = 30 * 24 * 3600;

/// Where the canonical SmartSonicSubscription lives on every network that has it.
pub const CANONICAL_SUBSCRIPTION: Address = address!("A81F4B68a311b2eC0EA5B87239ABFD8187408c0d");

/// Where the canonical SmartSonicNFT (bound to [`CANONICAL_SUBSCRIPTION`]) lives.
pub const CANONICAL_NFT: Address = address!("951F59432b0556D33D5Ac027e17f4Ff40808C71F");

/// The subscription's creation code with its constructor arguments.
pub fn subscription_initcode(price: U256, period: U256, owner: Address) -> Bytes {
    let args = SmartSonicSubscription::constructorCall { price_: price, period_: period, owner_: owner };
    [SmartSonicSubscription::BYTECODE.as_ref(), &args.abi_encode()].concat().into()
}

/// The NFT's creation code bound to `subscription`.
pub fn nft_initcode(subscription: Address) -> Bytes {
    let args = SmartSonicNFT::constructorCall { subscription_: subscription };
    [SmartSonicNFT::BYTECODE.as_ref(), &args.abi_encode()].concat().into()
}

/// The canonical subscription's creation code (fixed price, period and owner).
pub fn canonical_subscription_initcode() -> Bytes {
    subscription_initcode(U256::from(CANONICAL_PRICE), U256::from(CANONICAL_PERIOD), CANONICAL_OWNER)
}

/// The canonical NFT's creation code.
pub fn canonical_nft_initcode() -> Bytes {
    nft_initcode(CANONICAL_SUBSCRIPTION)
}

/// `keccak256(0xff ++ deployer ++ salt ++ keccak256(initcode))[12:]`.
pub fn create2_address(deployer: Address, salt: B256, initcode: &[u8]) -> Address {
    let mut buf = Vec::with_capacity(85);
    buf.push(0xff);
    buf.extend_from_slice(deployer.as_slice());
    buf.extend_from_slice(salt.as_slice());
    buf.extend_from_slice(keccak256(initcode).as_slice());
    Address::from_slice(&keccak256(buf)[12..])
}

/// The calldata that makes the factory deploy `initcode` with the canonical salt.
pub fn factory_calldata(initcode: &[u8]) -> Bytes {
    [CANONICAL_SALT.as_slice(), initcode].concat().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_addresses_are_the_create2_addresses_of_the_committed_bytecode() {
        let sub = create2_address(CREATE2_FACTORY, CANONICAL_SALT, &canonical_subscription_initcode());
        assert_eq!(sub, CANONICAL_SUBSCRIPTION, "rebuilt contracts or a new owner: update CANONICAL_SUBSCRIPTION");
        let nft = create2_address(CREATE2_FACTORY, CANONICAL_SALT, &canonical_nft_initcode());
        assert_eq!(nft, CANONICAL_NFT, "update CANONICAL_NFT");
    }

    #[test]
    fn create2_matches_the_eip_1014_example() {
        // EIP-1014, example 2.
        let a = create2_address(address!("deadbeef00000000000000000000000000000000"), B256::ZERO, &[0x00]);
        assert_eq!(a, address!("B928f69Bb1D91Cd65274e3c79d8986362984fDA3"));
    }
}
