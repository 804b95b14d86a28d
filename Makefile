.PHONY: run test test-adversarial setup lint bench messages

run:          ## install everything, migrate, load demo data, serve on http://127.0.0.1:8000
	scripts/run.sh

test:         ## install everything incl. PostGIS, run the suite on SpatiaLite and PostGIS + checks
	scripts/test.sh

test-adversarial:  ## the slow adversarial cases (gunicorn with production settings, every value)
	scripts/test-adversarial.sh

setup:        ## install system, Python and npm dependencies only
	scripts/setup.sh

lint:
	.venv/bin/ruff check .

bench:        ## benchmarks against their floors and peers (see bench/README.md)
	scripts/bench-setup.sh
	.venv/bin/python -m bench

messages:     ## refresh the German/English message catalogues
	.venv/bin/python manage.py makemessages -l de -l en --ignore=.venv --ignore=node_modules
