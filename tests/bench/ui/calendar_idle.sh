#!/bin/sh
# Idle kiosk on the calendar screen (社区活动, the demo community): CPU over 60 s (utime+stime from
# /proc/PID/stat) and peak RSS (VmHWM), the real binary under Xvfb; the tile is tapped with xdotool at the
# place the test hook (CK_TEST_HOOK_DIR) reports. Compare with idle_cpu.sh (home) and DESIGN.md's budget.
# Usage: tests/bench/ui/calendar_idle.sh [BUILD_DIR] [SECONDS]
set -eu
BUILD=${1:-build}
SECONDS_IDLE=${2:-60}
KIOSK="$BUILD/app/community-kiosk"
WORK=$(mktemp -d)
Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill "$KIOSK_PID" 2>/dev/null || true; kill "$XVFB_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 1
# The hook writes state.json only (no screen.png read-back), so its buffers are not counted as the kiosk's.
DISPLAY=:97 CK_TEST_HOOK_DIR="$WORK/hook" CK_TEST_HOOK_PIXELS=0 "$KIOSK" --data-dir "$WORK/data" --demo >"$WORK/log" 2>&1 &
KIOSK_PID=$!
for _ in $(seq 1 100); do [ -f "$WORK/hook/state.json" ] && break; sleep 0.1; done
sleep 2
HOME_HWM=$(awk '/VmHWM/ {print $2}' "/proc/$KIOSK_PID/status")
XY=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1]))
t=[t for t in s['targets'] if t['name']=='home.tile.activities'][0]
print(int((t['x0']+t['x1'])/2), int((t['y0']+t['y1'])/2))" "$WORK/hook/state.json")
DISPLAY=:97 xdotool mousemove $XY click 1
sleep 5  # opening the calendar is not idle
SCREEN=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['screen'])" "$WORK/hook/state.json")
ticks() { awk '{print $14 + $15}' "/proc/$KIOSK_PID/stat"; }
HZ=$(getconf CLK_TCK)
T0=$(ticks)
sleep "$SECONDS_IDLE"
T1=$(ticks)
HWM=$(awk '/VmHWM/ {print $2}' "/proc/$KIOSK_PID/status")
RSS=$(awk '/VmRSS/ {print $2}' "/proc/$KIOSK_PID/status")
awk -v t="$((T1 - T0))" -v hz="$HZ" -v s="$SECONDS_IDLE" -v hwm="$HWM" -v rss="$RSS" -v home="$HOME_HWM" -v screen="$SCREEN" 'BEGIN {
  printf "idle on the %s screen for %d s: CPU %.2f %% of one core (%d ticks at %d Hz)\n", screen, s, 100 * t / hz / s, t, hz
  printf "peak RSS (VmHWM) %.1f MB (on home before the tap: %.1f MB), RSS now %.1f MB; budget < 120 MB\n", hwm / 1024, home / 1024, rss / 1024 }'
