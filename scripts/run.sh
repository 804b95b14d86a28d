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
# The supervised worker waits out database outages itself; this loop restarts it if it ends
# for any other reason (a crash, a killed process), after a pause (docs/deploy.md).
(
  trap 'kill "$child" 2>/dev/null; exit 0' TERM INT
  while true; do
    $PY manage.py run_worker --queue-name '*' &
    child=$!
    code=0
    wait "$child" || code=$?
    echo "$(date -Is) task worker ended (exit $code); restarting in 5 s" >&2
    sleep 5
  done
) >>var/worker.log 2>&1 &
supervisor=$!
trap 'kill $supervisor 2>/dev/null || true' EXIT INT TERM
echo
echo "Task worker running, restarted if it stops (log: var/worker.log)."
exec_port=${PORT:-8000}
$PY manage.py runserver "127.0.0.1:${exec_port}"
