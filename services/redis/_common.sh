# shellcheck shell=bash
# Shared settings for services/redis/{start,stop}.sh. Sourced, not executed.
REDIS_PORT="${REDIS_PORT:-6379}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REDIS_STATE="$REPO_ROOT/.services/redis"
REDIS_PIDFILE="$REDIS_STATE/redis.pid"
REDIS_LOG="$REDIS_STATE/redis.log"
REDIS_PORTFILE="$REDIS_STATE/port"   # port our instance was started on

# PING 127.0.0.1:$1 with bash's /dev/tcp (works before redis-tools is installed).
redis_ping() {
    (
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf 'PING\r\n' >&3
        reply=""
        IFS= read -r -t 2 reply <&3 || true
        [ "${reply%$'\r'}" = "+PONG" ]
    ) 2>/dev/null
}

# PID of our redis-server if it is running, else nothing (and status 1).
redis_our_pid() {
    local pid
    [ -f "$REDIS_PIDFILE" ] || return 1
    pid="$(cat "$REDIS_PIDFILE" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    grep -q redis-server "/proc/$pid/comm" 2>/dev/null || return 1
    echo "$pid"
}
