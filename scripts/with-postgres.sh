#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a
# temporary directory, on a free loopback port, stopped and removed after.
# The command finds it in PORTAL_TEST_POSTGRES (postgres://portal@127.0.0.1:PORT).
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "with-postgres: PostgreSQL is not installed (bash scripts/setup.sh)" >&2; exit 1; }

# PostgreSQL will not run as root: run it as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

port=""
for p in $(seq 55432 55532); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "with-postgres: no free port" >&2; exit 1; }

dir=$(mktemp -d /tmp/portal-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
stop() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
as_pg "$bin/initdb" -D "$dir/data" -A trust -U portal -E UTF8 --no-sync >/dev/null
# fsync stays on unless asked (the crash benchmark needs it on).
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 ${PG_EXTRA:-}" start >/dev/null
export PORTAL_TEST_POSTGRES="postgres://portal@127.0.0.1:$port"
"$@"
