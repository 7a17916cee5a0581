//! `sonic devnet defi`: deploys the devnet's DeFi fixtures (test USDC, Uniswap V2 with
//! an S/USDC pool, wS, the SFC stand-in) on the local anvil, or prints those recorded.

use serde_json::json;
use sonic_types::{checksum, Address};

use super::Ctx;
use crate::{args::DevnetCmd, Fail};

/// Runs one `sonic devnet` command.
pub(crate) async fn run(cx: &Ctx, cmd: DevnetCmd) -> Result<(), Fail> {
    match cmd {
        DevnetCmd::Defi => {
            let d = cx.engine()?.devnet_defi().await?;
            print_defi(cx, &[d.usdc, d.router, d.pair, d.sfc, d.ws, d.factory])
        }
    }
}

/// Prints the fixtures (here and through the wallet's host), given as usdc, router,
/// pair, sfc, ws, factory.
pub(crate) fn print_defi(cx: &Ctx, a: &[Address; 6]) -> Result<(), Fail> {
    let [usdc, router, pair, sfc, ws, factory] = a.map(|x| checksum(&x));
    cx.print(
        json!({"usdc": usdc, "router": router, "pair": pair, "sfc": sfc, "ws": ws, "factory": factory}),
        || {
            format!(
                "devnet DeFi fixtures\n  usdc    {usdc}\n  router  {router}\n  pair    {pair}\n  sfc     {sfc}\n  ws      {ws}\n  factory {factory}"
            )
        },
    )
}
