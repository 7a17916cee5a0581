#!/usr/bin/env bash
# Builds the contracts with forge (solc-js through ../tools/solc) and refreshes the
# committed ABI/bytecode artifacts, and copies the Uniswap V2 ones from the pinned npm
# packages. `build.sh --check` fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")"
# --force: the check must not trust a cache left by an earlier checkout (3 s).
../tools/bin/forge build --force --quiet
node export-artifacts.js "$@"
node export-uniswap.js "$@"
