#!/usr/bin/env bash
# README command 1: build what is needed, then start real PostgreSQL, real Kafka and both services on
# this machine (no Docker). Ctrl-C stops everything; data stays in $PAYGUARD_DATA_DIR (default ./.payguard).
# Knobs: PAYGUARD_DATA_DIR, PAYGUARD_PG_PORT (15432), PAYGUARD_KAFKA_PORT (19092, and +1),
#        PAYGUARD_PAYMENT_PORT (8000), PAYGUARD_RISK_PORT (8001), PAYGUARD_SERVICES=none (servers only),
#        PAYGUARD_SKIP_BUILD=1 (use the jars already built).
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${PAYGUARD_SKIP_BUILD:-0}" != "1" ]]; then
  mvn_cmd=(./mvnw)
  [[ -x ./mvnw ]] || mvn_cmd=(mvn)
  modules=local-stack
  [[ "${PAYGUARD_SERVICES:-all}" == "none" ]] || modules=local-stack,payment-verticle,risk-verticle
  echo "[payguard] building $modules (the first run downloads dependencies; later runs take seconds)"
  "${mvn_cmd[@]}" -q -B -DskipTests -pl "$modules" -am package
fi
export PAYGUARD_HOME="$PWD"
exec java -jar local-stack/target/local-stack.jar
