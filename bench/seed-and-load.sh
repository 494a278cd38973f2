#!/usr/bin/env bash
# A first, closed-loop measurement of the whole flow on the local stack (README command 1 running):
# seeds USERS users and one payment method, posts payments between random users with wrk for DURATION,
# then reports how long payments took from POST to stored assessment, and the consumers' own
# consume-to-commit figures from the service logs. (The open-model load tool is issue #7.)
# Needs: wrk (apt-get install wrk), psql, a running local stack. Usage: bench/seed-and-load.sh [USERS] [DURATION]
set -euo pipefail
USERS=${1:-200}
DURATION=${2:-20s}
API=${API:-http://127.0.0.1:8000}
DATA=${PAYGUARD_DATA_DIR:-.payguard}
PG_PORT=${PAYGUARD_PG_PORT:-15432}
# The local stack's generated key (or one of PAYGUARD_API_KEYS when it runs elsewhere).
KEY=${API_KEY:-$(sed -n 's/^api-key=//p' "$DATA/secrets.properties")}
AUTH="Authorization: Bearer $KEY"
METHOD=$(cat /proc/sys/kernel/random/uuid)
curl -sf -XPOST "$API/payment_methods" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"payment_method_id\":\"$METHOD\",\"name\":\"card\"}" > /dev/null
ids=()
for _ in $(seq "$USERS"); do
  id=$(cat /proc/sys/kernel/random/uuid)
  curl -sf -XPOST "$API/users" -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"user_id\":\"$id\",\"first_name\":\"Load\",\"last_name\":\"User\"}" > /dev/null
  ids+=("\"$id\"")
done
script=$(mktemp --suffix=.lua)
cat > "$script" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
local users = {$(IFS=,; echo "${ids[*]}")}
math.randomseed(42)
request = function()
  local payer = users[math.random(#users)]
  local payee = users[math.random(#users)]
  local amount = math.random(1, 90000) / 100
  return wrk.format(nil, "/payments", nil, '{"user_id":"' .. payer .. '","payee_id":"' .. payee ..
    '","payment_method_id":"$METHOD","amount":"' .. string.format("%.2f", amount) .. '","currency":"EUR"}')
end
LUA
start=$(date -u +%Y-%m-%dT%H:%M:%S)
wrk -t1 -c8 -d"$DURATION" -s "$script" --latency "$API" | grep -E 'Latency  |50%|90%|99%|requests in|Requests/sec|Non-2xx'
echo "waiting for every payment to be decided ..."
for _ in $(seq 120); do
  pending=$(psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres payguard -c \
    "select count(*) from payment_schema.payment_request where status = 'PENDING' and created_at >= '$start'")
  [[ "$pending" == "0" ]] && break
  sleep 1
done
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres payguard -c "
  select count(*) as payments,
         round(percentile_cont(0.5) within group (order by ms)::numeric, 1) as p50_ms,
         round(percentile_cont(0.9) within group (order by ms)::numeric, 1) as p90_ms,
         round(percentile_cont(0.99) within group (order by ms)::numeric, 1) as p99_ms
    from (select extract(epoch from a.created_at - a.payment_created_at) * 1000 as ms
            from risk_schema.auth_request a where a.payment_created_at >= '$start') t" 
echo "pending after the wait: $pending"
# The services log JSON lines; print the message of the last few.
grep -h 'consume-to-commit' "$DATA/risk.log" "$DATA/payment.log" | tail -4 \
  | sed -n 's/.*"formattedMessage":"\([^"]*\)".*/\1/p'
rm -f "$script"
