#!/bin/sh
# Runs every benchmark for DESIGN.md's budgets and prints the figures (median of 5 where each tool says so).
# Not a test: figures depend on the machine and its load; nothing here asserts a time.
# Usage: tests/bench/run-benchmarks.sh [BUILD_DIR] [IDLE_SECONDS]   (defaults: build, 60)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$root/build}
IDLE_SECONDS=${2:-60}

section() { printf '\n== %s ==\n' "$1"; }

section "sync: first sync of 10,000 notices, idle poll, board queries"
"$BUILD/tests/bench/sync/ck_sync_bench"

section "feedback: outbox flush of 10,000 reports, submit with fsync"
"$BUILD/tests/bench/sync/ck_feedback_bench"

section "console: server time per page with 10,000 notices, sign-in cost"
"$BUILD/tests/bench/sync/ck_console_bench"

section "work orders: console pages and the 三率 with 100,000 tickets over 12 months"
"$BUILD/tests/bench/sync/ck_work_order_bench" 100000 100

section "input: keystroke -> pinyin candidates"
"$BUILD/tests/bench/input/input_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

section "ui: CPU per notice-board frame, 10,000 notices"
"$BUILD/tests/bench/ui/ck_bench_ui_frame"

section "ui: process start -> first frame, 10,000 notices (Xvfb + Mesa)"
"$root/tests/bench/ui/first_frame.sh" "$BUILD"

section "ui: idle kiosk on the home screen, ${IDLE_SECONDS} s"
"$root/tests/bench/ui/idle_cpu.sh" "$BUILD" "$IDLE_SECONDS"

section "hub edge: polls beside slow clients, polls/s, peak RSS (nginx + hub vs hub alone)"
"$BUILD/tests/bench/edge/ck_edge_bench"

section "hub reads: status poll (50 ids), lookup by code, lists at 100,000 and 1,000,000 tickets"
"$BUILD/tests/bench/sync/ck_request_read_bench" 100000 1000000

section "district hub: 1 and 2 hub processes behind nginx, SQLite and PostgreSQL: reports/s, polls/s, a hub SIGKILLed"
"$BUILD/tests/bench/edge/ck_district_bench"
