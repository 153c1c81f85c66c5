#!/usr/bin/env bash
# Installs every Debian 12 package needed to build, test and run the kiosk and hub (run as root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mapfile -t packages < <(grep -vE '^\s*(#|$)' "$here/build-deps.txt")
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"
# The console's browser tests need npm (tests/console). Debian's npm package, unless the installed node
# already brings its own (NodeSource's nodejs does, and conflicts with Debian's npm).
command -v npm >/dev/null || apt-get install -y --no-install-recommends npm
