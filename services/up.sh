#!/usr/bin/env bash
# Start everything the project needs for development and tests:
# PostgreSQL, Redis and Elasticsearch. Idempotent; run from anywhere.
#   PG_PORT (5432), REDIS_PORT (6379), ES_PORT (9200) override the ports.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bash "$here/postgres/start.sh"
bash "$here/redis/start.sh"

bash "$here/elasticsearch/start.sh"

echo ""
echo "Services are up:"
echo "DATABASE_URL=postgres://commit:commit@127.0.0.1:${PG_PORT:-5432}/commit"
echo "REDIS_URL=redis://127.0.0.1:${REDIS_PORT:-6379}/0"
echo "ELASTICSEARCH_URL=http://127.0.0.1:${ES_PORT:-9200}"
