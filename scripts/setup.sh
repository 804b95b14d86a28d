#!/usr/bin/env bash
# Everything both `make run` and `make test` need: system packages, Python and npm
# dependencies, compiled translations.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system.sh "$@"
scripts/install-python.sh
scripts/install-npm.sh
.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
