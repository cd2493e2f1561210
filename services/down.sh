#!/usr/bin/env bash
# Stop Elasticsearch, Redis and PostgreSQL started by services/up.sh.
# Fine when already stopped; tries every service even if one fails, and exits
# non-zero only if a stop script really failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

rc=0
if [ -f "$here/elasticsearch/stop.sh" ]; then
    bash "$here/elasticsearch/stop.sh" || { echo "[down] elasticsearch stop failed" >&2; rc=1; }
else
    echo "[elasticsearch] no services/elasticsearch/stop.sh; skipping"
fi
bash "$here/redis/stop.sh" || { echo "[down] redis stop failed" >&2; rc=1; }
bash "$here/postgres/stop.sh" || { echo "[down] postgres stop failed" >&2; rc=1; }
exit "$rc"
