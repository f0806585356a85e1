#!/usr/bin/env bash
# Runs a command with a throwaway Redis server on 127.0.0.1 and CARAVAN_TEST_REDIS_URL pointing at it:
#
#   scripts/with-redis.sh npm test
#   scripts/with-postgres.sh scripts/with-redis.sh npm test
#
# Installs Debian's redis-server package when no server binary is found (needs root and apt), starts a server with
# no persistence in a temporary folder on a free loopback port, runs the command, then stops the server and deletes
# the folder whatever the command's outcome. Nothing outlives the run, so it can be run again and again.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 64
fi

REDIS_SERVER="$(command -v redis-server || true)"
if [ -z "$REDIS_SERVER" ]; then
  echo "== installing Redis from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
  REDIS_SERVER="$(command -v redis-server)"
fi

REDIS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/caravan-redis.XXXXXX")"
REDIS_PORT="${CARAVAN_REDIS_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"

cleanup() {
  if [ -f "$REDIS_DIR/redis.pid" ]; then kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true; fi
  for _ in $(seq 1 50); do [ -f "$REDIS_DIR/redis.pid" ] || break; sleep 0.1; done
  rm -rf "$REDIS_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# BullMQ needs every key kept (noeviction); the tests need nothing on disk.
"$REDIS_SERVER" --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" --save '' --appendonly no \
  --maxmemory-policy noeviction --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/server.log"
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then break; fi
  sleep 0.05
done
(exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null || { cat "$REDIS_DIR/server.log" >&2; exit 1; }

export CARAVAN_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
echo "== Redis $("$REDIS_SERVER" --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1:$REDIS_PORT (CARAVAN_TEST_REDIS_URL set)" >&2
status=0
"$@" || status=$?
exit "$status"
