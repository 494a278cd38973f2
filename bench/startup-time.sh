#!/usr/bin/env bash
# Start-to-ready of one service, next to a local stack already running its servers only:
#   PAYGUARD_SERVICES=none PAYGUARD_DATA_DIR=/tmp/st PAYGUARD_PG_PORT=26432 PAYGUARD_KAFKA_PORT=26092 ./run-local.sh &
#   bench/startup-time.sh payment /tmp/st 26432 26092 [extra JVM options, e.g. -XX:SharedArchiveFile=...]
# Time from `java -jar` to the first 200 from /health/ready, then the service is stopped (SIGTERM).
set -euo pipefail
cd "$(dirname "$0")/.."
service=${1:?payment or risk}; data=${2:?data dir of the running stack}; pg=${3:?PostgreSQL port}; kafka=${4:?Kafka port}
shift 4
port=26500
secret() { sed -n "s/^$1=//p" "$data/secrets.properties"; }
export PAYGUARD_DB_HOST=127.0.0.1 PAYGUARD_DB_PORT=$pg PAYGUARD_DB_DATABASE=payguard PAYGUARD_DB_USER=${service}_svc
export PAYGUARD_DB_PASSWORD=$(secret "$service-db-password") PAYGUARD_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$kafka
export PAYGUARD_HTTP_PORT=$port PAYGUARD_API_KEYS=$(secret api-key) PAYGUARD_RULES_FILE=$PWD/conf/risk-rules.json
start=$(date +%s%N)
java -Xms64m -Xmx256m -XX:+UseSerialGC "$@" -jar "$service-verticle/target/$service-verticle.jar" \
  -conf "conf/$service.json" > "/tmp/startup-$service.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:$port/health/ready")" == 200 ]] && break
  kill -0 $pid 2>/dev/null || { cat "/tmp/startup-$service.log"; exit 1; }
  sleep 0.05
done
echo "$service ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"
