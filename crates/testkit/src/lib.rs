//! Test support shared by the crates' integration tests and benchmarks (a
//! dev-dependency only): where the Foundry tools are, a local anvil, and the binding
//! of the test ERC-20 from the committed forge artifact.

use std::path::{Path, PathBuf};

mod proxy;
pub use proxy::{read_request, rewriting_proxy};

use alloy::node_bindings::{Anvil, AnvilInstance};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A Foundry tool (`anvil`, `cast`, `forge`) from the project's `tools/bin`, else from
/// PATH.
pub fn tool(name: &str) -> PathBuf {
    let local = workspace().join("tools/bin").join(name);
    if local.exists() {
        local
    } else {
        PathBuf::from(name)
    }
}

/// Starts anvil on a free port with extra arguments (killed on drop).
pub fn anvil(args: &[&str]) -> AnvilInstance {
    Anvil::at(tool("anvil")).args(args.iter().copied()).spawn()
}

alloy::sol!(
    /// A plain ERC-20 with a public mint (contracts/src/TestToken.sol), for local chains.
    #[sol(rpc)]
    TestToken,
    "../../contracts/artifacts/TestToken.json"
);

/// The SFC stand-in's binding and the SFC's address: the engine's own, re-exported so
/// tests deploy and call exactly what the engine talks to.
pub use sonic_chain::contracts::{SfcStandIn, SFC_ADDRESS};

/// Deploys the SFC stand-in from anvil's account 1, then copies its runtime code to the
/// SFC's address (`anvil_setCode`); it works from empty storage there.
pub async fn install_sfc(node: &AnvilInstance) {
    use alloy::providers::{Provider, ProviderBuilder};
    let key: alloy::signers::local::PrivateKeySigner = node.keys()[1].clone().into();
    let p = ProviderBuilder::new().wallet(alloy::network::EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let deployed = SfcStandIn::deploy(&p).await.expect("deploy the SFC stand-in");
    let code = p.get_code_at(*deployed.address()).await.expect("its code");
    let _: serde_json::Value = p.raw_request("anvil_setCode".into(), (SFC_ADDRESS, code)).await.expect("anvil_setCode");
}
