#!/usr/bin/env bash
# Trunk post-build hook (see Trunk.toml): ship the language packs build.rs
# wrote beside the wasm (every language but English, fetched when chosen)
# as i18n/<tag>.txt next to the page.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
profile=debug
[ "${TRUNK_PROFILE:-}" = "release" ] && profile=release
packs="${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/$profile/i18n"
[ -n "$(ls "$packs"/*.txt 2>/dev/null)" ] || { echo "i18n-packs: no language packs in $packs" >&2; exit 1; }
mkdir -p "$TRUNK_STAGING_DIR/i18n"
cp "$packs"/*.txt "$TRUNK_STAGING_DIR/i18n/"
