#!/usr/bin/env bash
# Runs every test: a warnings-as-errors build, then an AddressSanitizer + UBSan build; UI tests under Xvfb.
# Usage: tests/run-all.sh [--no-sanitize]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
sanitize=1
[ "${1:-}" = "--no-sanitize" ] && sanitize=0

# The kiosk's window tests need an X server; start a private Xvfb when there is no display.
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$0" "$@"
fi

# run_suite BUILD_DIR "CTEST_ARGS" CMAKE_ARGS…
run_suite() {
  local build=$1 ctest_args=$2
  shift 2
  cmake -S "$root" -B "$build" -G Ninja -DCK_WERROR=ON "$@" >/dev/null
  cmake --build "$build" -j"$jobs"
  # shellcheck disable=SC2086  # ctest_args is a list of words
  ctest --test-dir "$build" --output-on-failure -j"$jobs" --timeout 600 $ctest_args
}

echo "== build and test (RelWithDebInfo, -Werror) =="
run_suite "$root/build" "" -DCMAKE_BUILD_TYPE=RelWithDebInfo

if [ "$sanitize" = 1 ]; then
  echo "== build and test (ASan + UBSan) =="
  # Leak checking stays on; GL drivers are excluded through the suppressions file.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # The slow real-window tap suites (label slow_window) ran above; under ASan they only cost CI minutes.
  run_suite "$root/build-asan" "-LE slow_window" -DCMAKE_BUILD_TYPE=Debug -DCK_SANITIZE=ON -DCK_BUILD_BENCH=OFF
fi
