#!/usr/bin/env bash
# Installs the browser-test tools from the lockfile (npm ci, only when needed) and runs the console's
# browser test against the binaries in BUILD_DIR. Exit 77 (CTest: skipped) when node, npm or chromium is
# not installed; see packaging/build-deps.txt.
# Usage: tests/console/run-browser-tests.sh BUILD_DIR [TEST_FILE]   (default: console_flow.test.mjs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
# In CI (CI=true) every tool is installed by packaging/install-deps.sh: a missing one fails, never skips.
missing() {
  echo "${CI:+FAIL}${CI:-SKIP}: $1 not installed (packaging/install-deps.sh installs it)"
  [ -n "${CI:-}" ] && exit 1
  exit 77
}
for tool in node npm; do
  command -v "$tool" >/dev/null || missing "$tool"
done
[ -x "${CK_CHROMIUM:-/usr/bin/chromium}" ] || missing chromium
cd "$here"
# node_modules is rebuilt whenever the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node "${2:-console_flow.test.mjs}" "$build"
