#!/bin/sh
# Idle kiosk on the home screen: CPU over 60 s (utime+stime from /proc/PID/stat) and peak RSS (VmHWM),
# real binary under Xvfb, with the demo community or with an existing data dir (e.g. one filled by
# ck_bench_ui_fill with 10,000 notices). Usage: tests/bench/ui/idle_cpu.sh [BUILD_DIR] [SECONDS] [DATA_DIR]
set -eu
BUILD=${1:-build}
SECONDS_IDLE=${2:-60}
DATA_DIR=${3:-}
KIOSK="$BUILD/app/community-kiosk"
WORK=$(mktemp -d)
Xvfb :96 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill "$KIOSK_PID" 2>/dev/null || true; kill "$XVFB_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 1
if [ -n "$DATA_DIR" ]; then
  DISPLAY=:96 "$KIOSK" --data-dir "$DATA_DIR" >"$WORK/log" 2>&1 &
else
  DISPLAY=:96 "$KIOSK" --data-dir "$WORK/data" --demo >"$WORK/log" 2>&1 &
fi
KIOSK_PID=$!
sleep 5  # start-up is not idle

ticks() { awk '{print $14 + $15}' "/proc/$KIOSK_PID/stat"; }
HZ=$(getconf CLK_TCK)
T0=$(ticks)
sleep "$SECONDS_IDLE"
T1=$(ticks)
HWM=$(awk '/VmHWM/ {print $2}' "/proc/$KIOSK_PID/status")
RSS=$(awk '/VmRSS/ {print $2}' "/proc/$KIOSK_PID/status")
awk -v t="$((T1 - T0))" -v hz="$HZ" -v s="$SECONDS_IDLE" -v hwm="$HWM" -v rss="$RSS" 'BEGIN {
  printf "idle on the home screen for %d s: CPU %.2f %% of one core (%d ticks at %d Hz)\n", s, 100 * t / hz / s, t, hz
  printf "peak RSS (VmHWM) %.1f MB, RSS now %.1f MB\n", hwm / 1024, rss / 1024 }'
