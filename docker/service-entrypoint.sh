#!/bin/bash
# Runs one service in the foreground (PID 1, so SIGTERM from "stop" reaches the JVM and it drains).
#   entrypoint payment|risk [launcher options...]
# The service's conf/<service>.json, every key overridable by a PAYGUARD_* variable; JAVA_OPTS for the JVM.
# A class-data archive of the service's classes is written at the first clean stop and used from then on
# (in /app/cds: keep it on a volume to keep it across containers).
set -euo pipefail
service=${1:-}
case "$service" in
  payment|risk) shift ;;
  *) echo "usage: entrypoint payment|risk [launcher options]" >&2; exit 2 ;;
esac
archive=/app/cds/$service.jsa
cds=(-XX:ArchiveClassesAtExit="$archive")
if [ -s "$archive" ]; then
  cds=(-XX:SharedArchiveFile="$archive")
fi
# shellcheck disable=SC2086
exec java $JAVA_OPTS "${cds[@]}" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "/app/$service-verticle.jar" \
  -conf "/app/conf/$service.json" "$@"
