#!/usr/bin/env bash
# `make test-adversarial`: the slow adversarial cases (pytest marker adversarial_slow): every
# hostile value singly and one form field at a time, hostile files in every file field, and
# hostile requests against gunicorn with the production settings (CPU per request, workers
# alive). The fast adversarial cases run in `make test` with everything else.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p var
exec env DATABASE_URL="${DATABASE_URL:-spatialite:///var/test-adversarial.sqlite3}" \
  $PY -m pytest tests/adversarial -m adversarial_slow -p no:cacheprovider "$@"
