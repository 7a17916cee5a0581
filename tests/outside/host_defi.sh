#!/usr/bin/env bash
# The outside checks of DeFi (issue "DeFi on Sonic") and of the host and its clients
# (issue "One engine host, many clients"), run against a RELEASE `sonic` as a user would:
#   tests/outside/host_defi.sh path/to/release/sonic
# On a fresh anvil with anvil's mnemonic: `sonic devnet defi`, a swap of 10 S for USDC
# and a delegation of 100 S read back with cast; then `sonic daemon` holding the data
# directory, `sonic --json balance` beside it, `cast send --unlocked` through the signer
# port waiting until `sonic plans confirm`, and an MCP client over `sonic mcp` whose
# proposal moves nothing until it is confirmed. Prints PASS/FAIL per check; exit 1 on a FAIL.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SONIC="$(realpath "${1:?usage: host_defi.sh SONIC_BINARY}")"
export PATH="$ROOT/tools/bin:$ROOT/tools/node_modules/.bin:$PATH"
W="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null; sleep 0.5; rm -rf "$W"' EXIT
fails=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
jget() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

APORT=$(free_port); SPORT=$(free_port)
anvil --port "$APORT" --silent & sleep 2
RPC="http://127.0.0.1:$APORT"
OUTSIDER=0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc
ME=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
echo "correct horse battery" > "$W/pw"
echo "test test test test test test test test test test test junk" > "$W/m"
export SONIC_DATA_DIR="$W/data" SONIC_NETWORK=local SONIC_RPC="$RPC" SONIC_SIGNER_PORT="$SPORT"
s() { "$SONIC" --password-file "$W/pw" "$@" </dev/null; }
s wallet import --mnemonic-file "$W/m" >/dev/null 2>&1 || fail "import"

# --- DeFi on the devnet ---------------------------------------------------------------
fx=$(s --json devnet defi 2>"$W/devnet.err")
usdc=$(jget 'd["usdc"]' <<<"$fx" 2>/dev/null); sfc=$(jget 'd["sfc"]' <<<"$fx" 2>/dev/null)
[ -n "$usdc" ] && [ -n "$sfc" ] && pass "sonic devnet defi: usdc $usdc, router $(jget 'd["router"]' <<<"$fx"), pair $(jget 'd["pair"]' <<<"$fx"), sfc $sfc" \
  || fail "sonic devnet defi: $fx $(cat "$W/devnet.err")"
before=$(cast call "$usdc" "balanceOf(address)(uint256)" "$ME" --rpc-url "$RPC" | awk '{print $1}')
if out=$(s swap --from S --to USDC --amount 10 --yes 2>&1); then
  after=$(cast call "$usdc" "balanceOf(address)(uint256)" "$ME" --rpc-url "$RPC" | awk '{print $1}')
  got=$(python3 -c "print($after - $before)")
  [ "$got" -gt 0 ] && pass "sonic swap --from S --to USDC --amount 10 --yes: cast reads +$got USDC base units" \
    || fail "swap reported success but USDC did not change: $out"
else
  fail "sonic swap failed: $out"
fi
if out=$(s stake delegate --validator 1 --amount 100 --yes 2>&1); then
  stake=$(cast call "$sfc" "getStake(address,uint256)(uint256)" "$ME" 1 --rpc-url "$RPC" | awk '{print $1}')
  [ "$stake" = "100000000000000000000" ] && pass "sonic stake delegate --validator 1 --amount 100 --yes: cast getStake = $stake" \
    || fail "getStake after delegate: $stake ($out)"
else
  fail "sonic stake delegate failed: $out"
fi

# --- The host and its clients -------------------------------------------------------
"$SONIC" daemon --password-file "$W/pw" >"$W/daemon.out" 2>"$W/daemon.err" </dev/null &
for _ in $(seq 100); do [ -S "$W/data/host.sock" ] && break; sleep 0.1; done
[ -S "$W/data/host.sock" ] && pass "sonic daemon listens: $(head -1 "$W/daemon.out")" || fail "no host socket: $(cat "$W/daemon.err")"
mode=$(stat -c %a "$W/data/host.sock" 2>/dev/null); tmode=$(stat -c %a "$W/data/host.token" 2>/dev/null)
[ "$mode" = "600" ] && [ "$tmode" = "600" ] && pass "socket and token are 0600" || fail "modes: socket $mode token $tmode"
bal=$("$SONIC" --json balance 2>&1 </dev/null)
grep -q '"S"' <<<"$bal" && pass "sonic --json balance beside the daemon: $(head -c 120 <<<"$bal")" || fail "balance beside the daemon: $bal"

