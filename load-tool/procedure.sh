#!/usr/bin/env bash
# The benchmark procedure of docs/benchmarks.md: a fresh local default in an empty folder, a JFR recording from its
# start, and the load tool's procedure against it — an ordinary day on the fresh server, the warm-up, the rounds, and
# the ordinary day again — then the recording is dumped and the server stopped.
#   load-tool/procedure.sh <app jar> <load-tool jar> <empty work folder> [load-tool options, e.g. --rounds=4]
# Writes <folder>/procedure.json (every report), procedure.txt (the tool's output), all.jfr, server.log. Read the CPU
# by component of one scenario with: java -cp <load-tool jar> com.orderplatform.load.ProfileSummary <folder>/all.jfr
#   <orders> <started> <orders-finished>   (both instants are in the scenario's parameters in procedure.json)
# JAVA selects the server's JDK (default: java on the PATH), JAVA_OPTS adds options to it; AOT_CACHE=<folder of
# load-tool/aot-cache.sh> runs the application it extracted, with its JDK 25 ahead-of-time cache.
set -euo pipefail
jar=$(realpath "$1"); tool=$(realpath "$2"); dir=$3; shift 3
source "$(dirname "$(realpath "$0")")/aot-env.sh"
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
${JAVA:-java} ${JAVA_OPTS:-} "${aot[@]}" \
    -XX:StartFlightRecording=settings=profile,jdk.ThreadCPULoad#period=1s,disk=true,maxage=2h,name=bench \
    -jar "$jar" > server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
# ready: started and warmed up (the instance holds readiness back while it warms itself up)
for _ in $(seq 1 300); do curl -sf -o /dev/null http://localhost:8080/actuator/health/readiness && break; sleep 1; done
java -jar "$tool" procedure --out=procedure.json "$@" > procedure.txt 2>&1 || echo "the load tool reported a failed check" >&2
jcmd "$server" JFR.dump name=bench filename="$(pwd)/all.jfr" > /dev/null
kill "$server"; wait "$server" || true
