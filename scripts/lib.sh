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

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
