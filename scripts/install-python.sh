#!/usr/bin/env bash
# Creates .venv with Debian's own python3 (SQLite extension loading is needed for SpatiaLite)
# and installs the pinned requirements. Idempotent: reinstalls only when requirements change.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=/usr/bin/python3
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python - <<'PY'
import sqlite3, sys
conn = sqlite3.connect(":memory:")
if not hasattr(conn, "enable_load_extension"):
    sys.exit(".venv's Python lacks SQLite extension loading; recreate it with Debian's /usr/bin/python3")
PY

stamp=.venv/.requirements.sha256
want=$( (cat requirements.txt; gdal-config --version) | sha256sum | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat $stamp)" != "$want" ]]; then
  .venv/bin/pip install -q --disable-pip-version-check --upgrade pip
  # The GDAL bindings must match the system libgdal exactly.
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt "GDAL==$(gdal-config --version)"
  echo "$want" > $stamp
fi
