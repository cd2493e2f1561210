#!/usr/bin/env bash
# Start a throw-away Redis for development and CI on 127.0.0.1:$REDIS_PORT.
# Installs redis-server with apt if missing. Idempotent: reuses anything that
# already answers PING on the port.
set -euo pipefail
# shellcheck source=services/redis/_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

log() { echo "[redis] $*"; }
die() { echo "[redis] ERROR: $*" >&2; exit 1; }

# 1. Something already answers: reuse it (no install needed then).
if redis_ping "$REDIS_PORT"; then
    log "something already answers PING on 127.0.0.1:$REDIS_PORT; reusing it"
    exit 0
fi

# 2. Install if missing. No systemd here: a policy-rc.d that says "don't start
#    services" keeps the package's postinst from starting a system redis on 6379.
if ! command -v redis-server >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "redis-server is missing and we are not root (install it: apt-get install redis-server)"
        SUDO="sudo"
    fi
    created_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\n# temporary, from services/redis/start.sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
        $SUDO chmod +x /usr/sbin/policy-rc.d
        created_policy=1
    fi
    log "installing redis-server with apt (one-time)..."
    t0=$(date +%s)
    rc=0
    {
        $SUDO apt-get update -qq -o DPkg::Lock::Timeout=300 &&
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            -o DPkg::Lock::Timeout=300 --no-install-recommends redis-server >/dev/null
    } || rc=$?
    if [ -n "$created_policy" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
    [ "$rc" -eq 0 ] || die "apt-get install redis-server failed (exit $rc)"
    log "installed redis-server in $(( $(date +%s) - t0 ))s"
    command -v redis-server >/dev/null 2>&1 || die "redis-server still not on PATH after install"
fi

# 3. Start ours, daemonized, no persistence.
mkdir -p "$REDIS_STATE"
if pid="$(redis_our_pid)"; then
    # Ours runs but does not answer on REDIS_PORT (other port, or stuck): restart.
    log "our redis (pid $pid) does not answer on $REDIS_PORT; stopping it first"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
rm -f "$REDIS_PIDFILE"
log "starting redis-server on 127.0.0.1:$REDIS_PORT"
redis-server \
    --daemonize yes \
    --bind 127.0.0.1 \
    --port "$REDIS_PORT" \
    --save '' \
    --appendonly no \
    --dir "$REDIS_STATE" \
    --pidfile "$REDIS_PIDFILE" \
    --logfile "$REDIS_LOG" \
    || die "redis-server failed to start"
echo "$REDIS_PORT" > "$REDIS_PORTFILE"

for _ in $(seq 1 100); do
    if redis_ping "$REDIS_PORT"; then
        log "ready: redis://127.0.0.1:$REDIS_PORT/0"
        exit 0
    fi
    sleep 0.1
done
echo "[redis] ERROR: no PONG from 127.0.0.1:$REDIS_PORT within 10s" >&2
if [ -f "$REDIS_LOG" ]; then
    echo "----- last 40 lines of $REDIS_LOG -----" >&2
    tail -n 40 "$REDIS_LOG" >&2 || true
fi
exit 1
