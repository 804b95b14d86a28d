#!/usr/bin/env bash
# `make test`: installs everything (PostGIS and Redis included), then runs the whole pytest suite on
# SpatiaLite and on PostGIS, ruff, the migrations drift check and `check --deploy` on the
# production settings. Exits non-zero if any of them fails; runs them all either way.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-postgis || exit 1
mkdir -p var test-artifacts
scripts/postgis.sh || exit 1
scripts/redis.sh || exit 1

PY=.venv/bin/python
# Two pytest-xdist workers (PYTEST_WORKERS=0 runs serially): each has its own test database
# (test_portal_gw0, …; a SpatiaLite file each), the suite takes about half as long.
WORKERS=(-n "${PYTEST_WORKERS:-2}")
[[ "${PYTEST_WORKERS:-2}" == "0" ]] && WORKERS=()
failed=()
step() {
  local name=$1; shift
  echo
  echo "==> $name"
  if ! "$@"; then failed+=("$name"); fi
}

step "ruff" .venv/bin/ruff check .
step "makemigrations --check" env DJANGO_SETTINGS_MODULE=config.settings.test \
  DATABASE_URL=spatialite:///var/migrations-check.sqlite3 \
  $PY manage.py makemigrations --check --dry-run
step "check --deploy (production settings)" env DJANGO_SETTINGS_MODULE=config.settings.production \
  SECRET_KEY="check-deploy-$(head -c 32 /dev/urandom | base64 | tr -dc A-Za-z0-9)" \
  ALLOWED_HOSTS=portal.example.org DATABASE_URL=spatialite:///var/deploy-check.sqlite3 \
  $PY manage.py check --deploy --fail-level WARNING
step "pytest on SpatiaLite" env DATABASE_URL=spatialite:///var/test.sqlite3 \
  $PY -m pytest "${WORKERS[@]}" "$@"
step "pytest on PostGIS" env DATABASE_URL=postgis://portal:portal@127.0.0.1:5432/portal \
  $PY -m pytest "${WORKERS[@]}" "$@"

echo
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All checks passed."
