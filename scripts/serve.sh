#!/usr/bin/env bash
# Serves the portal at http://127.0.0.1:8080/ with the reference API server
# on a SQLite file (portal.db here, created and loaded with the demo agency
# the first time), portal and API on one address, and prints the demo
# client's personal link: open it to use the portal against a real database.
#
#   --port N    listen on another port
#   --static    the browser-only demo instead (no server: Trunk serves the
#               portal, rebuilding on every change, and the portal runs its
#               built-in demo agency)
# Anything else goes to `portal-server serve` (see its --help), or to
# `trunk serve` with --static.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

port=8080 static="" rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    --static) static=1; shift ;;
    *) rest+=("$1"); shift ;;
  esac
done

if [ -n "$static" ]; then
  exec trunk serve --port "$port" "${rest[@]}"
fi

trunk build --release
cargo build -p portal-server --profile server
exec target/server/portal-server --db "${PORTAL_DATABASE:-sqlite://portal.db}" serve \
  --demo --site dist --listen "127.0.0.1:$port" "${rest[@]}"
