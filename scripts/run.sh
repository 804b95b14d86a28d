#!/usr/bin/env bash
# `make run`: set up, migrate the embedded SpatiaLite database, load the demo data, and serve
# the portal on http://127.0.0.1:8000 with a background task worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p var
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
PY=.venv/bin/python
$PY manage.py migrate --noinput -v 0
# The database cache holds the rate-limit counters shared by runserver and the worker.
$PY manage.py createcachetable
$PY manage.py demo_data
$PY manage.py db_worker --queue-name '*' >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo
echo "Task worker running (log: var/worker.log)."
exec_port=${PORT:-8000}
$PY manage.py runserver "127.0.0.1:${exec_port}"
