#!/usr/bin/env bash
# Installs the pinned browser libraries from package-lock.json. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat $stamp)" != "$want" ]]; then
  npm ci --silent --no-audit --no-fund
  echo "$want" > $stamp
fi
