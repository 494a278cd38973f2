#!/bin/bash
# Runs one service in the foreground (PID 1, so SIGTERM from "stop" reaches the JVM and it drains).
#   entrypoint payment|risk [launcher options...]
# The service's conf/<service>.json, every key overridable by a PAYGUARD_* variable; JAVA_OPTS for the JVM.
# The service's AOT cache (made when the image was built: service.Dockerfile) is used when the JVM can:
# another JDK, classpath or collector makes it ignore the cache, never fail.
set -euo pipefail
service=${1:-}
case "$service" in
  payment|risk) shift ;;
  *) echo "usage: entrypoint payment|risk [launcher options]" >&2; exit 2 ;;
esac
aot=()
if [ -s "/app/aot/$service.aot" ]; then
  aot=(-XX:AOTCache="/app/aot/$service.aot")
fi
# shellcheck disable=SC2086
exec java $JAVA_OPTS ${aot[@]+"${aot[@]}"} -Xlog:aot=off,cds=off -jar "/app/$service-verticle.jar" \
  -conf "/app/conf/$service.json" "$@"
