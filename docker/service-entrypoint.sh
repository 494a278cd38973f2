#!/bin/bash
# Runs one service in the foreground (PID 1, so SIGTERM from "stop" reaches the JVM and it drains).
#   entrypoint payment|risk [launcher options...]
# The service's conf/<service>.json, every key overridable by a PAYGUARD_* variable; JAVA_OPTS for the JVM.
# The service's class-data archive (made when the image was built: service.Dockerfile) is used when the
# JVM can: another JDK or classpath makes it ignore the archive, never fail.
set -euo pipefail
service=${1:-}
case "$service" in
  payment|risk) shift ;;
  *) echo "usage: entrypoint payment|risk [launcher options]" >&2; exit 2 ;;
esac
cds=()
if [ -s "/app/cds/$service.jsa" ]; then
  cds=(-XX:SharedArchiveFile="/app/cds/$service.jsa")
fi
# shellcheck disable=SC2086
exec java $JAVA_OPTS ${cds[@]+"${cds[@]}"} -Xlog:cds=off -Xlog:cds+dynamic=off -jar "/app/$service-verticle.jar" \
  -conf "/app/conf/$service.json" "$@"
