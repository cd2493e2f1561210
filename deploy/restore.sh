#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and media directory,
# then rebuild the search index. Stop web, worker and scheduler first.
#   DATABASE_URL=postgres://... MEDIA_ROOT=/app/media bash deploy/restore.sh /backups/commit-<time>.dump
# SKIP_INDEX=1 skips the index rebuild (no Elasticsearch, or done later).
set -euo pipefail
dump="${1:?usage: restore.sh BACKUP.dump}"
media="${dump%.dump}.media.tar.gz"
: "${DATABASE_URL:?set DATABASE_URL}" "${MEDIA_ROOT:?set MEDIA_ROOT}"
[[ -f "$dump" ]] || { echo "restore: no such dump: $dump" >&2; exit 1; }
[[ -f "$media" ]] || { echo "restore: no media archive beside it: $media" >&2; exit 1; }

# Never merge a backup into live data: the target database must have no tables.
tables="$(psql "$DATABASE_URL" -Atc "select count(*) from pg_tables where schemaname = 'public'")"
if [[ "$tables" != 0 ]]; then
  echo "restore: the database already has $tables tables; restore into an empty database" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$media"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python}"
cd "$here"
"$python" manage.py migrate --noinput
if [[ -z "${SKIP_INDEX:-}" ]]; then
  "$python" manage.py search_index --rebuild
fi
echo "restore: done ($dump)"
