#!/usr/bin/env bash
# Trunk post-build hook (see Trunk.toml), release builds only: the wasm in
# parts, fetched when first needed, and small JS glue.
#
# 1. Split. Each page but the Overview is drawn by a split point
#    (`views::pages`, `cfg(split)`): wasm-split-cli moves the code only it
#    reaches out of cargo's wasm (linked with --emit-relocs,
#    .cargo/config.toml) into split_<part>.wasm, code shared by some parts
#    into chunk_<n>.wasm, and writes __wasm_split.js, which fetches them.
# 2. wasm-bindgen on what is left (the first download), keeping the exports
#    the parts link to, less wasm-streams' unused classes for JS streams
#    (scripts/drop-stream-classes.mjs); then wasm-opt on every module. Trunk's own
#    wasm-bindgen output, built from the unsplit wasm, is replaced.
# 3. parts.json: for each part, the files it fetches (the size test and the
#    benchmark count a deep-linked page's first load with it).
# 4. terser on the JS glue (Trunk's minifier cannot parse what wasm-bindgen
#    writes; terser takes it to about a third).
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
out="$TRUNK_STAGING_DIR"
name=client-portal
raw="${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/release/$name.wasm"
for tool in wasm-split-cli wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null || { echo "release-wasm: $tool is missing (bash scripts/setup.sh installs it)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wasm-split-cli --target web --out-name "$name" "$raw" "$work/split"
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-name "$name" \
  --out-dir "$work/bound" "$work/split/$name.wasm"

# What index.html used to ask of Trunk's wasm-opt, for every module.
opt=(-Oz --flatten --rereloop -Oz --flatten --rereloop -Oz -Oz
  --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue
  --strip-debug --strip-producers --strip-target-features)
rm -f "$out"/split_*.wasm "$out"/chunk_*.wasm
# wasm-streams' classes for JS streams, which nothing in the portal uses
# (scripts/drop-stream-classes.mjs): out of the glue and the wasm's exports.
node "$root/scripts/drop-stream-classes.mjs" "$work/bound/$name.js"
wasm-opt --remove-exports --pass-arg='remove-exports@*intounderlying*' "${opt[@]}" \
  "$work/bound/${name}_bg.wasm" -o "$out/${name}_bg.wasm" 2>/dev/null
for f in "$work/split"/split_*.wasm "$work/split"/chunk_*.wasm; do
  wasm-opt "${opt[@]}" "$f" -o "$out/$(basename "$f")" 2>/dev/null &
done
wait
cp "$work/bound/$name.js" "$out/"
# A part that cannot be fetched (offline) is the page's to explain, in the
# client's words (`views::pages`): the glue's console.error goes.
grep -c 'console.error(e);' "$work/split/__wasm_split.js" | grep -qx 1 ||
  { echo "release-wasm: __wasm_split.js has changed; check its error handling" >&2; exit 1; }
sed 's/console\.error(e);//' "$work/split/__wasm_split.js" > "$out/__wasm_split.js"
node "$root/scripts/split-parts.mjs" "$work/split/__wasm_split.js" > "$out/parts.json"
# embed.js fetches the demo agency's part early when the page names no API.
demo_part="$(node -e 'const fs = require("fs"); process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], "utf8")).demo))' "$out/parts.json")"
grep -c '^const DEMO_PART = \[\];$' "$out/embed.js" | grep -qx 1 ||
  { echo "release-wasm: embed.js has no 'const DEMO_PART = [];' line to fill in" >&2; exit 1; }
sed -i "s/^const DEMO_PART = \[\];$/const DEMO_PART = $demo_part;/" "$out/embed.js"

for f in "$out"/*.js; do
  node "$root/node_modules/terser/bin/terser" "$f" --module --compress --mangle --output "$f"
done
