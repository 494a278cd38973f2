#!/usr/bin/env bash
# A private CA and the certificates of the cluster deployment (docker/cluster.yaml), made on the host that
# runs it. Nothing here is committed: the directory is ignored by git, and the CA's key never leaves
# ca/ (no container mounts it).
#
#   docker/cluster/certs.sh [DIR]      # default docker/.certs; keeps what exists, makes what is missing
#
#   DIR/ca.crt                   the CA every client trusts (services, tests, curl --cacert)
#   DIR/ca/ca.key                the CA's key (0600, host only)
#   DIR/postgres.{crt,key}       PostgreSQL's server certificate; key owned by uid 999 (postgres), 0600
#   DIR/kafka-N.pem              broker N's key and certificate in one PEM (Kafka's PEM key store); uid 1000
#   DIR/lb.pem                   the load balancer's certificate and key (HAProxy's crt file); root, 0600
#
# Every server certificate names its container (postgres, kafka-1..3, lb) and localhost / 127.0.0.1, so
# clients verify host names both inside the deployment and through its published ports.
# The key owners are the users the images run as (the official postgres and apache/kafka images use the same).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-.certs}
DAYS=${PAYGUARD_CERT_DAYS:-825}
mkdir -p "$DIR/ca"
chmod 700 "$DIR/ca"
say() { echo "[certs] $*" >&2; }

if [[ ! -s "$DIR/ca/ca.key" || ! -s "$DIR/ca.crt" ]]; then
  say "a new private CA in $DIR"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$DAYS" \
    -subj "/CN=payguard private CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$DIR/ca/ca.key" -out "$DIR/ca.crt" 2>/dev/null
  chmod 600 "$DIR/ca/ca.key"
  chmod 644 "$DIR/ca.crt"
  rm -f "$DIR"/*.key "$DIR"/*.pem "$DIR"/postgres.crt
fi

# issue NAME: a P-256 key (PKCS#8, unencrypted: the files are the secret, readable by their owner only)
# and a certificate for NAME, localhost and 127.0.0.1, signed by the CA.
issue() {
  local name=$1 work
  work=$(mktemp -d)
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/key" 2>/dev/null
  openssl req -new -key "$work/key" -subj "/CN=$name" -out "$work/csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
    "$name" > "$work/ext"
  openssl x509 -req -in "$work/csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca/ca.key" -CAcreateserial \
    -CAserial "$DIR/ca/ca.srl" -days "$DAYS" -extfile "$work/ext" -out "$work/crt" 2>/dev/null
  echo "$work"
}

if [[ ! -s "$DIR/postgres.key" ]]; then
  say "postgres"
  work=$(issue postgres)
  install -m 600 -o 999 -g 999 "$work/key" "$DIR/postgres.key"
  install -m 644 "$work/crt" "$DIR/postgres.crt"
  rm -rf "$work"
fi
for n in 1 2 3; do
  if [[ ! -s "$DIR/kafka-$n.pem" ]]; then
    say "kafka-$n"
    work=$(issue "kafka-$n")
    cat "$work/key" "$work/crt" > "$work/pem"
    install -m 600 -o 1000 -g 1000 "$work/pem" "$DIR/kafka-$n.pem"
    rm -rf "$work"
  fi
done
if [[ ! -s "$DIR/lb.pem" ]]; then
  say "lb"
  work=$(issue lb)
  cat "$work/crt" "$work/key" > "$work/pem"
  install -m 600 -o 0 -g 0 "$work/pem" "$DIR/lb.pem"
  rm -rf "$work"
fi
say "ready in $(cd "$DIR" && pwd)"
