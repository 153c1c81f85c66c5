#!/bin/sh
# Process start → first frame presented (glfwSwapBuffers), real binary under Xvfb, 10,000 notices in the
# database; median of 5. The kiosk prints CLOCK_MONOTONIC at its first swap when CK_BENCH_FIRST_FRAME=1.
# Usage: tests/bench/ui/first_frame.sh [BUILD_DIR]   (default: build)
set -eu
BUILD=${1:-build}
KIOSK="$BUILD/app/community-kiosk"
FILL="$BUILD/tests/bench/ui/ck_bench_ui_fill"
FLOOR="$BUILD/tests/bench/ui/ck_bench_ui_gl_floor"
WORK=$(mktemp -d)
trap 'kill "$XVFB_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$FILL" "$WORK/data" 10000 >/dev/null
Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
sleep 1

DISPLAY=:97 python3 - "$KIOSK" "$WORK/data" "$FLOOR" <<'PY'
import os, statistics, subprocess, sys, time
kiosk, data, floor = sys.argv[1], sys.argv[2], sys.argv[3]
env = dict(os.environ, CK_BENCH_FIRST_FRAME="1")

def first_frame_ms(cmd):
    t0 = time.monotonic_ns()  # CLOCK_MONOTONIC, the clock the programs report
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    line = [l for l in out.stdout.splitlines() if l.startswith("first-frame-monotonic-ns")][0]
    return (int(line.split()[1]) - t0) / 1e6

# Interleaved, so both see the same machine load.
kiosk_runs, floor_runs = [], []
for _ in range(5):
    kiosk_runs.append(first_frame_ms([kiosk, "--data-dir", data, "--windowed"]))
    floor_runs.append(first_frame_ms([floor]))
fmt = lambda runs: ", ".join("%.0f" % r for r in runs)
print("process start -> first frame, 10,000 notices: median %.0f ms (runs: %s)" % (statistics.median(kiosk_runs), fmt(kiosk_runs)))
print("bare GLFW + GL 3.3 window, clear + swap:      median %.0f ms (runs: %s)" % (statistics.median(floor_runs), fmt(floor_runs)))
PY