out_before=$(cast balance "$OUTSIDER" --rpc-url "$RPC")
cast send --unlocked --from "$ME" --rpc-url "http://127.0.0.1:$SPORT" --rpc-timeout 120 "$OUTSIDER" --value 1ether >"$W/cast.out" 2>&1 &
CAST=$!
id=""
for _ in $(seq 100); do
  id=$("$SONIC" --json plans list </dev/null 2>/dev/null | python3 -c '
import json,sys
for l in sys.stdin:
    l=l.strip()
    if not l: continue
    d=json.loads(l)
    for p in (d if isinstance(d,list) else d.get("plans",[d])):
        if (p.get("origin") or "").startswith("signer"): print(p["id"]); raise SystemExit
' 2>/dev/null)
  [ -n "$id" ] && break; sleep 0.2
done
mid=$(cast balance "$OUTSIDER" --rpc-url "$RPC")
if [ -n "$id" ] && kill -0 $CAST 2>/dev/null && [ "$mid" = "$out_before" ]; then
  pass "cast send --unlocked waits on a card from the signer ($id); nothing moved yet"
else
  fail "no signer card, or cast did not wait (id '$id', $(cat "$W/cast.out"))"
fi
"$SONIC" plans confirm "$id" >"$W/confirm.out" 2>&1 </dev/null || fail "plans confirm: $(cat "$W/confirm.out")"
wait $CAST; rc=$?
out_after=$(cast balance "$OUTSIDER" --rpc-url "$RPC")
moved=$(python3 -c "print($out_after - $out_before)")
[ $rc -eq 0 ] && [ "$moved" = "1000000000000000000" ] && pass "after sonic plans confirm, cast got its receipt and 1 S arrived" \
  || fail "cast rc $rc, moved $moved: $(tail -3 "$W/cast.out")"

mcp=$(MCP_CHECK_TO="$OUTSIDER" node "$ROOT/tools/mcp-check.mjs" "$SONIC" 2>"$W/mcp.err")
grep -q '"balances"' <<<"$mcp" && pass "MCP get_balances: $(jget 'json.dumps(d["balances"])[:100]' <<<"$mcp")" || fail "MCP get_balances: $mcp $(cat "$W/mcp.err")"
pid=$(jget 'd["proposal"]["plan_id"]' <<<"$mcp" 2>/dev/null)
refused=$(jget 'all(v["isError"] for v in d["refused"].values())' <<<"$mcp" 2>/dev/null)
[ "$refused" = "True" ] && pass "MCP: confirm_plan, a float amount, a bad address and too much are refused" || fail "MCP refusals: $mcp"
sleep 2
still=$(cast balance "$OUTSIDER" --rpc-url "$RPC")
[ -n "$pid" ] && [ "$still" = "$out_after" ] && pass "MCP propose_send made plan $pid and moved nothing" || fail "MCP proposal: '$pid', balance $out_after -> $still ($mcp)"
listed=$("$SONIC" --json plans list </dev/null 2>&1)
grep -q "$pid" <<<"$listed" && grep -q '"mcp"' <<<"$listed" && pass "sonic plans list shows it with origin mcp" || fail "plans list: $listed"
"$SONIC" plans confirm "$pid" >"$W/confirm2.out" 2>&1 </dev/null || fail "plans confirm (mcp): $(cat "$W/confirm2.out")"
final=$(cast balance "$OUTSIDER" --rpc-url "$RPC")
moved=$(python3 -c "print($final - $still)")
[ "$moved" = "2500000000000000000" ] && pass "after sonic plans confirm, the MCP proposal's 2.5 S arrived" || fail "moved $moved after confirm"

echo "$fails failed"
[ "$fails" -eq 0 ]
