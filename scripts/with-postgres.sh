#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on 127.0.0.1 and CARAVAN_TEST_DATABASE_URL pointing at it:
#
#   scripts/with-postgres.sh npm test
#
# Installs Debian's postgresql package when no server binaries are found (needs root and apt), creates a fresh
# cluster in a temporary folder, starts it on a free loopback port, runs the command, then stops the server and
# deletes the cluster whatever the command's outcome. Nothing outlives the run, so it can be run again and again.
# As root the cluster runs as the `postgres` user (PostgreSQL refuses to run as root); otherwise as the caller.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 64
fi

PG_BIN="$(find_bin || true)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "== installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  PG_BIN="$(find_bin)"
fi

if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/caravan-pg.XXXXXX")"
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
PG_PORT="${CARAVAN_PG_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
  { cat "$PG_DIR/initdb.log" >&2; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
  { cat "$PG_DIR/server.log" >&2; exit 1; }
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres caravan_test

export CARAVAN_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/caravan_test"
# For the fault tests: a command that restarts the server under whatever is connected to it.
{
  echo '#!/usr/bin/env bash'
  [ "$(id -u)" -eq 0 ] && printf 'runuser -u postgres -- '
  printf '%q ' "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -m fast \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" restart
  echo '>/dev/null'
} >"$PG_DIR/restart.sh"
chmod +x "$PG_DIR/restart.sh"
export CARAVAN_TEST_PG_RESTART="$PG_DIR/restart.sh"
echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (CARAVAN_TEST_DATABASE_URL set)" >&2
status=0
"$@" || status=$?
exit "$status"
