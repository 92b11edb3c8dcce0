#!/usr/bin/env bash
# Runs every check and test: formatting, lints, native tests, the release
# build, and the browser tests in headless Chromium against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "formatting"
cargo fmt --all -- --check

step "lints (native and wasm)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -- -D warnings
# Release builds split the pages into parts (`cfg(split)`): lint that code too.
cargo clippy --release --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p portal-server --all-targets -- -D warnings

step "native tests"
cargo test

# The reference server: every test on SQLite, and again on a throwaway
# PostgreSQL (started on a loopback port, removed after).
step "reference server tests, on SQLite and PostgreSQL"
bash scripts/with-postgres.sh cargo test -p portal-server

step "release build"
trunk build --release

step "browser tests"
node --test --test-concurrency=1 tests/e2e/

# The browser tests that talk to an agency's API run again against the
# reference server on SQLite (built by its tests above): the API double
# stays in front as a recording proxy and still plays the faults.
step "browser tests against the reference server"
E2E_API=server node --test --test-concurrency=1 $(grep -l useAgency tests/e2e/*.test.mjs)

# The tests take "now" from their own NOW, never the machine's clock: run
# them again with the clock a year ahead, across a daylight-saving change.
step "native and browser tests, with the clock a year ahead across a daylight-saving change"
# cargo itself hangs under libfaketime (a timed wait on the moved clock),
# so the test programs it built run directly.
cargo test --no-run --message-format=json 2>/dev/null | node scripts/test-programs.mjs |
  while read -r program; do bash scripts/with-far-clock.sh "$program" -q; done
bash scripts/with-far-clock.sh node --test --test-concurrency=1 tests/e2e/
