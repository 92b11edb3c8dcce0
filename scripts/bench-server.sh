#!/usr/bin/env bash
# Reliability figures for the reference server (README, "Reference server"):
# sustained mixed load and a SIGKILL during writes, on SQLite and on a
# throwaway PostgreSQL. Loopback only; each phase is bounded in time.
#   bash scripts/bench-server.sh [seconds of load, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-10}"
cargo build -q -p portal-server --profile server --bin portal-server --example reliability
bin=target/server/portal-server
run=target/server/examples/reliability
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$run" "$bin" "sqlite://$dir/bench.db" "$seconds"
# The throwaway server's own default database; fsync on, as in production.
bash scripts/with-postgres.sh sh -c "\"$run\" \"$bin\" \"\$PORTAL_TEST_POSTGRES/postgres\" \"$seconds\""
