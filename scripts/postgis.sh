#!/usr/bin/env bash
# Makes a local PostgreSQL/PostGIS available for the test suite: starts the cluster if it is
# down and creates the role `portal` (superuser: the test runner creates the postgis extension
# in its test database). Prints nothing on success.
set -euo pipefail
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [[ -z "$version" ]]; then
  echo "No PostgreSQL cluster found under /etc/postgresql" >&2; exit 1
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi
}
as_postgres "psql -q -v ON_ERROR_STOP=1 -d postgres" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal') THEN
    CREATE ROLE portal LOGIN SUPERUSER PASSWORD 'portal';
  END IF;
END $$;
SELECT 'CREATE DATABASE portal OWNER portal'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'portal') \gexec
SQL
as_postgres "psql -q -d portal -c 'CREATE EXTENSION IF NOT EXISTS postgis'"
