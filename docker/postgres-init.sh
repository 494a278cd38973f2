#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume: the same roles and schemas
# as the local stack (migrations/bootstrap/roles.sql), with passwords from the environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v payment_password="$PAYMENT_DB_PASSWORD" \
  -v risk_password="$RISK_DB_PASSWORD" \
  -f /payguard-bootstrap/roles.sql
