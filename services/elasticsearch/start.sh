#!/usr/bin/env bash
# Starts the dev/CI Elasticsearch node on 127.0.0.1:$ES_PORT (default 9200) in the background and waits until it
# is healthy. Reuses a node that already answers there. Env: ES_PORT, ES_JAVA_OPTS, JAVA_HOME, ES_START_TIMEOUT.
# ES_SECURE=1: the secured node (default port 9202): X-Pack security with HTTP TLS from a CA and node certificate
# made here on first start, the elastic user's password, and an API key for the app; .services/elasticsearch/
# secure-PORT/env then holds ELASTICSEARCH_URL, ELASTICSEARCH_API_KEY and ELASTICSEARCH_CA_CERTS for the portal.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
timeout_s="${ES_START_TIMEOUT:-180}"

# The secured node's files: a CA, a certificate for 127.0.0.1/localhost that it signs (what a client checks the
# node against with ELASTICSEARCH_CA_CERTS), and the elastic user's random password. Made once, kept.
es_secure_files() {
  mkdir -p "$ES_SECDIR"
  chmod 700 "$ES_SECDIR"
  if [[ ! -s "$ES_SECDIR/node.crt" || ! -s "$ES_SECDIR/ca.crt" ]]; then
    (
      cd "$ES_SECDIR"
      openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 825 \
        -subj "/CN=COMMIT Portal dev CA" 2>/dev/null
      openssl req -newkey rsa:2048 -nodes -keyout node.key -out node.csr -subj "/CN=localhost" 2>/dev/null
      printf '%s\n' 'subjectAltName=DNS:localhost,IP:127.0.0.1' 'basicConstraints=CA:FALSE' \
        'keyUsage=digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' > node.ext
      openssl x509 -req -in node.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out node.crt -days 825 \
        -extfile node.ext 2>/dev/null
      rm -f node.csr node.ext ca.srl
    )
    echo "elasticsearch: made a CA and node certificate in ${ES_SECDIR#"$ES_ROOT"/}"
  fi
  if [[ ! -s "$ES_SECDIR/elastic-password" ]]; then
    (umask 077 && openssl rand -hex 16 > "$ES_SECDIR/elastic-password")
  fi
}

# The app's API key: kept while the node still accepts it, otherwise a new one (a wiped data dir loses the
# .security index, and with it the key). It may manage and search any index, and read the cluster's health.
es_api_key() {
  local key=""
  [[ -s "$ES_SECDIR/api-key" ]] && key="$(cat "$ES_SECDIR/api-key")"
  if [[ -z "$key" ]] || [[ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' --cacert "$ES_SECDIR/ca.crt" \
      -H "Authorization: ApiKey $key" "$ES_URL/_security/_authenticate")" != 200 ]]; then
    key="$(es_curl -sf -m 30 -X POST "$ES_URL/_security/api_key" -H 'Content-Type: application/json' \
      -d '{"name": "commit-portal-dev", "role_descriptors": {"portal": {"cluster": ["monitor"],
           "indices": [{"names": ["*"], "privileges": ["all"]}]}}}' \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["encoded"])')"
    (umask 077 && echo "$key" > "$ES_SECDIR/api-key")
    echo "elasticsearch: created an API key for the portal"
  fi
  (umask 077 && printf '%s\n' "ELASTICSEARCH_URL=$ES_URL" "ELASTICSEARCH_API_KEY=$key" \
    "ELASTICSEARCH_CA_CERTS=$ES_SECDIR/ca.crt" > "$ES_SECDIR/env")
}

if [[ "$ES_SECURE" == 1 ]]; then
  es_secure_files
fi
if es_is_up; then
  echo "elasticsearch: already running on $ES_URL, reusing it"
  if [[ "$ES_SECURE" == 1 ]]; then es_api_key; fi
  exit 0
fi
if curl -s -m 3 -o /dev/null "http://127.0.0.1:$ES_PORT/" 2>/dev/null \
  || curl -sk -m 3 -o /dev/null "https://127.0.0.1:$ES_PORT/" 2>/dev/null; then
  echo "elasticsearch: port $ES_PORT is taken by something that is not Elasticsearch" >&2
  exit 1
fi

t0=$(date +%s%N)
if pid="$(es_running_pid)"; then
  echo "elasticsearch: node (pid $pid) is still starting, waiting for it"
else
  bash "$ES_SVC/build.sh"
  mkdir -p "$ES_OUT/logs" "$ES_DATA" "$ES_OUT/tmp"
  t0=$(date +%s%N)
  cd "$ES_ROOT"
  secure_opts=()
  secure_args=()
  if [[ "$ES_SECURE" == 1 ]]; then
    # transport TLS is left off: a single-node cluster has no other node to talk to
    secure_opts=(-Ddevnode.secure=true)
    secure_args=(
      -Expack.security.enabled=true
      -Expack.license.self_generated.type=basic
      -Expack.security.http.ssl.enabled=true
      -Expack.security.http.ssl.key="$ES_SECDIR/node.key"
      -Expack.security.http.ssl.certificate="$ES_SECDIR/node.crt"
      -Expack.security.http.ssl.certificate_authorities="$ES_SECDIR/ca.crt"
    )
    # DevNode puts it in an in-memory keystore as bootstrap.password (the environment, not ps, sees it)
    DEVNODE_BOOTSTRAP_PASSWORD="$(cat "$ES_SECDIR/elastic-password")"
    export DEVNODE_BOOTSTRAP_PASSWORD
  fi
  # word splitting of ES_JAVA_OPTS is intended
  # shellcheck disable=SC2086
  nohup setsid "$ES_JAVA" $ES_JAVA_OPTS \
    -Dfile.encoding=UTF-8 -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
    -Djava.io.tmpdir="$ES_OUT/tmp" \
    -Ddevnode.config="$ES_SVC/config" -Ddevnode.pidfile="$ES_PIDFILE" "${secure_opts[@]}" \
    -cp "$ES_BUILD/classes:$ES_LIB/*" \
    org.elasticsearch.node.DevNode \
    -Epath.home="$ES_OUT" -Epath.data="$ES_DATA" -Epath.logs="$ES_OUT/logs" "${secure_args[@]}" \
    -Ehttp.port="$ES_PORT" \
    >"$ES_LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$ES_PIDFILE"
  echo "elasticsearch: started pid $pid, log in ${ES_LOG#"$ES_ROOT"/}"
fi

deadline=$(( $(date +%s) + timeout_s ))
until es_curl -sf -m 10 -o /dev/null "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null \
  && es_is_up; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "elasticsearch: node exited during startup; last log lines:" >&2
    tail -n 40 "$ES_LOG" >&2 || true
    rm -f "$ES_PIDFILE"
    exit 1
  fi
  if (( $(date +%s) >= deadline )); then
    echo "elasticsearch: not healthy after ${timeout_s}s; last log lines:" >&2
    tail -n 40 "$ES_LOG" >&2 || true
    exit 1
  fi
  sleep 0.5
done
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
printf 'elasticsearch: ready on %s after %d.%01ds\n' "$ES_URL" $((ms / 1000)) $((ms % 1000 / 100))
if [[ "$ES_SECURE" == 1 ]]; then
  es_api_key
  echo "elasticsearch: the portal's settings are in ${ES_SECDIR#"$ES_ROOT"/}/env"
fi
