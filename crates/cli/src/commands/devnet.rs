//! `sonic devnet defi`: deploys the devnet's DeFi fixtures (test USDC, Uniswap V2 with
//! an S/USDC pool, wS, the SFC stand-in) on the local anvil, or prints those recorded.

use serde_json::json;
use sonic_types::checksum;

use super::Ctx;
use crate::{args::DevnetCmd, Fail};

/// Runs one `sonic devnet` command.
pub(crate) async fn run(cx: &Ctx, cmd: DevnetCmd) -> Result<(), Fail> {
    match cmd {
        DevnetCmd::Defi => {
            let d = cx.engine()?.devnet_defi().await?;
            cx.print(
                json!({"usdc": checksum(&d.usdc), "router": checksum(&d.router), "pair": checksum(&d.pair),
                       "sfc": checksum(&d.sfc), "ws": checksum(&d.ws), "factory": checksum(&d.factory)}),
                || {
                    format!(
                        "devnet DeFi fixtures\n  usdc    {}\n  router  {}\n  pair    {}\n  sfc     {}\n  ws      {}\n  factory {}",
                        checksum(&d.usdc),
                        checksum(&d.router),
                        checksum(&d.pair),
                        checksum(&d.sfc),
                        checksum(&d.ws),
                        checksum(&d.factory)
                    )
                },
            )
        }
    }
}
