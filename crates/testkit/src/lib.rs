//! Test support shared by the crates' integration tests and benchmarks (a
//! dev-dependency only): where the Foundry tools are, a local anvil, and the binding
//! of the test ERC-20 from the committed forge artifact.

use std::path::{Path, PathBuf};

mod proxy;
pub use proxy::rewriting_proxy;

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
