#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test the portal, and
# nothing that is already there. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Rust: the toolchain and wasm target pinned in rust-toolchain.toml.
command -v rustup >/dev/null || { say "rustup is needed: https://rustup.rs"; exit 1; }
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# Every crate in Cargo.lock, for all targets: Trunk builds offline.
cargo fetch --locked --quiet

# Trunk 0.21 (0.22 needs a newer rustc than the one pinned).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing Trunk 0.21 (about 10 minutes, once)"
  cargo install trunk --version '~0.21' --locked
fi

# wasm-bindgen CLI: exactly the version in Cargo.lock (Trunk.toml names it too).
wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
  say "installing wasm-bindgen-cli $wbg"
  cargo install wasm-bindgen-cli --version "$wbg" --locked || cargo install wasm-bindgen-cli --version "$wbg"
fi
grep -q "wasm_bindgen = \"$wbg\"" Trunk.toml || { say "Trunk.toml must pin wasm_bindgen = \"$wbg\" (Cargo.lock)"; exit 1; }

# wasm-split-cli, which splits the release wasm into parts fetched when
# first needed (scripts/release-wasm.sh). 0.2.3 or later understands
# wasm-bindgen 0.2.128 and later.
split=0.2.4
if ! cargo install --list | grep -q "^wasm_split_cli_support v$split:"; then
  say "installing wasm-split-cli $split (about 4 minutes, once)"
  cargo install wasm_split_cli_support --version "$split" --features build-binary --locked
fi

# Node.js for the browser tests and wasm-opt (npm's binaryen).
command -v npm >/dev/null || apt_install nodejs npm

# Chromium and its driver, from Debian.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium"
  apt_install chromium chromium-driver
fi

# libfaketime, for the run of the suite with the clock moved a year ahead
# (scripts/with-far-clock.sh).
command -v faketime >/dev/null || { say "installing faketime"; apt_install faketime; }

# PostgreSQL, for the reference server's tests on it (scripts/with-postgres.sh
# starts a throwaway one; the server itself runs on SQLite by default).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { say "installing PostgreSQL"; apt_install postgresql; }

# npm packages, exactly as locked; reinstalled only when the lock changes.
if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock
fi
wasm-opt --version | grep -q 'version 132' || { say "wasm-opt 132 missing from node_modules"; exit 1; }
