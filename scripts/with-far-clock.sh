#!/usr/bin/env bash
# Runs a command with the machine's clock, as its processes see it, moved a
# year ahead to one minute before a daylight-saving change (in the command's
# own time zone, New York), so the run crosses the change. Proves the tests
# take "now" only from their own NOW (tests/e2e/support/now.mjs,
# src/domain/testkit.rs). Chromium is started without the moved clock (it
# does not render under libfaketime); Playwright's clock API sets its time.
# cargo itself hangs under it: give it the test programs cargo built.
#   bash scripts/with-far-clock.sh node --test --test-concurrency=1 tests/e2e/
set -euo pipefail
lib=$(find /usr/lib -name 'libfaketime.so.1' -path '*faketime*' 2>/dev/null | grep -v MT | head -n1)
[ -n "$lib" ] || { echo "with-far-clock: libfaketime missing (scripts/setup.sh installs it)" >&2; exit 1; }
eval "$(node "$(dirname "$0")/far-clock.mjs")"
export TZ="$FAKE_CLOCK_ZONE" LD_PRELOAD="$lib" FAKETIME_DONT_FAKE_MONOTONIC=1
echo "with-far-clock: the clock reads $(date '+%Y-%m-%d %H:%M:%S %Z') (real: $(LD_PRELOAD= date -u '+%Y-%m-%d %H:%M:%S UTC'))"
exec "$@"
