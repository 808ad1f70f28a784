#!/usr/bin/env bash
# One instance against two and three, back to back on one machine (docs/scaling.md). All on the jar's own PostgreSQL
# (java -jar <app jar> postgres, data in <folder>/data/pg): instance a (every role, profiles local,postgres: it starts
# the embedded Redis and Kafka) on :8080, the load tool's rounds against it; then instance b beside it (profiles
# local,postgres,beside: :8081, a's Redis and Kafka, the same database) and the same rounds with the tool's threads
# spread over both; then instance c (:8082) and the same over three. Before each run with more than one instance the
# script waits for the segment balancer and writes who holds which segment of each processor (segments-<n>.json).
#   load-tool/scale-procedure.sh <app jar> <load-tool jar> <empty work folder> [load-tool options, e.g. --rounds=2]
# Writes <folder>/one.json, two.json, three.json (every report), one.txt, two.txt, three.txt (the tool's output),
# segments-two.json, segments-three.json, and a/, b/, c/ (each instance's server.log, and its JFR recording from its
# start, <x>/all.jfr: ProfileSummary of each, over one scenario's instants, splits its CPU by component — the JIT of
# an instance started later apart from the rest). THREE=no stops after two instances.
set -euo pipefail
jar=$(realpath "$1"); tool=$(realpath "$2"); dir=$3; shift 3
rm -rf "$dir" && mkdir -p "$dir/a" "$dir/b" "$dir/c" && cd "$dir" && chmod 755 .
pids=(); instances=()
dump() { # each instance's recording into its folder
    for i in "${instances[@]}"; do
        jcmd "${i#*:}" JFR.dump name=bench filename="$PWD/${i%%:*}/all.jfr" > /dev/null || true
    done
}
trap 'dump; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait' EXIT
java -jar "$jar" postgres --data=data/pg > pg.log 2>&1 & pids+=($!)
for _ in $(seq 1 60); do grep -q "PostgreSQL listening" pg.log && break; sleep 1; done
start() { # <folder> <profiles> <port>; returns once the instance is ready (started and warmed up)
    (cd "$1" && exec java -XX:StartFlightRecording=settings=profile,jdk.ThreadCPULoad#period=1s,disk=true,maxage=2h,name=bench \
        -jar "$jar" --spring.profiles.active="$2" --server.port="$3" > server.log 2>&1) &
    pids=("$!" "${pids[@]}"); instances+=("$1:$!")
    for _ in $(seq 1 300); do curl -sf -o /dev/null "http://localhost:$3/actuator/health/readiness" && return; sleep 1; done
    echo "$1 did not start" >&2; exit 1
}
start a local,postgres 8080
java -jar "$tool" rounds --out=one.json --base-url=http://localhost:8080 "$@" > one.txt 2>&1 \
    || echo "the load tool reported a failed check (one instance)" >&2
segments() { # <file>: every processor's segments and their owners, as instance a's operators see them
    local token
    token=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"userId":"scale-ops","roles":["ADMIN"]}' \
        http://localhost:8080/api/dev/tokens | sed 's/.*"token":"\([^"]*\)".*/\1/')
    curl -sf -H "Authorization: Bearer $token" http://localhost:8080/api/admin/processors > "$1"
}
start b local,postgres,beside 8081
sleep 30 # the segment balancer hands b its share
segments segments-two.json
java -jar "$tool" rounds --out=two.json --base-url=http://localhost:8080,http://localhost:8081 "$@" > two.txt 2>&1 \
    || echo "the load tool reported a failed check (two instances)" >&2
[ "${THREE:-yes}" = no ] && exit 0
start c local,postgres,beside 8082
sleep 30 # and c its share: no operator splits or moves a segment
segments segments-three.json
java -jar "$tool" rounds --out=three.json \
    --base-url=http://localhost:8080,http://localhost:8081,http://localhost:8082 "$@" > three.txt 2>&1 \
    || echo "the load tool reported a failed check (three instances)" >&2
