#!/usr/bin/env bash
# Start a throw-away PostgreSQL 15 for development and CI (see _common.sh for
# where the cluster lives). Idempotent: reuses a server that already answers
# on 127.0.0.1:$PG_PORT, and always makes sure role/database `commit` exist.
set -euo pipefail
# shellcheck source=services/postgres/_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

log() { echo "[postgres] $*"; }
die() { echo "[postgres] ERROR: $*" >&2; exit 1; }

[ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 binaries not found in $PG_BIN (apt-get install postgresql-15)"
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    die "system user 'postgres' does not exist (it comes with the postgresql package)"
fi

ENSURE_SQL="
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'commit') THEN
    CREATE ROLE commit LOGIN CREATEDB PASSWORD 'commit';
  ELSE
    ALTER ROLE commit LOGIN CREATEDB PASSWORD 'commit';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE commit OWNER commit ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'commit') \gexec
"

# Run ENSURE_SQL as a superuser over the given unix-socket directory.
ensure_via_socket() {
    local sockdir="$1"
    [ -S "$sockdir/.s.PGSQL.$PG_PORT" ] || return 1
    printf '%s\n' "$ENSURE_SQL" | as_pg psql -X -q -v ON_ERROR_STOP=1 \
        -h "$sockdir" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres >/dev/null
}

commit_can_connect() {
    PGPASSWORD=commit PGCONNECT_TIMEOUT=5 psql -X -q -w -At \
        -h 127.0.0.1 -p "$PG_PORT" -U commit -d commit -c 'select 1' >/dev/null 2>&1
}

ensure_role_and_db() {
    local sockdir
    for sockdir in "$PG_RUN" /var/run/postgresql /tmp; do
        if ensure_via_socket "$sockdir" 2>/dev/null; then
            log "role/database 'commit' ensured (superuser via $sockdir)"
            return 0
        fi
    done
    if commit_can_connect; then
        log "no superuser access, but commit:commit@127.0.0.1:$PG_PORT/commit works"
        return 0
    fi
    die "a server answers on 127.0.0.1:$PG_PORT but we cannot create role/database 'commit' on it and cannot log in as commit/commit. Stop it or set PG_PORT to a free port."
}

wait_ready() {
    local i
    for i in $(seq 1 60); do
        if pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then return 0; fi
        sleep 0.5
    done
    return 1
}

fail_with_log() {
    echo "[postgres] ERROR: $*" >&2
    if [ -f "$PG_LOG" ]; then
        echo "----- last 40 lines of $PG_LOG -----" >&2
        tail -n 40 "$PG_LOG" >&2 || true
        echo "------------------------------------" >&2
    fi
    exit 1
}

# ---------------------------------------------------------------------------
mkdir -p "$PG_STATE"
pg_load_paths

# 1. Something already answers on the port: reuse it.
if pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
    log "a server already answers on 127.0.0.1:$PG_PORT; reusing it"
    ensure_role_and_db
    exit 0
fi

# 2. Choose where the cluster lives (only if not decided before).
if [ ! -f "$PG_BASE_FILE" ]; then
    base="$PG_STATE"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$PG_STATE"
        if ! as_pg test -w "$PG_STATE"; then
            log "user 'postgres' cannot reach $PG_STATE; using $PG_FALLBACK_BASE instead"
            base="$PG_FALLBACK_BASE"
        fi
    fi
    echo "$base" > "$PG_BASE_FILE"
    pg_load_paths
fi

mkdir -p "$PG_BASE" "$PG_DATA" "$PG_RUN" "$PG_LOGDIR"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_BASE" "$PG_DATA" "$PG_RUN" "$PG_LOGDIR"
    if [ -f "$PG_LOG" ]; then chown postgres: "$PG_LOG"; fi
fi
chmod 700 "$PG_DATA"

# 3. initdb once. Explicit locale/encoding: CI has no LANG, which would give SQL_ASCII.
if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initdb in $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" -E UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 --no-sync --no-instructions \
        > "$PG_LOGDIR/initdb.log" 2>&1 \
        || { cat "$PG_LOGDIR/initdb.log" >&2; die "initdb failed"; }
    echo "include_if_exists = 'commit_portal.conf'" | as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
fi

# Settings are rewritten on every start so PG_PORT changes take effect.
as_pg tee "$PG_DATA/commit_portal.conf" >/dev/null <<CONF
# Written by services/postgres/start.sh on every start; do not edit.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
# Test speed over durability: this cluster is disposable.
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF

# 4. Start (unless our own cluster is already up, e.g. still starting).
if pg_ours_running; then
    log "our cluster in $PG_DATA is already running; waiting for it"
else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (data: $PG_DATA)"
    as_pg "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 >/dev/null \
        || fail_with_log "pg_ctl start failed"
fi
wait_ready || fail_with_log "PostgreSQL did not become ready on 127.0.0.1:$PG_PORT within 30s"

ensure_role_and_db
commit_can_connect || fail_with_log "cannot log in as commit/commit on 127.0.0.1:$PG_PORT"
log "ready: postgres://commit:commit@127.0.0.1:$PG_PORT/commit"
