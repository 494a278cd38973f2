#!/usr/bin/env bash
# The benchmarks in one command: build, start a local stack of its own (or use a running API), measure the
# PostgreSQL insert ceiling, a rate sweep of POST /payments (open model), the GET scenarios, then write
# bench/results/*.json and regenerate the table and plot in docs/BENCHMARKS.md. Stops what it started.
#
#   bench/run.sh                                   # own stack on ports 26xxx, fresh data, default sweep
#   BENCH_RATES="100 200" BENCH_DURATION=10s BENCH_LABEL=smoke bench/run.sh
#   BENCH_URL=http://127.0.0.1:8000 BENCH_KAFKA=127.0.0.1:19092 \
#     BENCH_PG_URL=jdbc:postgresql://127.0.0.1:15432/payguard bench/run.sh   # a stack that is already running
#
# Knobs (environment): BENCH_RATES ("250 500 1000 2000"), BENCH_DURATION (20s), BENCH_WARMUP (5s),
# BENCH_USERS (200), BENCH_GET_RATE (500), BENCH_GET_CONNECTIONS (unset: reads at BENCH_GET_RATE; N: closed model), BENCH_CEILING_CLIENTS (1,16), BENCH_CEILING_SECONDS (10),
# BENCH_SETTLE_TIMEOUT (60s), BENCH_PREFER_WAIT (N: every POST sends Prefer: wait=N),
# BENCH_WEBHOOK_PORT (a webhook receiver there measures each event's delivery lag), BENCH_LABEL (benchmark; say "smoke" on a busy machine), BENCH_RESULTS
# (bench/results), BENCH_SKIP_BUILD=1, BENCH_PORT_BASE (26000: API +0, risk +1, PostgreSQL +432,
# Kafka +92 and +93), BENCH_DATA_DIR (/tmp/payguard-bench-stack, wiped first unless BENCH_KEEP_DATA=1),
# BENCH_DOC (docs/BENCHMARKS.md) / BENCH_PNG (docs/benchmarks-latency.png): where the report goes,
# BENCH_URL / BENCH_KAFKA / BENCH_PG_URL / BENCH_PG_USER (postgres) / BENCH_RISK_URL to measure a running system instead,
# BENCH_CPU (payment=PID,risk=PID,kafka=PID,postgres=PID for a running stack; found for an own stack),
# PAYGUARD_API_KEY (taken from the started stack's secrets when not set), BENCH_JAVA_OPTS (the tool's JVM
# options for the ceiling and payments runs: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC).
set -euo pipefail
cd "$(dirname "$0")/.."

RATES=${BENCH_RATES:-250 500 1000 2000}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
USERS=${BENCH_USERS:-200}
GET_RATE=${BENCH_GET_RATE:-500}
CEILING_CLIENTS=${BENCH_CEILING_CLIENTS:-1,16}
CEILING_SECONDS=${BENCH_CEILING_SECONDS:-10}
SETTLE=${BENCH_SETTLE_TIMEOUT:-60s}
LABEL=${BENCH_LABEL:-benchmark}
RESULTS=${BENCH_RESULTS:-bench/results}
BASE=${BENCH_PORT_BASE:-26000}
DATA=${BENCH_DATA_DIR:-${TMPDIR:-/tmp}/payguard-bench-stack}
BATCH=$(date -u +%Y%m%d-%H%M%S)

say() { echo "[bench] $*"; }

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  modules=bench
  [[ -n "${BENCH_URL:-}" ]] || modules=bench,local-stack,payment-verticle,risk-verticle
  say "building $modules"
  ./mvnw -B -ntp -q -DskipTests -pl "$modules" -am package
fi

stack_pid=""
stop_stack() {
  if [[ -n "$stack_pid" ]] && kill -0 "$stack_pid" 2>/dev/null; then
    say "stopping the stack (pid $stack_pid)"
    kill -TERM "$stack_pid"
    wait "$stack_pid" 2>/dev/null || true
  fi
}
trap stop_stack EXIT
trap 'exit 130' INT TERM

