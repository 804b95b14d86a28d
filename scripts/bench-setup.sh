#!/usr/bin/env bash
# What `make bench` needs besides the portal's own setup: the load generator wrk, pgbench, and
# the peers in their own venvs under var/peers/ (their GDAL/PROJ never meet the portal's).
# Idempotent: apt only for missing packages, pip only when a requirements file changed.
# Never fails the run: whatever cannot be installed (offline) is reported, and the benchmarks
# say "not installed" in its column.
set -uo pipefail
cd "$(dirname "$0")/.."

# pgbench comes with postgresql-client (Debian 12: /usr/bin/pgbench, also with the server).
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v pgbench >/dev/null || missing+=(postgresql-client)
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  if ! { $SUDO apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
           "${missing[@]}"; }; then
    echo "bench-setup: could not install ${missing[*]}; those columns will say 'not installed'" >&2
  fi
fi
command -v wrk >/dev/null || echo "bench-setup: wrk not found; the HTTP benchmarks are skipped" >&2
command -v pgbench >/dev/null || echo "bench-setup: pgbench not found; the floor says 'not installed'" >&2

peer_venv() {  # name, requirements file
  local name=$1 requirements=$2 dir=var/peers/$1
  local stamp=$dir/.requirements.sha256 want
  want=$(sha256sum "$requirements" | cut -d' ' -f1)
  [[ -f $stamp && "$(cat "$stamp")" == "$want" ]] && return 0
  echo "Installing peer $name into $dir"
  mkdir -p var/peers
  if [[ ! -x $dir/bin/python ]] && ! /usr/bin/python3 -m venv "$dir"; then
    echo "bench-setup: could not create $dir; peer $name: not installed" >&2
    return 0
  fi
  # A clean environment: none of the portal's settings or paths leak into the peer's install.
  if env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" "$dir/bin/pip" install -q \
       --disable-pip-version-check -r "$requirements"; then
    echo "$want" > "$stamp"
  else
    echo "bench-setup: pip install for peer $name failed (offline?); it says 'not installed'" >&2
    rm -rf "$dir"
  fi
}

peer_venv tipg bench/peers/requirements-tipg.txt
peer_venv riotiler bench/peers/requirements-riotiler.txt
exit 0
