#!/usr/bin/env bash
# A JDK 25 ahead-of-time cache for the application (JEP 483, 514, 515: its classes loaded and linked, its methods'
# profiles), written by a training run: the jar is extracted (the cache needs a plain class path, not nested jars),
# started with -XX:AOTCacheOutput, driven by the load tool through what a new instance meets (the ceiling, an accepted
# crowd, a sold-out crowd, an ordinary day), and stopped; the JVM writes the cache as it exits.
#   JAVA=<a JDK 25's java> load-tool/aot-cache.sh <app jar> <load-tool jar> <empty work folder>
# Writes <folder>/app/ (the extracted application) and <folder>/app.aot; run the application with
#   $JAVA -XX:AOTCache=<folder>/app.aot -jar <folder>/app/<app jar's name>
# (load-tool/procedure.sh does with AOT_CACHE=<folder>). The cache fits that JDK and those jars only, and the options
# that shape the module graph must be the same: both runs record with JFR, as the procedure does.
set -euo pipefail
jar=$(realpath "$1"); tool=$(realpath "$2"); dir=$3
java=${JAVA:-java}
# The probe writes a real cache: never to /dev/null (as root the JVM replaces the device with a regular file).
probe=$(mktemp -d)
"$java" -XX:AOTCacheOutput="$probe/probe.aot" -version > "$probe/out" 2>&1 \
    || { rm -rf "$probe"; echo "$java has no AOT cache (JDK 25 or newer)" >&2; exit 2; }
rm -rf "$probe"
rm -rf "$dir" && mkdir -p "$dir/train" && dir=$(realpath "$dir")
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" > /dev/null
cd "$dir/train"
"$java" -XX:AOTCacheOutput="$dir/app.aot" \
    -XX:StartFlightRecording=settings=profile,jdk.ThreadCPULoad#period=1s,disk=true,maxage=2h,name=bench \
    -jar "$dir/app/$(basename "$jar")" > server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null http://localhost:8080/actuator/health/readiness && break; sleep 1; done
java -jar "$tool" accepted --warmup-seconds=30 --out=accepted.json > training.txt 2>&1
java -jar "$tool" rejects --warmup-seconds=0 --out=rejects.json >> training.txt 2>&1
java -jar "$tool" everyday --warmup-seconds=0 --out=everyday.json >> training.txt 2>&1
kill "$server"; wait "$server" || true
trap - EXIT
test -s "$dir/app.aot" && echo "written: $dir/app.aot"
