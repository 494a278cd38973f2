#!/usr/bin/env bash
# The inputs of docs/SCALING.md's capacity model, measured on a container deployment: CPU time per decided
# payment in each process (from the containers' cgroups), the load generator's own, and the rate each
# deployment sustains here, for the single-node deployment (docker/compose.yaml, one instance of each
# part) and the cluster (docker/cluster.yaml: three brokers, two instances of each service, TLS, HAProxy).
#
#   eval "$(docker/images.sh)"
#   bench/scaling.sh single            # or: cluster
#   SCALING_RATES="100 200 300" SCALING_DURATION=30s bench/scaling.sh cluster
#
# For each rate: container CPU before, `bench payments` (open model, its own users), every payment of the
# run decided, container CPU after; CPU per decided payment = the difference / payments decided. An idle
# window first measures what each process burns doing nothing (health checks, heartbeats, replication),
# shown per second and taken off the per-payment figures. The load generator tracks no decisions
# (--end-to-end off: no polling adds to the services' work); the decision lag is read from the payments
# (created_at to decided_at). Results: bench/results/scaling/<mode>-<time>.txt and the bench JSON per rate.
# Needs jq.
# Knobs: SCALING_RATES (100 200 300 400), SCALING_DURATION (40s), SCALING_IDLE (20), SCALING_CONNECTIONS (256).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: bench/scaling.sh single|cluster}
RATES=${SCALING_RATES:-100 200 300 400}
DURATION=${SCALING_DURATION:-40s}
IDLE=${SCALING_IDLE:-20}
CONNECTIONS=${SCALING_CONNECTIONS:-256}
engine=${PAYGUARD_ENGINE:-podman}
stamp=$(date -u +%Y%m%d-%H%M%S)
out=bench/results/scaling/$mode-$stamp.txt
mkdir -p bench/results/scaling
say() { echo "[scaling] $*" | tee -a "$out" >&2; }
random() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }

[[ -n "${DOCKER_HOST:-}" ]] || eval "$(docker/podman-engine.sh start)"
[[ -n "${PAYGUARD_IMAGE:-}" ]] || eval "$(docker/images.sh)"
[[ -f bench/target/bench.jar ]] || ./mvnw -B -ntp -q -DskipTests -pl bench -am package

export POSTGRES_PASSWORD=$(random) PAYMENT_DB_PASSWORD=$(random) RISK_DB_PASSWORD=$(random)
export PAYGUARD_API_KEYS=pg_$(random) PAYGUARD_PG_PORT=25432
ca_args=()
case "$mode" in
  single)
    project=payguard-scaling
    file=docker/compose.yaml
    export PAYGUARD_PAYMENT_PORT=28000 PAYGUARD_RISK_PORT=28001
    url=http://localhost:28000
    ;;
  cluster)
    project=payguard-scaling-cluster
    file=docker/cluster.yaml
    export PAYGUARD_LB_PAYMENT_PORT=28443 PAYGUARD_LB_RISK_PORT=28444
    export PAYGUARD_KAFKA_1_PORT=29193 PAYGUARD_KAFKA_2_PORT=29194 PAYGUARD_KAFKA_3_PORT=29195
    export PAYGUARD_CERTS
    PAYGUARD_CERTS=$(mktemp -d /tmp/payguard-scaling-certs.XXXXXX)
    docker/cluster/certs.sh "$PAYGUARD_CERTS"
    url=https://localhost:28443
    ca_args=(--ca "$PAYGUARD_CERTS/ca.crt")
    ;;
  *) echo "usage: bench/scaling.sh single|cluster" >&2; exit 2 ;;
esac
compose() { docker-compose -p "$project" -f "$file" "$@"; }
psql_count() {
  "$engine" exec "${project}_postgres_1" psql -U postgres -d payguard -tAc "$1"
}
# Total CPU ns of all containers of one service name prefix (kafka-1..3 -> kafka, payment-1/2 -> payment).
cpu_snapshot() {
  bench/container-cpu.sh "$project" | awk '{sub(/-[0-9]+$/, "", $1); cpu[$1] += $2; mem[$1] += $3}
    END {for (s in cpu) printf "%s %.0f %.0f\n", s, cpu[s], mem[s]}' | sort
}
cleanup() {
  compose down -v --remove-orphans -t 10 >/dev/null 2>&1 || true
  [[ "$mode" != cluster ]] || rm -rf "$PAYGUARD_CERTS"
}
trap cleanup EXIT

say "mode=$mode machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
compose down -v --remove-orphans -t 10 >/dev/null 2>&1 || true
started=$(date +%s)
compose up -d --no-build >/dev/null 2>&1
curl_args=(-sf)
[[ "$mode" == single ]] || curl_args+=(--cacert "$PAYGUARD_CERTS/ca.crt")
for _ in $(seq 400); do
  curl "${curl_args[@]}" "$url/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl "${curl_args[@]}" "$url/health/ready" >/dev/null || { compose ps >&2; say "not ready"; exit 1; }
