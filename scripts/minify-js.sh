#!/usr/bin/env bash
# Trunk post-build hook (see Trunk.toml): minify the JS glue wasm-bindgen
# writes. Trunk's own minifier cannot parse it and ships it as is (44 KB);
# terser takes it to about a third. Release builds only.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
root="$(cd "$(dirname "$0")/.." && pwd)"
for f in "$TRUNK_STAGING_DIR"/*.js; do
  node "$root/node_modules/terser/bin/terser" "$f" --module --compress --mangle --output "$f"
done
