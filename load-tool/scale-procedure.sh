#!/usr/bin/env bash
# One instance against two, back to back on one machine (docs/scaling.md). Both on the jar's own PostgreSQL
# (java -jar <app jar> postgres, data in <folder>/data/pg): instance a (every role, profiles local,postgres: it starts
# the embedded Redis and Kafka) on :8080, the load tool's rounds against it; then instance b beside it (profiles
# local,postgres,beside: :8081, a's Redis and Kafka, the same database) and the same rounds with the tool's threads
# spread over both.
#   load-tool/scale-procedure.sh <app jar> <load-tool jar> <empty work folder> [load-tool options, e.g. --rounds=2]
# Writes <folder>/one.json and two.json (every report), one.txt and two.txt (the tool's output), a/ and b/ (logs).
set -euo pipefail
jar=$(realpath "$1"); tool=$(realpath "$2"); dir=$3; shift 3
rm -rf "$dir" && mkdir -p "$dir/a" "$dir/b" && cd "$dir" && chmod 755 .
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait' EXIT
java -jar "$jar" postgres --data=data/pg > pg.log 2>&1 & pids+=($!)
for _ in $(seq 1 60); do grep -q "PostgreSQL listening" pg.log && break; sleep 1; done
start() { # <folder> <profiles> <port>; returns once the instance is ready (started and warmed up)
    (cd "$1" && exec java -jar "$jar" --spring.profiles.active="$2" > server.log 2>&1) & pids=("$!" "${pids[@]}")
    for _ in $(seq 1 300); do curl -sf -o /dev/null "http://localhost:$3/actuator/health/readiness" && return; sleep 1; done
    echo "$1 did not start" >&2; exit 1
}
start a local,postgres 8080
java -jar "$tool" rounds --out=one.json --base-url=http://localhost:8080 "$@" > one.txt 2>&1 \
    || echo "the load tool reported a failed check (one instance)" >&2
start b local,postgres,beside 8081
sleep 20 # the segment balancer hands b its share
java -jar "$tool" rounds --out=two.json --base-url=http://localhost:8080,http://localhost:8081 "$@" > two.txt 2>&1 \
    || echo "the load tool reported a failed check (two instances)" >&2
