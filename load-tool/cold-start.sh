#!/usr/bin/env bash
# A cold instance's first traffic against its warm rate (issue 24): starts the local default in an empty folder,
# notes how long it takes to report ready (/actuator/health/readiness UP), then runs the load tool's cold-start at
# once — a 30 s crowd of one-unit orders, the tool's warm-up, the same crowd again — with the tokens minted by the
# tool itself, so the measured crowd is the first load the instance sees.
#   load-tool/cold-start.sh <app jar> <load-tool jar> <empty work folder> [load-tool options]
# Writes <folder>/cold-start.json, cold-start.txt, ready.txt (start-to-ready seconds), server.log.
# JAVA, JAVA_OPTS and AOT_CACHE as for procedure.sh.
set -euo pipefail
jar=$(realpath "$1"); tool=$(realpath "$2"); dir=$3; shift 3
source "$(dirname "$(realpath "$0")")/aot-env.sh"
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
started=$(date +%s.%N)
${JAVA:-java} ${JAVA_OPTS:-} "${aot[@]}" -jar "$jar" > server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
ready=
for _ in $(seq 1 1800); do
    if curl -sf -o /dev/null http://localhost:8080/actuator/health/readiness; then ready=$(date +%s.%N); break; fi
    sleep 0.1
done
[ -n "$ready" ] || { echo "the instance did not report ready within 3 minutes" >&2; exit 1; }
echo "start to ready: $(echo "$ready - $started" | bc) s" | tee ready.txt
java -jar "$tool" cold-start --out=cold-start.json \
    --jwt-secret=local-development-secret-never-use-in-production "$@" > cold-start.txt 2>&1 \
    || echo "the load tool reported a failed check" >&2
kill "$server"; wait "$server" || true
