#!/usr/bin/env bash
# Stop the redis-server started by services/redis/start.sh (ours only, found
# by its pidfile). Succeeds when it is not running.
set -euo pipefail
# shellcheck source=services/redis/_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

if ! pid="$(redis_our_pid)"; then
    echo "[redis] not running"
    rm -f "$REDIS_PIDFILE"
    exit 0
fi
port="$(cat "$REDIS_PORTFILE" 2>/dev/null || echo "$REDIS_PORT")"
echo "[redis] stopping pid $pid (port $port)"
if command -v redis-cli >/dev/null 2>&1; then
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
else
    kill "$pid" 2>/dev/null || true
fi
for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$REDIS_PIDFILE"; echo "[redis] stopped"; exit 0; }
    sleep 0.1
done
echo "[redis] still running after 10s; sending SIGKILL" >&2
kill -9 "$pid" 2>/dev/null || true
rm -f "$REDIS_PIDFILE"
