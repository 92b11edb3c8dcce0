#!/usr/bin/env bash
# The benchmark behind README's "Performance": builds the release, serves it
# with gzip beside the API double, and prints bytes, Lighthouse (mobile) and
# the scale figures next to a static-page baseline, as a table and as JSON
# (target/bench.json). Not part of the test suite: it measures, it does not
# assert. Arguments go to scripts/bench.mjs (e.g. --items 500).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
mkdir -p target
node scripts/bench.mjs "$@"
