#!/usr/bin/env bash
# Starts the dev/CI Elasticsearch node on 127.0.0.1:$ES_PORT (default 9200) in the background and waits until it
# is healthy. Reuses a node that already answers there. Env: ES_PORT, ES_JAVA_OPTS, JAVA_HOME, ES_START_TIMEOUT.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
timeout_s="${ES_START_TIMEOUT:-180}"

if es_is_up; then
  echo "elasticsearch: already running on 127.0.0.1:$ES_PORT, reusing it"
  exit 0
fi
if curl -s -m 3 -o /dev/null "http://127.0.0.1:$ES_PORT/" 2>/dev/null; then
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
  # word splitting of ES_JAVA_OPTS is intended
  # shellcheck disable=SC2086
  nohup setsid "$ES_JAVA" $ES_JAVA_OPTS \
    -Dfile.encoding=UTF-8 -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
    -Djava.io.tmpdir="$ES_OUT/tmp" \
    -Ddevnode.config="$ES_SVC/config" -Ddevnode.pidfile="$ES_PIDFILE" \
    -cp "$ES_OUT/build/classes:$ES_OUT/lib/*" \
    org.elasticsearch.node.DevNode \
    -Epath.home="$ES_OUT" -Epath.data="$ES_DATA" -Epath.logs="$ES_OUT/logs" \
    -Ehttp.port="$ES_PORT" \
    >"$ES_LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$ES_PIDFILE"
  echo "elasticsearch: started pid $pid, log in ${ES_LOG#"$ES_ROOT"/}"
fi

deadline=$(( $(date +%s) + timeout_s ))
until curl -sf -m 10 -o /dev/null "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null \
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
printf 'elasticsearch: ready on http://127.0.0.1:%s after %d.%01ds\n' "$ES_PORT" $((ms / 1000)) $((ms % 1000 / 100))
