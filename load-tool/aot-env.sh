# Sourced by procedure.sh and cold-start.sh after they set $jar: with AOT_CACHE=<folder of load-tool/aot-cache.sh>,
# points $jar at the application that script extracted and sets $aot to the JVM option for its ahead-of-time cache.
aot=()
if [ -n "${AOT_CACHE:-}" ]; then
    cache=$(realpath "$AOT_CACHE")
    aot=(-XX:AOTCache="$cache/app.aot")
    jar="$cache/app/$(basename "$jar")"
fi
