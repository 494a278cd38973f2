#!/usr/bin/env bash
# The container deployment (docker/compose.yaml) measured as bench/startup-both.sh and bench/warmup.sh
# measure the local stack: the seconds from "start" of both stopped service containers until both answer
# /health/ready, each restart in turn; then, right after the last restart, two 500/s payments runs (the
# first is the warm-up) with each service JVM's peak resident memory after them.
#   eval "$(docker/podman-engine.sh start)"; eval "$(docker/images.sh)"; bench/containers.sh <label> [restarts]
# Ports 36000 (payment), 36001 (risk), 36432 (PostgreSQL); project payguard-bench, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:?label}; restarts=${2:-3}
project=payguard-bench
compose=(docker-compose -p "$project" -f docker/compose.yaml)
export PAYGUARD_PAYMENT_PORT=36000 PAYGUARD_RISK_PORT=36001 PAYGUARD_PG_PORT=36432
secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
export POSTGRES_PASSWORD=$(secret) PAYMENT_DB_PASSWORD=$(secret) RISK_DB_PASSWORD=$(secret) PAYGUARD_API_KEYS=$(secret)
say() { echo "[containers] $*"; }
cleanup() { "${compose[@]}" down -v -t 30 >/dev/null 2>&1 || true; }
trap cleanup EXIT

ready() { curl -fs -m 1 -o /dev/null "http://127.0.0.1:$1/health/ready"; }
await_both() {
  local begin=$1
  for _ in $(seq 1200); do
    if ready 36000 && ready 36001; then
      echo "$(( ($(date +%s%N) - begin) / 1000000 ))"
      return
    fi
    sleep 0.05
  done
  say "not ready after 60 s"; "${compose[@]}" logs --tail 20 payment risk; exit 1
}

"${compose[@]}" up -d > "${TMPDIR:-/tmp}/payguard-bench-containers.log" 2>&1 \
  || { cat "${TMPDIR:-/tmp}/payguard-bench-containers.log"; exit 1; }
say "$label: first start, ms until both ready: $(await_both "$(date +%s%N)")"
for i in $(seq "$restarts"); do
  "${compose[@]}" stop -t 30 payment risk >/dev/null 2>&1
  begin=$(date +%s%N)
  "${compose[@]}" start payment risk >/dev/null 2>&1
  total=$(await_both "$begin")
  # The engine's share: from the command until the later of the two containers' processes started.
  engine=0
  for service in payment risk; do
    at=$(date -d "$(podman inspect -f '{{.State.StartedAt}}' "$("${compose[@]}" ps -q "$service")" | sed 's/ UTC$//')" +%s%N)
    (( (at - begin) / 1000000 > engine )) && engine=$(( (at - begin) / 1000000 ))
  done
  say "$label: restart $i, ms until both ready: $total (the engine started both processes after $engine ms)"
done

pid() { podman inspect -f '{{.State.Pid}}' "$("${compose[@]}" ps -q "$1")"; }
bench=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar bench/target/bench.jar)
for run in first second; do
  say "$label: $run 500/s run"
  PAYGUARD_API_KEY=$PAYGUARD_API_KEYS "${bench[@]}" payments --url http://127.0.0.1:36000 --rate 500 \
    --duration 30s --warmup 0s --settle-timeout 120s --label "containers-$label-$run" \
    --results-dir "${TMPDIR:-/tmp}/payguard-bench-containers" 2>&1 | tail -n 14
done
for service in payment risk; do
  say "$label: $service JVM peak RSS $(awk '/VmHWM/ {print int($2/1024) " MB"}' "/proc/$(pid "$service")/status"),"\
" now $(awk '/VmRSS/ {print int($2/1024) " MB"}' "/proc/$(pid "$service")/status")"
done
