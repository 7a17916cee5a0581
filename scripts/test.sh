#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh) and runs every check and test, printing how
# long each step took. Bundling and benchmarks are not part of it.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
total_start=$(date +%s)
# No incremental build data: the test command builds everything once, and those files
# grew to tens of GB over repeated runs here (the disk filled up).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

"$ROOT/scripts/setup.sh"

step "rustfmt --check"
cargo fmt --all -- --check
step_done

step "contracts: forge build, artifacts up to date, forge tests"
contracts/build.sh --check
(cd contracts && forge test --summary)
step_done

step "UI: trunk build --release (the shell embeds ui/dist; the optimised build is what ships)"
(cd ui && trunk build --release)
step_done

step "clippy -D warnings (engine, CLI, shell; UI for wasm32)"
cargo clippy --workspace --exclude sonic-ui --all-targets -- -D warnings
cargo clippy -p sonic-ui --target wasm32-unknown-unknown -- -D warnings
step_done

step "Windows: the shell and the CLI check for x86_64-pc-windows-msvc"
cargo check --target x86_64-pc-windows-msvc -p smart-sonic -p sonic-cli
step_done

step "types crate builds for wasm32; TypeScript bindings up to date"
cargo build -p sonic-types --target wasm32-unknown-unknown
cargo test -p sonic-types --features specta --test bindings
step_done

step "cargo deny (licenses, bans, sources)"
cargo deny --log-level error check licenses bans sources
step_done

step "tests (unit, integration against anvil, parser cases)"
bounded 30 cargo test --workspace --exclude sonic-ui --exclude sonic-e2e
# The interface's own logic (reducers, rounding, field placement) runs natively too.
bounded 10 cargo test -p sonic-ui
step_done

step "end-to-end: the real app in WebKit (tauri-driver, Xvfb, D-Bus), screenshots in target/e2e-screenshots"
# Built after the other tests: their build of the shell lacks custom-protocol.
cargo build -p smart-sonic --features custom-protocol
# Each session also has its own limit (tests/e2e/src/lib.rs, session_limit).
bounded 30 cargo test -p sonic-e2e -- --test-threads=1
step_done

printf '\nall checks passed in %ss\n' "$(( $(date +%s) - total_start ))"
