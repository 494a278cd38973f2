#!/usr/bin/env bash
# README command 1: build what is needed, then start real PostgreSQL, real Kafka and both services on
# this machine. Ctrl-C stops everything; data stays in $PAYGUARD_DATA_DIR (default ./.payguard).
# Knobs: PAYGUARD_DATA_DIR, PAYGUARD_PG_PORT (15432), PAYGUARD_KAFKA_PORT (19092, and +1),
#        PAYGUARD_PAYMENT_PORT (8000), PAYGUARD_RISK_PORT (8001), PAYGUARD_SERVICES=none (servers only),
#        PAYGUARD_SKIP_BUILD=1 (use the jars already built).
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${PAYGUARD_SKIP_BUILD:-0}" != "1" ]]; then
  echo "[payguard] building (first run downloads dependencies; later runs take seconds)"
  ./mvnw -q -B -DskipTests -pl local-stack,payment-verticle,risk-verticle -am package
fi
export PAYGUARD_HOME="$PWD"
exec java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" io.payguard.stack.LocalStack
