# Shared helpers for the set-up, test and run scripts. Sourced, not run.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/tools/bin:$HOME/.cargo/bin:$PATH"

# Pinned tool versions (see docs/build-notes.md for why these).
TRUNK_VERSION="0.21.14"
CARGO_DENY_VERSION="0.19.9"
TAURI_DRIVER_VERSION="2.1.0"

step_start=0
step() {
  step_start=$(date +%s)
  printf '\n==> %s\n' "$*"
}
step_done() {
  printf '    (%ss)\n' "$(( $(date +%s) - step_start ))"
}

# Runs a command for at most MINUTES minutes: a hang (a test waiting on something
# that never answers) fails its step with a line saying so, instead of holding CI
# until its own limit. Usage: bounded MINUTES command...
bounded() {
  local minutes="$1"; shift
  local rc=0
  timeout --signal=TERM --kill-after=30s "${minutes}m" "$@" || rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    printf '\n!!! %s did not finish within %s minutes: stopped\n' "$*" "$minutes" >&2
  fi
  return "$rc"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
