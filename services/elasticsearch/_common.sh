# Shared settings for build.sh / start.sh / stop.sh (sourced, not run).
ES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"   # repo root
ES_SVC="$ES_ROOT/services/elasticsearch"                           # sources (tracked)
ES_OUT="$ES_ROOT/.services/elasticsearch"                          # build output, data, logs (ignored)
# ES_SECURE=1: the opt-in secured node (X-Pack security, HTTP TLS, a password and an API key; README.md,
# "Secured node"), on 9202 unless ES_PORT says otherwise, with its own jars, classes, data and credentials.
ES_SECURE="${ES_SECURE:-0}"
if [[ "$ES_SECURE" == 1 ]]; then
  ES_PORT="${ES_PORT:-9202}"
  _es_sfx="-secure-$ES_PORT"
  ES_LIB="$ES_OUT/lib-secure"
  ES_BUILD="$ES_OUT/build-secure"
  ES_SCHEME=https
else
  ES_PORT="${ES_PORT:-9200}"
  # one node per port: the default port uses node.pid / logs/node.log / data, another port N uses node-N.pid etc.
  if [[ "$ES_PORT" == 9200 ]]; then _es_sfx=""; else _es_sfx="-$ES_PORT"; fi
  ES_LIB="$ES_OUT/lib"
  ES_BUILD="$ES_OUT/build"
  ES_SCHEME=http
fi
ES_PIDFILE="$ES_OUT/node$_es_sfx.pid"
ES_LOG="$ES_OUT/logs/node$_es_sfx.log"
ES_DATA="$ES_OUT/data$_es_sfx"
# the secured node's CA and node certificate, the elastic user's password, the app's API key and an env file
ES_SECDIR="$ES_OUT/secure-$ES_PORT"
ES_URL="$ES_SCHEME://127.0.0.1:$ES_PORT"
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

# curl against the node; on the secured node with its CA and as the elastic user (the password through a
# config on a pipe, not the command line).
es_curl() {
  if [[ "$ES_SECURE" == 1 ]]; then
    curl --cacert "$ES_SECDIR/ca.crt" -K <(printf 'user = "elastic:%s"\n' "$(cat "$ES_SECDIR/elastic-password" 2>/dev/null)") "$@"
  else
    curl "$@"
  fi
}

# True when something on 127.0.0.1:$ES_PORT answers as Elasticsearch (the header the Python client checks).
es_is_up() {
  es_curl -s -m 3 -o /dev/null -D - "$ES_URL/" 2>/dev/null | tr -d '\r' \
    | grep -qi '^x-elastic-product: *Elasticsearch$'
}

# Prints the pid from the pid file if that process is alive and is our node.
es_running_pid() {
  local pid
  [[ -f "$ES_PIDFILE" ]] || return 1
  pid="$(cat "$ES_PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "org.elasticsearch.node.DevNode .*-Ehttp.port=$ES_PORT\( \|$\)" || return 1
  echo "$pid"
}
