#!/usr/bin/env bash
# Stop the PostgreSQL cluster started by services/postgres/start.sh.
# Succeeds when it is not running (or was never created). Never touches a
# server that is not ours.
set -euo pipefail
# shellcheck source=services/postgres/_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

pg_load_paths
if pg_ours_running; then
    echo "[postgres] stopping cluster in $PG_DATA"
    as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null
    echo "[postgres] stopped"
else
    echo "[postgres] not running"
fi
