#!/usr/bin/env bash
# Serves the portal at http://127.0.0.1:8080/ with the demo agency, rebuilding
# on every change. Extra arguments go to `trunk serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
exec trunk serve "$@"
