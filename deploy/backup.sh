#!/usr/bin/env bash
# Back up what cannot be rebuilt: the database and the media files. The search index is
# not backed up: `manage.py search_index --rebuild` makes it again from the database.
#   DATABASE_URL=postgres://... MEDIA_ROOT=/app/media bash deploy/backup.sh /backups
# Writes <dir>/commit-<UTC time>.dump (pg_dump custom format) and .media.tar.gz beside it.
set -euo pipefail
dest="${1:?usage: backup.sh DIRECTORY}"
: "${DATABASE_URL:?set DATABASE_URL}" "${MEDIA_ROOT:?set MEDIA_ROOT}"
mkdir -p "$dest"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="$dest/commit-$stamp"
pg_dump --format=custom --no-owner --no-privileges --file="$base.dump.partial" "$DATABASE_URL"
mv "$base.dump.partial" "$base.dump"
tar -C "$MEDIA_ROOT" -czf "$base.media.tar.gz.partial" .
mv "$base.media.tar.gz.partial" "$base.media.tar.gz"
echo "$base.dump"
echo "$base.media.tar.gz"
