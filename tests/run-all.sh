#!/usr/bin/env bash
# Runs every test in one build: warnings as errors, AddressSanitizer + UBSan, optimised (-O1) so the real
# window suites run at a usable speed; UI tests under Xvfb. An -O2 release build is compiled (and its
# packages installed and run) by tests/packaging/run.sh.
# Usage: tests/run-all.sh [--no-sanitize]   (--no-sanitize: a plain RelWithDebInfo build, for quick runs)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
sanitize=1
[ "${1:-}" = "--no-sanitize" ] && sanitize=0

# The kiosk's window tests need an X server; start a private Xvfb when there is no display.
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$0" "$@"
fi

# run_suite BUILD_DIR CMAKE_ARGS…
run_suite() {
  local build=$1
  shift
  cmake -S "$root" -B "$build" -G Ninja -DCK_WERROR=ON "$@" >/dev/null
  cmake --build "$build" -j"$jobs"
  ctest --test-dir "$build" --output-on-failure -j"$jobs" --timeout 600
}

if [ "$sanitize" = 1 ]; then
  echo "== build and test (ASan + UBSan, -O1, -Werror) =="
  # Leak checking stays on; GL drivers are excluded through the suppressions file.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  run_suite "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DCK_SANITIZE=ON \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" "-DCMAKE_C_FLAGS_DEBUG=-O1 -g1"
else
  echo "== build and test (RelWithDebInfo, -Werror) =="
  run_suite "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