# The second instance of each service is ready a little after the first.
sleep 20
say "up in $(($(date +%s) - started)) s"

# The insert ceiling of this deployment's PostgreSQL, the yardstick of every rate (from the host, over
# the published port; the cluster's PostgreSQL takes TLS only, which pgjdbc's default "prefer" negotiates).
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar bench/target/bench.jar ceiling \
  --pg-url "jdbc:postgresql://localhost:$PAYGUARD_PG_PORT/payguard" --user postgres --password "$POSTGRES_PASSWORD" \
  --clients 16 --seconds 10 --label scaling --results-dir /tmp 2>&1 | grep -E "^ *(clients|[0-9]+ )" | tee -a "$out" >&2 || true

say "idle for $IDLE s"
declare -A idle_before idle_rate
while read -r s c _; do idle_before[$s]=$c; done < <(cpu_snapshot)
sleep "$IDLE"
while read -r s c _; do idle_rate[$s]=$(( (c - ${idle_before[$s]:-0}) / IDLE )); done < <(cpu_snapshot)
for s in $(printf '%s\n' "${!idle_rate[@]}" | sort); do
  say "idle $s: $(awk -v n="${idle_rate[$s]}" 'BEGIN {printf "%.1f", n / 1e7}') % of a core"
done

printf '| mode | offered/s | accepted/s | HTTP p50 / p99 ms | decision lag p50 / p99 ms | decided |' >> "$out"
for s in $(printf '%s\n' "${!idle_rate[@]}" | sort); do printf ' %s ms |' "$s" >> "$out"; done
printf ' all services ms | loadgen ms | payments per core |\n' >> "$out"

for rate in $RATES; do
  declare -A before=() after=()
  results=/tmp/payguard-scaling-results-$stamp-$rate
  since=$(psql_count "SELECT now()")
  decided_before=$(psql_count "SELECT count(*) FROM payment_schema.payment_request WHERE status <> 'PENDING'")
  while read -r s c _; do before[$s]=$c; done < <(cpu_snapshot)
  t0=$(date +%s%N)
  # The load generator's own CPU (user + system seconds), from bash's time.
  loadgen_s=$( { TIMEFORMAT='%U %S'; time java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar bench/target/bench.jar \
    payments --url "$url" "${ca_args[@]}" --api-key "${PAYGUARD_API_KEYS%%,*}" --rate "$rate" --duration "$DURATION" \
    --warmup 5s --connections "$CONNECTIONS" --users 200 --end-to-end off --label scaling --results-dir "$results" \
    > "$results.log" 2>&1; } 2>&1 | awk '{print $1 + $2}')
  # Every payment of the run decided before the CPU is read again.
  for _ in $(seq 180); do
    [[ "$(psql_count "SELECT count(*) FROM payment_schema.payment_request WHERE status = 'PENDING'")" == 0 ]] && break
    sleep 1
  done
  elapsed_s=$(( ($(date +%s%N) - t0) / 1000000000 ))
  while read -r s c _; do after[$s]=$c; done < <(cpu_snapshot)
  decided=$(( $(psql_count "SELECT count(*) FROM payment_schema.payment_request WHERE status <> 'PENDING'") - decided_before ))
  lag=$(psql_count "SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY l)) || ' / ' || round(percentile_disc(0.99)
    WITHIN GROUP (ORDER BY l)) FROM (SELECT extract(epoch FROM decided_at - created_at) * 1000 AS l
    FROM payment_schema.payment_request WHERE created_at >= '$since' AND decided_at IS NOT NULL) x")
  json=$(ls "$results"/*.json | head -1)
  accepted=$(jq -r '.results.accepted_per_s' "$json")
  http=$(jq -r '"\(.results.latency_ms.p50 | round) / \(.results.latency_ms.p99 | round)"' "$json")
  row="| $mode | $rate | $accepted | $http | $lag | $decided |"
  total=0
  for s in $(printf '%s\n' "${!idle_rate[@]}" | sort); do
    used=$(( ${after[$s]:-0} - ${before[$s]:-0} - ${idle_rate[$s]} * elapsed_s ))
    (( used > 0 )) || used=0
    per=$(awk -v u="$used" -v d="$decided" 'BEGIN {printf "%.3f", u / d / 1e6}')
    total=$(awk -v t="$total" -v p="$per" 'BEGIN {print t + p}')
    row+=" $per |"
  done
  loadgen_per=$(awk -v s="$loadgen_s" -v d="$decided" 'BEGIN {printf "%.3f", s * 1000 / d}')
  row+=" $(awk -v t="$total" 'BEGIN {printf "%.3f", t}') | $loadgen_per | $(awk -v t="$total" 'BEGIN {printf "%.0f", 1000 / t}') |"
  say "rate $rate/s: accepted $accepted/s, decided $decided in $elapsed_s s"
  echo "$row" >> "$out"
  cp "$json" "bench/results/scaling/$mode-$stamp-$rate.json"
done
say "results in $out"
cat "$out"
