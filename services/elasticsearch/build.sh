#!/usr/bin/env bash
# Compiles the dev node launcher and copies its runtime jars (Elasticsearch server, netty4 transport, Lucene, ICU)
# from Maven Central into .services/elasticsearch/lib. Skips all work when nothing changed since the last build.
# ES_SECURE=1 builds the secured variant (Maven profile `secure`: + X-Pack core and security) into lib-secure/ and
# build-secure/ instead, so the two never share a classpath.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

if [[ "$ES_SECURE" == 1 ]]; then profile=(-Psecure); stamp_file="$ES_OUT/build-secure.stamp"; else profile=(); stamp_file="$ES_OUT/build.stamp"; fi
stamp="$( (cd "$ES_SVC" && find pom.xml src -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1)"

if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" && -d "$ES_LIB" && -d "$ES_BUILD/classes" ]]; then
  echo "elasticsearch: build up to date"
  exit 0
fi

echo "elasticsearch: building (first run downloads ~60 MB of jars from Maven Central)"
mkdir -p "$ES_OUT"
rm -rf "$ES_LIB" "$ES_BUILD"
if [[ -n "${JAVA_HOME:-}" ]]; then export JAVA_HOME; fi
# (Maven 3.8 prints stray colour codes even in batch mode; strip them)
mvn -q -B -f "$ES_SVC/pom.xml" "${profile[@]}" compile dependency:copy-dependencies 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
echo "$stamp" > "$stamp_file"
echo "elasticsearch: build done ($(ls "$ES_LIB" | wc -l) jars in ${ES_LIB#"$ES_ROOT"/})"
