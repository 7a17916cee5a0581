#!/usr/bin/env node
// Copies the ABI and creation/runtime bytecode of the Uniswap V2 contracts the devnet
// needs from the pinned npm packages (tools/node_modules/@uniswap/v2-core and
// v2-periphery) into artifacts/uniswap/ (committed), so the `sonic` binary embeds them
// and needs no npm at run time. WETH9 stands in for wS on the devnet.
// Usage: node export-uniswap.js [--check]   (--check: exit 1 if artifacts are stale)
"use strict";
const fs = require("fs");
const path = require("path");
const MODULES = path.join(__dirname, "..", "tools", "node_modules", "@uniswap");
const CONTRACTS = [
  ["v2-core", "UniswapV2Factory"],
  ["v2-core", "UniswapV2Pair"],
  ["v2-periphery", "UniswapV2Router02"],
  ["v2-periphery", "WETH9"],
];
const check = process.argv.includes("--check");
const hex = (s) => (s.startsWith("0x") ? s : "0x" + s);
let stale = [];
const dir = path.join(__dirname, "artifacts", "uniswap");
fs.mkdirSync(dir, { recursive: true });
for (const [pkg, name] of CONTRACTS) {
  const src = path.join(MODULES, pkg, "build", name + ".json");
  const full = JSON.parse(fs.readFileSync(src, "utf8"));
  const slim = {
    abi: full.abi,
    bytecode: { object: hex(full.evm.bytecode.object) },
    deployedBytecode: { object: hex(full.evm.deployedBytecode.object) },
  };
  const text = JSON.stringify(slim, null, 1) + "\n";
  const dest = path.join(dir, name + ".json");
  const old = fs.existsSync(dest) ? fs.readFileSync(dest, "utf8") : "";
  if (old !== text) {
    stale.push(name);
    if (!check) fs.writeFileSync(dest, text);
  }
}
if (check && stale.length) {
  console.error("stale Uniswap artifacts (run contracts/build.sh): " + stale.join(", "));
  process.exit(1);
}
console.log(check ? "uniswap artifacts up to date" : "uniswap artifacts written");
