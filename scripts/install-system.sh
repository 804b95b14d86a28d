#!/usr/bin/env bash
# Installs the Debian packages the portal needs. Idempotent: skips apt when all are present.
# Usage: scripts/install-system.sh [--with-postgis]
set -euo pipefail

packages=(
  python3 python3-venv python3-dev build-essential
  gdal-bin libgdal-dev libsqlite3-mod-spatialite
  gettext nodejs npm chromium fonts-dejavu-core poppler-utils
)
if [[ "${1:-}" == "--with-postgis" ]]; then
  packages+=(postgresql postgresql-15-postgis-3 redis-server)
fi

missing=()
for pkg in "${packages[@]}"; do
  # node/npm may come from elsewhere (e.g. nodesource); accept the commands.
  case "$pkg" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
