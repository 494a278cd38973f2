#!/usr/bin/env bash
# The cluster deployment in one command: certificates (a private CA, docker/cluster/certs.sh), secrets,
# images, docker/cluster.yaml up, then a wait until payments answer through the load balancer over HTTPS.
#
#   docker/cluster/up.sh            # up; prints the URLs, the API key and a sample curl
#   docker/cluster/up.sh down       # stops it and removes its containers and volumes
#
# Secrets are made once into docker/.certs/cluster.env (0600, ignored by git) unless the environment
# already has them: POSTGRES_PASSWORD, PAYMENT_DB_PASSWORD, RISK_DB_PASSWORD, PAYGUARD_API_KEYS.
# Images: with PAYGUARD_IMAGE unset, docker/images.sh builds them from Debian packages and Maven Central
# (no registry needed); set the PAYGUARD_*_IMAGE variables to use others. Podman: without DOCKER_HOST,
# docker/podman-engine.sh starts its Docker API socket. Knobs: PAYGUARD_CLUSTER_PROJECT (payguard-cluster),
# PAYGUARD_CERTS (docker/.certs), the published ports of docker/cluster.yaml.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROJECT=${PAYGUARD_CLUSTER_PROJECT:-payguard-cluster}
export PAYGUARD_CERTS=${PAYGUARD_CERTS:-$PWD/docker/.certs}
say() { echo "[cluster] $*" >&2; }
compose() { docker-compose -p "$PROJECT" -f docker/cluster.yaml "$@"; }

if [[ -z "${DOCKER_HOST:-}" ]] && command -v podman >/dev/null && ! command -v dockerd >/dev/null; then
  eval "$(docker/podman-engine.sh start)"
fi

secrets=$PAYGUARD_CERTS/cluster.env
if [[ ! -f "$secrets" ]]; then
  mkdir -p "$PAYGUARD_CERTS"
  random() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
  ( umask 077; cat > "$secrets" <<SECRETS
POSTGRES_PASSWORD=$(random)
PAYMENT_DB_PASSWORD=$(random)
RISK_DB_PASSWORD=$(random)
PAYGUARD_API_KEYS=pg_$(random)
SECRETS
  )
fi
set -a
# The environment wins over the file.
while IFS='=' read -r name value; do
  [[ -n "$name" && -z "${!name:-}" ]] && declare "$name=$value"
done < "$secrets"
set +a

if [[ "${1:-up}" == down ]]; then
  compose down -v --remove-orphans -t 30
  exit 0
fi

docker/cluster/certs.sh "$PAYGUARD_CERTS"
if [[ -z "${PAYGUARD_IMAGE:-}" ]]; then
  eval "$(docker/images.sh)"
fi
started=$(date +%s)
compose up -d --no-build
port=${PAYGUARD_LB_PAYMENT_PORT:-8443}
key=${PAYGUARD_API_KEYS%%,*}
for _ in $(seq 300); do
  if curl -sf --cacert "$PAYGUARD_CERTS/ca.crt" "https://localhost:$port/health/ready" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done
curl -sf --cacert "$PAYGUARD_CERTS/ca.crt" "https://localhost:$port/health/ready" >/dev/null \
  || { compose ps >&2; say "payments did not answer through the load balancer"; exit 1; }
say "up in $(($(date +%s) - started)) s"
cat <<INFO
payments  https://localhost:$port         (HAProxy -> payment-1, payment-2)
risk      https://localhost:${PAYGUARD_LB_RISK_PORT:-8444}         (HAProxy -> risk-1, risk-2)
CA        $PAYGUARD_CERTS/ca.crt
API key   in $secrets (PAYGUARD_API_KEYS)

  curl --cacert $PAYGUARD_CERTS/ca.crt -H "Authorization: Bearer \$KEY" https://localhost:$port/payments?limit=5

stop:     docker/cluster/up.sh down
INFO
