#!/usr/bin/env bash
# Installs everything Smart Sonic needs on Debian/Ubuntu, skipping what is present:
# Debian packages for Tauri and the tests, Node tools (anvil, cast, forge, solc-js,
# Tauri CLI, OpenZeppelin) at pinned versions, the wasm32 and Windows (MSVC) targets,
# trunk and a wasm-bindgen-cli matching Cargo.lock, and cargo-deny.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

DEBS=(libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
      libssl-dev build-essential pkg-config file xvfb webkit2gtk-driver dbus-x11 imagemagick
      xdg-utils desktop-file-utils dunst libnotify-bin xdotool nodejs npm)

step "Debian packages"
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere (nvm, NodeSource): a working node is enough.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "all present"
fi
step_done

step "Node tools (tools/package-lock.json)"
# A stamp copy of the lockfile records what node_modules was installed from.
if ! cmp -s tools/package-lock.json tools/node_modules/.smart-sonic-lock 2>/dev/null; then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  cp tools/package-lock.json tools/node_modules/.smart-sonic-lock
else
  echo "up to date"
fi
mkdir -p tools/bin
for t in anvil cast forge; do
  ln -sfn "../node_modules/@foundry-rs/$t-linux-amd64/bin/$t" "tools/bin/$t"
done
ln -sfn ../node_modules/.bin/tauri tools/bin/tauri
anvil --version | head -1
step_done

step "Rust targets and cargo tools"
rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
# The test command checks that the shell and the CLI compile for Windows.
rustup target list --installed | grep -q x86_64-pc-windows-msvc || rustup target add x86_64-pc-windows-msvc
rustup component list --installed | grep -q clippy || rustup component add clippy rustfmt
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  # Not --locked: its lockfile pins a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi
if ! cargo install --list | grep -q "^tauri-driver v$TAURI_DRIVER_VERSION:"; then
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
fi
if ! cargo deny --version 2>/dev/null | grep -q "$CARGO_DENY_VERSION"; then
  cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
fi
echo "trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WBG_VERSION, $(cargo deny --version)"
step_done
