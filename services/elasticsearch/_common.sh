# Shared settings for build.sh / start.sh / stop.sh (sourced, not run).
ES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"   # repo root
ES_SVC="$ES_ROOT/services/elasticsearch"                           # sources (tracked)
ES_OUT="$ES_ROOT/.services/elasticsearch"                          # build output, data, logs (ignored)
ES_PORT="${ES_PORT:-9200}"
# one node per port: the default port uses node.pid / logs/node.log / data, another port N uses node-N.pid etc.
if [[ "$ES_PORT" == 9200 ]]; then _es_sfx=""; else _es_sfx="-$ES_PORT"; fi
ES_PIDFILE="$ES_OUT/node$_es_sfx.pid"
ES_LOG="$ES_OUT/logs/node$_es_sfx.log"
ES_DATA="$ES_OUT/data$_es_sfx"
ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}"

# JDK: $JAVA_HOME if set, else `java` on PATH. ES 8.19 needs Java >= 17.
if [[ -n "${JAVA_HOME:-}" ]]; then
  ES_JAVA="$JAVA_HOME/bin/java"
else
  ES_JAVA="$(command -v java || true)"
fi
if [[ -z "$ES_JAVA" || ! -x "$ES_JAVA" ]]; then
  echo "elasticsearch: no java found (set JAVA_HOME or put java on PATH)" >&2
  exit 1
fi

# True when something on 127.0.0.1:$ES_PORT answers as Elasticsearch (the header the Python client checks).
es_is_up() {
  curl -s -m 3 -o /dev/null -D - "http://127.0.0.1:$ES_PORT/" 2>/dev/null | tr -d '\r' \
    | grep -qi '^x-elastic-product: *Elasticsearch$'
}

# Prints the pid from the pid file if that process is alive and is our node.
es_running_pid() {
  local pid
  [[ -f "$ES_PIDFILE" ]] || return 1
  pid="$(cat "$ES_PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "org.elasticsearch.node.DevNode .*-Ehttp.port=$ES_PORT" || return 1
  echo "$pid"
}
