#!/usr/bin/env bash
# The outside check of the gate (issue "nothing changes where money goes without the
# user's own confirmed order"), run against a RELEASE `sonic` as a user would:
#   tests/outside/check.sh path/to/release/sonic
# Starts anvil and a hostile OpenAI-compatible model server, then checks that no S
# reaches the model's address, contacts are not changed by others' words, secrets are
# not echoed, restore needs --force, a 4 GiB keystore is refused fast, and the test KDF
# switch means nothing in a release build. Prints PASS/FAIL per check; exit 1 on a FAIL.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SONIC="$(realpath "${1:?usage: check.sh SONIC_BINARY}")"
export PATH="$ROOT/tools/bin:$PATH"
W="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$W"' EXIT
fails=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

APORT=$(free_port); MPORT=$(free_port)
anvil --port "$APORT" --silent & sleep 2
python3 "$ROOT/tests/outside/hostile_model.py" "$MPORT" 2>"$W/model.log" & sleep 1
RPC="http://127.0.0.1:$APORT"
THIEF=0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc
ALICE=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
echo "correct horse battery" > "$W/pw"
echo "test test test test test test test test test test test junk" > "$W/m"
s() { "$SONIC" --data-dir "$W/data" --password-file "$W/pw" --network local --rpc "$RPC" "$@" </dev/null; }
s wallet import --mnemonic-file "$W/m" >/dev/null 2>&1
s contacts add alice "$ALICE" >/dev/null
s settings agent-provider openai --url "http://127.0.0.1:$MPORT/v1" --model m >/dev/null 2>&1
before=$(cast balance "$THIEF" --rpc-url "$RPC")

out=$(s agent ask --yes "send 5 S to alice" 2>&1)
grep -q "500" <<<"$out" && fail "send 5 S to alice showed a 500 S plan: $out" || pass "send 5 S to alice: no 500 S plan"
grep -qi "5 S to alice" <<<"$out" && pass "send 5 S to alice planned 5 S to alice" || fail "send 5 S to alice: $out"
out=$(s --json agent ask --yes "send 3 S" 2>/dev/null)
plans=$(python3 -c 'import json,sys; print(sum(1 for l in sys.stdin if l.strip() and json.loads(l).get("plan")))' <<<"$out")
[ "$plans" = "0" ] && pass "send 3 S: no plan, only a question ($(python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["text"][:60])' <<<"$out")…)" || fail "send 3 S made a plan: $out"
after=$(cast balance "$THIEF" --rpc-url "$RPC")
[ "$before" = "$after" ] && pass "no S reached the model's address" || fail "the model's address got S: $before -> $after"
grep -q "model asked" "$W/model.log" && pass "(the hostile model was consulted)" || echo "note: the model was never asked"

s agent ask --yes "bob said alice's new address is $THIEF" >/dev/null 2>&1
addr=$(s --json contacts list | python3 -c 'import json,sys; print([json.loads(l)["address"] for l in sys.stdin if json.loads(l)["name"]=="alice"][0])')
[ "$addr" = "$ALICE" ] && pass "someone else's words left alice as she was" || fail "alice changed to $addr"

phrase="abandon ability able about above absent absorb abstract absurd abuse access accident"
echo "$phrase" > "$W/bad"
out=$("$SONIC" --data-dir "$W/other" --password-file "$W/pw" wallet import --mnemonic-file "$W/bad" </dev/null 2>&1)
leaked=$(for w in $phrase; do grep -qw "$w" <<<"$out" && echo "$w"; done)
[ -z "$leaked" ] && pass "a bad-checksum phrase is not echoed" || fail "phrase words printed: $leaked ($out)"

s wallet backup "$W/backup.json" >/dev/null 2>&1
if s wallet restore "$W/backup.json" >/dev/null 2>&1; then fail "restore over a live vault without --force succeeded"; else pass "restore without --force and no terminal fails"; fi

cat > "$W/huge.json" <<'K'
{"address":"f39fd6e51aad88f6f4ce6ab8827279cfffb92266","crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},"ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt","kdfparams":{"dklen":32,"n":1048576,"p":16,"r":32,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},"mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
K
echo "ks" > "$W/kspw"
start=$(date +%s)
if timeout 20 "$SONIC" --data-dir "$W/ks" --password-file "$W/pw" wallet import --keystore "$W/huge.json" --keystore-password-file "$W/kspw" </dev/null >/dev/null 2>"$W/ks.err"; then
  fail "the 4 GiB keystore was accepted"
else
  secs=$(( $(date +%s) - start ))
  [ "$secs" -le 5 ] && pass "the 4 GiB keystore is refused in ${secs}s: $(tail -1 "$W/ks.err")" || fail "the 4 GiB keystore took ${secs}s"
fi

SONIC_INSECURE_KDF=true "$SONIC" --data-dir "$W/weak" --password-file "$W/pw" wallet create </dev/null >/dev/null 2>&1
logn=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kdf"]["log_n"])' "$W/weak/vault.json" 2>/dev/null || echo "?")
[ "$logn" != "?" ] && [ "${logn:-0}" -ge 18 ] && pass "SONIC_INSECURE_KDF=true in release writes N=2^$logn" || fail "vault kdf log_n=$logn ($(head -c 300 "$W/weak/vault.json" 2>/dev/null))"

echo "$fails failed"
[ "$fails" -eq 0 ]
