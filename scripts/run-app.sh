#!/usr/bin/env bash
# Sets up the machine and runs Smart Sonic against a local anvil devnet with test
# funds, so everything can be tried with no internet and no real money. The devnet
# wallet uses anvil's public test mnemonic: never send real funds to it.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

DEVNET_PORT="${DEVNET_PORT:-8545}"
export SONIC_NETWORK=local
export SONIC_RPC="http://127.0.0.1:$DEVNET_PORT"
export SONIC_DATA_DIR="${SONIC_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/smart-sonic-devnet}"
DEVNET_PASSWORD="smart-sonic-devnet"

step "local devnet (anvil on port $DEVNET_PORT)"
if ! curl -s -o /dev/null -X POST -H 'content-type: application/json' \
     --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$SONIC_RPC"; then
  mkdir -p "$SONIC_DATA_DIR"
  anvil --port "$DEVNET_PORT" --state "$SONIC_DATA_DIR/anvil-state.json" >"$SONIC_DATA_DIR/anvil.log" 2>&1 &
  ANVIL_PID=$!
  trap 'kill $ANVIL_PID 2>/dev/null || true' EXIT
  for _ in $(seq 50); do
    curl -s -o /dev/null -X POST -H 'content-type: application/json' \
      --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$SONIC_RPC" && break
    sleep 0.2
  done
  echo "anvil started (pid $ANVIL_PID), log in $SONIC_DATA_DIR/anvil.log"
else
  echo "using the node already answering at $SONIC_RPC"
fi
step_done

step "build the CLI and the app"
cargo build -p sonic-cli
(cd ui && trunk build --release)
cargo build -p smart-sonic --features custom-protocol
step_done

if [ ! -f "$SONIC_DATA_DIR/vault.json" ]; then
  step "devnet wallet from anvil's test mnemonic"
  pw="$(mktemp)"; m="$(mktemp)"
  printf '%s\n' "$DEVNET_PASSWORD" >"$pw"
  printf '%s\n' "test test test test test test test test test test test junk" >"$m"
  target/debug/sonic --password-file "$pw" wallet import --mnemonic-file "$m" --count 3
  rm -f "$pw" "$m"
  step_done
fi

# Idempotent: a chain that has them already gets the recorded addresses printed.
step "devnet DeFi fixtures (test USDC, Uniswap V2 S/USDC pool, wS, SFC stand-in)"
target/debug/sonic --json devnet defi
step_done

cat <<MSG

Smart Sonic devnet (LOCAL TEST FUNDS ONLY)
  RPC        $SONIC_RPC
  data dir   $SONIC_DATA_DIR
  password   $DEVNET_PASSWORD   (devnet wallet only)

The CLI works on the same engine, for example:
  target/debug/sonic balance
  target/debug/sonic send --to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --amount 1.5
  target/debug/sonic agent parse "send 5 S to alice"
  target/debug/sonic swap --from S --to USDC --amount 10
  target/debug/sonic stake delegate --validator 1 --amount 100
(The app holds the data directory while it runs; close it to use the CLI on it.)

MSG

target/debug/smart-sonic
