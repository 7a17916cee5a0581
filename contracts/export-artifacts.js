#!/usr/bin/env node
// Copies the ABI and bytecode of the contracts the Rust side uses from forge's out/
// into artifacts/ (committed), so the Rust build needs no Solidity toolchain.
// Usage: node export-artifacts.js [--check]   (--check: exit 1 if artifacts are stale)
"use strict";
const fs = require("fs");
const path = require("path");
const CONTRACTS = ["TestToken", "SmartSonicSubscription", "SmartSonicNFT", "SfcStandIn"];
const check = process.argv.includes("--check");
let stale = [];
fs.mkdirSync(path.join(__dirname, "artifacts"), { recursive: true });
for (const name of CONTRACTS) {
  const src = path.join(__dirname, "out", name + ".sol", name + ".json");
  const full = JSON.parse(fs.readFileSync(src, "utf8"));
  const slim = {
    abi: full.abi,
    bytecode: { object: full.bytecode.object },
    deployedBytecode: { object: full.deployedBytecode.object },
  };
  const text = JSON.stringify(slim, null, 1) + "\n";
  const dest = path.join(__dirname, "artifacts", name + ".json");
  const old = fs.existsSync(dest) ? fs.readFileSync(dest, "utf8") : "";
  if (old !== text) {
    stale.push(name);
    if (!check) fs.writeFileSync(dest, text);
  }
}
if (check && stale.length) {
  console.error("stale artifacts (run contracts/build.sh): " + stale.join(", "));
  process.exit(1);
}
console.log(check ? "artifacts up to date" : "artifacts written");
