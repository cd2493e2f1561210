# shellcheck shell=bash
# Shared settings for services/postgres/{start,stop}.sh. Sourced, not executed.
#
# Where the cluster lives
# -----------------------
# PostgreSQL refuses to run as root, so when we are root (dev machines and CI
# both are) every server-side command runs as the `postgres` system user.
# That user must be able to reach and own the data directory. Default:
#     <repo>/.services/postgres/{data,run,log}   (chowned to postgres)
# If `postgres` cannot traverse the repo path (e.g. a clone under /root, which
# is 0700), we fall back to
#     /var/tmp/commit-portal-pg/{data,run,log}
# The chosen base is recorded in <repo>/.services/postgres/base so that
# stop.sh finds it again. When not root, everything runs as the current user
# and the cluster always lives in the repo.

PG_PORT="${PG_PORT:-5432}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_STATE="$REPO_ROOT/.services/postgres"
PG_FALLBACK_BASE="/var/tmp/commit-portal-pg"
PG_BASE_FILE="$PG_STATE/base"

if [ "$(id -u)" -eq 0 ]; then
    PG_OS_USER=postgres
else
    PG_OS_USER="$(id -un)"
fi
PG_SUPERUSER="$PG_OS_USER"

# Run a command as the OS user that owns the cluster (from / so that a
# cwd the postgres user cannot read does not produce warnings).
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# Set PG_BASE/PG_DATA/PG_RUN/PG_LOGDIR/PG_LOG from the recorded base (or the
# default in the repo when nothing has been recorded yet).
pg_load_paths() {
    if [ -f "$PG_BASE_FILE" ]; then
        PG_BASE="$(cat "$PG_BASE_FILE")"
    else
        PG_BASE="$PG_STATE"
    fi
    PG_DATA="$PG_BASE/data"
    PG_RUN="$PG_BASE/run"
    PG_LOGDIR="$PG_BASE/log"
    PG_LOG="$PG_LOGDIR/postgresql.log"
    # Unix socket paths are limited to ~107 bytes; use a short dir if needed.
    if [ "${#PG_RUN}" -gt 90 ]; then
        PG_RUN="/tmp/commit-portal-pg-run"
    fi
}

# Is *our* cluster (the one in PG_DATA) running?
pg_ours_running() {
    [ -f "$PG_DATA/PG_VERSION" ] || return 1
    as_pg "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}