if [[ -z "${BENCH_URL:-}" ]]; then
  if [[ "${BENCH_KEEP_DATA:-0}" != "1" && -d "$DATA" ]]; then
    # Only a directory this script made before: it holds the stack's secrets file.
    [[ -f "$DATA/secrets.properties" ]] || { say "$DATA exists and is not a bench stack; set BENCH_DATA_DIR"; exit 2; }
    rm -rf "$DATA"
  fi
  mkdir -p "$DATA"
  # The tool reads with one API key: the per-key rate limit (5,000/s in conf/payment.json) would measure
  # itself, not the API (a closed-model read run met it with thousands of 429 a second). Shedding stays.
  PAYGUARD_OVERLOAD_RATE_LIMITS_DEFAULT_PER_SECOND=${PAYGUARD_OVERLOAD_RATE_LIMITS_DEFAULT_PER_SECOND:-1000000} \
  PAYGUARD_HOME="$PWD" PAYGUARD_DATA_DIR="$DATA" PAYGUARD_PAYMENT_PORT=$BASE PAYGUARD_RISK_PORT=$((BASE + 1)) \
    PAYGUARD_PG_PORT=$((BASE + 432)) PAYGUARD_KAFKA_PORT=$((BASE + 92)) \
    java -jar local-stack/target/local-stack.jar > "$DATA/stack.out" 2>&1 &
  stack_pid=$!
  say "starting the local stack in $DATA (pid $stack_pid; output in $DATA/stack.out)"
  for _ in $(seq 180); do
    grep -q '=== payguard is up' "$DATA/stack.out" 2>/dev/null && break
    kill -0 "$stack_pid" 2>/dev/null || { cat "$DATA/stack.out"; say "the stack did not start"; exit 1; }
    sleep 1
  done
  grep -q '=== payguard is up' "$DATA/stack.out" || { say "the stack was not up after 180 s"; exit 1; }
  BENCH_URL=http://127.0.0.1:$BASE
  BENCH_RISK_URL=http://127.0.0.1:$((BASE + 1))
  BENCH_KAFKA=127.0.0.1:$((BASE + 92))
  BENCH_PG_URL=jdbc:postgresql://127.0.0.1:$((BASE + 432))/payguard
  if [[ -z "${PAYGUARD_API_KEY:-}" ]]; then
    PAYGUARD_API_KEY=$(sed -n 's/^api-key=//p' "$DATA/secrets.properties")
    export PAYGUARD_API_KEY
  fi
  # The processes whose CPU each payments run divides by the payments it decided: the stack's children
  # (each service's JVM runs its jar's copy under cds/, Kafka runs under ParentWatch) and PostgreSQL,
  # which detaches from the stack and names itself in postmaster.pid.
  child() { pgrep -P "$stack_pid" -f -- "$1" | head -1; }
  BENCH_CPU="payment=$(child '-jar [^ ]*/payment-[^ ]*\.jar'),risk=$(child '-jar [^ ]*/risk-[^ ]*\.jar')"
  BENCH_CPU+=",kafka=$(child 'kafka\.Kafka'),postgres=$(head -1 "$DATA/postgres/postmaster.pid")"
  say "CPU per payment from: $BENCH_CPU"
fi

# The tool shares the machine with what it measures, and each run is a fresh JVM. At a fixed arrival rate
# its C2 compiler took ~40 % of a core at 300/s, CPU taken from the system under test: payments runs use C1
# only. A closed-model read run is bounded by the tool's own speed, so reads keep the full JIT.
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
bench() { java "${java_opts[@]}" -jar bench/target/bench.jar "$@" --label "$LABEL" --batch "$BATCH" --results-dir "$RESULTS"; }
read -r -a java_opts <<< "$BENCH_JAVA_OPTS"
failures=0
say "batch $BATCH, label $LABEL, API $BENCH_URL, load average now: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

ceiling=()
if [[ -n "${BENCH_PG_URL:-}" ]]; then
  out=$(bench ceiling --pg-url "$BENCH_PG_URL" --user "${BENCH_PG_USER:-postgres}" --clients "$CEILING_CLIENTS" \
    --seconds "$CEILING_SECONDS") || { echo "$out"; say "ceiling failed"; failures=$((failures + 1)); }
  echo "$out"
  file=$(sed -n 's/^result: //p' <<< "$out")
  [[ -n "$file" ]] && ceiling=(--ceiling "$file")
else
  say "no BENCH_PG_URL: no ceiling, results in absolute numbers only"
fi

run_opts=()
[[ -n "${BENCH_KAFKA:-}" ]] && run_opts=(--kafka "$BENCH_KAFKA")
# After each payments run, the rules in force are replayed over the latest assessments: 0 changed, or it fails.
[[ -n "${BENCH_RISK_URL:-}" ]] && run_opts+=(--risk-url "$BENCH_RISK_URL")
[[ -n "${BENCH_CPU:-}" ]] && run_opts+=(--cpu "$BENCH_CPU")
# Prefer: wait=N on every POST: the HTTP latency is then the decision latency a waiting client sees.
[[ -n "${BENCH_PREFER_WAIT:-}" ]] && run_opts+=(--prefer-wait "$BENCH_PREFER_WAIT" --connections 512)
# A webhook receiver on this port, registered for every event: the delivery lag of each event.
[[ -n "${BENCH_WEBHOOK_PORT:-}" ]] && run_opts+=(--webhook-port "$BENCH_WEBHOOK_PORT")
for rate in $RATES; do
  bench payments --url "$BENCH_URL" --rate "$rate" --duration "$DURATION" --warmup "$WARMUP" --users "$USERS" \
    --settle-timeout "$SETTLE" "${run_opts[@]}" "${ceiling[@]}" || failures=$((failures + 1))
done
# Reads: at a fixed rate (open model), or as fast as BENCH_GET_CONNECTIONS connections go (closed model),
# which is how the reads' ceiling is found.
reads=(--rate "$GET_RATE")
[[ -n "${BENCH_GET_CONNECTIONS:-}" ]] && reads=(--model closed --connections "$BENCH_GET_CONNECTIONS")
java_opts=()
for scenario in get-one list; do
  bench "$scenario" --url "$BENCH_URL" "${reads[@]}" --duration "$DURATION" --warmup "$WARMUP" \
    || failures=$((failures + 1))
done

java -jar bench/target/bench.jar report --results-dir "$RESULTS" --batch "$BATCH" \
  --doc "${BENCH_DOC:-docs/BENCHMARKS.md}" --png "${BENCH_PNG:-docs/benchmarks-latency.png}"
if ((failures)); then
  say "$failures run(s) failed or left payments unassessed (see above)"
  exit 1
fi
