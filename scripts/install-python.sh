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
  # One GDAL and one GEOS per process (docs/adr/0002): the GDAL bindings must match the system
  # libgdal exactly, and shapely is built against the system GEOS that GeoDjango loads (its
  # wheel bundles another GEOS; both in one process corrupt each other's geometries).
  .venv/bin/pip install -q --disable-pip-version-check --no-binary shapely \
    -r requirements.txt "GDAL==$(gdal-config --version)"
  echo "$want" > $stamp
fi
