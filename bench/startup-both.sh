#!/usr/bin/env bash
# Both services started together by the local stack, next to its PostgreSQL and Kafka: the seconds until
# both answer /health/ready, as the stack reports them. The first start migrates the schema and has no
# class-data archive / AOT cache yet; each restart maps the one the previous run wrote at exit.
#   bench/startup-both.sh <label> [restarts]      (PAYGUARD_SERVICE_JAVA_HOME and _OPTS choose the JVM)
set -uo pipefail
cd "$(dirname "$0")/.."
label=${1:?label}; runs=${2:-3}
data=${TMPDIR:-/tmp}/payguard-startup-both
out=$data.out
rm -rf "$data"
for i in $(seq 0 "$runs"); do
  (PAYGUARD_HOME=$PWD PAYGUARD_DATA_DIR=$data PAYGUARD_PG_PORT=18432 PAYGUARD_KAFKA_PORT=18092 \
    PAYGUARD_PAYMENT_PORT=18000 PAYGUARD_RISK_PORT=18001 exec java -jar local-stack/target/local-stack.jar > "$out" 2>&1) &
  pid=$!
  for _ in $(seq 240); do grep -q "payguard is up" "$out" && break; kill -0 $pid 2>/dev/null || break; sleep 0.5; done
  what=$([[ $i == 0 ]] && echo "first start" || echo "restart $i")
  echo "$label, $what: $(grep -o 'services ready (.*)' "$out" || echo 'not ready; see '"$out")"
  kill $pid; wait $pid 2>/dev/null
  sleep 2
done
