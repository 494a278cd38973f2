#!/usr/bin/env bash
# Warm-up after a restart: a training batch on a fresh bench stack (the services' class-data archive or
# AOT cache is written when the stack stops), then the same batch on the restarted stack, which maps it.
# Compare the first 500/s run of each batch with its second.
#   bench/warmup.sh <label>          (PAYGUARD_SERVICE_JAVA_HOME and _OPTS choose the JVM)
set -uo pipefail
cd "$(dirname "$0")/.."
label=${1:?label}
export BENCH_RATES="500 500" BENCH_DURATION=20s BENCH_WARMUP=1s BENCH_GET_CONNECTIONS=32 \
  BENCH_DATA_DIR=${TMPDIR:-/tmp}/payguard-warmup-stack BENCH_PORT_BASE=27000
rm -rf "$BENCH_DATA_DIR"
BENCH_LABEL=$label-train bash bench/run.sh
BENCH_SKIP_BUILD=1 BENCH_KEEP_DATA=1 BENCH_LABEL=$label-restart bash bench/run.sh
