#!/usr/bin/env bash
# Stops the node started by start.sh (SIGTERM, then SIGKILL after ES_STOP_TIMEOUT seconds, default 30).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
timeout_s="${ES_STOP_TIMEOUT:-30}"

if ! pid="$(es_running_pid)"; then
  echo "elasticsearch: not running"
  rm -f "$ES_PIDFILE"
  exit 0
fi
kill -TERM "$pid" 2>/dev/null || true
for ((i = 0; i < timeout_s * 10; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "elasticsearch: pid $pid still alive after ${timeout_s}s, sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$ES_PIDFILE"
echo "elasticsearch: stopped (pid $pid)"
