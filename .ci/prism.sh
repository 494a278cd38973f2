#!/usr/bin/env bash
# Installs Stoplight Prism (npm @stoplight/prism-cli, pinned below), the independent contract validator
# PaymentPrismIT and RiskPrismIT run the services' traffic through, and prints the variables the tests
# read. Needs Node.js 18 or later (Debian's nodejs package is installed when there is none).
#   eval "$(.ci/prism.sh)"
set -euo pipefail
VERSION=5.14.2
DIR=${PAYGUARD_PRISM_DIR:-/opt/payguard-prism}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >&2
fi
if [[ ! -x "$DIR/node_modules/.bin/prism" ]] || ! grep -q "\"version\": \"$VERSION\"" \
    "$DIR/node_modules/@stoplight/prism-cli/package.json" 2>/dev/null; then
  mkdir -p "$DIR"
  (cd "$DIR" && npm install --no-audit --no-fund --save-exact "@stoplight/prism-cli@$VERSION" >&2)
fi
echo "export PAYGUARD_PRISM=$DIR/node_modules/.bin/prism PAYGUARD_PRISM_REQUIRED=1"
